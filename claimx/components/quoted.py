"""Quotes seen from the cues and claims around them: the quote a cue introduces or closes, the
quote a content lies in, and a claim's kind (direct, mixed or indirect) by its quotation marks."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimx.components.spanindex import SpanIndex
from claimx.components.syntax import Bounds
from claimx.rules.attribution import SyntaxRules


def trim_quote(doc: Doc, quote: Span) -> Bounds:
    """A quote's words as quoted: only spaces and a closing comma or colon are dropped."""
    start, end = quote.start, quote.end
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in (",", ":")):
        end -= 1
    while start < end and doc[start].is_space:
        start += 1
    return start, end


def covering_quote(quotes: SpanIndex[Span], start: int, end: int) -> Span | None:
    """The quote whose inner span contains the token range, if any."""
    return quotes.covering(start, end)


def quote_before(
    doc: Doc, cue: Token, quotes: SpanIndex[Span], allowed: set[int], gap: int, rules: SyntaxRules
) -> Span | None:
    """A quote ending just before the cue ("“…,” Khaasteh tweeted"; "“…,” said Muttaqi").


    Only punctuation, adverbs and the cue's own source may stand between the closing mark and
    the cue, and both must be in the same paragraph.
    """
    quote = quotes.last_ending_by(cue.i)
    if quote is None:
        return None
    # a quote that closed its own sentence is not the content of the next one's cue,
    # unless that sentence is nothing but the attribution ("“… missing.” Trump said.")
    closed = doc[quote.end - 1].text == "." and doc[quote.end - 1].sent != cue.sent
    if closed and not bare_attribution(cue, allowed, rules):
        return None
    between = doc[quote.end : cue.i]
    if len(between) > gap or any("\n" in t.text for t in between):
        return None
    if all(t.is_punct or t.pos_ in rules.quote_gap_pos or t.i in allowed for t in between):
        return quote
    return None


def bare_attribution(cue: Token, allowed: set[int], rules: SyntaxRules) -> bool:
    """The cue's sentence holds only the cue, its source, adverbs and punctuation."""
    return all(
        t.i == cue.i or t.i in allowed or t.is_punct or t.is_space or t.pos_ in rules.quote_gap_pos
        for t in cue.sent
    )


def quote_after(
    doc: Doc, cue: Token, quotes: SpanIndex[Span], gap: int, rules: SyntaxRules
) -> Span | None:
    """A quote opening right after the cue and a colon or comma ("said Friday: “…”")."""
    quote = quotes.first_starting_after(cue.i)
    if quote is None:
        return None
    between = [t for t in doc[cue.i + 1 : quote.start] if not t.is_quote]
    words = [t for t in between if not t.is_space]
    if words and words[-1].text == ":" and all("\n" not in t.text for t in words):
        between = words  # "The minister said:" — a colon carries over the paragraph break
    if len(between) > gap or any(
        "\n" in t.text or t.text in rules.sentence_end_marks for t in between
    ):
        return None  # a quote in the next sentence or paragraph has its own attribution
    if not between or between[-1].text not in rules.quote_lead_marks:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in between):
        return None
    return quote


def claim_kind(content: Bounds, quotes: SpanIndex[Span]) -> str:
    """direct: all inside one quote; mixed: partly quoted; indirect: no quotation marks."""
    start, end = content
    if quotes.covering(start, end) is not None:
        return "direct"
    if quotes.overlaps(start, end):
        return "mixed"
    return "indirect"
