"""Small-places table: spelling keys and the bisected text blob (synthetic, no GeoNames build)."""

from __future__ import annotations

import pytest

from claimx.components.facts.minor_places import (
    SKELETON_MARK,
    MinorIndex,
    Spelling,
    first_at_least,
    written_name,
)
from claimx.rules.places import Place

SPELLING = Spelling(articles=frozenset({"al", "as", "az", "el"}), swaps=(("q", "k"),))


@pytest.mark.parametrize(
    ("text", "loose"),
    [
        ("Al-Bāb", "bab"),
        ("al Bab", "bab"),
        ("Az Zabadānī", "zabadani"),
        ("Deir ez-Zor", "deir ez zor"),
        ("Al", "al"),  # a lone article is the name
    ],
)
def test_loose_key(text, loose):
    assert SPELLING.loose(text) == loose


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Jassem", "Jāsim", True),
        ("Idleb", "Idlib", True),
        ("Hasakeh", "Al Ḩasakah", True),
        ("Qardaha", "Kardaha", True),
        ("Homs", "Hama", False),
    ],
)
def test_skeleton(a, b, same):
    key = SPELLING.skeleton
    assert (key(SPELLING.loose(a)) == key(SPELLING.loose(b))) is same


def blob(rows: list[tuple[str, str, str, int]]) -> str:
    return "\n".join(sorted(f"{k}\t{n}\t{c}\t{p}" for k, n, c, p in rows))


INDEX = MinorIndex(
    blob(
        [
            ("atarib", "Al Atarib", "SY", 0),
            ("bab", "Al Bab", "SY", 130745),
            ("baba", "Baba", "RO", 900),
            ("babb", "Babb", "US", 600),
            (SKELETON_MARK + "hsk", "Al Hasakah", "SY", 422445),
            (SKELETON_MARK + "hsk", "Hasaki", "JP", 1000),
        ]
    ),
    SPELLING,
    3,
    0.7,
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("al-Bab", ["Al Bab"]),
        ("Baba", ["Baba"]),
        ("Atarib", ["Al Atarib"]),
        ("Ba", []),
        ("Zzz", []),
    ],
)
def test_lookup_by_bisection(text, names):
    assert [p.name for p in INDEX.lookup(text)] == names


def test_sounds_like_needs_letters_to_agree():
    assert Place("Al Hasakah", "SY", "city", 422445) in INDEX.sounds_like("Hasakeh")
    assert INDEX.sounds_like("Hsk") == ()  # the same consonants, too few of the letters


def test_first_at_least_on_edges():
    text = "a\nb\nd"
    assert first_at_least(text, "a") == 0
    assert first_at_least(text, "c") == 4
    assert first_at_least(text, "e") == len(text)


@pytest.mark.parametrize(
    ("name", "ok"),
    [("Tall Tamr", True), ("tl tmr", False), ("KBL", False), ("Қамышлы", False), ("", False)],
)
def test_written_name(name, ok):
    assert written_name(name) is ok
