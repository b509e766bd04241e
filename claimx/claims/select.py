"""Which claims to show and which of their fields: ``--status``, ``--speaker`` and ``--fields``.

Pure functions over records and plain dicts, shared by every output format and by ``batch``
(which filters its JSONL lines), so that a filter means the same thing everywhere.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from claimx.errors import UsageError
from claimx.records import Article, Claim, ClaimStatus


@dataclass(frozen=True)
class Selection:
    """``statuses`` empty: any status; ``speaker`` None: any speaker; ``fields`` empty: the
    whole claim record."""

    statuses: frozenset[str] = frozenset()
    speaker: str | None = None
    fields: tuple[str, ...] = ()

    @property
    def filters(self) -> bool:
        return bool(self.statuses) or self.speaker is not None


EVERYTHING = Selection()


def dataclass_of(hint: Any) -> type | None:
    """The dataclass in ``X``, ``X | None`` or ``Optional[X]``; None for anything else."""
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    if typing.get_origin(hint) is typing.Union:
        options = typing.get_args(hint)
    found = [o for o in options if isinstance(o, type) and dataclasses.is_dataclass(o)]
    return found[0] if found else None


@cache
def field_paths(record: type = Claim) -> tuple[str, ...]:
    """Every dotted path into a record: ``speaker``, ``speaker.name``, ... (lists whole)."""
    paths: list[str] = []
    hints = typing.get_type_hints(record)
    for item in dataclasses.fields(record):
        paths.append(item.name)
        inner = dataclass_of(hints[item.name])
        if inner is not None:
            paths += [f"{item.name}.{sub}" for sub in field_paths(inner)]
    return tuple(paths)


def parse_fields(value: str | None) -> tuple[str, ...]:
    """``speaker.name,text,status`` as a tuple of known paths; an unknown one is a usage error
    that lists the valid ones."""
    if not value:
        return ()
    fields = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in fields if f not in field_paths()]
    if unknown or not fields:
        raise UsageError(
            f"--fields: unknown field {', '.join(unknown) or repr(value)}; "
            f"valid fields: {', '.join(field_paths())}"
        )
    return fields


def parse_statuses(value: str | None) -> frozenset[str]:
    """``disputed,denied`` as a set of statuses; an unknown one is a usage error."""
    if not value:
        return frozenset()
    wanted = {s.strip().lower() for s in value.split(",") if s.strip()}
    valid = [s.value for s in ClaimStatus]
    unknown = sorted(wanted.difference(valid))
    if unknown or not wanted:
        raise UsageError(
            f"--status: unknown status {', '.join(unknown) or repr(value)}; "
            f"valid statuses: {', '.join(valid)}"
        )
    return frozenset(wanted)


def selection(status: str | None, speaker: str | None, fields: str | None) -> Selection:
    """The options as a Selection, each validated."""
    who = speaker.strip().casefold() if speaker is not None else None
    return Selection(parse_statuses(status), who or None, parse_fields(fields))


def keeps(claim: dict[str, Any], chosen: Selection) -> bool:
    """Whether a claim (as a dict) passes the filters: the speaker test is a case-insensitive
    substring of the speaker's name or its words in the text."""
    if chosen.statuses and str(claim.get("status")) not in chosen.statuses:
        return False
    if chosen.speaker is None:
        return True
    speaker = claim.get("speaker") or {}
    said = f"{speaker.get('name') or ''}\n{speaker.get('text') or ''}".casefold()
    return chosen.speaker in said


def keeps_claim(claim: Claim, chosen: Selection) -> bool:
    speaker = claim.speaker
    as_dict = {
        "status": claim.status.value,
        "speaker": {"name": speaker.name, "text": speaker.text} if speaker else None,
    }
    return keeps(as_dict, chosen)


def filter_article(article: Article, chosen: Selection) -> Article:
    """The article with only the claims that pass, and only the conflicts whose claims all
    remain (claim ids are kept, so gaps show what was left out)."""
    if not chosen.filters:
        return article
    claims = tuple(c for c in article.claims if keeps_claim(c, chosen))
    kept = {c.id for c in claims}
    conflicts = tuple(c for c in article.conflicts if kept.issuperset(c.claims))
    return replace(article, claims=claims, conflicts=conflicts)


def value_at(record: dict[str, Any], path: str) -> Any:
    """The value at a dotted path; None where a part of it is missing or null."""
    value: Any = record
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def project(record: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Only ``fields`` of a claim dict, keyed by their dotted paths; all of it without fields."""
    if not fields:
        return record
    return {path: value_at(record, path) for path in fields}


def select_article_dict(data: dict[str, Any], chosen: Selection) -> dict[str, Any]:
    """An article dict (a JSON or JSONL record) filtered and projected."""
    if not chosen.filters and not chosen.fields:
        return data
    claims = [c for c in data.get("claims") or [] if keeps(c, chosen)]
    result = dict(data)
    if chosen.filters:
        kept = {c["id"] for c in claims}
        result["conflicts"] = [
            c for c in data.get("conflicts") or [] if kept.issuperset(c["claims"])
        ]
    result["claims"] = [project(c, chosen.fields) for c in claims]
    return result
