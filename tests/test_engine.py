"""The local engine: order, memory zones, and what happens when an article breaks a worker."""

from __future__ import annotations

import json
import os

import pytest

from claimx.io.inputs import Item
from claimx.io.output import Outcome
from claimx.run.engine import WorkerPool, analyse_items, tasks


def fake_task(items: list[Item]) -> list[Outcome]:
    """Stands in for the pipeline in worker processes: "crash" kills the worker outright."""
    if any(item.text == "crash" for item in items):
        os._exit(1)
    return [Outcome(item.id, json.dumps({"id": item.id}), 0, False) for item in items]


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
    results = analyse_items(nlp, items(texts))
    assert [r.failed for r in results] == [False, True, False]
    error = json.loads(results[1].line)["error"]
    assert error == {"type": "internal", "message": "RuntimeError: boom"}
    assert results[0].claims == 1 and results[2].claims == 1


@pytest.mark.parametrize("size", [1, 3, 16])
def test_tasks_cover_every_item_once(size: int) -> None:
    chunks = list(tasks(items(["x"] * 10), size=size))
    assert [i.id for chunk in chunks for i in chunk] == [f"a{n}" for n in range(10)]
    assert all(len(chunk) <= size for chunk in chunks)
