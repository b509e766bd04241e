"""Calendar shapes that make up most dates in news ("2015", "March 2015", "Nov. 19", "last week"),
resolved directly: dateparser costs about 0.3 s to warm up per process and 0.4 ms per phrase, and its
past preference puts an announced day ("the vote on Dec. 8", published Dec. 7) a year back.
Everything else still goes to dateparser. Arithmetic near the ends of the calendar (a publication
date of 0001-01-01 or 9999-12-31) gives no date rather than an OverflowError.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR, date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimx.rules.dates import DateRules

# A resolved date and its granularity ("day", "month", "year"), or (None, None).
Resolution = tuple[str | None, str | None]
UNRESOLVED: Resolution = (None, None)


def shift_days(day: date | None, days: int) -> date | None:
    """``day`` moved by ``days``; None without a day or past either end of the calendar."""
    if day is None:
        return None
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def day_result(day: date | None) -> Resolution:
    return (day.isoformat(), "day") if day is not None else UNRESOLVED


def month_result(year: int, month: int) -> Resolution:
    if not MINYEAR <= year <= MAXYEAR:
        return UNRESOLVED
    return f"{year:04d}-{month:02d}", "month"


def resolve_weekday(
    weekday: int, direction: str, published: date | None, near_days: int = 0
) -> Resolution:
    """News convention: a bare weekday is the latest such day on or before publication, or in
    the future tense the next such day on or after it ("will meet on Saturday"); ``near`` takes
    the next one only up to ``near_days`` ahead, since news looks back."""
    if published is None:
        return UNRESOLVED
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    delta = {
        "after": ahead or 7,
        "on_or_after": ahead,
        "before": -(back or 7),
        "near": ahead if ahead <= near_days else -back,
    }.get(direction, -back)
    return day_result(shift_days(published, delta))


def resolve_month(month: int, direction: str, published: date | None) -> Resolution:
    """A bare month name is the latest such month on or before the publication month (the next
    one on or after it in the future tense, the closer of the two for ``near``)."""
    if published is None:
        return UNRESOLVED
    year = published.year
    if direction == "near":
        direction = "on_or_after" if (month - published.month) % 12 < 6 else "on_or_before"
    if direction == "after":
        year += month <= published.month
    elif direction == "on_or_after":
        year += month < published.month
    elif direction == "before":
        year -= month >= published.month
    else:
        year -= month > published.month
    return month_result(year, month)


def resolve_calendar(
    core: tuple[str, ...], published: date | None, rules: DateRules, future: bool = False
) -> Resolution | None:
    """(ISO date, granularity) for a calendar shape; None when the phrase is not one."""
    parts = calendar_parts(core, rules)
    if parts is not None:
        return explicit_date(*parts, published, rules, future)
    return relative_unit(core, published, rules)


def calendar_parts(
    core: tuple[str, ...], rules: DateRules
) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) when every word is one of them, each at most once; else None."""
    year = month = day = None
    weekday = False
    low, high = rules.year_range
    for word in core:
        if word in rules.weekdays and not weekday:
            weekday = True  # "Thursday, Aug. 22": the weekday only repeats the date
        elif word in rules.months and month is None:
            month = rules.months[word]
        elif word.isdigit() and len(word) == 4 and low <= int(word) <= high and year is None:
            year = int(word)
        elif day is None and (suffixed := rules.day_suffix.match(word)):
            day = int(suffixed.group(1))
        else:
            return None
    if (year is None and month is None) or (day is not None and month is None):
        return None  # a bare "19" or "19 2015" is not a date we can read
    if weekday and day is None:
        return None  # "Monday in March": not a calendar shape
    return year, month, day


def iso_date(text: str, published: str | None, rules: DateRules) -> Resolution | None:
    """ "2013-08-18" as written (the range check would read its hyphens as a range)."""
    match = rules.iso_date.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    if year is None or month is None or not 1 <= month <= 12:
        return UNRESOLVED
    return explicit_date(year, month, day, None, rules)


def explicit_date(
    year: int | None,
    month: int | None,
    day: int | None,
    published: date | None,
    rules: DateRules,
    future: bool = False,
) -> Resolution:
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return (f"{year:04d}-{month:02d}", "month") if year is not None else UNRESOLVED
    if year is None:
        return nearest_day(month, day, published, rules, future)
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return UNRESOLVED  # "Feb. 30, 2015"


def nearest_day(
    month: int, day: int, published: date | None, rules: DateRules, future: bool = False
) -> Resolution:
    """A day without a year: the latest such day up to a few weeks after publication, because news
    reports look back, and forward only to what is announced ("the vote on Dec. 8"); in the future
    tense the first such day on or after publication."""
    if published is None:
        return UNRESOLVED
    horizon = shift_days(published, rules.future_window_days) or date.max
    years = (
        (published.year, published.year + 1)
        if future
        else (published.year + 1, published.year, published.year - 1)
    )
    for year in years:
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # Feb. 29 outside a leap year, or a year past the calendar's ends
        if (candidate >= published) if future else (candidate <= horizon):
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
        year = published.year + step
        return (f"{year:04d}", "year") if MINYEAR <= year <= MAXYEAR else UNRESOLVED
    if unit == "month":
        index = published.year * 12 + published.month - 1 + step
        return month_result(index // 12, index % 12 + 1)
    day = shift_days(published, 7 * step)
    if day is None:
        return UNRESOLVED
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}", "week"
