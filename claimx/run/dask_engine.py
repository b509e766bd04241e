"""The Dask engine: the local engine's tasks, run as Dask futures on a cluster.

The client reads the inputs (as the local engine does) and submits partitions of consecutive
articles; each worker process loads the pipeline once (a worker plugin warms the per-process
cache) and returns finished JSON lines. The client writes them in input order as partitions
complete, so the output is the same bytes as ``--engine local``. Dask reschedules the partitions
of a worker that is lost.

Progress per article: a worker logs an event on the ``claimx-progress`` topic as each article of
a partition is finished; the scheduler forwards it to the client, whose handler queues it for
the bar. Events are small, the scheduler keeps only its last 1,000 per topic, and a run tells
its own events from another client's by a run id.
"""

from __future__ import annotations

import logging
import queue
import signal
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from claimx.errors import ErrorKind, InputError
from claimx.io.inputs import Item
from claimx.io.output import Outcome
from claimx.run.engine import error_outcome, stream_items, tasks
from claimx.run.tally import OnProgress, Tally

INSTALL_HINT = "pip install 'claimx[dask]'"
PARTITION_ITEMS = 32
IN_FLIGHT_PER_WORKER = 2
TOPIC = "claimx-progress"

# spaCy pipelines are not safe to share between threads: a worker started with several threads
# runs one claimx partition at a time.
_pipeline_lock = threading.Lock()


def require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise InputError(f"--engine dask needs Dask: {INSTALL_HINT}") from None


def analyse_partition(
    items: list[Item], model: str | None, report: tuple[str, int] | None = None
) -> list[Outcome]:
    """Runs on a worker: outcomes for one partition, with the worker's cached pipeline; with
    ``report`` (run id, partition key), an event per finished article."""
    from claimx.run.model import load_pipeline

    results: list[Outcome] = []
    with _pipeline_lock:
        for result in stream_items(load_pipeline(model), items):
            results.append(result)
            if report is not None:
                announce(report, len(results))
    return results


def announce(report: tuple[str, int], done: int) -> None:
    from distributed import get_worker

    with suppress(ValueError):  # not on a worker (called directly): nobody to tell
        get_worker().log_event(TOPIC, [report[0], report[1], done])


class Watch:
    """This run's progress events, received by the client (its handler runs in the client's
    event loop): they go on a thread-safe queue, which the main thread reads while it waits for
    the next partition in order."""

    def __init__(self, client, on_progress: OnProgress) -> None:
        self.client = client
        self.run = uuid.uuid4().hex
        self.channel: queue.SimpleQueue[tuple[int, int]] = queue.SimpleQueue()
        self.tally = Tally(on_progress)
        client.subscribe_topic(TOPIC, self)

    def __call__(self, event: tuple[float, object]) -> None:
        message = event[1]  # [run id, partition key, articles done], from ``announce``
        if isinstance(message, list | tuple) and len(message) == 3 and message[0] == self.run:
            self.channel.put((message[1], message[2]))

    def opened(self, key: int, size: int) -> tuple[str, int]:
        self.tally.opened(key, size)
        return self.run, key

    def close(self) -> None:
        with suppress(Exception):  # the client may be closing already (Ctrl-C)
            self.client.unsubscribe_topic(TOPIC)


def pipeline_plugin(model: str | None):
    """A worker plugin that loads the pipeline when a worker starts, not on its first task."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        name = "claimx-pipeline"

        def setup(self, worker) -> None:
            from claimx.run.model import load_pipeline

            load_pipeline(model)

    return LoadPipeline()


@contextmanager
def dask_client(scheduler: str | None, workers: int):
    """A client for ``scheduler``, or for a LocalCluster of ``workers`` single-thread processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    with sigint_ignored():
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    with cluster, Client(cluster) as client:
        yield client


@contextmanager
def sigint_ignored() -> Iterator[None]:
    """Ctrl-C ignored while the LocalCluster starts its processes, which keep it: the terminal
    sends SIGINT to them all, and each printed a KeyboardInterrupt traceback while claimx,
    which alone stops, closes them anyway."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals cannot be changed here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_dask(
    items: Iterable[Item],
    workers: int,
    model: str | None = None,
    scheduler: str | None = None,
    partition_size: int = PARTITION_ITEMS,
    client=None,
    on_progress: OnProgress | None = None,
) -> Iterator[Outcome]:
    """Outcomes in input order from a Dask cluster (an existing ``client``, ``scheduler``, or a
    LocalCluster of ``workers`` processes); ``on_progress`` is called as articles finish."""
    require_dask()
    if client is not None:
        yield from submit_in_order(client, items, workers, model, partition_size, on_progress)
        return
    with dask_client(scheduler, workers) as own_client:
        yield from submit_in_order(own_client, items, workers, model, partition_size, on_progress)


def submit_in_order(
    client,
    items: Iterable[Item],
    workers: int,
    model: str | None,
    partition_size: int,
    on_progress: OnProgress | None = None,
) -> Iterator[Outcome]:
    # a worker restarting just now misses the plugin: it loads the pipeline on its first task
    with suppress(OSError):
        client.register_plugin(pipeline_plugin(model))
    in_flight = max(1, len(client.scheduler_info().get("workers", {})) or workers)
    watch = Watch(client, on_progress) if on_progress is not None else None
    pending: deque[tuple[int, list[Item], Any]] = deque()
    try:
        for key, partition in enumerate(tasks(items, partition_size)):
            report = watch.opened(key, len(partition)) if watch is not None else None
            future = client.submit(analyse_partition, partition, model, report, pure=False)
            pending.append((key, partition, future))
            if len(pending) >= in_flight * IN_FLIGHT_PER_WORKER:
                yield from settle(*pending.popleft(), watch)
        while pending:
            yield from settle(*pending.popleft(), watch)
    finally:
        # Ctrl-C or an error: cancel what is queued; the lines written so far stay resumable
        client.cancel([future for _, _, future in pending])
        if watch is not None:
            watch.close()


def settle(key: int, partition: list[Item], future, watch: Watch | None) -> list[Outcome]:
    """A partition's outcomes; one that killed every worker Dask tried it on (Dask retries a
    lost worker's tasks elsewhere first) becomes error lines, as in the local engine."""
    from distributed import KilledWorker

    try:
        if watch is not None:
            watch.tally.wait(future, watch.channel)
        results = future.result()
    except KilledWorker:
        message = "Dask workers died on this partition"
        results = [error_outcome(item, ErrorKind.WORKER_CRASHED, message) for item in partition]
    if watch is not None:
        watch.tally.closed(key)
    return results
