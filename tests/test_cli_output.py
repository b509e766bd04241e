"""The output options of the command line: --status, --speaker, --fields, --all, CSV columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
BORDER = str(ROOT / "samples" / "border-clash.txt")
POLITICS = str(ROOT / "samples" / "politics.txt")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    result = runner.invoke(app, ["extract", *args])
    return result


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("shape", ["json", "jsonl", "csv", "table"])
def test_status_filter_in_every_format(runner: CliRunner, shape: str) -> None:
    result = run(runner, BORDER, "-f", shape, "--status", "disputed,denied", "--width", "200",
                 "--fields", "id,status")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    if shape == "csv":
        statuses = {row["status"] for row in csv_rows(result.stdout)}
    elif shape == "table":
        statuses = {s for s in ("disputed", "denied", "asserted") if s in result.stdout}
    else:
        data = json.loads(result.stdout.splitlines()[0] if shape == "jsonl" else result.stdout)
        statuses = {c["status"] for c in data["claims"]}
        assert all(set(c) == {"id", "status"} for c in data["claims"])
    assert statuses and statuses <= {"disputed", "denied"}


def test_speaker_filter_is_a_case_insensitive_substring(runner: CliRunner) -> None:
    data = json.loads(run(runner, BORDER, "-f", "json", "--speaker", "DOCTORS").stdout)
    names = {c["speaker"]["name"] for c in data["claims"]}
    assert names and all("doctors" in n.lower() for n in names)


def test_fields_in_csv_are_the_columns(runner: CliRunner) -> None:
    result = run(runner, BORDER, "-f", "csv", "--fields", "speaker.name,text,status")
    assert result.stdout.splitlines()[0] == "source,published,speaker.name,text,status,error"


def test_fields_in_the_table(runner: CliRunner) -> None:
    result = run(runner, BORDER, "-f", "table", "--fields", "id,speaker.name", "--width", "80")
    assert result.exit_code == 0 and "speaker.name" in result.stdout and "c1 " in result.stdout


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [("--fields", "speaker.nme", "valid fields: id, text"),
     ("--status", "doubtful", "valid statuses: asserted")],
)  # fmt: skip
def test_bad_filters_are_usage_errors(
    runner: CliRunner, option: str, value: str, said: str
) -> None:
    result = run(runner, BORDER, "-f", "json", option, value)
    assert result.exit_code == 2 and said in result.stderr and not result.stdout


@pytest.mark.parametrize("width", ["80", "200"])
def test_all_shows_narration_in_the_table(runner: CliRunner, width: str) -> None:
    plain = run(runner, BORDER, "-f", "table", "--width", width).stdout
    shown = run(runner, BORDER, "-f", "table", "--width", width, "--all").stdout
    assert "narration" not in plain and "narration" in shown and "n1" in shown


def test_all_shows_narration_in_csv(runner: CliRunner) -> None:
    rows = csv_rows(run(runner, BORDER, "-f", "csv", "--all").stdout)
    narration = [r for r in rows if r["kind"] == "narration"]
    assert narration and narration[0]["id"] == "n1" and not narration[0]["speaker"]


def test_csv_has_every_claim_field(runner: CliRunner) -> None:
    result = run(runner, POLITICS, "-f", "csv")
    assert b"\r\n" not in result.stdout_bytes
    rows = csv_rows(result.stdout)
    assert {"parts", "status_cues", "disputed_by", "via", "via_name"} <= set(rows[0])
    for row in rows:  # every list cell is a JSON array
        for column in ("parts", "status_cues", "disputed_by", "quantities", "locations", "dates"):
            assert isinstance(json.loads(row[column]), list)
    assert any(row["via_name"] == "Department of Finance" for row in rows)
    assert any(json.loads(row["disputed_by"]) for row in rows)


def test_crlf_on_request(runner: CliRunner) -> None:
    result = run(runner, POLITICS, "-f", "csv", "--crlf")
    lines = result.stdout_bytes.split(b"\n")  # result.stdout would turn CRLF into LF
    assert lines[0].endswith(b"\r") and all(line.endswith(b"\r") for line in lines[:-1] if line)


def test_via_is_an_object_like_speaker(runner: CliRunner) -> None:
    claims = json.loads(run(runner, POLITICS, "-f", "json").stdout)["claims"]
    via = next(c["via"] for c in claims if c["via"])
    assert set(via) == {"text", "name", "start", "end"}
    text = Path(POLITICS).read_text(encoding="utf-8")
    assert text[via["start"] : via["end"]] == via["text"]


def test_batch_applies_the_filters(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ["batch", BORDER, "-o", str(out), "-w", "1", "-q", "--status", "disputed", "--fields",
            "id,status"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    claims = json.loads(out.read_text(encoding="utf-8"))["claims"]
    assert claims and all(c["status"] == "disputed" and set(c) == {"id", "status"} for c in claims)


def test_batch_rejects_a_bad_field(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", BORDER, "-o", str(tmp_path / "o.jsonl"), "--fields", "x"])
    assert result.exit_code == 2 and "valid fields" in result.stderr
