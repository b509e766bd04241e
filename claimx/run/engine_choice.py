"""Which engine ``claimx batch`` and ``claimx eval`` run on: a small module, so the CLI can
name the choices without importing the engines (they are imported when one is made)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimx.io.output import Outcome


class EngineKind(StrEnum):
    LOCAL = "local"
    DASK = "dask"


# engine(items, on_progress=None): the outcomes in input order; local processes or Dask
Engine = Callable[..., Iterator["Outcome"]]


@dataclass(frozen=True)
class EngineChoice:
    """Where the articles are analysed: this machine's processes or a Dask cluster."""

    kind: EngineKind = EngineKind.LOCAL
    workers: int | None = None
    model: str | None = None
    scheduler: str | None = None
    partition_size: int = 32


def make_engine(choice: EngineChoice) -> Engine:
    """The engine as a function of the items (and of an optional progress callback, called as
    articles finish); checks what can be checked before any output."""
    from claimx.run.engine import run_local
    from claimx.run.model import load_pipeline, require_installed, resolve_model_name

    model = require_installed(resolve_model_name(choice.model))
    count = choice.workers or os.cpu_count() or 1
    if choice.kind == EngineKind.DASK:
        from claimx.run.dask_engine import require_dask, run_dask

        require_dask()
        return partial(run_dask, workers=count, model=model, scheduler=choice.scheduler,
                       partition_size=choice.partition_size)  # fmt: skip
    if count == 1:
        load_pipeline(model)  # before --out is opened, so a broken model leaves no empty file
    return partial(run_local, workers=count, model=model)
