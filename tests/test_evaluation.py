"""claimx eval: pairing, exact spans, source and cue accuracy, speech-only view, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli.app import app
from claimx.evaluation.attribution import Attribution, evaluate, pair, trimmed
from claimx.rules.evaluation import eval_rules

TEXT = 'Smith said "the plan will fail." The mayor believes taxes will rise. Jones told reporters the vote was rigged.'
#       0         1         2         3         4         5         6         7         8         9        10
SMITH, SAID, QUOTE = (0, 5), (6, 10), (11, 32)
MAYOR, BELIEVES, TAXES = (33, 42), (43, 51), (52, 67)
JONES, TOLD, RIGGED = (69, 74), (75, 79), (90, 109)


def span(r: tuple[int, int]) -> list[int]:
    return list(r)


def gold_attr(source, cue, content, kind="indirect") -> dict:
    return {
        "source": span(source) if source else None, "cue": span(cue), "content": span(content),
        "source_parts": [span(source)] if source else [], "cue_parts": [span(cue)],
        "content_parts": [span(content)], "type_heuristic": kind,
    }  # fmt: skip


GOLD = {
    "id": "doc1",
    "text": TEXT,
    "attributions": [
        gold_attr(SMITH, SAID, QUOTE, "direct"),
        gold_attr(MAYOR, BELIEVES, TAXES),
        gold_attr(JONES, TOLD, RIGGED),
    ],
}


def claim(content, speaker, cue, kind="indirect") -> dict:
    return {
        "start": content[0], "end": content[1], "kind": kind,
        "speaker": {"start": speaker[0], "end": speaker[1]} if speaker else None,
        "cue": {"start": cue[0], "end": cue[1]} if cue else None,
    }  # fmt: skip


def attr(*content: tuple[int, int]) -> Attribution:
    return Attribution(content=tuple(content), source=(), cue=(), kind="none", speech=True)


def test_spans_match_the_text() -> None:
    assert TEXT[slice(*SMITH)] == "Smith" and TEXT[slice(*QUOTE)] == '"the plan will fail."'
    assert TEXT[slice(*BELIEVES)] == "believes" and TEXT[slice(*TAXES)] == "taxes will rise"
    assert TEXT[slice(*TOLD)] == "told" and TEXT[slice(*RIGGED)] == "the vote was rigged"


@pytest.mark.parametrize(
    ("gold", "pred", "min_overlap", "expected"),
    [
        ([attr((0, 100))], [attr((0, 40))], 0.3, [(0, 0)]),  # 40 % of the longer span
        ([attr((0, 100))], [attr((0, 20))], 0.3, []),  # only 20 % of the gold span
        ([attr((0, 100))], [attr((90, 200))], 0.3, []),  # little shared
        ([attr((0, 10), (20, 30))], [attr((0, 30))], 0.6, [(0, 0)]),  # 20 of 30: parts count
        ([attr((0, 10), (20, 30))], [attr((0, 30))], 0.7, []),
        ([attr((0, 50))], [attr((0, 45)), attr((0, 50))], 0.3, [(0, 1)]),  # best overlap first
        ([attr((0, 50)), attr((0, 45))], [attr((0, 50))], 0.3, [(0, 0)]),  # one-to-one
    ],
)
def test_pairing(gold, pred, min_overlap, expected) -> None:
    assert pair(gold, pred, min_overlap) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [('"the plan will fail."', "the plan will fail"), (" taxes rise, ", "taxes rise"),
     ("“Yes!”", "Yes"), ("plain", "plain")],
)  # fmt: skip
def test_exact_span_trimming(text: str, expected: str) -> None:
    start, end = trimmed(text, (0, len(text)), eval_rules())
    assert text[start:end] == expected


def test_perfect_prediction_scores_one() -> None:
    line = {"id": "doc1", "error": None, "claims": [
        claim((12, 31), SMITH, SAID, "direct"), claim(TAXES, MAYOR, BELIEVES), claim(RIGGED, JONES, TOLD)
    ]}  # fmt: skip
    report = evaluate([GOLD], {"doc1": line})
    assert report.content.f1 == 1.0 and report.exact.f1 == 1.0
    assert report.source_accuracy == 1.0 and report.cue_accuracy == 1.0 and not report.failed


def test_misses_false_claims_and_wrong_sources() -> None:
    line = {"id": "doc1", "error": None, "claims": [
        claim(QUOTE, JONES, SAID, "direct"),  # right content, wrong source
        claim((0, 10), None, None),  # a false claim
    ]}  # fmt: skip
    report = evaluate([GOLD], {"doc1": line})
    assert (report.content.gold, report.content.pred, report.content.matched_gold) == (3, 2, 1)
    assert report.content.precision == 0.5 and report.content.recall == pytest.approx(1 / 3)
    assert report.source_accuracy == 0.0 and report.cue_accuracy == 1.0
    assert report.by_kind["direct"].recall == 1.0 and report.by_kind["indirect"].recall == 0.0


def test_speech_only_drops_beliefs_on_both_sides() -> None:
    line = {"id": "doc1", "error": None, "claims": [
        claim(QUOTE, SMITH, SAID, "direct"), claim(TAXES, MAYOR, BELIEVES),
    ]}  # fmt: skip
    report = evaluate([GOLD], {"doc1": line}, speech_only=True)
    assert (report.content.gold, report.content.pred, report.content.matched_gold) == (2, 1, 1)


def test_missing_or_failed_lines_count_as_failed_documents() -> None:
    failed_line = {"id": "doc1", "error": {"type": "binary", "message": "x"}, "claims": []}
    for predictions in ({}, {"doc1": failed_line}):
        report = evaluate([GOLD], predictions)
        assert report.failed == ["doc1"] and report.content.recall == 0.0


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_cli_scores_a_prediction_file(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [GOLD])
    line = {"id": "doc1", "error": None, "claims": [claim(QUOTE, SMITH, SAID, "direct")]}
    pred = write_jsonl(tmp_path / "pred.jsonl", [line])
    result = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(pred), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["content"]["matched"] == 1 and report["failed_documents"] == []
    assert report["worst_documents"][0]["id"] == "doc1"


def test_cli_runs_claimx_over_the_gold_texts(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [GOLD])
    result = CliRunner().invoke(app, ["eval", str(gold), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "content overlap" in result.stdout and "1 documents, 0 failed" in result.stdout


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ('{"id": "a", "text": "x"}\n{oops\n', [], "gold.jsonl:2: invalid JSON"),
        ('{"id": "a"}\n', [], "gold.jsonl:1: a gold record needs a 'text' string"),
        ('{"id": "a", "text": "x"}\n', ["--min-overlap", "1.5"], "--min-overlap must be in"),
    ],
)
def test_cli_rejects_bad_input_in_one_line(tmp_path: Path, content, args, message) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(gold), *args])
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output
