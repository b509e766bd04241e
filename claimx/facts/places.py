"""Locations: countries, regions, cities, borders and facilities, resolved to a country offline.

``PlaceFinder`` reads the parse and NER (GPE, LOC, FAC, NORP, and PROPN runs outside entities) and
writes ``doc.spans["claimx_locations"]``: label = kind, ``kb_id_`` = canonical name, and the Span
extension ``claimx_country`` (country names joined by "; ", or None).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import Location
from .actors import is_agent
from .gazetteer import Gazetteer, Place, gazetteer, mention_key

LOCATIONS_KEY = "claimx_locations"
COUNTRY_EXT = "claimx_country"
LEADING_POS = frozenset({"DET", "PRON"})  # "the", "their" open a phrase but are not the name


def register_extensions() -> None:
    if not Span.has_extension(COUNTRY_EXT):
        Span.set_extension(COUNTRY_EXT, default=None)


@dataclass(frozen=True)
class Found:
    """One location: token offsets, canonical name, ISO codes ("; "-joined) and kind."""

    start: int
    end: int
    name: str
    country: str | None
    kind: str


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    entries: tuple[Place, ...]
    unresolved: str | None


class PlaceFinder:
    """Find locations; reads doc.ents and the parse, writes doc.spans["claimx_locations"]."""

    def __init__(self, nlp: Language, name: str = "claimx_places") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Found]:
        gaz = gazetteer()
        candidates = list(entity_candidates(doc, gaz)) + list(propn_candidates(doc, gaz))
        counts = country_counts(doc, candidates, gaz)
        found = [f for f in (resolve(c, gaz, counts) for c in candidates) if f is not None]
        found = [f for f in found if not metonymic(doc, f, gaz)]
        found += facilities(doc, found, gaz)
        found += borders(doc, found, counts, gaz)
        unique = {(f.start, f.end, f.kind): f for f in found}
        return sorted(unique.values(), key=lambda f: (f.start, f.end))

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        gaz = gazetteer()
        spans = []
        for item in found:
            span = Span(doc, item.start, item.end, label=item.kind, kb_id=item.name)
            span._.set(COUNTRY_EXT, gaz.country_name(item.country))
            spans.append(span)
        doc.spans[LOCATIONS_KEY] = spans


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


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner and a trailing possessive marker."""
    while start < end - 1 and doc[start].pos_ in LEADING_POS:
        start += 1
    while end > start + 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return start, end


def entity_candidates(doc: Doc, gaz: Gazetteer) -> Iterator[Candidate]:
    sources = gaz.rules["sources"]
    for ent in doc.ents:
        policy = sources.get(ent.label_)
        if policy is None:
            continue
        start, end = trim(doc, ent.start, ent.end)
        text = doc[start:end].text
        if ent.label_ == "NORP" and gaz.demonym(text):
            continue  # "Pakistani" is a people, not a place; actors.py reads it
        entries = filtered(gaz.lookup(text), policy)
        yield Candidate(start, end, text, entries, None if entries else policy.get("unresolved"))


def propn_candidates(doc: Doc, gaz: Gazetteer) -> Iterator[Candidate]:
    """Proper-noun runs the NER left unlabeled ("Paktika" is often missed)."""
    policy = gaz.rules["sources"]["PROPN"]
    run: list[Token] = []
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.ent_iob_ == "O":
            run.append(token)
            continue
        if run:
            text = doc[run[0].i : run[-1].i + 1].text
            # short capitals are acronyms ("EST"), never a place the NER failed to label
            entries = (
                () if text.isupper() and len(text) <= 4 else filtered(gaz.lookup(text), policy)
            )
            if entries:
                yield Candidate(run[0].i, run[-1].i + 1, text, entries, None)
            run = []


def filtered(entries: tuple[Place, ...], policy: dict) -> tuple[Place, ...]:
    """Entries a source may produce: curated ones only for ORG, small towns not for bare PROPNs."""
    if policy.get("curated_only"):
        return tuple(e for e in entries if e.curated)
    floor = policy.get("min_population", 0)
    return tuple(e for e in entries if e.kind != "city" or (e.population or 0) >= floor)


def country_counts(doc: Doc, candidates: list[Candidate], gaz: Gazetteer) -> Counter[str]:
    """How often each country is named, by a place only it has ("Ohio") or a demonym: what the
    article is about."""
    counts: Counter[str] = Counter()
    for cand in candidates:
        codes = {e.country for e in cand.entries}
        if len(codes) == 1 and None not in codes and ";" not in next(iter(codes)):
            counts[next(iter(codes))] += 1
    for ent in doc.ents:
        if ent.label_ == "NORP":
            code = gaz.demonym(ent.text)
            if code:
                counts[code] += 1
    return counts


