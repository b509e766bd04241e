"""Typed views of models/speakers.json: the speaker word lists and the ``resolution`` section
that repairs sources and links generic mentions to the entities they stand for."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimx.errors import PatternError
from claimx.rules.assets import (
    Field,
    check_record,
    check_top,
    key_line,
    load_json_text,
    where_in,
)

DESCRIPTION_SCHEMA = {
    "id": Field((str,), required=True),
    "heads": Field((list,), required=True, items=str),
    "any_named": Field((bool,)),
}


@dataclass(frozen=True)
class SpeakerRules:
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    group_determiners: frozenset[str]
    unnamed_heads: frozenset[str]
    institution_heads: frozenset[str]
    entity_types: dict[str, str]
    name_strip_prefixes: frozenset[str]
    titles: frozenset[str]


@dataclass(frozen=True)
class DescriptionClass:
    """Head nouns that describe one kind of organisation ("monitor", "watchdog")."""

    id: str
    heads: frozenset[str]
    any_named: bool  # "the group" may stand for any named organisation


@dataclass(frozen=True)
class ResolutionRules:
    """How a source mention is repaired and linked to the entity it stands for."""

    finite_tags: frozenset[str]
    inversion_lemmas: frozenset[str]
    run_pos: frozenset[str]
    run_modifier_deps: frozenset[str]
    run_preps: frozenset[str]
    run_conjunctions: frozenset[str]
    run_stop_entities: frozenset[str]
    organisation_entities: frozenset[str]
    person_heads: frozenset[str]
    document_heads: frozenset[str]
    issuer_preps: frozenset[str]
    person_descriptions: frozenset[str]
    organisation_descriptions: tuple[DescriptionClass, ...]
    acronym_skip_words: frozenset[str]
    plural_pronouns: frozenset[str]
    hyphenless_modifiers: frozenset[str]
    non_sources: frozenset[str]
    name_strip_modifiers: frozenset[str]
    partitive_words: frozenset[str]
    participle_deps: frozenset[str]
    non_source_entities: frozenset[str]
    unnamed_entities: frozenset[str]  # a proper noun so labelled is no organisation's name
    plural_tags: frozenset[str]  # a plural head: "officials said"
    determiner_deps: frozenset[str]  # where a group determiner stands ("both sides")
    role_skip_pos: frozenset[str]  # words before a role that are not part of it ("the")
    name_strip_tags: frozenset[str]  # a first word the parse glued to a name ("Also Reuters")
    name_strip_modifier_tags: frozenset[str]  # "based Syrian Observatory": a cut modifier
    pronoun_sentences_back: int


SPEAKER_LISTS = (
    "person_pronouns", "thing_pronouns", "relative_pronouns", "group_determiners",
    "unnamed_heads", "institution_heads", "name_strip_prefixes", "titles",
)  # fmt: skip
SPEAKER_SCHEMA = {
    **{key: Field((list,), required=True, items=str) for key in SPEAKER_LISTS},
    "entity_types": Field((dict,), required=True, items=str),
    "resolution": Field((dict,), required=True),
}


@cache
def speaker_rules() -> SpeakerRules:
    data, text = load_json_text("speakers.json", "speakers")
    return build_speaker_rules(data, "models/speakers.json", text)


def build_speaker_rules(
    data: dict, where: str = "models/speakers.json", text: str | None = None
) -> SpeakerRules:
    """The speaker word lists of a speakers.json object."""
    check_top(data, SPEAKER_SCHEMA, where_in(where, text))
    lists = {key: frozenset(data[key]) for key in SPEAKER_LISTS}
    return SpeakerRules(**lists, entity_types=dict(data["entity_types"]))


RESOLUTION_LISTS = (
    "finite_tags",
    "inversion_lemmas",
    "run_pos",
    "run_modifier_deps",
    "run_preps",
    "run_conjunctions",
    "run_stop_entities",
    "organisation_entities",
    "person_heads",
    "document_heads",
    "issuer_preps",
    "person_descriptions",
    "acronym_skip_words",
    "plural_pronouns",
    "hyphenless_modifiers",
    "non_sources",
    "name_strip_modifiers",
    "partitive_words",
    "participle_deps",
    "non_source_entities",
    "unnamed_entities",
    "plural_tags",
    "determiner_deps",
    "role_skip_pos",
    "name_strip_tags",
    "name_strip_modifier_tags",
)


@cache
def resolution_rules() -> ResolutionRules:
    """The ``resolution`` section of models/speakers.json."""
    data, text = load_json_text("speakers.json", "speakers")
    return parse_resolution(data.get("resolution"), text, "models/speakers.json")


def parse_resolution(section: object, text: str, source: str) -> ResolutionRules:
    """Check the ``resolution`` section key by key; errors name ``source`` and the line."""
    if not isinstance(section, dict):
        raise PatternError(f"{source}:1: missing object 'resolution'")
    lists = {}
    for key in RESOLUTION_LISTS:
        value = section.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            where = f"{source}:{key_line(text, key)}"
            raise PatternError(f"{where}: 'resolution.{key}' must be a list of strings")
        lists[key] = frozenset(value)
    classes = []
    for record in section.get("organisation_descriptions", ()):
        name = str(record.get("id")) if isinstance(record, dict) else "organisation_descriptions"
        check_record(record, DESCRIPTION_SCHEMA, f"{source}:{key_line(text, name)}")
        heads = frozenset(record["heads"])
        classes.append(DescriptionClass(record["id"], heads, record.get("any_named", False)))
    back = section.get("pronoun_sentences_back")
    if not isinstance(back, int) or isinstance(back, bool) or back < 0:
        where = f"{source}:{key_line(text, 'pronoun_sentences_back')}"
        raise PatternError(f"{where}: 'resolution.pronoun_sentences_back' must be an integer >= 0")
    return ResolutionRules(
        **lists, organisation_descriptions=tuple(classes), pronoun_sentences_back=back
    )
