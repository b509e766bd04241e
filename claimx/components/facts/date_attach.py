"""Which dates outside a claim's content belong to its cue: the time of the saying ("said on
Sunday"), read from the cue's sentence only (found by bisection, so the cost stays linear). The
dependency labels and tags the rules follow are in models/dates.json ("about_attachment").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter

from spacy.tokens import Span, Token

from claimx.components.facts.date_context import clause_verb
from claimx.components.keys import DATE_EXT
from claimx.rules.dates import DateRules, date_rules

START = attrgetter("start")


def is_participle(verb: Token, rules: DateRules) -> bool:
    return verb.dep_ in rules.participle_deps and verb.tag_ in rules.participle_tags


def time_clauses(cue: Token, dated: set[int], rules: DateRules) -> set[int]:
    """The cue's clause and the clauses above it whose time it shares: a cue in a reported clause
    ("Pence said last week that the administration believes") or a participle after its clause
    ("said today ..., insisting that"), up to the first clause with a date of its own ("confirmed
    on Tuesday that officials had warned in September": the warning has its own time)."""
    verb = clause_verb(cue, rules)
    found = {verb.i}
    while verb.i not in dated and (
        verb.dep_ in rules.shared_time_deps or is_participle(verb, rules)
    ):
        participle = is_participle(verb, rules)
        verb = clause_verb(verb.head, rules)
        if participle and verb.dep_ in rules.shared_time_deps:
            # "said rebels attacked on Sunday, adding that": the parse hangs the participle on
            # the reported clause; it belongs to the reporting one.
            verb = clause_verb(verb.head, rules)
        if verb.i in found:
            break
        found.add(verb.i)
    return found


def in_clauses(date: Span, clauses: set[int], cue: Span, rules: DateRules) -> bool:
    """The date modifies one of those clauses, or the clause the cue reports where the content
    was cut short ("activists said [they] were the biggest since the uprising erupted in
    mid-March")."""
    verb = date_clause(date, rules)
    return verb.i in clauses or (verb.dep_ in rules.reported_deps and verb.head.i == cue.root.i)


def date_clause(date: Span, rules: DateRules) -> Token:
    """The clause a date modifies, above participles that only describe a noun ("said in a
    statement released on Sunday": the statement's time is the saying's)."""
    verb = clause_verb(date.root, rules)
    while verb.dep_ in rules.reduced_relative_deps and verb.tag_ in rules.reduced_relative_tags:
        above = clause_verb(verb.head, rules)
        if above.i == verb.i:
            break
        verb = above
    return verb


def fronted(date: Span, cue: Span, rules: DateRules) -> bool:
    """A date before the cue with only the source between them ("US officials on Wednesday said",
    "Earlier on Tuesday the coalition called")."""
    if date.end > cue.start or in_other_clause(date, rules):
        return False
    return not any(clause_boundary(t, rules) for t in date.doc[date.end : cue.start])


def in_other_clause(date: Span, rules: DateRules) -> bool:
    """A relative clause ("The minister, who was appointed in 2012, said") or a reported one
    ("said rebels attacked on Sunday, adding"): the date is that clause's."""
    verb = clause_verb(date.root, rules)
    if date.start <= verb.i < date.end:
        return False  # the date itself read as a verb ("Tuesdays briefing")
    relative = any(child.tag_ in rules.relative_tags for child in verb.children)
    return relative or verb.dep_ in rules.reported_deps


def clause_boundary(token: Token, rules: DateRules) -> bool:
    """A verb, or a conjunction joining clauses ("Rebels attacked on Sunday and the army said")."""
    if token.pos_ in rules.verb_pos:
        return True
    return token.dep_ in rules.clause_join_deps and token.head.pos_ in rules.verb_pos


def cue_dates(found: Sequence[Span], cue: Span) -> list[Span]:
    """Dates of the cue's clause. ``found``: the document's date spans in text order."""
    rules = date_rules()
    sentence = cue.root.sent
    first = bisect_left(found, sentence.start, key=START)
    last = bisect_left(found, sentence.end, key=START)
    local = [found[i] for i in range(first, last)]
    dated = {date_clause(d, rules).i for d in local}
    clauses = time_clauses(cue.root, dated, rules)
    picked = [d for d in local if in_clauses(d, clauses, cue, rules)]
    # The two rules below read word order, not the parse: only dates that resolved ("Gil Yair,
    # 39, said" is an age the NER tags DATE).
    resolved = [d for d in local if d._.get(DATE_EXT) is not None and d not in picked]
    picked += [d for d in resolved if fronted(d, cue, rules)]
    if not picked and is_participle(cue.root, rules):
        # A parse that hangs the participle elsewhere: the latest date before it in its sentence,
        # unless that date is inside what someone else reports ("said rebels attacked on Sunday,
        # adding": Sunday is the attack's time, not the saying's).
        before = [d for d in resolved if d.end <= cue.start]
        picked = [d for d in before if date_clause(d, rules).dep_ not in rules.reported_deps][-1:]
    return picked
