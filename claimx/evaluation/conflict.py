"""Scoring claims against conflict-news gold: pure functions over plain records, no I/O.

A gold file is one annotator's JSON object ``{"annotator", "articles": [{"file", "published",
"claims", "conflicts"}]}``; a gold claim names its content by a ``where`` string of the article.
Predictions are claimx output objects (``claims`` with offsets, ``conflicts``). Gold and
predicted claims pair one-to-one; cue, kind, status, quantities, dates and places are compared over
the pairs, conflicts per article. Definitions are in the README ("Accuracy").
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from claimx.errors import PatternError
from claimx.rules.assets import key_line, load_json_text
from claimx.rules.evaluation import speech_cue

if TYPE_CHECKING:
    from claimx.evaluation.conflict_gold import GoldArticle, GoldClaim


@dataclass(frozen=True)
class ConflictRules:
    """The ``conflict`` section of models/evaluation.json, and whether to keep speech claims only."""

    min_cover: float
    event_synonyms: Mapping[str, str]
    speech_only: bool = False


@cache
def conflict_rules() -> ConflictRules:
    """Load and check the rules; a bad value is a PatternError naming the key."""
    data, text = load_json_text("evaluation.json", "evaluation")
    section = data.get("conflict")
    where = f"models/evaluation.json:{key_line(text, 'conflict')}: conflict"
    if not isinstance(section, dict):
        raise PatternError(f"{where}: missing object")
    cover, synonyms = section.get("min_cover"), section.get("event_synonyms")
    if isinstance(cover, bool) or not isinstance(cover, int | float) or not 0 < cover <= 1:
        raise PatternError(f"{where}.min_cover must be a number in (0, 1]")
    if not isinstance(synonyms, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in synonyms.items()
    ):
        raise PatternError(f"{where}.event_synonyms must map strings to strings")
    folded = {fold(k): fold(v) for k, v in synonyms.items()}
    return ConflictRules(float(cover), MappingProxyType(folded))


def fold(value: Any) -> str:
    """Lower-case, no diacritics, one space: the form every string comparison uses."""
    text = unicodedata.normalize("NFKD", (value or "").replace("\u2019", "'"))
    bare = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def event(name: Any, rules: ConflictRules) -> str:
    folded = fold(name)
    return rules.event_synonyms.get(folded, folded)


@dataclass(frozen=True)
class Note:
    """One line of the verbose listing: a miss, a false positive or a field error."""

    kind: str
    message: str


@dataclass(frozen=True)
class Tally:
    """Counts of one article or a sum of articles; ``*_n`` are the cases, ``*_ok`` the right ones."""

    articles: int = 0
    failed: int = 0
    gold: int = 0
    pred: int = 0
    content_tp: int = 0
    speaker_tp: int = 0
    cue_n: int = 0
    cue_ok: int = 0
    kind_n: int = 0
    kind_ok: int = 0
    status_n: int = 0
    status_ok: int = 0
    status_fp_n: int = 0
    status_fp_ok: int = 0
    quantities_n: int = 0
    quantities_ok: int = 0
    dates_n: int = 0
    dates_ok: int = 0
    locations_n: int = 0
    locations_ok: int = 0
    conf_gold: int = 0
    conf_pred: int = 0
    conf_rec: int = 0
    conf_prec: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class ArticleScore:
    """One gold article's counts, its number of pairs and its verbose notes."""

    gold_name: str
    file: str
    tally: Tally
    matched: int
    notes: tuple[Note, ...]
    error: str | None = None


def speaker_ok(gold: GoldClaim, pred: Mapping[str, Any]) -> bool:
    """The folded gold speaker inside the predicted speaker's name or text; an empty gold speaker
    means "no recoverable speaker", so any prediction is accepted."""
    if not gold.speaker:
        return True
    speaker = pred.get("speaker") or {}
    wanted = fold(gold.speaker)
    return wanted in fold(speaker.get("name")) or wanted in fold(speaker.get("text"))


