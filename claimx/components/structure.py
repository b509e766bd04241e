"""Components that mark text structure before attribution: paragraphs and quotations."""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.keys import QUOTES_KEY
from claimx.components.quotes import find_quotes


class ParagraphBoundaries:
    """Start a sentence after every line break, so no sentence spans two paragraphs.

    Reads token whitespace; writes ``Token.is_sent_start``. Must run before the parser, which
    keeps boundaries that are already set.
    """

    def __init__(self, nlp: Language, name: str = "claimx_paragraphs") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # Through an array: each Token.is_sent_start assignment rescans the Doc, which made
        # this step grow with the square of the article's length.
        starts = doc.to_array([SENT_START])
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                starts[token.i + 1] = 1
        # spaCy's stubs say to_array gives floats and from_array wants Ints2d; both are uint64
        doc.from_array([SENT_START], starts)  # type: ignore[arg-type]
        return doc


class QuoteFinder:
    """Find double-quoted passages on the raw text.

    Writes ``doc.spans["claimx_quotes"]``: one span per quote, covering the words inside the
    marks (label ``"closed"`` or ``"open"`` for a paragraph that a quote runs past).
    """

    def __init__(self, nlp: Language, name: str = "claimx_quotes") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for quote in find_quotes(doc.text):
            span = doc.char_span(
                quote.inner_start,
                quote.inner_end,
                label="closed" if quote.closed else "open",
                alignment_mode="expand",
            )
            if span is not None and len(span):
                spans.append(span)
        doc.spans[QUOTES_KEY] = spans
        return doc
