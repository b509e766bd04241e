"""Date mentions resolved against the article's publication date.

Only the strings of DATE/TIME entities (and weekday/month words the NER missed) are parsed, never
the whole text; the news conventions, durations, ranges and vague words live in models/dates.json.
Durations ("four years", "41-year-old") are dropped; named dates joined by "and"/"to" ("June and
July") are split; other ranges and vague expressions ("May 2 to 5", "the coming weeks", "a year
earlier") are kept with date None; so are relative dates when the article has no publication date.
Week granularity is written as an ISO week ("2021-W47"). The sentence decides the direction of a
bare weekday or month (tense) and the year of a timeline's months: see date_context.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.components.facts.calendar import (
    UNRESOLVED,
    Resolution,
    iso_date,
    resolve_calendar,
    resolve_month,
    resolve_weekday,
    shift_days,
)
from claimx.components.facts.date_context import (
    WORD_RE,
    Tense,
    clause_tense,
    resolution_text,
    singular_weekday,
    timeline_anchor,
    timeline_headings,
)
from claimx.components.keys import DATE_EXT, DATES_KEY, GRANULARITY_EXT, PUBLISHED_EXT
from claimx.components.keys import register_extensions as register_doc_extensions
from claimx.components.serialize import RuleFile, Rules, RuleSerializer
from claimx.rules.dates import DateRules, checked_date_rules, date_rules

if TYPE_CHECKING:
    from dateparser.date import DateDataParser
    from spacy.language import Language

SPAN_LABEL = "DATE"

DATES_FILE = RuleFile("dates.json", "dates")
TENSE_DIRECTIONS = {Tense.PAST: "on_or_before", Tense.FUTURE: "on_or_after", Tense.NEAR: "near"}


def register_extensions() -> None:
    for name in (DATE_EXT, GRANULARITY_EXT):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class DateResolver(RuleSerializer):
    """Find and resolve date mentions.

    Reads DATE/TIME entities, weekday/month tokens and ``doc._.claimx_published``; writes
    ``doc.spans["claimx_dates"]`` with ``span._.claimx_date`` and ``span._.claimx_granularity``.
    Rules: models/dates.json, or ``{"dates": {...}}`` in config.
    """

    RULE_FILES = (DATES_FILE,)

    def __init__(
        self, nlp: Language, name: str = "claimx_dates", rules: Mapping | None = None
    ) -> None:
        self.name = name
        register_doc_extensions()
        register_extensions()
        self.set_rules(rules)

    def use_rules(self, data: Rules) -> None:
        self.data = data[DATES_FILE.key]
        self.rules = checked_date_rules(self.data, f"{self.name} {DATES_FILE.name}")

    def rule_data(self) -> Rules:
        return {DATES_FILE.key: self.data}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.resolve(doc, self.find(doc)))
        return doc

    def find(self, doc: Doc) -> list[Span]:
        ents = [ent for ent in doc.ents if ent.label_ in self.rules.entity_labels]
        candidates = [
            part for span in merge_adjacent(ents) for part in split_named(span, self.rules)
        ]
        candidates += untagged_mentions(doc, self.rules)
        kept = [span for span in candidates if not indefinite_weekday(span, self.rules)]
        return sorted(filter_spans(kept), key=lambda span: span.start)

    def resolve(self, doc: Doc, spans: list[Span]) -> list[tuple[Span, Resolution]]:
        """Each mention that is a date, with its resolution (None, None when it cannot be)."""
        published = doc._.get(PUBLISHED_EXT)
        headings = timeline_headings(doc, self.rules)
        kept = []
        for span in spans:
            text = resolution_text(span, self.rules)
            anchor = timeline_anchor(span, text, headings, published, self.rules)
            tense = clause_tense(span, self.rules)
            resolution = resolve_expression(text, span.label_, anchor, tense, self.rules)
            if resolution is not None:
                kept.append((span, resolution))
        return kept

    def set_annotations(self, doc: Doc, resolved: list[tuple[Span, Resolution]]) -> None:
        mentions = []
        for span, (value, granularity) in resolved:
            mention = Span(doc, span.start, span.end, label=SPAN_LABEL)
            mention._.set(DATE_EXT, value)
            mention._.set(GRANULARITY_EXT, granularity)
            mentions.append(mention)
        doc.spans[DATES_KEY] = mentions


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


def split_named(span: Span, rules: DateRules) -> list[Span]:
    """ "June and July", "between 2019 and 2021", "Saturday or Sunday": each named date on its
    own (a careful reader gives both); other ranges stay one vague mention ("May 2 to 5")."""
    pieces, start = [], span.start
    for token in span:
        if token.lower_ in rules.range_words:
            pieces.append((start, token.i))
            start = token.i + 1
    if not pieces:
        return [span]
    pieces.append((start, span.end))
    parts = [Span(span.doc, a, b, label=span.label_) for a, b in pieces if b > a]
    if len(parts) < 2 or not all(names_a_date(part, rules) for part in parts):
        return [span]
    return parts


def indefinite_weekday(span: Span, rules: DateRules) -> bool:
    """ "a Sunday newspaper", "every Friday": a kind of day, not a date."""
    first = span[0]
    if first.lower_ not in rules.weekdays and singular_weekday(first, rules) is None:
        return False
    return first.i > 0 and first.doc[first.i - 1].lower_ in rules.indefinite_before


def names_a_date(span: Span, rules: DateRules) -> bool:
    words = [token.lower_.rstrip(".") for token in span]
    named = rules.months.keys() | rules.weekdays.keys()
    return any(w in named or is_year(w) for w in words) and not any(w in rules.vague for w in words)


def untagged_mentions(doc: Doc, rules: DateRules) -> list[Span]:
    """Weekday and month words outside DATE/TIME entities (the small model misses some)."""
    found = []
    for token in doc:
        if not token.is_title or token.ent_type_ in rules.entity_labels:
            continue
        word = token.lower_.rstrip(".")
        weekday = word in rules.weekdays or singular_weekday(token, rules) is not None
        if weekday and token.ent_type_ in rules.untagged_weekday_labels:
            found.append(Span(doc, token.i, token.i + 1, label="DATE"))
        elif word in rules.months and token.tag_ == "NNP" and month_cued(token, rules):
            number = token.i + 1 < len(doc) and doc[token.i + 1].like_num
            found.append(Span(doc, token.i, token.i + 1 + number, label="DATE"))
    return found


def month_cued(token: Token, rules: DateRules) -> bool:
    """Month names double as verbs and names ("May", "March"): demand a cue word before them, or
    a month they are joined to ("between June and July")."""
    if token.ent_type_:
        return False
    if token.i > 0 and token.doc[token.i - 1].lower_ in rules.untagged_month_cues:
        return True
    return token.dep_ == "conj" and token.head.lower_.rstrip(".") in rules.months


def publication_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=16384)
def resolve_expression(
    text: str,
    label: str,
    published: str | None,
    tense: Tense = Tense.PAST,
    rules: DateRules | None = None,
) -> Resolution | None:
    """(ISO date cut to its granularity, granularity) for one expression; None if not a date.
    ``tense``: that of the expression's clause ("will meet on Saturday" is future);
    ``rules``: the component's (default: models/dates.json)."""
    rules = rules or date_rules()
    words = tuple(word.lower() for word in WORD_RE.findall(text))
    if not is_date_expression(words, label, rules):
        return None
    iso = iso_date(text, published, rules)
    if iso is not None:
        return iso
    core = strip_leading(words, rules)
    if core and " ".join(core) not in rules.fixed_days:
        # "at dawn yesterday", "before dawn on Sunday": the day itself, before the vague words
        # ("before") and units ("night") of the part of the day can mislead the checks below.
        core = without_day_parts(core, rules) or core
        if is_vague(core, text, rules):
            return UNRESOLVED
        if is_duration(core, rules):
            return None
    if not core:
        return UNRESOLVED
    return resolve_core(core, publication_date(published), rules, tense)


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


