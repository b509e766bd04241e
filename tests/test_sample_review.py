"""What a person reviewing the samples' golden files checks: datelines are not speakers, a
question is not a claim, a quote standing alone after its speaker's quote is still extracted,
and a weekday after the publication date resolves forward. Known failures are xfail with their
reason, so the golden files record today's output without hiding what is wrong in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimx.api import analyse, extract
from claimx.io.textio import read_article

ROOT = Path(__file__).resolve().parent.parent


def claims_of(nlp, text: str):
    return extract(text, "2025-11-20", nlp=nlp).claims


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nov 20 (Reuters) - The port authority said two cranes were damaged.", "port authority"),
        ("LAGOS, Nov 20\nThe governor said the bridge would reopen in March.", "governor"),
        ("GENEVA, Nov 20 — The agency said the convoy had reached the northern town.", "agency"),
    ],
)  # fmt: skip
def test_a_dateline_is_not_a_speaker(nlp, text: str, speaker: str) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim.speaker is not None and claim.speaker.name == speaker


@pytest.mark.parametrize(
    "text",
    [
        "“Who will pay for the damage?” the mayor asked at the meeting.",
        "“Why did nobody warn us?” said a resident of the flooded street.",
    ],
)  # fmt: skip
def test_a_question_is_not_a_claim(nlp, text: str) -> None:
    assert [c.text for c in claims_of(nlp, text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "“The damage will be paid for,” the mayor said at the meeting.",
        # a statement before a question: the quote claims something
        "“The dam burst at noon. Who will pay for the damage?” the mayor said at the meeting.",
    ],
)
def test_a_statement_is_still_a_claim(nlp, text: str) -> None:  # the question test's negatives
    (claim,) = claims_of(nlp, text)
    assert claim.speaker.name == "mayor"


def sample_claims(nlp, name: str):
    (article,) = analyse(nlp, [(read_article(str(ROOT / "samples" / name)), None)])
    return article.claims


def test_we_ask_the_public_is_extracted(nlp) -> None:
    claims = sample_claims(nlp, "tweet-report.txt")
    # the paragraph that is only a quote goes on with the spokeswoman's quote: one claim
    found = [c for c in claims if any(p.text.startswith("We ask the public") for p in c.parts)]
    assert found and found[0].speaker.name == "Anna Stefanidou"


def test_a_planned_thursday_is_the_next_one(nlp) -> None:
    claims = sample_claims(nlp, "tweet-report.txt")
    dates = [d.date for c in claims for d in c.dates if d.text == "Thursday"]
    assert dates == ["2026-02-05"]


DATELINES = {"ATHENS", "KHARTOUM", "DUBLIN", "Feb 4", "March 15", "Nov 20"}


@pytest.mark.parametrize(
    "name",
    [
        "border-clash.txt",
        "tweet-report.txt",
        "politics.txt",
    ],
)
def test_samples_have_no_dateline_speaker(nlp, name: str) -> None:
    names = {c.speaker.name for c in sample_claims(nlp, name) if c.speaker}
    assert not names & DATELINES
