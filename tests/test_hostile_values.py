"""Hostile values inside article text: numbers too large for a float, scale words beyond the
usual ones, impossible days. The output must stay valid JSON and say nothing rather than wrong."""

from __future__ import annotations

import json

import pytest

from claimx.api import extract
from claimx.io import jsonl

# (sentence, expected quantity values, expected (date text, date) pairs)
CASES = [
    ("Officials said " + "1" * 5000 + " people were killed.", [], []),
    ("Officials said " + "9" * 400 + " people fled.", [], []),
    ("Officials said nine hundred ninety nine quintillion people fled.", [], []),
    ("Officials said 2.5 trillion dollars were lost.", [2.5e12], []),
    ("Officials said 999 people fled.", [999.0], []),
    ("Officials said the attack happened on Dec. 32 in the town.", [], [("Dec. 32", None)]),
    ("Officials said the attack happened on Dec. 31 in the town.", [], [("Dec. 31", "2019-12-31")]),
    ("Officials said the attack happened in Dec. 2015.", [], [("Dec. 2015", "2015-12")]),
]


@pytest.mark.parametrize(("text", "values", "dates"), CASES, ids=[c[0][:40] for c in CASES])
def test_hostile_values(nlp, text: str, values: list[float], dates: list[tuple]) -> None:
    article = extract(text, "2020-01-01", nlp=nlp)
    output = jsonl.to_json([article])
    parsed = json.loads(output, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    claims = parsed["claims"]
    assert len(claims) == 1
    assert [q["value"] for q in claims[0]["quantities"]] == values
    assert [(d["text"], d["date"]) for d in claims[0]["dates"]] == dates
