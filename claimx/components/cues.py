"""The cue matcher: reporting verbs and phrases from the lexicon in models/cues.jsonl."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.components.keys import CUES_KEY, MEDIA_KEY
from claimx.rules.assets import parse_jsonl
from claimx.rules.attribution import (
    CUE_SCHEMA,
    CueRule,
    cue_rule_from_record,
    cue_rules,
    frames,
    media,
)


class CueMatcher:
    """Mark attribution cues.

    Reads lemmas and POS tags; writes ``doc.spans["claimx_cues"]`` with the frame name as label
    and the rule id as ``span.id_``, so every claim can be traced to the lexicon line behind it.
    """

    def __init__(self, nlp: Language, name: str = "claimx_cues") -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.rules: dict[str, CueRule] = {}
        self.by_lemma: dict[tuple[str, str], CueRule] = {}
        self.matcher = Matcher(nlp.vocab)
        self.add_patterns(cue_rules())

    def add_patterns(self, rules: Iterable[CueRule]) -> None:
        """Add cue rules; verb lemmas are grouped into one pattern per frame (cheaper to match)."""
        for rule in rules:
            self.rules[rule.id] = rule
        # a verb match is traced back by (frame, lemma): a rule's id need not be its lemma
        self.by_lemma = {(r.frame, r.lemma): r for r in self.rules.values() if r.lemma}
        self.matcher = Matcher(self.vocab)
        by_frame: dict[str, list[str]] = {}
        for rule in self.rules.values():
            if rule.lemma:
                by_frame.setdefault(rule.frame, []).append(rule.lemma)
            else:
                pattern = [{"LOWER": word} for word in rule.phrase]
                self.matcher.add(f"phrase:{rule.id}", [pattern])
        for frame, lemmas in by_frame.items():
            pos = list(frames()[frame].cue_pos)
            pattern = [{"LEMMA": {"IN": sorted(lemmas)}, "POS": {"IN": pos}}]
            self.matcher.add(f"verbs:{frame}", [pattern])

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[CUES_KEY] = self.set_annotations(doc, self.match(doc))
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
        return filter_spans(found)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> list[Span]:
        return sorted(spans, key=lambda span: span.start)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        records = [{"version": 1, "kind": "cues"}]
        for rule in self.rules.values():
            record = {"id": rule.id, "frame": rule.frame, "speech": rule.speech}
            for key in ("not_objects", "only_objects"):
                if getattr(rule, key):
                    record[key] = sorted(getattr(rule, key))
            record.update({"lemma": rule.lemma} if rule.lemma else {"phrase": list(rule.phrase)})
            records.append(record)
        srsly.write_jsonl(path / "cues.jsonl", records)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> CueMatcher:
        source = Path(path) / "cues.jsonl"
        lines = source.read_text(encoding="utf-8").splitlines()
        records = parse_jsonl(lines, str(source), "cues", CUE_SCHEMA)
        self.rules = {}
        self.add_patterns(cue_rule_from_record(r) for r in records)
        return self


def object_allowed(verb: Token, rule: CueRule) -> bool:
    """ "The war claimed the lives of …" is no claim (``not_objects``); "gave a toll of 12" is
    one only with such an object (``only_objects``)."""
    objects = {c.lemma_ for c in verb.children if c.dep_ == "dobj"}
    if objects & rule.not_objects:
        return False
    return not rule.only_objects or bool(objects & rule.only_objects)


class MediaMatcher:
    """Mark news outlets and platforms from the gazetteer in models/media.jsonl.

    Writes ``doc.spans["claimx_media"]``: label ``outlet`` or ``platform``, ``kb_id_`` the
    outlet's canonical name. The statistical NER labels outlets as PERSON, ORG or GPE at random.
    """

    def __init__(self, nlp: Language, name: str = "claimx_media") -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab)
        self.entries = {entry.id: entry for entry in media()}
        for entry in self.entries.values():
            self.matcher.add(entry.id, list(nlp.tokenizer.pipe(entry.aliases)))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            entry = self.entries[doc.vocab.strings[match_id]]
            spans.append(Span(doc, start, end, label=entry.kind, kb_id=entry.name))
        doc.spans[MEDIA_KEY] = filter_spans(spans)
        return doc
