"""The Dask engine: the local engine's tasks, run as Dask futures on a cluster.

The client reads the inputs (as the local engine does) and submits partitions of consecutive
articles; each worker process loads the pipeline once (a worker plugin warms the per-process
cache) and returns finished JSON lines. The client writes them in input order as partitions
complete, so the output is the same bytes as ``--engine local``. Dask reschedules the partitions
of a worker that is lost.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress

from claimx.errors import ErrorKind, InputError
from claimx.io.inputs import Item
from claimx.io.output import Outcome
from claimx.run.engine import analyse_items, error_outcome, tasks

INSTALL_HINT = "pip install 'claimx[dask]'"
PARTITION_ITEMS = 32
IN_FLIGHT_PER_WORKER = 2

# spaCy pipelines are not safe to share between threads: a worker started with several threads
# runs one claimx partition at a time.
_pipeline_lock = threading.Lock()


def require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise InputError(f"--engine dask needs Dask: {INSTALL_HINT}") from None


def analyse_partition(items: list[Item], model: str | None) -> list[Outcome]:
    """Runs on a worker: outcomes for one partition, with the worker's cached pipeline."""
    from claimx.run.model import load_pipeline

    with _pipeline_lock:
        return analyse_items(load_pipeline(model), items)


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
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:
        yield client


def run_dask(
    items: Iterable[Item],
    workers: int,
    model: str | None = None,
    scheduler: str | None = None,
    partition_size: int = PARTITION_ITEMS,
    client=None,
) -> Iterator[Outcome]:
    """Outcomes in input order from a Dask cluster (an existing ``client``, ``scheduler``, or a
    LocalCluster of ``workers`` processes)."""
    require_dask()
    if client is not None:
        yield from submit_in_order(client, items, workers, model, partition_size)
        return
    with dask_client(scheduler, workers) as own_client:
        yield from submit_in_order(own_client, items, workers, model, partition_size)


def submit_in_order(
    client, items: Iterable[Item], workers: int, model: str | None, partition_size: int
) -> Iterator[Outcome]:
    # a worker restarting just now misses the plugin: it loads the pipeline on its first task
    with suppress(OSError):
        client.register_plugin(pipeline_plugin(model))
    in_flight = max(1, len(client.scheduler_info().get("workers", {})) or workers)
    pending: deque = deque()
    try:
        for partition in tasks(items, partition_size):
            future = client.submit(analyse_partition, partition, model, pure=False)
            pending.append((partition, future))
            if len(pending) >= in_flight * IN_FLIGHT_PER_WORKER:
                yield from settle(*pending.popleft())
        while pending:
            yield from settle(*pending.popleft())
    finally:
        # Ctrl-C or an error: cancel what is queued; the lines written so far stay resumable
        client.cancel([future for _, future in pending])


def settle(partition: list[Item], future) -> list[Outcome]:
    """A partition's outcomes; one that killed every worker Dask tried it on (Dask retries a
    lost worker's tasks elsewhere first) becomes error lines, as in the local engine."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        message = "Dask workers died on this partition"
        return [error_outcome(item, ErrorKind.WORKER_CRASHED, message) for item in partition]
