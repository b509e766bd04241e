"""--speech-only on extract and batch: claims whose cue is a speech act, one definition with eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.api import extract
from claimx.claims.article import speech_only
from claimx.cli.app import app
from claimx.cli.batch import speech_only_outcome
from claimx.evaluation.attribution import is_speech
from claimx.io.output import Outcome
from claimx.rules.evaluation import eval_rules, speech_cue

TEXT = (
    "The governor said the bridge would reopen in May. "
    "Engineers blamed the heavy rains for the delay. "
    '"We are ready," the mayor told reporters.\n'
)


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        ("said", True),
        ("told", True),
        ("according to", True),
        ("Said", True),
        ("was quoted as saying", True),
        ("believe", False),
        ("estimated", False),
        ("", False),
        (None, False),
    ],
)
def test_speech_cue(cue, expected) -> None:
    assert speech_cue(cue) is expected


def test_eval_uses_the_same_definition() -> None:
    text = "She said it and he believes it."
    assert is_speech(text, [(4, 8)], eval_rules()) is speech_cue("said")
    assert is_speech(text, [(19, 27)], eval_rules()) is speech_cue("believes")


def test_speech_only_keeps_speech_claims(nlp) -> None:
    article = extract(TEXT, nlp=nlp)
    cues = [c.cue.text for c in article.claims if c.cue]
    assert "blamed" in cues  # the non-speech claim is there before filtering
    kept = speech_only(article)
    assert [c.cue.text for c in kept.claims] == ["said", "told"]
    assert [c.id for c in kept.claims] == ["c1", "c3"]  # ids kept: the gap shows what left


def outcome_line(claims: list[dict], conflicts: list[dict]) -> Outcome:
    line = json.dumps({"id": "a", "claims": claims, "conflicts": conflicts, "error": None})
    return Outcome("a", line, len(claims), False)


@pytest.mark.parametrize(
    ("cues", "conflict_claims", "kept", "conflicts"),
    [
        (["said", "believe"], ["c1", "c2"], ["c1"], 0),  # a conflict loses one of its claims
        (["said", "told"], ["c1", "c2"], ["c1", "c2"], 1),
        (["estimated", None], [], [], 0),
    ],
)
def test_batch_lines_are_filtered(cues, conflict_claims, kept, conflicts) -> None:
    claims = [
        {"id": f"c{n}", "cue": {"text": cue} if cue else None} for n, cue in enumerate(cues, 1)
    ]
    conflict = [{"id": "k1", "claims": conflict_claims}] if conflict_claims else []
    result = speech_only_outcome(outcome_line(claims, conflict))
    data = json.loads(result.line)
    assert [c["id"] for c in data["claims"]] == kept and result.claims == len(kept)
    assert len(data["conflicts"]) == conflicts


def test_cli_extract_and_batch_agree(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(folder / "a.txt"), "-f", "json", "--speech-only"])
    assert result.exit_code == 0, result.output
    extracted = json.loads(result.stdout)["claims"]
    out = tmp_path / "out.jsonl"
    args = ["batch", str(folder), "-o", str(out), "-w", "1", "-q", "--speech-only"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    batched = json.loads(out.read_text(encoding="utf-8"))["claims"]
    assert [c["id"] for c in batched] == [c["id"] for c in extracted] == ["c1", "c3"]
