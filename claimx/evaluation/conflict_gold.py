"""Reading conflict-news gold files: detect the format, validate, build frozen gold records.

Every problem is an :class:`InputError` of one line naming the file and the article or claim, so
``claimx eval`` exits 2 with a message instead of a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from claimx.errors import InputError

TEXT_FIELDS = ("speaker", "cue", "kind", "status")
FACT_KEYS = {"dates": ("text", "date"), "locations": ("name",), "quantities": ()}


@dataclass(frozen=True)
class GoldClaim:
    where: str
    speaker: str
    cue: str
    kind: str
    status: str
    quantities: tuple[Mapping[str, Any], ...]
    dates: tuple[Mapping[str, Any], ...]
    locations: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class GoldArticle:
    file: str
    published: str
    claims: tuple[GoldClaim, ...]
    conflicts: tuple[frozenset[float], ...]


@dataclass(frozen=True)
class GoldSet:
    """One gold file: ``name`` is how the report calls it (the file name)."""

    name: str
    annotator: str
    articles: tuple[GoldArticle, ...]


class GoldFormat(StrEnum):
    AUTO = "auto"
    POLNEAR = "polnear"
    CONFLICT = "conflict"


def load_json_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InputError(f"{path}: invalid JSON ({exc})") from None


def detect(path: Path) -> GoldFormat:
    """Conflict gold is one JSON object with an ``articles`` list (or a broken ``.json`` file, so
    that its own reader says what is wrong); anything else is PolNeAR JSONL."""
    try:
        with path.open(encoding="utf-8") as handle:
            first_line = handle.readline()
    except (OSError, UnicodeDecodeError):
        return GoldFormat.POLNEAR  # the PolNeAR reader reports it
    if not first_line.lstrip().startswith("{"):
        return GoldFormat.POLNEAR
    try:
        data = json.loads(first_line)  # a whole object on the first line: JSONL or compact JSON
    except ValueError:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            return GoldFormat.CONFLICT if path.suffix == ".json" else GoldFormat.POLNEAR
    is_conflict = isinstance(data, dict) and "articles" in data
    return GoldFormat.CONFLICT if is_conflict else GoldFormat.POLNEAR


def require(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise InputError(f"{where}: {message}")


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_fact(item: Any, key: str, where: str) -> Mapping[str, Any]:
    require(isinstance(item, dict), where, f"each of {key!r} must be an object")
    for name in FACT_KEYS[key]:
        require(isinstance(item.get(name), str), where, f"{key} need a {name!r} string")
    if key == "quantities":
        for name, value in item.items():
            if name not in ("event", "approximate", "unit"):
                require(
                    value is None or is_number(value), where, f"quantity {name!r} must be a number"
                )
    return item


def gold_claim(record: Any, where: str) -> GoldClaim:
    require(isinstance(record, dict), where, "a claim must be a JSON object")
    require(isinstance(record.get("where"), str) and record["where"] != "", where,
            "a claim needs a non-empty 'where' string")  # fmt: skip
    for name in TEXT_FIELDS:
        value = record.get(name)
        require(value is None or isinstance(value, str), where, f"{name!r} must be a string")
    text = {name: record.get(name) or "" for name in TEXT_FIELDS}
    return GoldClaim(
        record["where"], text["speaker"], text["cue"], text["kind"], text["status"],
        quantities=gold_facts(record, "quantities", where),
        dates=gold_facts(record, "dates", where),
        locations=gold_facts(record, "locations", where),
    )  # fmt: skip


def gold_facts(record: dict[str, Any], key: str, where: str) -> tuple[Mapping[str, Any], ...]:
    """The checked ``quantities``, ``dates`` or ``locations`` of a gold claim (may be absent)."""
    items = record.get(key) or []
    require(isinstance(items, list), where, f"{key!r} must be a list")
    return tuple(check_fact(item, key, where) for item in items)


def gold_article(record: Any, where: str) -> GoldArticle:
    require(isinstance(record, dict), where, "an article must be a JSON object")
    for name in ("file", "published"):
        require(isinstance(record.get(name), str) and record[name] != "", where,
                f"an article needs a {name!r} string")  # fmt: skip
    where = f"{where} ({record['file']})"
    claims, conflicts = record.get("claims", []), record.get("conflicts") or []
    require(isinstance(claims, list), where, "'claims' must be a list")
    require(isinstance(conflicts, list), where, "'conflicts' must be a list")
    values = []
    for number, conflict in enumerate(conflicts, 1):
        ok = isinstance(conflict, dict) and isinstance(conflict.get("values"), list)
        ok = ok and all(is_number(v) for v in conflict["values"])
        require(ok, f"{where}: conflict {number}", "needs a 'values' list of numbers")
        values.append(frozenset(float(v) for v in conflict["values"]))
    return GoldArticle(
        record["file"],
        record["published"],
        tuple(gold_claim(c, f"{where}: claim {n}") for n, c in enumerate(claims, 1)),
        tuple(values),
    )


def read_conflict_gold(path: Path) -> GoldSet:
    data = load_json_file(path)
    where = str(path)
    require(isinstance(data, dict) and isinstance(data.get("articles"), list), where,
            'expected a JSON object {"annotator": ..., "articles": [...]}')  # fmt: skip
    articles = tuple(
        gold_article(a, f"{where}: article {n}") for n, a in enumerate(data["articles"], 1)
    )
    return GoldSet(path.name, str(data.get("annotator") or ""), articles)


def stale_claims(gold: GoldSet, article: GoldArticle, text: str) -> list[str]:
    """Claims whose ``where`` is not in the article: an annotation error to stop on."""
    return [
        f"{gold.name} {article.file}: {c.where!r}" for c in article.claims if c.where not in text
    ]
