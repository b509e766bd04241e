from __future__ import annotations

import pytest

from claimx.model import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with claimx's components (the real model from PyPI)."""
    return load_pipeline()