def pair(
    golds: Sequence[GoldClaim], preds: Sequence[Mapping[str, Any]], text: str, min_cover: float
) -> list[tuple[int, int, bool]]:
    """Greedy one-to-one (gold, predicted, speaker right) pairs of claims covering at least
    ``min_cover`` of the gold span: best cover first; on ties the shorter claim (a long claim
    holding two gold spans leaves one to a shorter claim that fits it), then a right speaker
    (nested claims with one span go to the right source), then the nearest start."""
    order = sorted(range(len(preds)), key=lambda i: preds[i]["start"])
    starts = [preds[i]["start"] for i in order]
    longest = max((p["end"] - p["start"] for p in preds), default=0)
    candidates = []
    for gi, gold in enumerate(golds):
        gs = text.find(gold.where)
        ge = gs + len(gold.where)
        # only claims starting within `longest` before the gold span can overlap it
        for pi in order[bisect_left(starts, gs - longest) : bisect_left(starts, ge)]:
            p = preds[pi]
            cover = max(0, min(ge, p["end"]) - max(gs, p["start"])) / (ge - gs)
            if cover >= min_cover:
                bad = not speaker_ok(gold, p)
                candidates.append(
                    (-cover, p["end"] - p["start"], bad, abs(gs - p["start"]), gi, pi)
                )
    used_gold, used_pred, pairs = set(), set(), []
    for _, _, bad, _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi, not bad))
    return pairs


def quantity_agrees(gold: Mapping[str, Any], pred: Mapping[str, Any], rules: ConflictRules) -> bool:
    """Every key the annotator gave agrees: the predicted event starts with the gold event (after
    synonyms), ``approximate`` as a truth value, numbers equal (both absent counts as equal)."""
    for key, wanted in gold.items():
        got = pred.get(key)
        if key == "event":
            if not event(got, rules).startswith(event(wanted, rules)):
                return False
        elif key == "approximate":
            if bool(got) != bool(wanted):
                return False
        elif (got is None) != (wanted is None):
            return False
        elif isinstance(wanted, str):
            if fold(wanted) != fold(str(got)):
                return False
        elif got is not None and wanted is not None and float(got) != float(wanted):
            return False
    return True


def quantity_ok(gold: Mapping[str, Any], preds: Sequence[Mapping], rules: ConflictRules) -> bool:
    return any(quantity_agrees(gold, p, rules) for p in preds)


def date_ok(gold: Mapping[str, Any], preds: Sequence[Mapping], rules: ConflictRules) -> bool:
    """Same ISO date, and either text inside the other ("on Sunday" / "Sunday")."""
    wanted = fold(gold["text"])
    return any(
        p.get("date") == gold["date"]
        and (wanted in fold(p.get("text")) or fold(p.get("text")) in wanted)
        for p in preds
    )


def location_ok(gold: Mapping[str, Any], preds: Sequence[Mapping], rules: ConflictRules) -> bool:
    """The gold name inside the predicted one ("Ghouta" in "Eastern Ghouta"), and the same
    country when the gold gives one, a border's "A; B" counting as either."""
    name, country = fold(gold["name"]), fold(gold.get("country"))
    return any(
        name in fold(p.get("name"))
        and (not country or country in fold(p.get("country")).split("; "))
        for p in preds
    )


FIELD_CHECKS = (("quantities", "QUANTITY", quantity_ok), ("dates", "DATE", date_ok),
                ("locations", "LOCATION", location_ok))  # fmt: skip


def without_offsets(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in x.items() if k not in ("start", "end")} for x in items]


