"""The cue matcher: reporting verbs and phrases from the lexicon in models/cues.jsonl."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.components.keys import CUES_KEY, MEDIA_KEY
from claimx.components.serialize import RuleFile, Rules, RuleSerializer
from claimx.errors import PatternError
from claimx.rules.assets import check_record
from claimx.rules.attribution import (
    CUE_SCHEMA,
    MEDIA_SCHEMA,
    CueRule,
    Frame,
    MediaEntry,
    build_frames,
    cue_rule_from_record,
    media_entry,
)

CUES_FILE = RuleFile("cues.jsonl", "cues", CUE_SCHEMA)
MEDIA_FILE = RuleFile("media.jsonl", "media", MEDIA_SCHEMA)
FRAMES_FILE = RuleFile("frames.json", "frames")


class CueMatcher(RuleSerializer):
    """Mark attribution cues.

    Reads lemmas and POS tags; writes ``doc.spans["claimx_cues"]`` with the frame name as label
    and the rule id as ``span.id_``, so every claim can be traced to the lexicon line behind it.
    Rules: models/cues.jsonl, and frames.json for the part of speech of each frame's lemma cues
    (``{"cues": [records], "frames": {...}}`` in config).
    """

    RULE_FILES = (CUES_FILE, FRAMES_FILE)

    def __init__(
        self, nlp: Language, name: str = "claimx_cues", rules: Mapping | None = None
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.rules: dict[str, CueRule] = {}
        self.frames: dict[str, Frame] = {}
        self.by_lemma: dict[tuple[str, str], CueRule] = {}
        self.matcher = Matcher(nlp.vocab)
        self.set_rules(rules)

    def use_rules(self, data: Rules) -> None:
        self.frames_data = data[FRAMES_FILE.key]
        self.frames = build_frames(self.frames_data, f"{self.name} {FRAMES_FILE.name}")
        self.rules = {}
        self.add_patterns(data[CUES_FILE.key])

    def rule_data(self) -> Rules:
        records = [cue_record(rule) for rule in self.rules.values()]
        return {CUES_FILE.key: records, FRAMES_FILE.key: self.frames_data}

    def add_patterns(self, rules: Iterable[CueRule | dict[str, Any]]) -> None:
        """Add cue rules (CueRule objects or cues.jsonl records); verb lemmas are grouped into
        one pattern per frame (cheaper to match)."""
        for number, rule in enumerate(rules, start=1):
            if not isinstance(rule, CueRule):
                check_record(rule, CUE_SCHEMA, f"{self.name} cue pattern {number}")
                rule = cue_rule_from_record(rule, self.name, self.frames)
            elif rule.frame not in self.frames:
                raise PatternError(f"{self.name}: cue {rule.id!r}: unknown frame {rule.frame!r}")
            self.rules[rule.id] = rule
        # a verb match is traced back by (frame, lemma): a rule's id need not be its lemma
        self.by_lemma = {(r.frame, r.lemma): r for r in self.rules.values() if r.lemma}
        self.matcher = Matcher(self.vocab)
        by_frame: dict[str, list[str]] = {}
        for rule in self.rules.values():
            if rule.lemma:
                by_frame.setdefault(rule.frame, []).append(rule.lemma)
            else:
                pattern: list[dict[str, Any]] = [{"LOWER": word} for word in rule.phrase]
                self.matcher.add(f"phrase:{rule.id}", [pattern])
        for frame, lemmas in by_frame.items():
            pos = list(self.frames[frame].cue_pos)
            pattern = [{"LEMMA": {"IN": sorted(lemmas)}, "POS": {"IN": pos}}]
            self.matcher.add(f"verbs:{frame}", [pattern])

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        found = []
        for match_id, start, end in self.matcher(doc):
            key = self.vocab.strings[match_id]
            kind, _, ident = key.partition(":")
            if kind == "verbs":
                rule = self.by_lemma.get((ident, doc[start].lemma_))
            else:
                rule = self.rules.get(ident)
            if rule is None or not object_allowed(doc[start], rule):
                continue
            found.append(Span(doc, start, end, label=rule.frame, span_id=rule.id))
        return sorted(filter_spans(found), key=lambda span: span.start)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc.spans[CUES_KEY] = spans


def cue_record(rule: CueRule) -> dict[str, Any]:
    """A cue rule as its cues.jsonl record."""
    record: dict[str, Any] = {"id": rule.id, "frame": rule.frame, "speech": rule.speech}
    for key in ("not_objects", "only_objects"):
        if getattr(rule, key):
            record[key] = sorted(getattr(rule, key))
    record.update({"lemma": rule.lemma} if rule.lemma else {"phrase": list(rule.phrase)})
    return record


def object_allowed(verb: Token, rule: CueRule) -> bool:
    """ "The war claimed the lives of …" is no claim (``not_objects``); "gave a toll of 12" is
    one only with such an object (``only_objects``)."""
    objects = {c.lemma_ for c in verb.children if c.dep_ == "dobj"}
    if objects & rule.not_objects:
        return False
    return not rule.only_objects or bool(objects & rule.only_objects)


class MediaMatcher(RuleSerializer):
    """Mark news outlets and platforms from the gazetteer in models/media.jsonl.

    Writes ``doc.spans["claimx_media"]``: label ``outlet`` or ``platform``, ``kb_id_`` the
    outlet's canonical name. The statistical NER labels outlets as PERSON, ORG or GPE at random.
    Rules: models/media.jsonl, or ``{"media": [records]}`` in config.
    """

    RULE_FILES = (MEDIA_FILE,)

    def __init__(
        self, nlp: Language, name: str = "claimx_media", rules: Mapping | None = None
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        # spaCy types Language.tokenizer as a bare callable; it is a Tokenizer, with pipe()
        self.tokenizer: Any = nlp.tokenizer
        self.matcher = PhraseMatcher(nlp.vocab)
        self.entries: dict[str, MediaEntry] = {}
        self.set_rules(rules)

    def use_rules(self, data: Rules) -> None:
        self.matcher = PhraseMatcher(self.vocab)
        self.entries = {}
        self.add_patterns(data[MEDIA_FILE.key])

    def rule_data(self) -> Rules:
        records = [
            {"id": e.id, "name": e.name, "aliases": list(e.aliases), "kind": e.kind}
            for e in self.entries.values()
        ]
        return {MEDIA_FILE.key: records}

    def add_patterns(self, entries: Iterable[MediaEntry | dict[str, Any]]) -> None:
        """Add outlets (MediaEntry objects or media.jsonl records)."""
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, MediaEntry):
                entry = media_entry(check_record(entry, MEDIA_SCHEMA, f"{self.name} {number}"))
            self.entries[entry.id] = entry
            self.matcher.add(entry.id, list(self.tokenizer.pipe(entry.aliases)))

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        spans = []
        for match_id, start, end in self.matcher(doc):
            entry = self.entries[doc.vocab.strings[match_id]]
            spans.append(Span(doc, start, end, label=entry.kind, kb_id=entry.name))
        return filter_spans(spans)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc.spans[MEDIA_KEY] = spans
