"""Dates read with their sentence: tense, parts of the day, possessives without an apostrophe,
timeline headings, months joined to months, the cue's time, and publication dates at the ends of
the calendar. All sentences are invented."""

from __future__ import annotations

import pytest
import spacy

from claimx.api import extract
from claimx.claims.fact_records import date_record
from claimx.components.facts.date_context import Tense
from claimx.components.facts.dates import DateResolver, resolve_expression
from claimx.components.keys import DATES_KEY, PUBLISHED_EXT, register_extensions

WED_2013 = "2013-08-21"  # a Wednesday


@pytest.fixture(scope="module")
def resolver(bare_nlp: spacy.language.Language) -> DateResolver:
    return DateResolver(bare_nlp)


def dates_of(bare_nlp, resolver: DateResolver, text: str, published: str | None) -> list:
    register_extensions()
    doc = bare_nlp(text)
    doc._.set(PUBLISHED_EXT, published)
    doc = resolver(doc)
    return [(m.text, m.date) for m in (date_record(span) for span in doc.spans[DATES_KEY])]


TENSE = [
    # future tense: the next such day, on or after publication
    ("He said the ministers will meet on Saturday.", "Saturday", "2013-08-24"),
    ("The envoy will arrive on Wednesday, officials said.", "Wednesday", WED_2013),
    ("The envoy is due to arrive on Friday.", "Friday", "2013-08-23"),
    ("The minister plans to visit the camp on Friday.", "Friday", "2013-08-23"),
    ("The aid chief said the convoy would leave on Friday.", "Friday", "2013-08-23"),
    ("A curfew will be in place starting Friday.", "Friday", "2013-08-23"),
    ("Ministers will meet on Saturday and vote on Sunday.", "Sunday", "2013-08-25"),
    ("Elections will be held in June, the commission said.", "June", "2014-06"),
    ("The vote will take place on March 3, the commission said.", "March 3", "2014-03-03"),
    # past and present: the latest such day on or before publication
    ("He said the ministers met on Saturday.", "Saturday", "2013-08-17"),
    ("The envoy was expected to arrive on Friday.", "Friday", "2013-08-16"),
    ("The minister planned to visit the camp on Friday.", "Friday", "2013-08-16"),
    ("The attack, carried out on Sunday, will be investigated.", "Sunday", "2013-08-18"),
    ("Officials on Wednesday said the envoy will arrive soon.", "Wednesday", WED_2013),
    ("The minister said on Monday that he will resign.", "Monday", "2013-08-19"),
    ("Rebels tried to storm the base on Thursday.", "Thursday", "2013-08-15"),
    ("The ferry that carried them sailed on Thursday.", "Thursday", "2013-08-15"),
    # a purpose infinitive under a past clause: the next such day up to two days ahead, else back
    ("The firm had chartered a boat to carry them home on Thursday.", "Thursday", "2013-08-22"),
    ("The council announced a plan to hold talks on Friday.", "Friday", "2013-08-23"),
    ("Troops were sent to retake the town on Tuesday.", "Tuesday", "2013-08-20"),
    ("The firm chartered a boat to carry them home on Monday.", "Monday", "2013-08-19"),
    ("Troops were sent to retake the town on Saturday.", "Saturday", "2013-08-17"),
    ("The army rejected the group's claim to have shot down a jet on Thursday.", "Thursday",
     "2013-08-15"),  # a perfect infinitive looks back
    # and under a future one, the next
    ("The firm will charter a boat to carry them home on Monday.", "Monday", "2013-08-26"),
    # modifiers keep their own direction
    ("He said the talks will resume next Friday.", "next Friday", "2013-08-23"),
    ("He said the talks will resume later this week.", "later this week", "2013-W34"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "date"), TENSE)
def test_tense_decides_the_direction(bare_nlp, resolver, text, phrase, date) -> None:
    assert (phrase, date) in dates_of(bare_nlp, resolver, text, WED_2013)


DAY_PARTS = [
    ("The army said it struck the town at dawn yesterday.", "yesterday", "2013-08-20"),
    ("Officials said the attack happened yesterday morning.", "yesterday morning", "2013-08-20"),
    ("The army said it will attack tomorrow night.", "tomorrow night", "2013-08-22"),
    ("The strike hit the market late last night.", "last night", "2013-08-20"),
    ("The strike hit the market this morning.", "this morning", WED_2013),
    ("The strike hit the market on Tuesday night.", "Tuesday", "2013-08-20"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "date"), DAY_PARTS)
