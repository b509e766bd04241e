"""The dispute linker: which claims another source in the article contradicts.

A denial ("X denied ...", "the reports were false", "No experts believe ...") disputes the claims
of OTHER sources that share its topic, nearest first, within a window of sentences; an accusation
("X accused Y of crossing") and a rival account of the same act ("Y's troops crossed") dispute
each other; a claim opening with a contrast ("But others say ...") disputes the account just
before it. Claims are indexed by sentence and looked up by bisection, so the cost stays linear in
the article length times the (fixed) window.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from claimx.records import ClaimStatus
from claimx.rules.assets import load_jsonl
from claimx.rules.places import DEMONYM_SCHEMA
from claimx.rules.status import Direction, LinkerRules, StatusRule


def link_rule(rule_id: str) -> StatusRule:
    """The rule a dispute link reports in ``status_cues`` (its id names the kind of link)."""
    return StatusRule(
        rule_id, Direction.REBUTTAL, ClaimStatus.DISPUTED, 0, 0, frozenset(), frozenset(), (), None
    )


BY_DENIAL = link_rule("dispute_by_denial")
BY_ACCUSATION = link_rule("dispute_accusation_rival")
BY_CONTRAST = link_rule("dispute_by_contrast")


@cache
def demonym_countries() -> dict[str, str]:
    """ "russian" → "russia": a demonym and its country are one topic word."""
    records = load_jsonl("demonyms.jsonl", "demonyms", DEMONYM_SCHEMA)
    return {d.lower(): r["country"].lower() for r in records for d in r["demonyms"]}


@dataclass(frozen=True)
class ClaimInfo:
    span: Span
    speaker: str
    names: frozenset[str]  # topic words of the speaker's name ("russia", "assad")
    negated: bool  # "No experts believe ...": the source is a negated quantifier
    cue: str
    sentence: int
    topics: frozenset[str]  # content words, less the article's most common ones
    mentions: frozenset[str]  # all content words (to find the denier named in a claim)
    verbs: frozenset[str]
    root: str  # lemma of the content's main word
    states: bool  # the content has a finite verb, or is an accusation: something to contradict


def topic_words(tokens: Iterable[Token], rules: LinkerRules, pos: frozenset[str]) -> frozenset[str]:
    demonyms = demonym_countries()
    words = set()
    for token in tokens:
        if token.lower_ in demonyms:  # "Israeli", "Russian": the country, whatever the tag
            words.add(demonyms[token.lower_])
        elif token.pos_ in pos and not token.is_stop:
            lemma = token.lemma_.lower()
            if lemma not in rules.ignore_lemmas and len(lemma) > 1:
                words.add(lemma)
    return frozenset(words)


def claim_info(
    doc: Doc, claim: Span, cue: Span, speaker: Span | None, sentence: int, rules: LinkerRules
) -> ClaimInfo:
    topics = topic_words(first_sentence(claim), rules, rules.topic_pos)
    if cue.label_ in rules.accusation_cue_lemmas and cue.end < claim.start:
        # "accused Russia of meddling": the accused stands between the cue and the content
        topics |= topic_words(doc[cue.end : claim.start], rules, rules.name_pos)
    words: Iterable[Token] = speaker if speaker is not None else ()
    return ClaimInfo(
        span=claim,
        speaker=speaker.kb_id_.lower() if speaker is not None else "",
        names=topic_words(words, rules, rules.name_pos),
        negated=cue.label_ in rules.negated_speaker_cues
        and any(t.lower_ in rules.negated_speaker_words and t.dep_ == "det" for t in words),
        cue=cue.label_,
        sentence=sentence,
        topics=topics,
        mentions=topics,
        verbs=topic_words(first_sentence(claim), rules, rules.verb_pos),
        root=claim.root.lemma_.lower(),
        states=cue.label_ in rules.accusation_cue_lemmas or any(states(t) for t in claim),
    )


def states(token: Token) -> bool:
    """A finite verb, or a verb with a subject (the tagger reads some finite verbs as
    participles): "to destroy" and "rebels fighting" state nothing."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    return subject or "Fin" in token.morph.get("VerbForm", None)


def first_sentence(claim: Span) -> Span:
    """The content up to its first sentence end: a long quote goes on to other matters."""
    end = next((t.i for t in claim[1:] if t.is_sent_start), claim.end)
    return claim.doc[claim.start : end]


def claim_infos(
    doc: Doc,
    claims: list[Span],
    cues: dict[str, Span],
    speakers: dict[str, Span],
    rules: LinkerRules,
) -> list[ClaimInfo]:
    """One record per claim, in document order, with its sentence index and topic words.
    Words found in more than ``max_claim_share`` of the article's claims ("attack" in a report
    on one attack) say nothing about which claims a denial answers, so they are dropped."""
    starts = [sent.start for sent in doc.sents]
    infos = [
        claim_info(
            doc, c, cues[c.id_], speakers.get(c.id_), bisect_right(starts, c.start) - 1, rules
        )
        for c in sorted(claims, key=lambda c: c.start)
    ]
    counts = Counter(word for info in infos for word in info.topics)
    limit = max(rules.min_common, rules.max_claim_share * len(infos))
    common = {word for word, n in counts.items() if n > limit}
    return [replace(i, topics=i.topics - common) for i in infos]


