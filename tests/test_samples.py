"""Regression: the samples' output must match the golden JSON files, and their claims table the
golden text files (``NAME.80.txt``, ``NAME.200.txt``: the narrow and the wide layout).

After an intended change, regenerate with ``CLAIMX_UPDATE_GOLDEN=1 pytest tests/test_samples.py``
and review the diff of tests/golden/ before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimx.api import analyse
from claimx.io.jsonl import to_json
from claimx.io.textio import read_article

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
GOLDEN = Path(__file__).resolve().parent / "golden"
# The two real articles of the acceptance check live beside the repository (never copied into
# it); the layout test reads them when they are there, as in CI.
ACCEPTANCE = Path(
    os.environ.get("CLAIMX_ACCEPTANCE_DIR", ROOT.parent / "shared" / "acceptance" / "articles")
)
ARTICLES = SAMPLES + sorted(ACCEPTANCE.glob("*.txt"))


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


def rendered_text(nlp, path: Path, width: int) -> str:
    """The claims table of a sample as plain text at ``width`` columns (no colour)."""
    import io
    from dataclasses import replace

    from rich.console import Console

    from claimx.cli.render.blocks import render_claims

    (result,) = analyse(nlp, [(read_article(str(path)), None)])
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    render_claims([replace(result, source=path.name)], console)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_table_matches_golden_text(nlp, sample: Path, width: int) -> None:
    golden = GOLDEN / f"{sample.stem}.{width}.txt"
    actual = rendered_text(nlp, sample, width)
    if os.environ.get("CLAIMX_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("sample", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_narrow_table_is_short_and_loses_no_field(nlp, sample: Path) -> None:
    """At 80 columns the table is at most twice as long as at 200 and shows every claim's id,
    speaker, status and facts (compared without white space: long words may wrap)."""
    from claimx.cli.render.parts import fact_summary

    narrow = rendered_text(nlp, sample, 80)
    assert len(narrow.splitlines()) <= 2 * len(rendered_text(nlp, sample, 200).splitlines())
    flat = "".join(narrow.split())
    (result,) = analyse(nlp, [(read_article(str(sample)), None)])
    for claim in result.claims:
        fields = [claim.id, claim.status, claim.speaker.name if claim.speaker else ""]
        fields += [fact_summary(claim, f) for f in ("quantities", "locations", "dates")]
        for value in fields:
            assert "".join(value.split()) in flat, (claim.id, value)
