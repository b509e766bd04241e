"""The README's examples, rendered by the current tool between marker comments.

    python tests/readme_examples.py          # rewrite README.md's generated blocks
    python tests/readme_examples.py --check  # exit 1 if README.md differs (what the test does)

Each block sits between ``<!-- generated: NAME -->`` and ``<!-- end generated: NAME -->``;
everything else in the README is left as written.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
REGENERATE = "python tests/readme_examples.py"
TABLE_COMMAND = ["extract", "samples/tweet-report.txt", "--width", "80"]
JSON_COMMAND = ["extract", "samples/tweet-report.txt", "--speaker", "Stefanidou", "-f", "json"]
HEAD_CLAIMS = 3  # the table excerpt: its first claims, then the first claim with a "why" line
MARKER = re.compile(
    r"(<!-- generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- end generated: (?P=name) -->)",
    re.DOTALL,
)


def run_claimx(args: list[str]) -> str:
    """The command's stdout, run from the repository root as a reader would (no colour)."""
    from typer.testing import CliRunner

    from claimx.cli.app import app

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, args)
    finally:
        os.chdir(here)
    if result.exit_code != 0:
        raise RuntimeError(f"claimx {' '.join(args)} failed: {result.stderr}")
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def claim_blocks(output: str) -> tuple[str, list[str]]:
    """(title line, one text per claim block) of the narrow layout's output."""
    lines = output.rstrip("\n").split("\n")
    blocks: list[list[str]] = []
    for line in lines[1:]:
        if re.match(r"c\d+ ", line):
            blocks.append([])
        if blocks:
            blocks[-1].append(line)
    return lines[0], ["\n".join(b).rstrip("\n") for b in blocks]


def table_block() -> str:
    """The first claims, then the first one whose status has a "why", elided with "..."."""
    # a terminal's default format is the table; under the test runner stdout is not one
    title, blocks = claim_blocks(run_claimx([*TABLE_COMMAND, "-f", "table"]))
    shown = [title, *(b.rstrip() for b in blocks[:HEAD_CLAIMS])]
    why = next((b for b in blocks[HEAD_CLAIMS:] if "\n    why: " in b), None)
    if why is not None:
        shown += ["...", why]
    body = "\n\n".join(shown[1:]).replace("\n\n...\n\n", "\n...\n")
    return f"```\n$ claimx {' '.join(TABLE_COMMAND)}\n{title}\n{body}\n...\n```\n"


def json_block() -> str:
    command = f"claimx {' '.join(JSON_COMMAND)}"
    return f"`{command}` prints:\n\n```json\n{run_claimx(JSON_COMMAND)}```\n"


def spacy_block() -> str:
    """The components in the order claimx.run.model adds them (the order that works)."""
    from claimx.run.model import CLAIMX_PIPES

    names = "".join(f'    "{name}",\n' for name in CLAIMX_PIPES)
    return (
        "```python\nimport spacy\n\n"
        'nlp = spacy.load("en_core_web_sm")  # any English pipeline with a parser\n'
        'nlp.add_pipe("claimx_paragraphs", before="parser")\n'
        f"for name in (\n{names}):\n    nlp.add_pipe(name)\n"
        "doc = nlp(text)\n"
        'doc.spans["claimx_claims"]  # content spans: label = kind, id_ = claim id, '
        "kb_id_ = rule id\n```\n"
    )


BLOCKS: dict[str, Callable[[], str]] = {
    "table": table_block,
    "json": json_block,
    "spacy": spacy_block,
}


def regenerated(text: str) -> str:
    """``text`` with every generated block rendered afresh; an unknown name is an error."""

    def render(found: re.Match[str]) -> str:
        name = found.group("name")
        if name not in BLOCKS:
            raise KeyError(f"README block {name!r}: no generator (known: {', '.join(BLOCKS)})")
        return found.group(1) + BLOCKS[name]() + found.group(4)

    return MARKER.sub(render, text)


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    fresh = regenerated(current)
    if "--check" in argv:
        if fresh != current:
            print(f"README.md examples are stale; run: {REGENERATE}", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
