"""Dependency-tree helpers for attribution: subjects, noun phrases, content clauses, quotes.

The label sets a rule author tunes (which dependencies are subjects, clauses, noun-phrase cuts,
which tags mark a question or a set-off clause) come from the ``syntax`` section of
models/frames.json. What stays inline is how the walk itself reads English: a preposition's
object is ``pobj``, a noun is NOUN or PROPN, a verb is VERB or AUX, a conjunction is ``cc`` or
``conj``; changing those would change the algorithm, not a rule.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from claimx.rules.attribution import Frame, SyntaxRules

Bounds = tuple[int, int]  # token start, token end (exclusive)


def is_agentless_passive(verb: Token, rules: SyntaxRules) -> bool:
    """ "Passengers were told to …": the told-ones are not the source, and nobody is named."""
    deps = {child.dep_ for child in verb.children}
    if deps & rules.agent_deps:
        return False
    # "Asked about the raid, the ministry said …": the ministry was asked, it did not ask
    participle = (
        verb.dep_ in rules.passive_participle_deps and verb.tag_ in rules.passive_participle_tags
    )
    return participle or bool(deps & rules.passive_subject_deps)


def subject_of(verb: Token, rules: SyntaxRules) -> Token | None:
    """The grammatical source of ``verb``: its active subject or the agent of a passive."""
    for child in verb.children:
        if child.dep_ in rules.subject_deps:
            return child
    for child in verb.children:
        if child.dep_ in rules.agent_deps:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def noun_phrase(head: Token, rules: SyntaxRules) -> Bounds:
    """Token bounds of the noun phrase headed by ``head``, without clauses or appositions
    at any depth ("a committee of doctors that tracks casualties" → "a committee of doctors")."""
    kept = {head.i}
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in rules.noun_phrase_cut_deps:
                kept.add(child.i)
                stack.append(child)
    start = end = head.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    return start, end + 1


def trim(doc: Doc, bounds: Bounds, rules: SyntaxRules) -> Bounds:
    """Drop punctuation, spaces, conjunctions and a leading complementizer from the edges."""
    start, end = bounds
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].pos_ in rules.edge_word_pos
    ):
        start += 1
    # "… east of the city on Saturday and": a conjunction left by a cut clause ends nothing
    while end > start and (
        doc[end - 1].is_space or _is_trailing_punct(doc[end - 1]) or doc[end - 1].pos_ == "CCONJ"
    ):
        end -= 1
    return start, end


def _is_trailing_punct(token: Token) -> bool:
    return token.is_punct and not token.is_quote and token.text not in (")", "]")


class CueVerbs(dict[int, Span]):
    """The verb cues of a Doc by token position, with the positions sorted so that the cues
    inside a clause are found by bisection (a scan per cue would grow with the square of the
    article's length)."""

    def __init__(self, cues: Iterable[Span]) -> None:
        super().__init__((cue.start, cue) for cue in cues)
        self.positions = sorted(self)

    def within(self, start: int, end: int) -> list[int]:
        return self.positions[bisect_left(self.positions, start) : bisect_left(self.positions, end)]


def with_stranded_number(doc: Doc, bounds: Bounds) -> Bounds:
    """A content that ends on a preposition with no object takes back the number the parser
    hung on the next clause: "reported a toll of [eight] while the monitor gave ..."."""
    start, end = bounds
    last = doc[end - 1] if end > start else None
    if last is None or last.dep_ != "prep" or any(True for _ in last.children):
        return bounds
    while end < len(doc) and doc[end].like_num:
        end += 1
    return start, end


def clause_bounds(head: Token, stop_at: Iterable[int] = ()) -> Bounds:
    """The subtree of ``head``, cut before the first of ``stop_at`` that falls inside it."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    for index in sorted(stop_at):
        if start < index < end:
            return start, index
    return start, end


def content_head(verb: Token, frame: Frame, rules: SyntaxRules) -> Token | None:
    """The head of the reported clause: a content dependent (right of the cue first); failing
    that, a fallback dependent ("endorsed her", "declined to comment")."""
    candidates = [c for c in verb.children if c.dep_ in frame.content_deps]
    # "accused [the rebels [of shelling …]]": the parser may hang the preposition on the object
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    preps = [c for h in holders for c in h.children if c.dep_ == "prep"]
    for prep in (c for c in preps if c.lower_ in frame.content_preps):
        candidates.extend(
            c
            for c in prep.children
            if c.dep_ in rules.prep_object_deps and c.ent_type_ not in frame.prep_skip_entities
        )
    if not candidates:
        candidates = [
            c
            for c in verb.children
            if c.dep_ in frame.fallback_deps and c.pos_ not in frame.fallback_skip_pos
        ]
    if not candidates:
        return None
    candidates.sort(key=lambda c: c.i)
    after = [c for c in candidates if c.i > verb.i]
    return after[0] if after else candidates[-1]


def inverted_content(verb: Token, frame: Frame, rules: SyntaxRules) -> Bounds | None:
    """Content of a trailing cue ("..., the ministry confirmed"): the clause before it."""
    if frame.inverted and is_trailing_relative(verb, rules):
        # "… killed six people the monitor said": no comma, so the parser read a relative clause
        start, end = verb.sent.start, verb.left_edge.i
        return (start, end) if end > start else None
    if not frame.inverted or verb.dep_ not in rules.inverted_cue_deps or verb.i < verb.head.i:
        return None
    start, end = verb.head.left_edge.i, verb.left_edge.i
    return (start, end) if end > start else None


def parenthetical_parts(verb: Token, frame: Frame, rules: SyntaxRules) -> list[Bounds]:
    """Content around a cue set off inside its clause ("the permit, his campaign said, had been
    hard to get"): the clause before the cue and the clause after it, as two parts."""
    if not frame.inverted or verb.dep_ not in rules.inverted_cue_deps or verb.i > verb.head.i:
        return []
    if subject_of(verb, rules) is None:
        return []  # "Speaking after the debate, Daly told …" is a scene, not an attribution
    head = verb.head
    before = (head.left_edge.i, verb.left_edge.i)
    after = (verb.right_edge.i + 1, head.right_edge.i + 1)
    return [before, after] if before[1] > before[0] and after[1] > after[0] else []


def extended_content(
    verb: Token, head: Token, bounds: Bounds, frame: Frame, rules: SyntaxRules
) -> Bounds:
    """Widen the content over later dependents of the cue that continue it in the same verb
    form with no subject ("of striking a bazaar …, as well as violating the airspace")."""
    start, end = bounds
    prep = head.head
    if head.dep_ in rules.prep_object_deps and any(c.dep_ == "conj" for c in prep.children):
        end = max(end, prep.right_edge.i + 1)  # "of shelling the town and of looting shops"
    for child in verb.children:  # … or the second "of" hangs on the cue itself
        between = verb.doc[end : child.i]
        joined = all(t.dep_ == "cc" or t.is_punct for t in between) and len(between) > 0
        if child.dep_ == "prep" and child.lower_ in frame.content_preps and joined:
            end = child.right_edge.i + 1
    for child in verb.children:
        if child.dep_ not in frame.extend_deps or child.i < end or child.tag_ != head.tag_:
            continue
        if subject_of(child, rules) is None:
            end = max(end, child.right_edge.i + 1)
    return start, with_complements(verb, head, end, frame)


def with_complements(verb: Token, head: Token, end: int, frame: Frame) -> int:
    """Stretch the content over what completes it right after it: "called [his remarks]
    [a wake-up call]", "described [Clinton] [as a disgrace]", "called on [X] [to resign]"."""
    for child in verb.children:
        if child.i <= head.i or child.right_edge.i < end:
            continue
        is_prep = child.dep_ == "prep" and child.lower_ in frame.complement_preps
        if child.left_edge.i != end or not (is_prep or child.dep_ in frame.complement_deps):
            break
        end = child.right_edge.i + 1
    return end


def source_before(doc: Doc, verb: Token, rules: SyntaxRules) -> Bounds | None:
    """A bare noun phrase ending right before a cue that has no subject of its own: FA-KES
    text lost its commas ("… six people on Friday state television said"), and the parser then
    hangs the source inside the reported clause. It starts at a determiner (a coordinated one
    goes on: "the army and a police official"), a date or number ends it."""
    first, end = verb.sent.start, verb.i
    if end - 1 <= first or doc[end - 1].pos_ not in ("PROPN", "NOUN"):
        return None
    start, j, head = end - 1, end - 2, False
    while j > first and end - j <= rules.source_phrase_max_tokens:
        token = doc[j]
        if token.ent_type_ in rules.source_phrase_stop_entities:
            break
        if token.pos_ in rules.source_phrase_start_pos:
            start = j
            if doc[j - 1].pos_ not in rules.source_phrase_coordinator_pos:
                break
            j, head = j - 2, True  # the coordinated phrase ends on its own head noun
            continue
        # a noun inside the phrase modifies the next one ("state television"); any other noun
        # ends the reported clause ("killed three civilians residents said")
        inner = (
            token.pos_ in rules.source_phrase_pos or token.dep_ in rules.source_phrase_modifier_deps
        )
        if not (inner or head or token.lower_ in rules.source_phrase_joiners):
            break
        start, j, head = j, j - 1, False
    while start < end and doc[start].lower_ in rules.source_phrase_joiners:
        start += 1
    return (start, end) if first < start < end else None


def phrase_root(doc: Doc, bounds: Bounds) -> Token:
    """The token of a span whose head lies outside it (the first such)."""
    start, end = bounds
    return next((t for t in doc[start:end] if not start <= t.head.i < end), doc[end - 1])


def quoted_as_source(verb: Token, rules: SyntaxRules) -> Token | None:
    """ "The minister was quoted as saying …", "the agency reported a source as saying …": the
    one quoted is the object or passive subject of the verb the "as" phrase hangs from."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in rules.quoted_as_preps or prep.head.i == prep.i:
        return None
    return next((c for c in prep.head.children if c.dep_ in rules.quoted_as_source_deps), None)


def source_after(doc: Doc, verb: Token, rules: SyntaxRules) -> Bounds | None:
    """A bare noun phrase right after a trailing cue, ending the sentence or followed by a
    participle ("… killed 40 people said the monitor adding that …", "… said Karimi."): the
    text lost its comma and the parser takes the phrase for an object or another subject."""
    sentence = verb.sent
    start = verb.i + 1
    if start >= sentence.end or verb.i - sentence.start < 3:
        return None
    if verb.tag_ not in rules.trailing_source_tags:
        return None
    first = doc[start]
    if first.pos_ not in (*rules.source_phrase_start_pos, "PROPN") or first.ent_type_ in (
        rules.source_phrase_stop_entities
    ):
        return None
    end = start + 1
    while end < sentence.end and end - start < rules.source_phrase_max_tokens:
        token = doc[end]
        inner = (
            token.pos_ in rules.source_phrase_pos or token.dep_ in rules.source_phrase_modifier_deps
        )
        if not (inner or token.pos_ == "NOUN" or token.lower_ in rules.source_phrase_joiners):
            break
        end += 1
    after = doc[end] if end < sentence.end else None
    if after is not None and not (after.is_punct or after.tag_ == "VBG"):
        return None
    if doc[end - 1].pos_ not in ("PROPN", "NOUN"):
        return None
    return start, end


def is_trailing_relative(verb: Token, rules: SyntaxRules) -> bool:
    """A relative clause with no relative word and a subject of its own, closing its sentence."""
    if verb.dep_ not in rules.trailing_relative_deps or subject_of(verb, rules) is None:
        return False
    if any(t.tag_ in rules.relative_word_tags or t.dep_ == "mark" for t in verb.subtree):
        return False
    rest = verb.doc[verb.right_edge.i + 1 : verb.sent.end]
    return all(t.is_punct or t.is_space for t in rest)


def is_question(head: Token, rules: SyntaxRules) -> bool:
    """An embedded question is not a claim ("did not say [what agent was used]", "has not said
    [whether it will …]")."""
    if any(c.dep_ == "mark" and c.lower_ in rules.question_marks for c in head.children):
        return True
    return head.left_edge.tag_ in rules.question_word_tags and head.left_edge.i > head.head.i


def only_questions(doc: Doc, bounds: Bounds, rules: SyntaxRules) -> bool:
    """A content whose every sentence ends in a question mark asks, it does not claim
    ("“Who will pay for the damage?” the mayor asked")."""
    words = [t for t in doc[bounds[0] : bounds[1]] if not (t.is_space or t.is_quote)]
    ends = [t.text for t in words if t.text in rules.sentence_end_marks]
    return (
        bool(words)
        and words[-1].text in rules.question_end_marks
        and (all(end in rules.question_end_marks for end in ends))
    )


def gapped_relative_content(verb: Token, rules: SyntaxRules) -> Bounds | None:
    """ "agreements that the UN says [have hindered aid]": a cue inside a relative clause whose
    reported verb lost its subject to the relative word; the parser hangs that verb elsewhere."""
    if verb.dep_ not in rules.relative_clause_deps or verb.i + 1 >= verb.sent.end:
        return None
    following = verb.doc[verb.i + 1]
    if following.pos_ not in ("AUX", "VERB"):
        return None
    reported = following if following.pos_ == "VERB" else following.head
    if reported.i <= verb.i or reported.pos_ not in ("AUX", "VERB"):
        return None
    return verb.i + 1, max(reported.right_edge.i, following.i) + 1


def noun_cue_source(noun: Token, frame: Frame) -> Token | None:
    """The source of a noun cue: its possessor ("the army's claim") or the object of a source
    preposition ("reports from officials"); a pronoun is too vague to stand alone."""
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in frame.source_preps):
        source = source or next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None if source is None or source.pos_ == "PRON" else source


def set_off_subject(verb: Token, rules: SyntaxRules) -> Token | None:
    """ "Holohan, asked whether …, said …": the parser makes the speaker the subject of the
    participle set off before the cue. A subject, a comma, then that participle: the cue's."""
    for clause in verb.children:
        if clause.i > verb.i or clause.dep_ not in rules.set_off_clause_deps:
            continue
        if clause.tag_ not in rules.set_off_clause_tags:
            continue
        subject = subject_of(clause, rules)
        after = subject.right_edge.i + 1 if subject is not None else None
        if after is not None and after + 1 == clause.i and verb.doc[after].text == ",":
            return subject
    return None
