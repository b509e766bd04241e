"""Typed views of the attribution rule files in models/ (cues, frames, media); speakers.json is
read by :mod:`claimx.rules.speakers`."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields
from enum import StrEnum
from functools import cache
from typing import Any

from claimx.errors import PatternError
from claimx.rules.assets import (
    Field,
    check_record,
    key_line,
    line_of,
    load_json_text,
    load_jsonl,
    load_jsonl_at,
    where_in,
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
class MediaEntry:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: MediaKind


@cache
def frames() -> dict[str, Frame]:
    data, text = load_json_text("frames.json", "frames")
    return build_frames(data, "models/frames.json", text)


def build_frames(
    data: dict, where: str = "models/frames.json", text: str | None = None
) -> dict[str, Frame]:
    """The ``frames`` of a frames.json object, by name; errors name ``where`` and, given the
    file's ``text``, the line."""
    result = {}
    for name, spec in data.get("frames", {}).items():
        start = line_of(text, f'"{name}": {{') if text is not None else 1
        label = where if text is not None else f"{where} frame {name!r}"
        check_record(spec, FRAME_SCHEMA, where_in(label, text, start))
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
    return build_syntax(data, "models/frames.json", text)


def build_syntax(
    data: dict, where: str = "models/frames.json", text: str | None = None
) -> SyntaxRules:
    """The ``syntax`` section of a frames.json object."""
    spec = data.get("syntax", {})
    start = key_line(text, "syntax") if text is not None else 1
    check_record(spec, syntax_schema(), where_in(where, text, start))
    # mixed int and frozenset fields, as syntax_schema checked
    values: dict[str, Any] = {
        key: int(value) if key.endswith("_max_tokens") else frozenset(value)
        for key, value in spec.items()
    }
    return SyntaxRules(**values)


def cue_rule_from_record(
    record: dict, where: str | None = None, known_frames: Collection[str] | None = None
) -> CueRule:
    """Build a cue rule, checking that it names a known frame (``known_frames``, default the
    packaged frames.json) and one way of matching; ``where`` (``file:line``) opens the error."""
    cue = f"{where}: cue {record['id']!r}" if where else f"cue {record['id']!r}"
    if record["frame"] not in (frames() if known_frames is None else known_frames):
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


def media_entry(record: dict) -> MediaEntry:
    kind = MediaKind(record["kind"])
    return MediaEntry(record["id"], record["name"], tuple(record["aliases"]), kind)


@cache
def media() -> tuple[MediaEntry, ...]:
    return tuple(media_entry(r) for r in load_jsonl("media.jsonl", "media", MEDIA_SCHEMA))
