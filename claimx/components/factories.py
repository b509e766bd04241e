"""spaCy factory registrations for claimx's components, kept apart from the classes.

They are also declared as ``spacy_factories`` entry points, so ``nlp.add_pipe("claimx_cues")``
works in any pipeline once claimx is installed. Every rule-bearing component takes
``config={"rules": {"status": {...}}}`` (rule file name without extension → its content; files
not given, or ``"rules": None``, are the packaged models/ files).

``assigns``/``requires`` are what ``nlp.analyze_pipes()`` checks. Two reads are not declared:
``token.pos`` (the attribute_ruler maps it from ``token.tag`` but declares nothing, so ``tag`` is
listed instead) and ``doc._.claimx_published``, which the caller sets before the pipeline runs.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.language import Language

from claimx.components.attribution import Attributor
from claimx.components.cues import CueMatcher, MediaMatcher
from claimx.components.facts.actors import ActorFinder
from claimx.components.facts.dates import DateResolver
from claimx.components.facts.places import PlaceFinder
from claimx.components.facts.quantities import QuantityFinder
from claimx.components.status import StatusTagger
from claimx.components.structure import ParagraphBoundaries, QuoteFinder

RULES = {"rules": None}
SPANS = "doc.spans"
PARSE = ["token.dep", "token.head", "token.tag", "token.lemma", "doc.sents"]


@Language.factory("claimx_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries(nlp, name)


@Language.factory("claimx_quotes", assigns=[SPANS])
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)


@Language.factory(
    "claimx_cues",
    default_config=RULES,
    assigns=[SPANS],
    requires=["token.lemma", "token.tag", "token.dep"],
)
def make_cues(nlp: Language, name: str, rules: Mapping | None) -> CueMatcher:
    return CueMatcher(nlp, name, rules)


@Language.factory("claimx_media", default_config=RULES, assigns=[SPANS])
def make_media(nlp: Language, name: str, rules: Mapping | None) -> MediaMatcher:
    return MediaMatcher(nlp, name, rules)


@Language.factory(
    "claimx_attribution",
    default_config=RULES,
    assigns=[SPANS],
    requires=[*PARSE, "doc.ents", "token.ent_type", SPANS],
)
def make_attribution(nlp: Language, name: str, rules: Mapping | None) -> Attributor:
    return Attributor(nlp, name, rules)


@Language.factory(
    "claimx_status",
    default_config=RULES,
    assigns=[SPANS],
    requires=[*PARSE, SPANS],
)
def make_status(nlp: Language, name: str, rules: Mapping | None) -> StatusTagger:
    return StatusTagger(nlp, name, rules)


@Language.factory(
    "claimx_quantities",
    default_config=RULES,
    assigns=[
        SPANS,
        "span._.claimx_value",
        "span._.claimx_low",
        "span._.claimx_high",
        "span._.claimx_approximate",
        "span._.claimx_unit",
        "span._.claimx_subject",
        "span._.claimx_event",
    ],
    requires=[*PARSE, "doc.ents", "token.ent_type"],
)
def make_quantities(nlp: Language, name: str, rules: Mapping | None) -> QuantityFinder:
    return QuantityFinder(nlp, name, rules)


@Language.factory(
    "claimx_places",
    default_config=RULES,
    assigns=[SPANS, "span._.claimx_country"],
    requires=[*PARSE, "doc.ents", "token.ent_type"],
)
def make_places(nlp: Language, name: str, rules: Mapping | None) -> PlaceFinder:
    return PlaceFinder(nlp, name, rules)


@Language.factory(
    "claimx_actors",
    default_config=RULES,
    assigns=[SPANS],
    requires=[*PARSE, "doc.ents"],
)
def make_actors(nlp: Language, name: str, rules: Mapping | None) -> ActorFinder:
    return ActorFinder(nlp, name, rules)


@Language.factory(
    "claimx_dates",
    default_config=RULES,
    assigns=[SPANS, "span._.claimx_date", "span._.claimx_granularity"],
    requires=[*PARSE, "doc.ents"],
)
def make_dates(nlp: Language, name: str, rules: Mapping | None) -> DateResolver:
    return DateResolver(nlp, name, rules)
