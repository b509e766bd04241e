"""What a date phrase alone does not say, read from its sentence: the tense of its clause (a weekday
in the future tense is the next such day, in a purpose infinitive under a past clause the next
one only a day or two ahead), possessive weekdays that lost their apostrophe in scraped
text ("Sundays attack"), and the year of a timeline heading ("2011: - In June ...") for the months
below it. The word lists live in models/dates.json.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from enum import StrEnum
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from claimx.rules.dates import DateRules

WORD_RE = re.compile(r"\w+")

Heading = tuple[int, int]  # (character offset, year)


class Tense(StrEnum):
    """Which way a bare weekday or month of a clause points from the publication date."""

    PAST = "past"  # and the present: the latest such day on or before publication
    FUTURE = "future"  # the next such day on or after publication
    NEAR = "near"  # a purpose infinitive under a past clause: a day or two ahead, else back


def clause_verb(token: Token, rules: DateRules) -> Token:
    """The nearest verb above a token (itself if it is one): the clause a date modifies."""
    while token.pos_ not in rules.verb_pos and token.head.i != token.i:
        token = token.head
    return token


def auxiliaries(verb: Token, rules: DateRules) -> list[Token]:
    """Tense-bearing auxiliaries ("will", "is"), not the infinitive's "to"."""
    return [c for c in verb.children if c.dep_ in rules.aux_deps and c.tag_ not in ("TO",)]


def is_present(verb: Token, rules: DateRules) -> bool:
    """Present tense: "plans", "is expected" (not "planned", "was expected")."""
    if verb.tag_ in rules.present_tags:
        return True
    return any(aux.morph.get("Tense", None) == ["Pres"] for aux in auxiliaries(verb, rules))


def clause_tense(span: Span, rules: DateRules) -> Tense:
    """The tense of a date's clause: future with "will", or with a present-tense plan governor
    ("is expected to", "plans to"). A purpose infinitive ("chartered a ship to carry them on
    Thursday", "a plan to meet on Friday") has no tense of its own: it names an event after the
    one it serves, so under a future clause it is future, else near that (recent) event: a day
    or two after publication at most."""
    verb = clause_verb(span.root, rules)
    seen, purpose = set(), False
    while verb.i not in seen:
        seen.add(verb.i)
        auxes = auxiliaries(verb, rules)
        if any(aux.lower_ in rules.future_auxiliaries for aux in auxes):
            return Tense.FUTURE
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in rules.future_governors:
            present = is_present(clause_verb(verb.head, rules), rules)  # "is expected to"
            return Tense.FUTURE if present else Tense.PAST
        if is_purpose_infinitive(verb, rules):
            purpose = True
        # A non-finite clause ("starting Friday", "and discuss on Sunday") takes the tense of the
        # clause above it; a finite one, or a past participle ("carried out on Sunday"), its own.
        elif (
            verb.tag_ in rules.finite_tags
            or auxes
            or verb.tag_ not in rules.tense_climb_tags
            or verb.dep_ not in rules.tense_climb_deps
        ):
            break
        verb = clause_verb(verb.head, rules)
    return Tense.NEAR if purpose else Tense.PAST


def is_purpose_infinitive(verb: Token, rules: DateRules) -> bool:
    """ "to carry" in "a ship to carry them", "sent troops to retake the town"."""
    if verb.tag_ not in rules.purpose_tags:
        return False  # "a claim to have tested it on Thursday": a perfect infinitive looks back
    return verb.dep_ in rules.purpose_deps and any(
        c.dep_ in rules.aux_deps and c.tag_ in rules.infinitive_tags for c in verb.children
    )


def singular_weekday(token: Token, rules: DateRules) -> str | None:
    """The weekday a possessive plural stands for ("Sundays bombardment" -> "Sunday")."""
    word = token.lower_
    if not (token.is_title and word.endswith("s") and word[:-1] in rules.weekdays):
        return None
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    if (
        after is None
        or after.pos_ not in rules.possessive_next_pos
        or before in rules.habitual_before
    ):
        return None
    return token.text[:-1]


def resolution_text(span: Span, rules: DateRules) -> str:
    """The span's text with possessive plural weekdays made singular (what gets resolved)."""
    parts = []
    for token in span:
        parts.append((singular_weekday(token, rules) or token.text) + token.whitespace_)
    return "".join(parts).strip()


def timeline_headings(doc: Doc, rules: DateRules) -> list[Heading]:
    low, high = rules.year_range
    found = ((m.start(), int(m.group(1))) for m in rules.timeline_heading.finditer(doc.text))
    return [(start, year) for start, year in found if low <= year <= high]


def timeline_anchor(
    span: Span, text: str, headings: list[Heading], published: str | None, rules: DateRules
) -> str | None:
    """The date to resolve against: the end of a timeline heading's year for a month without a
    year under an earlier year's heading ("2011: - In June"), else the publication date."""
    if not headings or not published:
        return published
    words = [word.lower() for word in WORD_RE.findall(text)]
    if not any(word in rules.months for word in words) or any(
        word in rules.modifiers or (len(word) == 4 and word.isdigit()) for word in words
    ):
        return published
    index = bisect_right(headings, (span.start_char, high_year(rules))) - 1
    if index < 0 or not published[:4].isdigit() or headings[index][1] >= int(published[:4]):
        return published  # no heading above, or it names the publication year or a later one
    return f"{headings[index][1]:04d}-12-31"


def high_year(rules: DateRules) -> int:
    return rules.year_range[1] + 1
