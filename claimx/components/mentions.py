"""An index of the named mentions of one Doc, by position, for linking generic speakers.

"The monitor", "the group" or "it" stand for an organisation named elsewhere in the article;
"he" for a person. The index keeps each named organisation with the head nouns that describe it
("the Syrian Observatory for Human Rights, a Britain-based monitor" → observatory, monitor), each
person with the title words before the name, and the acronyms the article uses, all sorted by
position so that a lookup is a bisect and a short walk, never a scan of every pair.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from claimx.components.syntax import Bounds
from claimx.records import SpeakerType
from claimx.rules.attribution import SyntaxRules
from claimx.rules.speakers import ResolutionRules, SpeakerRules

NAMED_TYPES = (SpeakerType.ORG, SpeakerType.MEDIA, SpeakerType.GPE, SpeakerType.NORP)
UNNAMED_TYPES = (SpeakerType.UNNAMED, SpeakerType.ORG)  # "a spokesman" is typed ORG
WALK_LIMIT = 60  # candidates looked at on each side of a position before giving up


@dataclass(frozen=True)
class SpeakerInfo:
    bounds: Bounds
    name: str
    type: SpeakerType
    role: Bounds | None
    singular_unnamed: bool = False
    plural: bool = False
    content: Bounds | None = None

    @property
    def end(self) -> int:
        return self.bounds[1]


@dataclass(frozen=True)
class Named:
    """One named mention: token bounds, canonical name, describing lemmas, entity label."""

    start: int
    end: int
    name: str
    words: frozenset[str]
    label: str
    subject: bool
    titles: frozenset[str] = frozenset()


class MentionIndex:
    """Named organisations and people of a Doc, and the acronyms it spells out."""

    def __init__(
        self,
        doc: Doc,
        speakers: SpeakerRules,
        syntax: SyntaxRules,
        rules: ResolutionRules,
    ) -> None:
        self.doc = doc
        self.speakers = speakers
        self.syntax = syntax
        self.rules = rules
        self.acronyms = self._acronyms()
        self.heads = frozenset().union(*(k.heads for k in rules.organisation_descriptions))
        named = [(e, self._named(e)) for e in doc.ents if e.label_ in speakers.entity_types]
        # "Kataib Hezbollah is one of the militias": a "person" described as a group is one
        self.organisations = [n for e, n in named if self.is_organisation(e, n)]
        self.org_starts = [n.start for n in self.organisations]
        self.people = [
            n for e, n in named if e.label_ == "PERSON" and not self.is_organisation(e, n)
        ]
        self.person_starts = [n.start for n in self.people]
        # non-person subjects ("Russia began air strikes … it said") for "it" and "they"
        self.things = sorted(
            [
                n
                for e, n in named
                if (e.label_ != "PERSON" or self.is_organisation(e, n)) and n.subject
            ]
            + list(self.unlabelled_subjects()),
            key=lambda n: n.start,
        )
        self.thing_starts = [n.start for n in self.things]

    # -- building ---------------------------------------------------------------------------

    def is_organisation(self, entity: Span, named: Named) -> bool:
        if entity.label_ in self.rules.organisation_entities or self.is_organisation_like(entity):
            return True
        return entity.label_ == "PERSON" and bool(named.words & self.heads)

    def unlabelled_subjects(self) -> Iterator[Named]:
        """Proper-noun subjects the NER left out ("CURE is a nonprofit organization")."""
        for token in self.doc:
            if token.pos_ == "PROPN" and not token.ent_type_ and self.is_subject(token):
                words = frozenset(self.noun_lemmas(token.subtree))
                start = min([c.i for c in token.lefts if c.dep_ == "compound"] + [token.i])
                name = self.doc[start : token.i + 1].text
                yield Named(start, token.i + 1, name, words, "ORG", True)

    def is_organisation_like(self, entity: Span) -> bool:
        """A one-word all-capitals "person" is an acronym ("SANA said")."""
        text = entity.text.strip()
        return entity.label_ == "PERSON" and len(entity) == 1 and text.isupper() and len(text) > 2

    def _named(self, entity: Span) -> Named:
        return Named(
            entity.start,
            entity.end,
            self.with_acronym(self.entity_name(entity)),
            frozenset(self.describing_words(entity)),
            entity.label_,
            self.is_subject(entity.root),
            frozenset(self.title_words(entity)),
        )

    def title_words(self, entity: Span) -> Iterator[str]:
        """Words before a name in its own phrase ("U.S. President Barack Obama") and of its
        apposition ("Matt Tueller, the envoy")."""
        i = entity.start - 1
        while i >= entity.root.left_edge.i and entity.start <= self.doc[i].head.i < entity.end:
            yield self.doc[i].lemma_.lower()
            i -= 1
        for child in entity.root.children:
            if child.dep_ in self.syntax.role_deps:
                yield from (t.lemma_.lower() for t in child.subtree)

    def entity_name(self, entity: Span) -> str:
        tokens = [t for t in entity if t.tag_ != "POS" and t.text not in ("'s", "’s")]
        while tokens and tokens[0].lower_ in self.speakers.name_strip_prefixes:
            tokens = tokens[1:]
        return "".join(t.text_with_ws for t in tokens).strip() or entity.text

    def describing_words(self, entity: Span) -> Iterator[str]:
        """Lemmas of the entity's own nouns, of its apposition, of the noun it is apposed to
        and of the common nouns pressed against it with no comma ("monitoring group the …")."""
        for token in entity:
            yield token.lemma_.lower()
        root = entity.root
        for child in root.children:
            if child.dep_ in self.syntax.role_deps:
                yield from self.noun_lemmas(child.subtree)
        if root.head.lemma_ == "be" and root.dep_ in self.syntax.subject_deps:
            # "Kataib Hezbollah is one of the most potent militias"
            for attr in root.head.children:
                if attr.dep_ in self.syntax.role_copula_attr_deps:
                    yield from self.noun_lemmas(attr.subtree)
        if root.dep_ in self.syntax.role_deps:
            yield from self.noun_lemmas(t for t in root.head.lefts if t.dep_ == "compound")
            yield root.head.lemma_.lower()
        i = entity.start - 1
        while i >= 0 and self.doc[i].pos_ in ("DET", "ADJ"):
            i -= 1
        while i >= 0 and self.doc[i].pos_ == "NOUN":
            yield self.doc[i].lemma_.lower()
            i -= 1

    def noun_lemmas(self, tokens) -> Iterator[str]:
        return (t.lemma_.lower() for t in tokens if t.pos_ in ("NOUN", "PROPN", "VERB"))

    def is_subject(self, token: Token) -> bool:
        subjects = self.syntax.subject_deps | self.syntax.passive_subject_deps
        if token.dep_ in subjects:
            return True
        return token.dep_ in ("appos", "compound") and token.head.dep_ in subjects

    def _acronyms(self) -> dict[str, str]:
        """Full names whose initials the article also uses as a word ("IDF", "UNRWA")."""
        words = {t.text for t in self.doc if t.is_upper and len(t.text) > 1 and t.is_alpha}
        found: dict[str, str] = {}
        for entity in self.doc.ents:
            if entity.label_ not in self.rules.organisation_entities:
                continue
            name = self.entity_name(entity)
            parts = [w for w in name.replace("-", " ").split() if w.lower() not in self.skip]
            initials = "".join(w[0] for w in parts if w[:1].isupper())
            if len(parts) > 1 and len(initials) == len(parts) and initials in words:
                found.setdefault(name, initials)
        return found

    @property
    def skip(self) -> frozenset[str]:
        return self.rules.acronym_skip_words

    def with_acronym(self, name: str) -> str:
        """ "Israel Defense Forces" → "Israel Defense Forces (IDF)" when the article uses both;
        a bare acronym gets its full name the same way."""
        if name in self.acronyms:
            return f"{name} ({self.acronyms[name]})"
        for full, short in self.acronyms.items():
            if name == short:
                return f"{full} ({short})"
        return name

    # -- lookups ----------------------------------------------------------------------------

    def organisation_for(
        self, position: int, accepts: Callable[[Named], bool], forward: bool = True
    ) -> Named | None:
        """The nearest named organisation before ``position`` that ``accepts``; failing that,
        and if ``forward``, the first one after it (a lead says "a monitor said" before naming
        the monitor)."""
        cut = bisect_left(self.org_starts, position)
        for named in reversed(self.organisations[max(0, cut - WALK_LIMIT) : cut]):
            if named.end <= position and accepts(named):
                return named
        for named in self.organisations[cut : cut + WALK_LIMIT] if forward else ():
            if accepts(named):
                return named
        return None

    def people_between(self, start: int, end: int) -> list[Named]:
        return self.people[
            bisect_left(self.person_starts, start) : bisect_left(self.person_starts, end)
        ]

    def things_between(self, start: int, end: int) -> list[Named]:
        return self.things[
            bisect_left(self.thing_starts, start) : bisect_left(self.thing_starts, end)
        ]


def entity_bounds(token: Token) -> Bounds:
    """Token bounds of the named entity ``token`` belongs to."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


class Resolving(Protocol):
    """What the pronoun and description resolvers read from the speaker resolver that owns
    them: a Protocol, so they need not import it (it imports them)."""

    doc: Doc
    syntax: SyntaxRules
    resolution: ResolutionRules
    index: MentionIndex
    history: list[SpeakerInfo]
    positions: list[int]

    def resolve(self, head: Token, bounds: Bounds | None = None) -> SpeakerInfo: ...

    def named_type(self, named: Named) -> SpeakerType: ...

    def quoted(self, span: Span) -> bool: ...

    def expand(self, name: str, at: int | None = None) -> str: ...

    def plain_name(self, span: Span) -> str: ...
