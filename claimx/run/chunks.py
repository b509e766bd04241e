"""Long articles: split at paragraph breaks, analyse the pieces, and map offsets back."""

from __future__ import annotations

import dataclasses
from typing import Any

from claimx.records import Article, Claim, Conflict

CHUNK_CHARS = 100_000  # well under spaCy's max_length, and keeps a worker's memory small
BATCH_CHARS = 120_000  # characters the model holds at once: one long piece, or many short articles


def split_paragraphs(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering ``text``; pieces end at a line break where possible."""
    if len(text) <= limit:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + 1, end)
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def shifted(value: Any, delta: int, ids: dict[str, str]) -> Any:
    """A copy of a record with every start/end moved by ``delta`` and claim ids renamed."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for item in dataclasses.fields(value):
            current = getattr(value, item.name)
            if item.name in ("start", "end") and isinstance(current, int):
                changes[item.name] = current + delta
            elif item.name in ("id", "claims", "disputed_by"):
                changes[item.name] = rename(current, ids)
            else:
                changes[item.name] = shifted(current, delta, ids)
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(shifted(v, delta, ids) for v in value)
    return value


def rename(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, tuple):
        return tuple(ids.get(v, v) for v in value)
    return value


def merge(parts: list[tuple[int, Article]]) -> Article:
    """One Article from the analysed pieces of a long one, with offsets into the whole text."""
    first = parts[0][1]
    claims: list[Claim] = []
    conflicts: list[Conflict] = []
    for offset, part in parts:
        ids = {c.id: f"c{len(claims) + n}" for n, c in enumerate(part.claims, start=1)}
        ids.update({k.id: f"k{len(conflicts) + n}" for n, k in enumerate(part.conflicts, start=1)})
        claims.extend(shifted(c, offset, ids) for c in part.claims)
        conflicts.extend(shifted(k, offset, ids) for k in part.conflicts)
    merged = dataclasses.replace(first, claims=tuple(claims), conflicts=tuple(conflicts))
    if "narration" not in first.extra:
        return merged
    narration = tuple(
        shifted(n, offset, {}) for offset, part in parts for n in part.extra["narration"]
    )
    return dataclasses.replace(merged, extra={**first.extra, "narration": narration})
