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
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..records import Location
from .actors import is_agent
from .gazetteer import Gazetteer, Place, gazetteer, mention_key, normalise
from .minor_places import MinorIndex, minor_index
from .place_context import (
    Context,
    build_context,
    direction_of,
    home_country,
    locative,
    named_by_context,
)

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
    """A name that may be a place: its main-gazetteer entries and its source's policy."""

    start: int
    end: int
    text: str
    label: str
    entries: tuple[Place, ...]
    policy: dict


@dataclass(frozen=True)
class Setting:
    """What one article's resolution reads: tables, context rules, the country it is about."""

    gaz: Gazetteer
    minor: MinorIndex
    ctx: Context
    counts: Counter[str]
    home: str | None


class PlaceFinder:
    """Find locations; reads doc.ents and the parse, writes doc.spans["claimx_locations"]."""

    def __init__(self, nlp: Language, name: str = "claimx_places") -> None:
        self.name = name
        self.nlp = nlp
        self.ctx: Context | None = None  # built on first use: the lemmatizer's tables load later
        self.matcher: PhraseMatcher | None = None
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def context(self, gaz: Gazetteer) -> Context:
        if self.ctx is None:
            self.ctx = build_context(gaz.rules, self.nlp)
        return self.ctx

    def curated(self, doc: Doc, gaz: Gazetteer) -> list[Candidate]:
        """Curated names of several words wherever the NER split them ("the Palestinian
        territories" is a NORP and a noun to it)."""
        if self.matcher is None:
            self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
            aliases = {a for e in gaz.rules["extra_places"] for a in e["aliases"] if " " in a}
            self.matcher.add("curated", [self.nlp.make_doc(a) for a in sorted(aliases)])
        policy = gaz.rules["sources"]["GPE"]
        return [
            Candidate(
                start, end, doc[start:end].text, "GPE", gaz.lookup(doc[start:end].text), policy
            )
            for _, start, end in self.matcher(doc)
        ]

    def find(self, doc: Doc) -> list[Found]:
        gaz = gazetteer()
        curated = self.curated(doc, gaz)
        covered = {i for c in curated for i in range(c.start, c.end)}
        candidates = curated + [
            c
            for c in (*entity_candidates(doc, gaz), *propn_candidates(doc, gaz))
            if not covered.issuperset(range(c.start, c.end))
        ]
        counts = country_counts(doc, candidates, gaz)
        env = Setting(gaz, minor_index(), self.context(gaz), counts, home_country(counts))
        first = [resolve(doc, c, env) for c in candidates]
        found = [f for f in first if f is not None]
        # small places second: they must lie where the places named beside them are
        rest = [c for c, f in zip(candidates, first, strict=True) if f is None]
        found += [f for f in (resolve_minor(doc, c, env, found) for c in rest) if f is not None]
        found = [directional(doc, f, env) for f in found if not metonymic(doc, f, gaz)]
        found += contextual(doc, found, env)
        found += facilities(doc, found, gaz, env)
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
    """Drop a leading determiner and a trailing possessive marker or number ("Kobani 10")."""
    while start < end - 1 and doc[start].pos_ in LEADING_POS:
        start += 1
    while end > start + 1 and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].like_num
    ):
        end -= 1
    return start, end


def entity_candidates(doc: Doc, gaz: Gazetteer) -> Iterator[Candidate]:
    sources = gaz.rules["sources"]
    skip = gaz.rules["skip_labels"]
    for ent in doc.ents:
        if ent.label_ in skip:
            continue
        policy = sources.get(ent.label_, sources["OTHER"])
        start, end = trim(doc, ent.start, ent.end)
        text = doc[start:end].text
        if ent.label_ == "NORP" and gaz.demonym(text):
            continue  # "Pakistani" is a people, not a place; actors.py reads it
        country = lost_apostrophe(gaz, doc[start].text)
        if country and not gaz.lookup(text):
            # scraped text loses apostrophes: "Syrias Homs" is Syria's Homs
            yield Candidate(start, start + 1, doc[start].text, "GPE", country, sources["GPE"])
            start += 1
            if start == end:
                continue
            text = doc[start:end].text
        yield Candidate(start, end, text, ent.label_, gaz.lookup(text), policy)


