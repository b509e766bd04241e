"""Cost against article length: is claimx linear in the size of one article? Prints Markdown tables.

    python bench/length_bench.py [--gold ../shared/gold/polnear-dev.jsonl] [--runs 3]
                                 [--sizes 10,100,1000] [--steps-at 10,50,100]

1. Whole analysis (the path `claimx extract` and `claimx batch` share: long texts are analysed in
   paragraph-aligned pieces) of one article built from real news paragraphs, at each size in KB:
   seconds (median of --runs, each in a fresh process, model load excluded), seconds per 10 KB,
   its ratio to the smallest size, and the process's peak RSS. Linear cost keeps the ratio near 1.
2. A hostile article of the same sizes: nothing but short quotes, pronouns and names, the case
   where pronoun resolution and dispute linking meet the most candidates.
3. Per step inside one Doc (no pieces) at --steps-at sizes: milliseconds per 10 KB of each spaCy
   component and of the record step (claims, facts, conflicts), so a step that grows faster than
   the text shows by name.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHOLE = """
import json, sys, time, resource
from claimx.run.model import load_pipeline
from claimx.api import analyse
from claimx.io.textio import ArticleText
nlp = load_pipeline()
text = open(sys.argv[1], encoding="utf-8").read()
list(analyse(nlp, [(ArticleText("warm", text[:3000]), "2016-01-01")]))
start = time.perf_counter()
article = next(analyse(nlp, [(ArticleText("x", text), "2016-01-01")]))
print(json.dumps({"seconds": time.perf_counter() - start, "claims": len(article.claims),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
STEPS = """
import json, sys, time
from claimx.run.model import load_pipeline
from claimx.api import article_from_doc
from claimx.components.keys import PUBLISHED_EXT, register_extensions
nlp = load_pipeline()
register_extensions()
text = open(sys.argv[1], encoding="utf-8").read()
timings = {}
for repeat in range(2):  # the first pass warms caches (dateparser, tokenizer)
    doc = nlp.make_doc(text)
    doc._.set(PUBLISHED_EXT, "2016-01-01")
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        doc = component(doc)
        timings[name] = time.perf_counter() - start
    start = time.perf_counter()
    article_from_doc(doc, "x", "2016-01-01")
    timings["records"] = time.perf_counter() - start
print(json.dumps(timings))
"""


def news_text(gold: Path, size_kb: int) -> str:
    """Real paragraphs, articles one after another, cut at a paragraph to about size_kb."""
    paragraphs: list[str] = []
    with gold.open(encoding="utf-8") as lines:
        for line in lines:
            paragraphs += [p.strip() for p in json.loads(line)["text"].split("\n") if p.strip()]
    out, total, index = [], 0, 0
    while total < size_kb * 1000:
        paragraph = paragraphs[index % len(paragraphs)]
        out.append(paragraph)
        total += len(paragraph) + 2
        index += 1
    return "\n\n".join(out)


def hostile_text(size_kb: int) -> str:
    """Quotes, pronouns and names only: every sentence is a claim with a pronoun speaker."""
    names = ["Anna Petrova", "Omar Haddad", "the ministry", "John Smith", "Leila Nasser"]
    lines, total, index = [], 0, 0
    while total < size_kb * 1000:
        name = names[index % len(names)]
        line = (
            f'{name} said the convoy was hit on Monday. "They fired {index % 90 + 2} shells," '
            f'she said. He denied it. "We never fired," they said. It was false, he added.'
        )
        lines.append(line)
        total += len(line) + 2
        index += 1
    return "\n\n".join(lines)


def run(script: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"benchmark process failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def whole_table(title: str, texts: dict[int, Path], runs: int) -> None:
    print(f"\n### {title}\n")
    print("| size | claims | seconds (median) | s per 10 KB | ratio to smallest | peak RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|")
    base = None
    for size, path in texts.items():
        results = [run(WHOLE, path) for _ in range(runs)]
        seconds = statistics.median(r["seconds"] for r in results)
        per10 = seconds / (size / 10)
        base = base or per10
        rss = max(r["rss_mb"] for r in results)
        print(
            f"| {size} KB | {results[0]['claims']} | {seconds:.2f} | {per10:.3f} | "
            f"{per10 / base:.2f} | {rss:.0f} |"
        )


def steps_table(texts: dict[int, Path]) -> None:
    timings = {size: run(STEPS, path) for size, path in texts.items()}
    sizes = list(timings)
    print("\n### Milliseconds per 10 KB, by step, in one Doc\n")
    print("| step | " + " | ".join(f"{s} KB" for s in sizes) + " | ratio last/first |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    for step in timings[sizes[0]]:
        per10 = [timings[s][step] * 1000 / (s / 10) for s in sizes]
        ratio = per10[-1] / per10[0] if per10[0] else float("nan")
        print(f"| {step} | " + " | ".join(f"{v:.1f}" for v in per10) + f" | {ratio:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gold", type=Path, default=HERE.parent.parent / "shared/gold/polnear-dev.jsonl"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--steps-at", default="10,50,100")
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimx-length-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    def write(kind: str, size: int, text: str) -> Path:
        path = args.work / f"{kind}-{size}kb.txt"
        path.write_text(text, encoding="utf-8")
        return path

    sizes = [int(s) for s in args.sizes.split(",")]
    steps = [int(s) for s in args.steps_at.split(",")]
    print("## claimx cost against article length\n")
    print(f"Median of {args.runs} fresh processes per size; model load excluded.")
    whole_table(
        "Real news paragraphs",
        {s: write("news", s, news_text(args.gold, s)) for s in sizes},
        args.runs,
    )
    whole_table(
        "Hostile: quotes, pronouns and names only",
        {s: write("hostile", s, hostile_text(s)) for s in sizes},
        args.runs,
    )
    steps_table({s: write("steps", s, news_text(args.gold, s)) for s in steps})


if __name__ == "__main__":
    main()
