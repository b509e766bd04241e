"""The dispute linker (claimx/components/disputes.py, "disputes" in models/status.json)."""

from __future__ import annotations

import pytest

from claimx.api import extract
from claimx.errors import PatternError
from claimx.rules.status import build_linker, linker_rules

FILLER = " ".join(f"Crews cleared road {n} of debris." for n in range(12))


def statuses(nlp, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.text, c.status, c.disputed_by) for c in extract(text, nlp=nlp).claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a denial by the accused disputes the accusation ...
        (
            "Kandor accused Veltria of shelling the dam. Veltria denied the accusation.",
            ["disputed", "denied"],
        ),
        # ... and another source's claim that shares its topic
        (
            "Kandor said Veltrian gunboats shelled the harbour. Veltria denies arming the gunboats.",
            ["disputed", "denied"],
        ),
        # a denial naming the other source reaches far back
        (
            "Senator Marlow said the tax rules have emboldened smugglers. "
            + FILLER
            + " Senator Pike dismissed Marlow's comments about the tax rules emboldening smugglers.",
            ["disputed", "denied"],
        ),
        # a claim opening with a contrast and the account before it are rivals
        (
            "The northern alliance said the talks had collapsed. "
            "But the southern council said the talks would continue.",
            ["disputed", "disputed"],
        ),
        # an accusation and the rival account of the same act
        (
            "Ostrava accused Lendia of crossing the river. "
            "Lendian officials said Ostravan soldiers crossed the river first.",
            ["disputed", "disputed"],
        ),
        # "No experts say X" disputes X (a belief alone is no claim, so "believe" makes none)
        (
            "The mayor said the dam had burst. No engineers say the dam has burst.",
            ["disputed", "asserted"],
        ),
    ],
)
def test_disputes_are_linked(nlp, text: str, expected: list[str]) -> None:
    found = statuses(nlp, text)
    assert [status for _, status, _ in found] == expected
    assert found[0][2]  # the disputed claim names the claim that disputes it


@pytest.mark.parametrize(
    ("text", "disputed"),
    [
        # controls: a rival's denial of the same thing, near by, disputes the claim
        ("The council said the rebels had shelled the bridge. But the rebels denied shelling the "
         "bridge.", True),
        ("Kandor said the dam was shelled. Veltria denied shelling the dam.", True),
        # a denial about something else disputes nothing
        ("Kandor said the harbour reopened on Monday. Veltria denied raising tariffs on grain.",
         False),
        # nor does a denial far away in a long article
        ("Kandor said the dam was shelled. " + FILLER + " Veltria denied shelling the dam.", False),
        # nor a source's own later statement
        ("Veltria said the harbour was closed. Veltria denied reopening the harbour.", False),
        # "No one claimed responsibility" is not a denial
        ("Police said a bomb hit the market. No one claimed responsibility for the bomb.", False),
        # a claim opening with "But" and no earlier account
        ("But the council said the talks would continue.", False),
        # ... or only an earlier appeal, which states nothing that could be contradicted
        ("The council urged restraint. But the rebels said the talks had failed.", False),
    ],
)  # fmt: skip
def test_no_dispute_without_a_rival(nlp, text: str, disputed: bool) -> None:
    assert any(status == "disputed" for _, status, _ in statuses(nlp, text)) == disputed


def test_dispute_cues_name_the_rule(nlp) -> None:
    text = "Kandor accused Veltria of shelling the dam. Veltria denied shelling the dam."
    first = extract(text, nlp=nlp).claims[0]
    assert first.status == "disputed"
    assert {cue.rule for cue in first.status_cues} & {"dispute_by_denial"}


def test_the_shipped_linker_loads() -> None:
    rules = linker_rules()
    assert rules.window_before > 0 and "deny" in rules.denial_cue_lemmas


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"window_before": -1}, "must not be negative"),
        ({"window_after": "5"}, "'window_after' must be int"),
        ({"ignore_lemmas": ["say", 3]}, "must list strings"),
        ({"surprise": 1}, "unknown key"),
    ],
)
def test_bad_linker_settings_are_reported(change: dict, message: str) -> None:
    from claimx.rules.assets import load_json

    record = dict(load_json("status.json", "status")["disputes"], **change)
    with pytest.raises(PatternError, match=message):
        build_linker(record, "models/status.json disputes")
