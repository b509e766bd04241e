"""Calendar shapes that make up most dates in news ("2015", "March 2015", "Nov. 19", "last week"),
resolved directly: dateparser costs about 0.3 s to warm up per process and 0.4 ms per phrase, and its
past preference puts an announced day ("the vote on Dec. 8", published Dec. 7) a year back.
Everything else still goes to dateparser.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dates import DateRules, Resolution

UNRESOLVED = (None, None)


def resolve_calendar(
    core: tuple[str, ...], published: date | None, rules: DateRules
) -> Resolution | None:
    """(ISO date, granularity) for a calendar shape; None when the phrase is not one."""
    parts = calendar_parts(core, rules)
    if parts is not None:
        return explicit_date(*parts, published, rules)
    return relative_unit(core, published, rules)


def calendar_parts(
    core: tuple[str, ...], rules: DateRules
) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) when every word is one of them, each at most once; else None."""
    year = month = day = None
    low, high = rules.year_range
    for word in core:
        if word in rules.months and month is None:
            month = rules.months[word]
        elif word.isdigit() and len(word) == 4 and low <= int(word) <= high and year is None:
            year = int(word)
        elif rules.day_suffix.match(word) and day is None:
            day = int(rules.day_suffix.match(word).group(1))
        else:
            return None
    if (year is None and month is None) or (day is not None and month is None):
        return None  # a bare "19" or "19 2015" is not a date we can read
    return year, month, day


def explicit_date(
    year: int | None, month: int | None, day: int | None, published: date | None, rules: DateRules
) -> Resolution:
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return (f"{year:04d}-{month:02d}", "month") if year is not None else UNRESOLVED
    if year is None:
        return nearest_day(month, day, published, rules)
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return UNRESOLVED  # "Feb. 30, 2015"


def nearest_day(month: int, day: int, published: date | None, rules: DateRules) -> Resolution:
    """A day without a year: the latest such day up to a few weeks after publication, because news
    reports look back, and forward only to what is announced ("the vote on Dec. 8")."""
    if published is None:
        return UNRESOLVED
    horizon = published + timedelta(days=rules.future_window_days)
    for year in (published.year + 1, published.year, published.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # Feb. 29 outside a leap year
        if candidate <= horizon:
            return candidate.isoformat(), "day"
    return UNRESOLVED


def relative_unit(
    core: tuple[str, ...], published: date | None, rules: DateRules
) -> Resolution | None:
    """ "last week", "this month", "next year": one calendar unit from the publication date."""
    if len(core) != 2 or core[0] not in rules.modifier_steps or core[1] not in rules.calendar_units:
        return None
    if published is None:
        return UNRESOLVED
    step, unit = rules.modifier_steps[core[0]], core[1]
    if unit == "year":
        return f"{published.year + step:04d}", "year"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    year, week, _ = (published + timedelta(weeks=step)).isocalendar()
    return f"{year:04d}-W{week:02d}", "week"
