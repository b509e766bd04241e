"""Benchmark claimx batch against the bare parse it needs; prints Markdown tables.

    python bench/batch_bench.py [--gold ../shared/gold/polnear-dev.jsonl] [--articles 100] [--runs 3]

1. Overhead: `claimx batch --workers 1` on the first N gold articles vs plain `nlp.pipe` with the
   same model, batch size and one process (both as fresh subprocesses, model load excluded by
   timing inside each process after loading). Median of --runs, ratio of medians.
2. Scaling: articles/s with --workers 1 and 2, and peak RSS per process, for N and 10×N articles
   (the corpus is repeated with new ids when it is shorter).
3. Engines: `--engine local` vs `--engine dask` (a LocalCluster of 2 single-thread workers) on
   the 10×N corpus, whole command.
4. Memory over time: resident MiB every 100 articles while one process works through 10×N
   distinct-as-possible articles.
5. Start-up: `claimx --help` and `claimx extract` of one sample, wall time including imports.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BARE = """
import json, sys, time, resource, spacy
from claimx.run.model import resolve_model_name
nlp = spacy.load(resolve_model_name())
texts = [json.loads(l)["text"] for l in open(sys.argv[1])]
list(nlp.pipe(texts[:2]))
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16):
    pass
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
CLAIMX = """
import json, sys, time, resource, os
from collections import Counter
from functools import partial
from claimx.run.model import load_pipeline
from claimx.io.output import run_batch
from claimx.run.engine import run_local
from claimx.io.inputs import RecordFields, iter_items
nlp = load_pipeline()
from claimx.api import extract
extract("Officials said the bridge fell on Sunday in Kabul, killing 3 people.", nlp=nlp)  # warm tables
start = time.perf_counter()
with open(os.devnull, "w") as out:
    run_batch(partial(run_local, workers=1, nlp=nlp), iter_items([sys.argv[1]], RecordFields()),
              out, Counter())
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
# Resident memory while one process works through a corpus of distinct articles: flat when
# nothing accumulates (memory zones free each task's vocabulary entries).
MEMORY = """
import json, resource, sys
from claimx.run.engine import run_local
from claimx.io.inputs import RecordFields, iter_items
from claimx.run.model import load_pipeline
nlp = load_pipeline()
def resident():
    return int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize() / 2**20
points = []
for n, _ in enumerate(run_local(iter_items([sys.argv[1]], RecordFields()), 1, nlp=nlp), 1):
    if n % 100 == 0:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        points.append((n, resident(), peak, len(nlp.vocab.strings)))
print(json.dumps({"points": points}))
"""
# The whole command as a user runs it (model loading included), and the peak RSS of the largest
# process it started (the command itself or one of its workers).
COMMAND = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def batch_command(path: Path, workers: int, engine: str = "local") -> list[str]:
    out = path.with_suffix(f".{engine}-{workers}.out")
    return [sys.executable, "-m", "claimx", "batch", str(path), "--out", str(out), "--force",
            "--quiet", "--workers", str(workers), *(["--engine", engine] if engine != "local" else [])]  # fmt: skip


def corpus(gold: Path, count: int, folder: Path, distinct: int | None = None) -> Path:
    """``count`` records cycling over the first ``distinct`` gold articles (all by default)."""
    rows = [json.loads(line) for line in gold.open(encoding="utf-8")][:distinct]
    path = folder / f"corpus-{count}-{distinct}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            row = rows[n % len(rows)]
            record = {
                "id": f"{row['id']}-{n}",
                "text": row["text"],
                "published": row["meta"].get("publication_date"),
            }
            handle.write(json.dumps(record) + "\n")
    return path


def measure(script: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_of(runs: int, script: str, *args: str) -> tuple[float, float]:
    results = [measure(script, *args) for _ in range(runs)]
    rss = max(r["rss_mb"] for r in results)
    return statistics.median(r["seconds"] for r in results), rss


def wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--gold", type=Path, default=HERE.parent.parent / "shared" / "gold" / "polnear-dev.jsonl"
    )
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, Python {platform.python_version()}\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        small = corpus(args.gold, args.articles, Path(tmp))
        bare, bare_rss = median_of(args.runs, BARE, small)
        one, one_rss = median_of(args.runs, CLAIMX, small, "1")
        print(f"| {args.articles} articles, one process | median s | articles/s | peak RSS MiB |")
        print("| --- | --- | --- | --- |")
        print(
            f"| bare nlp.pipe (batch 16) | {bare:.2f} | {args.articles / bare:.2f} | {bare_rss:.0f} |"
        )
        print(
            f"| claimx batch --workers 1 | {one:.2f} | {args.articles / one:.2f} | {one_rss:.0f} |"
        )
        print(f"\noverhead ratio (claimx / bare): {one / bare:.3f}\n")
        # the same articles ten times: peak RSS then compares like with like (it is set by the
        # longest batch, and the longest articles of the gold file are not among the first 100)
        large = corpus(args.gold, args.articles * 10, Path(tmp), distinct=args.articles)
        print(
            "| corpus | workers | median s (whole command) | articles/s | peak RSS MiB per process |"
        )
        print("| --- | --- | --- | --- | --- |")
        for path, count in ((small, args.articles), (large, args.articles * 10)):
            rates = {}
            for workers in (1, 2):
                runs = args.runs if count == args.articles else 1
                seconds, rss = median_of(runs, COMMAND, *batch_command(path, workers))
                rates[workers] = count / seconds
                print(f"| {count} | {workers} | {seconds:.2f} | {rates[workers]:.2f} | {rss:.0f} |")
            print(f"| {count} | speed-up 2 vs 1 | | {rates[2] / rates[1]:.2f}x | |")
        print("\n| 1,000 articles, 2 workers, whole command | median s | articles/s |")
        print("| --- | --- | --- |")
        engines = {}
        for engine in ("local", "dask"):
            seconds, _ = median_of(1, COMMAND, *batch_command(large, 2, engine))
            engines[engine] = seconds
            print(f"| --engine {engine} | {seconds:.2f} | {args.articles * 10 / seconds:.2f} |")
        print(f"| dask / local time | {engines['dask'] / engines['local']:.3f} | |")
        growth = measure(MEMORY, corpus(args.gold, args.articles * 10, Path(tmp)))
        print("\n| articles done (all gold articles, cycled), one process | resident MiB | "
              "peak MiB | vocab strings |\n| --- | --- | --- | --- |")  # fmt: skip
        for point in growth["points"]:
            print(f"| {point[0]} | {point[1]:.0f} | {point[2]:.0f} | {point[3]} |")
        sample = HERE.parent / "samples" / "border-clash.txt"
        print("\n| start-up (wall, median) | seconds |\n| --- | --- |")
        print(
            f"| claimx --help | {wall([sys.executable, '-m', 'claimx', '--help'], args.runs):.2f} |"
        )
        print(
            f"| claimx extract one sample | {wall([sys.executable, '-m', 'claimx', 'extract', str(sample), '-f', 'json'], args.runs):.2f} |"
        )


if __name__ == "__main__":
    main()
