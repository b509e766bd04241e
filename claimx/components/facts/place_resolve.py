"""Resolving place candidates: the main gazetteer first, then small places, run-on lists, names a
place noun marks and compass regions, each only with the evidence its source needs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimx.components.facts.minor_places import MinorIndex
from claimx.components.facts.place_context import (
    Context,
    direction_of,
    locative,
    named_by_context,
    named_place,
    toward,
)
from claimx.components.facts.place_runs import split_run, touching
from claimx.rules.places import Gazetteer, Place, mention_key, normalise


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
    people: frozenset[str]  # names of people in the article: "Sanders" of "Bernie Sanders"


def filtered(entries: tuple[Place, ...], policy: dict) -> tuple[Place, ...]:
    """Entries a source may produce: curated ones only for ORG, small towns not for bare PROPNs."""
    if policy.get("curated_only"):
        return tuple(e for e in entries if e.curated)
    floor = policy.get("min_population", 0)
    return tuple(e for e in entries if e.kind != "city" or (e.population or 0) >= floor)


def resolve(doc: Doc, cand: Candidate, env: Setting) -> Found | None:
    """The candidate's place in the main gazetteer: what its source may name unaided, else what
    the context allows (a locative, or the article's main country for a non-PERSON name)."""
    if normalise(cand.text) in env.ctx.groups and not any(e.curated for e in cand.entries):
        return None  # "Hamas" is the group, not Hamm in Germany (an alternate name)
    pool = filtered(cand.entries, cand.policy)
    if not pool and cand.entries:
        evidence = placed(doc, cand, env)
        floor = env.gaz.rules["home_min_population"]
        pool = tuple(
            e
            for e in cand.entries
            if evidence
            # without a locative, only a large town of the main country ("the Hama battle"):
            # every surname is some small American town ("Machado", "Sanders")
            or (cand.label != "PERSON" and e.country == env.home and (e.population or 0) >= floor)
        )
    best = env.gaz.best(pool, cand.text, env.counts) if pool else None
    if best is None or name_modifier(doc, cand, best, env):
        return None
    keep = best.kind == "country" or best.curated
    name = best.name if keep else written_name(cand.text, env.gaz)
    return Found(cand.start, cand.end, name, best.country, best.kind)


def run_on(doc: Doc, left: list[Candidate], env: Setting) -> list[Found]:
    """Places in runs no table names as a whole ("Aleppo Deir ez-Zor Hasakeh Idlib")."""
    spans = touching([(c.start, c.end) for c in left if c.end - c.start > 1 or c.label != "PERSON"])
    out = []
    for start, end in spans:
        listed = locative(doc[start:end].root, env.ctx) or locative(doc[start], env.ctx)
        if end - start < 2 or not listed:
            continue  # "Jackson Kamau, a student": only "in A B C" is a list of places
        if normalise(doc[start:end].text) in env.people:
            continue  # "at Bernie Sanders": a person, though both names are American towns
        for i, j, place in split_run(
            doc, start, end, lambda text: known_place(text, env), env.ctx.grammar.run_stops
        ):
            keep = place.kind == "country" or place.curated
            name = place.name if keep else written_name(doc[i:j].text, env.gaz)
            out.append(Found(i, j, name, place.country, place.kind))
    return out


def known_place(text: str, env: Setting) -> Place | None:
    """A place a name surely is: one in a country the article names, else a small one in its
    main country ("Busra" alone would be Iraq's)."""
    if not plausible(text, env) and not env.gaz.lookup(text):
        return None
    pool = [
        e
        for e in env.gaz.lookup(text)
        if e.kind == "country" or e.curated or env.counts.get(e.country or "")
    ]
    if not pool and env.home and plausible(text, env):
        pool = [e for e in env.minor.lookup(text) if e.country == env.home]
        pool = pool or [e for e in env.minor.sounds_like(text) if e.country == env.home]
    return env.gaz.best(tuple(pool), text, env.counts) if pool else None


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
    evidence = placed(doc, cand, env)
    trusted = cand.policy.get("trusted", False)
    if not (trusted or evidence) or name_modifier(doc, cand, None, env):
        return None
    near = nearby_country(doc, cand.start, env, found)
    # a small place needs a locative even when the NER says GPE: surnames are American hamlets
    best = (
        small_place(cand.text, env, {c for c in (env.home, near) if c is not None})
        if evidence
        else None
    )
    name = written_name(cand.text, env.gaz)
    if best is not None:
        return Found(cand.start, cand.end, name, best.country, best.kind)
    unresolved = cand.policy.get("unresolved")
    if not unresolved or mention_key(cand.text) in env.gaz.rules["never"]:
        return None
    strong = evidence and locative(doc[cand.start : cand.end].root, env.ctx)  # not "From X:"
    if cand.policy.get("unresolved_in_context") and not (strong and plausible(cand.text, env)):
        return None
    if not evidence and env.ctx.is_common(cand.text):
        return None  # "The Sultan met ...": a title the NER took for a region
    # a town or a district the tables lack lies near the places beside it; a sea or a strait
    # may not ("the Strait of Hormuz" in a report from Washington)
    wide = any(normalise(w) in env.gaz.rules["wide_words"] for w in cand.text.split())
    return Found(cand.start, cand.end, name, None if wide or not evidence else near, unresolved)


def placed(doc: Doc, cand: Candidate, env: Setting) -> bool:
    """The syntax says place: "the village of X" always; a preposition ("on X") only for a name
    that is no person's in this article ("attacks on Machado" after "Alicia Machado"), and for a
    name the NER calls a person, only a plain place preposition ("in X", not "at X")."""
    root = doc[cand.start : cand.end].root
    if named_place(root, env.ctx):
        return True
    if normalise(cand.text) in env.people:
        return False
    if cand.policy.get("trusted") and toward(root, env.ctx):
        return True  # "ferried to Naxos": only for a name the NER calls a place
    if not locative(root, env.ctx):
        return False
    strict = env.gaz.rules["locative"]["person_preps"]
    return cand.label != "PERSON" or (root.dep_ == "pobj" and root.head.lower_ in strict)


def small_place(text: str, env: Setting, countries: set[str]) -> Place | None:
    """A small place of that name (or, in the main country, of a like spelling) in one of the
    countries, unless the name is an English word ("Hope") or a group's."""
    if not plausible(text, env):
        return None
    pool = tuple(e for e in env.minor.lookup(text) if e.country in countries)
    # a spelling merely like a place's ("Soleimani" ~ "Salmon") counts only in the main country
    pool = pool or tuple(e for e in env.minor.sounds_like(text) if e.country == env.home)
    return env.gaz.best(pool, text, env.counts) if pool else None


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
        country = located_in(head, found, env.ctx.grammar.located_in_preps) or nearby_country(
            doc, start, env, found
        )
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


def located_in(head: Token, found: list[Found], preps: Collection[str]) -> str | None:
    """The country of the place after one of ``preps`` on ``head`` ("neighborhood of Aleppo",
    "the embassy in Kabul"), if a place was found there."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                place = place_at(found, obj.i)
                if place is not None:
                    return place.country
    return None


def place_at(found: list[Found], i: int) -> Found | None:
    for item in found:
        if item.start <= i < item.end and item.kind not in ("border", "facility"):
            return item
    return None
