"""The tables of models/dates.json, loaded once and checked: a missing key, a wrong type or a bad
pattern stops claimx with ``models/dates.json:<line>: ...`` (PatternError)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from claimx.errors import PatternError
from claimx.rules.assets import Field, check_top, load_json_text, where_in


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the resolution cache
class DateRules:
    """The tables of models/dates.json, as sets and compiled patterns."""

    entity_labels: frozenset[str]
    weekdays: dict[str, int]
    months: dict[str, int]
    untagged_weekday_labels: frozenset[str]
    untagged_month_cues: frozenset[str]
    leading_fillers: frozenset[str]
    modifiers: dict[str, str]
    not_dates: frozenset[str]
    time_anchors: frozenset[str]
    units: frozenset[str]
    point_anchors: frozenset[str]
    number_words: frozenset[str]
    vague: frozenset[str]
    vague_phrases: frozenset[str]
    temporal_words: frozenset[str]
    unresolvable_units: frozenset[str]
    year_range: tuple[int, int]
    range_words: frozenset[str]
    range_pattern: re.Pattern[str]
    decade_pattern: re.Pattern[str]
    fixed_days: dict[str, int]
    periods: dict[str, str]
    no_publication_bases: tuple[datetime, ...]
    calendar_units: frozenset[str]
    modifier_steps: dict[str, int]
    day_suffix: re.Pattern[str]
    future_window_days: int
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    tense_climb_deps: frozenset[str]
    tense_climb_tags: frozenset[str]
    purpose_deps: frozenset[str]
    purpose_tags: frozenset[str]
    infinitive_tags: frozenset[str]
    near_ahead_max_days: int
    day_parts: frozenset[str]
    possessive_next_pos: frozenset[str]
    habitual_before: frozenset[str]
    timeline_heading: re.Pattern[str]
    verb_pos: frozenset[str]
    aux_deps: frozenset[str]
    finite_tags: frozenset[str]
    present_tags: frozenset[str]
    shared_time_deps: frozenset[str]
    participle_deps: frozenset[str]
    participle_tags: frozenset[str]
    reported_deps: frozenset[str]
    clause_join_deps: frozenset[str]
    past_markers: frozenset[str]
    reduced_relative_deps: frozenset[str]
    reduced_relative_tags: frozenset[str]
    relative_tags: frozenset[str]
    indefinite_before: frozenset[str]
    day_part_prepositions: frozenset[str]
    iso_date: re.Pattern[str]


SET_KEYS = (
    "entity_labels", "untagged_weekday_labels", "untagged_month_cues", "leading_fillers",
    "not_dates", "time_anchors", "units", "point_anchors", "number_words", "vague",
    "vague_phrases", "range_words", "temporal_words", "unresolvable_units",
    "future_auxiliaries", "future_governors", "tense_climb_deps", "tense_climb_tags",
    "purpose_deps", "purpose_tags", "infinitive_tags",
    "day_parts", "possessive_next_pos", "habitual_before", "verb_pos", "aux_deps",
    "finite_tags", "present_tags", "shared_time_deps", "participle_deps",
    "participle_tags", "reported_deps", "clause_join_deps", "past_markers",
    "day_part_prepositions", "reduced_relative_deps", "reduced_relative_tags",
    "relative_tags", "indefinite_before", "calendar_units", "no_publication_bases",
)  # fmt: skip
PATTERN_KEYS = ("range_pattern", "decade_pattern", "day_pattern", "timeline_heading", "iso_date")
SCHEMA = {
    **{key: Field((list,), required=True, items=str) for key in SET_KEYS},
    **{key: Field((str,), required=True) for key in PATTERN_KEYS},
    **{key: Field((dict,), required=True, items=int) for key in ("weekdays", "months")},
    **{key: Field((dict,), required=True, items=int) for key in ("fixed_days", "modifier_steps")},
    **{key: Field((dict,), required=True, items=str) for key in ("modifiers", "periods")},
    "year_range": Field((list,), required=True, items=int),
    "future_window_days": Field((int,), required=True),
    "near_ahead_max_days": Field((int,), required=True),
}


@cache
def date_rules() -> DateRules:
    data, text = load_json_text("dates.json", "dates")
    return checked_date_rules(data, "models/dates.json", text)


def checked_date_rules(data: dict, where: str, text: str | None = None) -> DateRules:
    """The tables of a dates.json object; a missing key, a wrong type or a bad pattern names
    ``where`` and, given the file's ``text``, the line."""
    at = where_in(where, text)
    check_top(data, SCHEMA, at)
    for key in (*PATTERN_KEYS, "no_publication_bases", "year_range"):
        try:
            build_value(key, data[key])
        except (re.error, ValueError) as exc:
            raise PatternError(f"{at(key)}: bad {key!r} ({exc})") from None
    return build_rules(data)


def build_value(key: str, value: Any) -> object:
    """Compile one value that can be well typed and still wrong (a regex, a date, a range)."""
    if key == "no_publication_bases":
        return tuple(datetime.fromisoformat(d) for d in value)
    if key == "year_range" and len(value) != 2:
        raise ValueError("expected [first, last]")
    return re.compile(value) if key in PATTERN_KEYS else value


def build_rules(data: dict) -> DateRules:
    sets = {key: frozenset(data[key]) for key in SET_KEYS if key != "no_publication_bases"}
    return DateRules(
        **sets,
        weekdays=dict(data["weekdays"]),
        months=dict(data["months"]),
        modifiers=dict(data["modifiers"]),
        range_pattern=re.compile(data["range_pattern"]),
        decade_pattern=re.compile(data["decade_pattern"]),
        fixed_days=dict(data["fixed_days"]),
        periods=dict(data["periods"]),
        year_range=(int(data["year_range"][0]), int(data["year_range"][1])),
        no_publication_bases=tuple(datetime.fromisoformat(d) for d in data["no_publication_bases"]),
        modifier_steps=dict(data["modifier_steps"]),
        day_suffix=re.compile(data["day_pattern"]),
        future_window_days=int(data["future_window_days"]),
        near_ahead_max_days=int(data["near_ahead_max_days"]),
        timeline_heading=re.compile(data["timeline_heading"]),
        iso_date=re.compile(data["iso_date"]),
    )
