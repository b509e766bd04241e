"""claimx eval on conflict-news gold: pairing, field rules, conflicts, gold validation, the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli.app import app
from claimx.evaluation.conflict import (
    Tally,
    conflict_rules,
    conflict_tally,
    date_ok,
    field_tally,
    fold,
    location_ok,
    pair,
    quantity_ok,
    score_article,
    speaker_ok,
    speech_view,
    summary,
)
from claimx.evaluation.conflict_gold import GoldArticle, GoldFormat, detect, gold_claim

TEXT = (
    "Rebels said 12 civilians were killed in Marjeh on Monday. "
    "The army denied that any civilian died. "
    '"We struck only fighters," a spokesman told reporters.\n'
)
KILLED = "12 civilians were killed in Marjeh on Monday"
DENIED = "any civilian died"
STRUCK = "We struck only fighters"
LEMMAS = {"said": "say", "told": "tell"}


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def pred_claim(part: str, speaker: str, cue: str, **fields) -> dict:
    start, end = at(part)
    return {
        "id": fields.pop("id", "c1"), "text": part, "start": start, "end": end,
        "kind": fields.pop("kind", "indirect"), "status": fields.pop("status", "asserted"),
        "speaker": {"text": speaker, "name": speaker}, "cue": {"text": cue, "lemma": LEMMAS.get(cue, cue)},
        **fields,
    }  # fmt: skip


def gold(where: str, speaker: str = "", **fields) -> dict:
    return {"where": where, "speaker": speaker, "cue": fields.pop("cue", ""), "kind": "", **fields}


def claim(where: str, speaker: str = "", **fields):
    return gold_claim(gold(where, speaker, **fields), "test")


RULES = conflict_rules()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Kafr  Batna ", "kafr batna"),
        ("Muḍāya", "mudaya"),
        ("Assad\u2019s", "assad's"),
        (None, ""),
    ],
)
def test_fold(value, expected) -> None:
    assert fold(value) == expected


@pytest.mark.parametrize(
    ("gold_speaker", "pred_speaker", "expected"),
    [
        ("Observatory", "the Syrian Observatory for Human Rights", True),
        ("observatory", "OBSERVATORY", True),
        ("", "anyone", True),  # no recoverable gold speaker: any prediction is right
        ("Observatory", "the army", False),
    ],
)
def test_speaker(gold_speaker, pred_speaker, expected) -> None:
    pred = {"speaker": {"name": pred_speaker, "text": pred_speaker}}
    assert speaker_ok(claim(KILLED, gold_speaker), pred) is expected


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        (KILLED, [(0, 0, True)]),
        ("12 civilians were killed in Marjeh", [(0, 0, True)]),  # 34 of 45 characters: > 0.6
        ("12 civilians were killed", []),  # 24 of 45: too little of the gold span
        (STRUCK, []),
    ],
)
def test_pairing_needs_cover_of_the_gold_span(part, expected) -> None:
    assert (
        pair([claim(KILLED, "Rebels")], [pred_claim(part, "Rebels", "said")], TEXT, 0.6) == expected
    )


def test_pairing_prefers_the_shorter_claim_then_the_right_speaker() -> None:
    whole = TEXT[: TEXT.index(" The army")]
    preds = [
        pred_claim(whole, "Rebels", "said"),
        pred_claim(KILLED, "the army", "said"),
        pred_claim(KILLED, "Rebels", "said"),
    ]
    assert pair([claim(KILLED, "Rebels")], preds, TEXT, 0.6) == [(0, 2, True)]
    assert pair([claim(KILLED, "Rebels")], preds[:2], TEXT, 0.6) == [(0, 1, False)]


@pytest.mark.parametrize(
    ("gold_quantity", "predicted", "expected"),
    [
        ({"value": 12, "event": "kill"}, [{"value": 12.0, "event": "killed"}], True),
        ({"value": 12, "event": "die"}, [{"value": 12, "event": "kill"}], True),  # synonyms
        ({"value": 4, "event": "injure"}, [{"value": 4, "event": "wound"}], True),
        ({"low": 20}, [{"low": 20, "value": None}], True),
        ({"value": 12, "approximate": True}, [{"value": 12, "approximate": False}], False),
        ({"value": 12, "event": "kill"}, [{"value": 12, "event": "wound"}], False),
        ({"value": 12}, [{"value": 13}], False),
        ({"value": None, "low": 5}, [{"value": 5, "low": 5}], False),  # gold says: no exact value
        ({"value": 12}, [], False),
    ],
)
def test_quantity_agreement(gold_quantity, predicted, expected) -> None:
    assert quantity_ok(gold_quantity, predicted, RULES) is expected


@pytest.mark.parametrize(
    ("gold_date", "predicted", "expected"),
    [
        (
            {"text": "Monday", "date": "2024-03-04"},
            [{"text": "on Monday", "date": "2024-03-04"}],
            True,
        ),
        (
            {"text": "on Monday", "date": "2024-03-04"},
            [{"text": "Monday", "date": "2024-03-04"}],
            True,
        ),
        (
            {"text": "Monday", "date": "2024-03-04"},
            [{"text": "Monday", "date": "2024-03-11"}],
            False,
        ),
        (
            {"text": "Monday", "date": "2024-03-04"},
            [{"text": "last week", "date": "2024-03-04"}],
            False,
        ),
    ],
)
def test_date_agreement(gold_date, predicted, expected) -> None:
    assert date_ok(gold_date, predicted, RULES) is expected


@pytest.mark.parametrize(
    ("gold_place", "predicted", "expected"),
    [
        (
            {"name": "Ghouta", "country": "Syria"},
            [{"name": "Eastern Ghouta", "country": "Syria"}],
            True,
        ),
        ({"name": "Rafah"}, [{"name": "Rafah", "country": "Egypt"}], True),
        (
            {"name": "Rafah", "country": "Egypt"},
            [{"name": "Rafah", "country": "Palestine; Egypt"}],
            True,
        ),
        ({"name": "Rafah", "country": "Egypt"}, [{"name": "Rafah", "country": "Palestine"}], False),
        ({"name": "Eastern Ghouta"}, [{"name": "Ghouta"}], False),
    ],
)
def test_location_agreement(gold_place, predicted, expected) -> None:
    assert location_ok(gold_place, predicted, RULES) is expected


@pytest.mark.parametrize(
    ("gold_fields", "pred_fields", "counts"),
    [
        ({"cue": "say"}, {}, {"cue_n": 1, "cue_ok": 1, "status_fp_n": 1}),
        ({"cue": "claim"}, {}, {"cue_n": 1, "status_fp_n": 1}),
        ({"status": "denied"}, {"status": "denied"}, {"status_n": 1, "status_ok": 1}),
        ({"status": "disputed"}, {}, {"status_n": 1}),
        ({}, {"status": "hedged"}, {"status_fp_n": 1, "status_fp_ok": 1}),
    ],
)
def test_field_tally(gold_fields, pred_fields, counts) -> None:
    predicted = pred_claim(KILLED, "Rebels", "said", **pred_fields)
    tally, _ = field_tally(claim(KILLED, "Rebels", **gold_fields), predicted, RULES)
    assert tally == Tally(**counts)


@pytest.mark.parametrize(
    ("gold_values", "pred_values", "expected"),
    [
        ([{11.0, 0.0}], [[11, 0]], (1, 1, 1, 1)),
        ([{81.0, 58.0}, {81.0, 12.0}], [[81, 58, 12]], (2, 1, 2, 1)),  # one group answers both
        ([{10.0, 12.0}], [[10, 8]], (1, 1, 0, 0)),
        ([], [[5, 6]], (0, 1, 0, 0)),
    ],
)
def test_conflicts(gold_values, pred_values, expected) -> None:
    article = GoldArticle("a.txt", "2024-03-05", (), tuple(frozenset(v) for v in gold_values))
    tally = conflict_tally(article, {"conflicts": [{"values": v} for v in pred_values]})
    assert (tally.conf_gold, tally.conf_pred, tally.conf_rec, tally.conf_prec) == expected


def test_score_article_and_summary() -> None:
    article = GoldArticle(
        "a.txt", "2024-03-05",
        (claim(KILLED, "Rebels", cue="say", quantities=[{"value": 12, "event": "kill"}]),
         claim(DENIED, "army", cue="deny", status="denied")),
        (),
    )  # fmt: skip
    preds = [
        pred_claim(KILLED, "Rebels", "said", quantities=[{"value": 12, "event": "kill"}]),
        pred_claim(STRUCK, "a spokesman", "told", id="c2", kind="direct"),
    ]
    score = score_article("g.json", article, {"claims": preds}, TEXT, RULES)
    kinds = [note.kind for note in score.notes]
    assert score.matched == 1 and kinds == ["MISS", "FP"]
    figures = summary(score.tally)
    assert figures["content"] == {"tp": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert figures["pairs"]["quantity_recall"] == {"rate": 1.0, "n": 1}
    assert figures["pairs"]["status_accuracy"] == {"rate": None, "n": 0}
    failed = score_article("g.json", article, None, TEXT, RULES, "boom")
    assert failed.tally.failed == 1 and failed.matched == 0


def test_speech_view() -> None:
    golds = [claim(KILLED, "Rebels", cue="say"), claim(DENIED, "army", cue=""),
             claim(STRUCK, "spokesman", cue="estimate")]  # fmt: skip
    preds = [
        pred_claim(KILLED, "Rebels", "said"),
        pred_claim(DENIED, "army", "said"),  # pairs with a non-speech gold claim: left out
        pred_claim(STRUCK, "a spokesman", "believed"),  # not a speech cue
    ]
    kept_gold, kept_pred = speech_view(golds, preds, TEXT, RULES)
    assert [g.where for g in kept_gold] == [KILLED]
    assert [p["text"] for p in kept_pred] == [KILLED]


# --- the command line -----------------------------------------------------------------------


def write_gold(folder: Path, articles: list[dict], name: str = "gold.json", indent=1) -> Path:
    path = folder / name
    path.write_text(json.dumps({"annotator": "T", "articles": articles}, indent=indent), "utf-8")
    return path


def gold_article(file: str = "news/a.txt") -> dict:
    claims = [
        gold(KILLED, "Rebels", cue="say", kind="indirect", quantities=[{"value": 12, "event": "kill"}],
             dates=[{"text": "on Monday", "date": "2024-03-04"}], locations=[{"name": "Marjeh"}]),
        gold(DENIED, "army", cue="deny", kind="indirect", status="denied"),
        gold(STRUCK, "spokesman", cue="tell", kind="direct"),
    ]  # fmt: skip
    return {"file": file, "published": "2024-03-05", "claims": claims, "conflicts": []}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(TEXT, encoding="utf-8")
    return write_gold(tmp_path, [gold_article()])


@pytest.mark.parametrize("indent", [1, None])
def test_detects_conflict_gold(tmp_path: Path, indent) -> None:
    assert detect(write_gold(tmp_path, [gold_article()], indent=indent)) == GoldFormat.CONFLICT
    jsonl = tmp_path / "p.jsonl"
    record = {"id": "a", "text": "word " * 5000, "attributions": []}  # a long first line
    jsonl.write_text(json.dumps(record) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    assert detect(jsonl) == GoldFormat.POLNEAR
    broken = tmp_path / "broken.json"
    broken.write_text('{"articles": [\n', encoding="utf-8")
    assert detect(broken) == GoldFormat.CONFLICT  # so the conflict reader says what is wrong


def test_cli_scores_a_prediction_file(corpus: Path, tmp_path: Path) -> None:
    line = {"id": "x", "source": str(tmp_path / "news" / "a.txt"), "error": None, "conflicts": [],
            "claims": [pred_claim(STRUCK, "a spokesman", "told", kind="direct")]}  # fmt: skip
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(corpus), "--pred", str(pred), "-f", "json", "-v"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["all"]["content"] == {"tp": 1, "precision": 1.0, "recall": 0.333, "f1": 0.5}
    notes = [n["kind"] for n in report["articles"][0]["notes"]]
    assert notes == ["MISS", "MISS"] and list(report["by_gold_file"]) == ["gold.json"]


def test_cli_runs_claimx_and_lists_per_article(corpus: Path, tmp_path: Path) -> None:
    other = write_gold(tmp_path, [gold_article()], name="gold-2.json")
    result = CliRunner().invoke(app, ["eval", str(corpus), str(other), "-w", "1", "-v"])
    assert result.exit_code == 0, result.output
    assert "gold.json news/a.txt: gold 3, pred" in result.stdout
    assert "content + speaker" in result.stdout and "by gold file" in result.stdout
    flat = " ".join(result.stdout.split())
    assert "2 articles (0 failed)," in flat and "6 gold claims" in flat


def test_cli_speech_only(corpus: Path, tmp_path: Path) -> None:
    line = {"id": "x", "source": str(tmp_path / "news" / "a.txt"), "error": None, "conflicts": [],
            "claims": [pred_claim(KILLED, "Rebels", "said"), pred_claim(STRUCK, "x", "hoped")]}  # fmt: skip
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(line) + "\n", encoding="utf-8")
    args = ["eval", str(corpus), "--pred", str(pred), "-f", "json"]
    everything = json.loads(CliRunner().invoke(app, args).stdout)["all"]
    speech = json.loads(CliRunner().invoke(app, [*args, "--speech-only"]).stdout)["all"]
    assert (everything["gold"], everything["predicted"]) == (3, 2)
    assert (speech["gold"], speech["predicted"], speech["content"]["tp"]) == (3, 1, 1)


def test_cli_articles_option(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    gold_path = write_gold(tmp_path, [gold_article("a.txt")])
    args = ["eval", str(gold_path), "--gold-format", "conflict", "-f", "json", "-w", "1"]
    result = CliRunner().invoke(app, [*args, "--articles", str(tmp_path / "texts")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["all"]["gold"] == 3


def bad(**changes) -> dict:
    article = gold_article()
    article.update(changes)
    return article


@pytest.mark.parametrize(
    ("articles", "message"),
    [
        ([bad(claims=[{"speaker": "x"}])], "claim 1: a claim needs a non-empty 'where' string"),
        ([bad(claims="none")], "'claims' must be a list"),
        ([bad(published=None)], "article 1: an article needs a 'published' string"),
        ([bad(conflicts=[{"values": ["many"]}])], "conflict 1: needs a 'values' list of numbers"),
        ([bad(claims=[gold(KILLED, quantities=[{"value": "ten"}])])], "'value' must be a number"),
        ([bad(claims=[gold(KILLED, dates=[{"text": "Monday"}])])], "dates need a 'date' string"),
        ([bad(claims=[gold("not in the text at all")])], "stale 'where' string"),
        ([bad(file="news/missing.txt")], "news/missing.txt"),
    ],
)
def test_cli_malformed_gold_is_one_line(corpus: Path, tmp_path: Path, articles, message) -> None:
    gold_path = write_gold(tmp_path, articles, name="bad.json")
    result = CliRunner().invoke(app, ["eval", str(gold_path), "--gold-format", "conflict"])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("{not json", ["--gold-format", "conflict"], "invalid JSON"),
        ('{"articles": [\n', [], "odd.json: invalid JSON"),
        (
            '{"annotator": "T"}',
            ["--gold-format", "conflict"],
            'expected a JSON object {"annotator"',
        ),
        (None, ["--min-overlap", "0"], "--min-overlap must be in"),
    ],
)
def test_cli_bad_options_and_files(corpus: Path, tmp_path: Path, content, args, message) -> None:
    path = corpus
    if content is not None:
        path = tmp_path / "odd.json"
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(path), *args])
    assert result.exit_code == 2 and message in result.stderr, result.output


def test_cli_polnear_options_are_checked(corpus: Path, tmp_path: Path) -> None:
    jsonl = tmp_path / "p.jsonl"
    jsonl.write_text('{"id": "a", "text": "x", "attributions": []}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(jsonl), str(corpus)])
    assert result.exit_code == 2 and "mix PolNeAR JSONL and conflict JSON" in result.stderr
    result = CliRunner().invoke(app, ["eval", str(jsonl), "--articles", str(tmp_path)])
    assert result.exit_code == 2 and "--articles is for conflict gold" in result.stderr


def test_min_cover_option_reaches_the_pairing(corpus: Path, tmp_path: Path) -> None:
    part = "12 civilians were killed"  # 24 of 45 characters of the gold span
    line = {"id": "x", "source": str(tmp_path / "news" / "a.txt"), "error": None, "conflicts": [],
            "claims": [pred_claim(part, "Rebels", "said")]}  # fmt: skip
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(line) + "\n", encoding="utf-8")
    for cover, tp in (("0.6", 0), ("0.5", 1)):
        args = ["eval", str(corpus), "--pred", str(pred), "-f", "json", "--min-overlap", cover]
        result = CliRunner().invoke(app, args)
        assert json.loads(result.stdout)["all"]["content"]["tp"] == tp


def test_rules_are_validated(monkeypatch) -> None:
    from claimx.errors import PatternError
    from claimx.evaluation import conflict as evaluation_conflict

    data = {"version": 1, "kind": "evaluation", "conflict": {"min_cover": 2, "event_synonyms": {}}}
    monkeypatch.setattr(evaluation_conflict, "load_json_text", lambda *_: (data, "{}"))
    evaluation_conflict.conflict_rules.cache_clear()
    try:
        with pytest.raises(PatternError, match="min_cover must be a number"):
            evaluation_conflict.conflict_rules()
    finally:
        evaluation_conflict.conflict_rules.cache_clear()
    assert replace(RULES, min_cover=0.5).min_cover == 0.5