def resolve_core(
    core: tuple[str, ...], published: date | None, rules: DateRules, tense: Tense = Tense.PAST
) -> Resolution:
    has_digits = any(word[0].isdigit() for word in core)
    month = next((rules.months[w] for w in core if w in rules.months), None)
    weekday = next((rules.weekdays[w] for w in core if w in rules.weekdays), None)
    direction = rules.modifiers.get(core[0], "tense")
    if direction == "tense":  # "this past Sunday" looks back whatever the tense
        past = any(word in rules.past_markers for word in core)
        direction = "on_or_before" if past else TENSE_DIRECTIONS[tense]
    phrase = " ".join(core)
    if any(word in rules.unresolvable_units for word in core):
        return UNRESOLVED  # "the next decade": no granularity to cut it to
    if weekday is not None and month is None and not has_digits:
        return resolve_weekday(weekday, direction, published, rules.near_ahead_max_days)
    if month is not None and not has_digits:
        return resolve_month(month, direction, published)
    if phrase in rules.fixed_days:
        day = shift_days(published, rules.fixed_days[phrase])
        return (day.isoformat(), "day") if day is not None else UNRESOLVED
    calendar = resolve_calendar(core, published, rules, tense is Tense.FUTURE)
    if calendar is not None:
        return calendar
    return parse_with_dateparser(phrase, published, rules)


def without_day_parts(core: tuple[str, ...], rules: DateRules) -> tuple[str, ...]:
    """ "dawn yesterday" -> ("yesterday",): the day a part of the day belongs to; () when there is
    no part of a day, or no day left ("the past 48 hours")."""
    if not any(word in rules.day_parts for word in core):
        return ()
    kept = [
        word
        for word, following in zip(core, (*core[1:], ""), strict=True)
        if word not in rules.day_parts
        and not (word in rules.day_part_prepositions and following in rules.day_parts)
    ]
    rest = strip_leading(tuple(kept), rules)
    days = rules.weekdays.keys() | rules.months.keys() | rules.fixed_days.keys()
    return rest if any(word in days or is_year(word) for word in rest) else ()


def parse_with_dateparser(phrase: str, published: date | None, rules: DateRules) -> Resolution:
    """Parse one phrase; with no publication date keep only answers that do not depend on it."""
    if published is not None:
        return checked(phrase, dateparser_answer(phrase, published), rules)
    bases = rules.no_publication_bases
    answers = {checked(phrase, dateparser_answer(phrase, base.date()), rules) for base in bases}
    return answers.pop() if len(answers) == 1 else UNRESOLVED


@lru_cache(maxsize=16384)
def dateparser_answer(phrase: str, base: date) -> tuple[date | None, str | None]:
    try:
        data = parser_for(base).get_date_data(phrase)
    except (OverflowError, ValueError):
        return None, None  # a publication date at the edge of the calendar ("9999-12-31")
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


def is_short_number(word: str) -> bool:
    return word.isdigit() and len(word) <= 2


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
    if not years and any(is_short_number(w) and not rules.day_suffix.match(w) for w in words):
        return UNRESOLVED  # "Dec. 32": no such day, and dateparser would read 32 as 1932
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
