"""Reading articles: bytes to text without shifting offsets, and the publication date header."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import InputError

BINARY_SAMPLE = 8192
HEADER_LINES = 12
HEADER_DATE = re.compile(
    r"^\s*(?:date|published|publication[ _-]date|dateline)\s*:\s*(?P<value>.+?)\s*$",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(frozen=True)
class ArticleText:
    """An article's text as claimx analyses it; offsets refer to ``text``."""

    source: str
    text: str
    encoding: str | None = "utf-8"


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode article bytes: UTF-8 (BOM dropped), else the detected charset, else cp1252."""
    if b"\x00" in data[:BINARY_SAMPLE]:
        raise InputError(f"{source}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def read_article(path: str) -> ArticleText:
    """Read a file (or ``-`` for stdin) verbatim; raise InputError with a one-line reason."""
    if path == "-":
        return ArticleText("-", *decode(sys.stdin.buffer.read(), "stdin"))
    file = Path(path)
    try:
        if file.is_dir():
            raise InputError(f"{path}: is a directory (use `claimx batch` for folders)")
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return ArticleText(path, *decode(data, path))


def header_date(text: str) -> str | None:
    """A ``Date:``/``Published:`` line (or front-matter key) near the top, as YYYY-MM-DD."""
    for line in text.splitlines()[:HEADER_LINES]:
        found = HEADER_DATE.match(line)
        if found:
            return normalise_date(found.group("value"))
    return None


def normalise_date(value: str) -> str | None:
    """An ISO date string from a header value; free-form dates go through dateparser."""
    iso = ISO_DATE.search(value)
    if iso:
        try:
            return date(*map(int, iso.groups())).isoformat()
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


def check_date_option(value: str | None) -> str | None:
    """Validate a ``--date`` value (YYYY-MM-DD)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"--date {value!r}: expected YYYY-MM-DD") from None
