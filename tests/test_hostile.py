"""Hostile input (issue 12): every case is one row of the table below, built in tmp_path and run
through the command line. Each must end with an answer (no traceback, no hang), lose no record,
and put nothing the user did not ask for on the terminal."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimx.api import extract
from claimx.cli.app import app
from claimx.io import textio
from claimx.io.jsonl import to_json
from claimx.io.textio import clean_text
from claimx.run import chunks

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "The ministry said the bridge was destroyed.\n“We will rebuild,” said Amina Yusuf.\n"
CASE_SECONDS = 240  # a case that takes longer is a hang


@dataclass
class Run:
    """What a case left behind: the command's result, and ``--out``'s records if any."""

    tmp: Path
    exit_code: int
    stdout: str
    stderr: str
    records: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    """``build`` writes the hostile input below tmp_path and returns the command's arguments;
    ``check`` asserts on the run; ``patch`` may monkeypatch before it."""

    build: Callable[[Path], list[str]]
    check: Callable[[Run], None]
    stdin: bytes | None = None
    patch: Callable[[pytest.MonkeyPatch, Path], None] | None = None
    env: dict[str, str] | None = None
    runner: Callable[[Path, list[str]], Run] | None = None  # instead of the CLI


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def batch(tmp: Path, *inputs: str | Path, extra: tuple[str, ...] = ()) -> list[str]:
    out = tmp / "out.jsonl"
    return ["batch", *map(str, inputs), "--out", str(out), "--workers", "1", "-q", *extra]


def jsonl(tmp: Path, *records: Any, name: str = "corpus.jsonl") -> Path:
    lines = (r if isinstance(r, str | bytes) else json.dumps(r) for r in records)
    data = b"".join((line.encode() if isinstance(line, str) else line) + b"\n" for line in lines)
    return write(tmp / name, data)


def by_id(run: Run) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in run.records}


def one_error(kind: str, code: int = 1) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        assert run.exit_code == code, run.stderr
        errors = [r["error"]["type"] for r in run.records if r.get("error")]
        assert errors == [kind], run.records

    return check


def offsets_hold(text: str, data: Any) -> None:
    """Every object with start/end/text in ``data`` slices ``text`` to its own text."""
    if isinstance(data, dict):
        if {"start", "end", "text"} <= data.keys() and isinstance(data["start"], int):
            assert text[data["start"] : data["end"]] == data["text"], data
        for value in data.values():
            offsets_hold(text, value)
    elif isinstance(data, list):
        for value in data:
            offsets_hold(text, value)


# --- 1. long texts: extract splits them as batch does -------------------------------------------

LONG = ARTICLE + ("-" * 999 + "\n") * 1100 + ARTICLE


def check_long(run: Run) -> None:
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert len(LONG) > 1_000_000 and len(data["claims"]) == 4
    offsets_hold(LONG, data)


# --- 2. lone surrogates and undecodable names -----------------------------------------------------


def check_surrogates(run: Run) -> None:
    assert run.exit_code == 0, run.stderr
    (record,) = run.records
    assert record["id"].startswith("a\ufffd") and record["claims"]


def check_bad_name(run: Run) -> None:
    assert run.exit_code == 0, run.stderr
    (record,) = run.records
    assert record["id"].endswith("caf\\xe9.txt") and record["claims"]


def check_title(run: Run) -> None:
    assert run.exit_code == 0, run.stderr
    assert run.records[0]["title"] == "\ufffdx"


# --- 3. --out: usage errors, never an input, locked ------------------------------------------------


def usage_error(words: str, unchanged: str | None = None) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        assert run.exit_code == 2 and words in run.stderr, run.stderr
        assert len(run.stderr.strip().splitlines()) == 1
        if unchanged is not None:
            assert (run.tmp / unchanged).read_bytes() == UNCHANGED

    return check


UNCHANGED = b'[1, 2]\n"x"\n'


def out_not_objects(tmp: Path) -> list[str]:
    write(tmp / "out.jsonl", UNCHANGED)
    return [*batch(tmp, write(tmp / "a.txt", ARTICLE)), "--resume"]


def out_is_input(tmp: Path) -> list[str]:
    corpus = write(tmp / "c.jsonl", UNCHANGED)
    return ["batch", str(corpus), "--out", str(tmp / "." / "c.jsonl"), "--resume", "-q"]


def out_locked(tmp: Path) -> list[str]:
    import fcntl

    handle = write(tmp / "out.jsonl", UNCHANGED).open("rb")
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # another batch, still running
    HELD.append(handle)
    return [*batch(tmp, write(tmp / "a.txt", ARTICLE)), "--force"]


HELD: list[Any] = []


# --- 4. duplicate ids; ids that do not depend on how a path is spelled -----------------------------


def check_duplicates(run: Run) -> None:
    assert run.exit_code == 1
    kinds = [(r["id"], (r["error"] or {}).get("type")) for r in run.records]
    assert kinds == [("7", None), ("7", "duplicate_id"), ("a", None), ("a", "duplicate_id")]
    assert "duplicate ids" in run.stderr and "'7', 'a'" in run.stderr


DUPLICATES = ({"id": 7, "text": ARTICLE}, {"id": "7", "text": "The mayor said no."},
              {"id": "a", "text": ARTICLE}, {"id": "a", "text": "Police said no."})  # fmt: skip


def torn_duplicates(tmp: Path) -> list[str]:
    """A run killed after its second line, with the third torn: the resume completes it."""
    args = batch(tmp, jsonl(tmp, *DUPLICATES))
    CliRunner().invoke(app, args)
    lines = (tmp / "out.jsonl").read_bytes().splitlines(keepends=True)
    (tmp / "out.jsonl").write_bytes(b"".join(lines[:2]) + lines[2][:30])
    return [*args, "--resume"]


def respelled(tmp: Path) -> list[str]:
    """The first run names the folder and corpus relatively, the resume by absolute paths."""
    write(tmp / "in" / "a.txt", ARTICLE)
    jsonl(tmp, {"text": ARTICLE})
    CliRunner().invoke(app, batch(Path("."), "./in", "./corpus.jsonl"))
    return [*batch(tmp, tmp / "in", tmp / "corpus.jsonl"), "--resume"]


def check_respelled(run: Run) -> None:
    assert run.exit_code == 0, run.stderr
    assert [r["id"] for r in run.records] == ["in/a.txt", "corpus.jsonl:1"]


# --- 5. files that are not articles ----------------------------------------------------------------


def fifo_folder(tmp: Path) -> list[str]:
    write(tmp / "in" / "a.txt", ARTICLE)
    os.mkfifo(tmp / "in" / "pipe.txt")
    return batch(tmp, tmp / "in")


def zero_link(tmp: Path) -> Path:
    write(tmp / "in" / "a.txt", ARTICLE)
    (tmp / "in" / "zero.txt").symlink_to("/dev/zero")
    return tmp / "in"


def outside_link(tmp: Path) -> Path:
    write(tmp / "secret" / "passwd.txt", "root said x.\n")
    write(tmp / "in" / "a.txt", ARTICLE)
    (tmp / "in" / "passwd.txt").symlink_to(tmp / "secret" / "passwd.txt")
    (tmp / "in" / "passwd").symlink_to(tmp / "secret" / "passwd.txt")  # no suffix: not an article
    return tmp / "in"


def check_followed(run: Run) -> None:
    assert run.exit_code == 0, run.stderr
    assert sorted(by_id(run)) == ["in/a.txt", "in/passwd.txt"]


def unlistable(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    # the tests run as root, whom chmod does not stop: listing the folder fails by hand instead
    real = os.scandir
    locked = str(tmp / "in" / "locked")

    def scandir(path: Any = ".") -> Any:
        if str(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def locked_folder(tmp: Path) -> list[str]:
    write(tmp / "in" / "a.txt", ARTICLE)
    write(tmp / "in" / "locked" / "b.txt", ARTICLE)
    return batch(tmp, tmp / "in")


def small_cap(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    monkeypatch.setattr(textio, "MAX_ARTICLE_BYTES", 1000)


def check_too_large(run: Run) -> None:
    assert run.exit_code == 1
    kinds = {r["id"]: (r["error"] or {}).get("type") for r in run.records}
    assert kinds == {"in/a.txt": None, "in/big.txt": "too_large", "big.jsonl:1": "too_large",
                     "ok": None}  # fmt: skip


def too_large(tmp: Path) -> list[str]:
    write(tmp / "in" / "a.txt", ARTICLE)
    write(tmp / "in" / "big.txt", ARTICLE * 20)
    corpus = jsonl(tmp, {"id": "huge", "text": ARTICLE * 20}, {"id": "ok", "text": ARTICLE},
                   name="big.jsonl")  # fmt: skip
    return batch(tmp, tmp / "in", corpus)


# --- 6. nothing injected into a terminal or a spreadsheet -----------------------------------------

HOSTILE_TEXT = (
    "\x1b]0;owned\x07The ministry said the bridge \x1b[2Jwas destroyed.\n"
    "“We will \x1b]8;;http://evil.example\x1b\\rebuild\x1b]8;;\x1b\\,” said Amina \u202eYusuf.\n"
)
MARKUP_NAME = "[link=file:///etc/passwd]a[/link].txt"


def hostile_table(tmp: Path) -> list[str]:
    return ["extract", str(write(tmp / "[" / MARKUP_NAME, HOSTILE_TEXT)),
            str(write(tmp / "[/x].txt", ARTICLE)), str(tmp / "[bold]missing[/].txt"), "-f", "table"]  # fmt: skip


def check_terminal(run: Run) -> None:
    assert run.exit_code == 2  # the missing file
    shown = run.stdout + run.stderr
    styles_removed = re.sub(r"\x1b\[[0-9;]*m", "", shown)  # Rich's own colours are fine
    assert "\x1b" not in styles_removed and "\x07" not in styles_removed
    assert "\u202e" not in shown and "evil.example" not in shown
    assert "[link=file:/etc/passwd]a[/link].txt" in styles_removed
    assert "[/x].txt" in styles_removed
    assert "[bold]missing[/].txt" in run.stderr
    assert "rebuild" in styles_removed


def check_csv(run: Run) -> None:
    assert run.exit_code == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows and all(row["source"] == "'+cmd.txt" for row in rows)
    assert any(row["text"].startswith("'=HYPERLINK") for row in rows)
    assert all(not row[k].startswith(("=", "+", "-", "@")) for row in rows for k in row)


def formula_csv(tmp: Path) -> list[str]:
    write(tmp / "+cmd.txt", "“=HYPERLINK(1) was sent,” said Amina Yusuf.\n")
    return ["extract", "+cmd.txt", "-f", "csv"]


# --- 7. workers die with the parent -----------------------------------------------------------------

POOL_SCRIPT = """
import sys, time
from claimx.run.engine import WorkerPool
import slow_tasks