class Linker:
    """Find (disputed claim, disputing claim, rule) links among an article's claims."""

    def __init__(self, infos: list[ClaimInfo], rules: LinkerRules, denied: set[str]) -> None:
        self.infos = infos
        self.rules = rules
        self.denied = denied
        self.sentences = [info.sentence for info in infos]
        # a source's last name word ("graham") -> its speaker keys, to find "Graham's comments"
        self.by_name: dict[str, set[str]] = {}
        for info in infos:
            if info.speaker:
                self.by_name.setdefault(info.speaker.split()[-1], set()).add(info.speaker)

    def near(self, info: ClaimInfo, before: int, after: int) -> Iterator[ClaimInfo]:
        """Claims of other sources within the window, nearest first. Two speakers sharing a name
        word ("Iran's UN ambassador", "Ambassador Ravanchi") are taken as one source."""
        low = bisect_left(self.sentences, info.sentence - before)
        high = bisect_right(self.sentences, info.sentence + after)
        others = [
            o for o in self.infos[low:high]
            if o.span.id_ != info.span.id_
            and not (info.speaker and o.speaker == info.speaker)
            and not (o.names & info.names)
        ]  # fmt: skip
        yield from sorted(others, key=lambda o: abs(o.span.start - info.span.start))

    def links(self) -> list[tuple[Span, Span, StatusRule]]:
        found: dict[tuple[str, str], tuple[Span, Span, StatusRule]] = {}
        for info in self.infos:
            for target, by, rule in self.from_claim(info):
                if target.span.id_ not in self.denied:
                    key = (target.span.id_, by.span.id_)
                    found.setdefault(key, (target.span, by.span, rule))
        return list(found.values())

    def from_claim(self, info: ClaimInfo) -> Iterator[tuple[ClaimInfo, ClaimInfo, StatusRule]]:
        """(disputed, disputing, rule) triples that start from one claim."""
        rules = self.rules
        if info.speaker and (info.span.id_ in self.denied or info.negated):
            yield from ((t, info, BY_DENIAL) for t in self.denial_targets(info))
        if info.cue in rules.accusation_cue_lemmas and info.root in info.verbs:
            # an accusation and a rival account of the same act contradict each other
            for other in self.near(info, rules.window_before, rules.window_after):
                if info.root in other.verbs and other.span.id_ not in self.denied:
                    yield other, info, BY_ACCUSATION
                    yield info, other, BY_ACCUSATION
        if info.speaker and info.states and info.span.sent[0].lower_ in rules.contrast_openers:
            # "But others say ...": a rival to the accounts of the last earlier sentence
            earlier = [
                o for o in self.near(info, rules.contrast_window, 0)
                if o.sentence < info.sentence and o.speaker and o.states
            ]  # fmt: skip
            last = max((o.sentence for o in earlier), default=None)
            for other in (o for o in earlier if o.sentence == last):
                yield other, info, BY_CONTRAST
                yield info, other, BY_CONTRAST

    def denial_targets(self, info: ClaimInfo) -> Iterator[ClaimInfo]:
        """Claims a denial answers: in its sentence ("X say ..., but Y denies ..."); of a source
        it names ("Graham's comments"); sharing its topic words; naming the denier nearby (or
        anywhere in the window when the denial is bare: "denied the accusations"); else the
        nearest accusation before a bare denial."""
        rules = self.rules
        own = info.topics - rules.anaphoric_lemmas
        bare = not own
        accusation_found = False
        named = {s for word in info.mentions for s in self.by_name.get(word, ())} - {info.speaker}
        window = max(rules.window_before, rules.named_window if named else 0)
        for other in self.near(info, window, rules.window_after):
            if not other.states:
                continue
            distance = abs(other.sentence - info.sentence)
            answered = distance == 0 or (other.speaker in named and (other.topics & own or bare))
            if answered or (distance <= rules.window_before and self.shares_topic(info, other)):
                yield other
            elif bare and not accusation_found and other.cue in rules.accusation_cue_lemmas:
                accusation_found = True
                yield other

    def shares_topic(self, denial: ClaimInfo, other: ClaimInfo) -> bool:
        distance = abs(other.sentence - denial.sentence)
        own = denial.topics - self.rules.anaphoric_lemmas
        if len(other.topics & own) >= self.rules.min_overlap:
            return True
        near = not own or distance <= self.rules.name_window
        return near and bool(other.mentions & denial.names)
