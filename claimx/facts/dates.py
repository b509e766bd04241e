"""Date mentions resolved against the article's publication date.

Only the strings of DATE/TIME entities (and weekday/month words the NER missed) are parsed, never
the whole text; the news conventions, durations, ranges and vague words live in models/dates.json.
Durations ("four years", "41-year-old") are dropped; ranges and vague expressions ("the coming
weeks", "a year earlier") are kept with date None; so are relative dates when the article has no
publication date. Week granularity is written as an ISO week ("2021-W47").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..assets import load_json
from ..extensions import PUBLISHED_EXT
from ..extensions import register_extensions as register_doc_extensions
from ..records import DateMention
from .calendar import resolve_calendar

if TYPE_CHECKING:
    from dateparser.date import DateDataParser
    from spacy.language import Language

DATES_KEY = "claimx_dates"
DATE_EXT = "claimx_date"
GRANULARITY_EXT = "claimx_granularity"
SPAN_LABEL = "DATE"
WORD_RE = re.compile(r"\w+")

Resolution = tuple[str | None, str | None]
UNRESOLVED: Resolution = (None, None)


@dataclass(frozen=True)
class DateRules:
    """The tables of models/dates.json, as sets and compiled patterns."""

    entity_labels: frozenset[str]
    weekdays: dict[str, int]
    months: dict[str, int]
    untagged_weekday_labels: frozenset[str]
    untagged_month_cues: frozenset[str]
    leading_fillers: frozenset[str]
    modifiers: dict[str, str]
    not_dates: frozenset[str]
    time_anchors: frozenset[str]
    units: frozenset[str]
    point_anchors: frozenset[str]
    number_words: frozenset[str]
    vague: frozenset[str]
    vague_phrases: frozenset[str]
    temporal_words: frozenset[str]
    unresolvable_units: frozenset[str]
    year_range: tuple[int, int]
    range_words: frozenset[str]
    range_pattern: re.Pattern[str]
    decade_pattern: re.Pattern[str]
    fixed_days: dict[str, int]
    periods: dict[str, str]
    no_publication_bases: tuple[datetime, ...]
    calendar_units: frozenset[str]
    modifier_steps: dict[str, int]
    day_suffix: re.Pattern[str]
    future_window_days: int


@cache
def date_rules() -> DateRules:
    data = load_json("dates.json", "dates")
    sets = {
        key: frozenset(data[key])
        for key in (
            "entity_labels", "untagged_weekday_labels", "untagged_month_cues", "leading_fillers",
            "not_dates", "time_anchors", "units", "point_anchors", "number_words", "vague",
            "vague_phrases", "range_words", "temporal_words", "unresolvable_units",
        )
    }  # fmt: skip
    return DateRules(
        **sets,
        weekdays=dict(data["weekdays"]),
        months=dict(data["months"]),
        modifiers=dict(data["modifiers"]),
        range_pattern=re.compile(data["range_pattern"]),
        decade_pattern=re.compile(data["decade_pattern"]),
        fixed_days=dict(data["fixed_days"]),
        periods=dict(data["periods"]),
        year_range=(int(data["year_range"][0]), int(data["year_range"][1])),
        no_publication_bases=tuple(datetime.fromisoformat(d) for d in data["no_publication_bases"]),
        calendar_units=frozenset(data["calendar_units"]),
        modifier_steps=dict(data["modifier_steps"]),
        day_suffix=re.compile(data["day_pattern"]),
        future_window_days=int(data["future_window_days"]),
    )


def register_extensions() -> None:
    for name in (DATE_EXT, GRANULARITY_EXT):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class DateResolver:
    """Find and resolve date mentions.

    Reads DATE/TIME entities, weekday/month tokens and ``doc._.claimx_published``; writes
    ``doc.spans["claimx_dates"]`` with ``span._.claimx_date`` and ``span._.claimx_granularity``.
    """

    def __init__(self, nlp: Language, name: str = "claimx_dates") -> None:
        self.name = name
        register_doc_extensions()
        register_extensions()
        self.rules = date_rules()

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[DATES_KEY] = self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Span]:
        candidates = merge_adjacent(
            [ent for ent in doc.ents if ent.label_ in self.rules.entity_labels]
        )
        candidates += untagged_mentions(doc, self.rules)
        return sorted(filter_spans(candidates), key=lambda span: span.start)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> list[Span]:
        published = doc._.get(PUBLISHED_EXT)
        kept = []
        for span in spans:
            resolution = resolve_expression(span.text, span.label_, published)
            if resolution is None:
                continue
            mention = Span(doc, span.start, span.end, label=SPAN_LABEL)
            mention._.set(DATE_EXT, resolution[0])
            mention._.set(GRANULARITY_EXT, resolution[1])
            kept.append(mention)
        return kept


def date_record(span: Span) -> DateMention:
    return DateMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        date=span._.get(DATE_EXT),
        granularity=span._.get(GRANULARITY_EXT),
    )


def merge_adjacent(ents: list[Span]) -> list[Span]:
    """Join touching entities: the model splits "Sunday afternoon" into DATE "Sunday" + TIME."""
    merged: list[Span] = []
    for ent in ents:
        if merged and merged[-1].end == ent.start:
            first = merged.pop()
            label = first.label_ if first.label_ == "DATE" else ent.label_
            ent = Span(ent.doc, first.start, ent.end, label=label)
        merged.append(ent)
    return merged


def untagged_mentions(doc: Doc, rules: DateRules) -> list[Span]:
    """Weekday and month words outside DATE/TIME entities (the small model misses some)."""
    found = []
    for token in doc:
        if not token.is_title or token.ent_type_ in rules.entity_labels:
            continue
        word = token.lower_.rstrip(".")
        if word in rules.weekdays and token.ent_type_ in rules.untagged_weekday_labels:
            found.append(Span(doc, token.i, token.i + 1, label="DATE"))
        # Month names double as verbs and names ("May", "March"): demand a cue word before them.
        elif (
            word in rules.months
            and token.tag_ == "NNP"
            and token.ent_type_ == ""
            and token.i > 0
            and doc[token.i - 1].lower_ in rules.untagged_month_cues
        ):
            end = (
                token.i + 2 if token.i + 1 < len(doc) and doc[token.i + 1].like_num else token.i + 1
            )
            found.append(Span(doc, token.i, end, label="DATE"))
    return found


def publication_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=16384)
def resolve_expression(text: str, label: str, published: str | None) -> Resolution | None:
    """(ISO date cut to its granularity, granularity) for one expression; None if not a date."""
    rules = date_rules()
    words = tuple(word.lower() for word in WORD_RE.findall(text))
    if not is_date_expression(words, label, rules):
        return None
    core = strip_leading(words, rules)
    if not core or is_vague(core, text, rules):
        return UNRESOLVED
    if is_duration(core, rules):
        return None
    return resolve_core(core, publication_date(published), rules)


def is_date_expression(words: tuple[str, ...], label: str, rules: DateRules) -> bool:
    if not words or any(word in rules.not_dates for word in words):
        return False
    # A TIME entity is a date only with a day in it ("Sunday morning", "last night"); "10 a.m." is not.
    anchors = rules.time_anchors | rules.weekdays.keys() | rules.months.keys()
    if label == "TIME":
        return any(word in anchors for word in words)
    # The NER tags some non-dates DATE ("PTSD", "Christmas"): keep only phrases with a time word.
    temporal = anchors | rules.units | rules.temporal_words
    return any(word in temporal or word[0].isdigit() for word in words)


def strip_leading(words: tuple[str, ...], rules: DateRules) -> tuple[str, ...]:
    """Drop prepositions and position words ("by", "the end of", "early") before the date itself."""
    start = 0
    while start < len(words) and words[start] in rules.leading_fillers:
        start += 1
    return words[start:]


def is_vague(core: tuple[str, ...], text: str, rules: DateRules) -> bool:
    """Ranges and expressions anchored on another event rather than on the publication date."""
    if " ".join(core) in rules.vague_phrases or rules.decade_pattern.match(core[-1]):
        return True
    if rules.range_pattern.search(text):
        return True
    return any(word in rules.vague or word in rules.range_words for word in core)


def is_duration(core: tuple[str, ...], rules: DateRules) -> bool:
    """A stretch of time ("four years", "the past two weeks", "decades"), not a point in time."""
    if not any(word in rules.units for word in core):
        return False
    # "Sunday night" and "the first quarter of 2016" name a day and a year.
    named = rules.weekdays.keys() | rules.months.keys()
    if any(word in rules.point_anchors or word in named or is_year(word) for word in core):
        return False
    counted = any(word in rules.number_words or word.isdigit() for word in core)
    plural = any(word in rules.units and word.endswith("s") for word in core)
    # "last year" is a date; "the last four years" is a duration.
    return not (core[0] in rules.modifiers and not counted and not plural)


def is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit()


def resolve_core(core: tuple[str, ...], published: date | None, rules: DateRules) -> Resolution:
    has_digits = any(word[0].isdigit() for word in core)
    month = next((rules.months[w] for w in core if w in rules.months), None)
    weekday = next((rules.weekdays[w] for w in core if w in rules.weekdays), None)
    modifier = rules.modifiers.get(core[0], "on_or_before")
    phrase = " ".join(core)
    if any(word in rules.unresolvable_units for word in core):
        return UNRESOLVED  # "the next decade": no granularity to cut it to
    if weekday is not None and month is None and not has_digits:
        return resolve_weekday(weekday, modifier, published)
    if month is not None and not has_digits:
        return resolve_month(month, modifier, published)
    if phrase in rules.fixed_days:
        if published is None:
            return UNRESOLVED
        return (published + timedelta(days=rules.fixed_days[phrase])).isoformat(), "day"
    calendar = resolve_calendar(core, published, rules)
    if calendar is not None:
        return calendar
    return parse_with_dateparser(phrase, published, rules)


def resolve_weekday(weekday: int, modifier: str, published: date | None) -> Resolution:
    """News convention: a bare weekday is the latest such day on or before publication."""
    if published is None:
        return UNRESOLVED
    if modifier == "after":
        delta = -((weekday - published.weekday()) % 7 or 7)
    else:
        delta = (published.weekday() - weekday) % 7
        if modifier == "before" and delta == 0:
            delta = 7
    return (published - timedelta(days=delta)).isoformat(), "day"


def resolve_month(month: int, modifier: str, published: date | None) -> Resolution:
    """A bare month name is the latest such month on or before the publication month."""
    if published is None:
        return UNRESOLVED
    year = published.year
    if modifier == "after":
        year += month <= published.month
    elif modifier == "before":
        year -= month >= published.month
    else:
        year -= month > published.month
    return f"{year:04d}-{month:02d}", "month"


def parse_with_dateparser(phrase: str, published: date | None, rules: DateRules) -> Resolution:
    """Parse one phrase; with no publication date keep only answers that do not depend on it."""
    if published is not None:
        return checked(phrase, dateparser_answer(phrase, published), rules)
    bases = rules.no_publication_bases
    answers = {checked(phrase, dateparser_answer(phrase, base.date()), rules) for base in bases}
    return answers.pop() if len(answers) == 1 else UNRESOLVED


@lru_cache(maxsize=16384)
def dateparser_answer(phrase: str, base: date) -> tuple[date | None, str | None]:
    data = parser_for(base).get_date_data(phrase)
    if data is None or data.date_obj is None:
        return None, None
    return data.date_obj.date(), data.period


@lru_cache(maxsize=64)
def parser_for(base: date) -> DateDataParser:
    from dateparser.date import DateDataParser  # slow import: only when a date is parsed

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
    }
    return DateDataParser(languages=["en"], settings=settings)


def checked(phrase: str, answer: tuple[date | None, str | None], rules: DateRules) -> Resolution:
    """Format an answer, refusing ones whose year is not the one written ("1990s" -> seconds)."""
    day, period = answer
    words = phrase.split()
    low, high = rules.year_range
    years = {int(w) for w in words if is_year(w) and low <= int(w) <= high}
    granularity = rules.periods.get(period or "")
    if day is None or granularity is None or (years and day.year not in years):
        # "the first quarter of 2016" does not parse, but its year is certain.
        return (str(years.pop()), "year") if len(years) == 1 else UNRESOLVED
    if all(w.isdigit() for w in words) and not years:
        return UNRESOLVED  # "43", "'69" or "2470": a number, not a year we can trust
    return iso_cut(day, granularity), granularity


def iso_cut(day: date, granularity: str) -> str:
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()
