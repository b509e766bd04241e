"""Number wording to values ("1,600", "twenty-three", "a dozen") and the quantity tables.

Pure functions over lower-cased token texts, and ``quantity_rules()``, which loads and validates
models/quantities.json once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any, overload

from spacy.tokens import Doc

from claimx.errors import PatternError
from claimx.rules.assets import Field, asset_path, check_record, line_of, load_json
from claimx.rules.quantities import QuantityGrammar, build_quantity_grammar

# Thousands separators must be well formed so "1,2" or codes like "0100" are not read as counts.
DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|[1-9]\d*|0)(?:\.\d+)?$|^0?\.\d+$")
DIGIT_RANGE = re.compile(r"^([\d.,]+)[-–—]([\d.,]+)$")
HYPHENS = frozenset({"-", "–"})
NUMBER = (int, float)
# Larger than any count news reports (world GDP in dollars is about 1e14): beyond it a "number"
# is a run of digits or scale words, and float would turn it into inf, which JSON cannot hold.
MAX_COUNT = 1e15


@dataclass(frozen=True)
class NumberWords:
    units: Mapping[str, float]
    tens: Mapping[str, float]
    scales: Mapping[str, float]
    articles: frozenset[str]

    def word(self, text: str) -> float | None:
        """Value of one number word or digit string, None if it is not a number."""
        if text in self.units:
            return self.units[text]
        if text in self.tens:
            return self.tens[text]
        if text in self.scales:
            return self.scales[text]
        return digit_value(text)


class Lower(Sequence[str]):
    """Lower-cased token texts, read on demand (most tokens are never looked at)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [token.lower_ for token in self.doc[i]]
        return self.doc[i].lower_

    def __len__(self) -> int:
        return len(self.doc)


def scaled(value: float | None, factor: float) -> float | None:
    return None if value is None else float(value) * factor


def digit_value(text: str) -> float | None:
    if not DIGITS.match(text):
        return None
    value = float(text.replace(",", ""))
    return value if value <= MAX_COUNT else None  # "1" x 5000 is no count, and JSON has no inf


def digit_range(text: str) -> tuple[float, float] | None:
    """A range written as one token, "10–15"; None unless both ends are numbers, low first."""
    found = DIGIT_RANGE.match(text)
    if not found:
        return None
    low, high = digit_value(found.group(1)), digit_value(found.group(2))
    if low is None or high is None or low >= high:
        return None
    return low, high


def combine(values: Sequence[float], scales: Sequence[bool]) -> float:
    """Fold a number wording: "five hundred and twenty" -> 520, "1.5 million" -> 1.5e6."""
    total, current = 0.0, 0.0
    for value, is_scale in zip(values, scales, strict=True):
        if not is_scale:
            current += value
        elif value >= 1000:
            total += (current or 1.0) * value
            current = 0.0
        else:
            current = (current or 1.0) * value
    return total + current


def can_follow(words: NumberWords, prev: str, nxt: str) -> bool:
    """Whether ``nxt`` continues the number ending in ``prev`` ("twenty" "three", "1.5" "million")."""
    if nxt in words.scales:
        return prev not in words.scales or words.scales[prev] < words.scales[nxt]
    if prev in words.tens:
        return nxt in words.units and 0 < words.units[nxt] < 10
    if prev in words.scales:
        value = words.units.get(nxt, words.tens.get(nxt))
        return value is not None and value < words.scales[prev]
    return False


def number_run(words: NumberWords, texts: Sequence[str], start: int) -> tuple[int, float] | None:
    """Read the number starting at token ``start``; return (end token, value) or None."""
    first = texts[start]
    if first in words.articles:
        if start + 1 >= len(texts) or texts[start + 1] not in words.scales:
            return None
        values, scales, end = [1.0], [False], start + 1
    else:
        value = words.word(first)
        if value is None:
            return None
        values, scales, end = [value], [first in words.scales], start + 1
    while end < len(texts):
        step = end
        # "twenty-three" is three tokens, "five hundred and twenty" has an "and" inside.
        if texts[step] in HYPHENS or (texts[step] == "and" and texts[end - 1] in words.scales):
            step += 1
        if step >= len(texts) or not can_follow(words, texts[end - 1], texts[step]):
            break
        if texts[end] in HYPHENS and texts[step] in words.scales:
            break
        values.append(words.word(texts[step]) or 0.0)
        scales.append(texts[step] in words.scales)
        end = step + 1
    value = combine(values, scales)
    return (end, value) if value <= MAX_COUNT else None


class Bound(StrEnum):
    """Which end of a range an approximator gives ("at least" → low, "up to" → high)."""

    LOW = "low"
    HIGH = "high"


APPROX_SCHEMA = {
    "phrase": Field((str,), required=True),
    "approximate": Field((bool,)),
    "bound": Field((str,), choices=Bound),
    "after": Field((bool,)),
    "keep_value": Field((bool,)),
}
VAGUE_SCHEMA = {
    "phrase": Field((str,), required=True),
    **{key: Field(NUMBER) for key in ("value", "low", "high", "scale")},
    "needs_of": Field((bool,)),
}


