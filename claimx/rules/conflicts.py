"""The rules of models/conflicts.json, validated once, and the demonym tables conflicts use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimx.rules.assets import Field, check_top, key_where, load_json_text, load_jsonl

LISTS = (
    "own_markers", "revision_markers", "rival_markers", "part_words", "part_markers",
    "speaker_stopwords", "origin_suffixes", "side_labels",
)  # fmt: skip
GROUPS = ("unit_groups", "comparable_groups", "event_groups", "zero_events")
SCHEMA = {
    **{key: Field((list,), required=True, items=str) for key in LISTS},
    **{key: Field((dict,), required=True, items=list) for key in GROUPS},
    "event_past": Field((dict,), required=True, items=str),
    "government_pattern": Field((str,), required=True),
    "max_ratio": Field((int, float), required=True),
    "recent_days": Field((int,), required=True),
}


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
    side_labels: tuple[str, ...]  # entity labels that name a side of a conflict, not a speaker


@cache
def conflict_rules() -> ConflictRules:
    data, text = load_json_text("conflicts.json", "conflicts")
    return _rules(check_top(data, SCHEMA, key_where("conflicts.json", text)))


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
        side_labels=tuple(data["side_labels"]),
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
