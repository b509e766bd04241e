"""Quotation spans found on the raw characters, before any parsing.

News English pairs curly quotes reliably but straight quotes only by position, and a quote that
runs over several paragraphs leaves each paragraph open and reopens the next one. Single quotes
are left alone: inside a double quote they nest, and elsewhere they are mostly apostrophes.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
OPEN_CONTEXT = frozenset(" \t\n([{—–-/")


@dataclass(frozen=True)
class Quote:
    """Character offsets of a quote; ``inner_*`` excludes the marks themselves."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of each non-empty line of ``text`` (a line is a paragraph in plain-text news)."""
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def _is_opening(text: str, index: int, is_open: bool) -> bool:
    char = text[index]
    if char in OPENING:
        return True
    if char in CLOSING:
        return False
    return not is_open and (index == 0 or text[index - 1] in OPEN_CONTEXT)


def quotes_in_paragraph(text: str, start: int, end: int) -> tuple[list[Quote], int | None]:
    """Balanced quotes of one paragraph, and the offset of a quote left open at its end."""
    found: list[Quote] = []
    opened: int | None = None
    for index in range(start, end):
        char = text[index]
        if char not in OPENING and char not in CLOSING and char != STRAIGHT:
            continue
        if _is_opening(text, index, opened is not None):
            opened = index  # a second opening drops an unclosed first: an unbalanced mark
        elif opened is not None:
            found.append(Quote(opened, index + 1))
            opened = None
    return found, opened


def find_quotes(text: str) -> list[Quote]:
    """All double-quoted spans of ``text`` in order, one per paragraph segment."""
    quotes: list[Quote] = []
    spans = paragraphs(text)
    for number, (start, end) in enumerate(spans):
        found, left_open = quotes_in_paragraph(text, start, end)
        quotes.extend(found)
        if left_open is None or number + 1 == len(spans):
            continue
        next_start = spans[number + 1][0]
        next_char = text[next_start:].lstrip()[:1]
        if next_char in OPENING or next_char == STRAIGHT:
            # Newswriting convention: the quote goes on in the next paragraph, which reopens it.
            tail = end
            while tail > left_open and text[tail - 1].isspace():
                tail -= 1
            quotes.append(Quote(left_open, tail, closed=False))
    return quotes
