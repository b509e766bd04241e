"""claimx and textacy's direct_quotations on the same annotated sets, scored by `claimx eval`.

    pip install -r bench/requirements.txt     # textacy 0.13, for this script only (optional)
    python bench/accuracy_bench.py [--gold ../shared/gold/polnear-dev.jsonl]
        [--conflict ../shared/gold/conflict-dev/expected-*.json] [--only polnear|conflict] [--workers 2]

Both systems read the same texts with the same spaCy model (textacy gets the bare pipeline) and
are scored by the same code: claimx.evaluation for PolNeAR (all attributions and speech ones),
claimx.evaluation_conflict for the conflict-news gold (every field `claimx eval` reports).
textacy raises on a document with an odd number of quotation marks; such a document counts as
failed for it (its gold attributions become misses), as the README says. Without textacy
installed its rows are left out.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from claimx.evaluation.attribution import Report, evaluate
from claimx.evaluation.command import (
    claimx_lookup,
    load_conflict_corpus,
    predictions_by_running,
    read_gold,
    score_conflict,
)
from claimx.evaluation.conflict import summary

HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = HERE.parent.parent / "shared" / "gold" / "polnear-dev.jsonl"
DEFAULT_CONFLICT = sorted(
    (HERE.parent.parent / "shared" / "gold" / "conflict-dev").glob("expected-*.json")
)
TEXTACY = "textacy 0.13 direct_quotations"


def have_textacy() -> bool:
    try:
        import textacy  # noqa: F401
    except ImportError:
        return False
    return True


def char_range(tokens) -> dict[str, int | str]:
    return {
        "text": " ".join(t.text for t in tokens),
        "start": min(t.idx for t in tokens),
        "end": max(t.idx + len(t) for t in tokens),
    }


def textacy_lines(texts: list[str]) -> list[dict]:
    """claimx-shaped output lines from textacy.extract.triples.direct_quotations, one per text."""
    import spacy
    from textacy.extract.triples import direct_quotations

    from claimx.run.model import resolve_model_name

    nlp = spacy.load(resolve_model_name())
    lines = []
    for doc in nlp.pipe(texts, batch_size=16):
        try:
            quotes = list(direct_quotations(doc))
        except ValueError as exc:  # unbalanced quotation marks: textacy refuses the document
            lines.append({"claims": [], "error": {"type": "textacy", "message": str(exc)}})
            continue
        claims = [
            {"start": q.content.start_char, "end": q.content.end_char, "text": q.content.text,
             "kind": "direct", "speaker": {**char_range(q.speaker), "name": " ".join(t.text for t in q.speaker)},
             "cue": {**char_range(q.cue), "lemma": " ".join(t.lemma_ for t in q.cue)}}
            for q in quotes
        ]  # fmt: skip
        lines.append({"claims": claims, "conflicts": [], "error": None})
    return lines


def textacy_predictions(gold: list[dict]) -> dict[str, dict]:
    lines = textacy_lines([record["text"] for record in gold])
    return {str(record["id"]): line for record, line in zip(gold, lines, strict=True)}


def row(system: str, scope: str, report: Report, seconds: float) -> str:
    c, e = report.content, report.exact
    return (
        f"| {system} | {scope} | {c.precision:.3f} | {c.recall:.3f} | **{c.f1:.3f}** | {e.f1:.3f} "
        f"| {report.source_accuracy:.3f} | {report.cue_accuracy:.3f} | {len(report.failed)} "
        f"| {seconds:.0f} |"
    )


def polnear_section(args: argparse.Namespace, textacy: bool) -> None:
    gold = read_gold(args.gold)
    systems = []
    started = time.perf_counter()
    systems.append(("claimx", predictions_by_running(gold, args.gold, args.workers, None)))
    seconds = [time.perf_counter() - started]
    if textacy:
        started = time.perf_counter()
        systems.append((TEXTACY, textacy_predictions(gold)))
        seconds.append(time.perf_counter() - started)
    print(f"{len(gold)} documents from {args.gold.name}; min overlap {args.min_overlap}; "
          f"claimx with {args.workers} workers, textacy in one process\n")  # fmt: skip
    print("| system | attributions | precision | recall | content F1 | exact-span F1 "
          "| source acc. | cue acc. | failed docs | seconds |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for speech_only, scope in ((True, "speech only"), (False, "all")):
        for (system, lines), took in zip(systems, seconds, strict=True):
            report = evaluate(gold, lines, args.min_overlap, speech_only)
            print(row(system, scope, report, took))


# (label, how to read it from a summary, whether a quote extractor produces the field)
CONFLICT_ROWS = (
    ("content P / R / F1", lambda s: prf(s["content"]), True),
    ("content + speaker P / R / F1", lambda s: prf(s["content_speaker"]), True),
    ("cue accuracy", lambda s: pair_rate(s, "cue_accuracy"), True),
    ("kind accuracy", lambda s: pair_rate(s, "kind_accuracy"), True),
    ("status accuracy", lambda s: pair_rate(s, "status_accuracy"), False),
    ("status false-positive rate", lambda s: pair_rate(s, "status_fp_rate"), False),
    ("quantity recall", lambda s: pair_rate(s, "quantity_recall"), False),
    ("date recall", lambda s: pair_rate(s, "date_recall"), False),
    ("place recall", lambda s: pair_rate(s, "location_recall"), False),
    ("conflicts P / R (predicted / gold)", lambda s: conflicts(s["conflicts"]), False),
)


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def prf(m: dict) -> str:
    return f"{fmt(m['precision'])} / {fmt(m['recall'])} / **{fmt(m['f1'])}**"


def pair_rate(s: dict, key: str) -> str:
    m = s["pairs"][key]
    return f"{fmt(m['rate'])} (n={m['n']})"


def conflicts(m: dict) -> str:
    return f"{fmt(m['precision'])} / {fmt(m['recall'])} ({m['predicted']} / {m['gold']})"


def conflict_section(args: argparse.Namespace, textacy: bool) -> None:
    if not args.conflict:
        raise SystemExit("no conflict gold files: give --conflict FILE...")
    corpus = load_conflict_corpus(args.conflict, args.articles)
    started = time.perf_counter()
    reports = [("claimx", score_conflict(corpus, claimx_lookup(corpus, args.workers, None)))]
    seconds = [time.perf_counter() - started]
    if textacy:
        started = time.perf_counter()
        paths = sorted(corpus.items)
        lines = dict(zip(paths, textacy_lines([corpus.items[p].text for p in paths]), strict=True))
        reports.append((TEXTACY, score_conflict(corpus, lambda path, _: lines[path])))
        seconds.append(time.perf_counter() - started)
    totals = [summary(report.tally()) for _, report in reports]
    first = totals[0]
    print(f"\n{first['articles']} articles from {', '.join(p.name for p in args.conflict)}: "
          f"{first['gold']} gold claims; claimx with {args.workers} workers\n")  # fmt: skip
    print("| measure | " + " | ".join(name for name, _ in reports) + " |")
    print("| --- |" + " --- |" * len(reports))
    for label, read, quotes in CONFLICT_ROWS:
        cells = [read(s) if i == 0 or quotes else "not produced" for i, s in enumerate(totals)]
        print(f"| {label} | " + " | ".join(cells) + " |")
    print("| predicted claims / failed articles / seconds | " + " | ".join(
        f"{s['predicted']} / {s['failed']} / {took:.0f}" for s, took in zip(totals, seconds, strict=True)
    ) + " |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="PolNeAR JSONL gold")
    parser.add_argument("--conflict", type=Path, nargs="+", default=DEFAULT_CONFLICT,
                        help="conflict-news gold files")  # fmt: skip
    parser.add_argument("--articles", type=Path, help="folder of the conflict gold's articles")
    parser.add_argument("--only", choices=("polnear", "conflict"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--min-overlap", type=float, default=0.3)
    args = parser.parse_args()
    textacy = have_textacy()
    if not textacy:
        print("textacy is not installed (pip install -r bench/requirements.txt): claimx only\n")
    if args.only != "conflict":
        polnear_section(args, textacy)
    if args.only != "polnear":
        conflict_section(args, textacy)


if __name__ == "__main__":
    main()
