"""The ``grammar`` section of models/quantities.json: the labels the quantity finder follows."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from claimx.errors import PatternError
from claimx.rules.assets import Field, check_record, key_line, load_json_text, where_in


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
    """The packaged file's grammar, its errors naming file and line."""
    data, text = load_json_text("quantities.json", "quantities")
    return build_quantity_grammar(data, text)


def build_quantity_grammar(
    data: dict, text: str | None = None, source: str = "models/quantities.json"
) -> QuantityGrammar:
    """The grammar of a quantities.json object (a component's rules); with the file's ``text``,
    errors name the line."""
    section = data.get("grammar")
    if not isinstance(section, dict):
        raise PatternError("models/quantities.json:1: missing object 'grammar'")
    start = key_line(text, "grammar") if text else 1
    check_record(
        section, SCHEMA, where_in(f"{source} grammar" if text is None else source, text, start)
    )
    return QuantityGrammar(**{f.name: frozenset(section[f.name]) for f in fields(QuantityGrammar)})
