"""Claim status rules (models/status.json): each value with positive and negative cases."""

from __future__ import annotations

import pytest

from claimx.api import extract
from claimx.errors import PatternError
from claimx.rules.status import build_rule


def status_of(nlp, text: str, content: str) -> tuple[str, list[str]]:
    claims = extract(text, nlp=nlp).claims
    (claim,) = [c for c in claims if content in c.text]
    return claim.status, [cue.text for cue in claim.status_cues]


@pytest.mark.parametrize(
    ("text", "content", "status"),
    [
        # the speaker's own belief hedges; a belief reported of others does not
        ("The general said the rebels believed the bridge was safe.", "bridge", "asserted"),
        # a trigger that ends in a nested claim is that claim's, not the relay's
        (
            "Nour tweeted that rebels took the bridge; however, other reports claimed that was "
            "false, the agency reported.",
            "Nour tweeted that rebels took the bridge",
            "asserted",
        ),
        # a trigger that ends after the nested claim is the outer speaker's own
        (
            "The embassy said reports that the ambassador had fled were false.",
            "reports that the ambassador had fled were false",
            "denied",
        ),
        # confirmed: the cue confirms
        ("Two soldiers were killed, the ministry confirmed.", "Two soldiers", "confirmed"),
        (
            "Ned Price later confirmed to Fox News that the compound was breached.",
            "compound",
            "confirmed",
        ),
        # ... but "confirmed" inside the content does not confirm the claim
        ("The rebels said a confirmed toll of 12 was too low.", "confirmed toll", "asserted"),
        # denied: the speaker denies or rejects
        ("Islamabad denied striking the market.", "striking the market", "denied"),
        ("The army rejected claims that it shelled the town.", "claims", "denied"),
        # ... and so is a claim that calls the reports false (the decision for conflict news)
        ("The minister said the rumours were false and harmful.", "rumours", "denied"),
        # ... but a claim merely containing "false" is not a denial
        ("The minister said a false alarm emptied the hall.", "false alarm", "asserted"),
        # unverified: flagged by the article or hedged on the evidence
        ("The group reportedly said it had seized the base.", "seized the base", "unverified"),
        (
            "Rebels said they shot down a jet, which could not be independently verified.",
            "shot down",
            "unverified",
        ),
        (
            "Rebels said they shot down a jet. The claim could not be independently verified.",
            "shot down",
            "unverified",
        ),
        # ... the scope ends at a clause break and at the sentence boundary
        (
            "Rebels said they shot down a jet, but officials could not be reached.",
            "shot down",
            "asserted",
        ),
        (
            "Rebels said they shot down a jet. Reporters could not reach the area. Later, police could not confirm it.",
            "shot down",
            "asserted",
        ),
        # hedged: the speaker hedges
        (
            "Officials said the militants may have crossed the border.",
            "crossed the border",
            "hedged",
        ),
        ("Officials said the militants crossed the border.", "crossed the border", "asserted"),
        # hedges of a claim of fact
        ("The rebels said the troops seemed to be retreating.", "troops seemed", "hedged"),
        ("The mayor said the blast may amount to a war crime.", "blast may amount", "hedged"),
        ("The envoy said the raids were believed to be foreign.", "raids were", "hedged"),
        ("The general said he believed the rebels had fled.", "rebels had fled", "hedged"),
        ("The mayor said tests point to possible poisoning.", "tests point to", "hedged"),
        # ... but not of a prediction, a capability or a possession
        ("The ministry said the toll will probably be revised.", "toll will", "asserted"),
        ("The ministry said the toll was likely to rise.", "toll was likely", "asserted"),
        (
            "The general said he did not believe the rebels would return.",
            "rebels would",
            "asserted",
        ),
        ("The minister said tunnels that could be used were sealed.", "tunnels", "asserted"),
        ("Aides said several factions might have their own plans.", "factions", "asserted"),
        # pseudo-triggers: "did not deny", "neither confirm nor deny" give no status
        ("The governor did not deny that the bridge had closed.", "bridge", "asserted"),
        ("The agency would neither confirm nor deny the raid.", "the raid", "asserted"),
        # ... while a longer trigger holding one keeps its meaning
        (
            "Rebels said they killed 40 men. Police could not confirm the figures.",
            "40",
            "unverified",
        ),
        (
            "Rebels said they killed 40 men. Police could not confirm the figures.",
            "the figures",
            "asserted",
        ),
        # denied: the claim itself denies the speaker's role or calls the reports false
        ("The army said it was not involved in the raid.", "not involved", "denied"),
        ("The army said it did not fire on the convoy.", "did not fire", "denied"),
        ("The militia said reports that its chief had fled were false.", "reports", "denied"),
        ("The militia said it had nothing to do with the ambush.", "nothing to do", "denied"),
        ("The army said they played no role in the massacre.", "no role", "denied"),
        ("The army said they had no food for two days.", "no food", "asserted"),
        ("According to unconfirmed reports, the convoy was hit.", "convoy", "unverified"),
        (
            "The envoy said the strike was a warning, disputing claims by rivals.",
            "strike",
            "denied",
        ),
        # ... but a first-person negation about something else is no denial
        ("The farmer said he was not at home when the storm hit.", "not at home", "asserted"),
        ("The militia said reports of the flood arrived late.", "reports", "asserted"),
        ("The envoy denied the claims and said talks would resume.", "talks", "asserted"),
    ],
)
def test_status(nlp, text: str, content: str, status: str) -> None:
    assert status_of(nlp, text, content)[0] == status


