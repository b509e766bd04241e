"""The evaluation rules file (models/evaluation.json): speech words, span trimming, report size.

The speech words also define ``--speech-only`` for ``extract`` and ``batch``, so they live
with the other rules rather than in the scorer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimx.rules.assets import load_json

WORD_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class EvalRules:
    speech_words: frozenset[str]
    trim: str
    trailing: str
    worst_documents: int


@cache
def eval_rules() -> EvalRules:
    data = load_json("evaluation.json", "evaluation")
    return EvalRules(
        frozenset(w.lower() for w in data["speech_words"]),
        data["trim"],
        data["trailing"],
        int(data["worst_documents"]),
    )


def speech_cue(cue_text: str | None, rules: EvalRules | None = None) -> bool:
    """Whether a cue is a speech act: one of its words is in ``speech_words``. The one definition
    behind eval's and extract/batch's ``--speech-only``."""
    words = WORD_RE.findall((cue_text or "").lower())
    chosen = rules or eval_rules()
    return any(word in chosen.speech_words for word in words)
