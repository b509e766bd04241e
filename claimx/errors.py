"""The exceptions claimx raises; the CLI maps each to an exit code."""

from __future__ import annotations


class ClaimxError(Exception):
    """Base class: an expected failure with a one-line message for the user."""

    exit_code = 1


class InputError(ClaimxError):
    """An input cannot be read as an article (missing, a directory, binary, undecodable);
    ``kind`` is the error type written to an error record."""

    exit_code = 2

    def __init__(self, message: str, kind: str = "input") -> None:
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
