"""The one place that finds and validates claimx's rule files (the ``claimx.models`` package).

Every rule file is versioned: JSON files carry a top-level ``"version"``, JSONL files start with a
header record ``{"version": N, "kind": "..."}``. Records are checked against a small schema at
load, and any problem is raised as :class:`PatternError` naming ``file:line``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimx.errors import PatternError

SUPPORTED_VERSION = 1
# Files whose format changed since version 1: a loader expects exactly this version, so an old
# copy in $CLAIMX_MODELS_DIR fails with a clear message rather than a missing key.
RULE_VERSIONS = {
    "conflicts.json": 2,  # side_labels
    "frames.json": 2,  # cue_pos of every frame; syntax: edge_word_pos … source_phrase_modifier_deps
    "places.json": 2,  # grammar
    "quantities.json": 2,  # grammar
    "speakers.json": 2,  # resolution: unnamed_entities, plural_tags, … name_strip_modifier_tags
    "status.json": 2,  # disputes: name_pos, verb_pos
}
MODELS_ENV = "CLAIMX_MODELS_DIR"


@dataclass(frozen=True)
class Field:
    """One key of a record schema: its accepted types and whether it must be present; ``items``
    is the type every element of a list (or value of an object) must have, ``choices`` the str
    Enum a string (or every listed string) must belong to."""

    types: tuple[type, ...]
    required: bool = False
    items: type | None = None
    choices: type[Enum] | None = None


Schema = Mapping[str, Field]
Where = str | Callable[[str | None], str]


def model_dir() -> Path:
    """The folder holding the rule files: $CLAIMX_MODELS_DIR when set (an edited copy, or a test's
    broken one), else the packaged ``claimx.models``."""
    override = os.environ.get(MODELS_ENV)
    return Path(override) if override else Path(str(resources.files("claimx.models")))


def asset_path(name: str) -> Path:
    path = model_dir() / name
    if not path.is_file():
        raise PatternError(f"{path}: rule file not found")
    return path


def check_record(record: Any, schema: Schema, where: Where) -> dict[str, Any]:
    """Validate one record against ``schema``; return it unchanged. ``where`` names the record
    (``file:line``) or, for records spread over lines, maps a key (None: the record) to it."""
    at = where if callable(where) else lambda key: where
    if not isinstance(record, dict):
        raise PatternError(f"{at(None)}: expected a JSON object, got {type(record).__name__}")
    unknown = sorted(set(record) - set(schema))
    if unknown:
        raise PatternError(f"{at(unknown[0])}: unknown key(s) {', '.join(unknown)}")
    for key, field in schema.items():
        if key not in record:
            if field.required:
                raise PatternError(f"{at(None)}: missing key {key!r}")
            continue
        problem = field_problem(record[key], field)
        if problem:
            raise PatternError(f"{at(key)}: {key!r} {problem}")
    return record


def is_a(value: Any, types: tuple[type, ...]) -> bool:
    """isinstance, except that a bool is no int (JSON true is not a count)."""
    return isinstance(value, types) and (bool in types or not isinstance(value, bool))


def field_problem(value: Any, field: Field) -> str | None:
    """What is wrong with one value (None: nothing)."""
    if not is_a(value, field.types):
        return "must be " + "/".join(t.__name__ for t in field.types)
    members = list(value.values()) if isinstance(value, dict) else value
    members = members if isinstance(members, list) else [members]
    typed = field.items is None or all(is_a(member, (field.items,)) for member in members)
    if not typed:
        return f"must hold only {field.items.__name__} values"  # type: ignore[union-attr]
    if field.choices is not None:
        allowed = {choice.value for choice in field.choices}
        bad = [m for m in members if isinstance(m, str) and m not in allowed]
        if bad:
            return f"has unknown value {bad[0]!r} (expected one of {', '.join(sorted(allowed))})"
    return None


def line_of(text: str, needle: str) -> int:
    """The first line of ``text`` containing ``needle`` (1 if none), for error messages."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def key_line(text: str, key: str) -> int:
    """The first line of a JSON file mentioning ``"key"`` (1 if none), for error messages."""
    return line_of(text, f'"{key}"')


