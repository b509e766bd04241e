"""Reading articles: bytes to text without shifting offsets, and the publication date header."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from claimx.errors import ErrorKind, InputError

BINARY_SAMPLE = 8192
# Bytes read per article at most (documented): past it an article is an error record, so a
# huge or endless file cannot exhaust memory. Long articles are analysed in pieces below this.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024
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


BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)  # fmt: skip
# charset-normalizer guesses wildly on short or mostly-ASCII Latin text (cp1250 or big5 for a
# Latin-1 line): its guess is used only when the text reads as some language (coherence) and
# is clean (chaos), and cp1252 is preferred whenever it decodes as cleanly.
MIN_COHERENCE = 0.2
MAX_CHAOS = 0.1
LATIN_DEFAULTS = ("cp1252", "latin_1", "iso8859_15")
SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with lone surrogates (from JSON escapes or undecodable file names) replaced by
    U+FFFD: one code point for one, so offsets do not move, and the text can be written."""
    return SURROGATES.sub("\ufffd", text)


def clean_path(name: str) -> str:
    """A file name for output: undecodable bytes (surrogate escapes) shown as ``\\xNN``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode article bytes: UTF-8 (BOM dropped), UTF-16/32 by their BOM, charset-normalizer's
    guess when it is confident, else cp1252."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return clean_text(data.decode(encoding)), encoding
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:BINARY_SAMPLE]:
        raise InputError(f"{source}: looks like a binary file, not text", ErrorKind.BINARY)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = detected(data)
    if guess is not None:
        return guess
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    guess = detected(data, confident=False)
    if guess is not None:
        return guess
    return data.decode("cp1252", errors="replace"), "cp1252"


def detected(data: bytes, confident: bool = True) -> tuple[str, str] | None:
    """charset-normalizer's best guess (only a confident one if ``confident``), cp1252 when that
    decodes as cleanly as the guess."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or not best.encoding:
        return None
    if confident and (best.coherence < MIN_COHERENCE or best.chaos > MAX_CHAOS):
        return None
    for match in matches:
        if match.encoding in LATIN_DEFAULTS and match.chaos <= best.chaos:
            return str(match), match.encoding
    return str(best), best.encoding


def read_article(path: str) -> ArticleText:
    """Read a file (or ``-`` for stdin) verbatim; raise InputError with a one-line reason."""
    if path == "-":
        return ArticleText("-", *decode(read_capped_stream(sys.stdin.buffer, "stdin"), "stdin"))
    return ArticleText(path, *decode(read_capped(Path(path), path), path))


def read_capped(file: Path, source: str) -> bytes:
    """The bytes of a regular file, at most MAX_ARTICLE_BYTES of them. FIFOs, devices and
    sockets are refused before they are opened (reading one blocks or never ends)."""
    try:
        if file.is_dir():
            raise InputError(f"{source}: is a directory (use `claimx batch` for folders)")
        if not stat.S_ISREG(file.stat().st_mode):
            raise InputError(
                f"{source}: not a regular file (a FIFO, device or socket)", ErrorKind.NOT_REGULAR
            )
        descriptor = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # swapped since the check
                raise InputError(f"{source}: not a regular file", ErrorKind.NOT_REGULAR)
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied", ErrorKind.UNREADABLE) from None
    except OSError as exc:
        kind = ErrorKind.SYMLINK_LOOP if exc.errno == errno.ELOOP else ErrorKind.UNREADABLE
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})", kind) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise too_large(source)
    return data


def read_capped_stream(stream: IO[bytes], source: str) -> bytes:
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise too_large(source)
    return data


def too_large(source: str) -> InputError:
    return InputError(f"{source}: larger than {MAX_ARTICLE_BYTES:,} bytes", ErrorKind.TOO_LARGE)


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

    try:
        parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    except (ValueError, OverflowError, TypeError):  # dateparser fails on some odd strings
        return None
    return parsed.date().isoformat() if parsed else None


def check_date_option(value: str | None, label: str = "--date") -> str | None:
    """Validate a ``--date`` value (YYYY-MM-DD); ``label`` names it in the error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{label} {value!r}: expected YYYY-MM-DD") from None
