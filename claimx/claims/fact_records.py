"""The records of single fact spans: what the fact components wrote into a Doc, read back as
frozen dataclasses (pure: strings and numbers off ``doc.spans`` and ``span._``)."""

from __future__ import annotations

from spacy.tokens import Span

from claimx.components.keys import COUNTRY_EXT, DATE_EXT, GRANULARITY_EXT, QUANTITY_EXTENSIONS
from claimx.records import Actor, DateMention, Location, Quantity


def actor_record(span: Span) -> Actor:
    """A claimx_actors span as an Actor record."""
    return Actor(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        name=span.kb_id_ or span.text,
        type=span.label_,
    )


def date_record(span: Span) -> DateMention:
    """A claimx_dates span as a DateMention record."""
    return DateMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        date=span._.get(DATE_EXT),
        granularity=span._.get(GRANULARITY_EXT),
    )


def location_record(span: Span) -> Location:
    """A claimx_locations span as a Location record."""
    return Location(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        name=span.kb_id_ or span.text,
        country=span._.get(COUNTRY_EXT),
        kind=span.label_,
    )


def quantity_record(span: Span) -> Quantity:
    """The record for one span of ``doc.spans["claimx_quantities"]``."""
    fields = {name.removeprefix("claimx_"): span._.get(name) for name in QUANTITY_EXTENSIONS}
    fields["approximate"] = bool(fields["approximate"])
    return Quantity(text=span.text, start=span.start_char, end=span.end_char, **fields)