def resolve(cand: Candidate, gaz: Gazetteer, counts: Counter[str]) -> Found | None:
    best = gaz.best(cand.entries, cand.text, counts) if cand.entries else None
    if best is not None:
        return Found(cand.start, cand.end, best.name, best.country, best.kind)
    if cand.unresolved:
        return Found(cand.start, cand.end, cand.text, None, cand.unresolved)
    return None


def metonymic(doc: Doc, item: Found, gaz: Gazetteer) -> bool:
    """A capital acting ("Kabul claimed …") is its government (see actors.py), not a location."""
    if item.kind != "city" or gaz.capitals.get(mention_key(item.name)) != item.country:
        return False
    return is_agent(doc[item.start : item.end].root, gaz)


def place_at(found: list[Found], i: int) -> Found | None:
    for item in found:
        if item.start <= i < item.end and item.kind not in ("border", "facility"):
            return item
    return None


def facilities(doc: Doc, found: list[Found], gaz: Gazetteer) -> list[Found]:
    """Named facilities: "the U.S. Embassy compound in Yemen" (country from "in X")."""
    rules = gaz.rules["facility"]
    heads = frozenset(rules["heads"])
    out = []
    for token in doc:
        # one-word FAC entities are mostly misread names ("Bannon"); a facility head needs a name
        fac_entity = (
            token.ent_type_ == "FAC"
            and token.ent_iob_ == "B"
            and entity_end(doc, token.i) > token.i + 1
        )
        if fac_entity:
            start, end = trim(doc, token.i, entity_end(doc, token.i))
        elif is_facility_head(token, heads, rules["agent_deps"]):
            start, end = trim(doc, token.left_edge.i, token.i + 1)
            if not named(doc[start : token.i]):
                continue  # "the embassy compound", "the Clinton camp": no facility name
        else:
            continue
        country = facility_country(doc, start, end, found, rules["location_preps"])
        out.append(Found(start, end, doc[start:end].text, country, "facility"))
    return out


def is_facility_head(token: Token, heads: frozenset[str], agent_deps: list[str]) -> bool:
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.lemma_.lower() in heads
        and token.dep_ not in ("compound", *agent_deps)
    )


def named(tokens: Span) -> bool:
    """A proper name that is not a person's ("Clinton camp" is a campaign, not a camp)."""
    return any(t.pos_ == "PROPN" and t.ent_type_ != "PERSON" for t in tokens)


def entity_end(doc: Doc, i: int) -> int:
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def facility_country(
    doc: Doc, start: int, end: int, found: list[Found], preps: list[str]
) -> str | None:
    """The place after "in/at/near" if any, else a city or region named inside ("Kabul airport").
    A country inside the name is usually the owner ("U.S. Embassy"), not the host, so it is skipped.
    """
    head = doc[end - 1]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                place = place_at(found, obj.i)
                if place is not None:
                    return place.country
    for i in range(start, end):
        place = place_at(found, i)
        if place is not None and place.kind != "country":
            return place.country
    return None


def borders(doc: Doc, found: list[Found], counts: Counter[str], gaz: Gazetteer) -> list[Found]:
    """Borders: "the Iran-Afghanistan border", "the Afghan-Pakistani border", "their shared border"."""
    rules = gaz.rules["border"]
    heads = frozenset(rules["heads"])
    out = []
    for token in doc:
        if token.lemma_.lower() not in heads or token.dep_ in rules["modifier_deps"]:
            continue
        start, end = trim(doc, token.left_edge.i, token.i + 1)
        codes = border_countries(doc, token, found, gaz, rules)
        if not codes and any(
            t.lower_ in rules["shared_markers"] for t in doc[token.left_edge.i : token.i]
        ):
            # "their shared border": the two countries the article is most about
            codes = [code for code, _ in counts.most_common(2)] if len(counts) >= 2 else []
        if not codes:
            continue  # "across the border": which border is not said here
        names = gaz.country_name("; ".join(codes)) or ""
        name = rules["joiner"].join(names.split("; ")) + rules["suffix"]
        out.append(Found(start, end, name, "; ".join(codes), "border"))
    return out


def border_countries(
    doc: Doc, head: Token, found: list[Found], gaz: Gazetteer, rules: dict
) -> list[str]:
    """Countries named before the border noun or after "with"/"between", in text order."""
    tokens = list(doc[head.left_edge.i : head.i])
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in rules["partner_preps"]:
            tokens += list(child.subtree)
    codes: list[str] = []
    for token in tokens:
        place = place_at(found, token.i)
        code = place.country if place is not None else gaz.demonym(token.text)
        for one in (code or "").split("; "):
            if one and one not in codes:
                codes.append(one)
    return codes
