"""Regression: the samples' output must match the golden JSON files.

After an intended change, regenerate with ``CLAIMX_UPDATE_GOLDEN=1 pytest tests/test_samples.py``
and review the diff of tests/golden/ before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimx.api import analyse
from claimx.render import to_json
from claimx.textio import read_article

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
GOLDEN = Path(__file__).resolve().parent / "golden"


def rendered(nlp, path: Path) -> dict:
    article = read_article(str(path))
    (result,) = analyse(nlp, [(article, None)])
    data = json.loads(to_json([result]))
    data["source"] = path.name
    return data


def test_there_are_samples() -> None:
    assert len(SAMPLES) >= 3


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_matches_golden(nlp, sample: Path) -> None:
    golden = GOLDEN / f"{sample.stem}.json"
    actual = rendered(nlp, sample)
    if os.environ.get("CLAIMX_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_offsets_are_exact(nlp, sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    data = rendered(nlp, sample)
    assert data["claims"], "every sample has claims"
    for claim in data["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
        for part in ("cue", "speaker"):
            if claim[part]:
                assert text[claim[part]["start"] : claim[part]["end"]] == claim[part]["text"]
