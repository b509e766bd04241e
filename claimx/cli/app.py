"""The ``claimx`` command line. Data goes to stdout, messages to stderr.

Exit codes: 0 success; 1 an article failed during analysis; 2 usage or input error (missing,
unreadable or binary file, bad option); 3 no usable spaCy pipeline; 4 a malformed rule file.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from claimx.claims.select import EVERYTHING, Selection
from claimx.cli.eval_report import ReportFormat, eval_conflict, eval_polnear
from claimx.cli.options import (
    FieldsOption,
    FormatOption,
    ModelOption,
    OutputFormat,
    PlainCommand,
    PlainGroup,
    SpeakerFilter,
    SpeechOption,
    StatusOption,
    show_version,
)
from claimx.cli.render.blocks import DEFAULT_VIEW, View
from claimx.cli.render.parts import plain
from claimx.errors import ClaimxError
from claimx.evaluation.conflict_gold import GoldFormat
from claimx.run.engine_choice import EngineKind

app = typer.Typer(
    cls=PlainGroup,
    add_completion=True,
    no_args_is_help=True,
    help="Attributed claims from news articles: who claims what, through which words.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"claimx: error: {plain(message)}", err=True)
    return typer.Exit(code)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=show_version,
            is_eager=True,
            help="Show the versions of claimx, spaCy, the model and the rules.",
        ),
    ] = False,
) -> None:
    """claimx reads news articles and lists who claims what."""


@app.command(
    cls=PlainCommand,
    epilog="Example: claimx extract samples/politics.txt --status disputed,denied --fields id,speaker.name,text",
)
def extract(
    files: Annotated[
        list[str] | None, typer.Argument(help="Article files; '-' reads stdin.")
    ] = None,
    output_format: FormatOption = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="Publication date.")
    ] = None,
    model: ModelOption = None,
    all_sentences: Annotated[
        bool, typer.Option("--all", help="Also list the facts of sentences that hold no claim.")
    ] = False,
    speech: SpeechOption = False,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=20,
            metavar="N",
            help="Table width in columns (default: the terminal's, "
            "else $COLUMNS, else 80); below 120, one block per claim.",
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Table: also show the rule id of each claim's cue.")
    ] = False,
    status: StatusOption = None,
    speaker: SpeakerFilter = None,
    fields: FieldsOption = None,
    crlf: Annotated[bool, typer.Option("--crlf", help="CSV: end lines in CRLF, not LF.")] = False,
) -> None:
    """Print the attributed claims of one or more articles."""
    from claimx.claims.select import selection
    from claimx.io.textio import check_date_option
    from claimx.run.jobs import extract_texts

    paths = files or (["-"] if not sys.stdin.isatty() else [])
    if not paths:
        raise fail("no input: give a file, or '-' to read stdin", 2)
    try:
        chosen = selection(status, speaker, fields)
        pairs = extract_texts(paths, check_date_option(date), model, all_sentences, speech)
    except ClaimxError as exc:
        raise fail(str(exc), exc.exit_code) from None
    articles = [article for article, _ in pairs]
    view = View(width, explain, chosen.fields, crlf)
    emit(articles, output_format, view, [text for _, text in pairs], chosen)
    errors = [a.error for a in articles if a.error]
    for error in errors:
        typer.echo(f"claimx: error: {plain(error.message)}", err=True)
    if errors:
        raise typer.Exit(2)


def emit(
    articles: list,
    output_format: OutputFormat | None,
    view: View = DEFAULT_VIEW,
    texts=(),
    chosen: Selection = EVERYTHING,
) -> None:
    from claimx.claims.select import filter_article
    from claimx.io import jsonl

    articles = [filter_article(article, chosen) for article in articles]
    shape = output_format or (OutputFormat.TABLE if sys.stdout.isatty() else OutputFormat.JSON)
    if shape == OutputFormat.TABLE:
        from rich.console import Console

        from claimx.cli.render.blocks import render_claims

        # emoji=False: ":name:" in article text stays text
        render_claims(articles, Console(width=view.width, emoji=False), view)
    elif shape == OutputFormat.JSON:
        typer.echo(jsonl.to_json(articles, chosen))
    elif shape == OutputFormat.HTML:
        from claimx.cli.render.html import html_page

        typer.echo(html_page(articles, texts), nl=False)
    elif shape == OutputFormat.JSONL:
        for article in articles:
            typer.echo(jsonl.to_jsonl_line(article, chosen))
    else:
        from claimx.cli.render.csv import to_csv

        typer.echo(to_csv(articles, chosen, view.crlf), nl=False)


@app.command(
    cls=PlainCommand,
    epilog="Example: claimx batch news/ corpus.jsonl --out claims.jsonl --workers 4 --resume",
)
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Folders, files or JSONL corpora; '-' reads JSONL from stdin."),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output JSONL file, one line per article.")
    ],
    glob: Annotated[
        str | None,
        typer.Option("--glob", help="File name pattern in folders (default: .txt .md .html .htm)."),
    ] = None,
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the id.")] = "id",
    date_field: Annotated[
        str | None,
        typer.Option(
            help="JSONL field with the publication date (default: published, publication_date, date or the same under meta.; dotted paths allowed)."
        ),
    ] = None,
    title_field: Annotated[
        str | None, typer.Option(help="JSONL field with the title, copied to the output.")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Processes, or Dask workers (default: CPU count)."
        ),
    ] = None,
    engine: Annotated[
        EngineKind, typer.Option(help="local: this machine's processes; dask: a Dask cluster.")
    ] = EngineKind.LOCAL,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: a LocalCluster."),
    ] = None,
    partition_size: Annotated[int, typer.Option(min=1, help="Articles per Dask task.")] = 32,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Skip ids already in --out and repair a torn last line."),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing --out.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")
    ] = False,
    model: ModelOption = None,
    speech: SpeechOption = False,
    follow_symlinks: Annotated[
        bool,
        typer.Option("--follow-symlinks", help="Read linked files outside the input folder."),
    ] = False,
    status: StatusOption = None,
    speaker: SpeakerFilter = None,
    fields: FieldsOption = None,
) -> None:
    """Analyse many articles into a JSONL file: streaming, in input order, resumable."""
    from claimx.claims.select import selection
    from claimx.cli.batch import run
    from claimx.run.engine_choice import EngineChoice

    if scheduler and engine != EngineKind.DASK:
        raise fail("--scheduler needs --engine dask", 2)
    choice = EngineChoice(engine, workers, model, scheduler, partition_size)
    try:
        chosen = selection(status, speaker, fields)
        names = (text_field, id_field, date_field, title_field)
        summary = run(
            inputs,
            out,
            glob,
            names,
            choice,
            resume,
            force,
            quiet,
            speech,
            follow_symlinks,
            chosen,
            sys.argv[1:],
        )
    except ClaimxError as exc:
        raise fail(str(exc), exc.exit_code) from None
    if summary.failures:
        raise typer.Exit(1)


@app.command(
    "eval", cls=PlainCommand, epilog="Example: claimx eval gold.jsonl --speech-only --workers 2"
)
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


@app.command(cls=PlainCommand, epilog="Example: claimx info --model en_core_web_md")
def info(model: ModelOption = None) -> None:
    """Show the spaCy pipeline in use and the rule files loaded from models/."""
    from claimx.cli.info import describe

    try:
        typer.echo(describe(model))
    except ClaimxError as exc:
        raise fail(str(exc), exc.exit_code) from None


def main() -> None:
    """Console entry point: run the app, then leave without the interpreter's teardown, which
    frees a loaded model's objects one by one (about 0.2 s of the 1.5 s an ``extract`` takes)."""
    try:
        app()
    except SystemExit as exit_:
        fast_exit(exit_.code)
    fast_exit(0)


def fast_exit(code: int | str | None) -> None:
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    with contextlib.suppress(BrokenPipeError):  # the reader left (`| head`): nothing to add
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code or 0)
