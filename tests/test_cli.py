"""The command line: exit codes, streams and formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx import __version__
from claimx.cli.app import app

ARTICLE = "The ministry said the bridge was destroyed.\n“We will rebuild,” said Amina Yusuf.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_json_output_parses(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "-f", "json", "--date", "2025-10-12"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == str(article) and data["published"] == "2025-10-12"
    assert data["error"] is None
    claim = data["claims"][0]
    assert set(claim) >= {"id", "text", "start", "end", "kind", "status", "sentence", "cue", "speaker",
                          "actors", "locations", "quantities", "dates"}  # fmt: skip
    assert ARTICLE[claim["start"] : claim["end"]] == claim["text"]


def test_several_files_give_an_array(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), str(article), "-f", "json"])
    assert result.exit_code == 0
    assert [a["source"] for a in json.loads(result.stdout)] == [str(article)] * 2


def test_jsonl_and_csv(runner: CliRunner, article: Path) -> None:
    lines = runner.invoke(app, ["extract", str(article), "-f", "jsonl"]).stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["claims"]
    rows = list(
        csv.DictReader(
            io.StringIO(runner.invoke(app, ["extract", str(article), "-f", "csv"]).stdout)
        )
    )
    assert [r["speaker_name"] for r in rows] == ["ministry", "Amina Yusuf"]


def test_table(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "-f", "table"])
    assert result.exit_code == 0 and "Amina Yusuf" in result.stdout and "asserted" in result.stdout


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "json"], input=ARTICLE)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "-"


def test_header_date_is_used(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "dated.txt"
    path.write_text("Date: 2024-05-01\n\n" + ARTICLE, encoding="utf-8")
    data = json.loads(runner.invoke(app, ["extract", str(path), "-f", "json"]).stdout)
    assert data["published"] == "2024-05-01"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("folder", "DIR", "is a directory"),
        ("binary.bin", b"\x00\x01\x02\x03ELF", "binary"),
    ],
)
def test_bad_input_is_one_line_exit_2(runner, tmp_path: Path, name, content, message) -> None:
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert (
        json.loads(result.stdout)["error"]["message"].endswith(message) or message in result.stdout
    )


def test_bad_input_loses_nothing_else(runner, article: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), str(tmp_path / "nope.txt"), "-f", "json"])
    assert result.exit_code == 2
    good, bad = json.loads(result.stdout)
    assert good["claims"] and bad["error"]["type"] == "input"


def test_empty_file_gives_empty_result(runner, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = runner.invoke(app, ["extract", str(path), "-f", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["claims"] == []


def test_latin1_file_is_decoded(runner, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "Le ministre a dit. The café owner said the shop was closed.".encode("latin-1")
    )
    data = json.loads(runner.invoke(app, ["extract", str(path), "-f", "json"]).stdout)
    assert data["claims"] and data["encoding"] != "utf-8"


@pytest.mark.parametrize("date", ["2025-13-01", "yesterday"])
def test_bad_date_option(runner, article: Path, date: str) -> None:
    result = runner.invoke(app, ["extract", str(article), "--date", date])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_unknown_model_is_exit_3(runner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--model", "no_such_model_xyz"])
    assert result.exit_code == 3 and "no_such_model_xyz" in result.stderr


def test_info_lists_model_and_rules(runner) -> None:
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0
    assert "core_web_sm" in result.stdout and "cues.jsonl" in result.stdout


def test_all_adds_facts_of_unattributed_sentences(runner, tmp_path: Path) -> None:
    path = tmp_path / "narration.txt"
    path.write_text(
        "Shelling killed 12 civilians in Kharkiv on Friday.\nOfficials said it stopped.\n"
    )
    plain = json.loads(runner.invoke(app, ["extract", str(path), "-f", "json"]).stdout)
    full = json.loads(runner.invoke(app, ["extract", str(path), "-f", "json", "--all"]).stdout)
    assert "narration" not in plain
    (sentence,) = full["narration"]
    assert sentence["quantities"][0]["value"] == 12
    assert sentence["locations"][0]["name"] == "Kharkiv"
