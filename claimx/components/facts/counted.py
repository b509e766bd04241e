"""What a quantity counts: its unit, the counted thing's phrase and what happened to it.

``CountedThings`` reads the parse around a number found by ``QuantityFinder`` and fills in the
quantity being read (:class:`Found`); it writes nothing to the Doc."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimx.components.facts.numbers import QuantityRules
from claimx.components.facts.quantity_events import EventReader
from claimx.rules.quantities import QuantityGrammar


@dataclass
class Found:
    """A quantity being read: token bounds of the whole wording and of the number itself."""

    start: int
    end: int
    core_start: int
    core_end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None
    measure: int | None = None
    label: str = "count"
    noun: int | None = None
    event: str | None = None
    extra: dict[str, str | None] = field(default_factory=dict)


class CountedThings:
    """Unit, subject and event of quantities, under one set of quantity and event rules."""

    def __init__(self, rules: QuantityRules, events: EventReader) -> None:
        self.rules = rules
        self.events = events

    def describe(self, doc: Doc, item: Found) -> None:
        """Fill unit, subject (what is counted) and event (what happened to it)."""
        root = doc[item.core_start : item.core_end].root
        if item.measure is not None:
            unit_token = doc[item.measure]
            item.unit = self.unit_of(unit_token)
            item.extra["subject"] = self.measured(doc, item, unit_token)
            return
        noun, role = self.counted(doc, item, root)
        if noun is not None:
            item.unit = item.unit or self.unit_of(noun)
            thing = of_object(noun) if item.unit in self.rules.measures else noun
            item.extra["subject"] = self.phrase(doc, item, thing or noun)
            item.noun = noun.i
        item.event = self.events.event(doc, item, noun, role)

    def unit_of(self, noun: Token) -> str:
        lemma = noun.lemma_ if noun.pos_ == "PROPN" else noun.lemma_.lower()
        return self.rules.aliases.get(lemma, lemma)

    def counted(self, doc: Doc, item: Found, root: Token) -> tuple[Token | None, Token]:
        """The counted noun and the token whose dependency says what happened to it."""
        for token in (doc[item.core_end - 1], root):
            thing = of_object(token)
            if thing is not None and thing.i >= item.end:
                return thing, root  # "23 of its own soldiers", "dozens of soldiers"
        head = root.head
        if (
            root.dep_ in self.rules.grammar.modifier_deps
            and head.pos_ in self.rules.grammar.noun_pos
            and head.i >= item.end
        ):
            return head, head
        # '17 "critically injured" troops': the parser hangs the number on the participle.
        owner = head.head
        if (
            head.dep_ == "amod"
            and head.i >= item.end
            and owner.pos_ in self.rules.grammar.noun_pos
            and owner.i > head.i
        ):
            return owner, owner
        return None, root

    def measured(self, doc: Doc, item: Found, unit_token: Token) -> str | None:
        """The thing a compound measure describes: "1,600-mile-long border" -> "border"."""
        path, token = {unit_token.i}, unit_token.head
        while token.pos_ == "ADJ" and token.head.i != token.i:
            path.add(token.i)
            token = token.head
        if token.pos_ not in self.rules.grammar.noun_pos or token.i < item.end:
            return None
        start = item.end
        while start < token.i and (start in path or doc[start].is_punct):
            start += 1
        return doc[start : token.i + 1].text

    def phrase(self, doc: Doc, item: Found, noun: Token) -> str:
        """The counted noun with its modifiers and coordinated nouns, without the number."""
        start = noun.left_edge.i
        if start < item.end <= noun.i:
            start = item.end
        end = noun.i + 1
        for conj in noun.conjuncts:
            numbered = any(c.dep_ == "nummod" for c in conj.children)
            if conj.i > noun.i and conj.pos_ in self.rules.grammar.noun_pos and not numbered:
                end = max(end, conj.i + 1)
        return doc[start : coordinated_end(doc, end, self.rules.grammar)].text


def of_object(token: Token) -> Token | None:
    """The object of an "of" attached to token: "dozens [of] soldiers" -> soldiers."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def coordinated_end(doc: Doc, end: int, grammar: QuantityGrammar) -> int:
    """Extend a counted phrase over "and aligned militants", which the parser reads as a verb."""
    if end + 1 >= len(doc) or doc[end].dep_ != "cc":
        return end
    stop = end + 1
    while stop < min(len(doc), end + 4) and doc[stop].tag_ in grammar.coordinated_tags:
        stop += 1
    last = doc[stop - 1]
    if (
        stop > end + 1
        and last.pos_ in grammar.noun_pos
        and (stop == len(doc) or doc[stop].pos_ not in grammar.noun_pos)
    ):
        return stop
    return end
