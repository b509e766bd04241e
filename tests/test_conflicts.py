"""Conflicting reports: which claims disagree about the same count, and which must not pair."""

from __future__ import annotations

import pytest

from claimx.api import extract


def conflicts(nlp, text: str) -> list[tuple]:
    article = extract(text, nlp=nlp)
    return [(c.about, c.values, c.speakers) for c in article.conflicts]


def test_rival_death_tolls_conflict(nlp) -> None:
    text = (
        "Afghan government spokesman Zabihullah Mujahid said Taliban troops launched attacks, "
        "claiming to have killed 58 Pakistani soldiers.\n"
        "In a statement, Pakistan’s military claimed to have killed over 200 Taliban troops, "
        "while accusing Afghanistan of killing 23 of its own soldiers."
    )
    assert conflicts(nlp, text) == [
        ("Pakistani soldiers killed", (58, 23), ("Zabihullah Mujahid", "Pakistan’s military"))
    ]


@pytest.mark.parametrize(
    "text",
    [
        # different sides: posts of one country versus posts of the other
        "Kabul claimed to have captured some 20 Pakistani army posts overnight, while Islamabad "
        "claimed to have temporarily captured 21 Afghan army posts.",
        # one source giving two numbers is not a conflict between sources
        "The army said it killed 40 rebel fighters. The army later said it killed 45 rebel fighters.",
        # the same number from two sources agrees
        "Kyiv said 12 Russian soldiers were killed. Moscow confirmed that 12 Russian soldiers were killed.",
        # different events about the same group
        "Kyiv said 12 Russian soldiers were killed. Moscow said 30 Russian soldiers were wounded.",
        # different groups: soldiers versus civilians
        "Kyiv said 12 Russian soldiers were killed. Moscow said 30 Russian civilians were killed.",
    ],
)
def test_no_conflict(nlp, text: str) -> None:
    assert conflicts(nlp, text) == []
