"""What ``claimx eval`` does around the scoring: read the gold file, get predictions (from a file,
or by running the local engine over the gold texts), and score them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from claimx.errors import InputError
from claimx.evaluation.attribution import Report, evaluate
from claimx.io.inputs import RecordFields, record_item
from claimx.io.output import Outcome

if TYPE_CHECKING:
    from claimx.evaluation.conflict import ConflictReport
    from claimx.evaluation.conflict_gold import GoldArticle, GoldSet
    from claimx.io.inputs import Item

T = TypeVar("T")

# How the caller watches outcomes go by (the CLI's progress bar); the default shows nothing.
Track = Callable[[Iterable[Outcome], int], Iterable[Outcome]]


def untracked(outcomes: Iterable[Outcome], total: int) -> Iterable[Outcome]:
    return outcomes


def read_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for each non-blank line; a bad line is an InputError at file:line."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{path}:{number}: not UTF-8 text") from None
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise InputError(f"{path}:{number}: invalid JSON ({exc})") from None
            if not isinstance(record, dict) or "id" not in record:
                raise InputError(f"{path}:{number}: expected a JSON object with an 'id'")
            yield number, record


MALFORMED = (TypeError, KeyError, AttributeError, ValueError, IndexError)


def checked(path: Path, number: int, what: str, read: Callable[[T], object], value: T) -> None:
    """Run ``read`` on one record's ``value``; a record of the wrong shape is an InputError at
    file:line rather than a traceback in the scoring."""
    try:
        read(value)
    except MALFORMED as exc:
        raise InputError(
            f"{path}:{number}: malformed {what} ({type(exc).__name__}: {exc})"
        ) from None


def read_gold_document(record: dict[str, Any]) -> None:
    from claimx.evaluation.attribution import gold_document
    from claimx.rules.evaluation import eval_rules

    gold_document(record, eval_rules())


def read_claims(claims: Iterable[Mapping[str, Any]]) -> None:
    from claimx.evaluation.attribution import predicted
    from claimx.rules.evaluation import eval_rules

    predicted("", claims, eval_rules())


def read_gold(path: Path) -> list[dict[str, Any]]:
    records = []
    for number, record in read_records(path):
        if not isinstance(record.get("text"), str):
            raise InputError(f"{path}:{number}: a gold record needs a 'text' string")
        if not isinstance(record.get("attributions", []), list):
            raise InputError(f"{path}:{number}: 'attributions' must be a list")
        checked(path, number, "gold attributions", read_gold_document, record)
        records.append(record)
    return records


def predictions_from_file(path: Path) -> dict[str, dict[str, Any]]:
    lines = {}
    for number, record in read_records(path):
        claims = record.get("claims") or ()
        checked(path, number, "claims", read_claims, claims)
        lines[str(record["id"])] = record
    return lines


def predictions_by_running(
    gold: list[dict[str, Any]],
    path: Path,
    workers: int,
    model: str | None,
    track: Track = untracked,
) -> dict[str, dict[str, Any]]:
    items = [
        record_item(r, f"{path}:{n}", str(path), RecordFields()) for n, r in enumerate(gold, 1)
    ]
    return run_engine(items, workers, model, track)


def run_engine(
    items: Sequence[Item], workers: int, model: str | None, track: Track = untracked
) -> dict[str, dict[str, Any]]:
    """claimx output lines by item id, from the local engine (as ``claimx batch`` runs it),
    passed through ``track`` (the command line's progress bar)."""
    from claimx.run.engine_choice import EngineChoice, make_engine

    engine = make_engine(EngineChoice(workers=workers, model=model))
    outcomes = track(engine(items), len(items))
    return {o.id: json.loads(o.line) for o in outcomes}


def run_eval(
    gold_path: Path,
    pred_path: Path | None,
    speech_only: bool,
    min_overlap: float,
    workers: int,
    model: str | None,
    track: Track = untracked,
) -> Report:
    if not 0 < min_overlap <= 1:
        raise InputError(f"--min-overlap must be in (0, 1], got {min_overlap}")
    gold = read_gold(gold_path)
    if pred_path is not None:
        predictions = predictions_from_file(pred_path)
    else:
        predictions = predictions_by_running(gold, gold_path, workers, model, track)
    return evaluate(gold, predictions, min_overlap, speech_only)


@dataclass(frozen=True)
class ConflictCorpus:
    """Conflict gold files, each article with the resolved path of its text, and the texts read
    once by path (as ``Item``s, the engine's input)."""

    names: tuple[str, ...]
    entries: tuple[tuple[GoldSet, GoldArticle, str], ...]
    items: Mapping[str, Item]

    def runs(self) -> dict[tuple[str, str], Item]:
        """One item per (path, publication date): an article several annotators gave the same
        date is analysed once."""
        wanted: dict[tuple[str, str], Item] = {}
        for _, article, path in self.entries:
            key = (path, article.published)
            wanted.setdefault(key, replace(self.items[path], id="\t".join(key), published=key[1]))
        return wanted


def load_conflict_corpus(gold_paths: list[Path], articles: Path | None) -> ConflictCorpus:
    """Read and check the gold files and their articles (``articles``, else each gold file's
    folder); an unreadable article or a ``where`` not in its text stops before claimx runs."""
    from claimx.evaluation.conflict_gold import read_conflict_gold, stale_claims
    from claimx.io.inputs import file_item

    if articles is not None and not articles.is_dir():
        raise InputError(f"--articles {articles}: not a folder")
    golds = [read_conflict_gold(path) for path in gold_paths]
    items: dict[str, Item] = {}
    entries, stale = [], []
    for gold, gold_path in zip(golds, gold_paths, strict=True):
        for article in gold.articles:
            path = str(((articles or gold_path.parent) / article.file).resolve())
            item = items.setdefault(path, file_item(Path(path), path))
            if item.error is not None:
                raise InputError(f"{gold.name}: article {article.file}: {item.error[1]}")
            stale += stale_claims(gold, article, item.text or "")
            entries.append((gold, article, path))
    if stale:
        more = f" (and {len(stale) - 1} more)" if len(stale) > 1 else ""
        raise InputError(f"stale 'where' string, not in the article: {stale[0]}{more}")
    return ConflictCorpus(tuple(g.name for g in golds), tuple(entries), items)


Lookup = Callable[[str, str], Mapping[str, Any] | None]


def claimx_lookup(
    corpus: ConflictCorpus, workers: int, model: str | None, track: Track = untracked
) -> Lookup:
    """Run claimx over the corpus; the lookup gives its line for (path, publication date)."""
    runs = corpus.runs()
    lines = run_engine(list(runs.values()), workers, model, track)
    by_key = {key: lines[item.id] for key, item in runs.items()}
    return lambda path, published: by_key.get((path, published))


def file_lookup(pred_path: Path) -> Lookup:
    """A `claimx batch` output file: its line whose source is the article's path."""
    by_source = {
        str(Path(record.get("source") or record["id"]).resolve()): record
        for _, record in read_records(pred_path)
    }
    return lambda path, published: by_source.get(path)


def score_conflict(
    corpus: ConflictCorpus, lookup: Lookup, min_cover: float | None = None, speech: bool = False
) -> ConflictReport:
    """Score every gold article against the line ``lookup`` gives; a missing or error line
    is a failed article whose gold claims are misses."""
    from claimx.evaluation.conflict import ConflictReport, conflict_rules, score_article

    rules = replace(conflict_rules(), speech_only=speech)
    if min_cover is not None:
        rules = replace(rules, min_cover=min_cover)
    scores = []
    for gold, article, path in corpus.entries:
        line = lookup(path, article.published)
        error = prediction_error(line)
        text = corpus.items[path].text or ""
        scores.append(
            score_article(gold.name, article, None if error else line, text, rules, error)
        )
    return ConflictReport(corpus.names, tuple(scores))


def run_conflict_eval(
    gold_paths: list[Path], articles: Path | None, pred_path: Path | None,
    min_cover: float | None, workers: int, model: str | None, speech: bool = False,
    track: Track = untracked,
) -> ConflictReport:  # fmt: skip
    if min_cover is not None and not 0 < min_cover <= 1:
        raise InputError(f"--min-overlap must be in (0, 1], got {min_cover}")
    corpus = load_conflict_corpus(gold_paths, articles)
    if pred_path is not None:
        lookup = file_lookup(pred_path)
    else:
        lookup = claimx_lookup(corpus, workers, model, track)
    return score_conflict(corpus, lookup, min_cover, speech)


def prediction_error(line: Mapping[str, Any] | None) -> str | None:
    if line is None:
        return "no prediction line"
    error = line.get("error")
    if error:
        return str(error.get("message") if isinstance(error, dict) else error)
    return None