@dataclass(frozen=True)
class Approximator:
    words: tuple[str, ...]
    approximate: bool
    bound: str | None
    keep_value: bool = False


@dataclass(frozen=True)
class Vague:
    words: tuple[str, ...]
    value: float | None
    low: float | None
    high: float | None
    scale: float | None
    needs_of: bool


@dataclass(frozen=True)
class QuantityRules:
    numbers: NumberWords
    before: dict[tuple[str, ...], Approximator]
    after: dict[tuple[str, ...], Approximator]
    vague: dict[str, list[Vague]]
    connectors: dict[str, bool]
    blockers: frozenset[str]
    openers: dict[str, str]
    symbols: dict[str, str]
    aliases: dict[str, str]
    measures: frozenset[str]
    not_counts: frozenset[str]
    skip_labels: frozenset[str]
    identifier_before: frozenset[str]
    years: tuple[int, int]
    masks: re.Pattern[str]
    zero_words: frozenset[str]
    name_labels: frozenset[str]
    grammar: QuantityGrammar  # the labels the finder follows (the file's "grammar")


def _section(data: dict, *path: str) -> Any:
    for depth, key in enumerate(path):
        if not isinstance(data, dict) or key not in data:
            where = quantities_where(*path[:depth])
            raise PatternError(f"{where}: missing section {'.'.join(path)!r}")
        data = data[key]
    return data


def quantities_where(*path: str) -> str:
    """``models/quantities.json:<line>`` of the last key of ``path`` (read only for an error)."""
    text = asset_path("quantities.json").read_text(encoding="utf-8")
    line = 1
    for key in path:
        needle = key if key.startswith('"') else f'"{key}"'  # a key, or a quoted text as is
        line += line_of("\n".join(text.splitlines()[line - 1 :]), needle) - 1
    return f"models/quantities.json:{line}"


def _records(data: dict, key: str, schema: dict) -> list[dict]:
    items = _section(data, *key.split("."))
    if not isinstance(items, list):
        raise PatternError(f"{quantities_where(key)}: {key!r} must be a list")
    return [
        check_record(item, schema, quantities_where(key, f'"phrase": "{item.get("phrase")}"'))
        if isinstance(item, dict)
        else check_record(item, schema, quantities_where(key))
        for item in items
    ]


def _approximators(data: dict) -> tuple[dict, dict]:
    before: dict[tuple[str, ...], Approximator] = {}
    after: dict[tuple[str, ...], Approximator] = {}
    for rec in _records(data, "approximators", APPROX_SCHEMA):
        if rec.get("bound") not in (None, "low", "high"):
            raise PatternError(f"models/quantities.json: bad bound in {rec['phrase']!r}")
        words = tuple(rec["phrase"].lower().split())
        entry = Approximator(
            words, rec.get("approximate", False), rec.get("bound"), rec.get("keep_value", False)
        )
        (after if rec.get("after") else before)[words] = entry
    return before, after


def _vague(data: dict) -> dict[str, list[Vague]]:
    table: dict[str, list[Vague]] = {}
    for rec in _records(data, "vague", VAGUE_SCHEMA):
        words = tuple(rec["phrase"].lower().split())
        entry = Vague(
            words,
            rec.get("value"),
            rec.get("low"),
            rec.get("high"),
            rec.get("scale"),
            rec.get("needs_of", False),
        )
        table.setdefault(words[-1], []).append(entry)
    return table


@cache
def quantity_rules() -> QuantityRules:
    """The tables of models/quantities.json, validated once."""
    return build_quantity_rules(load_json("quantities.json", "quantities"))


def build_quantity_rules(data: dict) -> QuantityRules:
    """The number, unit and skip tables of a quantities.json object."""
    _section(data, "numbers")  # a missing section is named as a whole
    words = NumberWords(
        _section(data, "numbers", "units"),
        _section(data, "numbers", "tens"),
        _section(data, "numbers", "scales"),
        frozenset(_section(data, "numbers", "articles")),
    )
    before, after = _approximators(data)
    low, high = _section(data, "skip", "year_range")
    return QuantityRules(
        words,
        before,
        after,
        _vague(data),
        _section(data, "numbers", "range_connectors"),
        frozenset(_section(data, "numbers", "range_blockers")),
        _section(data, "numbers", "range_openers"),
        {k.lower(): v for k, v in _section(data, "units", "symbols").items()},
        _section(data, "units", "aliases"),
        frozenset(_section(data, "units", "measures")),
        frozenset(_section(data, "units", "not_counts")),
        frozenset(_section(data, "skip", "entity_labels")),
        frozenset(_section(data, "skip", "identifier_before")),
        (low, high),
        re.compile("|".join(f"(?:{p})" for p in _section(data, "skip", "patterns").values())),
        frozenset(_section(data, "numbers", "zero_words")),
        frozenset(_section(data, "skip", "name_labels")),
        build_quantity_grammar(data),
    )
