"""Batch inputs: folders, single files and JSONL corpora, as a stream of article items.

Nothing here touches spaCy. An input that cannot be read becomes an item with an error, so the
batch writes one line for it and goes on.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from claimx.errors import ErrorKind, InputError
from claimx.io import textio
from claimx.io.textio import (
    clean_path,
    clean_text,
    decode,
    header_date,
    normalise_date,
    read_capped,
)

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
MAX_DATE_CHARS = 64  # a date longer than this is not parsed (dateparser is slow on long text)
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
    """One article to analyse, or the reason it cannot be. ``where`` is its resolved location
    (path, or path:line), which tells a repeated input from two articles sharing an id;
    ``date_error`` says why a record's publication date was rejected (it is analysed without)."""

    id: str
    source: str
    text: str | None = None
    published: str | None = None
    error: tuple[ErrorKind, str] | None = None
    text_source: str = "text"
    encoding: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    where: str = ""
    date_error: str | None = None


def failed(ident: str, source: str, kind: ErrorKind, message: str, where: str = "") -> Item:
    return Item(id=ident, source=source, error=(kind, message), where=where or ident)


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
    except ImportError as exc:
        raise InputError(
            f"{source}: HTML input needs trafilatura: pip install 'claimx[html]' ({exc})",
            ErrorKind.NEEDS_HTML_EXTRA,
        ) from None
    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text:
        raise InputError(f"{source}: no article text found in the HTML", ErrorKind.NO_TEXT)
    return text


def file_item(path: Path, ident: str, source: str | None = None) -> Item:
    """Read one article file (regular files only, at most MAX_ARTICLE_BYTES); any failure
    becomes an error item naming its cause."""
    source = clean_path(source if source is not None else str(path))
    ident, where = clean_path(ident), clean_path(os.path.abspath(path))
    try:
        text, encoding = decode(read_capped(path, source), source)
        text_source = "text"
        if path.suffix.lower() in HTML_SUFFIXES:
            text, text_source = html_to_text(text, source), "html"
    except InputError as exc:
        return failed(ident, source, exc.kind, str(exc), where)
    published = header_date(text)
    return Item(ident, source, text, published, text_source=text_source, encoding=encoding,
                where=where)  # fmt: skip


def walk_folder(root: Path, pattern: str | None, follow_symlinks: bool = False) -> Iterator[Item]:
    """Files below ``root`` in a stable order, with ids relative to it (under its name, so that
    however the folder is spelled the ids are the same). Linked folders are not followed; a
    linked file outside ``root`` is refused unless ``follow_symlinks``; a folder that cannot be
    listed is an error item."""
    top = root.resolve()
    label = top.name or str(top)
    unlisted: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=unlisted.append, followlinks=False):
        yield from listing_errors(unlisted, root, label)
        dirs.sort()
        here = Path(folder)
        for name in list(dirs):
            if (here / name).is_symlink() and is_loop(here / name):
                yield failed(ident_in(root, label, here / name), str(here / name), ErrorKind.SYMLINK_LOOP,
                             f"{here / name}: symbolic link loop")  # fmt: skip
        for name in sorted(files):
            if pattern and not fnmatch.fnmatch(name, pattern):
                continue
            path = here / name
            if not pattern and path.suffix.lower() not in TEXT_SUFFIXES:
                continue
            ident = ident_in(root, label, path)
            if not follow_symlinks and path.is_symlink() and not inside(path, top):
                yield failed(ident, clean_path(str(path)), ErrorKind.SYMLINK_OUTSIDE,
                             f"{clean_path(str(path))}: links outside {clean_path(str(root))} "
                             "(use --follow-symlinks to read it)")  # fmt: skip
                continue
            yield file_item(path, ident)
    yield from listing_errors(unlisted, root, label)


def listing_errors(errors: list[OSError], root: Path, label: str) -> Iterator[Item]:
    while errors:
        exc = errors.pop(0)
        folder = Path(exc.filename or root)
        shown = clean_path(str(folder))
        yield failed(ident_in(root, label, folder), shown, ErrorKind.UNREADABLE,
                     f"{shown}: cannot list the folder ({exc.strerror or exc})")  # fmt: skip