def test_status_cues_name_the_words(nlp) -> None:
    _, cues = status_of(nlp, "Two soldiers were killed, the ministry confirmed.", "Two soldiers")
    assert cues == ["confirmed"]


def test_anaphoric_rebuttal_disputes_the_earlier_claim(nlp) -> None:
    text = (
        "Khaasteh tweeted that the Taliban captured several border posts; however, other reports "
        "citing unnamed sources claimed that was false."
    )
    claims = {claim.cue.lemma: claim for claim in extract(text, nlp=nlp).claims}
    first, rebuttal = claims["tweet"], claims["claim"]
    assert (first.status, first.disputed_by) == ("disputed", (rebuttal.id,))
    assert rebuttal.status == "asserted" and rebuttal.text == "that was false"
    # "citing [unnamed sources]" names where a claim came from; it is not a claim of its own
    assert "cite" not in claims


def test_denying_the_report_disputes_it(nlp) -> None:
    text = "Local media said the dam had collapsed. The governor denied the report."
    first, denial = extract(text, nlp=nlp).claims
    assert first.status == "disputed" and first.disputed_by == (denial.id,)
    assert denial.status == "denied"


def test_no_dispute_without_an_anaphor(nlp) -> None:
    text = "Local media said the dam had collapsed. The governor said the roads were open."
    assert [c.status for c in extract(text, nlp=nlp).claims] == ["asserted", "asserted"]


def test_same_speaker_does_not_dispute_itself(nlp) -> None:
    text = "The ministry said the dam had collapsed. The ministry later said that was false."
    assert extract(text, nlp=nlp).claims[0].status == "asserted"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "x", "direction": "sideways", "value": "denied", "phrases": ["a"]}, "sideways"),
        ({"id": "x", "direction": "preceding", "value": "maybe", "phrases": ["a"]}, "maybe"),
        ({"id": "x", "direction": "preceding", "phrases": ["a"]}, "needs a 'value'"),
        ({"id": "x", "direction": "preceding", "value": "hedged"}, "no phrases or patterns"),
    ],
)
def test_bad_status_rules_are_reported(record: dict, message: str) -> None:
    with pytest.raises(PatternError, match=message):
        build_rule(record, "models/status.json rule 1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an article-wide "could not verify the toll" qualifies every count, before or after it
        (
            "Reporters could not verify the toll. Later, the monitor said 30 fighters had died "
            "near the dam.",
            [("unverified", ["figures_not_verified"])],
        ),
        (
            "The monitor said 30 fighters had died near the dam. The rescue lasted all night. The "
            "storm passed by morning. Reporters could not independently verify the figures.",
            [("unverified", ["figures_not_verified"])],
        ),
        # ... but only claims that state a number ("applies_to": "claims_with_quantities")
        (
            "Reporters could not verify the toll. Later, the monitor said the dam had held.",
            [("asserted", [])],
        ),
        # control: without the sentence the count is asserted
        ("Later, the monitor said 30 fighters had died near the dam.", [("asserted", [])]),
    ],
)
def test_article_wide_triggers(nlp, text: str, expected: list[tuple[str, list[str]]]) -> None:
    claims = extract(text, nlp=nlp).claims
    assert [(c.status, [cue.rule for cue in c.status_cues]) for c in claims] == expected
