"""Spans indexed by position, so that "which spans lie inside this range" and "is this range
inside a span" cost a bisection instead of a scan: every step that asks them once per claim,
quote or sentence would otherwise grow with the square of the article's length."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate, pairwise
from typing import Generic, NamedTuple, Protocol, TypeVar


class Ranged(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Ranged)


class Bound(NamedTuple):
    """A (start, end) pair with the attributes SpanIndex reads."""

    start: int
    end: int


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
        ends = [span.end for span in self.spans]
        # spans that do not nest (quotes) end in the order they start: then bisect on the ends
        self.ends = ends if all(a <= b for a, b in pairwise(ends)) else None

    def __iter__(self) -> Iterator[S]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def first_starting_after(self, position: int) -> S | None:
        """The first span with ``span.start > position``."""
        i = bisect_right(self.starts, position)
        return self.spans[i] if i < len(self.spans) else None

    def last_ending_by(self, position: int) -> S | None:
        """The latest-starting span with ``span.end <= position``."""
        if self.ends is not None:
            i = bisect_right(self.ends, position) - 1
            return self.spans[i] if i >= 0 else None
        return next((s for s in reversed(self.spans) if s.end <= position), None)

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