def ident_in(root: Path, label: str, path: Path) -> str:
    relative = os.path.relpath(path, root)
    return clean_path(label if relative == "." else f"{label}/{Path(relative).as_posix()}")


def inside(path: Path, top: Path) -> bool:
    target = Path(os.path.realpath(path))
    return target == top or top in target.parents


def is_loop(link: Path) -> bool:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return True
    return target == link.parent.resolve() or target in link.parent.resolve().parents


def capped_lines(handle: IO[bytes]) -> Iterator[bytes | None]:
    """The lines of a binary stream; a line longer than MAX_ARTICLE_BYTES is skipped and
    given as None, so an endless line cannot exhaust memory."""
    limit = textio.MAX_ARTICLE_BYTES
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def jsonl_items(
    handle: IO[bytes], source: str, fields: RecordFields, label: str, location: str
) -> Iterator[Item]:
    """Records of a JSONL stream; bytes that are not UTF-8 are replaced, never fatal."""
    for number, raw in enumerate(capped_lines(handle), start=1):
        where, at = f"{label}:{number}", f"{location}:{number}"
        if raw is None:
            message = f"{where}: line longer than {textio.MAX_ARTICLE_BYTES:,} bytes"
            yield failed(where, source, ErrorKind.TOO_LARGE, message, at)
            continue
        line = raw.decode("utf-8", errors="replace")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield failed(
                where, source, ErrorKind.INVALID_JSON, f"{where}: invalid JSON ({exc.msg})", at
            )
            continue
        yield replace(record_item(record, where, source, fields), where=at)


def record_item(record: Any, where: str, source: str, fields: RecordFields) -> Item:
    if not isinstance(record, dict):
        return failed(
            where, source, ErrorKind.INVALID_RECORD, f"{where}: a record must be a JSON object"
        )
    ident = lookup(record, fields.id)
    ident = clean_text(str(ident)) if ident is not None else where
    text = lookup(record, fields.text)
    if not isinstance(text, str):
        return failed(
            ident, source, ErrorKind.MISSING_TEXT, f"{where}: no text in field {fields.text!r}"
        )
    published, date_error = record_date(record, fields, where)
    extra = {"title": lookup(record, fields.title)} if fields.title else {}
    return Item(ident, source, clean_text(text), published, extra=extra, where=where,
                date_error=date_error)  # fmt: skip


def record_date(record: dict, fields: RecordFields, where: str) -> tuple[str | None, str | None]:
    """(ISO date, None) from the record's date field, or (None, why) for a value that is not a
    date (a number, a list, free text that does not parse)."""
    names = (fields.date,) if fields.date else DATE_FIELDS
    value = next((v for v in (lookup(record, n) for n in names) if v not in (None, "")), None)
    if value is None:
        return None, None
    if isinstance(value, str):
        parsed = normalise_date(value[:MAX_DATE_CHARS])
        if parsed:
            return parsed, None
    shown = clean_text(json.dumps(value, ensure_ascii=False)[:MAX_DATE_CHARS])
    return None, f"{where}: the publication date {shown} is not a date; analysed without it"


def iter_items(
    inputs: Iterable[str],
    fields: RecordFields,
    pattern: str | None = None,
    follow_symlinks: bool = False,
) -> Iterator[Item]:
    """Every article of every input, in order."""
    for name in inputs:
        path = Path(name)
        if name == "-":
            yield from jsonl_items(sys.stdin.buffer, "-", fields, "-", "-")
        elif path.is_dir():
            yield from walk_folder(path, pattern, follow_symlinks)
        elif path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            label, location = clean_path(path.name), clean_path(os.path.abspath(path))
            with path.open("rb") as handle:
                yield from jsonl_items(handle, clean_path(name), fields, label, location)
        else:
            yield file_item(path, path.name or name, name)
