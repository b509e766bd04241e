"""One self-contained HTML page per run: each article's text with the speaker, cue and content of
every claim highlighted (displaCy-style labels, status colours), its claims, and its conflicts.

Inline CSS only: no script, font or image, so the page opens offline and can be mailed around.
Overlapping and nested spans are split at every boundary, and every piece of text is escaped."""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from claimx.cli.render.blocks import FACT_LINES, said_text
from claimx.cli.render.parts import clean, conflict_line, fact_summary, status_why
from claimx.records import Article, Claim, Conflict

STATUS_COLOURS = {
    "asserted": "#e4e4e7",
    "confirmed": "#bbf7d0",
    "denied": "#fecaca",
    "disputed": "#f5d0fe",
    "unverified": "#fde68a",
    "hedged": "#a5f3fc",
}

CSS = """
body { font: 16px/1.6 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
       color: #18181b; background: #fff; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.text { white-space: pre-wrap; line-height: 2.4; border: 1px solid #e4e4e7; padding: 1rem;
        border-radius: .4rem; }
mark { padding: .15em .2em; border-radius: .3em; color: inherit; }
mark.speaker { background: #bfdbfe; font-weight: 600; }
mark.cue { background: #ddd6fe; font-style: italic; }
mark mark { border-bottom: 2px solid #52525b; }
mark.why { background: none; border-bottom: 2px dashed #7e22ce; }
.lab { font-size: .62em; font-weight: 700; text-transform: uppercase; margin-left: .3em;
       vertical-align: middle; color: #3f3f46; } .lab a { color: inherit; text-decoration: none; }
.claims { list-style: none; padding-left: 0; } .claims li { margin: .6rem 0; } .claims li:target, mark:target { outline: 3px solid #f97316; }
.meta { color: #52525b; font-size: .9em; } .why { color: #7e22ce; font-size: .9em; }
.pill { border-radius: .3em; padding: 0 .4em; font-size: .85em; font-weight: 600; }
.legend span { margin-right: .6em; }
"""


@dataclass(frozen=True)
class Mark:
    """One highlighted span of the text: its role, and the claims it plays it in (a speaker or
    cue shared by several claims is one mark)."""

    start: int
    end: int
    role: str
    claims: tuple[str, ...]
    status: str


def status_css() -> str:
    return "\n".join(
        f"mark.content.{s}, .pill.{s} {{ background: {c}; }}" for s, c in STATUS_COLOURS.items()
    )


def claim_spans(claim: Claim) -> Iterator[tuple[int, int, str]]:
    if claim.speaker:
        yield claim.speaker.start, claim.speaker.end, "speaker"
    if claim.cue:
        yield claim.cue.start, claim.cue.end, "cue"
    for part in claim.parts or ():
        yield part.start, part.end, "content"
    if not claim.parts:
        yield claim.start, claim.end, "content"
    for cue in claim.status_cues:
        yield cue.start, cue.end, "why"


def claim_marks(claims: Sequence[Claim]) -> list[Mark]:
    """The marks of all claims, one per distinct (start, end, role); the first claim's status
    colours a content span that several claims share."""
    grouped: dict[tuple[int, int, str], list[Claim]] = {}
    for claim in claims:
        for span in claim_spans(claim):
            grouped.setdefault(span, []).append(claim)
    return [
        Mark(start, end, role, tuple(c.id for c in owners), str(owners[0].status))
        for (start, end, role), owners in grouped.items()
    ]


def segments(text: str, marks: Sequence[Mark]) -> Iterator[tuple[int, int, list[Mark]]]:
    """(start, end, open marks, outermost first) for each piece between two span boundaries.

    A sweep over the sorted boundaries: cost grows with the text and the marks, not their pairs."""
    marks = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)),
                   key=lambda m: (m.start, -m.end))  # fmt: skip
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    active: list[tuple[int, int, Mark]] = []  # heap by end, to drop closed marks
    following = 0
    for start, end in pairwise(cuts):
        while following < len(marks) and marks[following].start == start:
            heapq.heappush(active, (marks[following].end, following, marks[following]))
            following += 1
        while active and active[0][0] <= start:
            heapq.heappop(active)
        yield start, end, [mark for _, _, mark in sorted(active, key=lambda item: item[1])]


