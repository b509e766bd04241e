"""The pure step from an annotated Doc to its Article record, and the speech-only view of one."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from claimx.claims.conflicts import find_conflicts
from claimx.claims.facts import narration
from claimx.claims.from_doc import claims_from_doc
from claimx.components.keys import CLAIMS_KEY
from claimx.records import Article
from claimx.rules.evaluation import speech_cue

if TYPE_CHECKING:
    from spacy.tokens import Doc


def article_from_doc(
    doc: Doc, source: str, published: str | None, with_narration: bool = False, **extra: Any
) -> Article:
    """The pure step from an annotated Doc to the Article record; ``with_narration`` adds the
    facts of sentences that hold no claim (``--all``)."""
    claims = claims_from_doc(doc)
    if with_narration:
        extra["extra"] = {"narration": narration(doc, list(doc.spans.get(CLAIMS_KEY, ())))}
    return Article(
        source=source,
        published=published,
        claims=claims,
        conflicts=find_conflicts(doc, claims),
        **extra,
    )


def speech_only(article: Article) -> Article:
    """The article with only its claims whose cue is a speech act (``--speech-only``), and only
    the conflicts whose claims all remain. Claim ids are kept, so gaps show what was left out."""
    claims = tuple(c for c in article.claims if c.cue is not None and speech_cue(c.cue.text))
    kept = {c.id for c in claims}
    conflicts = tuple(c for c in article.conflicts if kept.issuperset(c.claims))
    return replace(article, claims=claims, conflicts=conflicts)
