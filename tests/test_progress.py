"""Batch and eval progress: counting inputs, the bar, Ctrl-C, and the checks before a run."""

from __future__ import annotations

import io
import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import batch as batch_command
from claimx.cli.app import app
from claimx.cli.progress import Meter, count_inputs, resume_command, tracked
from claimx.io.output import Outcome

ARTICLE = "“We will rebuild,” said Amina Yusuf.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.md", "sub/c.txt", "skip.pdf"):
        (folder / name).write_text(ARTICLE, encoding="utf-8")
    return folder


def test_count_folders_files_and_jsonl(corpus: Path, tmp_path: Path) -> None:
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text('{"id": 1, "text": "a"}\n\n{"id": 2, "text": "b"}\n', encoding="utf-8")
    assert count_inputs([str(corpus)]).total == 3
    assert count_inputs([str(corpus), str(jsonl), str(corpus / "a.txt")]).total == 6
    assert count_inputs([str(corpus)], "*.md").total == 1
    assert count_inputs([str(jsonl), "-"]).total is None  # stdin cannot be counted ahead


def test_count_names_a_glob_that_matches_nothing(corpus: Path) -> None:
    assert count_inputs([str(corpus)], "*.xml").empty == (str(corpus),)
    assert count_inputs([str(corpus)], "*.txt").empty == ()


def test_tracked_passes_every_outcome_through() -> None:
    outcomes = [Outcome(str(n), "{}", 0, n == 2) for n in range(4)]

    def run(on_progress=None) -> list[Outcome]:
        return outcomes

    assert list(tracked(run, 4, "test", show=True)) == outcomes
    assert list(tracked(run, None, "test", show=False)) == outcomes


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["batch", "news", "-o", "out.jsonl"], "claimx batch news -o out.jsonl --resume"),
        (["batch", "news", "-o", "out.jsonl", "--force"], "claimx batch news -o out.jsonl --resume"),
        (["batch", "my news", "-o", "o.jsonl", "--resume"], "claimx batch 'my news' -o o.jsonl --resume"),
    ],
)  # fmt: skip
def test_resume_command(argv: list[str], expected: str) -> None:
    assert resume_command(argv) == expected


def test_ctrl_c_prints_how_to_resume(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_command, "run_batch", interrupted)
    out = tmp_path / "out.jsonl"
    argv = ["batch", str(corpus), "-o", str(out), "-w", "1"]
    monkeypatch.setattr("sys.argv", ["claimx", *argv])
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 130
    assert f"To continue: claimx batch {corpus} -o {out} -w 1 --resume" in result.stderr


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--resume", "--force"], "--resume and --force"),
        (["missing-folder"], "missing-folder: no such file or folder\n"),
        (["news-*.txt"], "news-*.txt: no such file or folder (a shell pattern that matched nothing?)"),
    ],
)  # fmt: skip
def test_usage_errors_before_any_output(
    corpus: Path, tmp_path: Path, extra: list[str], said: str
) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(corpus), "-o", str(out), "-w", "1", *extra])
    assert result.exit_code == 2 and said in result.stderr and not out.exists()


def test_glob_matching_nothing_warns(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["batch", str(corpus), "-o", str(out), "-w", "1", "--glob", "*.xml"]
    )
    assert result.exit_code == 0
    assert "warning: --glob *.xml matches no file" in result.stderr and out.read_text() == ""


def test_batch_writes_every_article_with_the_bar_code_path(corpus: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(batch_command, "show_progress", lambda quiet: True)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(corpus), "-o", str(out), "-w", "1"])
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3 and all(line["claims"] for line in lines)


