"""Rendering Article records: a Rich table for people, JSON / JSONL for programs (CSV:
render_csv)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict
from enum import StrEnum
from typing import Any

from .records import Article, Claim
from .select import EVERYTHING, Selection, select_article_dict

STATUS_STYLES = {
    "asserted": "default",  # the terminal's own text colour: readable on light and dark themes
    "confirmed": "green",
    "denied": "red",
    "disputed": "magenta",
    "unverified": "yellow",
    "hedged": "cyan",
}
TABLE_COLUMNS = (  # name, style, maximum width (None: the content column takes the rest)
    ("#", "dim", 4), ("speaker", "bold", 18), ("cue", "cyan", 10), ("status", "", 10),
    ("content", "", None), ("facts", "dim", 20),
)  # fmt: skip


# Article text and file names are untrusted: escape sequences (CSI, OSC, other ESC), control
# characters and bidirectional overrides are removed from what reaches a terminal, and Rich
# markup in them is escaped (a file named "[link=file:///etc/passwd]a[/link].txt").
ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, to its terminator
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# JSON escapes C0 controls itself; C1 controls (U+0080-U+009F, 8-bit CSI among them) are
# written as \u escapes too, and lone surrogates, which UTF-8 cannot hold, as U+FFFD.
JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff]")


def plain(text: object) -> str:
    """``text`` safe for a terminal: escape sequences and control characters removed."""
    return CONTROL.sub("", ESCAPE_SEQUENCE.sub("", str(text)))


def safe(text: object) -> str:
    """``text`` safe for a terminal and as Rich markup."""
    from rich.markup import escape

    return escape(plain(text))


def json_safe(line: str) -> str:
    def replace(found: re.Match[str]) -> str:
        char = found.group()
        return "\ufffd" if "\ud800" <= char <= "\udfff" else f"\\u{ord(char):04x}"

    return JSON_UNSAFE.sub(replace, line)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    HTML = "html"


def to_json(articles: Sequence[Article], chosen: Selection = EVERYTHING) -> str:
    """One object for one article, an array for several (the documented contract); ``chosen``
    filters the claims and keeps only some of their fields."""
    data: Any = [select_article_dict(a.to_dict(), chosen) for a in articles]
    if len(articles) == 1:
        data = data[0]
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))


def to_jsonl_line(article: Article, chosen: Selection = EVERYTHING) -> str:
    return compact_json(select_article_dict(article.to_dict(), chosen))


def compact_json(data: Any) -> str:
    """One JSONL line: no spaces, characters as they are."""
    return json_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


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


def table_cells(claim: Claim, explain: bool = False) -> tuple[str, ...]:
    from .render_blocks import status_why

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
    from .render_blocks import render_conflict_panel

    render_conflict_panel(article, console)


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
    from .evaluation_conflict import summary

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

    from .evaluation_conflict import summary

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
