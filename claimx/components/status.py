"""The status component: confirmed, denied, disputed, unverified or hedged, from data rules."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from claimx.components.disputes import Linker, claim_infos
from claimx.components.keys import (
    CLAIM_CUES_KEY,
    CLAIMS_KEY,
    DISPUTED_BY_KEY,
    QUANTITIES_KEY,
    SPEAKERS_KEY,
    STATUS_CUES_KEY,
    STATUS_KEY,
)
from claimx.components.serialize import RuleFile, Rules, RuleSerializer
from claimx.components.spanindex import SpanIndex
from claimx.records import ClaimStatus
from claimx.rules.status import (
    AppliesTo,
    Direction,
    StatusRule,
    build_status_rules,
    linker_from,
)

STATUS_FILE = RuleFile("status.json", "status")


@dataclass(frozen=True)
class Trigger:
    rule: StatusRule
    span: Span


@dataclass(frozen=True)
class Evidence:
    claim_id: str
    trigger: Span
    rule: StatusRule


@dataclass(frozen=True)
class Decision:
    """A claim's status and the evidence for that status (the rest is outweighed)."""

    claim: Span
    status: ClaimStatus
    evidence: tuple[Evidence, ...]


class StatusTagger(RuleSerializer):
    """Give each claim a status from the rules in models/status.json.

    Reads ``claimx_claims``, ``claimx_claim_cues``, ``claimx_speakers`` (and
    ``claimx_quantities`` for article-wide rules); writes ``claimx_status`` (content spans,
    label = status), ``claimx_status_cues`` (trigger spans, label = value, ``kb_id_`` = rule id)
    and ``claimx_disputed_by`` (rebuttal content, ``id_`` = the disputed claim).
    Rules: models/status.json, or ``{"status": {...}}`` in config.
    """

    RULE_FILES = (STATUS_FILE,)

    def __init__(
        self, nlp: Language, name: str = "claimx_status", rules: Mapping | None = None
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.set_rules(rules)

    def use_rules(self, data: Rules) -> None:
        where = f"{self.name} {STATUS_FILE.name}"
        self.rules = build_status_rules(data[STATUS_FILE.key], where)
        self.linker = linker_from(data[STATUS_FILE.key], where)
        self.data = data[STATUS_FILE.key]
        self.matcher = Matcher(self.vocab)
        self.by_id = {rule.id: rule for rule in self.rules.rules}
        for rule in self.rules.rules:
            if rule.patterns:
                self.matcher.add(rule.id, list(rule.patterns))

    def rule_data(self) -> Rules:
        return {STATUS_FILE.key: self.data}

    def __call__(self, doc: Doc) -> Doc:
        triggers = self.match(doc)
        evidence, disputes = self.find_evidence(doc, triggers)
        self.set_annotations(doc, self.decide(doc, evidence), disputes)
        return doc

    def match(self, doc: Doc) -> list[Trigger]:
        found = [
            Trigger(self.by_id[doc.vocab.strings[m]], doc[s:e]) for m, s, e in self.matcher(doc)
        ]
        # clinlp's pseudo-triggers: "did not deny", "neither confirm nor deny" qualify nothing;
        # a longer trigger holding the whole pseudo-trigger ("could not confirm the figures") stays
        covering: dict[int, Span] = {
            i: t.span
            for t in found
            if t.rule.direction == Direction.PSEUDO
            for i in range(t.span.start, t.span.end)
        }
        kept = [
            t for t in found
            if t.rule.direction == Direction.PSEUDO
            or all(
                t.span.start <= covering[i].start and covering[i].end <= t.span.end
                for i in range(t.span.start, t.span.end) if i in covering
            )
        ]  # fmt: skip
        return sorted(kept, key=lambda t: (t.span.start, -len(t.span)))

    def find_evidence(
        self, doc: Doc, triggers: list[Trigger]
    ) -> tuple[list[Evidence], list[tuple[Span, Span]]]:
        claims = list(doc.spans[CLAIMS_KEY])
        cues = {span.id_: span for span in doc.spans[CLAIM_CUES_KEY]}
        pseudo = pseudo_tokens(triggers)
        evidence = [
            Evidence(claim.id_, cues[claim.id_], rule)
            for claim in claims
            for rule in self.rules.rules
            if rule.direction == Direction.CUE and cues[claim.id_].label_ in rule.lemmas
            and cues[claim.id_].start not in pseudo
        ]  # fmt: skip
        evidence += positional_evidence(doc, claims, cues, triggers)
        evidence += self.siblings(doc, claims, cues)
        disputes = rebuttals(doc, claims, cues, triggers, self.linker.accusation_cue_lemmas)
        # a claim denied only by an earlier bare denial elaborates it: it links nothing new
        denied = {
            e.claim_id
            for e in evidence
            if e.rule.value == ClaimStatus.DENIED
            and not (e.rule.direction == Direction.SIBLING and e.rule.sentences)
        }
        speakers = {span.id_: span for span in doc.spans[SPEAKERS_KEY]}
        infos = claim_infos(doc, claims, cues, speakers, self.linker)
        disputes += Linker(infos, self.linker, denied).links()
        evidence += [Evidence(target.id_, rebuttal, rule) for target, rebuttal, rule in disputes]
        return evidence, [(target, rebuttal) for target, rebuttal, _ in disputes]

    def siblings(self, doc: Doc, claims: list[Span], cues: dict[str, Span]) -> list[Evidence]:
        """A denial cue colours other claims of the same speaker: with ``sentences`` 0, those
        whose cues come before it in its sentence ("X said ..., disputing claims that ...";
        "denied X and said Y" is not coloured); with ``sentences`` N, those in the N sentences
        after a bare denial of at most ``max_scope`` tokens ("X denied the accusations. 'That
        would go against logic,' he said.")."""
        speakers = {span.id_: span.kb_id_ for span in doc.spans[SPEAKERS_KEY]}
        starts = [sent.start for sent in doc.sents]

        def place(c: Span) -> tuple[int, str]:
            first = min(c.start, cues[c.id_].start)  # a quote may open before its cue
            return bisect_right(starts, first) - 1, speakers.get(c.id_, "")

        found = []
        for rule in (r for r in self.rules.rules if r.direction == Direction.SIBLING):
            denials: dict[tuple[int, str], int] = {}
            for c in claims:
                if cues[c.id_].label_ in rule.cue_lemmas and speakers.get(c.id_):
                    if rule.sentences and len(c) > rule.max_scope:
                        continue
                    for step in range(rule.sentences + 1):
                        key = (place(c)[0] + step, place(c)[1])
                        denials[key] = max(denials.get(key, -1), cues[c.id_].start)
            found += [
                Evidence(c.id_, cues[c.id_], rule)
                for c in claims
                if cues[c.id_].label_ not in rule.cue_lemmas
                and (
                    place(c)[0] > bisect_right(starts, denials.get(place(c), 10**9)) - 1
                    if rule.sentences
                    else cues[c.id_].start < denials.get(place(c), -1)
                )
            ]  # fmt: skip
        return found

    def decide(self, doc: Doc, evidence: list[Evidence]) -> list[Decision]:
        """Each claim's status: the value of highest priority among its evidence."""
        by_claim: dict[str, list[Evidence]] = defaultdict(list)
        for item in evidence:
            by_claim[item.claim_id].append(item)
        decisions = []
        for claim in doc.spans[CLAIMS_KEY]:
            items = by_claim.get(claim.id_, [])
            status = max(
                (i.rule.value for i in items if i.rule.value is not None),
                key=lambda value: self.rules.priorities.get(value, -1),
                default=self.rules.default,
            )
            chosen = tuple(i for i in items if i.rule.value == status)
            decisions.append(Decision(claim, status, chosen))
        return decisions

    def set_annotations(
        self, doc: Doc, decisions: list[Decision], disputes: list[tuple[Span, Span]]
    ) -> None:
        doc.spans[STATUS_KEY] = [
            Span(doc, d.claim.start, d.claim.end, label=d.status.value, span_id=d.claim.id_)
            for d in decisions
        ]
        doc.spans[STATUS_CUES_KEY] = [
            Span(
                doc,
                item.trigger.start,
                item.trigger.end,
                label=d.status.value,
                span_id=d.claim.id_,
                kb_id=item.rule.id,
            )
            for d in decisions
            for item in d.evidence
        ]
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


def positional_evidence(
    doc: Doc, claims: list[Span], cues: dict[str, Span], triggers: list[Trigger]
) -> list[Evidence]:
    """Evidence from matched triggers. Claims are indexed by the sentence they start in, and a
    trigger only looks at claims within its rule's ``sentences``, so the cost stays linear."""
    breaks = {t.span.start for t in triggers if t.rule.direction == Direction.TERMINATING}
    counted = counted_claims(doc, claims)
    starts = [sent.start for sent in doc.sents]
    by_sentence: dict[int, list[Span]] = defaultdict(list)
    for claim in claims:
        by_sentence[bisect_right(starts, claim.start) - 1].append(claim)
    evidence = []
    for trigger in triggers:
        rule = trigger.rule
        if rule.direction == Direction.ARTICLE:
            candidates = claims
        else:
            here = bisect_right(starts, trigger.span.start) - 1
            steps = range(here - rule.sentences, here + rule.sentences + 1)
            candidates = [c for step in steps for c in by_sentence.get(step, ())]
        evidence += [
            Evidence(claim.id_, trigger.span, rule)
            for claim in candidates
            if in_scope(trigger, claim, cues[claim.id_], breaks, counted)
            and not (
                rule.direction == Direction.WITHIN
                and nested_voice(trigger, claim, candidates, cues)
            )
        ]
    return evidence


def nested_voice(
    trigger: Trigger, claim: Span, candidates: list[Span], cues: dict[str, Span]
) -> bool:
    """Whether the trigger is the words of another claim nested in this one: in
    "Gandhara reported [X said A; other reports claimed that was false]" the denial is the
    other reports', not Gandhara's. Triggers belong to the nearest voice."""
    start, end = trigger.span.start, trigger.span.end
    for other in candidates:
        if other is claim or not (claim.start <= other.start and other.end <= claim.end):
            continue
        if (other.start, other.end) == (claim.start, claim.end):
            continue
        cue = cues[other.id_]
        # it takes in the nested cue and ends in that claim ("reports that X were false" ends
        # after it; "tests point to possible poisoning" holds no cue: both stay the outer's)
        if start < cue.end and cue.start < end <= max(other.end, cue.end):
            return True
    return False


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
    quantities = SpanIndex(doc.spans.get(QUANTITIES_KEY, []))
    return {c.id_ for c in claims if quantities.inside(c.start, c.end)}


def in_scope(trigger: Trigger, claim: Span, cue: Span, breaks: set[int], counted: set[str]) -> bool:
    """Whether a positional trigger qualifies the claim, by its direction and scope."""
    rule, span = trigger.rule, trigger.span
    direction = rule.direction
    if direction == Direction.WITHIN:
        if rule.at_start:
            return span.start == claim.start
        # the trigger starts inside the content ("which leads one to think" may run past it),
        # in its first sentence: a hedge late in a long quote qualifies another statement
        inside = claim.start <= span.start < claim.end
        return inside and sentence_distance(claim[:1], span) <= rule.sentences
    if direction == Direction.ARTICLE:
        return rule.applies_to is not AppliesTo.CLAIMS_WITH_QUANTITIES or claim.id_ in counted
    before = direction in (Direction.PRECEDING, Direction.BOTH) and span.end <= claim.start
    after = direction in (Direction.FOLLOWING, Direction.BOTH) and span.start >= claim.end
    if not (before or after):
        return False
    gap = (span.end, claim.start) if before else (claim.end, span.start)
    if gap[1] - gap[0] > rule.max_scope or any(gap[0] <= b < gap[1] for b in breaks):
        return False
    if before and span.root.head.pos_ == "VERB" and not qualifies(span.root.head, claim, cue):
        return False  # "the areas allegedly targeted, X said": the adverb hedges another verb
    return sentence_distance(span, claim) <= rule.sentences


def qualifies(verb: Token, claim: Span, cue: Span) -> bool:
    """Whether a verb is the claim's cue, stands inside its content, or describes its source
    ("an account apparently run by the group said")."""
    if claim.start <= verb.i < claim.end or cue.start <= verb.i < cue.end:
        return True
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i == cue.root.i for t in verb.ancestors)


