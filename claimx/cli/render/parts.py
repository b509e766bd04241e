"""What the table and the block layout share: terminal-safe text, status colours, fact labels,
the status explanation and the conflicts panel."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from claimx.records import Article, Claim, Conflict

STATUS_STYLES = {
    "asserted": "default",  # the terminal's own text colour: readable on light and dark themes
    "confirmed": "green",
    "denied": "red",
    "disputed": "magenta",
    "unverified": "yellow",
    "hedged": "cyan",
}


# Article text and file names are untrusted: escape sequences (CSI, OSC, other ESC), control
# characters and bidirectional overrides are removed from what reaches a terminal, and Rich
# markup in them is escaped (a file named "[link=file:///etc/passwd]a[/link].txt").
ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, to its terminator
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
)


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def plain(text: object) -> str:
    """``text`` safe for a terminal: escape sequences and control characters removed."""
    return CONTROL.sub("", ESCAPE_SEQUENCE.sub("", str(text)))


def safe(text: object) -> str:
    """``text`` safe for a terminal and as Rich markup."""
    from rich.markup import escape

    return escape(plain(text))


def fact_summary(claim: Any, field: str) -> str:
    """A readable one-cell summary of a claim's list field (the table and the blocks)."""
    return facts_line(field, [asdict(item) for item in getattr(claim, field)])


def facts_line(field: str, items: list[dict[str, Any]]) -> str:
    return "; ".join(fact_label(field, item) for item in items)


def fact_label(field: str, item: dict[str, Any]) -> str:
    """One fact as people read it: "~40 dead (killed)", "Sunday=2025-10-12", "Kosti (Sudan)"."""
    if field == "quantities":
        return quantity_label(item)
    if field == "dates":
        return f"{item['text']}={item['date']}" if item.get("date") else item["text"]
    if field == "locations":
        country = item.get("country")
        return (
            f"{item['name']} ({country})" if country and country != item["name"] else item["name"]
        )
    return item["name"]


def quantity_label(quantity: dict[str, Any]) -> str:
    value, low, high = quantity["value"], quantity["low"], quantity["high"]
    if value is not None:
        number = f"{'~' if quantity['approximate'] else ''}{value:g}"
    elif low is not None and high is not None:
        number = f"{low:g}-{high:g}"
    elif low is not None:
        number = f">{low:g}"
    elif high is not None:
        number = f"<{high:g}"
    else:
        number = quantity["text"]
    event = quantity.get("event")
    parts = [number, quantity.get("unit") or "", f"({event})" if event else ""]
    return " ".join(p for p in parts if p)


def narration_of(article: Article) -> list[tuple[str, dict[str, Any]]]:
    """The facts of the sentences that hold no claim (``--all``), as (id n1, n2..., dict)."""
    if not article.extra.get("narration"):
        return []
    sentences = article.to_dict()["narration"]
    return [(f"n{n}", sentence) for n, sentence in enumerate(sentences, start=1)]


FACT_LABELS = (("n", "quantities"), ("at", "locations"), ("on", "dates"))


def safe_facts(record: dict[str, Any]) -> str:
    """The facts cell of the wide table for a record dict."""
    return "\n".join(
        f"{label}: {safe(facts_line(field, record[field]))}"
        for label, field in FACT_LABELS
        if record.get(field)
    )


def clean(text: str) -> str:
    """Text safe for a terminal (the one sanitiser, render.plain)."""
    from claimx.cli.render.parts import plain

    return plain(text)


def status_why(claim: Claim) -> str:
    """The words and rules that set the status, then the claims that dispute it; "" if none.


    Cues with the same words are grouped: "disputed: 'the accusation' (rules a, b)"."""
    rules: dict[str, list[str]] = {}
    for cue in claim.status_cues:
        rules.setdefault(cue.text, []).append(cue.rule)
    said = "; ".join(
        f"'{clean(text)}' (rule{'s' if len(ids) > 1 else ''} {', '.join(dict.fromkeys(ids))})"
        for text, ids in rules.items()
    )
    parts = [f"{claim.status}: {said}"] if said else []
    if claim.disputed_by:
        parts.append(f"disputed by {', '.join(claim.disputed_by)}")
    return " · ".join(parts)


def conflicts_by_claim(article: Article) -> dict[str, list[Conflict]]:
    index: dict[str, list[Conflict]] = {}
    for conflict in article.conflicts:
        for claim_id in conflict.claims:
            index.setdefault(claim_id, []).append(conflict)
    return index


def conflict_line(conflict: Conflict) -> str:
    """``about: c3 Army 40 vs c7 RSF 12``: each side named by its claim id."""
    sides = " vs ".join(
        f"{claim_id} {clean(speaker)} {value:g}"
        for claim_id, speaker, value in zip(
            conflict.claims, conflict.speakers, conflict.values, strict=False
        )
    )
    return f"{clean(conflict.about)}: {sides}"


def article_title(article: Article) -> str:
    published = f" · published {article.published}" if article.published else ""
    count = len(article.claims)
    return f"{clean(article.source)}{published} · {count} claim{'' if count == 1 else 's'}"


def render_conflict_panel(article: Article, console: Any) -> None:
    """The "Conflicting reports" panel: one line per conflict, its sides named by claim id."""
    from rich.panel import Panel
    from rich.text import Text

    if article.conflicts:
        lines = Text("\n").join(Text(conflict_line(k)) for k in article.conflicts)
        console.print(Panel(lines, title="Conflicting reports", border_style="magenta"))
