"""The evaluation rules file (models/evaluation.json): speech words, span trimming, report size.

The speech words also define ``--speech-only`` for ``extract`` and ``batch``, so they live
with the other rules rather than in the scorer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimx.rules.assets import Field, check_top, key_where, load_json_text

WORD_RE = re.compile(r"[a-z]+")
SCHEMA = {
    "speech_words": Field((list,), required=True, items=str),
    "trim": Field((str,), required=True),
    "trailing": Field((str,), required=True),
    "worst_documents": Field((int,), required=True),
    "conflict": Field((dict,), required=True),  # checked by claimx.evaluation.conflict
}


@dataclass(frozen=True)
class EvalRules:
    speech_words: frozenset[str]
    trim: str
    trailing: str
    worst_documents: int


@cache
def eval_rules() -> EvalRules:
    data, text = load_json_text("evaluation.json", "evaluation")
    check_top(data, SCHEMA, key_where("evaluation.json", text))
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
