"""``claimx info``: the pipeline in use and the rule files with their record counts."""

from __future__ import annotations

import typer

from claimx import __version__
from claimx.cli.options import ModelOption, fail
from claimx.errors import ClaimxError
from claimx.rules.assets import rule_files
from claimx.rules.attribution import cue_rules, frames, media
from claimx.rules.status import status_rules
from claimx.run.model import load_pipeline, model_label

EXAMPLE = "Example: claimx info --model en_core_web_md"


def rule_counts() -> dict[str, str]:
    cues = cue_rules()
    speech = sum(1 for c in cues if c.speech)
    return {
        "cues.jsonl": f"{len(cues)} cues ({speech} speech, {len(cues) - speech} belief/other)",
        "frames.json": f"{len(frames())} frames",
        "media.jsonl": f"{len(media())} outlets and platforms",
        "status.json": f"{len(status_rules().rules)} status rules",
    }


def describe(model: str | None) -> str:
    nlp = load_pipeline(model)
    lines = [
        f"claimx {__version__}",
        f"model: {model_label(nlp)}",
        f"pipes: {', '.join(nlp.pipe_names)}",
        "rules:",
    ]
    counts = rule_counts()
    for name in rule_files():
        lines.append(f"  {name}: {counts.get(name, 'loaded')}")
    lines.append("status rules (value, direction, id):")
    for rule in status_rules().rules:
        lines.append(f"  {rule.value or '-':<10} {rule.direction:<11} {rule.id}")
    return "\n".join(lines)


def info(model: ModelOption = None) -> None:
    """Show the spaCy pipeline in use and the rule files loaded from models/."""
    try:
        typer.echo(describe(model))
    except ClaimxError as exc:
        raise fail(str(exc), exc.exit_code) from None