def lost_apostrophe(gaz: Gazetteer, word: str) -> tuple[Place, ...]:
    """Country entries for a possessive that lost its apostrophe ("Syrias"), else ()."""
    if len(word) < 5 or not word.endswith("s") or not word[:1].isupper() or gaz.lookup(word):
        return ()
    return tuple(e for e in gaz.lookup(word[:-1]) if e.kind == "country")


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
            if not (text.isupper() and len(text) <= 4):
                entries = gaz.lookup(text) or lost_apostrophe(gaz, text)
                yield Candidate(run[0].i, run[-1].i + 1, text, "PROPN", entries, policy)
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
        codes = {e.country for e in filtered(cand.entries, cand.policy)}
        if len(codes) == 1 and None not in codes and ";" not in next(iter(codes)):
            counts[next(iter(codes))] += 1
    for ent in doc.ents:
        if ent.label_ == "NORP":
            code = gaz.demonym(ent.text)
            if code:
                counts[code] += 1
    return counts


def resolve(doc: Doc, cand: Candidate, env: Setting) -> Found | None:
    """The candidate's place in the main gazetteer: what its source may name unaided, else what
    the context allows (a locative, or the article's main country for a non-PERSON name)."""
    if normalise(cand.text) in env.ctx.groups and not any(e.curated for e in cand.entries):
        return None  # "Hamas" is the group, not Hamm in Germany (an alternate name)
    pool = filtered(cand.entries, cand.policy)
    if not pool and cand.entries:
        evidence = locative(doc[cand.start : cand.end].root, env.ctx)
        if evidence or (cand.label != "PERSON" and env.home):
            pool = tuple(e for e in cand.entries if evidence or e.country == env.home)
    best = env.gaz.best(pool, cand.text, env.counts) if pool else None
    if best is None or name_modifier(doc, cand, best, env):
        return None
    keep = best.kind == "country" or best.curated
    name = best.name if keep else written_name(cand.text, env.gaz)
    return Found(cand.start, cand.end, name, best.country, best.kind)


def name_modifier(doc: Doc, cand: Candidate, best: Place | None, env: Setting) -> bool:
    """A town's name modifying a common noun is mostly a namesake ("the Beaufort scale", "a
    Kalashnikov rifle"); a large city still is a place ("the Geneva talks")."""
    root = doc[cand.start : cand.end].root
    head = root.head
    if root.dep_ != "compound" or head.pos_ != "NOUN" or (best and best.kind != "city"):
        return False
    if head.lemma_.lower() in env.ctx.place_nouns or locative(root, env.ctx):
        return False
    return best is None or (best.population or 0) < env.gaz.rules["modifier_min_population"]


def resolve_minor(doc: Doc, cand: Candidate, env: Setting, found: list[Found]) -> Found | None:
    """A small place (exact, then by consonant skeleton) in the article's main country or, in a
    locative, the country of the nearest place; else an unknown name a trusted label calls a place."""
    evidence = locative(doc[cand.start : cand.end].root, env.ctx)
    trusted = cand.policy.get("trusted", False)
    if not (trusted or evidence) or not plausible(cand.text, env):
        return None
    if name_modifier(doc, cand, None, env):
        return None
    near = nearby_country(doc, cand.start, env, found)
    local = {env.home, near if evidence else None} - {None}
    pool = tuple(e for e in env.minor.lookup(cand.text) if e.country in local)
    # a spelling merely like a place's ("Soleimani" ~ "Salmon") counts only in the main country
    pool = pool or tuple(e for e in env.minor.sounds_like(cand.text) if e.country == env.home)
    best = env.gaz.best(pool, cand.text, env.counts) if pool else None
    name = written_name(cand.text, env.gaz)
    if best is not None:
        return Found(cand.start, cand.end, name, best.country, best.kind)
    unresolved = cand.policy.get("unresolved")
    if not unresolved:
        return None
    if cand.policy.get("unresolved_in_context") and not evidence:
        return None
    # a town or a district the tables lack lies near the places beside it; a sea or a strait
    # may not ("the Strait of Hormuz" in a report from Washington)
    wide = any(normalise(w) in env.gaz.rules["wide_words"] for w in cand.text.split())
    return Found(cand.start, cand.end, name, None if wide or not evidence else near, unresolved)


