"""Repair the parsed source of a cue verb where comma-less news text misleads the parser.

Wire copy stripped of commas ("... killed 20 people on Sunday the Observatory said") makes the
parser hang the source on the wrong verb, as an object, or split a name into several subjects.
These repairs read the surface order around the cue instead: the noun run right before a finite
cue with no subject of its own, the name right after an inverted "said", the nearest of several
subjects. All word classes and labels come from ``resolution`` in models/speakers.json.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimx.components.syntax import Bounds
from claimx.rules.attribution import SyntaxRules
from claimx.rules.speakers import ResolutionRules, SpeakerRules


@dataclass(frozen=True)
class Mention:
    """A repaired source: its head token and, for a surface run, its token bounds."""

    head: Token
    bounds: Bounds | None = None


class SourceRepair:
    """Choose the source of one cue verb from its parse and the words around it."""

    def __init__(
        self, doc: Doc, speakers: SpeakerRules, syntax: SyntaxRules, rules: ResolutionRules
    ) -> None:
        self.doc = doc
        self.speakers = speakers
        self.syntax = syntax
        self.rules = rules

    def repair(self, verb: Token, parsed: Token | None, content: Bounds) -> Mention | None:
        subjects = [c for c in verb.children if c.dep_ in self.syntax.subject_deps]
        shouting = [s for s in subjects if s.lower_ in self.speakers.relative_pronouns]
        if shouting and shouting[0].is_upper and len(shouting[0]) > 1:
            return Mention(shouting[0])  # "WHO said": the organisation, not a relative pronoun
        after = self.run_after(verb, parsed, content)
        if after is not None:
            return after
        nouns = [s for s in subjects if not s.is_punct and s.i < verb.i]
        if len(nouns) > 1 and (parsed is None or parsed in nouns):
            # "official Ashraf al-Kidra said" split in two subjects: the name and its title
            start, end = nouns[0].left_edge.i, nouns[-1].right_edge.i + 1
            names = [t for t in self.doc[start:end] if t.pos_ == "PROPN"]
            if names and names[-1].i == end - 1:
                return Mention(names[-1], (start, end))
        trailing = parsed is not None and parsed.i > verb.i  # "… said the agency adding"
        if not subjects and not trailing and verb.tag_ in self.rules.finite_tags:
            before = self.run_before(verb)
            if before is not None:
                return before
        if parsed is not None:
            return self.checked(Mention(self.unhyphenated(parsed)))
        return self.above(verb)

    def checked(self, mention: Mention) -> Mention | None:
        """No dates ("Nov 20 said") or question words as sources; a relative pronoun stands
        for the noun it follows ("the report, which said")."""
        head = mention.head
        if head.ent_type_ in self.rules.non_source_entities or self.dateline_place(head):
            return self.after_dateline(head)
        if head.lower_ in self.rules.non_sources:
            return None
        if head.lower_ in self.speakers.relative_pronouns and not head.is_upper:
            node = head.head
            while node.dep_ not in self.syntax.relative_clause_deps and node.head.i != node.i:
                if node.pos_ in ("NOUN", "PROPN"):
                    break
                node = node.head
            target = node.head if node.dep_ in self.syntax.relative_clause_deps else None
            if target is None and head.i > 0 and head.nbor(-1).pos_ in ("NOUN", "PROPN"):
                target = head.nbor(-1)
            return Mention(target) if target is not None else None
        return mention

    def above(self, verb: Token) -> Mention | None:
        """A participle or infinitive cue the parse leaves without a source ("he restated the
        plans while also saying …", "he qualified the claim to say …"): the subject of the
        nearest verb above it."""
        if verb.tag_ not in ("VBG", "VB") or verb.dep_ not in self.rules.participle_deps:
            return None  # "accused the government of knowing": the knower is the object
        node = verb.head
        for _ in range(4):
            if node.pos_ in ("VERB", "AUX"):
                subjects = [c for c in node.children if c.dep_ in self.syntax.subject_deps]
                if subjects:
                    return Mention(subjects[0])
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def after_dateline(self, date: Token) -> Mention | None:
        """ "DUBLIN, Nov 20 — Ireland's finance minister on Wednesday defended …": the parse
        takes the dateline for the subject; the source is the noun run after it."""
        doc, start = self.doc, date.i
        while start < len(doc) and (
            doc[start].ent_type_ in self.rules.non_source_entities
            or doc[start].is_punct
            or self.dateline_place(doc[start])
        ):
            start += 1
        end = start
        while end < date.sent.end and self.in_run(doc[end], after=True):
            end += 1
        while end > start and doc[end - 1].pos_ in ("ADP", "CCONJ", "DET", "PART"):
            end -= 1
        if not any(t.pos_ in ("NOUN", "PROPN") for t in doc[start:end]):
            return None
        return Mention(self.run_head(start, end), (start, end))

    def dateline_place(self, token: Token) -> bool:
        """ "KABUL," opening a sentence: the place of a dateline."""
        doc, i = self.doc, token.i
        return (
            token.is_upper
            and token.is_alpha
            and i + 1 < len(doc)
            and all(t.is_upper or t.is_punct for t in doc[token.sent.start : i + 1])
            and any(t.ent_type_ in self.rules.non_source_entities for t in doc[i + 1 : i + 4])
        )

    def unhyphenated(self, source: Token) -> Token:
        """ "The UK based Syrian Observatory said": the parser reads "UK based X" as a clause
        when the hyphen is lost; the source is the object of "based"."""
        verb = source.head
        if source.dep_ not in self.syntax.subject_deps or verb.i != source.i + 1:
            return source
        if verb.lemma_.lower() not in self.rules.hyphenless_modifiers:
            return source
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        return objects[0] if objects else source

    # -- a name right after an inverted cue: "..." said Talal al-Barazi. -------------------

    def run_after(self, verb: Token, parsed: Token | None, content: Bounds) -> Mention | None:
        if verb.lemma_.lower() not in self.rules.inversion_lemmas or content[1] > verb.i:
            return None
        if content[0] >= verb.i:
            return None
        doc, end = verb.doc, verb.i + 1
        while end < verb.sent.end and self.in_run(doc[end], after=True):
            end += 1
        if end == verb.i + 1:
            return None
        stop = doc[end] if end < len(doc) else None
        if stop is not None and not (stop.is_punct or stop.is_space) and end < verb.sent.end:
            return None
        run = doc[verb.i + 1 : end]
        if not any(t.pos_ == "PROPN" for t in run) or (parsed is not None and parsed in run):
            return None
        return Mention(self.run_head(run.start, run.end), (run.start, run.end))

    # -- a noun run right before a subjectless cue: "... the British-based Observatory said" -

    def run_before(self, verb: Token) -> Mention | None:
        doc, start = verb.doc, verb.i
        while start > verb.sent.start and doc[start - 1].pos_ == "ADV":
            start -= 1
        end = start
        while start > verb.sent.start and self.in_run(doc[start - 1], after=False):
            start -= 1
        start = self.run_start(start, end)
        if start > 0 and doc[start - 1].pos_ == "ADP":
            return None  # "the violence across the country said": an object, not a source
        if start >= end or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[start:end]):
            return None
        return Mention(self.run_head(start, end), (start, end))

    def in_run(self, token: Token, after: bool) -> bool:
        """Whether a token can belong to a source noun run read across the parse."""
        if token.ent_type_ in self.rules.run_stop_entities or "\n" in token.text:
            return False
        if token.text in "()" and self.bracketed_name(token):
            return True  # "the Syrian Observatory for Human Rights (SOHR) said"
        if token.pos_ in self.rules.run_pos or token.tag_ == "HYPH":
            return token.lower_ not in self.speakers.relative_pronouns or token.is_upper
        if token.pos_ == "VERB":  # "British-based", "state-run", "monitoring group"
            return token.dep_ in self.rules.run_modifier_deps
        nxt = token.nbor() if token.i + 1 < len(token.doc) else None
        if token.lower_ in self.rules.run_preps and nxt is not None:
            return nxt.pos_ in ("PROPN", "DET", "ADJ")
        if token.lower_ in self.rules.run_conjunctions and nxt is not None and token.i > 0:
            # "state media and activists" but not "al-Qasr and al-Sakhour official X"
            return nxt.pos_ in ("NOUN", "DET", "ADJ") and token.nbor(-1).pos_ == "NOUN"
        return False

    def bracketed_name(self, token: Token) -> bool:
        """A bracket around one proper noun: "(SOHR)"."""
        doc, i = self.doc, token.i
        if token.text == ")":
            return i >= 2 and doc[i - 2].text == "(" and doc[i - 1].pos_ == "PROPN"
        return i + 2 < len(doc) and doc[i + 2].text == ")" and doc[i + 1].pos_ == "PROPN"

    def run_start(self, start: int, end: int) -> int:
        """Where the source starts in a run of several noun phrases pressed together: at the
        last determiner that follows a noun ("monitoring group the Syrian Observatory"), or at
        a name that follows common nouns ("sarin gas Turkey's health ministry")."""
        doc = self.doc
        while start < end and (doc[start].is_punct or doc[start].pos_ in ("ADP", "CCONJ", "PART")):
            start += 1
        cut = start
        for i in range(start + 1, end):
            previous = doc[i - 1]
            new_phrase = doc[i].pos_ == "DET" and previous.pos_ not in ("ADP", "CCONJ")
            name_after_nouns = (
                doc[i].ent_iob_ == "B"
                and previous.pos_ == "NOUN"
                and all(t.pos_ in ("NOUN", "ADJ") for t in doc[cut:i])
            )
            if new_phrase or name_after_nouns:
                cut = i
        return cut

    def run_head(self, start: int, end: int) -> Token:
        """The head of a surface run: its last noun before any preposition or conjunction
        ("the Syrian Observatory for Human Rights", "the monitor and a civil defence official")."""
        head = None
        for token in self.doc[start:end]:
            if token.pos_ in ("ADP", "CCONJ") and head is not None:
                break
            if token.pos_ in ("NOUN", "PROPN"):
                head = token
        return head if head is not None else self.doc[end - 1]
