"""Run-on place lists: scraped text loses commas, so "in Aleppo Deir ez-Zor Hasakeh Idlib" reaches
the NER as one or two odd entities that name no place as a whole. Splitting such a run into the
longest known names, left to right, recovers each place.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from claimx.rules.places import Place

MAX_NAME_TOKENS = 5  # "Deir ez - Zor" is four tokens; longer names are rare

Lookup = Callable[[str], "Place | None"]


def touching(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spans that touch or overlap (an entity and the bare proper nouns right after it)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def split_run(
    doc: Doc, start: int, end: int, known: Lookup, stops: frozenset[str]
) -> list[tuple[int, int, Place]]:
    """Known places covering the run from its start, longest name first; [] unless they cover it
    all (or up to a determiner) and there are at least two, or one before a determiner."""
    found: list[tuple[int, int, Place]] = []
    i = start
    while i < end:
        hit = None
        for j in range(min(end, i + MAX_NAME_TOKENS), i, -1):
            if doc[j - 1].is_punct:
                continue
            place = known(doc[i:j].text)
            if place is not None:
                hit = (i, j, place)
                break
        if hit is None:
            break
        found.append(hit)
        i = hit[1]
    stopped = i < end and doc[i].lower_ in stops
    if (i == end and len(found) >= 2) or (stopped and found):
        return found
    return []
