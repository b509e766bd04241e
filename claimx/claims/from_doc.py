"""The pure step from an annotated Doc to claim records: no I/O, no model calls."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from claimx.claims.facts import FactIndex, claim_facts
from claimx.components.keys import (
    CLAIM_CUES_KEY,
    CLAIMS_KEY,
    DISPUTED_BY_KEY,
    PARTS_KEY,
    ROLES_KEY,
    SPEAKERS_KEY,
    STATUS_CUES_KEY,
    STATUS_KEY,
    VIA_KEY,
)
from claimx.records import (
    Claim,
    ClaimKind,
    ClaimStatus,
    ContentPart,
    Cue,
    Offsets,
    Speaker,
    SpeakerType,
    StatusCue,
    Via,
)


def by_claim_id(spans: Iterable[Span]) -> dict[str, Span]:
    return {span.id_: span for span in spans}


def grouped(doc: Doc, key: str) -> dict[str, list[Span]]:
    """Spans of a group keyed by claim id, several per claim."""
    result: dict[str, list[Span]] = {}
    for span in doc.spans.get(key, ()):
        result.setdefault(span.id_, []).append(span)
    return result


def claim_number(claim_id: str) -> int:
    return int(claim_id.lstrip("c") or 0)


def group(doc: Doc, key: str) -> dict[str, Span]:
    return by_claim_id(doc.spans[key]) if key in doc.spans else {}


def sentence_of(doc: Doc, content: Span, cue: Span | None) -> Offsets:
    """The sentences holding the content and its cue."""
    tokens = [content[0], content[-1]] + ([cue[0]] if cue is not None else [])
    sentences = [t.sent for t in tokens]
    return Offsets(min(s.start_char for s in sentences), max(s.end_char for s in sentences))


def cue_record(span: Span | None) -> Cue | None:
    if span is None:
        return None
    return Cue(span.text, span.label_, span.start_char, span.end_char, span.kb_id_)


def via_record(span: Span | None) -> Via | None:
    if span is None:
        return None
    return Via(span.text, span.kb_id_, span.start_char, span.end_char)


def speaker_record(span: Span | None, role: Span | None) -> Speaker | None:
    if span is None:
        return None
    return Speaker(
        text=span.text,
        name=span.kb_id_,
        type=SpeakerType(span.label_),
        role=role.text if role is not None else None,
        start=span.start_char,
        end=span.end_char,
    )


@dataclass(frozen=True)
class ClaimSpans:
    """The span groups the attribution, status and dispute components wrote, by claim id."""

    cues: dict[str, Span]
    speakers: dict[str, Span]
    roles: dict[str, Span]
    vias: dict[str, Span]
    statuses: dict[str, Span]
    status_cues: dict[str, list[Span]]
    disputed_by: dict[str, list[Span]]
    parts: dict[str, list[Span]]

    @classmethod
    def of(cls, doc: Doc) -> ClaimSpans:
        return cls(
            cues=group(doc, CLAIM_CUES_KEY),
            speakers=group(doc, SPEAKERS_KEY),
            roles=group(doc, ROLES_KEY),
            vias=group(doc, VIA_KEY),
            statuses=group(doc, STATUS_KEY),
            status_cues=grouped(doc, STATUS_CUES_KEY),
            disputed_by=grouped(doc, DISPUTED_BY_KEY),
            parts=grouped(doc, PARTS_KEY),
        )


def claims_from_doc(doc: Doc) -> tuple[Claim, ...]:
    """Build claim records from the span groups the attribution component wrote."""
    spans, facts = ClaimSpans.of(doc), FactIndex(doc)
    return tuple(
        claim_record(doc, content, spans, facts) for content in doc.spans.get(CLAIMS_KEY, ())
    )


def claim_record(doc: Doc, content: Span, spans: ClaimSpans, facts: FactIndex) -> Claim:
    """One claim: its content span, and what the other span groups hold under its id."""
    claim_id = content.id_
    claim_parts = spans.parts.get(claim_id) or [content]
    cue = spans.cues.get(claim_id)
    return Claim(
        id=claim_id,
        text=content.text,
        start=content.start_char,
        end=content.end_char,
        parts=tuple(ContentPart(p.text, p.start_char, p.end_char) for p in claim_parts),
        kind=ClaimKind(content.label_),
        sentence=sentence_of(doc, content, cue),
        cue=cue_record(cue),
        speaker=speaker_record(spans.speakers.get(claim_id), spans.roles.get(claim_id)),
        via=via_record(spans.vias.get(claim_id)),
        status=ClaimStatus(spans.statuses[claim_id].label_)
        if claim_id in spans.statuses
        else ClaimStatus.ASSERTED,
        status_cues=tuple(
            StatusCue(s.text, s.start_char, s.end_char, s.kb_id_)
            for s in spans.status_cues.get(claim_id, [])
        ),
        **claim_facts(doc, claim_parts, cue, facts),
        disputed_by=tuple(
            sorted({s.kb_id_ for s in spans.disputed_by.get(claim_id, [])}, key=claim_number)
        ),
    )
