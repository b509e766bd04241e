"""The claim-status rules file (models/status.json): values, priorities, default and triggers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from claimx.errors import PatternError
from claimx.records import ClaimStatus
from claimx.rules.assets import (
    Field,
    Where,
    check_record,
    key_line,
    line_of,
    load_json_text,
    where_in,
)


class AppliesTo(StrEnum):
    """Which claims an article-wide trigger qualifies (all of them when a rule gives none)."""

    CLAIMS_WITH_QUANTITIES = "claims_with_quantities"  # only claims that state a number


class Direction(StrEnum):
    """Where a trigger stands relative to the claim it qualifies."""

    CUE = "cue"  # the cue word itself ("confirmed", "denied")
    PRECEDING = "preceding"  # before the content, in the same clause ("reportedly said …")
    FOLLOWING = "following"  # after the content ("…, which could not be verified")
    WITHIN = "within"  # inside the content: the speaker hedges ("may have")
    BOTH = "both"
    ARTICLE = "article"  # anywhere in the article ("could not verify both sides' figures")
    REBUTTAL = "rebuttal"  # the content rebuts an earlier claim ("that was false")
    TERMINATING = "terminating"  # ends the scope of preceding/following triggers
    PSEUDO = "pseudo"  # cancels the triggers and cues it overlaps ("did not deny")
    SIBLING = "sibling"  # a denial cue colours the same speaker's other claims in its sentence


RULE_SCHEMA = {
    "id": Field((str,), required=True),
    "direction": Field((str,), required=True, choices=Direction),
    "value": Field((str,), choices=ClaimStatus),
    "max_scope": Field((int,)),
    "sentences": Field((int,)),
    "lemmas": Field((list,), items=str),
    "cue_lemmas": Field((list,), items=str),
    "phrases": Field((list,), items=str),
    "patterns": Field((list,), items=list),
    "applies_to": Field((str,), choices=AppliesTo),
    "at_start": Field((bool,)),
}
VALUE_SCHEMA = {
    "name": Field((str,), required=True, choices=ClaimStatus),
    "priority": Field((int,), required=True),
}
TOP_SCHEMA = {
    "values": Field((list,), required=True, items=dict),
    "default": Field((str,), required=True, choices=ClaimStatus),
    "rules": Field((list,), required=True, items=dict),
    "disputes": Field((dict,), required=True),
}


@dataclass(frozen=True)
class StatusRule:
    id: str
    direction: Direction
    value: ClaimStatus | None
    max_scope: int
    sentences: int
    lemmas: frozenset[str]
    cue_lemmas: frozenset[str]
    patterns: tuple[list[dict[str, Any]], ...]
    applies_to: AppliesTo | None
    at_start: bool = False


@dataclass(frozen=True)
class StatusRules:
    priorities: dict[ClaimStatus, int]
    default: ClaimStatus
    rules: tuple[StatusRule, ...]


def phrase_pattern(phrase: str) -> list[dict[str, Any]]:
    return [{"LOWER": word} for word in phrase.lower().split()]


def build_rule(record: dict, where: str) -> StatusRule:
    try:
        direction = Direction(record["direction"])
        value = ClaimStatus(record["value"]) if "value" in record else None
        applies_to = AppliesTo(record["applies_to"]) if "applies_to" in record else None
    except ValueError as exc:
        raise PatternError(f"{where}: {exc}") from None
    if value is None and direction not in (Direction.TERMINATING, Direction.PSEUDO):
        raise PatternError(f"{where}: rule {record['id']!r} needs a 'value'")
    patterns = [phrase_pattern(p) for p in record.get("phrases", ())] + list(
        record.get("patterns", ())
    )
    if not patterns and direction not in (Direction.CUE, Direction.SIBLING):
        raise PatternError(f"{where}: rule {record['id']!r} has no phrases or patterns")
    return StatusRule(
        id=record["id"],
        direction=direction,
        value=value,
        max_scope=record.get("max_scope", 10),
        sentences=record.get("sentences", 0),
        lemmas=frozenset(record.get("lemmas", ())),
        cue_lemmas=frozenset(record.get("cue_lemmas", ())),
        patterns=tuple(patterns),
        applies_to=applies_to,
        at_start=record.get("at_start", False),
    )


@cache
def status_rules() -> StatusRules:
    data, text = load_json_text("status.json", "status")
    return build_status_rules(data, "models/status.json", text)


def build_status_rules(data: dict, where: str, text: str | None = None) -> StatusRules:
    """Values, priorities, default and triggers of a status.json object; errors name ``where``
    and, given the file's ``text``, the line."""
    check_record(data, {**TOP_SCHEMA, "version": Field((int,)), "kind": Field((str,)),
                        "about": Field((str,))}, where_in(where, text))  # fmt: skip
    for value in data["values"]:
        check_record(value, VALUE_SCHEMA, record_where(where, text, "name", value.get("name")))
    priorities = {ClaimStatus(v["name"]): v["priority"] for v in data["values"]}
    rules = []
    for record in data["rules"]:
        at = record_where(where, text, "id", record.get("id"))
        check_record(record, RULE_SCHEMA, at)
        rules.append(build_rule(record, f"{at(None)} ({record['id']})"))
    return StatusRules(priorities, ClaimStatus(data["default"]), tuple(rules))


