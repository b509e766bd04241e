"""Typed views of the attribution rule files in models/ (cues, frames, speakers, media)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from functools import cache

from claimx.errors import PatternError
from claimx.rules.assets import (
    Field,
    asset_path,
    check_record,
    check_top,
    key_line,
    key_where,
    line_of,
    load_json,
    load_json_text,
    load_jsonl,
    load_jsonl_at,
)

CUE_SCHEMA = {
    "id": Field((str,), required=True),
    "frame": Field((str,), required=True),
    "lemma": Field((str,)),
    "phrase": Field((list,), items=str),
    "speech": Field((bool,)),
    "not_objects": Field((list,), items=str),
    "only_objects": Field((list,), items=str),
}


class MediaKind(StrEnum):
    """What a media entry names: a news outlet or a platform people post on."""

    OUTLET = "outlet"
    PLATFORM = "platform"


MEDIA_SCHEMA = {
    "id": Field((str,), required=True),
    "name": Field((str,), required=True),
    "aliases": Field((list,), required=True, items=str),
    "kind": Field((str,), required=True, choices=MediaKind),
}
DESCRIPTION_SCHEMA = {
    "id": Field((str,), required=True),
    "heads": Field((list,), required=True, items=str),
    "any_named": Field((bool,)),
}


class Handler(StrEnum):
    """The code that reads a frame's cue: which of the attribution handlers runs."""

    VERB = "verb"  # a reporting verb and its clause or object
    SOURCE_PHRASE = "source_phrase"  # "according to X"
    HEADLINE_COLON = "headline_colon"  # "Trump: I will win"
    NOUN = "noun"  # "the army's claim that …"


LIST_OF_STR = Field((list,), items=str)
FRAME_SCHEMA = {
    "handler": Field((str,), required=True, choices=Handler),
    "cue_pos": Field((list,), required=True, items=str),
    **{
        key: LIST_OF_STR
        for key in (
            "content_deps",
            "content_preps",
            "extend_deps",
            "fallback_deps",
            "fallback_skip_pos",
            "prep_skip_entities",
            "complement_deps",
            "complement_preps",
            "source_preps",
        )
    },
    **{key: Field((bool,)) for key in ("quote_adjacent", "inverted", "trailing_source")},
    "participle_source": Field((bool,)),
    "max_source_tokens": Field((int,)),
}


@dataclass(frozen=True)
class CueRule:
    id: str
    frame: str
    lemma: str | None
    phrase: tuple[str, ...]
    speech: bool
    not_objects: frozenset[str] = frozenset()
    only_objects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Frame:
    name: str
    handler: Handler
    cue_pos: tuple[str, ...]  # the part of speech a lemma cue of this frame must have
    content_deps: tuple[str, ...]
    content_preps: tuple[str, ...]
    quote_adjacent: bool
    inverted: bool
    max_source_tokens: int
    extend_deps: tuple[str, ...] = ()
    fallback_deps: tuple[str, ...] = ()
    fallback_skip_pos: tuple[str, ...] = ()
    prep_skip_entities: tuple[str, ...] = ()
    complement_deps: tuple[str, ...] = ()
    complement_preps: tuple[str, ...] = ()
    trailing_source: bool = False
    source_preps: tuple[str, ...] = ()
    participle_source: bool = False


@dataclass(frozen=True)
class SyntaxRules:
    subject_deps: frozenset[str]
    passive_subject_deps: frozenset[str]
    agent_deps: frozenset[str]
    inherit_subject_deps: frozenset[str]
    relative_clause_deps: frozenset[str]
    clause_modifier_deps: frozenset[str]
    noun_phrase_cut_deps: frozenset[str]
    inverted_cue_deps: frozenset[str]
    role_deps: frozenset[str]
    role_copula_attr_deps: frozenset[str]
    quote_gap_max_tokens: int
    source_phrase_pos: frozenset[str] = frozenset()
    source_phrase_start_pos: frozenset[str] = frozenset()
    source_phrase_coordinator_pos: frozenset[str] = frozenset()
    source_phrase_joiners: frozenset[str] = frozenset()
    source_phrase_stop_entities: frozenset[str] = frozenset()
    source_phrase_max_tokens: int = 0
    quoted_as_preps: frozenset[str] = frozenset()
    quoted_as_source_deps: frozenset[str] = frozenset()
    passive_participle_deps: frozenset[str] = frozenset()
    passive_participle_tags: frozenset[str] = frozenset()
    set_off_clause_deps: frozenset[str] = frozenset()
    sentence_end_marks: frozenset[str] = frozenset()
    question_end_marks: frozenset[str] = frozenset()
    set_off_clause_tags: frozenset[str] = frozenset()
    trailing_relative_deps: frozenset[str] = frozenset()
    relative_word_tags: frozenset[str] = frozenset()
    question_marks: frozenset[str] = frozenset()
    trailing_source_tags: frozenset[str] = frozenset()
    participle_source_deps: frozenset[str] = frozenset()
    participle_source_tags: frozenset[str] = frozenset()
    question_word_tags: frozenset[str] = frozenset()
    edge_word_pos: frozenset[str] = frozenset()  # trimmed off a content's edges ("and", "that")
    prep_object_deps: frozenset[str] = frozenset()  # a content preposition's clause or noun
    quote_gap_pos: frozenset[str] = frozenset()  # may stand between a quote and its cue
    quote_lead_marks: frozenset[str] = frozenset()  # end a cue's clause before its quote ("said:")
    source_phrase_modifier_deps: frozenset[str] = frozenset()  # nouns inside a bare source phrase


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


