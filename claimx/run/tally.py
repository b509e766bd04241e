"""Counting finished articles across worker processes: the reports workers send as each article
is done, turned into "n more finished" calls for whoever shows progress (the CLI's bar)."""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import Protocol

OnProgress = Callable[[int], None]  # ``n`` more articles are finished


class Tally:
    """Articles finished in the tasks in flight, from the workers' reports ``(key, done)``: ``done``
    articles of task ``key`` are finished in its current run. Each article is counted once,
    however often its task is run again (after a worker died, a run reports from 1 again), and
    a task's articles are all counted when its outcomes come back."""

    def __init__(self, on_progress: OnProgress) -> None:
        self.on_progress = on_progress
        self.counted: dict[int, list[int]] = {}  # key: [articles counted, task size]

    def opened(self, key: int, size: int) -> None:
        self.counted.setdefault(key, [0, size])

    def reported(self, key: int, done: int) -> None:
        entry = self.counted.get(key)
        if entry is None or min(done, entry[1]) <= entry[0]:
            return  # a late report of a settled task, or of a run behind an earlier one
        more = min(done, entry[1]) - entry[0]
        entry[0] += more
        self.on_progress(more)

    def closed(self, key: int) -> None:
        counted, size = self.counted.pop(key, (0, 0))
        if size > counted:
            self.on_progress(size - counted)

    def wait(self, future: Waitable, channel: Channel, poll: float = 0.05) -> None:
        """Until ``future`` is done, take the workers' reports off ``channel`` as they come."""
        while not future.done():
            try:
                key, done = channel.get(timeout=poll)
            except queue.Empty:
                continue
            self.reported(key, done)


class Waitable(Protocol):
    def done(self) -> bool: ...


class Channel(Protocol):
    """A queue of ``(key, done)`` reports: multiprocessing's, or a thread-safe one fed by Dask."""

    def get(self, block: bool = True, timeout: float | None = None) -> tuple[int, int]: ...
