"""What ``claimx eval`` does around the scoring: read the gold file, get predictions (from a file,
or by running the local engine over the gold texts), and score them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import InputError
from .evaluation import Report, evaluate
from .inputs import RecordFields, record_item


def read_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for each non-blank line; a bad line is an InputError at file:line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise InputError(f"{path}:{number}: invalid JSON ({exc})") from None
            if not isinstance(record, dict) or "id" not in record:
                raise InputError(f"{path}:{number}: expected a JSON object with an 'id'")
            yield number, record


def read_gold(path: Path) -> list[dict[str, Any]]:
    records = []
    for number, record in read_records(path):
        if not isinstance(record.get("text"), str):
            raise InputError(f"{path}:{number}: a gold record needs a 'text' string")
        if not isinstance(record.get("attributions", []), list):
            raise InputError(f"{path}:{number}: 'attributions' must be a list")
        records.append(record)
    return records


def predictions_from_file(path: Path) -> dict[str, dict[str, Any]]:
    return {str(record["id"]): record for _, record in read_records(path)}


def predictions_by_running(
    gold: list[dict[str, Any]], path: Path, workers: int, model: str | None
) -> dict[str, dict[str, Any]]:
    from .batch_command import make_engine
    from .engine_choice import EngineChoice

    engine = make_engine(EngineChoice(workers=workers, model=model))
    items = (
        record_item(r, f"{path}:{n}", str(path), RecordFields()) for n, r in enumerate(gold, 1)
    )
    return {o.id: json.loads(o.line) for o in engine(items)}


def run_eval(
    gold_path: Path,
    pred_path: Path | None,
    speech_only: bool,
    min_overlap: float,
    workers: int,
    model: str | None,
) -> Report:
    if not 0 < min_overlap <= 1:
        raise InputError(f"--min-overlap must be in (0, 1], got {min_overlap}")
    gold = read_gold(gold_path)
    if pred_path is not None:
        predictions = predictions_from_file(pred_path)
    else:
        predictions = predictions_by_running(gold, gold_path, workers, model)
    return evaluate(gold, predictions, min_overlap, speech_only)
