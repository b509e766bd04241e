"""The local engine: batches of items through the pipeline, in this process or a worker pool.

A task is a short list of items; it runs inside ``nlp.memory_zone()`` so the vocabulary does not
grow with the corpus, and returns finished JSON lines, so workers do the record building and the
parent only writes. Results come back in input order, a task at a time; with a progress callback,
workers also report each finished article on a queue of ``(task, count)`` pairs, so a bar
advances per article while the lines are still written in order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import count, islice
from typing import Any

from claimx.errors import ClaimxError, ErrorKind
from claimx.io.inputs import Item
from claimx.io.jsonl import to_jsonl_line
from claimx.io.output import Outcome
from claimx.records import Article
from claimx.run.tally import Channel, OnProgress, Tally

TASK_ITEMS = 16  # items per task: one nlp.pipe batch, a few seconds of work
IN_FLIGHT_PER_WORKER = 2  # tasks queued per worker: keeps workers busy, memory bounded
# Documents per nlp.pipe batch inside a task. The trained components take a whole batch before
# any article comes out, so with 16 a task's articles all finished at its end; one at a time,
# each is finished (and reported to the bar) when it is done. On CPU, batching gained nothing
# measurable (48 articles: 10.0 CPU s with 16, 9.8 s with 1), and the output is the same.
PIPE_ITEMS = 1


def outcome(article: Article) -> Outcome:
    return Outcome(
        str(article.id), to_jsonl_line(article), len(article.claims), article.error is not None
    )


def error_outcome(item: Item, kind: ErrorKind, message: str) -> Outcome:
    from claimx.run.analysis import error_article

    return outcome(error_article(replace(item, error=(kind, message))))


def tasks(items: Iterable[Item], size: int = TASK_ITEMS) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def stream_items(nlp, items: Sequence[Item]) -> Iterator[Outcome]:
    """The outcomes of one task, each as soon as its article is done (a progress bar advances
    per article, not per task). If the pipeline raises, the items not yet given are redone one
    by one, so only the article that fails becomes an error line."""
    from claimx.run.analysis import analyse_stream

    given = 0
    try:
        with nlp.memory_zone():  # Docs and the strings they added are freed when the task ends
            for article in analyse_stream(nlp, items, batch_size=PIPE_ITEMS):
                yield outcome(article)
                given += 1
    except Exception:
        for item in items[given:]:
            yield analyse_alone(nlp, item)


def analyse_alone(nlp, item: Item) -> Outcome:
    """One article on its own: its outcome, or its ``internal`` error line."""
    from claimx.run.analysis import analyse_stream

    try:
        with nlp.memory_zone():
            (article,) = analyse_stream(nlp, [item])
        return outcome(article)
    except Exception:
        return error_outcome(item, ErrorKind.INTERNAL, describe_exception())


def describe_exception() -> str:
    import sys

    kind, value, _ = sys.exc_info()
    return f"{kind.__name__ if kind else 'Error'}: {value}"


def run_local(
    items: Iterable[Item],
    workers: int,
    model: str | None = None,
    nlp=None,
    on_progress: OnProgress | None = None,
) -> Iterator[Outcome]:
    """Outcomes in input order, from this process (one worker) or a pool of ``workers`` that
    calls ``on_progress`` as articles finish (in this process, the outcomes come one by one)."""
    if workers <= 1:
        from claimx.run.model import load_pipeline

        pipeline = nlp if nlp is not None else load_pipeline(model)
        for task in tasks(items):
            yield from stream_items(pipeline, task)
        return
    yield from WorkerPool(workers, model, on_progress=on_progress).run(tasks(items))


# Each worker process loads the pipeline once; its tasks reuse it. A load failure is kept and
# raised by every task, so the parent gets a ModelError rather than a broken pool.
_worker_state: dict[str, object] = {}


def start_worker(model: str | None) -> None:
    from claimx.run.model import load_pipeline

    try:
        _worker_state["nlp"] = load_pipeline(model)
    except ClaimxError as exc:
        _worker_state["error"] = exc


def run_task(items: list[Item]) -> Iterator[Outcome]:
    error = _worker_state.get("error")
    if isinstance(error, ClaimxError):  # the only kind start_worker keeps
        raise error
    return stream_items(_worker_state["nlp"], items)


def run_reporting(
    task: Callable[[list[Item]], Iterable[Outcome]], key: int, items: list[Item]
) -> list[Outcome]:
    """Runs in a worker: the task's outcomes, each one reported as ``(key, count so far)`` on
    the worker's progress channel when the parent asked for one."""
    channel: Any = _worker_state.get("channel")  # a multiprocessing queue, or None
    results: list[Outcome] = []
    for result in task(items):
        results.append(result)
        if channel is not None:
            channel.put((key, len(results)))
    return results


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def start_worker_of(
    parent: int, initializer: Callable[[str | None], None], model: str | None, channel=None
) -> None:
    """The pool's worker initializer: tie the worker's life to the parent's, keep the progress
    channel, then start it."""
    exit_with_parent(parent)
    if channel is not None:
        channel.cancel_join_thread()  # progress is not worth waiting for at exit
        _worker_state["channel"] = channel
    initializer(model)


