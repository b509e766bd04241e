"""Who a source mention is: its resolved name, type and role.

Reporting names a person in full once ("Afghan government spokesman Zabihullah Mujahid") and
then by surname or pronoun, and an organisation once and then as "the monitor", "the group" or
"it"; a document ("the statement said") speaks for whoever issued it. Names resolve against the
named mentions of the article (``MentionIndex``) and the sources of earlier claims.

Word lists and label sets come from models/speakers.json; what stays inline (a noun is NOUN or
PROPN, a person is a PERSON entity, "'s" is a possessive) is how the code reads a name, not a
rule to tune.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from claimx.components.descriptions import Descriptions
from claimx.components.keys import MEDIA_KEY, QUOTES_KEY
from claimx.components.mentions import (
    NAMED_TYPES,
    UNNAMED_TYPES,
    MentionIndex,
    Named,
    SpeakerInfo,
    entity_bounds,
)
from claimx.components.pronouns import Antecedents
from claimx.components.sources import Mention, SourceRepair
from claimx.components.spanindex import SpanIndex
from claimx.components.syntax import Bounds, noun_phrase, trim
from claimx.records import SpeakerType
from claimx.rules.attribution import SyntaxRules
from claimx.rules.speakers import ResolutionRules, SpeakerRules

WINDOW_TOKENS = 120  # how far back "one said" looks for the people it is one of


class SpeakerResolver:
    """Describe source mentions of one Doc; earlier descriptions feed pronoun resolution."""

    def __init__(
        self, doc: Doc, rules: SpeakerRules, syntax: SyntaxRules, resolution: ResolutionRules
    ) -> None:
        self.doc = doc
        self.rules = rules
        self.syntax = syntax
        self.resolution = resolution
        self.index = MentionIndex(doc, rules, syntax, resolution)
        self.repairs = SourceRepair(doc, rules, syntax, resolution)
        self.people = [e for e in doc.ents if e.label_ == "PERSON"]
        self.full_names: dict[str, list[tuple[int, str]]] = {}  # by last word, in text order
        for entity in self.people:
            name = clean_name(entity)
            if len(name.split()) > 1:
                self.full_names.setdefault(name.split()[-1], []).append((entity.start, name))
        self.media = list(doc.spans[MEDIA_KEY]) if MEDIA_KEY in doc.spans else []
        self.media_index = SpanIndex(self.media)
        self.quotes = list(doc.spans[QUOTES_KEY]) if QUOTES_KEY in doc.spans else []
        self.quote_index = SpanIndex(self.quotes)
        self.history: list[SpeakerInfo] = []  # sorted by position of the mention
        self.positions: list[int] = []
        self.antecedents = Antecedents(self)
        self.spoken: set[str] = set()  # names of the sources described so far
        self.descriptions = Descriptions(self)

    def describe_source(
        self, verb: Token | None, source: Token | None, content: Bounds
    ) -> SpeakerInfo | None:
        """The speaker of a cue: the parsed source, repaired for a verb cue, described."""
        if verb is not None:
            mention = self.repairs.repair(verb, source, content)
        else:
            mention = Mention(source) if source is not None else None
        if mention is None:
            return None
        return self.describe(mention.head, mention.bounds, content)

    def describe(
        self, head: Token, bounds: Bounds | None = None, content: Bounds | None = None
    ) -> SpeakerInfo:
        info = replace(self.resolve(head, bounds), content=content)
        cut = bisect_right(self.positions, head.i)
        self.positions.insert(cut, head.i)
        self.history.insert(cut, info)
        self.spoken.add(info.name)
        return info

    def resolve(self, head: Token, bounds: Bounds | None = None) -> SpeakerInfo:
        """Describe a mention without recording it."""
        bounds = bounds or noun_phrase(head, self.syntax)
        info = (
            self._pronoun(head, bounds)
            or self._partitive(head, bounds)
            or self._media(head, bounds)
            or self.descriptions.document(head, bounds)
            or self._person(head, bounds)
            or self.descriptions.described(head, bounds)
            or self._other(head, bounds)
        )
        person_head = head.lemma_.lower() in self.resolution.person_heads
        return replace(
            info,
            singular_unnamed=info.type in UNNAMED_TYPES and head.tag_ == "NN" and person_head,
            plural=head.tag_ in self.resolution.plural_tags,
        )

    def _pronoun(self, head: Token, bounds: Bounds) -> SpeakerInfo | None:
        """He/she: the person last named or quoted before; it/they: the last other source."""
        lower = head.lower_
        if lower not in self.rules.person_pronouns and lower not in self.rules.thing_pronouns:
            return None
        person = lower in self.rules.person_pronouns
        found = self.antecedents.find(head, person)
        if found is None:
            if not person:
                return None
            return SpeakerInfo(bounds, head.text, SpeakerType.PERSON, None)
        if isinstance(found, Named):
            kind = SpeakerType.PERSON if person else self.named_type(found)
            return SpeakerInfo(
                bounds, self.expand(found.name, head.i) if person else found.name, kind, None
            )
        kind = SpeakerType.PERSON if person else found.type
        return SpeakerInfo(bounds, found.name, kind, None)

    def _partitive(self, head: Token, bounds: Bounds) -> SpeakerInfo | None:
        """ "Two witnesses described the blast. “…,” one said": one of the people named by the
        nearest plural noun of a kind that speaks."""
        if head.lower_ not in self.resolution.partitive_words or bounds[1] - bounds[0] > 1:
            return None
        sentence = head.sent
        window = max(0, sentence.start - WINDOW_TOKENS)
        for token in reversed(self.doc[window : head.i]):
            if token.tag_ == "NNS" and token.lemma_.lower() in self.resolution.person_heads:
                name = f"{head.text} of the {token.text}"
                return SpeakerInfo(bounds, name, SpeakerType.UNNAMED, None)
        return None

    def named_type(self, named: Named) -> SpeakerType:
        label = self.rules.entity_types.get(named.label, "ORG")
        return SpeakerType(label) if label != "PERSON" else SpeakerType.ORG

    def quoted(self, span: Span) -> bool:
        return self.quote_index.covering(span.start, span.end) is not None

    def _media(self, head: Token, bounds: Bounds) -> SpeakerInfo | None:
        span = self.media_index.covering(head.i, head.i + 1)
        return SpeakerInfo(bounds, span.kb_id_, SpeakerType.MEDIA, None) if span else None

    # -- people -----------------------------------------------------------------------------

    def _person(self, head: Token, bounds: Bounds) -> SpeakerInfo | None:
        entity = self._person_entity(head, bounds)
        institution = head.lemma_.lower() in self.rules.institution_heads
        if entity is not None and (
            (institution and not entity.start <= head.i < entity.end)  # "SANA agency"
            or self.index.is_organisation_like(entity)
        ):
            entity = None
        if entity is not None:
            role = self._role(head, bounds, entity)
            return SpeakerInfo(
                bounds,
                self.expand(self.full_name(entity, bounds), head.i),
                SpeakerType.PERSON,
                role,
            )
        if head.pos_ == "PROPN" and self.titled(head, bounds):
            # "Head of the Hama Media center Abu Yazan al-Noiami": a title makes it a person
            start = head.i
            while start > bounds[0] and self.doc[start - 1].pos_ == "PROPN":
                start -= 1
            name = self.expand(clean_name(self.doc[start : head.i + 1]), head.i)
            role = (bounds[0], start) if start > bounds[0] else None
            return SpeakerInfo(bounds, name, SpeakerType.PERSON, role)
        if head.pos_ == "PROPN" or head.text[:1].isupper():  # the NER may call "Trump" an ORG
            name = self.expand(head.text, head.i)
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
        attached = [e for e in inside if e.root.head.i == head.i]
        return attached[-1] if attached else None

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

    def titled(self, head: Token, bounds: Bounds) -> bool:
        if head.ent_type_ in self.resolution.organisation_entities:
            return False
        words = self.resolution.person_descriptions | self.resolution.person_heads
        return any(
            t.lower_ in words or t.lower_ in self.rules.titles
            for t in self.doc[bounds[0] : head.i]
            if t.pos_ in ("NOUN", "PROPN")
        )

    def is_title(self, token: Token) -> bool:
        return token.lower_ in self.rules.titles

    # -- everything else --------------------------------------------------------------------

    def _other(self, head: Token, bounds: Bounds) -> SpeakerInfo:
        if head.ent_type_ in self.resolution.organisation_entities:
            # "United Nations Relief and Works Agency": the parse cuts names at "and"
            start, end = entity_bounds(head)
            bounds = (min(bounds[0], start), max(bounds[1], end))
        bounds = (self.hyphen_start(bounds[0]), bounds[1])
        span = self.doc[bounds[0] : bounds[1]]
        name = self.plain_name(span)
        kind = self.classify(head, span)
        if name != self.index.with_acronym(name):  # "WHO", "IDF": a known acronym
            kind = SpeakerType.ORG if kind == SpeakerType.UNNAMED else kind
        if kind in NAMED_TYPES:
            name = self.index.with_acronym(name)
        return SpeakerInfo(bounds, name, kind, self._role(head, bounds, None))

    def hyphen_start(self, start: int) -> int:
        """Take back "UK-" of "UK-based" that the noun phrase cut at the hyphen."""
        doc = self.doc
        while start > 1 and doc[start - 1].tag_ == "HYPH" and doc[start - 2].pos_ == "PROPN":
            start -= 2
        return start

    def classify(self, head: Token, span: Span) -> SpeakerType:
        if any(
            t.lower_ in self.rules.group_determiners
            for t in span
            if t.dep_ in self.resolution.determiner_deps
        ):
            return SpeakerType.GROUP
        if head.ent_type_ == "PERSON" and head.is_upper and len(head.text) > 2:
            return SpeakerType.ORG  # an acronym the NER took for a name
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
                return trim(self.doc, noun_phrase(child, self.syntax), self.syntax)
            if child.dep_ in self.syntax.relative_clause_deps and child.lemma_ == "be":
                attrs = [c for c in child.children if c.dep_ in self.syntax.role_copula_attr_deps]
                if attrs:
                    return trim(
                        self.doc, (attrs[0].left_edge.i, attrs[0].right_edge.i + 1), self.syntax
                    )
        if entity is not None and entity.start > bounds[0]:
            start, end = trim(self.doc, (bounds[0], entity.start), self.syntax)
            while start < end and self.doc[start].pos_ in self.resolution.role_skip_pos:
                start += 1
            if end > start and any(t.pos_ in ("NOUN", "PROPN") for t in self.doc[start:end]):
                return start, end
        if entity is not None and not entity.start <= head.i < entity.end:
            return trim(self.doc, (bounds[0], bounds[1]), self.syntax)
        return None

    def expand(self, name: str, at: int | None = None) -> str:
        """A surname or partial name to a full name of the article that ends with it: of those
        named before ``at``, an earlier source first, then the most named, then the nearest;
        with none before, the most named, then the first ("Trump said" is not the relative a
        caption names further down)."""
        words = name.split()
        found = self.full_names.get(words[-1], []) if words else []
        matches = [(s, full) for s, full in found if full != name and full.endswith(" " + name)]
        if not matches:
            return name
        counts: dict[str, int] = {}
        for _, full in matches:
            counts[full] = counts.get(full, 0) + 1
        before = [(s, full) for s, full in matches if at is None or s < at]
        if before:
            spoke = self.spoken
            return max(before, key=lambda m: (m[1] in spoke, counts[m[1]], m[0]))[1]
        return max(matches, key=lambda m: (counts[m[1]], -m[0]))[1]

    def plain_name(self, span: Span) -> str:
        """The words of a mention without a leading article, adverb ("Earlier the source") or
        place-based modifier ("the UK-based Syrian Observatory" → "Syrian Observatory")."""
        tokens = list(span)
        drop = self.prefix_length(tokens)
        while drop:
            tokens = tokens[drop:]
            drop = self.prefix_length(tokens)
        return "".join(t.text_with_ws for t in tokens).strip() or span.text

    def prefix_length(self, tokens: list[Token]) -> int:
        if len(tokens) < 2:
            return 0
        first, modifiers = tokens[0], self.resolution.name_strip_modifiers
        if first.lower_ in self.rules.name_strip_prefixes:
            return 1
        if first.tag_ in self.resolution.name_strip_tags and tokens[1].tag_ != "HYPH":
            return 1
        if len(tokens) > 3 and tokens[1].tag_ == "HYPH" and tokens[2].lemma_.lower() in modifiers:
            return 3  # "UK - based"
        if (
            first.lemma_.lower() in modifiers
            and first.tag_ in self.resolution.name_strip_modifier_tags
        ):
            return 1  # "based Syrian Observatory" where the parse cut "UK-"
        return 0


def clean_name(entity: Span) -> str:
    """An entity's text without a trailing possessive."""
    tokens = [t for t in entity if t.tag_ != "POS" and t.text not in ("'s", "’s")]
    return "".join(t.text_with_ws for t in tokens).strip()
