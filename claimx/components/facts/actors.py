"""Actors: people, organisations, armed groups, governments and peoples, with a normalised name.

``ActorFinder`` reads doc.ents and the parse and writes ``doc.spans["claimx_actors"]``: label =
type (PERSON, ORG, GOVERNMENT, MILITARY, ARMED_GROUP, NORP, GPE), ``kb_id_`` = normalised name.
Known groups and their aliases come from models/actors.jsonl; demonyms become their country
("Pakistani forces" → Pakistan); a capital or country acting as a subject becomes its government
("Kabul claimed" → "Government of Afghanistan"), otherwise it is left to the location finder.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.components.keys import ACTORS_KEY
from claimx.components.serialize import RuleFile, Rules, RuleSerializer
from claimx.rules.assets import Field, check_record, load_jsonl
from claimx.rules.places import DEMONYM_SCHEMA, Gazetteer, gazetteer_for, mention_key


class ActorType(StrEnum):
    """The label a curated actor is written with (models/actors.jsonl "type")."""

    ARMED_GROUP = "ARMED_GROUP"
    GOVERNMENT = "GOVERNMENT"
    MILITARY = "MILITARY"
    ORG = "ORG"


ACTOR_SCHEMA = {
    "name": Field((str,), required=True),
    "type": Field((str,), required=True, choices=ActorType),
    "country": Field((str, type(None))),
    "aliases": Field((list,), required=True, items=str),
    "exact": Field((list,), items=str),
}
ACTORS_FILE = RuleFile("actors.jsonl", "actors", ACTOR_SCHEMA)
PLACES_FILE = RuleFile("places.json", "places")
DEMONYMS_FILE = RuleFile("demonyms.jsonl", "demonyms", DEMONYM_SCHEMA)


def register_extensions() -> None:
    """Actors carry everything in label_ and kb_id_; no Span extension is needed."""


@dataclass(frozen=True)
class KnownActor:
    name: str
    type: str
    country: str | None


@cache
def known_actors() -> tuple[KnownActor, ...]:
    """models/actors.jsonl; the match id of an alias is its record's index."""
    records = load_jsonl("actors.jsonl", "actors", ACTOR_SCHEMA)
    return tuple(KnownActor(r["name"], r["type"], r.get("country")) for r in records)


@cache
def alias_table() -> tuple[tuple[int, str, bool], ...]:
    """(record index, alias, exact case) for every alias."""
    return alias_rows(load_jsonl("actors.jsonl", "actors", ACTOR_SCHEMA))


def alias_rows(records: Iterable[dict[str, Any]]) -> tuple[tuple[int, str, bool], ...]:
    rows = []
    for i, record in enumerate(records):
        rows += [(i, alias, False) for alias in record["aliases"]]
        rows += [(i, alias, True) for alias in record.get("exact", [])]
    return tuple(rows)


class ActorFinder(RuleSerializer):
    """Find actors; reads doc.ents and the parse, writes doc.spans["claimx_actors"].

    Rules: models/actors.jsonl, and places.json and demonyms.jsonl for the place tables (the
    packaged ones, or ``{"actors": [records], ...}`` in config).
    """

    RULE_FILES = (ACTORS_FILE, PLACES_FILE, DEMONYMS_FILE)

    def __init__(
        self, nlp: Language, name: str = "claimx_actors", rules: Mapping | None = None
    ) -> None:
        self.name = name
        self.nlp = nlp
        self.vocab = nlp.vocab
        self.places: Gazetteer | None = None  # built on first use, as it is large
        self.set_rules(rules)
        register_extensions()

    def use_rules(self, data: Rules) -> None:
        self.data = dict(data)
        records = data[ACTORS_FILE.key]
        self.actors = tuple(KnownActor(r["name"], r["type"], r.get("country")) for r in records)
        self.matchers = build_matchers(self.nlp, alias_rows(records))
        self.places = None

    def rule_data(self) -> Rules:
        return self.data

    def add_patterns(self, records: Iterable[dict[str, Any]]) -> None:
        """Add known actors (actors.jsonl records)."""
        where = f"{self.name} actor pattern"
        added = [check_record(r, ACTOR_SCHEMA, f"{where} {n}") for n, r in enumerate(records, 1)]
        self.use_rules({**self.data, ACTORS_FILE.key: [*self.data[ACTORS_FILE.key], *added]})

    def gazetteer(self) -> Gazetteer:
        if self.places is None:
            self.places = gazetteer_for(self.data[PLACES_FILE.key], self.data[DEMONYMS_FILE.key])
        return self.places

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Span]:
        gaz = self.gazetteer()
        known = self.match(doc)
        taken = {i for span in known for i in range(span.start, span.end)}
        others = [
            s for s in entity_actors(doc, gaz) if not taken.intersection(range(s.start, s.end))
        ]
        return sorted(known + filter_spans(others), key=lambda s: (s.start, s.end))

    def match(self, doc: Doc) -> list[Span]:
        """Aliases of known groups, longest first ("Pakistani Taliban" over "Taliban")."""
        spans = []
        for matcher in self.matchers:
            for match_id, start, end in matcher(doc):
                actor = self.actors[int(self.vocab.strings[match_id])]
                spans.append(Span(doc, start, end, label=actor.type, kb_id=actor.name))
        return filter_spans(spans)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc.spans[ACTORS_KEY] = spans


