"""The claims table for any width: a block per claim on narrow terminals, Rich's table on wide
ones, and the "why" of each status (the words and rule that set it) shared by both layouts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from claimx.cli.render.parts import (
    article_title,
    clean,
    conflict_line,
    conflicts_by_claim,
    render_conflict_panel,
    status_why,
)
from claimx.records import Article, Claim, Conflict

# Below this width the table's fixed columns (id, speaker, cue, status, facts: about 80
# characters with borders) leave the content under 40 characters: blocks read better.
TABLE_MIN_WIDTH = 120
INDENT = "    "
FACT_LINES = (("numbers", "quantities"), ("places", "locations"), ("dates", "dates"))


# Terminal control characters in article text could move the cursor or recolour the screen.
@dataclass(frozen=True)
class View:
    """How a person wants the claims shown: ``width`` in columns (None: the console's own),
    ``explain`` adds the rule id of each claim's cue, ``fields`` (dotted paths) shows only
    those fields, one column each."""

    width: int | None = None
    explain: bool = False
    fields: tuple[str, ...] = ()
    crlf: bool = False


DEFAULT_VIEW = View()


def said_text(claim: Claim) -> str:
    text = " … ".join(part.text for part in claim.parts) if claim.parts else claim.text
    return clean(text)


def claim_head(claim: Claim, explain: bool) -> Any:
    """Line 1 of a block: id, speaker (role, via), cue, status and kind."""
    from rich.text import Text

    from claimx.cli.render.parts import STATUS_STYLES

    speaker = claim.speaker
    head = Text()
    head.append(f"{claim.id:<4}", style="bold")
    head.append(clean(speaker.name) if speaker else "—", style="bold")
    if speaker and speaker.role:
        head.append(f" ({clean(speaker.role)})", style="dim")
    if claim.via:
        head.append(f" via {clean(claim.via.name)}", style="dim")
    head.append(" · ")
    head.append(clean(claim.cue.text) if claim.cue else "—", style="cyan")
    if explain and claim.cue:
        head.append(f" (rule {claim.cue.rule})", style="dim")
    head.append(" · ")
    head.append(str(claim.status), style=STATUS_STYLES.get(claim.status, "default"))
    head.append(f" ({claim.kind})", style="dim")
    return head


def claim_block(claim: Claim, conflicts: list[Conflict], explain: bool, console: Any) -> list[Any]:
    """The lines of one claim: head, content, then why / conflicts / facts when present, wrapped
    to the console's width under a hanging indent."""
    from rich.text import Text

    from claimx.cli.render.parts import fact_summary

    lines: list[Any] = [claim_head(claim, explain)]
    labelled = [("why", status_why(claim))]
    labelled += [("conflict", conflict_line(k)) for k in conflicts]
    labelled += [(label, clean(fact_summary(claim, f))) for label, f in FACT_LINES]
    body = [Text(said_text(claim))]
    body += [Text.assemble((f"{label}: ", "dim"), value) for label, value in labelled if value]
    for text in body:
        for line in text.wrap(console, console.width - len(INDENT), overflow="fold"):
            line.rstrip()
            lines.append(Text(INDENT) + line)
    return lines


def render_blocks(articles: Sequence[Article], console: Any, explain: bool = False) -> None:
    """Print each article as a title rule and one block per claim, then its conflicts."""
    from rich.rule import Rule
    from rich.text import Text

    for article in articles:
        if article.error:
            console.print(Text(f"{clean(article.source)}: {clean(article.error.message)}",
                               style="bold red"))  # fmt: skip
            continue
        console.print(Rule(Text(article_title(article)), align="left"))
        index = conflicts_by_claim(article)
        for claim in article.claims:
            for line in claim_block(claim, index.get(claim.id, []), explain, console):
                console.print(line)
            console.print()
        if not article.claims:
            console.print(Text("no claims", style="dim"))
        render_narration(article, console)
        render_conflict_panel(article, console)


def render_narration(article: Article, console: Any) -> None:
    """``--all``: a block per sentence that holds no claim but carries facts."""
    from rich.text import Text

    from claimx.cli.render.parts import facts_line, narration_of

    for ident, sentence in narration_of(article):
        console.print(Text.assemble((f"{ident:<4}", "bold"), ("narration", "dim")))
        body = [Text(clean(sentence["text"]))]
        body += [
            Text.assemble((f"{label}: ", "dim"), clean(facts_line(field, sentence[field])))
            for label, field in FACT_LINES
            if sentence[field]
        ]
        print_indented(body, console)
        console.print()


def print_indented(body: list[Any], console: Any) -> None:
    from rich.text import Text

    for text in body:
        for line in text.wrap(console, console.width - len(INDENT), overflow="fold"):
            line.rstrip()
            console.print(Text(INDENT) + line)


def render_claims(articles: Sequence[Article], console: Any, view: View = DEFAULT_VIEW) -> None:
    """The claims table that fits the console: blocks below TABLE_MIN_WIDTH, else a table."""
    from claimx.cli.render.table import render_table

    if view.fields:
        render_fields(articles, console, view.fields)
    elif console.width < TABLE_MIN_WIDTH:
        render_blocks(articles, console, view.explain)
    else:
        render_table(articles, console, view.explain)


def shown(value: Any) -> str:
    """A field value in a cell: lists and objects as compact JSON, null as a dash."""
    import json

    if value is None:
        return "—"
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def render_fields(articles: Sequence[Article], console: Any, fields: tuple[str, ...]) -> None:
    """``--fields``: a table per article with one column per field (any width: Rich folds)."""
    from rich.table import Table
    from rich.text import Text

    from claimx.claims.select import value_at

    for article in articles:
        if article.error:
            console.print(Text(f"{clean(article.source)}: {clean(article.error.message)}",
                               style="bold red"))  # fmt: skip
            continue
        table = Table(title=Text(article_title(article)), expand=True)
        for name in fields:
            table.add_column(name, overflow="fold")
        for claim in article.to_dict()["claims"]:
            table.add_row(*(Text(clean(shown(value_at(claim, name)))) for name in fields))
        console.print(table)
