"""The Doc extension claimx sets before running the pipeline: the publication date string."""

from __future__ import annotations

from spacy.tokens import Doc

PUBLISHED_EXT = "claimx_published"


def register_extensions() -> None:
    """Register ``doc._.claimx_published`` (a YYYY-MM-DD string or None); idempotent."""
    if not Doc.has_extension(PUBLISHED_EXT):
        Doc.set_extension(PUBLISHED_EXT, default=None)