def sentence_distance(one: Span, other: Span) -> int:
    doc = one.doc
    first, second = sorted((one.start, other.start))
    return sum(1 for t in doc[first + 1 : second + 1] if t.is_sent_start)


def rebuttals(
    doc: Doc,
    claims: list[Span],
    cues: dict[str, Span],
    triggers: list[Trigger],
    accusations: frozenset[str],
) -> list[tuple[Span, Span, StatusRule]]:
    """(disputed claim, rebutting claim, rule): a short content opening with an anaphoric
    rebuttal ("that was false") disputes the nearest earlier claim by another source. Only a
    claim that states something (has a verb) can be false: "citing [unnamed sources]" cannot."""
    speakers = {span.id_: span.kb_id_ for span in doc.spans[SPEAKERS_KEY]}
    starts = [sent.start for sent in doc.sents]
    by_sentence: dict[int, list[Span]] = defaultdict(list)
    opening: dict[int, list[Span]] = defaultdict(list)
    for c in claims:
        by_sentence[bisect_right(starts, c.start) - 1].append(c)
        opening[c.start].append(c)
    found = []
    for trigger in (t for t in triggers if t.rule.direction == Direction.REBUTTAL):
        rule = trigger.rule
        for claim in opening.get(trigger.span.start, ()):
            if len(claim) > rule.max_scope:
                continue
            if rule.cue_lemmas and cues[claim.id_].label_ not in rule.cue_lemmas:
                continue
            here = bisect_right(starts, claim.start) - 1
            nearby = [c for n in range(here - rule.sentences, here + 1) for c in by_sentence[n]]
            earlier = [
                c for c in nearby
                if c.end <= cues[claim.id_].start or c.end <= claim.start
                if speakers.get(c.id_) != speakers.get(claim.id_) and c.id_ != claim.id_
                and any(t.pos_ in ("VERB", "AUX") for t in c)
            ]  # fmt: skip
            if earlier:
                # "Iran rejected the accusation" answers the accusation, not a later aside
                accusing = [c for c in earlier if cues[c.id_].label_ in accusations]
                found.append((max(accusing or earlier, key=lambda c: c.end), claim, rule))
    return found
