"""claimx batch: input kinds, error records, order, resume, worker invariance, chunking."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli.app import app
from claimx.io.inputs import Item
from claimx.run import chunks
from claimx.run.analysis import analyse_stream

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def batch(*args: str) -> object:
    return CliRunner().invoke(app, ["batch", *args, "--workers", "1", "--quiet"])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    (root / "nested").mkdir(parents=True)
    (root / "good.txt").write_text(SAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (root / "nested" / "deeper.md").write_text(
        "Officials said the bridge was destroyed.\n", encoding="utf-8"
    )
    (root / "empty.txt").write_text("")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (root / "latin1.txt").write_bytes(
        "The café owner said the shop was closed.\n".encode("latin-1")
    )
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "ignored.json").write_text("{}")
    return root


def test_folder_gives_one_line_per_file(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = batch(str(folder), "--out", str(out))
    assert result.exit_code == 1  # some articles failed
    records = {Path(r["id"]).name: r for r in lines(out)}
    assert sorted(records) == [
        "binary.txt",
        "deeper.md",
        "empty.txt",
        "good.txt",
        "latin1.txt",
        "loop.txt",
    ]
    assert records["binary.txt"]["error"]["type"] == "binary"
    assert records["loop.txt"]["error"]["type"] == "symlink_loop"
    assert records["good.txt"]["claims"] and records["latin1.txt"]["claims"]
    assert records["latin1.txt"]["encoding"] != "utf-8"
    assert records["empty.txt"]["claims"] == [] and records["empty.txt"]["error"] is None
    assert "Traceback" not in result.output


def test_glob_selects_files(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    batch(str(folder), "--out", str(out), "--glob", "*.md")
    assert [Path(r["id"]).name for r in lines(out)] == ["deeper.md"]


def test_jsonl_records_with_fields(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    records = [
        {
            "doc": "a1",
            "body": "Officials said the bridge fell on Sunday.",
            "meta": {"day": "2025-10-12"},
            "headline": "A",
        },
        "not json",
        {"doc": "a3", "nobody": "x"},
    ]
    corpus.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")
    out = tmp_path / "out.jsonl"
    args = [
        "--text-field",
        "body",
        "--id-field",
        "doc",
        "--date-field",
        "meta.day",
        "--title-field",
        "headline",
    ]
    result = batch(str(corpus), "--out", str(out), *args)
    assert result.exit_code == 1
    first, second, third = lines(out)
    assert (first["id"], first["published"], first["title"]) == ("a1", "2025-10-12", "A")
    assert first["claims"][0]["dates"][0]["date"] == "2025-10-12"
    assert second["error"]["type"] == "invalid_json" and second["id"].endswith(":2")
    assert third["id"] == "a3" and third["error"]["type"] == "missing_text"


def test_default_date_fields(tmp_path: Path) -> None:
    corpus = tmp_path / "c.ndjson"
    corpus.write_text(
        json.dumps({"id": 1, "text": "He said so.", "publication_date": "2021-12-02"}) + "\n"
    )
    out = tmp_path / "out.jsonl"
    batch(str(corpus), "--out", str(out))
    assert lines(out)[0]["published"] == "2021-12-02" and lines(out)[0]["id"] == "1"


def test_html_without_extractor_is_an_error_record(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Officials said the bridge fell.</p></body></html>")
    out = tmp_path / "out.jsonl"
    batch(str(page), "--out", str(out))
    (record,) = lines(out)
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        assert "pip install 'claimx[html]'" in record["error"]["message"]
    else:
        assert record["text_source"] == "html"


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("")
    result = batch(str(SAMPLES[0]), "--out", str(out))
    assert result.exit_code == 2 and "--force" in result.stderr
    assert batch(str(SAMPLES[0]), "--out", str(out), "--force").exit_code == 0


def test_resume_repairs_a_torn_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    inputs = [str(p) for p in SAMPLES]
    batch(*inputs, "--out", str(out))
    whole = out.read_text(encoding="utf-8")
    first_line = whole.splitlines(keepends=True)[0]
    out.write_text(first_line + whole.splitlines()[1][:50], encoding="utf-8")  # killed mid-write
    assert batch(*inputs, "--out", str(out), "--resume").exit_code == 0
    assert out.read_text(encoding="utf-8") == whole


def test_workers_do_not_change_the_output(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    inputs = [str(p) for p in SAMPLES] * 2
    CliRunner().invoke(app, ["batch", *inputs, "--out", str(one), "--workers", "1", "-q"])
    CliRunner().invoke(app, ["batch", *inputs, "--out", str(two), "--workers", "2", "-q"])
    assert one.read_bytes() == two.read_bytes() and len(lines(one)) == len(SAMPLES)


def test_long_articles_are_chunked_with_exact_offsets(nlp, monkeypatch) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in SAMPLES)
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 2000)
    monkeypatch.setattr(
        "claimx.run.analysis.split_paragraphs", lambda t: chunks.split_paragraphs(t, 2000)
    )
    (article,) = analyse_stream(nlp, [Item("long", "long", text)])
    assert len(article.claims) > 40
    assert [c.id for c in article.claims] == [f"c{n}" for n in range(1, len(article.claims) + 1)]
    for claim in article.claims:
        assert text[claim.start : claim.end] == claim.text
        assert (
            claim.speaker is None
            or text[claim.speaker.start : claim.speaker.end] == claim.speaker.text
        )


def test_split_paragraphs_covers_the_text() -> None:
    text = "para one\n" * 50
    pieces = chunks.split_paragraphs(text, 100)
    assert "".join(piece for _, piece in pieces) == text
    assert all(piece.endswith("\n") for _, piece in pieces)
    assert [offset for offset, _ in pieces] == [
        sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))
    ]


def test_kill_then_resume_leaves_every_id_once(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": f"a{n}", "text": texts[n % 3]}) + "\n" for n in range(60))
    )
    out = tmp_path / "x.jsonl"
    command = [
        sys.executable,
        "-m",
        "claimx",
        "batch",
        str(corpus),
        "--out",
        str(out),
        "--workers",
        "1",
        "-q",
    ]
    process = subprocess.Popen(command, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_text().count("\n") < 5):
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert out.read_text().count("\n") < 60, "the batch finished before it could be killed"
    subprocess.run([*command, "--resume"], check=True, timeout=300)
    ids = [record["id"] for record in lines(out)]
    assert sorted(ids) == sorted(f"a{n}" for n in range(60)) and len(ids) == 60
