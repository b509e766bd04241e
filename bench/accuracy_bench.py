"""claimx and textacy's direct_quotations on the same annotated set, scored by `claimx eval`.

    pip install -r bench/requirements.txt     # textacy 0.13, for this script only
    python bench/accuracy_bench.py [--gold ../shared/gold/polnear-dev.jsonl] [--workers 2]

Both systems read the same texts with the same spaCy model (textacy gets the bare pipeline) and
are scored by the same code (claimx.evaluation), over all attributions and over speech ones.
textacy raises on a document with an odd number of quotation marks; such a document counts as
failed for it (its gold attributions become misses), as the README says.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from claimx.eval_command import predictions_by_running, read_gold
from claimx.evaluation import Report, evaluate

HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = HERE.parent.parent / "shared" / "gold" / "polnear-dev.jsonl"


def char_range(tokens) -> dict[str, int | str]:
    return {
        "text": " ".join(t.text for t in tokens),
        "start": min(t.idx for t in tokens),
        "end": max(t.idx + len(t) for t in tokens),
    }


def textacy_predictions(gold: list[dict]) -> dict[str, dict]:
    """claimx-shaped output lines from textacy.extract.triples.direct_quotations."""
    import spacy
    from textacy.extract.triples import direct_quotations

    from claimx.model import resolve_model_name

    nlp = spacy.load(resolve_model_name())
    lines = {}
    docs = nlp.pipe((record["text"] for record in gold), batch_size=16)
    for record, doc in zip(gold, docs, strict=True):
        try:
            quotes = list(direct_quotations(doc))
        except ValueError as exc:  # unbalanced quotation marks: textacy refuses the document
            lines[str(record["id"])] = {
                "claims": [],
                "error": {"type": "textacy", "message": str(exc)},
            }
            continue
        claims = [
            {"start": q.content.start_char, "end": q.content.end_char, "kind": "direct",
             "speaker": char_range(q.speaker), "cue": char_range(q.cue)}
            for q in quotes
        ]  # fmt: skip
        lines[str(record["id"])] = {"claims": claims, "error": None}
    return lines


def row(system: str, scope: str, report: Report, seconds: float) -> str:
    c, e = report.content, report.exact
    return (
        f"| {system} | {scope} | {c.precision:.3f} | {c.recall:.3f} | **{c.f1:.3f}** | {e.f1:.3f} "
        f"| {report.source_accuracy:.3f} | {report.cue_accuracy:.3f} | {len(report.failed)} "
        f"| {seconds:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--min-overlap", type=float, default=0.3)
    args = parser.parse_args()
    gold = read_gold(args.gold)
    started = time.perf_counter()
    ours = predictions_by_running(gold, args.gold, args.workers, None)
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    theirs = textacy_predictions(gold)
    theirs_seconds = time.perf_counter() - started
    print(f"{len(gold)} documents from {args.gold.name}; min overlap {args.min_overlap}; "
          f"claimx with {args.workers} workers, textacy in one process\n")  # fmt: skip
    print("| system | attributions | precision | recall | content F1 | exact-span F1 "
          "| source acc. | cue acc. | failed docs | seconds |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for speech_only, scope in ((True, "speech only"), (False, "all")):
        for system, lines, seconds in (("claimx", ours, ours_seconds), ("textacy 0.13 direct_quotations", theirs, theirs_seconds)):  # fmt: skip
            report = evaluate(gold, lines, args.min_overlap, speech_only)
            print(row(system, scope, report, seconds))


if __name__ == "__main__":
    main()
