"""spaCy factory registrations for claimx's components, kept apart from the classes.

They are also declared as ``spacy_factories`` entry points, so ``nlp.add_pipe("claimx_cues")``
works in any pipeline once claimx is installed.
"""

from __future__ import annotations

from spacy.language import Language

from claimx.components.attribution import Attributor
from claimx.components.cues import CueMatcher, MediaMatcher
from claimx.components.facts.actors import ActorFinder
from claimx.components.facts.dates import DateResolver
from claimx.components.facts.places import PlaceFinder
from claimx.components.facts.quantities import QuantityFinder
from claimx.components.status import StatusTagger
from claimx.components.structure import ParagraphBoundaries, QuoteFinder


@Language.factory("claimx_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries(nlp, name)


@Language.factory("claimx_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)


@Language.factory("claimx_cues")
def make_cues(nlp: Language, name: str) -> CueMatcher:
    return CueMatcher(nlp, name)


@Language.factory("claimx_media")
def make_media(nlp: Language, name: str) -> MediaMatcher:
    return MediaMatcher(nlp, name)


@Language.factory(
    "claimx_attribution",
    requires=["token.dep", "token.lemma", "doc.ents"],
)
def make_attribution(nlp: Language, name: str) -> Attributor:
    return Attributor(nlp, name)


@Language.factory("claimx_status", requires=["doc.spans"])
def make_status(nlp: Language, name: str) -> StatusTagger:
    return StatusTagger(nlp, name)


@Language.factory("claimx_quantities", requires=["token.dep", "token.lemma", "doc.ents"])
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder(nlp, name)


@Language.factory("claimx_places", requires=["token.dep", "doc.ents"])
def make_places(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder(nlp, name)


@Language.factory("claimx_actors", requires=["token.dep", "doc.ents"])
def make_actors(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder(nlp, name)


@Language.factory("claimx_dates", requires=["doc.ents"])
def make_dates(nlp: Language, name: str) -> DateResolver:
    return DateResolver(nlp, name)