if __name__ == "__main__":
    pool = WorkerPool(2, None, task=slow_tasks.task, initializer=slow_tasks.start)
    for _ in pool.run([[1], [2], [3]]):
        pass
"""
SLOW_TASKS = "import time\ndef start(model):\n    pass\ndef task(items):\n    time.sleep(120)\n"


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill_parent(how: int) -> Callable[[Path, list[str]], Run]:
    """Start a pool of two workers busy on long tasks, kill the parent with ``how``, and count
    the worker processes (and the resource tracker) still alive 15 s later."""

    def run(tmp: Path, args: list[str]) -> Run:
        write(tmp / "slow_tasks.py", SLOW_TASKS)
        script = write(tmp / "pool.py", POOL_SCRIPT)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp)])}
        parent = subprocess.Popen([sys.executable, str(script)], env=env)
        deadline = time.time() + 60
        while time.time() < deadline and len(children(parent.pid)) < 3:  # 2 workers + tracker
            time.sleep(0.2)
        spawned = children(parent.pid)
        time.sleep(1)  # the workers run their initializer
        parent.send_signal(how)
        parent.wait()
        deadline = time.time() + 15
        while time.time() < deadline and any(alive(pid) for pid in spawned):
            time.sleep(0.2)
        survivors = [pid for pid in spawned if alive(pid)]
        for pid in survivors:
            os.kill(pid, signal.SIGKILL)
        return Run(tmp, len(survivors), str(len(spawned)), "")

    return run


def check_no_survivors(run: Run) -> None:
    assert int(run.stdout) >= 2, "the pool did not start its workers"
    assert run.exit_code == 0, f"{run.exit_code} processes outlived their parent"


# --- 8, 9, 10. HTML, encodings, publication dates --------------------------------------------------

PAGE = f"<html><head><title>t</title></head><body><article><p>{ARTICLE}</p></article></body></html>"


def check_html(run: Run) -> None:
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["text_source"] == "html" and data["claims"]


def extract_and_batch(tmp: Path, args: list[str]) -> Run:
    """The same page through ``extract`` and ``batch``: the records must agree."""
    page = write(tmp / "page.html", PAGE)
    extracted = CliRunner().invoke(app, ["extract", str(page), "-f", "jsonl"])
    batched = CliRunner().invoke(app, batch(tmp, page))
    record = json.loads((tmp / "out.jsonl").read_text(encoding="utf-8"))
    record.pop("id")
    same = json.loads(extracted.stdout) == record and record["claims"]
    return Run(tmp, extracted.exit_code + batched.exit_code + (not same), extracted.stdout, "")


def decoded_as(encoding: str, words: str) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        assert run.exit_code == 0, run.stderr
        data = json.loads(run.stdout)
        assert data["encoding"] == encoding and data["claims"]
        assert words in json.dumps(data, ensure_ascii=False)

    return check


SAO = "The mayor said the bridge in São Paulo was destroyed.\n"


def check_bad_dates(run: Run) -> None:
    assert run.exit_code == 1
    records = by_id(run)
    for ident in ("garbage", "number", "list"):
        assert records[ident]["error"]["type"] == "invalid_date" and records[ident]["claims"]
        assert records[ident]["published"] is None
    assert records["good"]["published"] == "2021-01-05" and records["good"]["error"] is None


BAD_DATES = (
    {"id": "garbage", "text": ARTICLE, "published": "garbage"},
    {"id": "number", "text": ARTICLE, "published": 20210101},
    {"id": "list", "text": ARTICLE, "published": ["2021-01-01"]},
    {"id": "good", "text": ARTICLE, "published": "January 5, 2021"},
)

# --- 11. claimx eval on malformed gold or predictions -----------------------------------------------

POLNEAR_GOLD = '{"id": "a", "text": "He said so.", "attributions": []}'
CONFLICT_GOLD = json.dumps({"annotator": "t", "articles": [
    {"file": "x.txt", "published": "2025-01-01", "claims": [{"where": "He said"}]}]})  # fmt: skip


def eval_case(gold: str | bytes, pred: str | bytes | None, conflict: bool = False) -> Case:
    """``claimx eval`` on a gold file and a --pred file (None: --pred is a folder)."""

    def build(tmp: Path) -> list[str]:
        write(tmp / "x.txt", "He said so.\n")
        gold_path = write(tmp / ("gold.json" if conflict else "gold.jsonl"), gold)
        pred_path = tmp / "pred.jsonl"
        if pred is None:
            pred_path.mkdir()
        else:  # "X" stands for the article's path
            write(
                pred_path,
                pred.replace("X", json.dumps(str(tmp / "x.txt"))[1:-1])
                if isinstance(pred, str)
                else pred,
            )
        return ["eval", str(gold_path), "--pred", str(pred_path), "-f", "json"]

    def check(run: Run) -> None:
        assert run.exit_code == 2 and run.stderr.startswith("claimx: error:"), run.stderr
        assert len(run.stderr.strip().splitlines()) == 1

    return Case(build, check)


EVAL_CASES = {
    "eval-gold-content-not-a-span": eval_case(
        '{"id": "a", "text": "He said so.", "attributions": [{"content": 5}]}', POLNEAR_GOLD
    ),
    "eval-gold-attribution-not-object": eval_case(
        '{"id": "a", "text": "He said so.", "attributions": [5]}', POLNEAR_GOLD
    ),
    "eval-gold-not-utf8": eval_case(b'{"id": "\xff"}', POLNEAR_GOLD),
    "eval-pred-claims-not-list": eval_case(POLNEAR_GOLD, '{"id": "a", "claims": 5}'),
    "eval-pred-claim-not-object": eval_case(POLNEAR_GOLD, '{"id": "a", "claims": [5]}'),
    "eval-pred-claim-without-end": eval_case(POLNEAR_GOLD, '{"id": "a", "claims": [{"start": 1}]}'),
    "eval-pred-not-utf8": eval_case(POLNEAR_GOLD, b"\xff\xfe\n"),
    "eval-pred-is-a-folder": eval_case(POLNEAR_GOLD, None),
    "eval-conflict-pred-claim-not-object": eval_case(
        CONFLICT_GOLD, '{"id": "x", "source": "X", "claims": [5]}', conflict=True
    ),
    "eval-conflict-pred-source-not-text": eval_case(
        CONFLICT_GOLD, '{"id": "x", "source": 5, "claims": []}', conflict=True
    ),
    "eval-conflict-pred-claim-without-end": eval_case(
        CONFLICT_GOLD, '{"id": "x", "source": "X", "claims": [{"start": 0}]}', conflict=True
    ),
}

CASES: dict[str, Case] = {
    # 1
    "extract-over-1M-chars": Case(
        lambda t: ["extract", str(write(t / "long.txt", LONG)), "-f", "json"], check_long
    ),
    # 2
    "surrogate-json-escaped": Case(
        lambda t: batch(
            t,
            jsonl(
                t,
                '{"id": "a\\ud800", "text": "He said \\udc00 it. '
                + ARTICLE.replace("\n", " ").replace("“", "").replace("”", "")
                + '"}',
            ),
        ),
        check_surrogates,
    ),
    "raw-invalid-utf8-stdin": Case(
        lambda t: batch(t, "-"),
        check_surrogates,
        stdin=b'{"id": "a\xed\xa0\x80", "text": "The minister said \xff the bridge fell."}\n',
    ),
    "non-utf8-file-name": Case(
        lambda t: batch(t, write(Path(os.fsdecode(bytes(t) + b"/in/caf\xe9.txt")), ARTICLE).parent),
        check_bad_name,
    ),
    "extract-non-utf8-file-name": Case(
        lambda t: [
            "extract",
            str(write(Path(os.fsdecode(bytes(t) + b"/\xff.txt")), ARTICLE)),
            "-f",
            "json",
        ],
        lambda run: (
            json.loads(run.stdout)["source"].endswith("\\xff.txt") or pytest.fail(run.stdout)
        ),
    ),
    "surrogate-in-title": Case(
        lambda t: batch(
            t,
            jsonl(t, '{"id": "t", "title": "\\ud800x", "text": "The mayor said no."}'),
            extra=("--title-field", "title"),
        ),
        check_title,
    ),
    # 3
    "out-in-missing-folder": Case(
        lambda t: ["batch", str(write(t / "a.txt", ARTICLE)), "--out", str(t / "no" / "o.jsonl")],
        usage_error("does not exist"),
    ),
    "out-is-a-folder": Case(
        lambda t: ["batch", str(write(t / "a.txt", ARTICLE)), "--out", str(t)],
        usage_error("is a folder"),
    ),
    "out-lines-not-objects": Case(
        out_not_objects, usage_error("not a claimx batch output", "out.jsonl")
    ),
    "out-is-an-input": Case(out_is_input, usage_error("is also an input", "c.jsonl")),
    "out-locked-by-another-batch": Case(
        out_locked, usage_error("another claimx batch", "out.jsonl")
    ),
    "out-is-dev-null": Case(
        lambda t: [
            "batch",
            str(write(t / "a.txt", ARTICLE)),
            "--out",
            "/dev/null",
            "--force",
            "-q",
        ],
        lambda run: run.exit_code == 0 or pytest.fail(run.stderr),
    ),
    # 4
    "duplicate-ids": Case(lambda t: batch(t, jsonl(t, *DUPLICATES)), check_duplicates),
    "duplicate-ids-resumed": Case(torn_duplicates, check_duplicates),
    "resume-with-respelled-paths": Case(respelled, check_respelled, patch=lambda m, t: m.chdir(t)),
    # 5
    "fifo-in-folder": Case(fifo_folder, one_error("not_regular")),
    "fifo-as-jsonl-input": Case(
        lambda t: (os.mkfifo(t / "c.jsonl"), batch(t, t / "c.jsonl"))[1], one_error("not_regular")
    ),
    "extract-dev-zero": Case(
        lambda t: ["extract", "/dev/zero", "-f", "json"],
        lambda run: (
            (run.exit_code == 2 and "not a regular file" in run.stderr) or pytest.fail(run.stderr)
        ),
    ),
    "symlink-to-dev-zero": Case(lambda t: batch(t, zero_link(t)), one_error("symlink_outside")),
    "symlink-to-dev-zero-followed": Case(
        lambda t: batch(t, zero_link(t), extra=("--follow-symlinks",)), one_error("not_regular")
    ),
    "symlink-outside-root": Case(lambda t: batch(t, outside_link(t)), one_error("symlink_outside")),
    "symlink-outside-followed": Case(
        lambda t: batch(t, outside_link(t), extra=("--follow-symlinks",)), check_followed
    ),
    "unreadable-subfolder": Case(locked_folder, one_error("unreadable"), patch=unlistable),
    "bytes-cap": Case(too_large, check_too_large, patch=small_cap),
    # 6
    "escapes-and-markup-in-table": Case(
        hostile_table, check_terminal, env={"FORCE_COLOR": "1", "COLUMNS": "300"}
    ),
    "csv-formula-cells": Case(formula_csv, check_csv, patch=lambda m, t: m.chdir(t)),
    # 7
    "workers-die-with-parent-sigkill": Case(
        lambda t: [], check_no_survivors, runner=kill_parent(signal.SIGKILL)
    ),
    "workers-die-with-parent-sigterm": Case(
        lambda t: [], check_no_survivors, runner=kill_parent(signal.SIGTERM)
    ),
    # 8
    "extract-html": Case(
        lambda t: ["extract", str(write(t / "page.html", PAGE)), "-f", "json"], check_html
    ),
    "html-extract-same-as-batch": Case(
        lambda t: [],
        lambda run: run.exit_code == 0 or pytest.fail(run.stdout),
        runner=extract_and_batch,
    ),
    # 9
    "cp1252-sao": Case(
        lambda t: ["extract", str(write(t / "a.txt", SAO.encode("cp1252"))), "-f", "json"],
        decoded_as("cp1252", "São Paulo"),
    ),
    "one-line-latin1": Case(
        lambda t: [
            "extract",
            str(write(t / "a.txt", "The mayor said the café was closed.\n".encode("latin-1"))),
            "-f",
            "json",
        ],
        decoded_as("cp1252", "café"),
    ),
    "utf16-bom": Case(
        lambda t: ["extract", str(write(t / "a.txt", ARTICLE.encode("utf-16"))), "-f", "json"],
        decoded_as("utf-16", "Amina Yusuf"),
    ),
    "utf32-bom": Case(
        lambda t: ["extract", str(write(t / "a.txt", ARTICLE.encode("utf-32"))), "-f", "json"],
        decoded_as("utf-32", "Amina Yusuf"),
    ),
    # 10
    "invalid-published": Case(lambda t: batch(t, jsonl(t, *BAD_DATES)), check_bad_dates),
}


CASES.update(EVAL_CASES)  # 11


class Hang(Exception):
    pass


def alarm(signum: int, frame: Any) -> None:
    raise Hang(f"the case took over {CASE_SECONDS} s")


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    if case.patch is not None:
        case.patch(monkeypatch, tmp_path)
    args = case.build(tmp_path)
    if case.runner is not None:
        case.check(case.runner(tmp_path, args))
        return
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(CASE_SECONDS)
    try:
        result = CliRunner().invoke(app, args, input=case.stdin, env=case.env)
    finally:
        while HELD:
            HELD.pop().close()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stdout + result.stderr
    out = tmp_path / "out.jsonl"
    records = []
    if out.is_file():
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    case.check(Run(tmp_path, result.exit_code, result.stdout, result.stderr, records))


# --- the fuzz test: every offset slices the text to the reported text --------------------------------

FRAGMENTS = (
    "The minister said ", "Amina Yusuf ", "told reporters ", "according to police, ", "he ",
    "denied that ", "the bridge was destroyed", " 5,000 people", " twelve million", " on Monday",
    " in Kyiv", " last week", ". ", ", ", "\n", "\n\n", "“", "”", '"', "'", "«", "»", "—", "…",
    "(", ")", "[/x]", "\x1b[2J", "\ud800", "é", "\t", "  ", "\u202e", "\ufeff", "🙂", "=",
)  # fmt: skip
fuzz_texts = st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=fuzz_texts,
    published=st.none() | st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(date.isoformat),
    chunked=st.booleans(),
)
def test_fuzz_offsets_slice_the_text(nlp, text: str, published: str | None, chunked: bool) -> None:
    """Whatever the text (quotes, escapes, surrogates, bidi marks) and however it is split into
    pieces, every start/end in the output slices the text to the reported text."""
    split = (lambda t: chunks.split_paragraphs(t, 40)) if chunked else chunks.split_paragraphs
    with mock.patch("claimx.run.analysis.split_paragraphs", split):
        article = extract(text, published, nlp=nlp)
    offsets_hold(clean_text(text), json.loads(to_json([article])))
