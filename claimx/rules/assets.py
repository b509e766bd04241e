"""The one place that finds and validates claimx's rule files (the ``claimx.models`` package).

Every rule file is versioned: JSON files carry a top-level ``"version"``, JSONL files start with a
header record ``{"version": N, "kind": "..."}``. Records are checked against a small schema at
load, and any problem is raised as :class:`PatternError` naming ``file:line``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimx.errors import PatternError

SUPPORTED_VERSION = 1


@dataclass(frozen=True)
class Field:
    """One key of a record schema: its accepted types and whether it must be present."""

    types: tuple[type, ...]
    required: bool = False


Schema = Mapping[str, Field]


def model_dir() -> Path:
    """The folder holding the packaged rule files."""
    return Path(str(resources.files("claimx.models")))


def asset_path(name: str) -> Path:
    path = model_dir() / name
    if not path.is_file():
        raise PatternError(f"{path}: rule file not found")
    return path


def check_record(record: Any, schema: Schema, where: str) -> dict[str, Any]:
    """Validate one record against ``schema``; return it unchanged."""
    if not isinstance(record, dict):
        raise PatternError(f"{where}: expected a JSON object, got {type(record).__name__}")
    unknown = sorted(set(record) - set(schema))
    if unknown:
        raise PatternError(f"{where}: unknown key(s) {', '.join(unknown)}")
    for key, field in schema.items():
        if key not in record:
            if field.required:
                raise PatternError(f"{where}: missing key {key!r}")
            continue
        value = record[key]
        if not isinstance(value, field.types) or (
            isinstance(value, bool) and bool not in field.types
        ):
            names = "/".join(t.__name__ for t in field.types)
            raise PatternError(f"{where}: {key!r} must be {names}")
    return record


def check_version(header: Any, where: str, kind: str) -> None:
    if not isinstance(header, dict) or header.get("version") != SUPPORTED_VERSION:
        raise PatternError(f'{where}: expected a header with "version": {SUPPORTED_VERSION}')
    if header.get("kind") not in (None, kind):
        raise PatternError(f"{where}: this file holds {header.get('kind')!r}, expected {kind!r}")


def parse_jsonl(lines: Iterable[str], source: str, kind: str, schema: Schema) -> list[dict]:
    """Parse JSONL rule lines: a version header first, then one record per non-blank line."""
    records: list[dict] = []
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
            check_version(value, where, kind)
            seen_header = True
            continue
        records.append(check_record(value, schema, where))
    if not seen_header:
        raise PatternError(f"{source}: empty rule file (no version header)")
    return records


def load_jsonl(name: str, kind: str, schema: Schema) -> list[dict]:
    path = asset_path(name)
    with path.open(encoding="utf-8") as handle:
        return parse_jsonl(handle, f"models/{name}", kind, schema)


def load_json(name: str, kind: str) -> dict:
    """Load a versioned JSON rule file; JSON syntax errors report file:line."""
    path = asset_path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PatternError(f"models/{name}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    check_version(data, f"models/{name}:1", kind)
    return data


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
