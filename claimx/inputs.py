"""Batch inputs: folders, single files and JSONL corpora, as a stream of article items.

Nothing here touches spaCy. An input that cannot be read becomes an item with an error, so the
batch writes one line for it and goes on.
"""

from __future__ import annotations

import errno
import fnmatch
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .textio import decode, header_date

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
# Tried in order when no --date-field is given; ``meta.`` covers corpora that nest metadata.
DATE_FIELDS = (
    "published", "publication_date", "date",
    "meta.published", "meta.publication_date", "meta.date",
)  # fmt: skip


@dataclass(frozen=True)
class RecordFields:
    """Where a JSONL record keeps its text, id, date and title (dotted paths allowed)."""

    text: str = "text"
    id: str = "id"
    date: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Item:
    """One article to analyse, or the reason it cannot be."""

    id: str
    source: str
    text: str | None = None
    published: str | None = None
    error: tuple[str, str] | None = None
    text_source: str = "text"
    encoding: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def failed(ident: str, source: str, kind: str, message: str) -> Item:
    return Item(id=ident, source=source, error=(kind, message))


def lookup(record: dict, path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def html_to_text(html: str, source: str) -> str:
    """The article body of an HTML page, by trafilatura (the ``html`` extra)."""
    try:
        import trafilatura
    except ImportError:
        raise InputError(
            f"{source}: HTML input needs trafilatura: pip install 'claimx[html]'"
        ) from None
    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text:
        raise InputError(f"{source}: no article text found in the HTML")
    return text


def file_item(path: Path, ident: str) -> Item:
    """Read one article file; any failure becomes an error item naming its cause."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        kind = "symlink_loop" if exc.errno == errno.ELOOP else "unreadable"
        return failed(ident, source, kind, f"{source}: {exc.strerror or exc}")
    try:
        text, encoding = decode(data, source)
        text_source = "text"
        if path.suffix.lower() in HTML_SUFFIXES:
            text, text_source = html_to_text(text, source), "html"
    except InputError as exc:
        kind = "binary" if "binary" in str(exc) else "input"
        return failed(ident, source, kind, str(exc))
    return Item(ident, source, text, header_date(text), text_source=text_source, encoding=encoding)


def walk_folder(root: Path, pattern: str | None) -> Iterator[Item]:
    """Files below ``root`` in a stable order; linked folders are not followed, loops reported."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        here = Path(folder)
        for name in list(dirs):
            if (here / name).is_symlink() and is_loop(here / name):
                yield failed(
                    str(here / name),
                    str(here / name),
                    "symlink_loop",
                    f"{here / name}: symbolic link loop",
                )
        for name in sorted(files):
            path = here / name
            if pattern and not fnmatch.fnmatch(name, pattern):
                continue
            if not pattern and path.suffix.lower() not in TEXT_SUFFIXES and not path.is_symlink():
                continue
            yield file_item(path, str(path))


def is_loop(link: Path) -> bool:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return True
    return target == link.parent.resolve() or target in link.parent.resolve().parents


def jsonl_items(lines: Iterable[str], source: str, fields: RecordFields) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield failed(where, source, "invalid_json", f"{where}: invalid JSON ({exc.msg})")
            continue
        yield record_item(record, where, source, fields)


def record_item(record: Any, where: str, source: str, fields: RecordFields) -> Item:
    if not isinstance(record, dict):
        return failed(where, source, "invalid_record", f"{where}: a record must be a JSON object")
    ident = lookup(record, fields.id)
    ident = str(ident) if ident is not None else where
    text = lookup(record, fields.text)
    if not isinstance(text, str):
        return failed(ident, source, "missing_text", f"{where}: no text in field {fields.text!r}")
    names = (fields.date,) if fields.date else DATE_FIELDS
    published = next((str(v)[:10] for v in (lookup(record, n) for n in names) if v), None)
    extra = {"title": lookup(record, fields.title)} if fields.title else {}
    return Item(ident, source, text, published, extra=extra)


def iter_items(
    inputs: Iterable[str], fields: RecordFields, pattern: str | None = None
) -> Iterator[Item]:
    """Every article of every input, in order."""
    for name in inputs:
        path = Path(name)
        if name == "-":
            yield from jsonl_items(sys.stdin, "-", fields)
        elif path.is_dir():
            yield from walk_folder(path, pattern)
        elif path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            with path.open(encoding="utf-8", errors="replace") as handle:
                yield from jsonl_items(handle, name, fields)
        else:
            yield file_item(path, name)