def rule_version(name: str) -> int:
    """The version a loader expects of the rule file ``name``."""
    return RULE_VERSIONS.get(name, SUPPORTED_VERSION)


def check_version(header: Any, where: str, kind: str, version: int = SUPPORTED_VERSION) -> None:
    if not isinstance(header, dict) or header.get("version") != version:
        raise PatternError(f'{where}: expected a header with "version": {version}')
    if header.get("kind") not in (None, kind):
        raise PatternError(f"{where}: this file holds {header.get('kind')!r}, expected {kind!r}")


def parse_jsonl(lines: Iterable[str], source: str, kind: str, schema: Schema) -> list[dict]:
    """Parse JSONL rule lines: a version header first, then one record per non-blank line."""
    return [record for _, record in parse_jsonl_at(lines, source, kind, schema)]


def parse_jsonl_at(
    lines: Iterable[str], source: str, kind: str, schema: Schema
) -> list[tuple[str, dict]]:
    """:func:`parse_jsonl`, each record with its ``file:line`` for the checks a schema cannot make."""
    records: list[tuple[str, dict]] = []
    seen_header = False
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        where = f"{source}:{lineno}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{where}: invalid JSON ({exc.msg})") from None
        if not seen_header:
            check_version(value, where, kind, RULE_VERSIONS.get(Path(source).name, 1))
            seen_header = True
            continue
        records.append((where, check_record(value, schema, where)))
    if not seen_header:
        raise PatternError(f"{source}: empty rule file (no version header)")
    return records


def load_jsonl(name: str, kind: str, schema: Schema) -> list[dict]:
    return [record for _, record in load_jsonl_at(name, kind, schema)]


def load_jsonl_at(name: str, kind: str, schema: Schema) -> list[tuple[str, dict]]:
    path = asset_path(name)
    with path.open(encoding="utf-8") as handle:
        return parse_jsonl_at(handle, f"models/{name}", kind, schema)


def load_json(name: str, kind: str) -> dict:
    """Load a versioned JSON rule file; JSON syntax errors report file:line."""
    return load_json_text(name, kind)[0]


def load_json_text(name: str, kind: str) -> tuple[dict, str]:
    """A versioned JSON rule file and its text (to point errors at the line of a key)."""
    path = asset_path(name)
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PatternError(f"models/{name}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    check_version(
        data, f"models/{name}:{key_line(text, 'version')}", kind, RULE_VERSIONS.get(name, 1)
    )
    return data, text


def key_where(name: str, text: str, start: int = 1) -> Callable[[str | None], str]:
    """``where`` for :func:`check_record` on an object of models/``name`` that begins on line
    ``start``: a key's line (the first at or after ``start``), or ``start`` for the object."""
    return where_in(f"models/{name}", text, start)


def where_in(source: str, text: str | None, start: int = 1) -> Callable[[str | None], str]:
    """:func:`key_where` for any ``source`` label; without the ``text`` (rules held as data, not
    read from a file) every error names ``source`` alone."""

    def where(key: str | None) -> str:
        if text is None:
            return source
        line = start if key is None else start + line_of(text_from(text, start), f'"{key}"') - 1
        return f"{source}:{line}"

    return where


def check_top(data: dict, schema: Schema, where: Where) -> dict[str, Any]:
    """Check a JSON rule file's top level against ``schema`` (``where``: see
    :func:`check_record`, usually :func:`key_where`); the header ("version", "kind") and
    "about…" notes are always allowed."""
    body = {k: v for k, v in data.items() if k not in ("version", "kind") and k[:5] != "about"}
    return check_record(body, schema, where)


def text_from(text: str, line: int) -> str:
    return "\n".join(text.splitlines()[line - 1 :])


@cache
def rule_files() -> tuple[str, ...]:
    """Names of every rule file shipped in models/ (for ``claimx info``)."""
    return tuple(sorted(p.name for p in model_dir().iterdir() if p.suffix in (".json", ".jsonl")))


def asset_digest(*names: str) -> str:
    """A hex digest of rule files' bytes: a cache key that changes whenever a file is edited."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode())
        digest.update(asset_path(name).read_bytes())
    return digest.hexdigest()
