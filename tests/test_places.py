"""PlaceFinder: countries, regions, cities, borders and facilities with their country."""

from __future__ import annotations

import pytest

from claimx.claims.fact_records import location_record
from claimx.components.facts.places import PlaceFinder
from claimx.components.keys import LOCATIONS_KEY
from claimx.records import Location
from claimx.rules.places import gazetteer, mention_key, normalise


@pytest.fixture(scope="module")
def sm(bare_nlp):
    return bare_nlp


@pytest.fixture(scope="module")
def finder(sm):
    return PlaceFinder(sm)


def locations(sm, finder, text: str) -> list[Location]:
    doc = finder(sm(text))
    return [location_record(span) for span in doc.spans[LOCATIONS_KEY]]


def triples(records: list[Location]) -> set[tuple[str, str | None, str]]:
    return {(r.name, r.country, r.kind) for r in records}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Taliban accused Pakistan of striking a market in the Paktika border province.",
            ("Paktika", "Afghanistan", "region"),
        ),
        (
            "Mujahid accused Pakistan of striking a bazaar in Afghanistan's Paktika province, "
            "as well as violating the airspace over Kabul with military aircraft.",
            ("Paktika", "Afghanistan", "region"),
        ),
        (
            "Mujahid accused Pakistan of violating the airspace over Kabul with military aircraft.",
            ("Kabul", "Afghanistan", "city"),
        ),
        (
            "Houthi rebels backed by Iran breached the U.S. Embassy compound in Yemen.",
            ("Yemen", "Yemen", "country"),
        ),
        (
            "Houthi rebels backed by Iran breached the U.S. Embassy compound in Yemen.",
            ("U.S. Embassy compound", "Yemen", "facility"),
        ),
        ("He spoke at a news conference in New Delhi.", ("New Delhi", "India", "city")),
        ("Diplomats in Riyadh and Doha urged calm.", ("Riyadh", "Saudi Arabia", "city")),
        pytest.param(
            "Diplomats in Riyadh and Doha urged calm.",
            ("Doha", "Qatar", "city"),
            marks=pytest.mark.xfail(
                reason="the parser makes Doha a subject, so it reads as Qatar's government"
            ),
        ),
        ("Talks were held in Doha on Friday.", ("Doha", "Qatar", "city")),
        ("Troops were sent to Afghanistan.", ("Afghanistan", "Afghanistan", "country")),
        ("Officials in Russia and Syria denied it.", ("Russia", "Russia", "country")),
        ("Officials in Russia and Syria denied it.", ("Syria", "Syria", "country")),
        (
            "Guards clashed along the Iran-Afghanistan border on Wednesday.",
            ("Iran-Afghanistan border", "Iran; Afghanistan", "border"),
        ),
        (
            "Shots were fired across the Afghan-Pakistani border overnight.",
            ("Afghanistan-Pakistan border", "Afghanistan; Pakistan", "border"),
        ),
        (
            "Pakistan and Afghanistan have long skirmished along their shared border.",
            ("Pakistan-Afghanistan border", "Pakistan; Afghanistan", "border"),
        ),
        # a city keeps the article's spelling: GeoNames' main names are transliterations
        ("Aid reached Kiev on Monday.", ("Kiev", "Ukraine", "city")),
        ("Fighting continued in Kandahar.", ("Kandahar", "Afghanistan", "city")),
        ("The plane landed in Paris after a storm.", ("Paris", "France", "city")),
        (
            "He campaigned in Iowa, Ohio and Georgia this week.",
            ("Georgia", "United States", "region"),
        ),
        ("Russian troops massed near Georgia and Armenia.", ("Georgia", "Georgia", "country")),
        (
            "Which Afghanistan refers to as the Durand Line.",
            ("Durand Line", "Afghanistan; Pakistan", "border"),
        ),
    ],
)
def test_finds_location(sm, finder, text, expected):
    assert expected in triples(locations(sm, finder, text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Michael Jordan said the team would win.", "Jordan"),  # a person, not the country
        ("Shots were fired across the border overnight.", "border"),  # which border is not said
        ("Iran border guards repelled the attack.", "border"),  # "border" modifies "guards"
        ("The embassy compound was breached.", "facility"),  # no name: generic
        ("The Clinton camp said it would respond.", "facility"),
        ("Machado said the vote was rigged.", "Machado"),  # a person the NER may call GPE
        ("The meeting starts at 9 a.m. EST on Friday.", "Est"),
    ],
)
def test_not_a_location(sm, finder, text, absent):
    found = locations(sm, finder, text)
    assert all(absent not in (r.name, r.kind) for r in found), found


