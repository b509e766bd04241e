"""CSV output: one row per claim (and per narration sentence with ``--all``).

List cells (``parts``, ``status_cues``, ``disputed_by``, the facts) are JSON arrays, so no value
can clash with a separator; lines end in LF unless CRLF is asked for.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from claimx.claims.select import EVERYTHING, Selection, filter_article, value_at
from claimx.records import Article

FACT_COLUMNS = ("quantities", "actors", "locations", "dates")
# column name -> dotted path into the claim record (the article's own columns come first)
CLAIM_COLUMNS = (
    ("id", "id"), ("kind", "kind"), ("status", "status"), ("speaker", "speaker.text"),
    ("speaker_name", "speaker.name"), ("speaker_type", "speaker.type"), ("role", "speaker.role"),
    ("via", "via.text"), ("via_name", "via.name"), ("cue", "cue.text"), ("cue_lemma", "cue.lemma"),
    ("text", "text"), ("start", "start"), ("end", "end"), ("parts", "parts"),
    ("status_cues", "status_cues"), ("disputed_by", "disputed_by"),
    *((name, name) for name in FACT_COLUMNS),
)  # fmt: skip
ARTICLE_COLUMNS = ("source", "published")
CSV_COLUMNS = (*ARTICLE_COLUMNS, *(name for name, _ in CLAIM_COLUMNS), "error")
# OWASP CSV injection: a cell a spreadsheet would run as a formula starts with a quote.
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value


def fact_labels(field: str, items: list[dict[str, Any]]) -> list[str]:
    """Readable labels of a fact list (the table's wording), one per item."""
    from claimx.cli.render.parts import fact_label

    return [fact_label(field, item) for item in items]


def cell(path: str, value: Any) -> Any:
    """A CSV cell: lists as JSON arrays (facts as their readable labels), None as empty."""
    if path in FACT_COLUMNS:
        return json.dumps(fact_labels(path, value or []), ensure_ascii=False)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def article_rows(article: Article, columns: tuple[tuple[str, str], ...]) -> Iterator[dict]:
    """The rows of one article: its claims, then its narration sentences (``--all``), or one
    row with the error or no claim at all."""
    head = {"source": article.source, "published": article.published or ""}
    error = f"{article.error.type}: {article.error.message}" if article.error else ""
    data = article.to_dict()
    records = list(data["claims"])
    records += [
        {"id": f"n{n}", "kind": "narration", **sentence}
        for n, sentence in enumerate(data.get("narration") or [], start=1)
    ]
    if not records:
        yield {**head, "error": error}
    for record in records:
        yield {**head, **{name: cell(path, value_at(record, path)) for name, path in columns}}


def csv_columns(chosen: Selection) -> tuple[tuple[str, str], ...]:
    if chosen.fields:
        return tuple((path, path) for path in chosen.fields)
    return CLAIM_COLUMNS


def write_csv(
    articles: Iterable[Article], out: IO[str], chosen: Selection = EVERYTHING, crlf: bool = False
) -> None:
    columns = csv_columns(chosen)
    names = (*ARTICLE_COLUMNS, *(name for name, _ in columns), "error")
    writer = csv.DictWriter(
        out, fieldnames=names, extrasaction="ignore", lineterminator="\r\n" if crlf else "\n"
    )
    writer.writeheader()
    for article in articles:
        rows = article_rows(filter_article(article, chosen), columns)
        writer.writerows({k: csv_safe(v) for k, v in row.items()} for row in rows)


def to_csv(articles: Iterable[Article], chosen: Selection = EVERYTHING, crlf: bool = False) -> str:
    buffer = io.StringIO(newline="")
    write_csv(articles, buffer, chosen, crlf)
    return buffer.getvalue()
