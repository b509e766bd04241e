"""The local engine: order, memory zones, and what happens when an article breaks a worker."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator

import pytest

from claimx.io.inputs import Item
from claimx.io.output import Outcome
from claimx.run.engine import WorkerPool, stream_items, tasks
from claimx.run.tally import Tally


def fake_task(items: list[Item]) -> list[Outcome]:
    """Stands in for the pipeline in worker processes: "crash" kills the worker outright."""
    if any(item.text == "crash" for item in items):
        os._exit(1)
    return [Outcome(item.id, json.dumps({"id": item.id}), 0, False) for item in items]


def slow_task(items: list[Item]) -> Iterator[Outcome]:
    """Articles one by one, each taking a moment, as the pipeline gives them."""
    for item in items:
        time.sleep(0.03)
        yield Outcome(item.id, json.dumps({"id": item.id}), 0, False)


def no_model(model: str | None) -> None:
    return None


def items(texts: list[str]) -> list[Item]:
    return [Item(f"a{n}", f"a{n}", text) for n, text in enumerate(texts)]


def test_a_worker_that_dies_costs_only_its_article() -> None:
    texts = ["fine"] * 5 + ["crash"] + ["fine"] * 7
    pool = WorkerPool(2, None, task=fake_task, initializer=no_model)
    results = list(pool.run(tasks(items(texts), size=3)))
    assert [r.id for r in results] == [f"a{n}" for n in range(len(texts))]
    assert [r.failed for r in results] == [text == "crash" for text in texts]
    assert json.loads(results[5].line)["error"]["type"] == "worker_crashed"


def test_pool_keeps_input_order() -> None:
    texts = [f"text {n}" for n in range(40)]
    pool = WorkerPool(2, None, task=fake_task, initializer=no_model)
    results = list(pool.run(tasks(items(texts), size=4)))
    assert [r.id for r in results] == [f"a{n}" for n in range(40)]


def test_an_exception_fails_only_its_article(nlp, monkeypatch) -> None:
    import claimx.run.analysis as analysis

    original = analysis.article_from_doc

    def flaky(doc, source, published, *args, **kwargs):
        if "poison" in doc.text:
            raise RuntimeError("boom")
        return original(doc, source, published, *args, **kwargs)

    monkeypatch.setattr(analysis, "article_from_doc", flaky)
    texts = ["Officials said the bridge fell.", "poison pill", "The minister said talks failed."]
    results = list(stream_items(nlp, items(texts)))
    assert [r.failed for r in results] == [False, True, False]
    error = json.loads(results[1].line)["error"]
    assert error == {"type": "internal", "message": "RuntimeError: boom"}
    assert results[0].claims == 1 and results[2].claims == 1


@pytest.mark.parametrize("size", [1, 3, 16])
def test_tasks_cover_every_item_once(size: int) -> None:
    chunks = list(tasks(items(["x"] * 10), size=size))
    assert [i.id for chunk in chunks for i in chunk] == [f"a{n}" for n in range(10)]
    assert all(len(chunk) <= size for chunk in chunks)


def test_two_workers_report_progress_per_article() -> None:
    """Tasks of 8 articles: the callback gets about one call per article, not one per task."""
    steps: list[int] = []
    pool = WorkerPool(2, None, task=slow_task, initializer=no_model, on_progress=steps.append)
    results = list(pool.run(tasks(items(["x"] * 32), size=8)))
    assert [r.id for r in results] == [f"a{n}" for n in range(32)]
    assert sum(steps) == 32
    assert len(steps) >= 24 and steps.count(1) >= 24 and max(steps) < 8, steps


def test_progress_counts_each_article_once_when_a_worker_dies() -> None:
    texts = ["fine"] * 5 + ["crash"] + ["fine"] * 7
    steps: list[int] = []
    pool = WorkerPool(2, None, task=fake_task, initializer=no_model, on_progress=steps.append)
    results = list(pool.run(tasks(items(texts), size=3)))
    assert len(results) == len(texts) and sum(steps) == len(texts)
    assert all(step > 0 for step in steps)


def test_no_progress_channel_without_a_callback() -> None:
    pool = WorkerPool(2, None, task=fake_task, initializer=no_model)
    assert pool.channel is None
    assert len(list(pool.run(tasks(items(["x"] * 5), size=2)))) == 5


@pytest.mark.parametrize(
    ("reports", "steps"),
    [
        ([(0, 1), (0, 2), (0, 3)], [1, 1, 1, 1]),  # then closed: the 4th article
        ([(0, 2), (0, 1), (0, 2)], [2, 2]),  # a run started again reports from 1: no step
        ([(0, 9), (0, 10)], [4]),  # never more than the task holds
        ([(7, 1)], [4]),  # a task not in flight (already settled): ignored
        ([], [4]),  # no reports at all: the task counts when it is settled
    ],
)
def test_tally_counts_each_article_once(reports: list[tuple[int, int]], steps: list[int]) -> None:
    seen: list[int] = []
    tally = Tally(seen.append)
    tally.opened(0, 4)
    for key, done in reports:
        tally.reported(key, done)
    tally.closed(0)
    tally.reported(0, 4)  # late, after the task settled
    assert seen == steps
