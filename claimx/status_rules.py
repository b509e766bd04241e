"""The claim-status rules file (models/status.json): values, priorities, default and triggers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from .assets import Field, check_record, load_json
from .errors import PatternError
from .records import ClaimStatus

RULE_SCHEMA = {
    "id": Field((str,), required=True),
    "direction": Field((str,), required=True),
    "value": Field((str,)),
    "max_scope": Field((int,)),
    "sentences": Field((int,)),
    "lemmas": Field((list,)),
    "cue_lemmas": Field((list,)),
    "phrases": Field((list,)),
    "patterns": Field((list,)),
    "applies_to": Field((str,)),
}
VALUE_SCHEMA = {"name": Field((str,), required=True), "priority": Field((int,), required=True)}


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
    applies_to: str | None


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
    except ValueError as exc:
        raise PatternError(f"{where}: {exc}") from None
    if value is None and direction != Direction.TERMINATING:
        raise PatternError(f"{where}: rule {record['id']!r} needs a 'value'")
    patterns = [phrase_pattern(p) for p in record.get("phrases", ())] + list(
        record.get("patterns", ())
    )
    if not patterns and direction != Direction.CUE:
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
        applies_to=record.get("applies_to"),
    )


@cache
def status_rules() -> StatusRules:
    data = load_json("status.json", "status")
    where = "models/status.json"
    try:
        values = [check_record(v, VALUE_SCHEMA, f"{where} values") for v in data["values"]]
        priorities = {ClaimStatus(v["name"]): v["priority"] for v in values}
        default = ClaimStatus(data["default"])
    except (KeyError, ValueError) as exc:
        raise PatternError(f"{where}: bad values/default ({exc})") from None
    rules = []
    for number, record in enumerate(data.get("rules", []), start=1):
        check_record(record, RULE_SCHEMA, f"{where} rule {number}")
        rules.append(build_rule(record, f"{where} rule {number} ({record['id']})"))
    return StatusRules(priorities, default, tuple(rules))
