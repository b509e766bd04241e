"""The HTML page: spans split and nested right, all text escaped, every claim highlighted; then
the same checks on the DOM headless Chromium builds, with a screenshot."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimx.api import analyse
from claimx.cli.render.html import html_page
from claimx.cli.render.parts import clean
from claimx.io.textio import read_article
from claimx.records import (
    Article,
    Claim,
    ClaimKind,
    ContentPart,
    Cue,
    Offsets,
    Speaker,
    SpeakerType,
    StatusCue,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Page(HTMLParser):
    """The article text as a reader sees it (labels left out) and the marks that cover it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.marks: list[dict[str, str]] = []
        self.stack: list[tuple[str, str, str]] = []  # (tag, class, "claims/role") of open elements
        self.pieces: list[tuple[str, tuple[str, ...]]] = []  # text and the marks around it
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        mark = f"{values.get('data-claim')}/{values.get('data-role')}" if tag == "mark" else ""
        self.stack.append((tag, values.get("class", ""), mark))
        if tag == "div" and values.get("class") == "text":
            self.texts.append("")
        if tag == "mark" and "data-claim" in values:
            self.marks.append(values)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        classes = [cls for _, cls, _ in self.stack]
        if "text" in classes and "lab" not in classes:
            self.texts[-1] += data
            self.pieces.append((data, tuple(mark for _, _, mark in self.stack if mark)))


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    return parser


def highlighted(page: Page, role: str) -> set[str]:
    return {c for m in page.marks if m["data-role"] == role for c in m["data-claim"].split()}


TEXT = 'Police said <b>"3 & 4"</b> fell, officials said; she said it "could not be verified".'


def at(words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def claim(cid: str, content: tuple[int, int], cue: tuple[int, int], speaker: tuple[int, int]):
    start, end = content
    return Claim(
        id=cid, text=TEXT[start:end], start=start, end=end,
        parts=(ContentPart(TEXT[start:end], start, end),), kind=ClaimKind.INDIRECT,
        sentence=Offsets(0, len(TEXT)), cue=Cue(TEXT[cue[0]:cue[1]], "say", *cue, "say_verb"),
        speaker=Speaker(TEXT[speaker[0]:speaker[1]], "x", SpeakerType.ORG, None, *speaker),
        status_cues=(StatusCue("could not be verified", *at("could not be verified"), "rule"),),
    )  # fmt: skip


# c2's content holds all of c1; c3's content overlaps c2's (starts inside, ends outside).
CLAIMS = (
    claim("c1", at('<b>"3 & 4"</b> fell'), at("said"), at("Police")),
    claim("c2", at('Police said <b>"3 & 4"</b> fell'), at("said", 1), at("officials")),
    claim("c3", (at('4"')[0], at('verified"')[1]), at("said", 2), at("she")),
)


def test_page_keeps_every_character_and_escapes_markup() -> None:
    page = html_page([Article("a<b>.txt", None, claims=CLAIMS)], [TEXT])
    assert "<b>" not in page and "a&lt;b&gt;.txt" in page
    assert not any(asset in page for asset in ("<script", "src=", "url(", "<link", "@import"))
    parsed = parse(page)
    assert parsed.texts == [TEXT]
    assert "b" not in parsed.tags and "script" not in parsed.tags and "link" not in parsed.tags


@pytest.mark.parametrize(
    ("role", "claims"),
    [("content", {"c1", "c2", "c3"}), ("speaker", {"c1", "c2", "c3"}), ("cue", {"c1", "c2", "c3"}),
     ("why", {"c1", "c2", "c3"})],
)  # fmt: skip
def test_every_claim_is_highlighted(role: str, claims: set[str]) -> None:
    page = parse(html_page([Article("x.txt", None, claims=CLAIMS)], [TEXT]))
    assert highlighted(page, role) == claims


def test_shared_spans_are_one_mark_and_overlaps_split() -> None:
    page = html_page([Article("x.txt", None, claims=CLAIMS)], [TEXT])
    assert page.count('data-claim="c1 c2 c3" data-role="why"') == 1
    assert page.count('id="a1-content-c3"') == 1
    assert page.count('<span class="lab"><a href="#a1-claim-c3">c3</a></span>') == 1
    pieces = parse(page).pieces
    assert pieces[4:7] == [
        ('<b>"3 & ', ("c2/content", "c1/content")),
        ('4"</b> fell', ("c2/content", "c1/content", "c3/content")),
        (", ", ("c3/content",)),
    ]
    assert ("could not be verified", ("c3/content", "c1 c2 c3/why")) in pieces


@pytest.mark.parametrize(
    ("article", "text", "present", "absent"),
    [
        (Article("bad.txt", None, error=None), None, "no text", "data-claim"),
        (Article("empty.txt", "2026-01-02"), "", "0 claims", "data-claim"),
    ],
)
def test_pages_without_claims(article, text, present, absent) -> None:
    page = html_page([article], [text])
    assert present in page and absent not in page


def sample_page(nlp, path: Path) -> tuple[str, Article, str]:
    article = read_article(str(path))
    (result,) = analyse(nlp, [(article, None)])
    result = replace(result, source=f"samples/{path.name}")
    return html_page([result], [article.text]), result, article.text


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_page_highlights_every_claim(nlp, sample: Path) -> None:
    page, result, text = sample_page(nlp, sample)
    parsed = parse(page)
    assert parsed.texts == [clean(text)]
    assert highlighted(parsed, "content") == {c.id for c in result.claims}
    assert highlighted(parsed, "speaker") == {c.id for c in result.claims if c.speaker}
    for claim in result.claims:
        assert f'id="a1-claim-{claim.id}"' in page and f'href="#a1-claim-{claim.id}"' in page


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-background-networking", "--no-first-run",
                   f"--user-data-dir={profile}", *args]  # fmt: skip
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_page_in_headless_chromium(nlp, sample: Path, tmp_path: Path) -> None:
    """Chromium's DOM shows every claim highlighted; the screenshot is left in tmp_path (and
    becomes docs/html-example.png for the first sample under CLAIMX_UPDATE_GOLDEN=1)."""
    page, result, text = sample_page(nlp, sample)
    path = tmp_path / f"{sample.stem}.html"
    path.write_text(page, encoding="utf-8")
    dom = parse(chromium("--dump-dom", path.as_uri()).stdout)
    assert dom.texts == [clean(text)]
    assert highlighted(dom, "content") == {c.id for c in result.claims}
    shot = tmp_path / f"{sample.stem}.png"
    chromium("--window-size=1200,1400", "--hide-scrollbars", f"--screenshot={shot}", path.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("CLAIMX_UPDATE_GOLDEN") and sample == SAMPLES[0]:
        shutil.copyfile(shot, ROOT / "docs" / "html-example.png")


@pytest.mark.parametrize(
    ("source", "stdin"), [("file", None), ("-", "Police said 3 homes burned.")]
)
def test_cli_html_format(source: str, stdin: str | None, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from claimx.cli.app import app

    missing = str(tmp_path / "missing.txt")
    args = [str(SAMPLES[0]) if source == "file" else "-", missing, "-f", "html"]
    result = CliRunner().invoke(app, ["extract", *args], input=stdin)
    assert result.exit_code == 2  # the missing file, reported in the page and on stderr
    page = parse(result.stdout)
    assert len(page.texts) == 1 and highlighted(page, "content")
    assert "missing.txt: no such file" in result.stdout