def mark_html(prefix: str, mark: Mark, inner: str, first: bool, last: bool) -> str:
    """A <mark> for one piece of a span; its first piece is the anchor, its last the label."""
    anchor = ""
    if first and mark.role == "content":
        anchor = f' id="{prefix}-content-{mark.claims[0]}"'
    label = ""
    if last:
        links = " ".join(f'<a href="#{prefix}-claim-{c}">{c}</a>' for c in mark.claims)
        role = "" if mark.role == "content" else f" {mark.role}"
        label = f'<span class="lab">{links}{role}</span>'
    return (f'<mark class="{mark.role} {mark.status}" data-claim="{" ".join(mark.claims)}" '
            f'data-role="{mark.role}"{anchor}>{inner}{label}</mark>')  # fmt: skip


def text_html(text: str, claims: Sequence[Claim], prefix: str) -> str:
    """The article text, escaped, with every claim's spans nested as <mark> elements."""
    marks = claim_marks(claims)
    out = []
    for start, end, open_marks in segments(text, marks):
        inner = escape(clean(text[start:end]))
        for mark in reversed(open_marks):
            inner = mark_html(prefix, mark, inner, mark.start == start, mark.end == end)
        out.append(inner)
    return f'<div class="text">{"".join(out)}</div>'


def claim_item(claim: Claim, prefix: str) -> str:
    """One claim in the list: id (a link to its text), speaker, cue, status, content, why."""
    who = escape(clean(claim.speaker.name)) if claim.speaker else "—"
    if claim.speaker and claim.speaker.role:
        who += f' <span class="meta">({escape(clean(claim.speaker.role))})</span>'
    if claim.via:
        who += f' <span class="meta">via {escape(clean(claim.via.name))}</span>'
    cue = escape(clean(claim.cue.text)) if claim.cue else "—"
    lines = [
        f'<a href="#{prefix}-content-{claim.id}"><strong>{claim.id}</strong></a> {who} · <i>{cue}</i> · '
        f'<span class="pill {claim.status}">{claim.status}</span> '
        f'<span class="meta">({claim.kind})</span>',
        f"<div>{escape(said_text(claim))}</div>",
    ]
    why = status_why(claim)
    if why:
        lines.append(f'<div class="why">why: {escape(why)}</div>')
    for label, field in FACT_LINES:
        value = fact_summary(claim, field)
        if value:
            lines.append(f'<div class="meta">{label}: {escape(clean(value))}</div>')
    return f'<li id="{prefix}-claim-{claim.id}">{"".join(lines)}</li>'


def conflict_item(conflict: Conflict, prefix: str) -> str:
    links = " ".join(f'<a href="#{prefix}-claim-{c}">{c}</a>' for c in conflict.claims)
    return f"<li>{escape(conflict_line(conflict))} <span class='meta'>({links})</span></li>"


def article_html(article: Article, text: str | None, number: int) -> str:
    prefix = f"a{number}"
    title = escape(clean(article.source))
    if article.published:
        title += f' <span class="meta">· published {escape(article.published)}</span>'
    parts = [f'<section id="{prefix}"><h1>{title}</h1>']
    if article.error or text is None:
        message = article.error.message if article.error else "no text"
        return parts[0] + f"<p><strong>error:</strong> {escape(clean(message))}</p></section>"
    parts.append(text_html(text, article.claims, prefix))
    parts.append(f"<h2>{len(article.claims)} claims</h2><ol class='claims'>")
    parts += [claim_item(claim, prefix) for claim in article.claims]
    parts.append("</ol>")
    if article.conflicts:
        parts.append("<h2>Conflicting reports</h2><ul class='conflicts'>")
        parts += [conflict_item(conflict, prefix) for conflict in article.conflicts]
        parts.append("</ul>")
    return "".join(parts) + "</section>"


def legend() -> str:
    pills = "".join(f'<span class="pill {s}">{s}</span>' for s in STATUS_COLOURS)
    roles = '<mark class="speaker">speaker</mark> <mark class="cue">cue</mark> '
    roles += '<mark class="why">words that set a status</mark>'
    return f'<p class="legend">{roles}; content by status: {pills}</p>'


def html_page(articles: Sequence[Article], texts: Sequence[str | None]) -> str:
    """The page for a run: ``texts[i]`` is the text ``articles[i]``'s offsets refer to."""
    names = ", ".join(clean(a.source) for a in articles)
    body = "\n".join(
        article_html(article, text, n)
        for n, (article, text) in enumerate(zip(articles, texts, strict=True), start=1)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>claimx: {escape(names)}</title><style>{CSS}{status_css()}</style></head>"
        f"<body>{legend()}\n{body}\n</body></html>\n"
    )