def test_record_offsets_and_extension(sm, finder):
    text = "Troops crossed into Afghanistan's Paktika province."
    doc = finder(sm(text))
    spans = {s.kb_id_: s for s in doc.spans[LOCATIONS_KEY]}
    span = spans["Paktika"]
    assert span._.claimx_country == "Afghanistan"
    record = location_record(span)
    assert text[record.start : record.end] == record.text == "Paktika province"
    assert record.kind == "region"


def test_the_jordan_country_vs_person(sm, finder):
    found = triples(locations(sm, finder, "King Abdullah of Jordan met the envoy in Amman."))
    assert ("Jordan", "Jordan", "country") in found
    assert ("Amman", "Jordan", "city") in found


@pytest.mark.xfail(reason="a dinner 'turkey' capitalised at a sentence start is out of scope")
def test_turkey_the_bird(sm, finder):
    assert not locations(sm, finder, "Turkey was served at the dinner in the mess hall.")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Paktīkā", "paktika"),
        ("the United States", "united states"),
        ("Afghanistan’s", "afghanistan"),
        ("Ṣanʿāʾ", "sana"),
    ],
)
def test_normalise(raw, key):
    assert mention_key(raw) == key or normalise(raw) == key


def test_gazetteer_build_is_cached():
    first = gazetteer()
    assert first is gazetteer()
    assert first.demonym("Iranians") == "IR"
    assert first.capitals["kabul"] == "AF"


def test_capital_acting_is_not_a_location(sm, finder):
    found = triples(locations(sm, finder, "Kabul claimed to have captured posts near Islamabad."))
    assert ("Kabul", "Afghanistan", "city") not in found
    assert ("Islamabad", "Pakistan", "city") in found


