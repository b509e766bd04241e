"""claimx: attributed claims from news articles — who claims what, through which words.

Importing claimx loads neither spaCy nor a model; :func:`extract` loads the pipeline on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimx.errors import ClaimxError, InputError, ModelError, PatternError

if TYPE_CHECKING:
    from claimx.records import Article

__version__ = "0.1.0"
__all__ = ["ClaimxError", "InputError", "ModelError", "PatternError", "__version__", "extract"]


def extract(text: str, published: str | None = None, *, model: str | None = None) -> Article:
    """Find the attributed claims in an article's text; ``published`` is YYYY-MM-DD."""
    from claimx.api import extract as run

    return run(text, published, model=model)
