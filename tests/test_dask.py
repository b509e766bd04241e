"""claimx batch --engine dask: same bytes as the local engine, a lost worker loses nothing."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli.app import app
from claimx.io.inputs import Item
from claimx.run.dask_engine import run_dask
from claimx.run.engine import run_local

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
SENTENCES = [
    "Officials said the bridge was destroyed on Sunday.",
    "“We will hold the city,” the general said. “The enemy is retreating.”",
    "The ministry denied that 40 fighters were killed near the border.",
    "Local media reported that 12 people died, but the governor said the figure was false.",
]


def corpus() -> list[Item]:
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES] + SENTENCES * 3
    return [Item(f"a{n}", f"a{n}", text, "2026-03-15") for n, text in enumerate(texts)]


def exit_soon() -> None:
    """Runs on a worker: die abruptly a moment after answering, as a lost machine would."""
    threading.Timer(0.2, os._exit, (1,)).start()


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def local_lines(nlp) -> list[str]:
    return [o.line for o in run_local(corpus(), 1, nlp=nlp)]


def test_same_output_as_the_local_engine(client, local_lines) -> None:
    dask_lines = [o.line for o in run_dask(corpus(), 2, client=client, partition_size=3)]
    assert dask_lines == local_lines


def test_a_killed_worker_loses_nothing(client, nlp) -> None:
    items = [
        Item(f"s{n}", "s", SAMPLES[n % len(SAMPLES)].read_text(encoding="utf-8")) for n in range(16)
    ]
    expected = [o.line for o in run_local(items, 1, nlp=nlp)]
    before = set(client.scheduler_info()["workers"])
    results, steps = [], []
    for outcome in run_dask(items, 2, client=client, partition_size=1, on_progress=steps.append):
        results.append(outcome.line)
        if len(results) == 1:  # kill a worker while most partitions are still to come
            client.run(exit_soon, workers=[sorted(before)[0]])
    assert results == expected
    assert sum(steps) == len(items)  # a partition run again is not counted twice
    client.wait_for_workers(2, timeout=60)  # the nanny starts a new worker process
    assert set(client.scheduler_info()["workers"]) != before


def test_cli_connects_to_a_running_scheduler(client, tmp_path: Path, local_lines) -> None:
    corpus_file = tmp_path / "corpus.jsonl"
    corpus_file.write_text(
        "".join(
            json.dumps({"id": i.id, "text": i.text, "date": i.published}) + "\n" for i in corpus()
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    args = ["batch", str(corpus_file), "--out", str(out), "--engine", "dask", "-q"]
    result = CliRunner().invoke(app, [*args, "--scheduler", client.scheduler.address])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in written] == [i.id for i in corpus()]
    # resume after a torn last line: every id exactly once, the same bytes as one clean run
    whole = out.read_text(encoding="utf-8")
    out.write_text("".join(whole.splitlines(keepends=True)[:5]) + written[5][:40], encoding="utf-8")
    resumed = CliRunner().invoke(app, [*args, "--scheduler", client.scheduler.address, "--resume"])
    assert resumed.exit_code == 0 and out.read_text(encoding="utf-8") == whole


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path: Path) -> None:
    args = [
        "batch",
        str(SAMPLES[0]),
        "--out",
        str(tmp_path / "o.jsonl"),
        "--scheduler",
        "tcp://x:1",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.stderr


def test_missing_dask_is_a_one_line_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)  # as if not installed
    args = ["batch", str(SAMPLES[0]), "--out", str(tmp_path / "o.jsonl"), "--engine", "dask"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and "pip install 'claimx[dask]'" in result.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_progress_per_article(client, local_lines) -> None:
    """Partitions of 8: the callback gets about one step per article, from the workers' events."""
    steps: list[int] = []
    lines = [
        o.line
        for o in run_dask(corpus(), 2, client=client, partition_size=8, on_progress=steps.append)
    ]
    assert lines == local_lines
    assert sum(steps) == len(lines)
    assert len(steps) >= len(lines) * 3 // 4 and max(steps) < 8, steps


def test_watch_keeps_only_its_own_events() -> None:
    from claimx.run.dask_engine import Watch

    class Client:
        def subscribe_topic(self, topic, handler) -> None:
            self.topic = topic

    watch = Watch(Client(), print)
    for message in (
        [watch.run, 3, 2],
        ["another run", 3, 5],
        "not ours",
        [watch.run],
        (watch.run, 4, 1),
    ):
        watch((0.0, message))
    assert [watch.channel.get_nowait() for _ in range(2)] == [(3, 2), (4, 1)]
    assert watch.channel.empty()
