"""Scoring claims against annotated attributions: pure functions over plain records, no I/O.

Gold records follow the PolNeAR layout (``attributions`` with ``content_parts``, ``source_parts``,
``cue_parts``); predictions are ``claimx batch`` lines. Definitions are in the README ("Accuracy").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimx.rules.evaluation import EvalRules, eval_rules, speech_cue

Range = tuple[int, int]


@dataclass(frozen=True)
class Attribution:
    """One gold attribution or predicted claim: content fragments, source and cue (or none)."""

    content: tuple[Range, ...]
    source: tuple[Range, ...]
    cue: tuple[Range, ...]
    kind: str
    speech: bool

    @property
    def length(self) -> int:
        return sum(end - start for start, end in self.content)

    @property
    def hull(self) -> Range:
        return self.content[0][0], self.content[-1][1]


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    gold: tuple[Attribution, ...]


def ranges(parts: Any, hull: Any = None) -> tuple[Range, ...]:
    """Sorted (start, end) fragments from ``*_parts``, else from the hull span, else none."""
    chosen = parts or ([hull] if hull else [])
    return tuple(sorted((int(s), int(e)) for s, e in chosen if int(e) > int(s)))


def is_speech(text: str, spans: Sequence[Range], rules: EvalRules) -> bool:
    return speech_cue(" ".join(text[s:e] for s, e in spans), rules)


def gold_document(record: Mapping[str, Any], rules: EvalRules) -> Document:
    text = record["text"]
    gold = []
    for item in record.get("attributions") or ():
        content = ranges(item.get("content_parts"), item.get("content"))
        if not content:
            continue
        cue = ranges(item.get("cue_parts"), item.get("cue"))
        gold.append(
            Attribution(
                content=content,
                source=ranges(item.get("source_parts"), item.get("source")),
                cue=cue,
                kind=item.get("type_heuristic") or "none",
                speech=is_speech(text, cue, rules),
            )
        )
    return Document(str(record["id"]), text, tuple(gold))


def predicted(
    text: str, claims: Iterable[Mapping[str, Any]], rules: EvalRules
) -> list[Attribution]:
    """Attributions from the ``claims`` of a claimx output line."""
    found = []
    for claim in claims:
        speaker, cue = claim.get("speaker"), claim.get("cue")
        cue_ranges = ((cue["start"], cue["end"]),) if cue else ()
        parts = claim.get("parts") or [{"start": claim["start"], "end": claim["end"]}]
        found.append(
            Attribution(
                content=tuple((part["start"], part["end"]) for part in parts),
                source=((speaker["start"], speaker["end"]),) if speaker else (),
                cue=cue_ranges,
                kind=claim.get("kind") or "none",
                speech=is_speech(text, cue_ranges, rules),
            )
        )
    return found


def overlap(first: Sequence[Range], second: Sequence[Range]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in first for s2, e2 in second)


def pair(
    gold: Sequence[Attribution], pred: Sequence[Attribution], min_overlap: float
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs whose content overlap is at least
    ``min_overlap`` of both lengths, best overlap first."""
    candidates = []
    for g, gold_item in enumerate(gold):
        for p, pred_item in enumerate(pred):
            shared = overlap(gold_item.content, pred_item.content)
            longer = max(gold_item.length, pred_item.length)
            if shared and shared >= min_overlap * longer:  # so also of the shorter one
                candidates.append((shared / longer, g, p))
    pairs, used_gold, used_pred = [], set(), set()
    for _, g, p in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if g not in used_gold and p not in used_pred:
            pairs.append((g, p))
            used_gold.add(g)
            used_pred.add(p)
    return pairs


def trimmed(text: str, span: Range, rules: EvalRules) -> Range:
    start, end = span
    while start < end and text[start] in rules.trim:
        start += 1
    while end > start and (text[end - 1] in rules.trim or text[end - 1] in rules.trailing):
        end -= 1
    return start, end


def agrees(gold: tuple[Range, ...], pred: tuple[Range, ...]) -> bool:
    """Both absent, or overlapping by at least one character."""
    return (not gold and not pred) or overlap(gold, pred) > 0


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    matched_gold: int = 0
    matched_pred: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.matched_gold += other.matched_gold
        self.matched_pred += other.matched_pred

    @property
    def precision(self) -> float:
        return self.matched_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold, "predicted": self.pred, "matched": self.matched_gold,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }  # fmt: skip


@dataclass
class DocumentScore:
    id: str
    content: Counts
    exact: Counts
    source_right: int
    cue_right: int
    by_kind: dict[str, Counts] = field(default_factory=dict)
    failed: bool = False


