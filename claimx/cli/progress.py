"""Progress for ``batch`` and ``eval``: count the inputs first, then a Rich bar on stderr with
total, rate and ETA that advances per article; and the command that resumes a stopped batch."""

from __future__ import annotations

import fnmatch
import os
import shlex
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimx.io.inputs import JSONL_SUFFIXES, TEXT_SUFFIXES

if TYPE_CHECKING:
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
    outcomes: Iterable[Outcome], total: int | None, label: str, show: bool = True
) -> Iterator[Outcome]:
    """``outcomes`` passed through, advancing a bar on stderr per article (when ``show``)."""
    if not show:
        yield from outcomes
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
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total, rate=0.0, failed=0)
        started, count, failed = time.perf_counter(), 0, 0
        for result in outcomes:
            count, failed = count + 1, failed + result.failed
            rate = count / max(time.perf_counter() - started, 1e-9)
            progress.update(task, advance=1, rate=rate, failed=failed)
            yield result


def resume_command(argv: Sequence[str]) -> str:
    """The command line that continues a stopped batch: the same, with --resume, no --force."""
    args = [a for a in argv if a != "--force"]
    if "--resume" not in args:
        args.append("--resume")
    return shlex.join(["claimx", *args])
