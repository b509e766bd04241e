from __future__ import annotations

import pytest

from claimx.components.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We won,” he said.", ["We won,"]),
        ('"We won," he said.', ["We won,"]),
        ("He called it “a serious provocation.”", ["a serious provocation."]),
        ("“One.” “Two.”", ["One.", "Two."]),
        ("no quotes here", []),
        ("It's the Taliban’s ‘official’ line", []),
        # an unclosed mark is dropped when a new quote opens in the same paragraph
        ("“Broken, he said. “Whole,” she said.", ["Whole,"]),
        # a closing mark with nothing open is ignored
        ("stray” mark “real”", ["real"]),
        # a quote left open at a paragraph end continues when the next paragraph reopens it
        ("“First part.\n“Second part.”", ["First part.", "Second part."]),
        # ... but not when the next paragraph does not start with a quote
        ("“Unclosed part.\nNarration.", []),
        ('He said "yes" and "no".', ["yes", "no"]),
    ],
)
def test_quote_pairs(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_offsets_point_into_the_text() -> None:
    text = "Intro.\n“Quoted words,” she said."
    (quote,) = find_quotes(text)
    assert text[quote.start] == "“" and text[quote.end - 1] == "”"
