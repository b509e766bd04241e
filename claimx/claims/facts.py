"""Pure readers that gather the fact spans belonging to a claim or to an unattributed sentence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from claimx.claims.fact_records import actor_record, date_record, location_record, quantity_record
from claimx.components.facts.date_attach import cue_dates
from claimx.components.keys import ACTORS_KEY, DATES_KEY, LOCATIONS_KEY, QUANTITIES_KEY
from claimx.components.spanindex import SpanIndex

FACT_FIELDS: tuple[tuple[str, str, Callable[[Span], Any]], ...] = (
    ("actors", ACTORS_KEY, actor_record),
    ("locations", LOCATIONS_KEY, location_record),
    ("quantities", QUANTITIES_KEY, quantity_record),
    ("dates", DATES_KEY, date_record),
)


@dataclass(frozen=True)
class SentenceFacts:
    """Facts of a sentence that no claim covers (``--all``)."""

    start: int
    end: int
    text: str
    actors: tuple = ()
    locations: tuple = ()
    quantities: tuple = ()
    dates: tuple = ()


class FactIndex:
    """Each fact span group of a Doc indexed by position, built once per Doc: a claim or sentence
    then finds its facts by bisection instead of scanning every fact of the article."""

    def __init__(self, doc: Doc) -> None:
        self.groups = {key: list(doc.spans.get(key, ())) for _, key, _ in FACT_FIELDS}
        self.indexes = {key: SpanIndex(spans) for key, spans in self.groups.items()}

    def inside(self, key: str, parts: list[Span]) -> list[Span]:
        """Facts of ``key`` inside any of ``parts``, in the order of the Doc's span group."""
        index = self.indexes[key]
        hits = {index.order[i] for p in parts for i in index.inside_positions(p.start, p.end)}
        return [self.groups[key][i] for i in sorted(hits)]


def claim_facts(
    doc: Doc, parts: list[Span], cue: Span | None, index: FactIndex | None = None
) -> dict[str, tuple]:
    """Facts inside the content's parts (not the "she said" between two quotes); dates also
    from the cue's own clause ("said Sunday", see date_attach)."""
    index = index or FactIndex(doc)
    facts = {}
    for field, key, record in FACT_FIELDS:
        spans = index.inside(key, parts)
        if field == "dates" and cue is not None:
            spans += [s for s in cue_dates(index.groups[key], cue) if s not in spans]
        facts[field] = tuple(record(s) for s in sorted(spans, key=lambda s: s.start))
    return facts


def narration(doc: Doc, claimed: list[Span]) -> tuple[SentenceFacts, ...]:
    """Facts of the sentences that hold no claim content: narration carries facts too."""
    claims, index, found = SpanIndex(claimed), FactIndex(doc), []
    for sentence in doc.sents:
        if claims.overlaps(sentence.start, sentence.end):
            continue
        facts = {
            field: tuple(record(s) for s in index.inside(key, [sentence]))
            for field, key, record in FACT_FIELDS
        }
        if any(facts.values()):
            text = sentence.text.strip()
            start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
            found.append(SentenceFacts(start, start + len(text), text, **facts))
    return tuple(found)
