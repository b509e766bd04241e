"""The pure filters and projection behind --status, --speaker and --fields."""

from __future__ import annotations

import pytest

from claimx.claims.select import (
    Selection,
    field_paths,
    keeps,
    parse_fields,
    parse_statuses,
    project,
    select_article_dict,
    selection,
)
from claimx.errors import UsageError

CLAIM = {
    "id": "c1",
    "text": "the bridge fell",
    "status": "disputed",
    "speaker": {"text": "the Interior Ministry", "name": "Interior Ministry", "type": "ORG"},
    "via": None,
    "parts": [{"text": "the bridge fell", "start": 0, "end": 15}],
}


@pytest.mark.parametrize(
    ("status", "speaker", "kept"),
    [
        ("disputed", None, True),
        ("disputed,denied", None, True),
        ("denied", None, False),
        (None, "interior", True),
        (None, "MINISTRY", True),
        (None, "the interior", True),  # the speaker's words in the text, not only the name
        (None, "army", False),
        ("disputed", "army", False),
        (None, None, True),
    ],
)
def test_keeps(status: str | None, speaker: str | None, kept: bool) -> None:
    assert keeps(CLAIM, selection(status, speaker, None)) is kept


def test_a_claim_without_speaker_fails_a_speaker_filter() -> None:
    assert not keeps({**CLAIM, "speaker": None}, selection(None, "a", None))


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("speaker.name,text,status", {"speaker.name": "Interior Ministry",
                                      "text": "the bridge fell", "status": "disputed"}),
        ("via.name", {"via.name": None}),  # null all the way down
        ("parts", {"parts": CLAIM["parts"]}),
    ],
)  # fmt: skip
def test_project(fields: str, expected: dict) -> None:
    assert project(CLAIM, parse_fields(fields)) == expected


@pytest.mark.parametrize("bad", ["speaker.nam", "text,nope", "parts.text", ","])
def test_unknown_field_lists_the_valid_ones(bad: str) -> None:
    with pytest.raises(UsageError, match="valid fields: id, text") as caught:
        parse_fields(bad)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("bad", ["disputd", "asserted,maybe", ","])
def test_unknown_status_is_a_usage_error(bad: str) -> None:
    with pytest.raises(UsageError, match="valid statuses: asserted"):
        parse_statuses(bad)


def test_paths_follow_the_records() -> None:
    paths = field_paths()
    assert {"speaker.name", "cue.rule", "via.name", "sentence.start", "status_cues"} <= set(paths)


def test_article_dict_drops_conflicts_that_lose_a_side() -> None:
    other = {**CLAIM, "id": "c2", "status": "asserted"}
    data = {"claims": [CLAIM, other], "conflicts": [{"claims": ["c1", "c2"]}]}
    chosen = Selection(statuses=frozenset({"disputed"}), fields=("id",))
    assert select_article_dict(data, chosen) == {"claims": [{"id": "c1"}], "conflicts": []}
    assert select_article_dict(data, Selection()) is data
