"""What a pronoun source stands for: the nearest compatible earlier source or named mention.

"He said" after "Nyrabia pointed out that the Assad regime …" is Nyrabia, not Assad: the most
recent sentence holding a compatible candidate wins, and inside it a source of a claim beats a
subject, which beats any other mention. A pronoun inside what a source says ("the factions
announced that they agreed") is that source.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Span, Token

from claimx.components.mentions import WALK_LIMIT, Named, Resolving, SpeakerInfo
from claimx.records import SpeakerType


class Antecedents:
    """Pronoun resolution over a resolver's history and its mention index."""

    def __init__(self, resolver: Resolving) -> None:
        self.resolver = resolver
        self.sentences = list(resolver.doc.sents)
        self.starts = [s.start for s in self.sentences]

    def find(self, token: Token, person: bool) -> SpeakerInfo | Named | None:
        plural = token.lower_ in self.resolver.resolution.plural_pronouns
        number = bisect_right(self.starts, token.i) - 1
        sentence = self.sentences[number]
        enclosing = [
            h
            for h in self.speakers_between(sentence.start, token.i)
            if h.content is not None
            and h.content[0] <= token.i < h.content[1]
            and (plural or self.fits(h, person, plural))
        ]  # "the official told the AP that they worried": "they" may stand for anyone
        if enclosing:
            return enclosing[-1]
        back = self.resolver.resolution.pronoun_sentences_back
        index = number
        while index >= 0 and back >= 0:
            current = index == number
            sentence = self.sentences[index]
            end = token.i if current else sentence.end
            best = self.best_in(sentence.start, end, person, plural, current)
            if best is not None:
                return best
            if not self.quoted(sentence):  # a long quote does not push its speaker away
                back -= 1
            index -= 1
        return self.fallback(token, person, plural)

    def quoted(self, sentence: Span) -> bool:
        inner = [t for t in sentence if not (t.is_punct or t.is_space)]
        if not inner:
            return False
        return self.resolver.quoted(self.resolver.doc[inner[0].i : inner[-1].i + 1])

    def speakers_between(self, start: int, end: int) -> list[SpeakerInfo]:
        positions = self.resolver.positions
        return self.resolver.history[bisect_left(positions, start) : bisect_left(positions, end)]

    def fits(self, info: SpeakerInfo, person: bool, plural: bool) -> bool:
        if person:
            return info.type == SpeakerType.PERSON or info.singular_unnamed
        if info.type == SpeakerType.PERSON or info.singular_unnamed:
            return False
        return plural or not info.plural

    def best_in(
        self, start: int, end: int, person: bool, plural: bool, current: bool
    ) -> SpeakerInfo | Named | None:
        """The best candidate of one sentence (up to ``end``): a source, then a subject, then
        the latest mention."""
        scored: list[tuple[int, int, int, SpeakerInfo | Named]] = [
            (1, 1, h.end, h)
            for h in self.speakers_between(start, end)
            if self.fits(h, person, plural) and h.end <= end
        ]
        index = self.resolver.index
        named = index.people_between(start, end) if person else index.things_between(start, end)
        for mention in named:
            if mention.end > end or self.resolver.quoted(
                self.resolver.doc[mention.start : mention.end]
            ):
                continue
            if current and not mention.subject:
                continue
            scored.append((0, int(mention.subject), mention.end, mention))
        if not scored:
            return None
        return max(scored, key=lambda s: s[:3])[3]

    def fallback(self, token: Token, person: bool, plural: bool) -> SpeakerInfo | Named | None:
        """No candidate nearby: the last compatible source, or for he/she the last person."""
        cut = bisect_left(self.resolver.positions, token.i)
        recent = self.resolver.history[max(0, cut - WALK_LIMIT) : cut]  # a bounded walk back
        earlier = [h for h in recent if self.fits(h, person, plural)]
        latest: SpeakerInfo | Named | None = max(earlier, key=lambda h: h.end) if earlier else None
        if person:
            for mention in reversed(self.resolver.index.people_between(0, token.i)):
                if latest is not None and mention.end <= latest.end:
                    break
                span = self.resolver.doc[mention.start : mention.end]
                if mention.end <= token.i and not self.resolver.quoted(span):
                    return mention
        return latest