def test_part_of_a_day_is_that_day(bare_nlp, resolver, text, phrase, date) -> None:
    found = dates_of(bare_nlp, resolver, text, WED_2013)
    assert any(phrase in text and found_date == date for text, found_date in found), found


PHRASES = [
    ("before dawn on Sunday", Tense.PAST, ("2013-08-18", "day")),
    ("before dawn on Sunday", Tense.FUTURE, ("2013-08-25", "day")),
    ("the early hours of yesterday", Tense.PAST, ("2013-08-20", "day")),
    ("the day before yesterday", Tense.PAST, ("2013-08-19", "day")),
    ("this past Sunday", Tense.FUTURE, ("2013-08-18", "day")),
    ("this past Sunday", Tense.NEAR, ("2013-08-18", "day")),
    ("Thursday", Tense.NEAR, ("2013-08-22", "day")),
    ("Sunday", Tense.NEAR, ("2013-08-18", "day")),
    ("Friday", Tense.NEAR, ("2013-08-23", "day")),
    ("Saturday", Tense.NEAR, ("2013-08-17", "day")),
    ("Wednesday", Tense.NEAR, ("2013-08-21", "day")),
    ("October", Tense.NEAR, ("2013-10", "month")),
    ("June", Tense.NEAR, ("2013-06", "month")),
    ("Thursday, Aug. 22", Tense.PAST, ("2013-08-22", "day")),
    ("2013-08-18", Tense.PAST, ("2013-08-18", "day")),
    ("2013-13-01", Tense.PAST, (None, None)),
    ("the day before", Tense.PAST, (None, None)),
    ("the past 48 hours", Tense.PAST, None),
    ("the past week", Tense.PAST, None),
    ("until dawn", Tense.PAST, None),
]  # fmt: skip


@pytest.mark.parametrize(("phrase", "tense", "expected"), PHRASES)
def test_phrases_with_parts_of_days_and_markers(phrase, tense, expected) -> None:
    assert resolve_expression(phrase, "DATE", WED_2013, tense) == expected


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        # controls: a named day is a date, with or without a part of the day
        ("The convoy left on Monday.", True),
        ("Fighting stopped on Tuesday night.", True),
        ("The convoy left at dawn.", False),
        ("Fighting usually stops at night.", False),
        ("He said 40 people were killed over the past two days.", False),
        ("He said the group has fought for years.", False),
    ],
)
def test_parts_of_days_and_spans_alone_are_no_dates(bare_nlp, resolver, text, dated) -> None:
    found = dates_of(bare_nlp, resolver, text, WED_2013)
    assert any(date is not None for _, date in found) == dated


