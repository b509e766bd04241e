"""How ``claimx eval`` prints its report: Rich tables or JSON."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import partial
from typing import Any

import typer

from claimx.cli.progress import show_progress, tracked
from claimx.cli.render.parts import plain, safe
from claimx.evaluation.command import Track


def progress(quiet: bool) -> Track:
    """The progress bar ``claimx eval`` shows on a terminal while claimx runs over the gold."""
    return partial(tracked, label="claimx eval", show=show_progress(quiet))


class ReportFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def eval_polnear(gold, pred, speech_only, min_overlap, count, model, output_format, quiet) -> bool:
    from claimx.evaluation.command import run_eval
    from claimx.rules.evaluation import eval_rules

    report = run_eval(gold, pred, speech_only, min_overlap, count, model, progress(quiet))
    worst = eval_rules().worst_documents
    if output_format == ReportFormat.JSON:
        typer.echo(json.dumps(report.to_dict(worst), indent=2))
    else:
        from rich.console import Console

        from claimx.cli.eval_report import render_report

        scope = "speech attributions" if speech_only else "all attributions"
        render_report(report, worst, f"claimx vs {gold.name} ({scope})", Console())
    return bool(report.failed)


def eval_conflict(
    gold, articles, pred, min_cover, speech_only, count, model, output_format, verbose, quiet
) -> bool:
    from claimx.evaluation.command import run_conflict_eval

    report = run_conflict_eval(
        gold, articles, pred, min_cover, count, model, speech_only, progress(quiet)
    )
    if output_format == ReportFormat.JSON:
        typer.echo(json.dumps(report.to_dict(verbose), indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        from claimx.cli.eval_report import render_conflict_report

        names = ", ".join(path.name for path in gold)
        scope = "speech claims" if speech_only else "all claims"
        render_conflict_report(report, f"claimx vs {names} ({scope})", Console(), verbose)
    return bool(report.failed)


def render_report(report: Any, worst: int, title: str, console: Any) -> None:
    """Print ``claimx eval``'s tables: the scores, the breakdown by kind, the worst documents."""
    from rich.table import Table

    scores = Table(title=safe(title))
    for column in ("measure", "precision", "recall", "F1", "gold", "predicted", "matched"):
        scores.add_column(column, justify="left" if column == "measure" else "right")
    for name, counts in (("content overlap", report.content), ("exact span", report.exact)):
        scores.add_row(name, *count_cells(counts))
    paired = report.content.matched_gold
    scores.add_row("source accuracy", "", "", f"{report.source_accuracy:.3f}", "", "", str(paired))
    scores.add_row("cue accuracy", "", "", f"{report.cue_accuracy:.3f}", "", "", str(paired))
    console.print(scores)
    kinds = Table(title="by kind (gold kind for recall, predicted kind for precision)")
    for column in ("kind", "precision", "recall", "F1", "gold", "predicted", "matched"):
        kinds.add_column(column, justify="left" if column == "kind" else "right")
    for kind, counts in sorted(report.by_kind.items()):
        kinds.add_row(kind, *count_cells(counts))
    console.print(kinds)
    worst_table = Table(title=f"{worst} worst documents (content F1)")
    for column in ("id", "F1", "gold", "predicted", "matched"):
        worst_table.add_column(column, justify="left" if column == "id" else "right")
    for doc in report.worst(worst):
        c = doc.content
        worst_table.add_row(
            safe(doc.id), f"{c.f1:.3f}", str(c.gold), str(c.pred), str(c.matched_gold)
        )
    console.print(worst_table)
    console.print(f"{len(report.documents)} documents, {len(report.failed)} failed")


def count_cells(counts: Any) -> tuple[str, ...]:
    return (
        f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}",
        str(counts.gold), str(counts.pred), str(counts.matched_gold),
    )  # fmt: skip


PAIR_LABELS = {
    "cue_accuracy": "cue accuracy", "kind_accuracy": "kind accuracy",
    "status_accuracy": "status accuracy", "status_fp_rate": "status FP rate",
    "quantity_recall": "quantity recall", "date_recall": "date recall",
    "location_recall": "location recall",
}  # fmt: skip


def rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_conflict_report(report: Any, title: str, console: Any, verbose: bool) -> None:
    """Print ``claimx eval``'s figures on conflict-news gold; ``verbose`` first lists each
    article's misses, false positives and field errors."""
    from claimx.evaluation.conflict import summary

    if verbose:
        render_conflict_notes(report, console)
    total = summary(report.tally())
    console.print(conflict_table(total, f"{title}: {total['articles']} articles ({total['failed']} "
                                 f"failed), {total['gold']} gold claims, {total['predicted']} predicted"))  # fmt: skip
    if len(report.names) > 1:
        console.print(by_gold_file_table(report))


def conflict_table(total: dict[str, Any], title: str) -> Any:
    from rich.table import Table

    table = Table(title=safe(title))
    for column in ("measure", "n", "precision", "recall", "F1 / rate"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for key, label in (("content", "content"), ("content_speaker", "content + speaker")):
        m = total[key]
        table.add_row(label, str(m["tp"]), rate(m["precision"]), rate(m["recall"]), rate(m["f1"]))
    for key, label in PAIR_LABELS.items():
        m = total["pairs"][key]
        table.add_row(label, str(m["n"]), "", "", rate(m["rate"]))
    c = total["conflicts"]
    table.add_row("conflicts", f"{c['predicted']} pred / {c['gold']} gold",
                  rate(c["precision"]), rate(c["recall"]), "")  # fmt: skip
    return table


def by_gold_file_table(report: Any) -> Any:
    from rich import box
    from rich.table import Table

    from claimx.evaluation.conflict import summary

    table = Table(title="by gold file: content F1, + speaker F1, rates over matched pairs",
                  box=box.SIMPLE_HEAD)  # fmt: skip
    columns = ("gold file", "content", "+speaker", "status", "st. FP", "qty", "date", "place")
    for column in columns:
        table.add_column(column, justify="left" if column == "gold file" else "right",
                         no_wrap=column == "gold file")  # fmt: skip
    keys = (
        "status_accuracy",
        "status_fp_rate",
        "quantity_recall",
        "date_recall",
        "location_recall",
    )
    for name in report.names:
        s = summary(report.tally(name))
        table.add_row(safe(name), rate(s["content"]["f1"]), rate(s["content_speaker"]["f1"]),
                      *(rate(s["pairs"][k]["rate"]) for k in keys))  # fmt: skip
    return table


def render_conflict_notes(report: Any, console: Any) -> None:
    for article in report.articles:
        t = article.tally
        failed = f"  FAILED ({article.error})" if article.error else ""
        head = f"{article.gold_name} {article.file}: gold {t.gold}, pred {t.pred}, matched {article.matched}{failed}"
        console.print(plain(head), markup=False, highlight=False, soft_wrap=True)
        for note in article.notes:
            console.print(
                plain(f"  {note.kind} {note.message}"),
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
