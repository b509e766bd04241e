"""The records claimx returns: frozen dataclasses, turned into plain dicts at the JSON boundary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from claimx.errors import ErrorKind


class ClaimKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class ClaimStatus(StrEnum):
    ASSERTED = "asserted"
    CONFIRMED = "confirmed"
    DENIED = "denied"
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"
    HEDGED = "hedged"


class SpeakerType(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"
    NORP = "NORP"
    MEDIA = "MEDIA"
    UNNAMED = "UNNAMED"
    GROUP = "GROUP"


@dataclass(frozen=True)
class Offsets:
    start: int
    end: int


@dataclass(frozen=True)
class Cue:
    text: str
    lemma: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Speaker:
    text: str
    name: str
    type: SpeakerType
    role: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Via:
    """The other source in a chain of attribution: the outlet relaying a claim."""

    text: str
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    unit: str | None
    subject: str | None
    event: str | None


@dataclass(frozen=True)
class Actor:
    text: str
    start: int
    end: int
    name: str
    type: str


@dataclass(frozen=True)
class Location:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    kind: str


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    date: str | None
    granularity: str | None


@dataclass(frozen=True)
class StatusCue:
    text: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class ContentPart:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    """``text``/``start``/``end`` span the whole content; ``parts`` are its pieces, more than one
    when a quote goes on after the cue ("A," she said. "B.")."""

    id: str
    text: str
    start: int
    end: int
    parts: tuple[ContentPart, ...]
    kind: ClaimKind
    sentence: Offsets
    cue: Cue | None
    speaker: Speaker | None
    via: Via | None = None
    status: ClaimStatus = ClaimStatus.ASSERTED
    status_cues: tuple[StatusCue, ...] = ()
    disputed_by: tuple[str, ...] = ()
    actors: tuple[Actor, ...] = ()
    locations: tuple[Location, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Conflict:
    id: str
    about: str
    claims: tuple[str, ...]
    values: tuple[float, ...]
    speakers: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ArticleError:
    type: ErrorKind
    message: str


@dataclass(frozen=True)
class Article:
    """Everything claimx found in one article; ``error`` is set instead when it could not be read."""

    source: str
    published: str | None
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    error: ArticleError | None = None
    id: str | None = None
    text_source: str = "text"
    encoding: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        extra = data.pop("extra")
        if self.id is None:
            data.pop("id")
        data.update(extra)
        return data