POSSESSIVES = [
    ("The monitor said Sundays bombardment killed a baby.", [("Sundays", "2013-08-18")]),
    ("Doctors treated 31 people hurt in Tuesdays attack.", [("Tuesdays", "2013-08-20")]),
    ("Shops close on Sundays in the old city.", []),
    ("Fridays are quiet in the old city.", []),
    ("A poll in a Sunday newspaper found support fell.", []),
    ("The strike came on a Tuesday.", []),
    ("The market shuts every Friday.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), POSSESSIVES)
def test_weekday_possessive_without_apostrophe(bare_nlp, resolver, text, expected) -> None:
    found = [(t, d) for t, d in dates_of(bare_nlp, resolver, text, WED_2013) if d is not None]
    assert found == expected


TIMELINE = (
    "Timeline of the city.\n* 2011: - In June troops entered the city. - On July 31 tanks shelled "
    "it.\n* 2013: - In March rebels took the airport."
)

TIMELINE_ROWS = [
    (TIMELINE, "June", "2011-06"),
    (TIMELINE, "July 31", "2011-07-31"),
    (TIMELINE, "March", "2013-03"),  # the heading of the publication year changes nothing
    ("In June troops entered the city.\n* 2011: - In May rebels left.", "June", "2014-06"),
    ("* 2011: - In June 2012 troops entered the city.", "June 2012", "2012-06"),
    ("* 2011: - On Monday troops entered the city.", "Monday", "2014-07-28"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "date"), TIMELINE_ROWS)
def test_timeline_heading_gives_the_year(bare_nlp, resolver, text, phrase, date) -> None:
    assert (phrase, date) in dates_of(bare_nlp, resolver, text, "2014-08-01")


JOINED = [
    ("The group raised the money between June and July.", {("June", "2014-06"), ("July", "2014-07")}),
    ("The group raised the money in June and July.", {("June", "2014-06"), ("July", "2014-07")}),
    ("Prices fell between 2019 and 2021.", {("2019", "2019"), ("2021", "2021")}),
    ("Talks were held on Saturday and Sunday.", {("Saturday", "2014-08-02"), ("Sunday", "2014-08-03")}),
    ("The siege lasted from May 2 to 5.", set()),
    ("The siege lasted three days and two nights.", set()),
    ("Ms. June and Mr. Kerry met.", set()),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), JOINED)
def test_named_dates_joined_by_and_or_to(bare_nlp, resolver, text, expected) -> None:
    found = dates_of(bare_nlp, resolver, text, "2014-08-07")
    assert {(t, d) for t, d in found if d is not None} == expected


CUE_TIME = [
    ("Vice President Tom Reed said last week that the administration believes the strikes were "
     "meant to kill soldiers.", "were meant to kill", "last week"),
    ("The foreign minister said today that the allies did not need a vote, insisting that a strike "
     "would be lawful.", "would be lawful", "today"),
    ("The agency declared it a terrorist group in 2012, saying it was behind a bombing in the port.",
     "behind a bombing", "2012"),
    ("Army officials on Wednesday said the rebels will withdraw from the town.", "will withdraw",
     "Wednesday"),
    ("In a statement issued earlier on Tuesday the coalition said the council had stopped the "
     "attacks.", "stopped the attacks", "Tuesday"),
    ("The council said on Friday that the convoy was hit, adding that two drivers died.",
     "two drivers died", "Friday"),
    ("The army said in a statement released on Sunday that its troops had taken the hill.",
     "taken the hill", "Sunday"),
    ("The statement, issued on Monday, said the border would stay closed.", "stay closed",
     "Monday"),
]  # fmt: skip

NOT_CUE_TIME = [
    ("After the army said the town was safe, rebels attacked the checkpoint on Sunday.",
     "the town was safe", "Sunday"),
    ("The general met the envoy on Monday. He said the talks had failed.", "the talks had failed",
     "Monday"),
    ("Rebels said they attacked on Sunday and the army said the town was calm.",
     "the town was calm", "Sunday"),
    ("The ministry confirmed on Tuesday that officials had warned the minister in September that "
     "the costs were underestimated.", "costs were underestimated", "Tuesday"),
    ("The minister, who was appointed in 2012, said the talks had failed.", "talks had failed",
     "2012"),
    ("The army said rebels attacked the base on Sunday, adding that five soldiers died.",
     "five soldiers died", "Sunday"),
]  # fmt: skip


def claim_dates(nlp, text: str, content: str) -> list[str]:
    article = extract(text, WED_2013, nlp=nlp)
    # the innermost claim holding the words: "confirmed that officials warned that X" holds two
    claim = min((c for c in article.claims if content in c.text), key=lambda c: len(c.text))
    return [d.text for d in claim.dates]


@pytest.mark.parametrize(("text", "content", "phrase"), CUE_TIME)
def test_claim_takes_the_time_of_its_cue(nlp, text, content, phrase) -> None:
    assert any(phrase in found for found in claim_dates(nlp, text, content))


@pytest.mark.parametrize(("text", "content", "phrase"), NOT_CUE_TIME)
def test_claim_does_not_take_other_clauses_dates(nlp, text, content, phrase) -> None:
    assert all(phrase not in found for found in claim_dates(nlp, text, content))


EDGE_PHRASES = ["Sunday", "tomorrow", "yesterday", "next week", "last week", "next year",
                "December", "last month", "next month", "Dec. 8", "two days ago", "last Friday",
                "next Friday", "dawn yesterday", "Jan. 2", "this week"]  # fmt: skip


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("tense", list(Tense))
def test_ends_of_the_calendar_do_not_overflow(published, tense) -> None:
    for phrase in EDGE_PHRASES:
        result = resolve_expression(phrase, "DATE", published, tense)
        assert result is None or result[0] is None or 1 <= int(result[0][:4]) <= 9999


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_article_at_the_ends_of_the_calendar(nlp, published) -> None:
    text = "The army said on Sunday it will attack tomorrow night and again next week."
    article = extract(text, published, nlp=nlp)
    assert article.claims
