"""Who a source mention is: its resolved name, type and role.

Reporting names a person in full once ("Afghan government spokesman Zabihullah Mujahid") and
then by surname or pronoun, so names resolve against the full names already seen in the
article and against the sources of earlier claims.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..records import SpeakerType
from ..rules import SpeakerRules, SyntaxRules
from .cues import MEDIA_KEY
from .structure import QUOTES_KEY
from .syntax import Bounds, noun_phrase, trim


@dataclass(frozen=True)
class SpeakerInfo:
    bounds: Bounds
    name: str
    type: SpeakerType
    role: Bounds | None
    singular_unnamed: bool = False

    @property
    def end(self) -> int:
        return self.bounds[1]


class SpeakerResolver:
    """Describe source mentions of one Doc; earlier descriptions feed pronoun resolution."""

    def __init__(self, doc: Doc, rules: SpeakerRules, syntax: SyntaxRules) -> None:
        self.doc = doc
        self.rules = rules
        self.syntax = syntax
        self.people = [e for e in doc.ents if e.label_ == "PERSON"]
        self.full_names = [n for n in (clean_name(e) for e in self.people) if len(n.split()) > 1]
        self.media = list(doc.spans[MEDIA_KEY]) if MEDIA_KEY in doc.spans else []
        self.quotes = list(doc.spans[QUOTES_KEY]) if QUOTES_KEY in doc.spans else []
        self.history: list[SpeakerInfo] = []

    def describe(self, head: Token) -> SpeakerInfo:
        bounds = noun_phrase(head, self.syntax)
        info = (
            self._pronoun(head, bounds)
            or self._media(head, bounds)
            or self._person(head, bounds)
            or self._other(head, bounds)
        )
        if info.type == SpeakerType.UNNAMED and head.tag_ == "NN":
            # "A resident … said …. “…,” she said": a singular unnamed source can be she/he
            info = replace(info, singular_unnamed=True)
        self.history.append(info)
        return info

    def _pronoun(self, head: Token, bounds: Bounds) -> SpeakerInfo | None:
        """He/she: the person last named or quoted before; it/they: the last non-person source."""
        if head.lower_ in self.rules.thing_pronouns:
            earlier = [h for h in self.history if h.type != SpeakerType.PERSON and h.end <= head.i]
            return (
                SpeakerInfo(bounds, earlier[-1].name, earlier[-1].type, None) if earlier else None
            )
        if head.lower_ not in self.rules.person_pronouns:
            return None
        candidates = [
            (h.end, h.name)
            for h in self.history
            if h.type == SpeakerType.PERSON or h.singular_unnamed
        ]
        candidates += [
            (e.end, self.expand(clean_name(e))) for e in self.people if not self.quoted(e)
        ]
        candidates = [c for c in candidates if c[0] <= head.i]
        name = max(candidates)[1] if candidates else head.text
        return SpeakerInfo(bounds, name, SpeakerType.PERSON, None)

    def quoted(self, span: Span) -> bool:
        return any(q.start <= span.start and span.end <= q.end for q in self.quotes)

    def _media(self, head: Token, bounds: Bounds) -> SpeakerInfo | None:
        for span in self.media:
            if span.start <= head.i < span.end:
                return SpeakerInfo(bounds, span.kb_id_, SpeakerType.MEDIA, None)
        return None

    def _person(self, head: Token, bounds: Bounds) -> SpeakerInfo | None:
        entity = self._person_entity(head, bounds)
        if entity is not None:
            role = self._role(head, bounds, entity)
            return SpeakerInfo(
                bounds, self.expand(self.full_name(entity, bounds)), SpeakerType.PERSON, role
            )
        if head.pos_ == "PROPN":
            name = self.expand(head.text)
            if name != head.text:  # a surname of someone named in full earlier
                return SpeakerInfo(bounds, name, SpeakerType.PERSON, self._role(head, bounds, None))
        return None

    def _person_entity(self, head: Token, bounds: Bounds) -> Span | None:
        start, end = bounds
        inside = [e for e in self.people if e.start < end and e.end > start]
        for entity in inside:
            if entity.start <= head.i < entity.end:
                return entity
        for child in head.children:  # "the foreign minister, Amir Khan Muttaqi"
            if child.dep_ in self.syntax.role_deps:
                for entity in self.people:
                    if entity.start <= child.i < entity.end:
                        return entity
        return inside[-1] if inside else None

    def full_name(self, entity: Span, bounds: Bounds) -> str:
        """The entity widened to adjacent proper nouns the NER left out, without titles."""
        start, end = entity.start, entity.end
        while (
            start > bounds[0]
            and self.doc[start - 1].pos_ == "PROPN"
            and not self.is_title(self.doc[start - 1])
        ):
            start -= 1
        while end < bounds[1] and self.doc[end].pos_ == "PROPN" and self.doc[end].tag_ != "POS":
            end += 1
        while start < end - 1 and self.is_title(self.doc[start]):
            start += 1
        return clean_name(self.doc[start:end])

    def is_title(self, token: Token) -> bool:
        return token.lower_ in self.rules.titles

    def _other(self, head: Token, bounds: Bounds) -> SpeakerInfo:
        span = self.doc[bounds[0] : bounds[1]]
        return SpeakerInfo(
            bounds, self.plain_name(span), self.classify(head, span), self._role(head, bounds, None)
        )

    def classify(self, head: Token, span: Span) -> SpeakerType:
        if any(
            t.lower_ in self.rules.group_determiners
            for t in span
            if t.dep_ in ("det", "preconj", "predet")
        ):
            return SpeakerType.GROUP
        label = self.rules.entity_types.get(head.ent_type_)
        if label:
            return SpeakerType(label)
        if head.lemma_.lower() in self.rules.institution_heads:
            return SpeakerType.ORG
        return SpeakerType.UNNAMED

    def _role(self, head: Token, bounds: Bounds, entity: Span | None) -> Bounds | None:
        """A job title or description: an apposition, "who is …", or the words before a name."""
        for child in head.children:
            if child.dep_ in self.syntax.role_deps and (
                entity is None or not entity.start <= child.i < entity.end
            ):
                return trim(self.doc, noun_phrase(child, self.syntax))
            if child.dep_ in self.syntax.relative_clause_deps and child.lemma_ == "be":
                attrs = [c for c in child.children if c.dep_ in self.syntax.role_copula_attr_deps]
                if attrs:
                    return trim(self.doc, (attrs[0].left_edge.i, attrs[0].right_edge.i + 1))
        if entity is not None and entity.start > bounds[0]:
            start, end = trim(self.doc, (bounds[0], entity.start))
            while start < end and self.doc[start].pos_ in ("DET", "PART"):
                start += 1
            if end > start and any(t.pos_ in ("NOUN", "PROPN") for t in self.doc[start:end]):
                return start, end
        if entity is not None and not entity.start <= head.i < entity.end:
            return trim(self.doc, (bounds[0], bounds[1]))
        return None

    def expand(self, name: str) -> str:
        """A surname or partial name to the longest full name in the article that ends with it."""
        matches = [full for full in self.full_names if full != name and full.endswith(" " + name)]
        return max(matches, key=len) if matches else name

    def plain_name(self, span: Span) -> str:
        tokens = list(span)
        while tokens and tokens[0].lower_ in self.rules.name_strip_prefixes:
            tokens = tokens[1:]
        return "".join(t.text_with_ws for t in tokens).strip() or span.text


def clean_name(entity: Span) -> str:
    """An entity's text without a trailing possessive."""
    tokens = [t for t in entity if t.tag_ != "POS" and t.text not in ("'s", "’s")]
    return "".join(t.text_with_ws for t in tokens).strip()