def field_tally(
    gold: GoldClaim, pred: Mapping[str, Any], rules: ConflictRules
) -> tuple[Tally, list[Note]]:
    """Cue, kind, status and fact agreement of one pair."""
    counts: dict[str, int] = {}
    notes: list[Note] = []
    if gold.cue:
        cue = pred.get("cue") or {}
        hit = fold(gold.cue) in (fold(cue.get("lemma")), fold(cue.get("text")))
        counts.update(cue_n=1, cue_ok=int(hit))
        if not hit:
            notes.append(Note("CUE", f"gold={gold.cue!r} pred={cue.get('text')!r}: {gold.where!r}"))
    if gold.kind:
        hit = gold.kind == pred.get("kind")
        counts.update(kind_n=1, kind_ok=int(hit))
        if not hit:
            notes.append(Note("KIND", f"gold={gold.kind} pred={pred.get('kind')}: {gold.where!r}"))
    status = pred.get("status", "asserted")
    if gold.status:
        counts.update(status_n=1, status_ok=int(gold.status == status))
        if gold.status != status:
            notes.append(Note("STATUS", f"gold={gold.status} pred={status}: {gold.where!r}"))
    else:  # gold marks no status: anything but 'asserted' is a status false positive
        counts.update(status_fp_n=1, status_fp_ok=int(status != "asserted"))
        if status != "asserted":
            notes.append(Note("STATUS-FP", f"pred={status}: {gold.where!r}"))
    for key, label, check in FIELD_CHECKS:
        found = pred.get(key) or []
        for item in getattr(gold, key):
            hit = check(item, found, rules)
            counts[f"{key}_n"] = counts.get(f"{key}_n", 0) + 1
            counts[f"{key}_ok"] = counts.get(f"{key}_ok", 0) + int(hit)
            if not hit:
                notes.append(
                    Note(label, f"miss {dict(item)} pred={without_offsets(found)}: {gold.where!r}")
                )
    return Tally(**counts), notes


def conflict_tally(gold: GoldArticle, pred: Mapping[str, Any]) -> Tally:
    """A gold conflict is found by a predicted one whose values hold all its values. Not
    one-to-one: one predicted group of three sources can answer several gold pairs."""
    found = [
        frozenset(float(v) for v in c.get("values") or ()) for c in pred.get("conflicts") or ()
    ]
    return Tally(
        conf_gold=len(gold.conflicts),
        conf_pred=len(found),
        conf_rec=sum(any(g <= p for p in found) for g in gold.conflicts),
        conf_prec=sum(any(g <= p for g in gold.conflicts) for p in found),
    )


def unpaired_notes(golds: Sequence[GoldClaim], preds: Sequence[Mapping], pairs: list) -> list[Note]:
    got_gold, got_pred = {g for g, _, _ in pairs}, {p for _, p, _ in pairs}
    notes = [
        Note("MISS", f"[{c.speaker} / {c.cue}] {c.where!r}")
        for i, c in enumerate(golds)
        if i not in got_gold
    ]
    for i, p in enumerate(preds):
        if i not in got_pred:
            speaker, cue = (p.get("speaker") or {}).get("text"), (p.get("cue") or {}).get("text")
            notes.append(Note("FP", f"[{speaker} / {cue}] {str(p.get('text', ''))[:90]!r}"))
    return notes


def speech_view(
    golds: list[GoldClaim], preds: list[Mapping[str, Any]], text: str, rules: ConflictRules
) -> tuple[list[GoldClaim], list[Mapping[str, Any]]]:
    """Gold claims whose cue is a speech act, and predicted ones with a speech cue that do not
    pair with a non-speech gold claim (those are outside the comparison, neither right nor
    wrong), as PolNeAR's ``--speech-only`` does."""
    pairs = pair(golds, preds, text, rules.min_cover)
    outside = {pi for gi, pi, _ in pairs if not speech_cue(golds[gi].cue)}
    kept = [
        p for i, p in enumerate(preds)
        if i not in outside and speech_cue((p.get("cue") or {}).get("text"))
    ]  # fmt: skip
    return [g for g in golds if speech_cue(g.cue)], kept


