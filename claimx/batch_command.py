"""What ``claimx batch`` does around the runner: open the output, show progress, summarise."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from .batch import Summary, open_output, run_batch
from .engine import Outcome, run_local
from .engine_choice import EngineChoice, EngineKind
from .errors import ClaimxError, InputError
from .inputs import Item, RecordFields, iter_items
from .progress import (
    OnProgress,
    count_inputs,
    missing_inputs,
    resume_command,
    show_progress,
    tracked,
)
from .render import plain
from .select import EVERYTHING, Selection, select_article_dict

Engine = Callable[..., Iterator[Outcome]]  # engine(items, on_progress=None): outcomes in order


def make_engine(choice: EngineChoice) -> Engine:
    """The engine as a function of the items (and of an optional progress callback, called as
    articles finish); checks what can be checked before any output."""
    from .model import load_pipeline, require_installed, resolve_model_name

    model = require_installed(resolve_model_name(choice.model))
    count = choice.workers or os.cpu_count() or 1
    if choice.kind == EngineKind.DASK:
        from .dask_engine import require_dask, run_dask

        require_dask()
        return partial(run_dask, workers=count, model=model, scheduler=choice.scheduler,
                       partition_size=choice.partition_size)  # fmt: skip
    if count == 1:
        load_pipeline(model)  # before --out is opened, so a broken model leaves no empty file
    return partial(run_local, workers=count, model=model)


def run(
    inputs: list[str],
    out: Path,
    pattern: str | None,
    field_names: tuple[str, str, str | None, str | None],
    choice: EngineChoice,
    resume: bool,
    force: bool,
    quiet: bool,
    speech: bool = False,
    follow_symlinks: bool = False,
    chosen: Selection = EVERYTHING,
    argv: Sequence[str] = (),
) -> Summary:
    """Check the inputs, count them, then analyse them into ``out``; Ctrl-C leaves a whole
    file and prints the command that resumes it."""
    check_inputs(inputs, resume, force)
    counted = count_inputs(inputs, pattern)
    for folder in counted.empty:
        print(f"claimx: warning: --glob {plain(pattern)} matches no file in {plain(folder)}",
              file=sys.stderr)  # fmt: skip
    engine = make_engine(choice)
    if speech:
        engine = speech_only_engine(engine)
    if chosen.filters or chosen.fields:
        engine = selected_engine(engine, chosen)
    handle, done = open_output(out, resume, force, inputs)
    started = time.perf_counter()
    total = None if counted.total is None else max(counted.total - done.total(), 0)
    shown = partial(tracked, total=total, label="claimx batch", show=show_progress(quiet))
    try:
        with handle:
            items = iter_items(inputs, RecordFields(*field_names), pattern, follow_symlinks)
            summary = run_batch(partial(progressed, shown, engine), items, handle, done)
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted; the lines written so far are kept. To continue: "
                          f"{resume_command(argv)}") from None  # fmt: skip
    if not quiet:
        report(summary, out, time.perf_counter() - started)
    if summary.duplicates:
        shown_ids = plain(", ".join(repr(d) for d in summary.duplicates[:10]))
        more = f" and {len(summary.duplicates) - 10} more" if len(summary.duplicates) > 10 else ""
        print(f"claimx: duplicate ids, written as duplicate_id error lines: {shown_ids}{more}",
              file=sys.stderr)  # fmt: skip
    return summary


def progressed(
    shown: Callable[..., Iterator[Outcome]], engine: Engine, items: Iterable[Item]
) -> Iterator[Outcome]:
    """The engine's outcomes through the bar ``shown``, which gives it its progress callback."""
    return shown(partial(engine, items))


class Interrupted(ClaimxError):
    exit_code = 130  # the shell's code for a command stopped by Ctrl-C


def check_inputs(inputs: Sequence[str], resume: bool, force: bool) -> None:
    if resume and force:
        raise InputError("--resume and --force contradict each other: give one")
    missing = missing_inputs(inputs)
    if missing:
        # the shell passes a pattern that matched no file on unchanged
        pattern = " (a shell pattern that matched nothing?)" if set("*?[") & set(missing[0]) else ""
        raise InputError(f"{plain(missing[0])}: no such file or folder{pattern}")


def report(summary: Summary, out: Path, elapsed: float) -> None:
    print(
        f"claimx: {summary.articles} articles, {summary.claims} claims, {summary.failures} failed, "
        f"{summary.skipped} skipped (already in {plain(out)}), {elapsed:.1f}s",
        file=sys.stderr,
    )


def speech_only_engine(engine: Engine) -> Engine:
    """The engine with ``--speech-only`` applied to its output lines, so the local and Dask
    engines need not know of it."""

    def run_speech_only(
        items: Iterable[Item], on_progress: OnProgress | None = None
    ) -> Iterator[Outcome]:
        return map(speech_only_outcome, engine(items, on_progress=on_progress))

    return run_speech_only


def speech_only_outcome(result: Outcome) -> Outcome:
    """An output line with only its claims whose cue is a speech act, and only the conflicts
    whose claims all remain (as ``claimx.api.speech_only`` does on records)."""
    import json

    from .evaluation import speech_cue
    from .render import compact_json

    data = json.loads(result.line)
    claims = [c for c in data.get("claims") or [] if speech_cue((c.get("cue") or {}).get("text"))]
    if len(claims) == len(data.get("claims") or []):
        return result
    kept = {c["id"] for c in claims}
    data["claims"] = claims
    data["conflicts"] = [c for c in data.get("conflicts") or [] if kept.issuperset(c["claims"])]
    return replace(result, line=compact_json(data), claims=len(claims))


def selected_engine(engine: Engine, chosen: Selection) -> Engine:
    """The engine with ``--status``, ``--speaker`` and ``--fields`` applied to its lines."""

    def run_selected(
        items: Iterable[Item], on_progress: OnProgress | None = None
    ) -> Iterator[Outcome]:
        for result in engine(items, on_progress=on_progress):
            yield selected_outcome(result, chosen)

    return run_selected


def selected_outcome(result: Outcome, chosen: Selection) -> Outcome:
    import json

    from .render import compact_json

    data = select_article_dict(json.loads(result.line), chosen)
    return replace(result, line=compact_json(data), claims=len(data.get("claims") or []))
