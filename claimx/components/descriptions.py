"""Generic mentions that stand for a named one: documents and descriptions.

"The statement said" speaks for whoever issued the statement; "the monitor", "the group" and
"the president" stand for the organisation or person the article names with that description.
Both read the resolver's history and its ``MentionIndex``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Token

from claimx.components.mentions import (
    NAMED_TYPES,
    WALK_LIMIT,
    Named,
    Resolving,
    SpeakerInfo,
    entity_bounds,
)
from claimx.components.syntax import Bounds, noun_phrase
from claimx.records import SpeakerType


def described_by(heads: frozenset[str]) -> Callable[[Named], bool]:
    """Whether a named organisation's describing lemmas include one of ``heads``."""
    return lambda named: bool(named.words & heads)


class Descriptions:
    """Resolve documents and generic descriptions for one resolver."""

    def __init__(self, resolver: Resolving) -> None:
        self.resolver = resolver
        self.documents: dict[int, SpeakerInfo | None] = {}
        kinds = resolver.resolution.organisation_descriptions
        self.heads = frozenset().union(*(k.heads for k in kinds))

    def document(self, head: Token, bounds: Bounds) -> SpeakerInfo | None:
        """ "The statement said": the statement speaks for whoever issued it."""
        if head.lemma_.lower() not in self.resolver.resolution.document_heads or self.has_name(
            bounds
        ):
            return None
        issuer = self.issuer(head)
        if issuer is None:
            return None
        return SpeakerInfo(bounds, issuer.name, issuer.type, None)

    def issuer(self, noun: Token) -> SpeakerInfo | None:
        """Its possessor, its "from"/"by" phrase, the subject of the verb it is the means of
        ("said in a statement"), or for "the statement" the issuer of the last statement."""
        if noun.i in self.documents:
            return self.documents[noun.i]
        self.documents[noun.i] = None  # a guard against cycles
        found = None
        for child in noun.children:
            if child.dep_ == "poss":
                found = self.resolver.resolve(child)
            elif child.dep_ == "prep" and child.lower_ in self.resolver.resolution.issuer_preps:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                found = found or (self.resolver.resolve(objects[0]) if objects else None)
        if (
            found is None
            and noun.dep_ == "pobj"
            and noun.head.lower_ in self.resolver.resolution.issuer_preps
        ):
            found = self.means_of(noun.head.head)
        definite = noun.tag_ == "NN" and any(t.lower_ == "the" for t in noun.lefts)
        if found is None and definite:  # "several news websites" are not the last statement
            found = self.last_issuer(noun)
        self.documents[noun.i] = found
        return found

    def means_of(self, node: Token) -> SpeakerInfo | None:
        """Who acted through a document: the subject of the verb above "in a statement"
        ("claimed responsibility in an emailed statement"), or the noun a participle
        describes ("the coalition fighting ISIS said in a statement")."""
        for _ in range(4):
            subjects = [c for c in node.children if c.dep_ in self.resolver.syntax.subject_deps]
            if node.pos_ in ("VERB", "AUX") and subjects:
                return self.resolver.resolve(subjects[0])
            if node.pos_ == "VERB" and node.dep_ in self.resolver.syntax.relative_clause_deps:
                return self.resolver.resolve(node.head)
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def last_issuer(self, noun: Token) -> SpeakerInfo | None:
        """The issuer of the same kind of document mentioned last, else the last source that
        is not a person."""
        lemma = noun.lemma_
        for token in reversed(self.resolver.doc[max(0, noun.i - 400) : noun.i]):
            if token.lemma_ == lemma and token.pos_ == "NOUN":
                return self.issuer(token)
        return next(
            (h for h in self.recent(noun.i) if h.end <= noun.i and h.type in NAMED_TYPES), None
        )

    def has_name(self, bounds: Bounds) -> bool:
        return any(
            t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "FAC", "PERSON")
            for t in self.resolver.doc[bounds[0] : bounds[1]]
        )

    def described(self, head: Token, bounds: Bounds) -> SpeakerInfo | None:
        """ "The monitor", "a monitoring group", "the UN official": a generic description of
        an organisation or person named elsewhere in the article."""
        if head.pos_ != "NOUN":
            return None
        lemma = head.lemma_.lower()
        if lemma in self.resolver.resolution.person_descriptions and head.tag_ == "NN":
            found = self.described_person(head, bounds, lemma)
            name = self.apposed_child(head)  # "The spokesman Ali Reza said"
            if found is None and name is not None:
                return SpeakerInfo(bounds, name, SpeakerType.PERSON, None)
            return found
        apposed = self.apposed_name(head) if lemma in self.heads else None
        if apposed is not None:
            return SpeakerInfo(bounds, apposed, SpeakerType.ORG, None)
        if self.has_name(bounds):
            return None
        words = {lemma} | {
            t.lemma_.lower()
            for t in self.resolver.doc[bounds[0] : bounds[1]]
            if t.dep_ in ("compound", "amod") and t.head.i == head.i
        }
        bare = all(
            t.i == head.i or t.pos_ in ("DET", "PUNCT") for t in self.resolver.doc[slice(*bounds)]
        )
        for kind in self.resolver.resolution.organisation_descriptions:
            if not words & kind.heads or (kind.any_named and not bare):
                continue  # "the US-led coalition" is a new description, "the group" is not
            # "the group": the nearest organisation described as any kind of group
            heads = self.heads if kind.any_named else kind.heads
            # only "a monitor said" may name its monitor later; "the group" points back
            forward = not any(t.lower_ == "the" for t in head.lefts)
            named = self.resolver.index.organisation_for(head.i, described_by(heads), forward)
            if named is not None:
                return SpeakerInfo(bounds, named.name, self.resolver.named_type(named), None)
        return None

    def apposed_child(self, head: Token) -> str | None:
        for child in head.children:
            if child.dep_ in self.resolver.syntax.role_deps and child.pos_ == "PROPN":
                span = self.resolver.doc[slice(*noun_phrase(child, self.resolver.syntax))]
                return self.resolver.index.with_acronym(self.resolver.plain_name(span))
        return None

    def apposed_name(self, head: Token) -> str | None:
        """ "The Somalia-based group al-Shabab", "the Independent Doctors Association, a group
        of doctors": a description next to the name it describes is that name."""
        child = self.apposed_child(head)
        if child is not None:
            return child
        if head.dep_ in self.resolver.syntax.role_deps and head.head.pos_ == "PROPN":
            span = self.resolver.doc[slice(*noun_phrase(head.head, self.resolver.syntax))]
            return self.resolver.index.with_acronym(self.resolver.plain_name(span))
        start = noun_phrase(head, self.resolver.syntax)[0]
        before = self.resolver.doc[start - 1] if start > 0 else None
        if (
            before is not None
            and before.pos_ == "PROPN"
            and before.ent_type_ not in self.resolver.resolution.unnamed_entities
        ):
            # "the Independent Doctors Association a group of doctors" with its comma lost
            first, end = entity_bounds(before) if before.ent_type_ else (before.i, before.i + 1)
            while (
                first > 0 and self.resolver.doc[first - 1].pos_ == "PROPN" and not before.ent_type_
            ):
                first -= 1
            span = self.resolver.doc[first:end]
            if sum(t.pos_ == "PROPN" for t in span) > 1:
                return self.resolver.index.with_acronym(self.resolver.plain_name(span))
        return None

    def described_person(self, head: Token, bounds: Bounds, lemma: str) -> SpeakerInfo | None:
        """ "The president said": the nearest earlier person with that title, else the nearest
        earlier person source."""
        if head.dep_ == "poss" or not any(t.lower_ == "the" for t in head.lefts):
            return None
        titled = [
            p
            for p in self.resolver.index.people_between(max(0, head.i - 400), head.i)
            if lemma in p.titles
        ]
        earlier = [  # nearest first, a bounded walk back
            h for h in self.recent(head.i) if h.type == SpeakerType.PERSON or h.singular_unnamed
        ]
        same = next((h for h in earlier if lemma in self.words(h)), None)
        if same is not None:
            return SpeakerInfo(bounds, same.name, same.type, None)
        if titled:
            return SpeakerInfo(
                bounds, self.resolver.expand(titled[-1].name, head.i), SpeakerType.PERSON, None
            )
        if earlier:
            return SpeakerInfo(bounds, earlier[0].name, earlier[0].type, None)
        return None

    def recent(self, position: int) -> list[SpeakerInfo]:
        """Sources mentioned before ``position``, nearest first, at most WALK_LIMIT of them."""
        cut = bisect_right(self.resolver.positions, position)
        return self.resolver.history[max(0, cut - WALK_LIMIT) : cut][::-1]

    def words(self, info: SpeakerInfo) -> set[str]:
        spans = [info.bounds] + ([info.role] if info.role else [])
        return {t.lemma_.lower() for start, end in spans for t in self.resolver.doc[start:end]}
