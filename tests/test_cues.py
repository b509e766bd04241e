"""The cue matcher: rule lookup, excluded objects, and validation of models/cues.jsonl records."""

from __future__ import annotations

import pytest

from claimx.components.cues import CueMatcher
from claimx.errors import PatternError
from claimx.rules.assets import parse_jsonl
from claimx.rules.attribution import CUE_SCHEMA, CueRule

HEADER = '{"version": 1, "kind": "cues"}'


def test_a_rule_id_need_not_be_its_lemma(nlp) -> None:
    """A verb match is traced to its rule by frame and lemma, not by id (issue 14)."""
    matcher = CueMatcher(nlp)
    matcher.add_patterns([CueRule("murmur-soft", "speech", "murmur", (), True)])
    doc = nlp("The guard murmured that the gate was locked.")
    spans = [s for s in matcher.match(doc) if s.text == "murmured"]
    assert [(s.id_, s.label_) for s in spans] == [("murmur-soft", "speech")]


@pytest.mark.parametrize(
    ("text", "is_cue"),
    [
        ("The storm claimed the lives of four sailors.", False),
        ("The flood claimed a life in the valley.", False),
        ("The rebels claimed the bridge had fallen.", True),
        ("The group claimed responsibility for the blast.", True),
    ],
)
def test_excluded_objects(nlp, text: str, is_cue: bool) -> None:
    doc = nlp(text)
    cues = [s for s in CueMatcher(nlp).match(doc) if s[0].lemma_ == "claim"]
    assert bool(cues) == is_cue


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "lemma": "x", "frame": "speech", "not_objects": "life"}', "cues.jsonl:2"),
        ('{"id": "x", "lemma": "x", "frame": "speech", "objects": ["life"]}', "unknown key"),
    ],
)
def test_bad_cue_records_name_file_and_line(line: str, message: str) -> None:
    with pytest.raises(PatternError, match=message):
        parse_jsonl([HEADER, line], "cues.jsonl", "cues", CUE_SCHEMA)
