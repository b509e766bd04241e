"""The attribution component: for each cue, find its source and its content."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right, insort
from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.components.cues import FRAMES_FILE
from claimx.components.drafts import Draft, DraftFinder
from claimx.components.keys import (
    CLAIM_CUES_KEY,
    CLAIMS_KEY,
    PARTS_KEY,
    QUOTES_KEY,
    ROLES_KEY,
    SPEAKERS_KEY,
    VIA_KEY,
)
from claimx.components.quoted import claim_kind, covering_quote, trim_quote
from claimx.components.serialize import RuleFile, Rules, RuleSerializer
from claimx.components.spanindex import Bound, SpanIndex
from claimx.components.speakers import SpeakerResolver
from claimx.components.syntax import subject_of
from claimx.rules.attribution import Handler, build_frames, build_syntax
from claimx.rules.speakers import build_speaker_rules, parse_resolution

CONTINUATION = "+continuation"
SPEAKERS_FILE = RuleFile("speakers.json", "speakers")


@dataclass(frozen=True)
class Numbered:
    """A draft as it is written: its claim id, kind and the label of its cue."""

    claim_id: str
    kind: str
    cue_label: str
    draft: Draft


class Attributor(RuleSerializer):
    """Turn cues into claims.

    Reads the parse, ``claimx_cues``, ``claimx_quotes`` and ``claimx_media``; writes the span
    groups ``claimx_claims`` (content; label = kind, ``id_`` = claim id, ``kb_id_`` = rule),
    ``claimx_claim_cues``, ``claimx_speakers`` (label = type, ``kb_id_`` = resolved name),
    ``claimx_roles`` and ``claimx_via``, all keyed by the claim id in ``span.id_``.
    Rules: models/frames.json and speakers.json, or ``{"frames": {...}}`` in config.
    """

    RULE_FILES = (FRAMES_FILE, SPEAKERS_FILE)

    def __init__(
        self, nlp: Language, name: str = "claimx_attribution", rules: Mapping | None = None
    ) -> None:
        self.name = name
        self.set_rules(rules)

    def use_rules(self, data: Rules) -> None:
        frames, speakers = data[FRAMES_FILE.key], data[SPEAKERS_FILE.key]
        in_frames = f"{self.name} {FRAMES_FILE.name}"
        in_speakers = f"{self.name} {SPEAKERS_FILE.name}"
        self.frames = build_frames(frames, in_frames)
        self.syntax = build_syntax(frames, in_frames)
        self.speaker_rules = build_speaker_rules(speakers, in_speakers)
        text = json.dumps(speakers, ensure_ascii=False, indent=1)  # for line numbers in errors
        self.resolution = parse_resolution(speakers.get("resolution"), text, in_speakers)
        self.data = dict(data)

    def rule_data(self) -> Rules:
        return self.data

    def __call__(self, doc: Doc) -> Doc:
        quotes = SpanIndex(doc.spans[QUOTES_KEY])
        drafts = DraftFinder(self.frames, self.syntax, self.speaker_rules).find(doc, quotes)
        drafts = self.resolve_speakers(doc, drafts)
        drafts = self.link_relays(drafts)
        drafts = self.continuations(doc, drafts, quotes)
        self.set_annotations(doc, numbered(drafts, quotes))
        return doc

    # -- speakers, relays, continuations ---------------------------------------------------

    def resolve_speakers(self, doc: Doc, drafts: list[Draft]) -> list[Draft]:
        resolver = SpeakerResolver(doc, self.speaker_rules, self.syntax, self.resolution)
        by_cue = sorted(drafts, key=lambda d: d.cue.start)
        described = {}
        for draft in by_cue:
            verb = draft.cue[0] if self.frames[draft.cue.label_].handler == Handler.VERB else None
            speaker = resolver.describe_source(verb, draft.source, draft.content)
            described[id(draft)] = replace(draft, speaker=speaker)
        return [described[id(d)] for d in drafts]

    def link_relays(self, drafts: list[Draft]) -> list[Draft]:
        """A claim whose content is itself a claim ("X said, Gandhara reported") is a relay: it
        stays a claim of its own, and its source becomes the ``via`` of the claims it carries."""
        # only an inner cue with its own subject makes a relay: "accused him of having known
        # that …" reports one accusation, not a relayed belief
        inner = {d.cue.start for d in drafts if subject_of(d.cue[0], self.syntax) is not None}
        relays = [d for d in drafts if d.content_head is not None and d.content_head.i in inner]
        kept = []
        for draft in drafts:
            carrier = next(
                (r for r in relays if r.content[0] <= draft.cue.start < r.content[1]), None
            )
            if carrier is not None and carrier is not draft:
                draft = replace(draft, via=carrier.speaker)
            kept.append(draft)
        return kept

    def continuations(self, doc: Doc, drafts: list[Draft], quotes: SpanIndex[Span]) -> list[Draft]:
        """A quote with no cue that directly follows a quoted claim is the same statement and
        joins that claim as a further part: in the same paragraph ("A," she said. "B.") and,
        by the newswriting convention, in each following paragraph that is nothing but the
        quote (PolNeAR and the conflict guidelines keep such a quote in one claim). A paragraph
        with words of its own, or a quote that has its own cue, ends the run."""
        result = list(drafts)
        claimed = SpanIndex(Bound(*d.content) for d in drafts)
        ends = sorted((d.content[1], i) for i, d in enumerate(result))  # found by bisection
        for quote in quotes:
            if claimed.overlaps(quote.start, quote.end):
                continue
            at = last_ending_by(ends, quote.start)
            if at is None:
                continue
            index = ends[at][1]
            last = result[index]
            if not continues(doc, last, quote, quotes):
                continue
            part = trim_quote(doc, quote)
            parts = (last.parts or (last.content,)) + (part,)
            result[index] = replace(last, content=(last.content[0], part[1]), parts=parts)
            ends.pop(at)
            insort(ends, (part[1], index))
        return result

    # -- output ------------------------------------------------------------------------------

    def set_annotations(self, doc: Doc, claims: list[Numbered]) -> None:
        keys = (CLAIMS_KEY, CLAIM_CUES_KEY, SPEAKERS_KEY, ROLES_KEY, VIA_KEY, PARTS_KEY)
        groups: dict[str, list[Span]] = {k: [] for k in keys}
        for claim in claims:
            draft, ident = claim.draft, claim.claim_id
            groups[CLAIMS_KEY].append(
                Span(doc, *draft.content, label=claim.kind, span_id=ident, kb_id=draft.rule)
            )
            parts = draft.parts or (draft.content,)
            groups[PARTS_KEY].extend(Span(doc, *part, span_id=ident) for part in parts)
            cue = draft.cue
            groups[CLAIM_CUES_KEY].append(
                Span(
                    doc, cue.start, cue.end, label=claim.cue_label, span_id=ident, kb_id=draft.rule
                )
            )
            speaker, via = draft.speaker, draft.via
            if speaker is not None:
                groups[SPEAKERS_KEY].append(
                    Span(
                        doc,
                        *speaker.bounds,
                        label=speaker.type.value,
                        span_id=ident,
                        kb_id=speaker.name,
                    )
                )
            if (
                speaker is not None
                and speaker.role is not None
                and speaker.role[1] > speaker.role[0]
            ):
                groups[ROLES_KEY].append(Span(doc, *speaker.role, label="role", span_id=ident))
            if via is not None:
                groups[VIA_KEY].append(
                    Span(doc, *via.bounds, label="via", span_id=ident, kb_id=via.name)
                )
        for key, spans in groups.items():
            doc.spans[key] = spans


def numbered(drafts: list[Draft], quotes: SpanIndex[Span]) -> list[Numbered]:
    """Claims numbered in text order, each with its kind (quoted, indirect or mixed over its
    parts) and its cue's label: the lemma of a one-word verb or noun cue, else its words."""
    result = []
    for number, draft in enumerate(sorted(drafts, key=lambda d: d.content), start=1):
        kinds = {claim_kind(part, quotes) for part in draft.parts or (draft.content,)}
        cue = draft.cue
        one_word = len(cue) == 1 and cue[0].pos_ in ("VERB", "NOUN")
        label = cue[0].lemma_ if one_word else cue.text.lower()
        result.append(
            Numbered(f"c{number}", kinds.pop() if len(kinds) == 1 else "mixed", label, draft)
        )
    return result


def last_ending_by(ends: list[tuple[int, int]], position: int) -> int | None:
    """In sorted (end, draft index) pairs, the first pair of the latest end <= ``position``:
    the draft a following quote continues (the earliest made, when several end there)."""
    at = bisect_right(ends, (position, len(ends))) - 1
    if at < 0:
        return None
    return bisect_left(ends, (ends[at][0], -1))


def continues(doc: Doc, last: Draft, quote: Span, quotes: SpanIndex[Span]) -> bool:
    """``quote`` goes on with the quoted claim ``last``: the claim's last part is a quote, only
    punctuation and line breaks stand between the end of its sentence and ``quote``, and after
    a paragraph break the quote is all its paragraph holds."""
    last_part = (last.parts or (last.content,))[-1]
    if covering_quote(quotes, *last_part) is None:
        return False
    anchor = max(last.content[1], last.cue.sent.end)
    if not all(t.is_punct or t.is_space for t in doc[anchor : quote.start]):
        return False
    if not any("\n" in t.text for t in doc[last.content[1] : quote.start]):
        return True
    for token in doc[quote.end :]:  # up to the end of the quote's paragraph
        if "\n" in token.text:
            return True
        if not (token.is_punct or token.is_space):
            return False
    return True
