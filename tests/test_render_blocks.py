"""The narrow claims layout and the "why" of each status, on invented records."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from claimx.cli.render.blocks import DEFAULT_VIEW, View, render_claims
from claimx.cli.render.parts import conflict_line, status_why
from claimx.records import (
    Article,
    Claim,
    ClaimKind,
    ClaimStatus,
    Conflict,
    ContentPart,
    Cue,
    Offsets,
    Speaker,
    SpeakerType,
    StatusCue,
)

TEXT = "The mayor said 30 homes burned, a claim that could not be verified."


def claim(
    status: ClaimStatus = ClaimStatus.ASSERTED,
    cues: tuple[StatusCue, ...] = (),
    disputed_by: tuple[str, ...] = (),
    claim_id: str = "c1",
) -> Claim:
    return Claim(
        id=claim_id, text="30 homes burned", start=15, end=30,
        parts=(ContentPart("30 homes burned", 15, 30),), kind=ClaimKind.INDIRECT,
        sentence=Offsets(0, len(TEXT)), cue=Cue("said", "say", 10, 14, "say_verb"),
        speaker=Speaker("The mayor", "The mayor", SpeakerType.UNNAMED, None, 0, 9),
        status=status, status_cues=cues, disputed_by=disputed_by,
    )  # fmt: skip


VERIFY = StatusCue("could not be verified", 45, 66, "not_independently_verified")


@pytest.mark.parametrize(
    ("status", "cues", "disputed_by", "expected"),
    [
        (ClaimStatus.UNVERIFIED, (VERIFY,), (),
         "unverified: 'could not be verified' (rule not_independently_verified)"),
        (ClaimStatus.DISPUTED, (), ("c5",), "disputed by c5"),
        (ClaimStatus.DISPUTED, (StatusCue("rejected", 1, 9, "cue_denies"),), ("c2", "c5"),
         "disputed: 'rejected' (rule cue_denies) · disputed by c2, c5"),
        (ClaimStatus.DISPUTED, (StatusCue("the claim", 1, 9, "a"), StatusCue("the claim", 1, 9, "b")),
         (), "disputed: 'the claim' (rules a, b)"),
        (ClaimStatus.ASSERTED, (), (), ""),
    ],
)  # fmt: skip
def test_status_why(status, cues, disputed_by, expected) -> None:
    assert status_why(claim(status, cues, disputed_by)) == expected


def test_conflict_line_names_each_side_by_claim() -> None:
    conflict = Conflict("k1", "homes burned", ("c1", "c4"), (30, 12), ("The mayor", "police"))
    assert conflict_line(conflict) == "homes burned: c1 The mayor 30 vs c4 police 12"


def rendered(width: int, view: View = DEFAULT_VIEW) -> str:
    article = Article(
        source="invented.txt", published="2026-01-02",
        claims=(claim(ClaimStatus.UNVERIFIED, (VERIFY,)), claim(claim_id="c2")),
        conflicts=(Conflict("k1", "homes", ("c1", "c2"), (30, 12), ("The mayor", "The mayor")),),
    )  # fmt: skip
    console = Console(width=width, file=io.StringIO(), color_system=None)
    render_claims([article], console, view)
    return console.file.getvalue()


@pytest.mark.parametrize("width", [60, 80, 119])
def test_narrow_widths_give_blocks(width: int) -> None:
    out = rendered(width)
    assert "┃" not in out
    assert out.splitlines()[1].startswith("c1  The mayor · said · unverified")
    assert "why: unverified: 'could not be verified'" in out
    assert "conflict: homes: c1 The mayor 30 vs c2 The mayor 12" in out
    assert "Conflicting reports" in out
    assert all(len(line) <= width for line in out.splitlines())


@pytest.mark.parametrize("width", [120, 200])
def test_wide_widths_keep_the_table(width: int) -> None:
    out = rendered(width)
    assert "┃ #" in out
    assert "why: unverified: 'could not be verified'" in out
    assert "c1 The mayor 30 vs c2 The mayor 12" in out


@pytest.mark.parametrize(("width", "explain"), [(80, True), (200, True), (80, False), (200, False)])
def test_explain_adds_the_cue_rule(width: int, explain: bool) -> None:
    assert ("say_verb" in rendered(width, View(explain=explain))) is explain


def test_control_characters_are_not_printed() -> None:
    bad = Claim(**{**claim().__dict__, "text": "a\x1b[2Jb", "parts": ()})
    console = Console(width=80, file=io.StringIO(), color_system=None)
    render_claims([Article("x.txt", None, claims=(bad,))], console)
    assert "\x1b" not in console.file.getvalue()


@pytest.mark.parametrize(
    ("option", "columns", "mark", "width"),
    [("80", None, "c1  ", 80), ("200", None, "┃ #", 200), (None, "200", "┃ #", 200),
     (None, "100", "c1  ", 100), ("80", "200", "c1  ", 80)],
)  # fmt: skip
def test_cli_width_option_and_columns(option, columns, mark: str, width: int) -> None:
    from pathlib import Path

    from typer.testing import CliRunner

    from claimx.cli.app import app

    sample = Path(__file__).resolve().parent.parent / "samples" / "tweet-report.txt"
    args = ["extract", str(sample), "-f", "table", *(["--width", option] if option else [])]
    result = CliRunner().invoke(app, args, env={"COLUMNS": columns})
    assert result.exit_code == 0
    assert mark in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) == width


@pytest.mark.parametrize(
    ("status", "ansi"),
    [(ClaimStatus.ASSERTED, "\x1b[39masserted"), (ClaimStatus.DENIED, "\x1b[31mdenied"),
     (ClaimStatus.UNVERIFIED, "\x1b[33munverified")],
)  # fmt: skip
def test_status_colour_on_a_terminal(status: ClaimStatus, ansi: str) -> None:
    console = Console(width=80, file=io.StringIO(), force_terminal=True, color_system="standard")
    render_claims([Article("x.txt", None, claims=(claim(status),))], console)
    head = console.file.getvalue().splitlines()[1]
    assert ansi in head
    assert "\x1b[1m · " not in head  # only the id and the speaker are bold
