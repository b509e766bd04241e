"""``claimx eval``: score claimx against annotated gold (PolNeAR JSONL or conflict-news JSON)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from claimx.cli.eval_report import ReportFormat, eval_conflict, eval_polnear
from claimx.cli.options import ModelOption, fail
from claimx.errors import ClaimxError
from claimx.evaluation.conflict_gold import GoldFormat

EXAMPLE = "Example: claimx eval gold.jsonl --speech-only --workers 2"


def evaluate(
    gold: Annotated[
        list[Path],
        typer.Argument(
            help="Annotated JSONL (PolNeAR layout), or conflict-news JSON files (see README)."
        ),
    ],
    pred: Annotated[
        Path | None,
        typer.Option("--pred", help="Score this `claimx batch` output instead of running claimx."),
    ] = None,
    speech_only: Annotated[
        bool, typer.Option("--speech-only", help="Only attributions whose cue is a speech verb.")
    ] = False,
    min_overlap: Annotated[
        float | None,
        typer.Option(
            help="Content overlap needed: PolNeAR, a share of both spans' lengths (0.3); "
            "conflict gold, a share of the gold span (0.6)."
        ),
    ] = None,
    gold_format: Annotated[
        GoldFormat, typer.Option("--gold-format", help="auto (detect), polnear or conflict.")
    ] = GoldFormat.AUTO,
    articles: Annotated[
        Path | None,
        typer.Option(
            "--articles",
            help="Conflict gold: folder holding the gold's article files "
            "(default: the gold file's folder).",
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Conflict gold: list each article's misses, false positives and field errors.",
        ),
    ] = False,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="table or json.")
    ] = ReportFormat.TABLE,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Processes (default: CPU count).")
    ] = None,
    model: ModelOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Score claimx against human-annotated attributions: precision, recall, F1 and more."""
    count = workers or os.cpu_count() or 1
    try:
        chosen = gold_kind(gold, gold_format)
        if chosen == GoldFormat.CONFLICT:
            failed = eval_conflict(gold, articles, pred, min_overlap, speech_only, count, model,
                                   output_format, verbose, quiet)  # fmt: skip
        else:
            if articles is not None:
                raise fail("--articles is for conflict gold", 2)
            overlap = 0.3 if min_overlap is None else min_overlap
            failed = eval_polnear(
                gold[0], pred, speech_only, overlap, count, model, output_format, quiet
            )
    except ClaimxError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except (TypeError, KeyError, AttributeError, ValueError, IndexError) as exc:
        # the readers check the shapes they know; anything else malformed still gets one line
        raise fail(f"malformed gold or predictions ({type(exc).__name__}: {exc})", 2) from None
    if failed:
        raise typer.Exit(1)


def gold_kind(gold: list[Path], requested: GoldFormat) -> GoldFormat:
    """The gold format asked for, or the one detected (every file must agree)."""
    from claimx.evaluation.conflict_gold import detect

    found = {detect(path) for path in gold} if requested == GoldFormat.AUTO else {requested}
    if len(found) > 1:
        raise fail("the gold files mix PolNeAR JSONL and conflict JSON", 2)
    kind = found.pop()
    if kind == GoldFormat.POLNEAR and len(gold) > 1:
        raise fail("PolNeAR gold is one JSONL file", 2)
    return kind
