"""The status component: confirmed, denied, disputed, unverified or hedged, from data rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..facts.quantities import QUANTITIES_KEY
from ..records import ClaimStatus
from ..status_rules import Direction, StatusRule, linker_rules, status_rules
from .attribution import CLAIM_CUES_KEY, CLAIMS_KEY, SPEAKERS_KEY
from .disputes import Linker, claim_infos

STATUS_KEY = "claimx_status"
STATUS_CUES_KEY = "claimx_status_cues"
DISPUTED_BY_KEY = "claimx_disputed_by"


@dataclass(frozen=True)
class Trigger:
    rule: StatusRule
    span: Span


@dataclass(frozen=True)
class Evidence:
    claim_id: str
    trigger: Span
    rule: StatusRule


class StatusTagger:
    """Give each claim a status from the rules in models/status.json.

    Reads ``claimx_claims``, ``claimx_claim_cues``, ``claimx_speakers`` (and
    ``claimx_quantities`` for article-wide rules); writes ``claimx_status`` (content spans,
    label = status), ``claimx_status_cues`` (trigger spans, label = value, ``kb_id_`` = rule id)
    and ``claimx_disputed_by`` (rebuttal content, ``id_`` = the disputed claim).
    """

    def __init__(self, nlp: Language, name: str = "claimx_status") -> None:
        self.name = name
        self.rules = status_rules()
        self.linker = linker_rules()
        self.matcher = Matcher(nlp.vocab)
        self.by_id = {rule.id: rule for rule in self.rules.rules}
        for rule in self.rules.rules:
            if rule.patterns:
                self.matcher.add(rule.id, list(rule.patterns))

    def __call__(self, doc: Doc) -> Doc:
        triggers = self.match(doc)
        evidence, disputes = self.find_evidence(doc, triggers)
        self.set_annotations(doc, evidence, disputes)
        return doc

    def match(self, doc: Doc) -> list[Trigger]:
        found = [
            Trigger(self.by_id[doc.vocab.strings[m]], doc[s:e]) for m, s, e in self.matcher(doc)
        ]
        # clinlp's pseudo-triggers: "did not deny", "neither confirm nor deny" qualify nothing
        pseudo = pseudo_tokens(found)
        kept = [
            t for t in found
            if t.rule.direction == Direction.PSEUDO
            or not any(i in pseudo for i in range(t.span.start, t.span.end))
        ]  # fmt: skip
        return sorted(kept, key=lambda t: (t.span.start, -len(t.span)))

    def find_evidence(
        self, doc: Doc, triggers: list[Trigger]
    ) -> tuple[list[Evidence], list[tuple[Span, Span]]]:
        claims = list(doc.spans[CLAIMS_KEY])
        cues = {span.id_: span for span in doc.spans[CLAIM_CUES_KEY]}
        breaks = {t.span.start for t in triggers if t.rule.direction == Direction.TERMINATING}
        pseudo = pseudo_tokens(triggers)
        evidence = [
            Evidence(claim.id_, cues[claim.id_], rule)
            for claim in claims
            for rule in self.rules.rules
            if rule.direction == Direction.CUE and cues[claim.id_].label_ in rule.lemmas
            and cues[claim.id_].start not in pseudo
        ]  # fmt: skip
        counted = counted_claims(doc, claims)
        for trigger in triggers:
            for claim in claims:
                if in_scope(trigger, claim, breaks, counted):
                    evidence.append(Evidence(claim.id_, trigger.span, trigger.rule))
        evidence += self.siblings(doc, claims, cues, evidence)
        disputes = rebuttals(doc, claims, cues, triggers)
        denied = {e.claim_id for e in evidence if e.rule.value == ClaimStatus.DENIED}
        speakers = {span.id_: span for span in doc.spans[SPEAKERS_KEY]}
        infos = claim_infos(doc, claims, cues, speakers, self.linker)
        disputes += Linker(infos, self.linker, denied).links()
        evidence += [Evidence(target.id_, rebuttal, rule) for target, rebuttal, rule in disputes]
        return evidence, [(target, rebuttal) for target, rebuttal, _ in disputes]

    def siblings(
        self, doc: Doc, claims: list[Span], cues: dict[str, Span], evidence: list[Evidence]
    ) -> list[Evidence]:
        """ "X said ..., disputing claims that ...": a denial cue colours the claims of the same
        speaker whose cues come before it in its sentence ("denied X and said Y" does not)."""
        speakers = {span.id_: span.kb_id_ for span in doc.spans[SPEAKERS_KEY]}
        found = []
        for rule in (r for r in self.rules.rules if r.direction == Direction.SIBLING):
            denials: dict[tuple[int, str], int] = {}
            for c in claims:
                cue = cues[c.id_]
                if cue.label_ in rule.cue_lemmas and speakers.get(c.id_):
                    key = (doc[cue.start].sent.start, speakers[c.id_])
                    denials[key] = max(denials.get(key, -1), cue.start)
            found += [
                Evidence(c.id_, cues[c.id_], rule)
                for c in claims
                if cues[c.id_].start
                < denials.get((doc[cues[c.id_].start].sent.start, speakers.get(c.id_)), -1)
            ]  # fmt: skip
        return found

    def set_annotations(
        self, doc: Doc, evidence: list[Evidence], disputes: list[tuple[Span, Span]]
    ) -> None:
        by_claim: dict[str, list[Evidence]] = defaultdict(list)
        for item in evidence:
            by_claim[item.claim_id].append(item)
        statuses, cue_spans = [], []
        for claim in doc.spans[CLAIMS_KEY]:
            items = by_claim.get(claim.id_, [])
            status = max(
                (i.rule.value for i in items),
                key=self.rules.priorities.get,
                default=self.rules.default,
            )
            statuses.append(
                Span(doc, claim.start, claim.end, label=status.value, span_id=claim.id_)
            )
            for item in items:
                if item.rule.value == status:
                    span = item.trigger
                    cue_spans.append(
                        Span(
                            doc,
                            span.start,
                            span.end,
                            label=status.value,
                            span_id=claim.id_,
                            kb_id=item.rule.id,
                        )
                    )
        doc.spans[STATUS_KEY] = statuses
        doc.spans[STATUS_CUES_KEY] = cue_spans
        doc.spans[DISPUTED_BY_KEY] = [
            Span(
                doc,
                rebuttal.start,
                rebuttal.end,
                label="disputed_by",
                span_id=target.id_,
                kb_id=rebuttal.id_,
            )
            for target, rebuttal in disputes
        ]


def pseudo_tokens(triggers: list[Trigger]) -> set[int]:
    """Token indices covered by pseudo-triggers."""
    return {
        i
        for t in triggers
        if t.rule.direction == Direction.PSEUDO
        for i in range(t.span.start, t.span.end)
    }


def counted_claims(doc: Doc, claims: list[Span]) -> set[str]:
    """Ids of claims that report a number (for rules about "figures")."""
    quantities = doc.spans.get(QUANTITIES_KEY, [])
    return {c.id_ for c in claims if any(c.start <= q.start and q.end <= c.end for q in quantities)}


def in_scope(trigger: Trigger, claim: Span, breaks: set[int], counted: set[str]) -> bool:
    """Whether a positional trigger qualifies the claim, by its direction and scope."""
    rule, span = trigger.rule, trigger.span
    direction = rule.direction
    if direction == Direction.WITHIN:
        if rule.at_start:
            return span.start == claim.start
        # the trigger starts inside the content ("which leads one to think" may run past it)
        return claim.start <= span.start < claim.end
    if direction == Direction.ARTICLE:
        return rule.applies_to != "claims_with_quantities" or claim.id_ in counted
    before = direction in (Direction.PRECEDING, Direction.BOTH) and span.end <= claim.start
    after = direction in (Direction.FOLLOWING, Direction.BOTH) and span.start >= claim.end
    if not (before or after):
        return False
    gap = (span.end, claim.start) if before else (claim.end, span.start)
    if gap[1] - gap[0] > rule.max_scope or any(gap[0] <= b < gap[1] for b in breaks):
        return False
    return sentence_distance(span, claim) <= rule.sentences


def sentence_distance(one: Span, other: Span) -> int:
    doc = one.doc
    first, second = sorted((one.start, other.start))
    return sum(1 for t in doc[first + 1 : second + 1] if t.is_sent_start)


def rebuttals(
    doc: Doc, claims: list[Span], cues: dict[str, Span], triggers: list[Trigger]
) -> list[tuple[Span, Span, StatusRule]]:
    """(disputed claim, rebutting claim, rule): a short content opening with an anaphoric
    rebuttal ("that was false") disputes the nearest earlier claim by another source. Only a
    claim that states something (has a verb) can be false: "citing [unnamed sources]" cannot."""
    speakers = {span.id_: span.kb_id_ for span in doc.spans[SPEAKERS_KEY]}
    found = []
    for trigger in (t for t in triggers if t.rule.direction == Direction.REBUTTAL):
        rule = trigger.rule
        for claim in claims:
            if claim.start != trigger.span.start or len(claim) > rule.max_scope:
                continue
            if rule.cue_lemmas and cues[claim.id_].label_ not in rule.cue_lemmas:
                continue
            earlier = [
                c for c in claims
                if c.end <= cues[claim.id_].start or c.end <= claim.start
                if speakers.get(c.id_) != speakers.get(claim.id_) and c.id_ != claim.id_
                and sentence_distance(c, claim) <= rule.sentences
                and any(t.pos_ in ("VERB", "AUX") for t in c)
            ]  # fmt: skip
            if earlier:
                found.append((max(earlier, key=lambda c: c.end), claim, rule))
    return found
