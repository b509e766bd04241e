"""Spans indexed by position, so that "which spans lie inside this range" and "is this range
inside a span" cost a bisection instead of a scan: every step that asks them once per claim,
quote or sentence would otherwise grow with the square of the article's length."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate
from typing import Generic, Protocol, TypeVar


class Ranged(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Ranged)


class SpanIndex(Generic[S]):
    """Spans sorted by start (ties keep their given order), with the furthest end reached so far,
    so that a covering span is found by walking back only over spans that could reach."""

    def __init__(self, spans: Iterable[S]) -> None:
        given = list(spans)
        order = sorted(range(len(given)), key=lambda i: (given[i].start, i))
        self.spans = [given[i] for i in order]
        self.order = order
        self.starts = [span.start for span in self.spans]
        self.reach = list(accumulate((span.end for span in self.spans), max))

    def inside(self, start: int, end: int) -> list[S]:
        """Spans with ``start <= span.start`` and ``span.end <= end``, by start."""
        return [self.spans[i] for i in self.inside_positions(start, end)]

    def inside_positions(self, start: int, end: int) -> list[int]:
        """Positions in the sorted order of the spans ``inside`` returns."""
        low, high = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [i for i in range(low, high) if self.spans[i].end <= end]

    def covering(self, start: int, end: int) -> S | None:
        """A span with ``span.start <= start`` and ``end <= span.end``, or None."""
        i = bisect_right(self.starts, start) - 1
        while i >= 0 and self.reach[i] >= end:
            if self.spans[i].end >= end:
                return self.spans[i]
            i -= 1
        return None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a position with ``[start, end)``."""
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.reach[i] > start