def exit_with_parent(parent: int) -> None:
    """A worker must not outlive the batch (SIGTERM or SIGKILL of the parent would leave it
    analysing for nobody): on Linux the kernel sends it SIGKILL when the parent dies
    (PR_SET_PDEATHSIG); elsewhere a thread watches the parent's pid."""
    import signal

    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # it died before the request was made
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    import threading

    threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()


def watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


Pending = deque[tuple[int, list[Item], Future]]  # (key, task, its future), in input order


class WorkerPool:
    """A process pool that keeps order and survives a worker dying: the pool is restarted and the
    task that was running is redone item by item, so only an article that kills a worker twice is
    lost (as an error line). With ``on_progress``, each pool has a fresh channel on which its
    workers report finished articles (a worker killed while writing to it cannot block the next
    pool's reports)."""

    def __init__(
        self,
        workers: int,
        model: str | None,
        task: Callable[[list[Item]], Iterable[Outcome]] = run_task,
        initializer: Callable[[str | None], None] = start_worker,
        on_progress: OnProgress | None = None,
    ) -> None:
        self.workers = workers
        self.model = model
        self.task = task
        self.initializer = initializer
        self.tally = Tally(on_progress) if on_progress is not None else None
        self.keys = count()
        self.channel: Channel | None = None
        self.executor = self.new_executor()

    def new_executor(self) -> ProcessPoolExecutor:
        # spawn, not fork: the parent may hold threads (the progress bar) and needs no model
        context = multiprocessing.get_context("spawn")
        self.channel = context.Queue() if self.tally is not None else None
        return ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=start_worker_of,
            initargs=(os.getpid(), self.initializer, self.model, self.channel),
        )

    def run(self, task_stream: Iterable[list[Item]]) -> Iterator[Outcome]:
        pending: Pending = deque()
        complete = False
        try:
            for task in task_stream:
                key = next(self.keys)
                if self.tally is not None:
                    self.tally.opened(key, len(task))
                pending.append((key, task, self.submit(key, task)))
                if len(pending) >= self.workers * IN_FLIGHT_PER_WORKER:
                    yield from self.settle(pending)
            while pending:
                yield from self.settle(pending)
            complete = True
        finally:
            for _, _, future in pending:
                future.cancel()
            if not complete:  # Ctrl-C, an error, or a reader that stopped: nobody wants the rest
                self.stop_workers()
            self.executor.shutdown(wait=True, cancel_futures=True)

    def stop_workers(self) -> None:
        """End the workers now: the tasks already handed to them would otherwise run to their
        end (Ctrl-C took 15 s or more with two workers)."""
        processes = getattr(self.executor, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()

    def settle(self, pending: Pending) -> list[Outcome]:
        key, task, future = pending.popleft()
        try:
            if self.tally is not None and self.channel is not None:
                self.tally.wait(future, self.channel)
            results = future.result()
        except BrokenProcessPool:
            # Redo the task alone, one item at a time, to find the article that kills a worker;
            # the tasks queued behind it died with the pool and are submitted again afterwards.
            self.replace_executor()
            results = self.redo(key, task)
            queued = [(k, t) for k, t, _ in pending]
            pending.clear()
            pending.extend((k, t, self.submit(k, t)) for k, t in queued)
        if self.tally is not None:
            self.tally.closed(key)
        return results

    def redo(self, key: int, task: list[Item]) -> list[Outcome]:
        results: list[Outcome] = []
        for item in task:
            results += self.run_alone(key, item)
            if self.tally is not None:
                self.tally.reported(key, len(results))
        return results

    def submit(self, key: int, task: list[Item]) -> Future:
        """Submit a task; on a pool that already broke, a future that fails the same way, so
        that ``settle`` deals with it in order."""
        try:
            return self.executor.submit(run_reporting, self.task, key, task)
        except BrokenProcessPool as exc:
            failed: Future = Future()
            failed.set_exception(exc)
            return failed

    def replace_executor(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self.new_executor()

    def run_alone(self, key: int, item: Item) -> list[Outcome]:
        try:
            return self.submit(key, [item]).result()
        except BrokenProcessPool:
            self.replace_executor()
            return [
                error_outcome(
                    item, ErrorKind.WORKER_CRASHED, "a worker process died on this article"
                )
            ]
