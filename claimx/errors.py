"""The exceptions claimx raises; the CLI maps each to an exit code."""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """The ``type`` of an article's error record: why an input gave no claims."""

    INPUT = "input"  # any other unreadable input
    BINARY = "binary"  # not text
    NOT_REGULAR = "not_regular"  # a FIFO, device or socket
    UNREADABLE = "unreadable"  # permission denied or another read error
    SYMLINK_LOOP = "symlink_loop"
    SYMLINK_OUTSIDE = "symlink_outside"  # a link out of the folder being read
    TOO_LARGE = "too_large"
    NEEDS_HTML_EXTRA = "needs_html_extra"  # HTML input without the optional extractor installed
    NO_TEXT = "no_text"  # HTML with no article text
    INVALID_JSON = "invalid_json"  # a JSONL input line
    INVALID_RECORD = "invalid_record"  # a JSONL line that is no object
    MISSING_TEXT = "missing_text"  # a JSONL record without its text field
    INVALID_DATE = "invalid_date"  # a publication date that is no YYYY-MM-DD
    DUPLICATE_ID = "duplicate_id"  # an id already written to the batch output
    INTERNAL = "internal"  # claimx failed on the article (a bug)
    WORKER_CRASHED = "worker_crashed"  # the process analysing the article died


class ClaimxError(Exception):
    """Base class: an expected failure with a one-line message for the user."""

    exit_code = 1


class InputError(ClaimxError):
    """An input cannot be read as an article (missing, a directory, binary, undecodable);
    ``kind`` is the error type written to an error record."""

    exit_code = 2

    def __init__(self, message: str, kind: ErrorKind = ErrorKind.INPUT) -> None:
        super().__init__(message)
        self.kind = kind


class UsageError(ClaimxError):
    """A bad option value, such as an unknown ``--fields`` path."""

    exit_code = 2


class ModelError(ClaimxError):
    """No usable spaCy pipeline could be loaded."""

    exit_code = 3


class PatternError(ClaimxError):
    """A rule file in models/ is malformed; the message names file:line."""

    exit_code = 4
