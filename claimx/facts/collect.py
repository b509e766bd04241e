"""Pure readers that gather the fact spans belonging to a claim or to an unattributed sentence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from .actors import ACTORS_KEY, actor_record
from .date_attach import cue_dates
from .dates import DATES_KEY, date_record
from .places import LOCATIONS_KEY, location_record
from .quantities import QUANTITIES_KEY, quantity_record

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


def inside(span: Span, start: int, end: int) -> bool:
    return start <= span.start and span.end <= end


def claim_facts(doc: Doc, parts: list[Span], cue: Span | None) -> dict[str, tuple]:
    """Facts inside the content's parts (not the "she said" between two quotes); dates also
    from the cue's own clause ("said Sunday", see date_attach)."""
    facts = {}
    for field, key, record in FACT_FIELDS:
        found = doc.spans.get(key, ())
        spans = [s for s in found if any(inside(s, p.start, p.end) for p in parts)]
        if field == "dates" and cue is not None:
            spans += [s for s in cue_dates(found, cue) if s not in spans]
        facts[field] = tuple(record(s) for s in sorted(spans, key=lambda s: s.start))
    return facts


def narration(doc: Doc, claimed: list[Span]) -> tuple[SentenceFacts, ...]:
    """Facts of the sentences that hold no claim content: narration carries facts too."""
    found = []
    for sentence in doc.sents:
        if any(c.start < sentence.end and sentence.start < c.end for c in claimed):
            continue
        facts = {
            field: tuple(
                record(s) for s in doc.spans.get(key, ()) if inside(s, sentence.start, sentence.end)
            )
            for field, key, record in FACT_FIELDS
        }
        if any(facts.values()):
            text = sentence.text.strip()
            start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
            found.append(SentenceFacts(start, start + len(text), text, **facts))
    return tuple(found)
