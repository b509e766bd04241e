"""``claimx batch``: stream many articles through the pipeline into a JSONL file, in order.

Lines are written and flushed as articles complete; ``--resume`` skips the lines already
written and repairs a last line cut off by a crash; an article that fails becomes an error line;
``--out`` is locked for the run.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from claimx.errors import ErrorKind, InputError
from claimx.io.inputs import Item


@dataclass(frozen=True)
class Outcome:
    """One output line and what the summary counts of it."""

    id: str
    line: str
    claims: int
    failed: bool


@dataclass
class Summary:
    articles: int = 0
    claims: int = 0
    failures: int = 0
    skipped: int = 0
    duplicates: list[str] = field(default_factory=list)


def open_output(
    path: Path, resume: bool, force: bool, inputs: Sequence[str] = ()
) -> tuple[IO[str], Counter[str]]:
    """Open ``--out`` under an exclusive lock: refuse to overwrite without --force, and with
    --resume keep what is whole. Returns the handle and how many lines each id already has."""
    check_output_path(path, inputs)
    if path.exists() and not (resume or force):
        raise InputError(f"{path} exists: use --resume to continue it or --force to overwrite it")
    if path.exists() and not path.is_file():  # /dev/null, /dev/stdout, a pipe: just write
        if resume:
            raise InputError(f"--out {path}: --resume needs a regular file")
        return path.open("w", encoding="utf-8"), Counter()
    try:
        handle = path.open("a+", encoding="utf-8")  # not "w": nothing is cut before the lock
    except OSError as exc:
        raise InputError(f"--out {path}: cannot open it ({exc.strerror or exc})") from None
    try:
        lock(handle, path)
        if not resume:
            handle.truncate(0)
            return handle, Counter()
        return handle, repair(path)
    except BaseException:
        handle.close()
        raise


def check_output_path(path: Path, inputs: Sequence[str]) -> None:
    """Usage errors before anything is opened: a folder, a missing folder, one of the inputs."""
    if path.is_dir():
        raise InputError(f"--out {path}: is a folder, not a file")
    if not path.parent.is_dir():
        raise InputError(f"--out {path}: the folder {path.parent} does not exist")
    for name in inputs:
        with contextlib.suppress(OSError):
            if name != "-" and path.exists() and os.path.samefile(path, name):
                raise InputError(f"--out {path} is also an input: it would destroy it")


def lock(handle: IO[str], path: Path) -> None:
    """An exclusive lock on ``--out`` for the whole run: a second batch on it is refused
    rather than interleaving or duplicating lines."""
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(f"--out {path}: another claimx batch is writing it") from None
    except OSError:
        pass  # a file system without locks: run unlocked, as before


def repair(path: Path) -> Counter[str]:
    """How many complete lines of ``path`` each id has; a torn last line is cut off. A line
    that is not a claimx record (not JSON, not an object with an id) anywhere but at the end
    means ``path`` is not a batch output: a usage error, and nothing is cut."""
    done: Counter[str] = Counter()
    good_end = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except ValueError:
                if handle.read(1):
                    raise not_output(path, number, "not JSON") from None
                break
            if not isinstance(record, dict) or "id" not in record:
                raise not_output(path, number, "not a JSON object with an id")
            done[str(record["id"])] += 1
            good_end += len(raw)
    with path.open("r+b") as handle:
        handle.truncate(good_end)
    return done


def not_output(path: Path, number: int, what: str) -> InputError:
    return InputError(
        f"--out {path}:{number}: {what}, so not a claimx batch output "
        "(give another --out, or --force to overwrite it)"
    )


def run_batch(
    engine: Callable[[Iterable[Item]], Iterable[Outcome]],
    items: Iterable[Item],
    out: IO[str],
    done: Counter[str],
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Write one line per item to ``out`` (flushed as it completes) and count what was done.

    ``engine`` turns items into outcomes in input order: the local engine or the Dask one."""
    summary = Summary()
    for result in engine(todo(items, done, summary)):
        out.write(result.line + "\n")
        out.flush()
        summary.articles += 1
        summary.claims += result.claims
        summary.failures += result.failed
        if on_outcome is not None:
            on_outcome(result)
    with contextlib.suppress(OSError):  # not every output (a pipe, /dev/null) can be synced
        os.fsync(out.fileno())
    return summary


def todo(items: Iterable[Item], done: Counter[str], summary: Summary) -> Iterator[Item]:
    """The items still to write. The same input given twice (same file, same line) is written
    once; a second article with an id already used elsewhere becomes a ``duplicate_id`` error
    line naming both places. ``done`` counts lines per id already in ``--out``: the n-th item
    of an id is skipped when the id has n lines, so resuming writes each line exactly once."""
    first: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for item in items:
        where = first.setdefault(item.id, item.where)
        if counts[item.id] and where == item.where:
            summary.skipped += 1  # the same input again
            continue
        counts[item.id] += 1
        if where != item.where:
            summary.duplicates.append(item.id)
            message = f"{item.where}: id {item.id!r} is already used by {where}"
            item = replace(item, text=None, error=(ErrorKind.DUPLICATE_ID, message))
        if counts[item.id] <= done[item.id]:
            summary.skipped += 1
            continue
        yield item
