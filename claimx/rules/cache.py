"""A per-user cache for tables that are slow to build and pure functions of versioned inputs.

Only plain data (dicts, lists, tuples, str, int, None) is stored, with :mod:`marshal`, which loads
about twenty times faster than rebuilding the place gazetteer. Any failure to read or write the
cache falls back to building: a read-only home or a corrupt file costs time, never correctness.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "CLAIMX_CACHE_DIR"
DISABLED = frozenset({"", "0", "off", "none"})


def cache_dir() -> Path | None:
    """$CLAIMX_CACHE_DIR ("off" disables), else $XDG_CACHE_HOME/claimx, else ~/.cache/claimx."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit is not None:
        return None if explicit.strip().lower() in DISABLED else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claimx"


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()``'s result, read from ``<cache dir>/<name>-<key>.marshal`` when present."""
    folder = cache_dir()
    path = folder / f"{name}-{key[:24]}.marshal" if folder else None
    if path is not None:
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass  # absent or unreadable: rebuild below
    value = build()
    if path is not None:
        store(path, value)
    return value


def store(path: Path, value: Any) -> None:
    """Write atomically (temporary file + rename) so a concurrent reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(marshal.dumps(value))
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
