"""``claimx extract``: the claims of one or more articles, printed in the chosen format."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from claimx.claims.select import EVERYTHING, Selection
from claimx.cli.options import (
    FieldsOption,
    FormatOption,
    ModelOption,
    OutputFormat,
    SpeakerFilter,
    SpeechOption,
    StatusOption,
    fail,
)
from claimx.cli.render.blocks import DEFAULT_VIEW, View
from claimx.cli.render.parts import plain
from claimx.errors import ClaimxError

EXAMPLE = (
    "Example: claimx extract samples/politics.txt --status disputed,denied "
    "--fields id,speaker.name,text"
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
