"""Contradicting claims: different sources giving different numbers for the same thing.

Two quantities count the same thing when they share a side (whose people or things they are),
a unit group (soldiers, troops and fighters are all personnel) and an event. "Its own soldiers"
belongs to the speaker's side, and a side's losses are its dead, so "losing nine of its own
soldiers" and "killed 58 Pakistani soldiers" are comparable. A pure function of the Doc and
its claims; the rules are models/conflicts.json.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from .assets import load_json
from .facts.actors import ACTORS_KEY
from .records import Claim, Conflict, Quantity

SIDE_LABELS = ("GPE", "NORP", "GOVERNMENT", "ARMED_GROUP", "MILITARY")


@dataclass(frozen=True)
class ConflictRules:
    unit_groups: dict[str, str]
    event_equivalents: dict[str, str]
    own_markers: tuple[str, ...]
    event_past: dict[str, str]
    government_prefix: str
    government_suffix: str


@dataclass(frozen=True)
class Count:
    claim: Claim
    value: float
    speaker: str
    subject: str


@cache
def conflict_rules() -> ConflictRules:
    data = load_json("conflicts.json", "conflicts")
    prefix, _, suffix = data["government_pattern"].partition("{country}")
    return ConflictRules(
        unit_groups={unit: group for group, units in data["unit_groups"].items() for unit in units},
        event_equivalents=dict(data["event_equivalents"]),
        own_markers=tuple(data["own_markers"]),
        event_past=dict(data["event_past"]),
        government_prefix=prefix,
        government_suffix=suffix,
    )


def side_name(actor: Span, rules: ConflictRules) -> str:
    """The country or group an actor stands for ("Government of Pakistan" → Pakistan)."""
    name = actor.kb_id_ or actor.text
    if name.startswith(rules.government_prefix) and name.endswith(rules.government_suffix):
        name = name[len(rules.government_prefix) : len(name) - len(rules.government_suffix)]
    return name


def side_between(doc: Doc, start: int, end: int, rules: ConflictRules) -> str | None:
    """The first side-naming actor within the character range."""
    for actor in doc.spans.get(ACTORS_KEY, ()):
        if actor.label_ in SIDE_LABELS and start <= actor.start_char and actor.end_char <= end:
            return side_name(actor, rules)
    return None


def quantity_side(
    doc: Doc, text: str, claim: Claim, quantity: Quantity, rules: ConflictRules
) -> str | None:
    subject = (quantity.subject or "").lower()
    if any(marker in subject for marker in rules.own_markers):
        speaker = claim.speaker
        return side_between(doc, speaker.start, speaker.end, rules) if speaker else None
    end = text.find(quantity.subject, quantity.end) if quantity.subject else -1
    if end < 0 or end - quantity.end > 20:
        return None
    return side_between(doc, quantity.start, end + len(quantity.subject), rules)


def representative(quantity: Quantity) -> float | None:
    for number in (quantity.value, quantity.low, quantity.high):
        if number is not None:
            return number
    return None


def counts_by_topic(
    doc: Doc, claims: tuple[Claim, ...], rules: ConflictRules
) -> dict[tuple, list[Count]]:
    topics: dict[tuple, list[Count]] = defaultdict(list)
    text = doc.text  # built from every token on each access: once per document
    for claim in claims:
        for quantity in claim.quantities:
            group = rules.unit_groups.get(quantity.unit or "")
            number = representative(quantity)
            if quantity.event is None or group is None or number is None or claim.speaker is None:
                continue
            side = quantity_side(doc, text, claim, quantity, rules)
            if side is None:
                continue
            event = rules.event_equivalents.get(quantity.event, quantity.event)
            name = claim.speaker.name or claim.speaker.text
            topics[(side, group, event)].append(Count(claim, number, name, quantity.subject or ""))
    return topics


def describe(
    side: str, event: str, counts: list[Count], rules: ConflictRules, demonyms: dict[str, str]
) -> str:
    """A short human phrase: "Pakistani soldiers killed"."""
    nouns = [c.subject.split()[-1] for c in counts if c.subject]
    noun = max(set(nouns), key=nouns.count) if nouns else "people"
    return f"{demonyms.get(side, side)} {noun} {rules.event_past.get(event, event)}"


def find_conflicts(doc: Doc, claims: tuple[Claim, ...]) -> tuple[Conflict, ...]:
    """Groups of claims by different speakers giving different numbers for the same thing."""
    rules = conflict_rules()
    demonyms = country_adjectives()
    conflicts = []
    for (side, _group, event), counts in counts_by_topic(doc, claims, rules).items():
        first_by_speaker: dict[str, Count] = {}
        for count in counts:
            first_by_speaker.setdefault(count.speaker, count)
        chosen = list(first_by_speaker.values())
        if len(chosen) < 2 or len({c.value for c in chosen}) < 2:
            continue
        conflicts.append(
            Conflict(
                id=f"k{len(conflicts) + 1}",
                about=describe(side, event, chosen, rules, demonyms),
                claims=tuple(c.claim.id for c in chosen),
                values=tuple(c.value for c in chosen),
                speakers=tuple(c.speaker for c in chosen),
            )
        )
    return tuple(conflicts)


@cache
def country_adjectives() -> dict[str, str]:
    """Country → its first demonym, for phrasing ("Pakistan" → "Pakistani")."""
    from .assets import load_jsonl
    from .facts.gazetteer import DEMONYM_SCHEMA

    records = load_jsonl("demonyms.jsonl", "demonyms", DEMONYM_SCHEMA)
    return {r["country"]: r["demonyms"][0] for r in records}