@dataclass(frozen=True)
class MediaEntry:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: MediaKind


@cache
def frames() -> dict[str, Frame]:
    data, text = load_json_text("frames.json", "frames")
    result = {}
    for name, spec in data.get("frames", {}).items():
        check_record(
            spec, FRAME_SCHEMA, key_where("frames.json", text, line_of(text, f'"{name}": {{'))
        )
        result[name] = Frame(
            name=name,
            handler=Handler(spec["handler"]),
            cue_pos=tuple(spec["cue_pos"]),
            content_deps=tuple(spec.get("content_deps", ())),
            content_preps=tuple(spec.get("content_preps", ())),
            quote_adjacent=bool(spec.get("quote_adjacent", False)),
            inverted=bool(spec.get("inverted", False)),
            max_source_tokens=int(spec.get("max_source_tokens", 8)),
            extend_deps=tuple(spec.get("extend_deps", ())),
            fallback_deps=tuple(spec.get("fallback_deps", ())),
            fallback_skip_pos=tuple(spec.get("fallback_skip_pos", ())),
            prep_skip_entities=tuple(spec.get("prep_skip_entities", ())),
            complement_deps=tuple(spec.get("complement_deps", ())),
            complement_preps=tuple(spec.get("complement_preps", ())),
            trailing_source=bool(spec.get("trailing_source", False)),
            source_preps=tuple(spec.get("source_preps", ())),
            participle_source=bool(spec.get("participle_source", False)),
        )
    return result


def syntax_schema() -> dict[str, Field]:
    """Every SyntaxRules field, each required: a count when it ends in ``_max_tokens``, else a
    list of labels (the dataclass defaults only let tests build partial rules)."""
    return {
        f.name: Field(
            (int,) if f.name.endswith("_max_tokens") else (list,),
            required=True,
            items=None if f.name.endswith("_max_tokens") else str,
        )
        for f in fields(SyntaxRules)
    }


@cache
def syntax() -> SyntaxRules:
    data, text = load_json_text("frames.json", "frames")
    spec = data.get("syntax", {})
    check_record(spec, syntax_schema(), key_where("frames.json", text, key_line(text, "syntax")))
    values = {
        key: int(value) if key.endswith("_max_tokens") else frozenset(value)
        for key, value in spec.items()
    }
    return SyntaxRules(**values)


def cue_rule_from_record(record: dict, where: str | None = None) -> CueRule:
    """Build a cue rule, checking that it names a known frame and one way of matching;
    ``where`` (``file:line``) opens the error message."""
    cue = f"{where}: cue {record['id']!r}" if where else f"cue {record['id']!r}"
    if record["frame"] not in frames():
        raise PatternError(f"{cue}: unknown frame {record['frame']!r}")
    if ("lemma" in record) == ("phrase" in record):
        raise PatternError(f"{cue}: give exactly one of 'lemma' or 'phrase'")
    return CueRule(
        id=record["id"],
        frame=record["frame"],
        lemma=record.get("lemma"),
        phrase=tuple(record.get("phrase", ())),
        speech=record.get("speech", True),
        not_objects=frozenset(record.get("not_objects", ())),
        only_objects=frozenset(record.get("only_objects", ())),
    )


@cache
def cue_rules() -> tuple[CueRule, ...]:
    records = load_jsonl_at("cues.jsonl", "cues", CUE_SCHEMA)
    return tuple(cue_rule_from_record(record, where) for where, record in records)


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
    check_top(data, SPEAKER_SCHEMA, key_where("speakers.json", text))
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
    data = load_json("speakers.json", "speakers")
    text = asset_path("speakers.json").read_text(encoding="utf-8")
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


@cache
def media() -> tuple[MediaEntry, ...]:
    return tuple(
        MediaEntry(r["id"], r["name"], tuple(r["aliases"]), MediaKind(r["kind"]))
        for r in load_jsonl("media.jsonl", "media", MEDIA_SCHEMA)
    )
