"""The claims table for wide terminals, the labels both layouts share, and the eval reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from claimx.cli.render.parts import FACT_LABELS, STATUS_STYLES, narration_of, safe, safe_facts
from claimx.records import Article, Claim

TABLE_COLUMNS = (  # name, style, maximum width (None: the content column takes the rest)
    ("#", "dim", 4), ("speaker", "bold", 18), ("cue", "cyan", 10), ("status", "", 10),
    ("content", "", None), ("facts", "dim", 20),
)  # fmt: skip


def render_table(articles: Sequence[Article], console: Any, explain: bool = False) -> None:
    """Print a Rich table per article; status is shown as a word as well as a colour, and why
    under the content; ``explain`` adds the cue's rule id."""
    from rich.table import Table

    for article in articles:
        title = safe(article.source) + (
            f" · published {safe(article.published)}" if article.published else ""
        )
        if article.error:
            console.print(f"[bold red]{safe(article.source)}: {safe(article.error.message)}[/]")
            continue
        table = Table(title=title, show_lines=True, expand=True)
        for column, style, width in TABLE_COLUMNS:
            table.add_column(column, style=style, overflow="fold", max_width=width,
                             min_width=20 if width is None else None, ratio=1 if width is None else None)  # fmt: skip
        for claim in article.claims:
            table.add_row(*table_cells(claim, explain))
        for ident, sentence in narration_of(article):
            table.add_row(ident, "—", "—", "[dim]narration[/]", safe(sentence["text"]),
                          safe_facts(sentence))  # fmt: skip
        console.print(table)
        render_conflicts(article, console)


def table_cells(claim: Claim, explain: bool = False) -> tuple[str, ...]:
    from claimx.cli.render.parts import status_why

    speaker = claim.speaker
    who = safe(speaker.name) if speaker else "—"
    if speaker and speaker.role:
        who += f"\n[dim]{safe(speaker.role)}[/]"
    if claim.via:
        who += f"\n[dim]via {safe(claim.via.name)}[/]"
    status = f"[{STATUS_STYLES.get(claim.status, 'white')}]{safe(claim.status)}[/]"
    facts = safe_facts({f: [asdict(x) for x in getattr(claim, f)] for _, f in FACT_LABELS})
    cue = safe(claim.cue.text) if claim.cue else "—"
    if explain and claim.cue:
        cue += f"\n[dim]rule {safe(claim.cue.rule)}[/]"
    said = " … ".join(part.text for part in claim.parts) if claim.parts else claim.text
    why = status_why(claim)
    said = safe(said) + (f"\n[dim]why: {safe(why)}[/]" if why else "")
    return (safe(claim.id), who, cue, f"{status}\n[dim]{safe(claim.kind)}[/]", said, facts)


def render_conflicts(article: Article, console: Any) -> None:
    from claimx.cli.render.parts import render_conflict_panel

    render_conflict_panel(article, console)