def record_where(
    where: str, text: str | None, key: str, name: object
) -> Callable[[str | None], str]:
    """``where`` for one object of a list in status.json, found by its name (``"id": "x"``)."""
    if text is None:
        return where_in(f"{where} {key} {name!r}", None)
    start = line_of(text, f'"{key}": "{name}"') if isinstance(name, str) else 1
    return where_in(where, text, start)


LINKER_SCHEMA = {
    "about": Field((str,)),
    "window_before": Field((int,), required=True),
    "window_after": Field((int,), required=True),
    "named_window": Field((int,), required=True),
    "contrast_window": Field((int,), required=True),
    "min_overlap": Field((int,), required=True),
    "min_common": Field((int,), required=True),
    "max_claim_share": Field((float,), required=True),
    "topic_pos": Field((list,), required=True),
    "name_pos": Field((list,), required=True),
    "verb_pos": Field((list,), required=True),
    "ignore_lemmas": Field((list,), required=True),
    "denial_cue_lemmas": Field((list,), required=True),
    "accusation_cue_lemmas": Field((list,), required=True),
    "anaphoric_lemmas": Field((list,), required=True),
    "contrast_openers": Field((list,), required=True),
    "negated_speaker_words": Field((list,), required=True),
    "negated_speaker_cues": Field((list,), required=True),
    "name_window": Field((int,), required=True),
}


@dataclass(frozen=True)
class LinkerRules:
    """Thresholds and cue lists of the dispute linker (the "disputes" object of status.json)."""

    window_before: int  # sentences before a denial where the claims it rebuts may stand
    window_after: int  # sentences after it
    named_window: int  # wider window when the denial names the other source ("X's comments")
    contrast_window: int  # sentences back from a "But ..." claim to the account it contrasts
    min_overlap: int  # shared topic words needed to link two claims
    min_common: int  # a topic word in more claims than this and than max_claim_share ...
    max_claim_share: float  # ... of the article's claims is too common to link claims
    topic_pos: frozenset[str]
    name_pos: frozenset[str]  # topic words that name what a claim is about
    verb_pos: frozenset[str]  # topic words that say what happened
    ignore_lemmas: frozenset[str]
    denial_cue_lemmas: frozenset[str]
    accusation_cue_lemmas: frozenset[str]
    anaphoric_lemmas: frozenset[str]
    contrast_openers: frozenset[str]
    negated_speaker_words: frozenset[str]
    negated_speaker_cues: frozenset[str]  # "No experts believe X" disputes X; "No one claimed" not
    name_window: int  # sentences within which naming the denier alone links a claim


def build_linker(record: Any, where: Where) -> LinkerRules:
    at = where if callable(where) else lambda key: where
    check_record(record, LINKER_SCHEMA, at)
    # ints and floats, as LINKER_SCHEMA checked above
    numbers: dict[str, Any] = {
        k: v for k, v in record.items() if LINKER_SCHEMA[k].types in ((int,), (float,))
    }
    for key, number in numbers.items():
        if number < 0:
            raise PatternError(f"{at(key)}: {key!r} must not be negative")
    words: dict[str, Any] = {}  # frozensets of strings, for the fields numbers leaves
    for key in set(record) - set(numbers) - {"about"}:
        if not all(isinstance(w, str) for w in record[key]):
            raise PatternError(f"{at(key)}: {key!r} must list strings")
        words[key] = frozenset(w if key.endswith("_pos") else w.lower() for w in record[key])
    return LinkerRules(**numbers, **words)


@cache
def linker_rules() -> LinkerRules:
    data, text = load_json_text("status.json", "status")
    return linker_from(data, "models/status.json", text)


def linker_from(data: dict, where: str, text: str | None = None) -> LinkerRules:
    """The dispute linker's rules: the "disputes" object of a status.json object."""
    if not isinstance(data.get("disputes"), dict):
        line = ":1" if text is not None else ""
        raise PatternError(f"{where}{line}: missing the 'disputes' object")
    start = key_line(text, "disputes") if text is not None else 1
    at = where_in(where, text, start) if text is not None else f"{where} disputes"
    return build_linker(data["disputes"], at)
