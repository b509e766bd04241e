"""The ``grammar`` section of models/quantities.json: the labels the quantity finder follows."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from claimx.errors import PatternError
from claimx.rules.assets import Field, check_record, key_line, key_where, load_json_text


@dataclass(frozen=True)
class QuantityGrammar:
    """Which tokens count as nouns, modifiers of a counted noun, plurals, and the roles a counted
    phrase can play for the verb that gives its event."""

    noun_pos: frozenset[str]  # a counted noun ("20 people", "scores of Syrians")
    modifier_deps: frozenset[str]  # how a number hangs on the noun it counts
    plural_tags: frozenset[str]  # "two soldiers", not "two-day"
    coordinated_tags: frozenset[str]  # words after "and" that still belong to the counted phrase
    object_deps: frozenset[str]  # the count is what the verb affects ("killed 20")
    subject_deps: frozenset[str]  # the count is the verb's subject ("20 died")
    clause_deps: frozenset[str]  # a clause on the counted noun ("20 people killed in …")


SCHEMA = {
    "about": Field((str,)),
    **{f.name: Field((list,), required=True, items=str) for f in fields(QuantityGrammar)},
}


@cache
def quantity_grammar() -> QuantityGrammar:
    data, text = load_json_text("quantities.json", "quantities")
    section = data.get("grammar")
    if not isinstance(section, dict):
        raise PatternError("models/quantities.json:1: missing object 'grammar'")
    check_record(section, SCHEMA, key_where("quantities.json", text, key_line(text, "grammar")))
    return QuantityGrammar(**{f.name: frozenset(section[f.name]) for f in fields(QuantityGrammar)})
