"""What happened to counted things: "20 people were killed", "a toll of eight", "left 11 dead".

``EventReader`` reads the parse around one quantity (its counted noun and the governing verb or
event noun) and, where the parse is unreliable (headlines, text without commas), the words just
before and after it. ``inherit`` then carries events to quantities that only name a part or a
companion of another count ("killed 21 civilians including two children", "seven children were
among 71 civilians killed"). Every word list lives in the "events" section of
models/quantities.json and the label sets in its "grammar" section; the few labels still tested
inline (a conj/appos chain, the auxiliaries "be" and "have", finite verb tags) say how an English
clause is built, which no rule file should change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from spacy.tokens import Doc, Token

from claimx.components.facts.numbers import quantities_where
from claimx.errors import PatternError
from claimx.rules.assets import Field, check_record, load_json
from claimx.rules.quantities import QuantityGrammar, build_quantity_grammar

# How far above "to"/"at" a toll noun may sit ("the total ... killed in action to 20").
TOLL_STEPS = 3

VERB_SCHEMA = {
    "lemma": Field((str,), required=True),
    "event": Field((str,)),
    "with": Field((list,)),
    "subject": Field((bool,)),
}
PHRASE_SCHEMA = {
    "id": Field((str,), required=True),
    "words": Field((str,), required=True),
    "event": Field((str,), required=True),
    "verbs": Field((list,)),
}


@dataclass(frozen=True)
class EventVerb:
    event: str
    with_words: frozenset[str]
    subject: bool


@dataclass(frozen=True)
class LeadPhrase:
    """Words right before a number that say what it counts ("toll of", "claimed the lives of")."""

    id: str
    words: tuple[str, ...]
    event: str
    verbs: frozenset[str]


@dataclass(frozen=True)
class EventRules:
    verbs: dict[str, list[EventVerb]]
    nouns: dict[str, str]
    tolls: dict[str, str]
    toll_preps: frozenset[str]
    count_nouns: frozenset[str]
    states: dict[str, str]
    lead: tuple[LeadPhrase, ...]
    part_markers: tuple[tuple[str, ...], ...]
    member_preps: frozenset[str]
    part_pronouns: frozenset[str]
    joiners: frozenset[str]
    grammar: QuantityGrammar  # the labels a counted phrase's role is read by


class Counted(Protocol):
    """What the event reader needs of a quantity being read (``quantities.Found``)."""

    start: int
    end: int
    noun: int | None
    event: str | None


def _where(key: str, i: int) -> str:
    return f"{quantities_where('events', key)}: events.{key}[{i}]"


def _verbs(records: list) -> dict[str, list[EventVerb]]:
    table: dict[str, list[EventVerb]] = {}
    for i, item in enumerate(records):
        rec = check_record(item, VERB_SCHEMA, _where("verbs", i))
        entry = EventVerb(
            rec.get("event", rec["lemma"]),
            frozenset(rec.get("with", ())),
            rec.get("subject", False),
        )
        # Entries needing a companion word ("taken hostage") are tried before the bare verb.
        table.setdefault(rec["lemma"], []).append(entry)
        table[rec["lemma"]].sort(key=lambda e: not e.with_words)
    return table


def _lead(records: list) -> tuple[LeadPhrase, ...]:
    phrases = []
    for i, item in enumerate(records):
        rec = check_record(item, PHRASE_SCHEMA, _where("lead_phrases", i))
        words = tuple(rec["words"].lower().split())
        phrases.append(LeadPhrase(rec["id"], words, rec["event"], frozenset(rec.get("verbs", ()))))
    # Longest first, so "the lives of" is tried before a shorter phrase ending the same way.
    return tuple(sorted(phrases, key=lambda p: -len(p.words)))


@cache
def event_rules() -> EventRules:
    """The "events" tables of models/quantities.json, validated once."""
    return build_event_rules(load_json("quantities.json", "quantities"))


def build_event_rules(data: dict) -> EventRules:
    """The "events" tables of a quantities.json object."""
    events = data.get("events")
    if not isinstance(events, dict):
        raise PatternError("models/quantities.json:1: missing section 'events'")
    try:
        return EventRules(
            _verbs(events["verbs"]),
            dict(events["nouns"]),
            dict(events["tolls"]),
            frozenset(events["toll_preps"]),
            frozenset(events["count_nouns"]),
            dict(events["states"]),
            _lead(events["lead_phrases"]),
            tuple(tuple(p.lower().split()) for p in events["part_markers"]),
            frozenset(events["member_preps"]),
            frozenset(events["part_pronouns"]),
            frozenset(events["joiners"]),
            build_quantity_grammar(data),
        )
    except KeyError as exc:
        where = quantities_where("events")
        raise PatternError(f"{where}: missing section events.{exc.args[0]}") from None


class EventReader:
    """Reads the event of one quantity from its counted noun, the parse and nearby words."""

    def __init__(self, rules: EventRules) -> None:
        self.rules = rules

    def event(self, doc: Doc, item: Counted, noun: Token | None, role: Token) -> str | None:
        return (
            self.noun_event(noun)
            or self.state_event(doc, item)
            or self.clause_event(noun)
            or self.role_event(role)
            or self.after_event(doc, item)
            or self.lead_event(doc, item.start)
        )

    def noun_event(self, noun: Token | None) -> str | None:
        """ "20 deaths", "818,000 refugees": the counted noun is itself the event."""
        return None if noun is None else self.rules.nouns.get(noun.lemma_.lower())

    def clause_event(self, noun: Token | None) -> str | None:
        """ "20 people killed in the attack", "two soldiers who had died", "those killed"."""
        if noun is None:
            return None
        for child in noun.children:
            if child.dep_ not in self.rules.grammar.clause_deps or child.pos_ not in (
                "VERB",
                "AUX",
            ):
                continue
            if child.dep_ == "acl" and child.tag_ == "VBN":
                found = self.verb_event(child, affected=True)
            else:  # a relative clause: its subject is the counted noun unless it is passive
                found = self.verb_event(child, affected=looks_passive(child))
            if found:
                return found
        return None

    def role_event(self, role: Token) -> str | None:
        """The event of the verb or noun that governs the counted phrase."""
        rules = self.rules
        while role.dep_ in ("conj", "appos") and role.head.pos_ in self.rules.grammar.noun_pos | {
            "NUM"
        }:
            role = role.head  # "58 soldiers and 20 civilians were killed"
        head = role.head
        if role.dep_ == "pobj" and head.lower_ == "of":
            owner = head.head.lemma_.lower()
            return rules.nouns.get(owner) or rules.tolls.get(owner)  # "the killing of 12"
        if role.dep_ == "pobj" and head.lower_ in rules.toll_preps:
            return self.toll_event(head.head)  # "the death toll rose to 46"
        if (
            role.dep_ in self.rules.grammar.object_deps
        ):  # "killed 20", "the toll reached 35", "the toll was 11"
            return self.verb_event(head, affected=True) or self.toll_event(head, steps=0)
        if role.dep_ in self.rules.grammar.subject_deps:
            return self.verb_event(head, affected=looks_passive(head))
        return None

    def toll_event(self, owner: Token, steps: int = TOLL_STEPS) -> str | None:
        """ "the toll rose to 46", "taking the total that were killed in action to 20": a toll
        or count noun beside the preposition or a few steps above it."""
        for step, token in enumerate((owner, *owner.ancestors)):
            if step > steps:
                break
            for near in (token, *token.children):
                lemma = near.lemma_.lower()
                if lemma in self.rules.tolls:
                    return self.rules.tolls[lemma]
                found = self.counts_what(near) if lemma in self.rules.count_nouns else None
                if found:
                    return found
        return None

    def counts_what(self, noun: Token) -> str | None:
        """ "the total killed", "the number of wounded": what a count noun counts."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.lower_ in self.rules.states:
                        return self.rules.states[obj.lower_]
        return self.clause_event(noun)

    def verb_event(self, verb: Token, affected: bool, depth: int = 0) -> str | None:
        """The event of a verb; ``affected`` when the counted things undergo it (object role)."""
        entries = self.entries(verb)
        if entries:
            near = {c.lemma_.lower() for c in verb.children} | {c.lower_ for c in verb.children}
            if verb.i + 1 < len(verb.doc):
                near.add(verb.doc[verb.i + 1].lower_)  # "shot dead 4", whatever "dead" hangs on
            for entry in entries:
                if entry.with_words and not entry.with_words & near:
                    continue
                if affected or entry.subject:
                    return entry.event
        if depth == 0:
            return self.complement_event(verb)
        return None

    def complement_event(self, verb: Token) -> str | None:
        """Control verbs pass their subject on: "were forced to flee", "were reported killed"
        (a participle complement is undergone), "have been confirmed dead"."""
        for child in verb.children:
            if child.dep_ in ("oprd", "acomp") and child.lower_ in self.rules.states:
                return self.rules.states[child.lower_]
            if child.dep_ == "xcomp":
                return self.verb_event(child, affected=child.tag_ == "VBN", depth=1)
        return None

    def entries(self, token: Token) -> list[EventVerb]:
        # Headlines tag verbs as proper nouns ("Strikes Kill Over 900"): the lower form counts too.
        verbs = self.rules.verbs
        return verbs.get(token.lemma_.lower()) or verbs.get(token.lower_, [])

    def state_event(self, doc: Doc, item: Counted) -> str | None:
        """A state word right after the counted phrase says most: "55 injured", "11 people dead"
        (even where a toll around it would say killed)."""
        i = after(item)
        if i < len(doc) and doc[i].lower_ in self.rules.states and not active(doc[i]):
            return self.rules.states[doc[i].lower_]
        return None

    def after_event(self, doc: Doc, item: Counted) -> str | None:
        """A participle right after the counted phrase: "some 865 people killed", "16 civilians
        were killed" (where the parser attached it elsewhere)."""
        i = after(item)
        passive = True  # a bare participle: "people killed"
        while i < len(doc) and doc[i].pos_ == "AUX" and doc[i].lemma_ in ("be", "have"):
            passive = (passive and doc[i].lemma_ == "be") or doc[i].lower_ == "been"
            i += 1  # "16 civilians were killed", "have been wounded"
        if i < len(doc) and doc[i].tag_ == "VBN" and not has_object(doc[i]):
            return self.verb_event(doc[i], affected=passive, depth=1)
        return None

    def lead_event(self, doc: Doc, start: int) -> str | None:
        """Words right before the number: "a toll of eight", "Strikes Kill Over 900"."""
        for phrase in self.rules.lead:
            size = len(phrase.words)
            if (
                start - size < 0
                or tuple(t.lower_ for t in doc[start - size : start]) != phrase.words
            ):
                continue
            if not phrase.verbs:
                return phrase.event
            before = doc[start - size - 1] if start - size > 0 else None
            if before is not None and before.lemma_.lower() in phrase.verbs:
                return phrase.event
        before = doc[start - 1] if start > 0 else None
        if before is None:
            return None
        if before.lower_ in self.rules.states:
            return self.rules.states[before.lower_]  # "injured scores"
        if before.pos_ in ("VERB", "PROPN"):
            return self.verb_event(before, affected=True, depth=1)
        return None

    def inherit(self, doc: Doc, items: Sequence[Counted]) -> None:
        """Carry events to quantities that count a part or a companion of another count."""
        by_noun = {item.noun: item for item in items if item.noun is not None}
        for item in items:
            if item.event is None:
                item.event = self.member_event(doc, item, by_noun)
        for left, right in zip(reversed(items[:-1]), reversed(items[1:]), strict=True):
            if left.event is None and right.event and joined(doc, left, right, self.rules):
                left.event = right.event  # "10 children and 13 rebels were among ... executed"
        previous: Counted | None = None
        for item in items:
            if item.event is None and previous is not None and previous.event:
                same = doc[previous.start].sent.start == doc[item.start].sent.start
                part = (
                    self.part_of(doc, item.start)
                    or self.partitive(doc, item)
                    or gapped(doc, item, self.rules.joiners)
                )
                if same and (part or joined(doc, previous, item, self.rules)):
                    item.event = previous.event  # "killed 21 civilians including two children"
            previous = item if item.event else previous

    def member_event(self, doc: Doc, item: Counted, by_noun: dict) -> str | None:
        """ "Seven children were among 71 civilians killed", "five were among those killed"."""
        token = doc[item.noun] if item.noun is not None else doc[item.end - 1]
        if token.dep_ not in self.rules.grammar.subject_deps or token.head.lemma_ != "be":
            return None
        for prep in token.head.children:
            if prep.dep_ == "prep" and prep.lower_ in self.rules.member_preps:
                for group in prep.children:
                    other = by_noun.get(group.i)
                    if other is not None and other.event:
                        return other.event
                    found = self.clause_event(group) if group.dep_ == "pobj" else None
                    if found:
                        return found
        return None

    def partitive(self, doc: Doc, item: Counted) -> bool:
        """ "234 of them": a count of a pronoun is part of the count it stands for."""
        return item.noun is not None and doc[item.noun].lower_ in self.rules.part_pronouns

    def part_of(self, doc: Doc, start: int) -> bool:
        """Whether words like "including" or "among them" stand right before the quantity."""
        for marker in self.rules.part_markers:
            size = len(marker)
            if start - size >= 0 and tuple(t.lower_ for t in doc[start - size : start]) == marker:
                return True
        return False


