"""Progress for ``batch`` and ``eval``: count the inputs first, then a Rich bar on stderr with
total, rate and ETA that advances per article; and the command that resumes a stopped batch."""

from __future__ import annotations

import fnmatch
import os
import shlex
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimx.io.inputs import JSONL_SUFFIXES, TEXT_SUFFIXES

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from claimx.io.output import Outcome


@dataclass(frozen=True)
class InputCount:
    """``total`` articles (None when one input is stdin, which cannot be counted ahead);
    ``empty`` the folders in which ``--glob`` matched nothing."""

    total: int | None
    empty: tuple[str, ...] = ()


def count_folder(root: Path, pattern: str | None) -> int:
    """Files below ``root`` that ``batch`` would read: names are enough, nothing is opened."""
    count = 0
    for _, dirs, files in os.walk(root):
        dirs.sort()
        for name in files:
            if pattern:
                count += fnmatch.fnmatch(name, pattern)
            else:
                count += Path(name).suffix.lower() in TEXT_SUFFIXES
    return count


def count_lines(path: Path) -> int:
    """Non-blank lines of a JSONL file (one article each), read in blocks."""
    count = 0
    with path.open("rb") as handle:
        for line in handle:
            count += bool(line.strip())
    return count


def count_inputs(inputs: Sequence[str], pattern: str | None = None) -> InputCount:
    """How many articles ``batch`` will read: folders by file names, JSONL by lines."""
    total: int | None = 0
    empty = []
    for name in inputs:
        path = Path(name)
        if name == "-":
            found = None
        elif path.is_dir():
            found = count_folder(path, pattern)
            if found == 0 and pattern:
                empty.append(name)
        elif path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            found = count_lines(path)
        else:
            found = 1
        total = None if total is None or found is None else total + found
    return InputCount(total, tuple(empty))


def missing_inputs(inputs: Iterable[str]) -> list[str]:
    return [name for name in inputs if name != "-" and not os.path.lexists(name)]


def show_progress(quiet: bool) -> bool:
    """A bar only for a person watching: stderr is a terminal and ``--quiet`` is not given."""
    return not quiet and sys.stderr.isatty()


def tracked(
    run: Callable[..., Iterable[Outcome]],
    total: int | None,
    label: str,
    show: bool = True,
    console: Console | None = None,
) -> Iterator[Outcome]:
    """The outcomes of ``run(on_progress=...)`` passed through, with a bar on stderr (when
    ``show``). An engine with workers calls ``on_progress`` as each article is finished, before
    its line comes back in order; otherwise the bar advances as the outcomes pass."""
    if not show:
        yield from run(on_progress=None)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} articles/s"), TextColumn("failed: {task.fields[failed]}"),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())  # fmt: skip
    shown_on = console or Console(stderr=True)
    with Progress(*columns, console=shown_on, transient=True) as progress:
        meter = Meter(progress, progress.add_task(label, total=total, rate=0.0, failed=0))
        for result in run(on_progress=meter.finished):
            meter.written(result)
            yield result


class Meter:
    """The bar's count: articles the engine says are finished, or the lines written when it says
    nothing (one process), whichever is ahead; failures as their lines are written."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self.progress, self.task = progress, task
        self.started = time.perf_counter()
        self.announced = self.lines = self.failed = 0

    def finished(self, count: int) -> None:
        self.announced += count
        self.show()

    def written(self, result: Outcome) -> None:
        self.lines += 1
        self.failed += result.failed
        self.show()

    def show(self) -> None:
        done = max(self.announced, self.lines)
        rate = done / max(time.perf_counter() - self.started, 1e-9)
        self.progress.update(self.task, completed=done, rate=rate, failed=self.failed)


def resume_command(argv: Sequence[str]) -> str:
    """The command line that continues a stopped batch: the same, with --resume, no --force."""
    args = [a for a in argv if a != "--force"]
    if "--resume" not in args:
        args.append("--resume")
    return shlex.join(["claimx", *args])
