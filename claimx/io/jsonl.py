"""The JSON forms of Article records: one document for ``extract``, one line per article for
JSONL, with characters a terminal or UTF-8 cannot take escaped."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from claimx.claims.select import EVERYTHING, Selection, select_article_dict
from claimx.records import Article

# JSON escapes C0 controls itself; C1 controls (U+0080-U+009F, 8-bit CSI among them) are
# written as \u escapes too, and lone surrogates, which UTF-8 cannot hold, as U+FFFD.
JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff]")


def json_safe(line: str) -> str:
    def replace(found: re.Match[str]) -> str:
        char = found.group()
        return "\ufffd" if "\ud800" <= char <= "\udfff" else f"\\u{ord(char):04x}"

    return JSON_UNSAFE.sub(replace, line)


def to_json(articles: Sequence[Article], chosen: Selection = EVERYTHING) -> str:
    """One object for one article, an array for several (the documented contract); ``chosen``
    filters the claims and keeps only some of their fields."""
    data: Any = [select_article_dict(a.to_dict(), chosen) for a in articles]
    if len(articles) == 1:
        data = data[0]
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))


def to_jsonl_line(article: Article, chosen: Selection = EVERYTHING) -> str:
    return compact_json(select_article_dict(article.to_dict(), chosen))


def compact_json(data: Any) -> str:
    """One JSONL line: no spaces, characters as they are."""
    return json_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
