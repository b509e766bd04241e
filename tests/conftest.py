from __future__ import annotations

import pytest

from claimx.run.model import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with claimx's components (the real model from PyPI)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def bare_nlp():
    """The trained model alone, for unit tests that run one claimx component by hand."""
    import spacy

    from claimx.run.model import resolve_model_name

    return spacy.load(resolve_model_name())
