"""When a counted thing happened, as a span of days, for telling one incident from another.

A date in a claim's content ("2020-03-06", "2020-03", "2019", "2013-W34") covers its days; a
count with no date is taken to be recent news: the days around publication. Two counts can be
of the same incident only when their spans overlap ("killed 63 last year" is not today's toll).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

Span = tuple[date, date]
ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")


def period(text: str) -> Span | None:
    """The first and last day an ISO date cut to its granularity covers; None if unreadable."""
    found = ISO.match(text or "")
    if not found:
        return None
    year, month, day, week = found.groups()
    try:
        if week:
            monday = date.fromisocalendar(int(year), int(week), 1)
            return monday, monday + timedelta(days=6)
        if day:
            one = date(int(year), int(month), int(day))
            return one, one
        if month:
            first = date(int(year), int(month), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, shifted(following, -1)
        return date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None


def periods(texts: Iterable[str]) -> frozenset[Span]:
    return frozenset(p for p in (period(t) for t in texts) if p is not None)


def recent(published: str | None, days: int) -> frozenset[Span]:
    """The days around publication: when an undated count is taken to have happened."""
    day = period(published or "")
    if day is None:
        return frozenset()
    return frozenset({(shifted(day[0], -days), shifted(day[1], 1))})


def shifted(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the ends of the calendar (published 9999-12-31)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def overlap(ours: Iterable[Span], theirs: Iterable[Span]) -> bool:
    """Unknown dates fit anything; known ones must share a day."""
    ours, theirs = list(ours), list(theirs)
    if not ours or not theirs:
        return True
    return any(a[0] <= b[1] and b[0] <= a[1] for a in ours for b in theirs)
