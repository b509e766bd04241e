"""What ``claimx info`` reports: the pipeline and the rule files with their record counts."""

from __future__ import annotations

from claimx import __version__
from claimx.rules.assets import rule_files
from claimx.rules.attribution import cue_rules, frames, media
from claimx.rules.status import status_rules
from claimx.run.model import load_pipeline, model_label


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
