"""``claimx batch``: stream many articles through the pipeline into a JSONL file, in order.

Lines are written and flushed as articles complete; ``--resume`` skips ids already written and
repairs a last line cut off by a crash; an article that fails becomes an error line.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .chunks import merge, split_paragraphs
from .errors import InputError
from .inputs import Item
from .records import Article, ArticleError

if TYPE_CHECKING:
    from .engine import Outcome

BATCH_SIZE = 16


@dataclass
class Summary:
    articles: int = 0
    claims: int = 0
    failures: int = 0
    skipped: int = 0


def error_article(item: Item) -> Article:
    kind, message = item.error or ("error", "unknown error")
    return Article(
        source=item.source, published=item.published, error=ArticleError(kind, message), id=item.id
    )


def open_output(path: Path, resume: bool, force: bool) -> tuple[IO[str], set[str]]:
    """Open ``--out``: refuse to overwrite without --force; with --resume, keep what is whole."""
    if path.exists() and not (resume or force):
        raise InputError(f"{path} exists: use --resume to continue it or --force to overwrite it")
    if not resume or not path.exists():
        return path.open("w", encoding="utf-8"), set()
    done = repair(path)
    return path.open("a", encoding="utf-8"), done


def repair(path: Path) -> set[str]:
    """Ids of the complete lines of ``path``; a torn last line is cut off."""
    done: set[str] = set()
    good_end = 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except ValueError:
                break
            done.add(str(record.get("id")))
            good_end += len(raw)
    with path.open("r+b") as handle:
        handle.truncate(good_end)
    return done


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
                doc = nlp.make_doc(piece)
                doc._.set(PUBLISHED_EXT, item.published)
                yield doc, (len(waiting) - 1 + served, number, offset)

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
    done: set[str],
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Write one line per item to ``out`` (flushed as it completes) and count what was done.

    ``engine`` turns items into outcomes in input order: the local engine or the Dask one."""
    summary = Summary()

    def todo() -> Iterator[Item]:
        for item in items:
            if item.id in done:
                summary.skipped += 1
                continue
            done.add(item.id)  # a repeated id in the input is written once
            yield item

    for result in engine(todo()):
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
