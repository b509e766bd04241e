"""The Python API: text in, :class:`Article` records out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .claims import claims_from_doc
from .conflicts import find_conflicts
from .facts.collect import narration
from .model import load_pipeline
from .pipeline.attribution import CLAIMS_KEY
from .records import Article
from .textio import ArticleText, header_date

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 16  # articles per nlp.pipe batch: the model's default of 256 is slower on articles


def article_from_doc(
    doc: Doc, source: str, published: str | None, with_narration: bool = False, **extra: Any
) -> Article:
    """The pure step from an annotated Doc to the Article record; ``with_narration`` adds the
    facts of sentences that hold no claim (``--all``)."""
    claims = claims_from_doc(doc)
    if with_narration:
        extra["extra"] = {"narration": narration(doc, list(doc.spans.get(CLAIMS_KEY, ())))}
    return Article(
        source=source,
        published=published,
        claims=claims,
        conflicts=find_conflicts(doc, claims),
        **extra,
    )


def speech_only(article: Article) -> Article:
    """The article with only its claims whose cue is a speech act (``--speech-only``), and only
    the conflicts whose claims all remain. Claim ids are kept, so gaps show what was left out."""
    from .evaluation import speech_cue

    claims = tuple(c for c in article.claims if c.cue is not None and speech_cue(c.cue.text))
    kept = {c.id for c in claims}
    conflicts = tuple(c for c in article.conflicts if kept.issuperset(c.claims))
    return replace(article, claims=claims, conflicts=conflicts)


def analyse(
    nlp: Language,
    articles: Iterable[tuple[ArticleText, str | None]],
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    with_narration: bool = False,
) -> Iterator[Article]:
    """Run the pipeline over (article, publication date) pairs, streaming Article records.

    The publication date is ``--date`` when given (YYYY-MM-DD, else InputError, as on the
    command line), else the article's own header line. Long texts are analysed in pieces, as
    ``claimx batch`` does (the same code).
    """
    from .batch import analyse_stream
    from .inputs import Item
    from .textio import check_date_option

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
    for article in analyse_stream(nlp, items, batch_size, with_narration, n_process):
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
    from .textio import check_date_option

    check_date_option(published, "published")
    pipeline = nlp if nlp is not None else load_pipeline(model)
    return next(analyse(pipeline, [(ArticleText("-", text), published)]))
