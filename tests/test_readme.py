"""The README's examples are the tool's real output (regenerated, compared byte for byte)."""

from __future__ import annotations

import re

from readme_examples import MARKER, README, REGENERATE, regenerated

from claimx.run.model import load_pipeline, resolve_model_name


def test_readme_has_generated_blocks() -> None:
    names = {m.group("name") for m in MARKER.finditer(README.read_text(encoding="utf-8"))}
    assert names == {"table", "json", "spacy"}


def test_readme_examples_match_the_tool() -> None:
    current = README.read_text(encoding="utf-8")
    assert regenerated(current) == current, f"README.md examples are stale; run: {REGENERATE}"


def test_readme_spacy_snippet_runs_in_claimx_order() -> None:
    block = next(m for m in MARKER.finditer(README.read_text(encoding="utf-8"))
                 if m.group("name") == "spacy")  # fmt: skip
    code = re.search(r"```python\n(.*?)```", block.group("body"), re.DOTALL).group(1)
    code = code.replace('"en_core_web_sm"', repr(resolve_model_name()))
    scope = {"text": "“The bridge is closed,” the mayor said on Sunday."}
    exec(code, scope)
    assert scope["nlp"].pipe_names == load_pipeline().pipe_names
    assert len(scope["doc"].spans["claimx_claims"]) == 1