def test_eval_has_quiet(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--help"])
    assert "--quiet" in result.stdout


@pytest.mark.parametrize("quiet", [False, True])
def test_eval_engine_shows_progress_unless_quiet(
    quiet: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimx.cli import eval_report
    from claimx.evaluation.command import run_engine
    from claimx.io.inputs import Item

    asked: list[bool] = []
    monkeypatch.setattr(eval_report, "show_progress", lambda q: asked.append(q) or not q)
    items = [Item(f"a{n}", "-", ARTICLE, None) for n in range(3)]
    lines = run_engine(items, 1, None, eval_report.progress(quiet))
    assert asked == [quiet] and sorted(lines) == ["a0", "a1", "a2"]


def test_batch_speaker_filter(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = ["batch", str(corpus), "-o", str(out), "-w", "1", "-q", "--speaker", "nobody"]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert all(not json.loads(line)["claims"] for line in out.read_text().splitlines())


def test_bar_shows_total_rate_eta_and_failures() -> None:
    from rich.console import Console

    shown = io.StringIO()
    outcomes = [Outcome(str(n), "{}", 0, n == 1) for n in range(3)]

    def run(on_progress=None) -> list[Outcome]:
        return outcomes

    console = Console(file=shown, force_terminal=True, width=160)
    assert list(tracked(run, 3, "claimx batch", console=console)) == outcomes
    text = shown.getvalue()
    for part in ("claimx batch", "3/3", "articles/s", "failed: 1", "ETA"):
        assert part in text


def test_two_workers_advance_the_bar_per_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real pipeline in two worker processes: tasks hold 16 articles, yet the bar gets
    about one step per article (it used to get one step of 16 per task)."""
    steps: list[int] = []
    finished = Meter.finished

    def recorded(meter: Meter, count: int) -> None:
        steps.append(count)
        finished(meter, count)

    monkeypatch.setattr(Meter, "finished", recorded)
    monkeypatch.setattr(batch_command, "show_progress", lambda quiet: True)
    corpus = tmp_path / "corpus.jsonl"
    records = [
        {"id": f"r{n}", "text": f"“Road {n} will reopen,” said Amina Yusuf."} for n in range(40)
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(corpus), "-o", str(out), "-w", "2"])
    assert result.exit_code == 0, result.stderr
    written = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == [r["id"] for r in records]
    assert sum(steps) == 40 and len(steps) >= 30 and steps.count(1) >= 30, steps


@pytest.mark.parametrize("engine", [[], ["--engine", "dask", "--partition-size", "4"]])
def test_ctrl_c_with_two_workers_stops_and_says_how_to_resume(
    tmp_path: Path, engine: list[str]
) -> None:
    """A real SIGINT to the whole process group, as a terminal sends it: one line saying how to
    resume (Dask's processes print no tracebacks), and a whole, partial output. How fast it
    stops is measured by hand, not here (shared machines are noisy); the bound only catches a
    hang."""
    if engine:
        pytest.importorskip("distributed")
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus.jsonl"
    records = [{"id": f"r{n}", "text": f"“Road {n} will reopen,” said Amina Yusuf. " * 60} for n in range(400)]  # fmt: skip
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "claimx", "batch", str(corpus), "-o", str(out), "-w", "2", *engine]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not (out.exists() and out.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGINT)
    stopped = time.monotonic()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert time.monotonic() - stopped < 60
    resume = shlex.join(["claimx", "batch", str(corpus), "-o", str(out), "-w", "2", *engine, "--resume"])  # fmt: skip
    assert stderr.strip().splitlines() == [f"claimx: error: interrupted; the lines written so far are kept. To continue: {resume}"]  # fmt: skip
    assert 0 < len(out.read_text(encoding="utf-8").splitlines()) < len(records)


def test_a_missing_input_exits_2_in_batch_as_in_extract(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    extracted = CliRunner().invoke(app, ["extract", missing])
    batched = CliRunner().invoke(app, ["batch", missing, "-o", str(tmp_path / "o.jsonl")])
    assert extracted.exit_code == batched.exit_code == 2
    assert (
        "gone.txt: no such file" in extracted.stderr and "gone.txt: no such file" in batched.stderr
    )
