from __future__ import annotations

import pytest

from claimx.errors import PatternError
from claimx.rules.assets import Field, load_json, parse_jsonl, rule_files
from claimx.rules.attribution import CUE_SCHEMA, cue_rule_from_record, cue_rules, frames, media

SCHEMA = {"id": Field((str,), required=True), "n": Field((int,))}
HEADER = '{"version": 1, "kind": "test"}'


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([HEADER, '{"id": "a"', ""], "rules.jsonl:2: invalid JSON"),
        ([HEADER, '{"n": 1}'], "rules.jsonl:2: missing key 'id'"),
        ([HEADER, "", '{"id": "a", "n": "x"}'], "rules.jsonl:3: 'n' must be int"),
        ([HEADER, '{"id": "a", "n": true}'], "rules.jsonl:2: 'n' must be int"),
        ([HEADER, '{"id": "a", "other": 1}'], "rules.jsonl:2: unknown key(s) other"),
        (['{"id": "a"}'], "rules.jsonl:1: expected a header"),
        (['{"version": 1, "kind": "cues"}'], "holds 'cues', expected 'test'"),
        ([], "empty rule file"),
        ([HEADER, "[1, 2]"], "rules.jsonl:2: expected a JSON object"),
    ],
)
def test_rule_file_errors_name_file_and_line(lines: list[str], message: str) -> None:
    with pytest.raises(PatternError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_jsonl(lines, "rules.jsonl", "test", SCHEMA)


def test_valid_records_are_returned() -> None:
    records = parse_jsonl([HEADER, "// comment", '{"id": "a", "n": 2}'], "r.jsonl", "test", SCHEMA)
    assert records == [{"id": "a", "n": 2}]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "x", "frame": "nonsense", "lemma": "say"}, "unknown frame"),
        ({"id": "x", "frame": "speech"}, "exactly one of 'lemma' or 'phrase'"),
        ({"id": "x", "frame": "speech", "lemma": "say", "phrase": ["a"]}, "exactly one"),
    ],
)
def test_cue_rules_are_checked(record: dict, message: str) -> None:
    with pytest.raises(PatternError, match=message):
        cue_rule_from_record(record)


def test_shipped_rule_files_load() -> None:
    assert {"cues.jsonl", "frames.json", "speakers.json", "media.jsonl"} <= set(rule_files())
    lemmas = {rule.lemma for rule in cue_rules()}
    assert {"say", "claim", "accuse", "deny", "confirm", "tweet", "report"} <= lemmas
    assert "verb" in {frame.handler for frame in frames().values()}
    assert any(entry.name == "Fars News" for entry in media())
    assert set(CUE_SCHEMA) >= {"id", "frame"}


def test_missing_rule_file_is_a_pattern_error() -> None:
    with pytest.raises(PatternError, match="not found"):
        load_json("no-such-file.json", "x")
