"""Command jobs: read inputs, run the pipeline, keep failures as error records."""

from __future__ import annotations

from collections.abc import Sequence

from .errors import InputError
from .records import Article, ArticleError
from .textio import ArticleText, read_article


def read_all(paths: Sequence[str]) -> list[ArticleText | Article]:
    """Each input read, or an error Article for one that cannot be read."""
    read: list[ArticleText | Article] = []
    for path in paths:
        try:
            read.append(read_article(path))
        except InputError as exc:
            read.append(Article(source=path, published=None, error=ArticleError("input", str(exc))))
    return read


def extract_paths(
    paths: Sequence[str],
    published: str | None,
    model: str | None,
    with_narration: bool = False,
    speech: bool = False,
) -> list[Article]:
    """Articles for ``paths`` in order; unreadable ones carry ``error`` and no claims. ``speech``
    keeps only the claims whose cue is a speech act."""
    return [a for a, _ in extract_texts(paths, published, model, with_narration, speech)]


def extract_texts(
    paths: Sequence[str],
    published: str | None,
    model: str | None,
    with_narration: bool = False,
    speech: bool = False,
) -> list[tuple[Article, str | None]]:
    """Like ``extract_paths``, each Article with the text its offsets refer to (None when the
    input could not be read): the HTML page shows the text."""
    from .api import analyse, speech_only
    from .model import load_pipeline

    inputs = read_all(paths)
    texts = [(item, published) for item in inputs if isinstance(item, ArticleText)]
    if not texts:
        return [(item, None) for item in inputs]  # nothing readable: no need to load the model
    analysed = iter(analyse(load_pipeline(model), texts, with_narration=with_narration))
    if speech:
        analysed = map(speech_only, analysed)
    return [
        (next(analysed), item.text) if isinstance(item, ArticleText) else (item, None)
        for item in inputs
    ]