def score_article(
    gold_name: str,
    gold: GoldArticle,
    pred: Mapping[str, Any] | None,
    text: str,
    rules: ConflictRules,
    error: str | None = None,
) -> ArticleScore:
    """Score one article; ``pred`` is None when claimx failed on it (its gold claims are misses)."""
    found = pred or {}
    golds, preds = list(gold.claims), list(found.get("claims") or ())
    if rules.speech_only:
        golds, preds = speech_view(golds, preds, text, rules)
    pairs = pair(golds, preds, text, rules.min_cover)
    tally = Tally(articles=1, failed=int(pred is None), gold=len(golds), pred=len(preds),
                  content_tp=len(pairs), speaker_tp=sum(ok for _, _, ok in pairs))  # fmt: skip
    notes: list[Note] = []
    for gi, pi, ok in pairs:
        claim, predicted = golds[gi], preds[pi]
        if not ok:
            speaker = predicted.get("speaker") or {}
            notes.append(Note("SPEAKER", f"gold={claim.speaker!r} pred={speaker.get('name')!r}/"
                                         f"{speaker.get('text')!r}: {claim.where!r}"))  # fmt: skip
        counts, field_notes = field_tally(claim, predicted, rules)
        tally, notes = tally + counts, notes + field_notes
    notes += unpaired_notes(golds, preds, pairs)
    tally += conflict_tally(gold, found)
    return ArticleScore(gold_name, gold.file, tally, len(pairs), tuple(notes), error)


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def f1(precision: float, recall: float) -> float:
    # from the rounded precision and recall, as the reference scorer does, so figures agree
    return round(2 * precision * recall / (precision + recall), 3) if precision and recall else 0.0


PAIR_RATES = (("cue_accuracy", "cue"), ("kind_accuracy", "kind"), ("status_accuracy", "status"),
              ("status_fp_rate", "status_fp"), ("quantity_recall", "quantities"),
              ("date_recall", "dates"), ("location_recall", "locations"))  # fmt: skip


def summary(t: Tally) -> dict[str, Any]:
    """The figures of a tally; rates over matched pairs carry their number of cases ``n``."""
    result: dict[str, Any] = {
        "articles": t.articles,
        "failed": t.failed,
        "gold": t.gold,
        "predicted": t.pred,
    }
    for name, tp in (("content", t.content_tp), ("content_speaker", t.speaker_tp)):
        p, r = ratio(tp, t.pred) or 0.0, ratio(tp, t.gold) or 0.0
        result[name] = {"tp": tp, "precision": p, "recall": r, "f1": f1(p, r)}
    result["pairs"] = {
        label: {
            "rate": ratio(getattr(t, f"{k}_ok"), getattr(t, f"{k}_n")),
            "n": getattr(t, f"{k}_n"),
        }
        for label, k in PAIR_RATES
    }
    result["conflicts"] = {"gold": t.conf_gold, "predicted": t.conf_pred,
                           "precision": ratio(t.conf_prec, t.conf_pred),
                           "recall": ratio(t.conf_rec, t.conf_gold)}  # fmt: skip
    return result


@dataclass(frozen=True)
class ConflictReport:
    """Article scores in gold order; totals by gold file and over all of them."""

    names: tuple[str, ...]
    articles: tuple[ArticleScore, ...]

    def tally(self, name: str | None = None) -> Tally:
        chosen = (a.tally for a in self.articles if name is None or a.gold_name == name)
        return sum(chosen, Tally())

    @property
    def failed(self) -> list[str]:
        return [a.file for a in self.articles if a.tally.failed]

    def to_dict(self, verbose: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"format": "conflict", "all": summary(self.tally())}
        data["by_gold_file"] = {name: summary(self.tally(name)) for name in self.names}
        if verbose:
            data["articles"] = [article_dict(a) for a in self.articles]
        return data


def article_dict(score: ArticleScore) -> dict[str, Any]:
    t = score.tally
    return {"gold_file": score.gold_name, "file": score.file, "gold": t.gold, "predicted": t.pred,
            "matched": score.matched, "error": score.error,
            "notes": [{"kind": n.kind, "message": n.message} for n in score.notes]}  # fmt: skip
