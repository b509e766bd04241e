"""How ``claimx eval`` prints its report: Rich tables or JSON."""

from __future__ import annotations

import json
from enum import StrEnum

import typer


class ReportFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def eval_polnear(gold, pred, speech_only, min_overlap, count, model, output_format, quiet) -> bool:
    from .eval_command import run_eval
    from .evaluation import eval_rules

    report = run_eval(gold, pred, speech_only, min_overlap, count, model, quiet)
    worst = eval_rules().worst_documents
    if output_format == ReportFormat.JSON:
        typer.echo(json.dumps(report.to_dict(worst), indent=2))
    else:
        from rich.console import Console

        from .render import render_report

        scope = "speech attributions" if speech_only else "all attributions"
        render_report(report, worst, f"claimx vs {gold.name} ({scope})", Console())
    return bool(report.failed)


def eval_conflict(
    gold, articles, pred, min_cover, speech_only, count, model, output_format, verbose, quiet
) -> bool:
    from .eval_command import run_conflict_eval

    report = run_conflict_eval(gold, articles, pred, min_cover, count, model, speech_only, quiet)
    if output_format == ReportFormat.JSON:
        typer.echo(json.dumps(report.to_dict(verbose), indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        from .render import render_conflict_report

        names = ", ".join(path.name for path in gold)
        scope = "speech claims" if speech_only else "all claims"
        render_conflict_report(report, f"claimx vs {names} ({scope})", Console(), verbose)
    return bool(report.failed)
