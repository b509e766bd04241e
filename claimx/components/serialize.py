"""Rules as component state: given as config, saved as the JSON/JSONL files they came from.

Like spaCy's SpanRuler and its patterns file: a rule-bearing component lists its ``RULE_FILES``
and implements ``rule_data()`` (the data it runs on, keyed by file name without extension:
``{"status": {...}}``, the JSON object or the JSONL records without their header) and
``use_rules(data)`` (build matchers and tables from it). :class:`RuleSerializer` then gives it
``initialize``, ``to_disk``/``from_disk`` and ``to_bytes``/``from_bytes``. Rules given in config or read back from disk or bytes go through the
same parser as the packaged files, so a bad rule is a :class:`PatternError` naming where it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import srsly

from claimx.errors import PatternError
from claimx.rules.assets import (
    Schema,
    check_version,
    load_json,
    load_jsonl,
    parse_jsonl,
    rule_version,
)

Rules = dict[str, Any]


def packaged_checks() -> dict[str, tuple[Callable[[], object], ...]]:
    """The rules-layer loaders of each packaged JSON file. They check it with ``file:line``
    errors (and are cached) before a component builds its own view, whose errors can only name
    the component."""
    from claimx.rules import conflicts, dates, evaluation, places, quantities, speakers, status
    from claimx.rules.attribution import frames, syntax

    return {
        "conflicts.json": (conflicts.conflict_rules,),
        "dates.json": (dates.date_rules,),
        "evaluation.json": (evaluation.eval_rules,),
        "frames.json": (frames, syntax),
        "places.json": (places.places_data, places.place_grammar),
        "quantities.json": (quantities.quantity_grammar,),
        "speakers.json": (speakers.speaker_rules, speakers.resolution_rules),
        "status.json": (status.status_rules, status.linker_rules),
    }


@dataclass(frozen=True)
class RuleFile:
    """One rule file a component runs on: its name in models/, its header kind and, for JSONL
    files, the schema of its records."""

    name: str
    kind: str
    schema: Schema | None = None

    @property
    def key(self) -> str:
        """Its name without extension, as rules are keyed in config (a dot would nest them)."""
        return self.name.rsplit(".", 1)[0]

    @property
    def is_jsonl(self) -> bool:
        return self.name.endswith(".jsonl")


def packaged(file: RuleFile) -> Any:
    """The packaged file's data: the JSON object, or the list of JSONL records."""
    for check in packaged_checks().get(file.name, ()):
        check()
    if file.is_jsonl:
        return load_jsonl(file.name, file.kind, file.schema or {})
    return load_json(file.name, file.kind)


def dump_text(file: RuleFile, data: Any) -> str:
    """The file's text: JSON with its version, or a JSONL header line and one record a line."""
    if not file.is_jsonl:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    header = {"version": rule_version(file.name), "kind": file.kind}
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [header, *data])


def parse_text(file: RuleFile, text: str, source: str) -> Any:
    """Parse and check a rule file's text as the packaged files are; errors name ``source``."""
    if file.is_jsonl:
        return parse_jsonl(text.splitlines(), source, file.kind, file.schema or {})
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PatternError(f"{source}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    check_version(data, f"{source}:1", file.kind, rule_version(file.name))
    return data


def checked_rules(files: Iterable[RuleFile], rules: Mapping | None, source: str) -> Rules:
    """Rules given in config (``{"status": {...}}``: file name without extension → content)
    over the packaged files, each checked through its text form. A JSON object given without
    ``"version"`` is taken as the current version."""
    by_key = {file.key: file for file in files}
    if rules is None:
        return {key: packaged(file) for key, file in by_key.items()}
    if not isinstance(rules, Mapping):
        raise PatternError(
            f"{source}: 'rules' must map rule files ({', '.join(by_key)}) to their content, "
            f"not be a {type(rules).__name__}"
        )
    unknown = sorted(set(rules) - set(by_key))
    if unknown:
        raise PatternError(
            f"{source}: unknown rule file(s) {', '.join(map(repr, unknown))}; "
            f"this component reads {', '.join(by_key)}"
        )
    data = {}
    for key, file in by_key.items():
        if key not in rules:
            data[key] = packaged(file)
            continue
        value = rules[key]
        if not file.is_jsonl and isinstance(value, Mapping):
            value = {"version": rule_version(file.name), **value}
        if file.is_jsonl and not isinstance(value, list | tuple):
            raise PatternError(f"{source} rules[{key!r}]: expected a list of {file.name} records")
        data[key] = parse_text(file, dump_text(file, value), f"{source} rules[{key!r}]")
    return data


class RuleSerializer:
    """spaCy's serialization protocol for a component whose state is its rule files."""

    name: str
    RULE_FILES: ClassVar[tuple[RuleFile, ...]] = ()

    def rule_data(self) -> Rules:
        raise NotImplementedError

    def use_rules(self, data: Rules) -> None:
        raise NotImplementedError

    def set_rules(self, rules: Mapping | None) -> None:
        """Use ``rules`` (``{"status": {...}}``: file name without extension → content; files
        not given, or None, are the packaged ones)."""
        self.apply(checked_rules(self.RULE_FILES, rules, f"component {self.name!r}"))

    def apply(self, data: Rules) -> None:
        """``use_rules``, its errors naming the component (some builders name only the file)."""
        try:
            self.use_rules(data)
        except PatternError as exc:
            if self.name in str(exc):
                raise
            raise PatternError(f"component {self.name!r}: {exc}") from None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Any = None,
        rules: Mapping | None = None,
    ) -> None:
        """Replace the rules when ``rules`` is given (``[initialize.components]`` config)."""
        if rules is not None:
            self.set_rules(rules)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        data = self.rule_data()
        return srsly.msgpack_dumps({f.name: dump_text(f, data[f.key]) for f in self.RULE_FILES})

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> RuleSerializer:
        self.apply(self.parsed(srsly.msgpack_loads(bytes_data), f"{self.name} bytes"))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        data = self.rule_data()
        for file in self.RULE_FILES:
            (path / file.name).write_text(dump_text(file, data[file.key]), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RuleSerializer:
        path = Path(path)
        texts = {
            file.name: (path / file.name).read_text(encoding="utf-8")
            for file in self.RULE_FILES
            if (path / file.name).is_file()
        }
        self.apply(self.parsed(texts, str(path)))
        return self

    def parsed(self, texts: Mapping[str, str], source: str) -> Rules:
        """Each rule file's text parsed and checked; a missing file is an error."""
        data = {}
        for file in self.RULE_FILES:
            text = texts.get(file.name)
            if text is None:
                raise PatternError(f"{source}/{file.name}: rule file not found")
            data[file.key] = parse_text(file, text, f"{source}/{file.name}")
        return data