def after(item: Counted) -> int:
    """The token after the counted phrase: after its noun, or after the number."""
    return item.noun + 1 if item.noun is not None and item.noun >= item.end else item.end


def joined(doc: Doc, left: Counted, right: Counted, rules: EventRules) -> bool:
    """Whether only "and" or commas stand between the end of one counted phrase and the next."""
    gap = doc[after(left) : right.start]
    if left.noun is None and len(gap) and gap[0].pos_ in rules.grammar.noun_pos:
        gap = gap[1:]  # "1733 children 969 women": the parser gave the first count no noun
    return len(gap) <= 2 and all(t.lower_ in rules.joiners for t in gap)


def active(token: Token) -> bool:
    """ "gunmen killed a guard", "the gunmen wounded": a finite verb, not a state."""
    return token.tag_ in ("VBD", "VBZ", "VBP") or has_object(token)


def has_object(verb: Token) -> bool:
    """ "three gunmen killed a guard": a verb with an object is active, whatever its tag."""
    return any(c.dep_ == "dobj" for c in verb.children)


def gapped(doc: Doc, item: Counted, joiners: frozenset[str]) -> bool:
    """ "16 were killed in Aleppo and 9 in Idlib": a bare number between "and" and a preposition
    repeats the clause before it."""
    if item.noun is not None or item.start == 0 or item.end >= len(doc):
        return False
    return doc[item.start - 1].lower_ in joiners and doc[item.end].pos_ == "ADP"


def looks_passive(verb: Token) -> bool:
    """A bare past participle with no object reads as passive ("20 people killed in the attack")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True  # "hospitals that were hit", whatever the tag of "hit"
    if verb.tag_ != "VBN":
        return False
    return not any(
        (c.dep_ in ("dobj", "aux") and c.lemma_ in ("have", verb.lemma_)) or c.dep_ == "dobj"
        for c in verb.children
    )
