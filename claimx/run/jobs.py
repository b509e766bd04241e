"""Command jobs: read inputs, run the pipeline, keep failures as error records."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from claimx.errors import InputError
from claimx.io.inputs import Item, failed, file_item
from claimx.io.textio import decode, header_date, read_capped_stream
from claimx.records import Article


def stdin_item() -> Item:
    """stdin as one article (read as a file is: capped, decoded, never fatal)."""
    try:
        text, encoding = decode(read_capped_stream(sys.stdin.buffer, "stdin"), "stdin")
    except InputError as exc:
        return failed("-", "-", exc.kind, str(exc))
    return Item("-", "-", text, header_date(text), encoding=encoding, where="-")


def read_all(paths: Sequence[str]) -> list[Item]:
    """Each input read as ``claimx batch`` reads a file (HTML extracted, non-regular files and
    oversized ones refused), or an error item for one that cannot be read."""
    return [stdin_item() if path == "-" else file_item(Path(path), path) for path in paths]


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
    from claimx.claims.article import speech_only
    from claimx.run.analysis import analyse_stream, error_article
    from claimx.run.model import load_pipeline

    items = [replace(item, published=published or item.published) for item in read_all(paths)]
    texts = [item.text if item.error is None else None for item in items]
    if all(item.error is not None for item in items):
        return [(replace(error_article(item), id=None), None) for item in items]
    analysed = analyse_stream(load_pipeline(model), items, with_narration=with_narration)
    articles = [replace(article, id=None) for article in analysed]
    if speech:
        articles = [a if a.error else speech_only(a) for a in articles]
    return list(zip(articles, texts, strict=True))
