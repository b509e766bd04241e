"""The Python API: text in, :class:`Article` records out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from claimx.io.textio import ArticleText, header_date
from claimx.records import Article
from claimx.run.model import load_pipeline

if TYPE_CHECKING:
    from spacy.language import Language


def analyse(
    nlp: Language,
    articles: Iterable[tuple[ArticleText, str | None]],
    batch_size: int | None = None,
    n_process: int = 1,
    with_narration: bool = False,
) -> Iterator[Article]:
    """Run the pipeline over (article, publication date) pairs, streaming Article records.

    The publication date is ``--date`` when given (YYYY-MM-DD, else InputError, as on the
    command line), else the article's own header line. Long texts are analysed in pieces, as
    ``claimx batch`` does (the same code); ``batch_size`` defaults to the analysis loop's.
    """
    from claimx.io.inputs import Item
    from claimx.io.textio import check_date_option
    from claimx.run.analysis import BATCH_SIZE, analyse_stream

    items = (
        Item(
            str(n),
            article.source,
            article.text,
            check_date_option(published, "published") or header_date(article.text),
            encoding=article.encoding,
        )
        for n, (article, published) in enumerate(articles)
    )
    size = BATCH_SIZE if batch_size is None else batch_size
    for article in analyse_stream(nlp, items, size, with_narration, n_process):
        yield replace(article, id=None)


def extract(
    text: str,
    published: str | None = None,
    *,
    model: str | None = None,
    nlp: Language | None = None,
) -> Article:
    """Find the attributed claims in one article's text; ``published`` is YYYY-MM-DD (anything
    else raises InputError, as ``--date`` does, rather than dropping every relative date)."""
    from claimx.io.textio import check_date_option

    check_date_option(published, "published")
    pipeline = nlp if nlp is not None else load_pipeline(model)
    return next(analyse(pipeline, [(ArticleText("-", text), published)]))