def plausible(text: str, env: Setting) -> bool:
    """A name as a place is written: capitalised, not an English word nor a never-place."""
    return (
        text[:1].isupper()
        and not env.ctx.is_common(text)
        and mention_key(text) not in env.gaz.rules["never"]
    )


def written_name(text: str, gaz: Gazetteer) -> str:
    """The name as the article spells it, without generic words ("Hama province" → "Hama"):
    GeoNames' main names are often transliterations readers do not know ("Tadmur", "Hamah")."""
    words = text.split()
    strip = gaz.rules["strip"]
    while len(words) > 1 and normalise(words[-1]) in strip:
        words.pop()
    while len(words) > 1 and normalise(words[0]) in strip:
        words.pop(0)
    return " ".join(words)


def directional(doc: Doc, item: Found, env: Setting) -> Found:
    """A country after a compass adjective is a region of it: "eastern Ukraine"."""
    if item.kind != "country":
        return item
    word = direction_of(doc, item.start, env.ctx)
    if word is None:
        return item
    return Found(word.start, item.end, f"{word.text} {item.name}", item.country, "region")


def contextual(doc: Doc, found: list[Found], env: Setting) -> list[Found]:
    """Names no table holds that a place noun marks: "Bani Zaid neighborhood", "village of X"."""
    taken = {i for f in found for i in range(f.start, f.end)}
    out = []
    for start, end, kind, head in named_by_context(doc, taken, env.ctx):
        name = doc[start:end].text
        if head.i == end and head.text[:1].isupper():
            name, end = f"{name} {head.text}", end + 1  # "al-Neel Street": the noun is named too
        country = located_in(head, found) or nearby_country(doc, start, env, found)
        out.append(Found(start, end, name, country, kind))
        taken.update(range(start, end))
    return out


def nearby_country(doc: Doc, i: int, env: Setting, found: list[Found] | None = None) -> str | None:
    """A place no table holds is most likely where the places named beside it are: the country
    of the nearest place in its sentence, else the article's main or most-named country."""
    sentence = doc[i].sent
    near = [
        f
        for f in found or ()
        if sentence.start <= f.start < sentence.end
        and f.country
        # "Arak" read as Iran's in a report from Syria is no guide
        and (env.counts.get(f.country) or not env.counts)
    ]
    if near:
        return min(near, key=lambda f: abs(f.start - i)).country
    top = env.counts.most_common(1)
    return env.home or (top[0][0] if top else None)


def located_in(head: Token, found: list[Found]) -> str | None:
    """The country of the place after "of"/"in" on a place noun ("neighborhood of Aleppo")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
            for obj in prep.children:
                place = place_at(found, obj.i)
                if place is not None:
                    return place.country
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


def facilities(doc: Doc, found: list[Found], gaz: Gazetteer, env: Setting) -> list[Found]:
    """Named facilities: "the U.S. Embassy compound in Yemen" (country from "in X", else the
    country the article is about: "Latamneh hospital" in a report from Syria)."""
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
        country = country or nearby_country(doc, start, env, found)
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
    after = place_at(found, end + 1) if end + 1 < len(doc) and doc[end].text == "," else None
    if after is not None:
        return after.country  # "Al Asad Air Base, Iraq"
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
