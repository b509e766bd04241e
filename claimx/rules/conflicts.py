"""The rules of models/conflicts.json, validated once, and the demonym tables conflicts use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimx.errors import PatternError
from claimx.rules.assets import load_json, load_jsonl


@dataclass(frozen=True)
class ConflictRules:
    unit_groups: dict[str, str]
    comparable: dict[str, frozenset[str]]
    event_groups: dict[str, str]
    zero_events: dict[str, tuple[str, ...]]
    own_markers: tuple[str, ...]
    event_past: dict[str, str]
    government_prefix: str
    government_suffix: str
    revision_markers: frozenset[str]
    rival_markers: frozenset[str]
    part_words: frozenset[str]
    part_markers: frozenset[str]
    speaker_stopwords: frozenset[str]
    origin_suffixes: tuple[str, ...]
    max_ratio: float
    recent_days: int


@cache
def conflict_rules() -> ConflictRules:
    data = load_json("conflicts.json", "conflicts")
    try:
        return _rules(data)
    except (KeyError, AttributeError, TypeError, ValueError) as exc:
        raise PatternError(f"models/conflicts.json:1: bad or missing section ({exc})") from None


def _rules(data: dict) -> ConflictRules:
    prefix, _, suffix = data["government_pattern"].partition("{country}")
    return ConflictRules(
        unit_groups={unit: group for group, units in data["unit_groups"].items() for unit in units},
        comparable={k: frozenset(v) for k, v in data["comparable_groups"].items()},
        event_groups={e: group for group, events in data["event_groups"].items() for e in events},
        zero_events={k: tuple(v) for k, v in data["zero_events"].items()},
        own_markers=tuple(data["own_markers"]),
        event_past=dict(data["event_past"]),
        government_prefix=prefix,
        government_suffix=suffix,
        revision_markers=frozenset(data["revision_markers"]),
        rival_markers=frozenset(data["rival_markers"]),
        part_words=frozenset(data["part_words"]),
        part_markers=frozenset(data["part_markers"]),
        speaker_stopwords=frozenset(data["speaker_stopwords"]),
        origin_suffixes=tuple(data["origin_suffixes"]),
        max_ratio=float(data["max_ratio"]),
        recent_days=int(data["recent_days"]),
    )


@cache
def origin_words() -> frozenset[str]:
    """Demonyms in lower case: "Syrian" says where a speaker is from, not who it is."""
    from claimx.rules.places import DEMONYM_SCHEMA

    records = load_jsonl("demonyms.jsonl", "demonyms", DEMONYM_SCHEMA)
    return frozenset(d.lower() for r in records for d in r["demonyms"])


@cache
def country_adjectives() -> dict[str, str]:
    """Country → its first demonym, for phrasing ("Pakistan" → "Pakistani")."""
    from claimx.rules.places import DEMONYM_SCHEMA

    records = load_jsonl("demonyms.jsonl", "demonyms", DEMONYM_SCHEMA)
    return {r["country"]: r["demonyms"][0] for r in records}
