"""Date mentions: news conventions, durations, vague expressions, no publication date."""

from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.tokens import Doc

from claimx.claims.fact_records import date_record
from claimx.components.facts.dates import DateResolver, resolve_expression
from claimx.components.keys import DATES_KEY, PUBLISHED_EXT, register_extensions
from claimx.records import DateMention


@pytest.fixture(scope="module")
def nlp(bare_nlp: spacy.language.Language) -> spacy.language.Language:
    return bare_nlp


@pytest.fixture(scope="module")
def resolver(nlp: spacy.language.Language) -> DateResolver:
    return DateResolver(nlp)


def annotate(nlp, resolver: DateResolver, text: str, published: str | None) -> Doc:
    register_extensions()
    doc = nlp(text)
    doc._.set(PUBLISHED_EXT, published)
    return resolver(doc)


def mentions(nlp, resolver: DateResolver, text: str, published: str | None) -> list[DateMention]:
    doc = annotate(nlp, resolver, text, published)  # keep the Doc alive while its spans are read
    return [date_record(span) for span in doc.spans[DATES_KEY]]


def find(found: list[DateMention], phrase: str) -> DateMention | None:
    return next((m for m in found if phrase in m.text or m.text in phrase), None)


SUN_2025 = "2025-10-12"  # a Sunday
THU_2021 = "2021-12-02"  # a Thursday

RESOLVED = [
    ("Mujahid said the attacks began on Sunday.", SUN_2025, "Sunday", "2025-10-12", "day"),
    ("The drone hit a bazaar on Friday, officials said.", SUN_2025, "Friday", "2025-10-10", "day"),
    ("Guards clashed with Taliban forces on Wednesday.", THU_2021, "Wednesday", "2021-12-01", "day"),
    ("In a news conference Sunday morning, the spokesman spoke.", SUN_2025, "Sunday", SUN_2025, "day"),
    ("By Sunday afternoon, the government said the fighting stopped.", SUN_2025, "Sunday", SUN_2025,
     "day"),
    ("Shelling went on Sunday night near the border.", SUN_2025, "Sunday", SUN_2025, "day"),
    ("In December, the government accused Pakistan of airstrikes.", SUN_2025, "December", "2024-12",
     "month"),
    ("Last month, Houthi rebels seized the compound.", THU_2021, "Last month", "2021-11", "month"),
    ("The economy shrank last year, the minister said.", THU_2021, "last year", "2020", "year"),
    ("The minister said yesterday that the talks failed.", THU_2021, "yesterday", "2021-12-01",
     "day"),
    ("Today a group of Iranian farmers crossed the border.", THU_2021, "Today", THU_2021, "day"),
    ("It is the worst clash since the Taliban takeover in 2021.", SUN_2025, "2021", "2021", "year"),
    ("The ceasefire was signed on October 12, 2025.", "2026-01-05", "October 12, 2025",
     "2025-10-12", "day"),
    ("The talks were held last week in Doha.", THU_2021, "last week", "2021-W47", "week"),
    ("Earlier this year the army withdrew.", THU_2021, "this year", "2021", "year"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "phrase", "date", "granularity"), RESOLVED)
def test_resolved_dates(nlp, resolver, text, published, phrase, date, granularity) -> None:
    mention = find(mentions(nlp, resolver, text, published), phrase)
    assert mention is not None, f"no date mention for {phrase!r}"
    assert (mention.date, mention.granularity) == (date, granularity)
    assert text[mention.start : mention.end] == mention.text


NO_PUBLICATION = [
    ("Mujahid said the attacks began on Sunday.", "Sunday", None, None),
    ("Last month, Houthi rebels seized the compound.", "Last month", None, None),
    ("The minister said yesterday that the talks failed.", "yesterday", None, None),
    ("In December, the government accused Pakistan of airstrikes.", "December", None, None),
    ("The ceasefire was signed on October 12, 2025.", "October 12, 2025", "2025-10-12", "day"),
    ("The law passed in December 2024 after a long fight.", "December 2024", "2024-12", "month"),
    ("It is the worst clash since the Taliban takeover in 2021.", "2021", "2021", "year"),
]


@pytest.mark.parametrize(("text", "phrase", "date", "granularity"), NO_PUBLICATION)
def test_without_publication_date(nlp, resolver, text, phrase, date, granularity) -> None:
    mention = find(mentions(nlp, resolver, text, None), phrase)
    assert mention is not None, f"no date mention for {phrase!r}"
    assert (mention.date, mention.granularity) == (date, granularity)


VAGUE = [
    ("Talks will resume in the coming weeks, he said.", "weeks"),
    ("A year earlier, the border had been quiet.", "year"),
    ("The siege lasted from May 2 to 5.", "May 2"),
    ("The violence of the 1990s returned.", "1990s"),
]


@pytest.mark.parametrize(("text", "phrase"), VAGUE)
def test_vague_and_ranges_get_no_date(nlp, resolver, text, phrase) -> None:
    mention = find(mentions(nlp, resolver, text, SUN_2025), phrase)
    assert mention is not None, f"no date mention for {phrase!r}"
    assert (mention.date, mention.granularity) == (None, None)


NOT_DATES = [
    ("Relations have deteriorated in the four years since the fall of Kabul.", "four years"),
    ("Local employees have worked there for years.", "years"),
    ("Fighting has escalated over the past two weeks.", "two weeks"),
    ("A 41-year-old man was arrested.", "41-year-old"),
    ("The feud has lasted for decades.", "decades"),
    ("The meeting started at 10 a.m. in the capital.", "10 a.m."),
    ("The ministry publishes daily reports.", "daily"),
]


