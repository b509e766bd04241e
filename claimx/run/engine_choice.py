"""Which engine ``claimx batch`` runs on: a small module, so the CLI can name the choices
without importing the engines."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EngineKind(StrEnum):
    LOCAL = "local"
    DASK = "dask"


@dataclass(frozen=True)
class EngineChoice:
    """Where the articles are analysed: this machine's processes or a Dask cluster."""

    kind: EngineKind = EngineKind.LOCAL
    workers: int | None = None
    model: str | None = None
    scheduler: str | None = None
    partition_size: int = 32
