"""What ``claimx eval`` does around the scoring: read the gold file, get predictions (from a file,
or by running the local engine over the gold texts), and score them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .evaluation import Report, evaluate
from .inputs import RecordFields, record_item

if TYPE_CHECKING:
    from .evaluation_conflict import ConflictReport, GoldArticle, GoldSet
    from .inputs import Item


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
    items = (
        record_item(r, f"{path}:{n}", str(path), RecordFields()) for n, r in enumerate(gold, 1)
    )
    return run_engine(items, workers, model)


def run_engine(items: Iterable[Item], workers: int, model: str | None) -> dict[str, dict[str, Any]]:
    """claimx output lines by item id, from the local engine (as ``claimx batch`` runs it)."""
    from .batch_command import make_engine
    from .engine_choice import EngineChoice

    engine = make_engine(EngineChoice(workers=workers, model=model))
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


def conflict_texts(
    golds: list[GoldSet], articles: Path | None, paths: list[Path]
) -> dict[str, Item]:
    """Each article file the gold names, read once (key: resolved path); an unreadable article or
    a ``where`` not in its text stops the evaluation before claimx runs."""
    from .conflict_gold import stale_claims
    from .inputs import file_item

    items: dict[str, Item] = {}
    stale: list[str] = []
    for gold, gold_path in zip(golds, paths, strict=True):
        for article in gold.articles:
            path = article_path(article, articles or gold_path.parent)
            if path not in items:
                items[path] = file_item(Path(path), path)
            item = items[path]
            if item.error is not None:
                raise InputError(f"{gold.name}: article {article.file}: {item.error[1]}")
            stale += stale_claims(gold, article, item.text or "")
    if stale:
        more = f" (and {len(stale) - 1} more)" if len(stale) > 1 else ""
        raise InputError(f"stale 'where' string, not in the article: {stale[0]}{more}")
    return items


def article_path(article: GoldArticle, folder: Path) -> str:
    return str((folder / article.file).resolve())


def conflict_predictions(
    golds: list[GoldSet], items: dict[str, Item], articles: Path | None, paths: list[Path],
    workers: int, model: str | None,
) -> dict[tuple[str, str], dict[str, Any]]:  # fmt: skip
    """claimx's output for each (article path, publication date): an article annotated by
    several annotators with one date is analysed once."""
    from dataclasses import replace

    wanted: dict[tuple[str, str], Item] = {}
    for gold, gold_path in zip(golds, paths, strict=True):
        for article in gold.articles:
            key = (article_path(article, articles or gold_path.parent), article.published)
            wanted.setdefault(key, replace(items[key[0]], id="\t".join(key), published=key[1]))
    lines = run_engine(wanted.values(), workers, model)
    return {key: lines[item.id] for key, item in wanted.items()}


def predictions_by_source(pred_path: Path) -> dict[str, dict[str, Any]]:
    """A `claimx batch` output file, by the resolved path of each line's source."""
    return {
        str(Path(record.get("source") or record["id"]).resolve()): record
        for _, record in read_records(pred_path)
    }


def run_conflict_eval(
    gold_paths: list[Path], articles: Path | None, pred_path: Path | None,
    min_cover: float | None, workers: int, model: str | None,
) -> ConflictReport:  # fmt: skip
    from dataclasses import replace

    from .conflict_gold import read_conflict_gold
    from .evaluation_conflict import ConflictReport, conflict_rules, score_article

    if min_cover is not None and not 0 < min_cover <= 1:
        raise InputError(f"--min-overlap must be in (0, 1], got {min_cover}")
    if articles is not None and not articles.is_dir():
        raise InputError(f"--articles {articles}: not a folder")
    golds = [read_conflict_gold(path) for path in gold_paths]
    items = conflict_texts(golds, articles, gold_paths)
    if pred_path is not None:
        by_source = predictions_by_source(pred_path)
        lines = {}
    else:
        lines = conflict_predictions(golds, items, articles, gold_paths, workers, model)
    rules = (
        conflict_rules() if min_cover is None else replace(conflict_rules(), min_cover=min_cover)
    )
    scores = []
    for gold, gold_path in zip(golds, gold_paths, strict=True):
        for article in gold.articles:
            path = article_path(article, articles or gold_path.parent)
            line = (
                by_source.get(path) if pred_path is not None else lines[(path, article.published)]
            )
            error = prediction_error(line)
            pred = None if error else line
            text = items[path].text or ""
            scores.append(score_article(gold.name, article, pred, text, rules, error))
    return ConflictReport(tuple(g.name for g in golds), tuple(scores))


def prediction_error(line: dict[str, Any] | None) -> str | None:
    if line is None:
        return "no prediction line"
    error = line.get("error")
    if error:
        return str(error.get("message") if isinstance(error, dict) else error)
    return None
