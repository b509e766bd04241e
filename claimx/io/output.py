"""``claimx batch``: stream many articles through the pipeline into a JSONL file, in order.

Lines are written and flushed as articles complete; ``--resume`` skips the lines already
written and repairs a last line cut off by a crash; an article that fails becomes an error line;
``--out`` is locked for the run.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .chunks import BATCH_CHARS, merge, split_paragraphs
from .errors import InputError
from .inputs import Item
from .records import Article, ArticleError
from .textio import clean_text

if TYPE_CHECKING:
    from .engine import Outcome

BATCH_SIZE = 16


@dataclass
class Summary:
    articles: int = 0
    claims: int = 0
    failures: int = 0
    skipped: int = 0
    duplicates: list[str] = field(default_factory=list)


def error_article(item: Item) -> Article:
    kind, message = item.error or ("error", "unknown error")
    return Article(
        source=item.source, published=item.published, error=ArticleError(kind, message), id=item.id
    )


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


def analyse_stream(
    nlp,
    items: Iterable[Item],
    batch_size: int = BATCH_SIZE,
    with_narration: bool = False,
    n_process: int = 1,
) -> Iterator[Article]:
    """Articles in input order; failed items pass through as error articles. The one analysis
    path of ``extract``, ``batch`` and the API: a long text is split into pieces (spaCy refuses
    texts over its max_length, and memory grows with a Doc) whose offsets are mapped back.

    Only texts go through ``nlp.pipe``; a queue keeps the items waiting for their documents
    (a long article is several pieces), so order is kept and only the batch in flight is held.
    """
    from .api import article_from_doc
    from .extensions import PUBLISHED_EXT, register_extensions

    register_extensions()
    waiting: deque[tuple[Item, list]] = deque()
    served = 0

    def docs() -> Iterator[tuple]:
        for item in items:
            pieces = split_paragraphs(item.text) if item.text is not None else []
            waiting.append((item, [None] * len(pieces)))
            for number, (offset, piece) in enumerate(pieces):
                doc = nlp.make_doc(clean_text(piece))  # spaCy cannot hold lone surrogates
                doc._.set(PUBLISHED_EXT, item.published)
                yield doc, (len(waiting) - 1 + served, number, offset)

    if n_process == 1:
        analysed = piped_in_batches(nlp, docs(), batch_size)
    else:
        analysed = nlp.pipe(docs(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (position, number, offset) in analysed:
        item, parts = waiting[position - served]
        article = article_from_doc(doc, item.source, item.published, with_narration)
        parts[number] = (offset, article)
        while waiting and all(p is not None for p in waiting[0][1]):
            yield finished(*waiting.popleft())
            served += 1
    while waiting:  # failed items after the last document
        yield finished(*waiting.popleft())
        served += 1


def piped_in_batches(nlp, docs: Iterable[tuple], batch_size: int) -> Iterator[tuple]:
    """``nlp.pipe`` over batches of at most ``batch_size`` documents and BATCH_CHARS characters:
    the model holds a whole batch at once, so a long article's pieces go one or two at a time
    and memory stays flat however long the article is."""
    batch: list[tuple] = []
    chars = 0
    for doc, context in docs:
        if batch and (len(batch) >= batch_size or chars + len(doc.text) > BATCH_CHARS):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, chars = [], 0
        batch.append((doc, context))
        chars += len(doc.text)
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def finished(item: Item, parts: list) -> Article:
    if item.error is not None:
        return error_article(item)
    article = merge(parts) if parts else Article(source=item.source, published=item.published)
    error = ArticleError("invalid_date", item.date_error) if item.date_error else None
    return replace(article, id=item.id, text_source=item.text_source, encoding=item.encoding,
                   extra={**article.extra, **item.extra}, error=error)  # fmt: skip


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
            item = replace(item, text=None, error=("duplicate_id", message))
        if counts[item.id] <= done[item.id]:
            summary.skipped += 1
            continue
        yield item
