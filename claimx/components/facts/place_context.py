"""Context that makes a name a place: locative syntax, the article's main country, place nouns.

The small NER labels many Arabic, Kurdish or Pashto place names PERSON, ORG or PRODUCT ("Hama",
"Manbij", "Palmyra") and knows nothing of village and neighbourhood names, so these readers give
the evidence places.py weighs before it accepts a small or unlabelled place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx.components.facts.actors import alias_table
from claimx.rules.places import PlaceGrammar, build_place_grammar, normalise


@dataclass(frozen=True)
class Context:
    """Rules from places.json as sets, plus the English words of the pipeline's lemmatizer."""

    preps: frozenset[str]
    weak_preps: frozenset[str]
    not_locative: frozenset[str]
    place_nouns: frozenset[str]
    heads: dict[str, str]
    list_preps: frozenset[str]
    name_articles: frozenset[str]
    directions: frozenset[str]
    common: frozenset[str]
    groups: frozenset[str]
    grammar: PlaceGrammar  # the tokens that border a place name

    def is_common(self, text: str) -> bool:
        """An English word or stop word ("Hope", "Tell", "Of"), read as a word, not a hamlet."""
        key = normalise(text)
        return key in self.common


def build_context(
    rules: dict, nlp: Language | None, aliases: Iterable[str] | None = None
) -> Context:
    """``aliases``: the known groups' names (default: models/actors.jsonl)."""
    words: set[str] = set()
    if nlp is not None and "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            for entries in lookups.get_table("lemma_index").values():
                words.update(entries)
    if nlp is not None:
        words.update(nlp.Defaults.stop_words)
    # a known group's name ("Hamas") is the group even where a town shares it
    if aliases is None:
        aliases = [alias for _, alias, _ in alias_table()]
    groups = frozenset(normalise(alias) for alias in aliases)
    loc = rules["locative"]
    named = rules["named_by_context"]
    return Context(
        grammar=build_place_grammar(rules),
        preps=frozenset(loc["preps"]),
        weak_preps=frozenset(loc["weak_preps"]),
        not_locative=frozenset(loc["not_locative_heads"]),
        place_nouns=frozenset(loc["place_nouns"]),
        heads=dict(named["heads"]),
        list_preps=frozenset(named["list_preps"]),
        name_articles=frozenset(named["name_articles"]),
        directions=frozenset(rules["directions"]),
        common=frozenset(words) | groups,
        groups=groups,
    )


def home_country(counts: Counter[str]) -> str | None:
    """The country the article is about: the most-named one, when it leads clearly."""
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 2 and ranked[1][1] * 2 > ranked[0][1]:
        return None
    return ranked[0][0]


def first_conjunct(token: Token) -> Token:
    for _ in range(8):  # a conjunct inherits its first conjunct's role; chains are short
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


def locative(token: Token, ctx: Context) -> bool:
    """ "in X", "near X", "the town of X", "X province", "in A, B and X"."""
    token = first_conjunct(token)
    if token.dep_ == "pobj" and token.head.lower_ in ctx.preps:
        return True
    return named_place(token, ctx)


def toward(token: Token, ctx: Context) -> bool:
    """ "to X", "from X": a place after a verb of motion ("ferried to Naxos"), but a source or a
    listener after many others ("according to X", "support to X"), so weaker evidence."""
    token = first_conjunct(token)
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in ctx.weak_preps:
        return False
    return not {prep.head.lemma_.lower(), prep.head.lower_} & ctx.not_locative


def named_place(token: Token, ctx: Context) -> bool:
    """A place noun names it: "the town of X", "X province", "X, a village" (stronger evidence
    than a preposition, which also takes people: "at Clinton's side")."""
    token = first_conjunct(token)
    head = token.head
    if token.dep_ == "pobj":
        return head.lower_ == "of" and head.head.lemma_.lower() in ctx.place_nouns
    if token.dep_ in ctx.grammar.place_noun_deps:
        return head.lemma_.lower() in ctx.place_nouns
    return False


def name_run(doc: Doc, end: int, ctx: Context) -> tuple[int, int] | None:
    """The proper name ending just before ``end``: capitalised words, Arabic articles and hyphens
    ("al-Hamadaniyeh", "Bani Zaid", "Jamiyat al Zahra"); None when there is none."""
    start = end
    while start > 0:
        token = doc[start - 1]
        text = token.text
        capital = text[:1].isupper() and token.is_alpha and token.ent_type_ not in ("DATE", "TIME")
        joiner = text in ("-", "'") and start - 1 > 0
        if not (capital or ((joiner or token.lower_ in ctx.name_articles) and start < end)):
            break
        start -= 1
    while start < end and doc[start].text in ("-", "'"):
        start += 1
    if start >= end or not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    if doc[start].is_sent_start and end - start == 1 and ctx.is_common(doc[start].text):
        return None
    return start, end


def named_by_context(doc: Doc, taken: set[int], ctx: Context) -> list[tuple[int, int, str, Token]]:
    """Unknown names a place noun marks: "X neighborhood", "the village of X, Y and Z".
    Returns (start, end, kind, head noun) for names not already taken by another location."""
    out = []
    for token in doc:
        kind = ctx.heads.get(token.lemma_.lower())
        if kind is None or (token.pos_ != "NOUN" and not token.text[:1].isupper()):
            continue
        if token.dep_ == "compound":
            continue  # "an MSNBC town hall": the noun names no place here
        if token.text[:1].isupper() and kind != "street":
            continue  # "Syrian Towns Resumes": a headline's capitals, not a name
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.text[:1].isupper() and after is not None and after.text[:1].isupper():
            continue  # "Wall Street Journal": the street names something longer
        spans = [name_run(doc, token.i, ctx)]
        objects = [
            obj
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in ctx.list_preps
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
        following = name_after(doc, token.i + 1, ctx)  # "two villages Foua and Kafarya"
        if following is not None:
            spans.append(following)
            objects.append(doc[following[1] - 1])
        for obj in objects:
            spans += [name_run(doc, t.i + 1, ctx) for t in (obj, *obj.conjuncts)]
        for start, end in {s for s in spans if s is not None}:
            if ctx.is_common(doc[start:end].text) or taken.intersection(range(start, end)):
                continue
            if end - start == 1 and doc[start].ent_type_ == "NORP":
                continue  # "Kurdish neighbourhoods"
            if start > 0 and start - 1 != token.i and doc[start - 1].pos_ == "NOUN":
                continue  # "official Ibrahim Abu al-Laith": a title before a name makes a person
            out.append((start, end, kind, token))
    return out


def name_after(doc: Doc, start: int, ctx: Context) -> tuple[int, int] | None:
    """The proper name that starts at ``start`` ("villages Foua ..."), if one does."""
    end = start
    while end < len(doc) and (doc[end].text[:1].isupper() and doc[end].is_alpha):
        end += 1
    if end == start:
        return None
    return name_run(doc, end, ctx)


def direction_of(doc: Doc, start: int, ctx: Context) -> Span | None:
    """ "eastern" in "eastern Ukraine": the lower-case compass adjective before a country."""
    if start == 0:
        return None
    token = doc[start - 1]
    if token.lower_ in ctx.directions and token.text.islower():
        return doc[start - 1 : start]
    return None