def speech_view(
    gold: Sequence[Attribution], pred: Sequence[Attribution], min_overlap: float
) -> tuple[list[Attribution], list[Attribution]]:
    """Speech gold attributions, and predictions with a speech cue that do not pair with a
    non-speech gold attribution (those are outside the comparison, neither right nor wrong)."""
    outside = {p for g, p in pair(gold, pred, min_overlap) if not gold[g].speech}
    kept_pred = [p for i, p in enumerate(pred) if p.speech and i not in outside]
    return [g for g in gold if g.speech], kept_pred


def score_document(
    document: Document,
    pred: Sequence[Attribution],
    min_overlap: float,
    speech_only: bool,
    rules: EvalRules,
) -> DocumentScore:
    gold = list(document.gold)
    if speech_only:
        gold, pred = speech_view(gold, pred, min_overlap)
    pairs = pair(gold, pred, min_overlap)
    by_kind: dict[str, Counts] = {}
    for item in gold:
        by_kind.setdefault(item.kind, Counts()).gold += 1
    for item in pred:
        by_kind.setdefault(item.kind, Counts()).pred += 1
    for g, p in pairs:
        by_kind[gold[g].kind].matched_gold += 1
        by_kind[pred[p].kind].matched_pred += 1
    gold_exact = Counter(trimmed(document.text, g.hull, rules) for g in gold)
    pred_exact = Counter(trimmed(document.text, p.hull, rules) for p in pred)
    exact_hits = sum((gold_exact & pred_exact).values())
    return DocumentScore(
        id=document.id,
        content=Counts(len(gold), len(pred), len(pairs), len(pairs)),
        exact=Counts(len(gold), len(pred), exact_hits, exact_hits),
        source_right=sum(agrees(gold[g].source, pred[p].source) for g, p in pairs),
        cue_right=sum(agrees(gold[g].cue, pred[p].cue) for g, p in pairs),
        by_kind=by_kind,
    )


@dataclass
class Report:
    """Totals over documents; ``documents`` keeps each one's score for the worst-documents list."""

    content: Counts = field(default_factory=Counts)
    exact: Counts = field(default_factory=Counts)
    source_right: int = 0
    cue_right: int = 0
    by_kind: dict[str, Counts] = field(default_factory=dict)
    documents: list[DocumentScore] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def add(self, score: DocumentScore) -> None:
        self.content.add(score.content)
        self.exact.add(score.exact)
        self.source_right += score.source_right
        self.cue_right += score.cue_right
        for kind, counts in score.by_kind.items():
            self.by_kind.setdefault(kind, Counts()).add(counts)
        self.documents.append(score)
        if score.failed:
            self.failed.append(score.id)

    @property
    def source_accuracy(self) -> float:
        paired = self.content.matched_gold
        return self.source_right / paired if paired else 0.0

    @property
    def cue_accuracy(self) -> float:
        paired = self.content.matched_gold
        return self.cue_right / paired if paired else 0.0

    def worst(self, count: int) -> list[DocumentScore]:
        """Lowest content F1 first; among equals, the documents with the most gold attributions."""
        scored = [d for d in self.documents if d.content.gold or d.content.pred]
        return sorted(scored, key=lambda d: (d.content.f1, -d.content.gold, d.id))[:count]

    def to_dict(self, worst: int) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "failed_documents": self.failed,
            "content": self.content.to_dict(),
            "exact_span": self.exact.to_dict(),
            "source_accuracy": round(self.source_accuracy, 4),
            "cue_accuracy": round(self.cue_accuracy, 4),
            "by_kind": {k: c.to_dict() for k, c in sorted(self.by_kind.items())},
            "worst_documents": [{"id": d.id, **d.content.to_dict()} for d in self.worst(worst)],
        }


def evaluate(
    gold_records: Iterable[Mapping[str, Any]],
    predictions: Mapping[str, Mapping[str, Any]],
    min_overlap: float = 0.3,
    speech_only: bool = False,
) -> Report:
    """Score claimx output lines (by id) against gold records. A gold document with no line, or
    whose line carries an error, counts as failed and contributes its gold attributions as misses."""
    rules = eval_rules()
    report = Report()
    for record in gold_records:
        document = gold_document(record, rules)
        line = predictions.get(document.id)
        failed = line is None or line.get("error") is not None
        claims = () if line is None or failed else line.get("claims") or ()
        score = score_document(
            document, predicted(document.text, claims, rules), min_overlap, speech_only, rules
        )
        score.failed = failed
        report.add(score)
    return report
