"""Conflicting reports: which claims disagree about the same count, and which must not pair."""

from __future__ import annotations

from datetime import date

import pytest

from claimx.api import extract
from claimx.claims.conflict_dates import overlap, period, recent


def conflicts(nlp, text: str, published: str | None = None) -> list[tuple]:
    article = extract(text, nlp=nlp, published=published)
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
    ("text", "conflicting"),
    [
        # control: two sources' rival tolls for one group and event do conflict
        (
            "The monitor said 30 civilians were killed in the raids, while the ministry said "
            "45 civilians died.",
            True,
        ),
        # different sides: posts of one country versus posts of the other
        (
            "Kabul claimed to have captured some 20 Pakistani army posts overnight, while Islamabad "
            "claimed to have temporarily captured 21 Afghan army posts.",
            False,
        ),
        # one source giving two numbers is not a conflict between sources
        (
            "The army said it killed 40 rebel fighters. The army said it killed 45 rebel fighters.",
            False,
        ),
        # the same number from two sources agrees
        (
            "Kyiv said 12 Russian soldiers were killed. Moscow confirmed that 12 Russian soldiers were killed.",
            False,
        ),
        # different events about the same group
        (
            "Kyiv said 12 Russian soldiers were killed. Moscow said 30 Russian soldiers were wounded.",
            False,
        ),
        # different groups: soldiers versus civilians
        (
            "Kyiv said 12 Russian soldiers were killed. Moscow said 30 Russian civilians were killed.",
            False,
        ),
        # two incidents told by two sources, with nothing marking them as rival figures
        (
            "A medic said 16 people were killed at the market. "
            "The health ministry said the school blast killed 17 people.",
            False,
        ),
        # a part of a total is no rival of it
        (
            "The monitor said 19 people were killed in all, including four Americans. "
            "The Pentagon said four Americans were killed.",
            False,
        ),
        # a vague word is no figure
        ("Officials said dozens were wounded. The ministry gave a toll of 58 wounded.", False),
        # a national total and one town's toll differ in scale
        (
            "The UN said 7,000 people had been killed in the war. "
            "Activists put the toll of Sunday's raid at 12 people.",
            False,
        ),
        # the same source's earlier report of another incident is not a revised toll
        (
            "A police source said 17 people were injured in the market. "
            "Earlier the source said five people were injured in another district.",
            False,
        ),
        # two towns, two tolls
        (
            "The monitor said 16 people were killed in Aleppo. "
            "State television put the toll in Idlib at 25 people.",
            False,
        ),
        # "others" and "more" add to a count
        ("A medic said 12 people were wounded. The ministry said 30 others were wounded.", False),
        # one monitor under two names, the second giving a later toll
        (
            "The London-based Observatory said 20 people were killed in the raids. "
            "The Syrian Observatory said the toll had reached 25.",
            False,
        ),
        # a part named before the whole
        (
            "The monitor said 30 people were killed in the raids. "
            "A medic said at least five children were among those killed, a toll that may rise.",
            False,
        ),
    ],
)
def test_no_conflict(nlp, text: str, conflicting: bool) -> None:
    assert bool(conflicts(nlp, text)) == conflicting


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # rival tolls set side by side in one sentence, counted people of no country
        (
            "The monitor said 30 civilians were killed in the raids, while the state news agency "
            "said 45 civilians died.",
            (30, 45),
        ),
        # a toll given by another source: the side is a kind of people, the second has no noun
        (
            "Residents said 20 civilians were killed in the shelling. "
            "A monitoring group said the toll reached 35.",
            (20, 35),
        ),
        # three sources, one with only a bare number
        (
            "Police spokesman Omar Haidari said 40 people were wounded in the attack. "
            "The Health Ministry gave the same death toll but said 27 were wounded.",
            (40, 27),
        ),
        # a country in a claim names an actor as often as a place: no veto
        (
            "The monitor said 16 people were killed in the shelling of the market. "
            "Turkey said the toll from the shelling in Syria reached 25 people.",
            (16, 25),
        ),
        # two sources on one town's raid, with no toll word
        (
            "The monitor said 56 civilians were killed in the raids on Douma. "
            "State media said 160 civilians died in Douma.",
            (56, 160),
        ),
        # "no casualties" is a zero against a count of wounded
        (
            "The Pentagon said there were no casualties in the missile attack. "
            "A military official told reporters that 9 soldiers had been injured in the attack.",
            (0, 9),
        ),
        # a speaker's revised toll is a rival of the speaker's later figure
        (
            'Governor Karim Nasser said: "Nine people were killed in the car bomb." '
            "Nasser had earlier reported a toll of six, while a monitoring group said the death "
            "toll was 11.",
            (9, 6, 11),
        ),
    ],
)
def test_conflict_values(nlp, text: str, values: tuple) -> None:
    found = conflicts(nlp, text)
    assert [v for _about, v, _speakers in found] == [values]


@pytest.mark.parametrize(
    ("dateline", "values"),
    [
        # a dateline weeks after the given publication date is no date of the incident
        ("Sunday 25 May 2014", (9, 6, 11)),
        # a dateline on the publication date keeps the counts together as before
        ("Sunday 4 May 2014", (9, 6, 11)),
    ],
)
def test_dateline_after_publication_keeps_rival_tolls(nlp, dateline: str, values: tuple) -> None:
    text = (
        f"Car bomb kills nine AFP {dateline} Nine people were killed in the car bomb in Zahraa "
        "said Governor Karim Nasser. Nasser had earlier reported a toll of six while a "
        "monitoring group gave a death toll of 11."
    )
    found = conflicts(nlp, text, published="2014-05-04")
    assert [sorted(v) for _about, v, _speakers in found] == [sorted(values)]


def test_last_years_toll_is_no_rival_of_todays(nlp) -> None:
    text = (
        "Police said 40 people were wounded in the attack. The ministry said 27 were wounded, "
        "a lower toll. A group said 182 people were wounded in a bombing there last year."
    )
    found = conflicts(nlp, text, published="2021-05-03")
    assert [v for _about, v, _speakers in found] == [(40, 27)]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2020-03-06", date(2020, 3, 6), date(2020, 3, 6)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("2013-W34", date(2013, 8, 19), date(2013, 8, 25)),
    ],
)
def test_period(text, first, last) -> None:
    assert period(text) == (first, last)


@pytest.mark.parametrize("text", ["", "yesterday", "2020-13-01", None])
def test_no_period(text) -> None:
    assert period(text) is None


def test_overlap() -> None:
    news = recent("2020-03-07", 10)
    assert overlap(news, {period("2020-03-06")})
    assert not overlap(news, {period("2019")})
    assert overlap(news, set())  # unknown dates fit


def test_bad_rules_are_reported(monkeypatch) -> None:
    from claimx.errors import PatternError
    from claimx.rules import conflicts as module

    broken = {"government_pattern": "{country}"}
    monkeypatch.setattr(module, "load_json_text", lambda *_: (broken, "{}"))
    module.conflict_rules.cache_clear()
    try:
        with pytest.raises(PatternError, match=r"models/conflicts\.json:1: missing key"):
            module.conflict_rules()
    finally:
        module.conflict_rules.cache_clear()