@pytest.mark.parametrize(("text", "phrase"), NOT_DATES)
def test_durations_and_times_are_not_output(nlp, resolver, text, phrase) -> None:
    found = mentions(nlp, resolver, text, SUN_2025)
    assert all(phrase not in m.text for m in found), found


EXPRESSIONS = [
    ("Saturday", "DATE", SUN_2025, ("2025-10-11", "day")),
    ("last Sunday", "DATE", SUN_2025, ("2025-10-05", "day")),
    ("next Friday", "DATE", SUN_2025, ("2025-10-17", "day")),
    ("October", "DATE", SUN_2025, ("2025-10", "month")),
    ("late November", "DATE", SUN_2025, ("2024-11", "month")),
    ("last October", "DATE", SUN_2025, ("2024-10", "month")),
    ("next month", "DATE", "2016-10-12", ("2016-11", "month")),
    ("eight years ago", "DATE", "2016-02-12", ("2008", "year")),
    ("the first quarter of 2016", "DATE", "2016-06-01", ("2016", "year")),
    ("the end of 2021", "DATE", None, ("2021", "year")),
    ("overnight", "TIME", SUN_2025, (SUN_2025, "day")),
    ("overnight", "TIME", None, (None, None)),
    ("last night", "TIME", THU_2021, ("2021-12-01", "day")),
    ("the next decade", "DATE", SUN_2025, (None, None)),
    ("the next day", "DATE", SUN_2025, (None, None)),
    ("43", "DATE", SUN_2025, (None, None)),
    ("the four years", "DATE", SUN_2025, None),
    ("years", "DATE", SUN_2025, None),
    ("the past two weeks", "DATE", SUN_2025, None),
    ("41-year-old", "DATE", SUN_2025, None),
    ("decades", "DATE", SUN_2025, None),
    ("the last four years", "DATE", SUN_2025, None),
    ("the coming weeks", "DATE", SUN_2025, (None, None)),
    ("a year earlier", "DATE", SUN_2025, (None, None)),
    ("2020-2021", "DATE", SUN_2025, (None, None)),
    ("a decade", "DATE", SUN_2025, None),
    ("9:30 p.m.", "TIME", SUN_2025, None),
    ("Christmas", "DATE", SUN_2025, None),
    # calendar shapes resolved without dateparser
    ("2015", "DATE", None, ("2015", "year")),
    ("March 2015", "DATE", None, ("2015-03", "month")),
    ("Nov. 19, 2015", "DATE", None, ("2015-11-19", "day")),
    ("19 November 2015", "DATE", None, ("2015-11-19", "day")),
    ("Feb. 30, 2015", "DATE", None, (None, None)),
    ("Nov. 19", "DATE", None, (None, None)),
    ("Nov. 19", "DATE", "2015-11-23", ("2015-11-19", "day")),
    ("the 19th of November", "DATE", "2015-11-23", ("2015-11-19", "day")),
    ("Dec. 28", "DATE", "2016-01-03", ("2015-12-28", "day")),
    ("Jan. 5", "DATE", "2015-12-20", ("2016-01-05", "day")),
    ("March 20", "DATE", "2015-03-01", ("2015-03-20", "day")),
    ("June 20", "DATE", "2015-03-01", ("2014-06-20", "day")),
    ("Feb. 29", "DATE", "2017-03-10", ("2016-02-29", "day")),
    ("today", "DATE", SUN_2025, (SUN_2025, "day")),
    ("yesterday", "DATE", SUN_2025, ("2025-10-11", "day")),
    ("last year", "DATE", SUN_2025, ("2024", "year")),
    ("this month", "DATE", SUN_2025, ("2025-10", "month")),
    ("last month", "DATE", "2016-01-12", ("2015-12", "month")),
    ("last week", "DATE", SUN_2025, ("2025-W40", "week")),
    ("next week", "DATE", SUN_2025, ("2025-W42", "week")),
    ("last week", "DATE", None, (None, None)),
]


@pytest.mark.parametrize(("text", "label", "published", "expected"), EXPRESSIONS)
def test_resolve_expression(text, label, published, expected) -> None:
    assert resolve_expression(text, label, published) == expected


def test_near_future_day_without_year() -> None:
    assert resolve_expression("Dec. 8", "DATE", "2015-12-07") == ("2015-12-08", "day")


def test_weekday_missed_by_the_ner_is_found(nlp, resolver) -> None:
    register_extensions()
    doc = nlp("The spokesman told reporters Sunday that the posts were captured.")
    doc.ents = []
    doc._.set(PUBLISHED_EXT, SUN_2025)
    found = [date_record(span) for span in resolver(doc).spans[DATES_KEY]]
    assert [(m.text, m.date) for m in found] == [("Sunday", SUN_2025)]


def test_record_and_offsets(nlp, resolver) -> None:
    text = "Officials said on Friday that 46 people were killed."
    (mention,) = mentions(nlp, resolver, text, SUN_2025)
    assert mention == DateMention("Friday", 18, 24, "2025-10-10", "day")


def test_bad_publication_date_is_ignored(nlp, resolver) -> None:
    found = mentions(nlp, resolver, "Officials said on Friday that talks ended.", "not a date")
    assert [(m.text, m.date) for m in found] == [("Friday", None)]


def test_component_pickles_and_doc_round_trips(nlp, resolver) -> None:
    assert isinstance(pickle.loads(pickle.dumps(resolver)), DateResolver)
    doc = annotate(nlp, resolver, "Officials said on Friday that talks ended.", SUN_2025)
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [date_record(span) for span in copy.spans[DATES_KEY]] == [
        date_record(span) for span in doc.spans[DATES_KEY]
    ]