# --- conflict-zone places: small towns, neighbourhoods, spellings, context (issue 11) ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a small town (GeoNames over 500 people) named in a locative, in the article's country
        (
            "Fighting raged near Atarib in the countryside west of Aleppo, Syria.",
            ("Atarib", "Syria", "city"),
        ),
        (
            "Air strikes hit homes in Kafr Batna outside Damascus, Syria.",
            ("Kafr Batna", "Syria", "city"),
        ),
        # the article's spelling is the name; the place is found by its consonant skeleton
        (
            "Aid convoys reached Hasakeh in northeastern Syria, near Raqqa and Aleppo.",
            ("Hasakeh", "Syria", "city"),
        ),
        (
            "Government forces advanced on Palmyra in central Syria.",
            ("Palmyra", "Syria", "city"),
        ),
        ("Shells fell on Hama province overnight in Syria.", ("Hama", "Syria", "city")),
        # a name the NER calls a person or organisation, in a locative context
        ("Clashes broke out in the town of Jassem near Daraa, Syria.", ("Jassem", "Syria", "city")),
        # names no table holds, marked by a place noun; the country of the place beside them
        (
            "Two shells hit the Bani Hassan neighborhood of Homs on Monday.",
            ("Bani Hassan", "Syria", "district"),
        ),
        (
            "A rocket landed on al-Mansour Street in Aleppo, killing a child.",
            ("al-Mansour Street", "Syria", "street"),
        ),
        (
            "Militants attacked the villages of Tell Jabin and Umm Sharshuh north of Homs.",
            ("Umm Sharshuh", "Syria", "city"),
        ),
        # Arabic articles inside a name vary: "Busra al-Sham" is GeoNames' "Busra ash Sham"
        (
            "A third strike fell in Busra Al Sham, Daraa province, Syria.",
            ("Busra Al Sham", "Syria", "city"),
        ),
        # a compass adjective before a country makes a region of it
        (
            "Over 300 people have died in eastern Ukraine since April.",
            ("eastern Ukraine", "Ukraine", "region"),
        ),
        # scraped text loses the apostrophe of a possessive
        ("A car bomb in Syrias Homs killed ten people.", ("Syria", "Syria", "country")),
        ("A car bomb in Syrias Homs killed ten people.", ("Homs", "Syria", "city")),
        # curated multi-word regions even where the NER splits them
        (
            "The minister visited Israel and the Palestinian territories.",
            ("Palestinian territories", "Palestine", "region"),
        ),
        ("Rebels held out in the Eastern Ghouta.", ("Eastern Ghouta", "Syria", "region")),
        # scraped text loses commas: a run of names is split into the places it holds
        (
            "Strikes killed 12 people in Syria in Aleppo Deir ez-Zor Hasakeh and Raqqa.",
            ("Deir ez-Zor", "Syria", "city"),
        ),
        (
            "Strikes killed 12 people in Syria in Aleppo Deir ez-Zor Hasakeh and Raqqa.",
            ("Hasakeh", "Syria", "city"),
        ),
        # a facility with no "in X" lies in the country the article is about
        (
            "The Latamneh hospital was bombed, Syrian doctors in Hama said.",
            ("Latamneh hospital", "Syria", "facility"),
        ),
    ],
)
def test_finds_conflict_place(sm, finder, text, expected):
    assert expected in triples(locations(sm, finder, text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The wind reached force nine on the Beaufort scale.", "Beaufort"),
        ("Hope was fading for the missing sailors.", "Hope"),
        ("Mercy Corps said the aid had arrived in Syria.", "Mercy"),
        ("The Sultan met the envoy in Muscat.", "Sultan"),
        ("He said Hamas would respond to the strikes.", "Hamas"),
        ("According to Bloomberg, the talks in Syria stalled.", "Bloomberg"),
        ("The attack against Soleimani was planned in Washington.", "Soleimani"),
        ("Out of the blue, the talks in Damascus collapsed.", "Of"),
        ("He will tell reporters in Homs on Monday.", "Tell"),
        ("Officials in Syria said Ahmed Hassan Ali was freed.", "Ahmed"),
        ("Jackson Kamau, a student in Nairobi, said the gunmen fled.", "Kamau"),
        ("The head of the Hama Media center in Syria said rebels withdrew.", "Hama Media"),
        ("Evacuation of 4 Syrian Towns Resumes After Deal in Syria", "Towns"),
        ("The White House said strikes in Syria would continue.", "White House"),
        # a person the article names in full is no town, whatever the preposition
        (
            "Alicia Machado said she was hurt. Trump in Florida kept up his attacks on Machado.",
            "Machado",
        ),
        ("Bernie Sanders spoke in Iowa. Clinton swung hard at Bernie Sanders in Iowa.", "Sanders"),
        ("The Clinton camp in Iowa said it would respond.", "Clinton"),
    ],
)
def test_not_a_conflict_place(sm, finder, text, absent):
    found = locations(sm, finder, text)
    assert all(absent not in r.name for r in found), found


def test_places_survive_memory_zones() -> None:
    """Strings made inside a memory zone are freed with it: a matcher built lazily on the first
    Doc of a zone failed on the next zone's Docs (E018). A fresh pipeline, so that no Doc made
    before the zones keeps the strings alive."""
    from claimx.run.model import load_pipeline

    nlp = load_pipeline()
    texts = [
        "Officials said the convoy reached the Palestinian territories on Monday.",
        "Aid groups said fighting spread across the Palestinian territories and Eastern Ghouta.",
    ]
    found = []
    for text in texts:
        with nlp.memory_zone():
            doc = nlp(text)
            found.append([span.text for span in doc.spans["claimx_locations"]])
    assert all(any("Palestinian territories" in name for name in names) for names in found)
