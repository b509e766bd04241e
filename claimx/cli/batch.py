"""``claimx batch``: many articles into a JSONL file — the command, and what it does around the
runner: open the output, show progress, summarise."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from claimx.claims.select import EVERYTHING, Selection, select_article_dict
from claimx.cli.options import (
    FieldsOption,
    ModelOption,
    SpeakerFilter,
    SpeechOption,
    StatusOption,
    fail,
)
from claimx.cli.progress import count_inputs, missing_inputs, resume_command, show_progress, tracked
from claimx.cli.render.parts import plain
from claimx.errors import ClaimxError, InputError
from claimx.io.inputs import Item, RecordFields, iter_items
from claimx.io.output import Outcome, Summary, open_output, run_batch
from claimx.run.engine_choice import EngineChoice, EngineKind, make_engine

# the runner as a function of the items: local processes or Dask, maybe filtered
Engine = Callable[[Iterable[Item]], Iterator[Outcome]]


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
    engine = batch_engine(choice, speech, chosen)
    handle, done = open_output(out, resume, force, inputs)
    started = time.perf_counter()
    total = None if counted.total is None else max(counted.total - done.total(), 0)
    shown = partial(tracked, total=total, label="claimx batch", show=show_progress(quiet))
    try:
        with handle:
            items = iter_items(inputs, RecordFields(*field_names), pattern, follow_symlinks)
            summary = run_batch(lambda todo: shown(engine(todo)), items, handle, done)
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted; the lines written so far are kept. To continue: "
                          f"{resume_command(argv)}") from None  # fmt: skip
    if not quiet:
        report(summary, out, time.perf_counter() - started)
    if summary.duplicates:
        warn_duplicates(summary.duplicates)
    return summary


def batch_engine(choice: EngineChoice, speech: bool, chosen: Selection) -> Engine:
    """The chosen engine, with ``--speech-only`` and the claim selection applied to its lines."""
    engine = make_engine(choice)
    if speech:
        engine = speech_only_engine(engine)
    if chosen.filters or chosen.fields:
        engine = selected_engine(engine, chosen)
    return engine


def warn_duplicates(duplicates: Sequence[str]) -> None:
    shown_ids = plain(", ".join(repr(d) for d in duplicates[:10]))
    more = f" and {len(duplicates) - 10} more" if len(duplicates) > 10 else ""
    print(f"claimx: duplicate ids, written as duplicate_id error lines: {shown_ids}{more}",
          file=sys.stderr)  # fmt: skip


class Interrupted(ClaimxError):
    exit_code = 130  # the shell's code for a command stopped by Ctrl-C


def check_inputs(inputs: Sequence[str], resume: bool, force: bool) -> None:
    if resume and force:
        raise InputError("--resume and --force contradict each other: give one")
    missing = missing_inputs(inputs)
    if missing:
        raise InputError(f"{plain(missing[0])}: no such file or folder")


def report(summary: Summary, out: Path, elapsed: float) -> None:
    print(
        f"claimx: {summary.articles} articles, {summary.claims} claims, {summary.failures} failed, "
        f"{summary.skipped} skipped (already in {plain(out)}), {elapsed:.1f}s",
        file=sys.stderr,
    )


def speech_only_engine(
    engine: Engine,
) -> Engine:
    """The engine with ``--speech-only`` applied to its output lines, so the local and Dask
    engines need not know of it."""

    def run_speech_only(items: Iterable[Item]) -> Iterator[Outcome]:
        return map(speech_only_outcome, engine(items))

    return run_speech_only


def speech_only_outcome(result: Outcome) -> Outcome:
    """An output line with only its claims whose cue is a speech act, and only the conflicts
    whose claims all remain (as ``claimx.claims.article.speech_only`` does on records)."""
    import json

    from claimx.io.jsonl import compact_json
    from claimx.rules.evaluation import speech_cue

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

    def run_selected(items: Iterable[Item]) -> Iterator[Outcome]:
        for result in engine(items):
            yield selected_outcome(result, chosen)

    return run_selected


def selected_outcome(result: Outcome, chosen: Selection) -> Outcome:
    import json

    from claimx.io.jsonl import compact_json

    data = select_article_dict(json.loads(result.line), chosen)
    return replace(result, line=compact_json(data), claims=len(data.get("claims") or []))


EXAMPLE = "Example: claimx batch news/ corpus.jsonl --out claims.jsonl --workers 4 --resume"


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Folders, files or JSONL corpora; '-' reads JSONL from stdin."),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output JSONL file, one line per article.")
    ],
    glob: Annotated[
        str | None,
        typer.Option("--glob", help="File name pattern in folders (default: .txt .md .html .htm)."),
    ] = None,
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the id.")] = "id",
    date_field: Annotated[
        str | None,
        typer.Option(
            help="JSONL field with the publication date (default: published, publication_date, date or the same under meta.; dotted paths allowed)."
        ),
    ] = None,
    title_field: Annotated[
        str | None, typer.Option(help="JSONL field with the title, copied to the output.")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Processes, or Dask workers (default: CPU count)."
        ),
    ] = None,
    engine: Annotated[
        EngineKind, typer.Option(help="local: this machine's processes; dask: a Dask cluster.")
    ] = EngineKind.LOCAL,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: a LocalCluster."),
    ] = None,
    partition_size: Annotated[int, typer.Option(min=1, help="Articles per Dask task.")] = 32,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Skip ids already in --out and repair a torn last line."),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing --out.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")
    ] = False,
    model: ModelOption = None,
    speech: SpeechOption = False,
    follow_symlinks: Annotated[
        bool,
        typer.Option("--follow-symlinks", help="Read linked files outside the input folder."),
    ] = False,
    status: StatusOption = None,
    speaker: SpeakerFilter = None,
    fields: FieldsOption = None,
) -> None:
    """Analyse many articles into a JSONL file: streaming, in input order, resumable."""
    from claimx.claims.select import selection
    from claimx.run.engine_choice import EngineChoice

    if scheduler and engine != EngineKind.DASK:
        raise fail("--scheduler needs --engine dask", 2)
    choice = EngineChoice(engine, workers, model, scheduler, partition_size)
    try:
        chosen = selection(status, speaker, fields)
        names = (text_field, id_field, date_field, title_field)
        summary = run(
            inputs,
            out,
            glob,
            names,
            choice,
            resume,
            force,
            quiet,
            speech,
            follow_symlinks,
            chosen,
            sys.argv[1:],
        )
    except ClaimxError as exc:
        raise fail(str(exc), exc.exit_code) from None
    if summary.failures:
        raise typer.Exit(1)