def build_matchers(
    nlp: Language, rows: Iterable[tuple[int, str, bool]]
) -> tuple[PhraseMatcher, PhraseMatcher]:
    """One case-insensitive matcher (LOWER) and one exact-case matcher (ORTH: "ISIS", "LeT")."""
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    for index, alias, is_exact in rows:
        matcher = exact if is_exact else lower
        matcher.add(str(index), [nlp.make_doc(alias)])
    return lower, exact


def entity_actors(doc: Doc, gaz: Gazetteer) -> Iterator[Span]:
    types = gaz.rules["actors"]["entity_types"]
    for ent in doc.ents:
        kind = types.get(ent.label_)
        if kind is None:
            continue
        start, end = trim(doc, ent.start, ent.end, gaz)
        span = doc[start:end]
        if kind == "ORG" and any(e.curated for e in gaz.lookup(span.text)):
            continue  # "the Durand Line" tagged ORG is a place
        if kind in ("PERSON", "ORG"):
            yield Span(doc, start, end, label=kind, kb_id=span.text)
        elif kind == "NORP":
            yield from people_actor(doc, span, gaz)
        else:
            yield from place_actor(doc, span, gaz)


def trim(doc: Doc, start: int, end: int, gaz: Gazetteer) -> tuple[int, int]:
    """Drop "the" before and a possessive after an entity."""
    prefixes = gaz.rules["actors"]["strip_prefixes"]
    while start < end - 1 and doc[start].lower_ in prefixes:
        start += 1
    while end > start + 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return start, end


def people_actor(doc: Doc, span: Span, gaz: Gazetteer) -> Iterator[Span]:
    """A demonym names its country ("Pakistani forces" → Pakistan); "Afghan government" → government."""
    code = gaz.demonym(span.text)
    if code is None:
        if not gaz.lookup(span.text):  # a NORP the NER gave a place ("Paktika") is a location
            yield Span(doc, span.start, span.end, label="NORP", kb_id=span.text)
        return
    yield government(doc, span, code, gaz) or Span(
        doc, span.start, span.end, label="NORP", kb_id=gaz.country_name(code) or span.text
    )


def place_actor(doc: Doc, span: Span, gaz: Gazetteer) -> Iterator[Span]:
    """A capital or country is an actor only when it acts (subject, "by X", possessor of a subject)."""
    key = mention_key(span.text)
    capital = gaz.capitals.get(key)
    entries = gaz.lookup(span.text)
    country = next((e.country for e in entries if e.kind == "country"), None)
    code = country or capital
    if code is None:
        return
    named = government(doc, span, code, gaz)
    if named is not None:
        yield named
    elif is_agent(span.root, gaz):
        if country is not None:
            yield Span(
                doc, span.start, span.end, label="GPE", kb_id=gaz.country_name(code) or span.text
            )
        else:
            yield Span(
                doc, span.start, span.end, label="GOVERNMENT", kb_id=government_name(code, gaz)
            )


def is_agent(token: Token, gaz: Gazetteer) -> bool:
    rules = gaz.rules["actors"]
    # "Pakistan and Afghanistan have …"; only through places, as a conj to a person is often a misparse
    while token.dep_ == "conj" and token.head.ent_type_ == token.ent_type_:
        token = token.head
    if token.dep_ in rules["possessor_deps"]:  # "Pakistan's military claimed"
        token = token.head
    if token.dep_ in rules["agent_deps"]:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in rules["agent_preps"]


def government(doc: Doc, span: Span, code: str, gaz: Gazetteer) -> Span | None:
    """ "the Afghan government", "Pakistan's government": the span widened to the head noun."""
    rules = gaz.rules["actors"]
    head = span.root.head
    if (
        span.root.dep_ not in rules["government_modifier_deps"]
        or head.lemma_.lower() not in rules["government_heads"]
    ):
        return None
    start, end = min(span.start, head.i), max(span.end, head.i + 1)
    return Span(doc, start, end, label="GOVERNMENT", kb_id=government_name(code, gaz))


def government_name(code: str, gaz: Gazetteer) -> str:
    return gaz.rules["actors"]["government_name"].format(country=gaz.country_name(code) or code)
