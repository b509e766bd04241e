"""Finding each cue's source and content in the parse, by the handler its frame names."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from claimx.components.keys import CUES_KEY
from claimx.components.quoted import covering_quote, quote_after, quote_before, trim_quote
from claimx.components.spanindex import SpanIndex
from claimx.components.speakers import SpeakerInfo
from claimx.components.syntax import (
    Bounds,
    CueVerbs,
    clause_bounds,
    content_head,
    extended_content,
    gapped_relative_content,
    inverted_content,
    is_agentless_passive,
    is_question,
    noun_cue_source,
    noun_phrase,
    only_questions,
    parenthetical_parts,
    phrase_root,
    quoted_as_source,
    set_off_subject,
    source_after,
    source_before,
    subject_of,
    trim,
    with_stranded_number,
)
from claimx.rules.attribution import Frame, Handler, SyntaxRules
from claimx.rules.speakers import SpeakerRules


@dataclass(frozen=True)
class Draft:
    """A claim before ids are given: token bounds of its cue, content and source."""

    cue: Span
    rule: str
    content: Bounds
    source: Token | None
    content_head: Token | None = None
    speaker: SpeakerInfo | None = None
    via: SpeakerInfo | None = None
    parts: tuple[Bounds, ...] = ()  # set when the content is several quotes ("A," he said. "B.")


class DraftFinder:
    """The drafts of one Doc's cues under one set of frames (models/frames.json) and speaker
    rules; reads the parse, the cue spans and the quote index, writes nothing."""

    def __init__(
        self, frames: dict[str, Frame], syntax: SyntaxRules, speaker_rules: SpeakerRules
    ) -> None:
        self.frames = frames
        self.syntax = syntax
        self.speaker_rules = speaker_rules

    def find(self, doc: Doc, quotes: SpanIndex[Span]) -> list[Draft]:
        """One draft per cue that has a source and a stated content, in content order."""
        cues = [c for c in doc.spans[CUES_KEY] if covering_quote(quotes, c.start, c.end) is None]
        cue_verbs = CueVerbs(c for c in cues if self.frames[c.label_].handler == Handler.VERB)
        handlers = {
            Handler.VERB: self.verb_draft,
            Handler.SOURCE_PHRASE: self.source_phrase_draft,
            Handler.HEADLINE_COLON: self.headline_colon_draft,
            Handler.NOUN: self.noun_draft,
        }
        drafts: dict[tuple[Bounds, int], Draft] = {}
        for cue in cues:
            frame = self.frames[cue.label_]
            draft = handlers[frame.handler](doc, cue, frame, quotes, cue_verbs)
            # a claim needs a source: "the toll was expected to rise" is the journalist's own
            if draft is None or draft.source is None or draft.content[1] <= draft.content[0]:
                continue
            if only_questions(doc, draft.content, self.syntax):
                continue
            # two cues over one content ("X said …, according to Reuters") are two claims
            drafts.setdefault((draft.content, draft.source.i), draft)
        return sorted(drafts.values(), key=lambda d: d.content)

    def verb_draft(
        self, doc: Doc, cue: Span, frame: Frame, quotes: SpanIndex[Span], cue_verbs: CueVerbs
    ) -> Draft | None:
        verb = cue[0]
        source = self.source_of(verb, cue_verbs)
        own = {t.i for t in source.subtree} if source is not None else set()
        head = content_head(verb, frame, self.syntax)
        quote = (
            self.adjacent_quote(doc, verb, frame, head, quotes, own)
            if frame.quote_adjacent
            else None
        )
        if quote is not None:
            content = self.with_lead_in(doc, trim_quote(doc, quote), verb, cue_verbs)
            return Draft(cue, cue.id_, content, source)
        trailing = self.trailing_source(doc, verb, frame, head)
        if trailing is not None:
            return replace(trailing, cue=cue, rule=cue.id_)
        if source is None and head is not None and head.i < verb.i:
            found = source_before(doc, verb, self.syntax)
            if found is not None:
                content = trim(doc, (head.left_edge.i, found[0]), self.syntax)
                return Draft(cue, cue.id_, content, phrase_root(doc, found), content_head=head)
        if head is None and self.reported_by_another(verb, cue_verbs):
            return None
        if head is not None and is_question(head, self.syntax):
            return None
        bounds = self.reported_clause(doc, verb, head, frame, cue_verbs)
        if bounds is None:
            return self.parenthetical_draft(doc, cue, frame, source)
        return Draft(
            cue,
            cue.id_,
            trim(doc, with_stranded_number(doc, bounds), self.syntax),
            source,
            content_head=head,
        )

    def adjacent_quote(
        self, doc: Doc, verb: Token, frame: Frame, head: Token | None,
        quotes: SpanIndex[Span], own: set[int],
    ) -> Span | None:  # fmt: skip
        """The quote right after the cue, else (when the cue reports no clause after it) the
        quote right before it, outside the source's own words."""
        gap = self.syntax.quote_gap_max_tokens
        quote = quote_after(doc, verb, quotes, gap, self.syntax)
        if quote is None and (head is None or head.i < verb.i):
            quote = quote_before(doc, verb, quotes, own, gap, self.syntax)
        return quote

    def reported_clause(
        self, doc: Doc, verb: Token, head: Token | None, frame: Frame, cue_verbs: CueVerbs
    ) -> Bounds | None:
        """The token bounds of the clause a cue verb reports, or None when it has none."""
        if head is not None:
            start, end = head.left_edge.i, head.right_edge.i + 1
            nested = [
                doc[i].left_edge.i
                for i in cue_verbs.within(start, end)
                if doc[i].dep_ in self.syntax.clause_modifier_deps
            ]
            bounds = extended_content(verb, head, clause_bounds(head, nested), frame, self.syntax)
            if head.i > verb.i > bounds[0]:  # "which the army said [was false]"
                bounds = (verb.i + 1, bounds[1])
            return bounds
        if frame.inverted:
            return gapped_relative_content(verb, self.syntax) or inverted_content(
                verb, frame, self.syntax
            )
        return None

    def parenthetical_draft(
        self, doc: Doc, cue: Span, frame: Frame, source: Token | None
    ) -> Draft | None:
        """ "The permit, his campaign said, had been hard to get": the content on both sides."""
        parts = [trim(doc, p, self.syntax) for p in parenthetical_parts(cue[0], frame, self.syntax)]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            return None
        content = (parts[0][0], parts[-1][1])
        return Draft(cue, cue.id_, content, source, parts=tuple(parts) if len(parts) > 1 else ())

    def with_lead_in(self, doc: Doc, content: Bounds, verb: Token, cue_verbs: CueVerbs) -> Bounds:
        """ "The council has not “shouldered its responsibilities,” he said": words of the same
        sentence before a quote that ends just before the cue belong to the (mixed) content."""
        sentence = doc[content[0]].sent
        lead = doc[sentence.start : content[0]]
        if sentence != verb.sent or not any(t.is_alpha for t in lead):
            return content
        if any(t.i in cue_verbs or t.text == ":" for t in lead):
            return content  # "X said: “…”" — the lead-in is an attribution of its own
        return trim(doc, (sentence.start, content[1]), self.syntax)

    def trailing_source(
        self, doc: Doc, verb: Token, frame: Frame, head: Token | None
    ) -> Draft | None:
        """ "… killed 40 people said the monitor": a source after a cue that ends the clause
        it reports; the clause before the cue is the content."""
        found = source_after(doc, verb, self.syntax) if frame.trailing_source else None
        if found is None or any(t.i < verb.i and t.dep_ == "mark" for t in verb.children):
            return None
        if head is not None and head.i > found[1]:
            return None  # the clause after the phrase is what was said
        content = trim(doc, (verb.sent.start, verb.i), self.syntax)
        if content[1] <= content[0]:
            return None
        return Draft(verb.doc[verb.i : verb.i + 1], "", content, phrase_root(doc, found))

    def reported_by_another(self, verb: Token, cue_verbs: CueVerbs) -> bool:
        """ "X said the army had responded": the second cue is the reported clause of the first,
        not a cue following its own content."""
        governor = cue_verbs.get(verb.head.i)
        if governor is None or verb.head.i > verb.i:
            return False
        return verb.dep_ in self.frames[governor.label_].content_deps

    def source_phrase_draft(
        self, doc: Doc, cue: Span, frame: Frame, quotes: SpanIndex[Span], cue_verbs: CueVerbs
    ) -> Draft | None:
        """ "according to X": X is the source, the rest of the sentence the content."""
        objects = [c for c in cue[-1].children if c.dep_ == "pobj"]
        if not objects:
            return None
        sentence = cue.sent
        phrase_start, phrase_end = cue.start, max(cue.end, objects[0].right_edge.i + 1)
        before, after = (sentence.start, phrase_start), (phrase_end, sentence.end)
        bounds = before if before[1] - before[0] > after[1] - after[0] else after
        words = [t for t in doc[phrase_start : sentence.end] if not t.is_space]
        lead = any(t.is_alpha for t in doc[sentence.start : phrase_start])
        if not lead and words[-1].text == ":" and sentence.end < len(doc):
            bounds = (sentence.end, doc[sentence.end].sent.end)  # "According to X:" ⏎ what X said
        return Draft(cue, cue.id_, trim(doc, bounds, self.syntax), objects[0])

    def noun_draft(
        self, doc: Doc, cue: Span, frame: Frame, quotes: SpanIndex[Span], cue_verbs: CueVerbs
    ) -> Draft | None:
        """ "the army's claim that …", "reports from officials that …", "Trump's claim of
        victory": a noun cue with a named source and a stated content."""
        noun = cue[0]
        source = noun_cue_source(noun, frame)
        if source is None:
            return None
        clause = next((c for c in noun.children if c.dep_ in frame.content_deps), None)
        if clause is not None and clause.i > noun.i:
            return Draft(
                cue,
                cue.id_,
                trim(doc, (clause.left_edge.i, clause.right_edge.i + 1), self.syntax),
                source,
            )
        if any(c.dep_ == "prep" and c.lower_ in frame.content_preps for c in noun.children):
            # the claim is named, not stated: the whole noun phrase stands for it
            return Draft(
                cue, cue.id_, trim(doc, noun_phrase(noun, self.syntax), self.syntax), source
            )
        return None

    def headline_colon_draft(
        self, doc: Doc, cue: Span, frame: Frame, quotes: SpanIndex[Span], cue_verbs: CueVerbs
    ) -> Draft | None:
        """ "Trump: I will win" — a short verbless noun phrase, a colon, then what it says."""
        sentence = cue.sent
        source_tokens = [t for t in doc[sentence.start : cue.start] if not t.is_space]
        if not 0 < len(source_tokens) <= frame.max_source_tokens:
            return None
        if any(t.pos_ in ("VERB", "AUX") for t in source_tokens):
            return None
        if not any(t.pos_ in ("VERB", "AUX") for t in doc[cue.end : sentence.end]):
            return None  # "Date: 2026-03-15" is a label, not a statement
        nouns = [t for t in source_tokens if t.pos_ in ("PROPN", "NOUN", "PRON")]
        if not nouns:
            return None
        # the noun phrase's own head is the noun whose head lies outside it
        outside = [
            t for t in nouns if not sentence.start <= t.head.i < cue.start or t.head.i == t.i
        ]
        source = outside[0] if outside else nouns[-1]
        end = sentence.end
        return Draft(cue, cue.id_, trim(doc, (cue.end, end), self.syntax), source)

    def source_of(self, verb: Token, cue_verbs: CueVerbs) -> Token | None:
        """The source of a cue verb; a participle or coordinated cue with no subject of its own
        takes the source of the cue it depends on, else the nearest subject above it."""
        quoted = quoted_as_source(verb, self.syntax)
        if quoted is not None:
            return quoted
        chosen = self.subject_source(verb, subject_of(verb, self.syntax))
        if chosen is not None:
            return chosen
        if is_agentless_passive(verb, self.syntax):
            return None
        if (
            self.frames[cue_verbs[verb.i].label_].participle_source
            and verb.dep_ in self.syntax.participle_source_deps
            and verb.tag_ in self.syntax.participle_source_tags
            and verb.head.pos_ in ("NOUN", "PROPN")
        ):
            return verb.head  # "officials warning that …": the noun the participle describes
        set_off = set_off_subject(verb, self.syntax)
        if set_off is not None:
            return set_off
        node, nearest = verb, None
        while node.dep_ in self.syntax.inherit_subject_deps and node.head.i != node.i:
            node = node.head
            if node.i in cue_verbs:
                return self.source_of(node, cue_verbs)
            nearest = nearest or subject_of(node, self.syntax)
        return nearest

    def subject_source(self, verb: Token, subject: Token | None) -> Token | None:
        """The source among a cue verb's subjects: a relative word stands for the noun the
        clause describes, and of several subjects the one after the cue is the speaker."""
        others = [
            c
            for c in verb.children
            if c.dep_ in self.syntax.subject_deps
            and c.lower_ not in self.speaker_rules.relative_pronouns
        ]
        inverted = [c for c in others if c.i > verb.i]
        if len(others) > 1 and inverted:
            # text run together ("… the sect of President Assad said Barazi") gives the cue
            # several subjects: the one after it is the speaker, the others end the content
            return inverted[0]
        if subject is None:
            return None
        if others:
            return others[0]  # "agreements that [the UN] says …": not the relative word
        if (
            subject.lower_ in self.speaker_rules.relative_pronouns
            and verb.dep_ in self.syntax.relative_clause_deps
        ):
            return verb.head
        return subject
