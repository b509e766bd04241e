"""The one analysis loop: input items in, Article records out, in input order.

``extract``, ``batch``, ``eval`` and the Python API all go through :func:`analyse_stream`."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace

from claimx.claims.article import article_from_doc
from claimx.components.keys import PUBLISHED_EXT, register_extensions
from claimx.errors import ErrorKind
from claimx.io.inputs import Item
from claimx.io.textio import clean_text
from claimx.records import Article, ArticleError
from claimx.run.chunks import BATCH_CHARS, merge, split_paragraphs

BATCH_SIZE = 16  # articles per nlp.pipe batch: the model's default of 256 is slower on articles


def error_article(item: Item) -> Article:
    kind, message = item.error or (ErrorKind.INTERNAL, "unknown error")
    return Article(
        source=item.source, published=item.published, error=ArticleError(kind, message), id=item.id
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
    error = ArticleError(ErrorKind.INVALID_DATE, item.date_error) if item.date_error else None
    return replace(article, id=item.id, text_source=item.text_source, encoding=item.encoding,
                   extra={**article.extra, **item.extra}, error=error)  # fmt: skip
