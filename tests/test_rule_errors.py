"""Every rule file's loader names file:line for a broken copy: a missing key, a wrong type, an
unknown choice. Each row writes a copy of models/ with one file broken, points $CLAIMX_MODELS_DIR
at it and calls the loader past its cache, so the shipped rules are never touched."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimx.components.facts.actors import known_actors
from claimx.components.facts.numbers import quantity_rules
from claimx.components.facts.quantity_events import event_rules
from claimx.errors import PatternError
from claimx.evaluation.conflict import conflict_rules as eval_conflict_rules
from claimx.rules.assets import MODELS_ENV, model_dir
from claimx.rules.attribution import cue_rules, frames, media, syntax
from claimx.rules.conflicts import conflict_rules, origin_words
from claimx.rules.dates import date_rules
from claimx.rules.evaluation import eval_rules
from claimx.rules.places import place_grammar, places_data
from claimx.rules.quantities import quantity_grammar
from claimx.rules.speakers import resolution_rules, speaker_rules
from claimx.rules.status import linker_rules, status_rules

Edit = Callable[[Any], None]


def drop(*path: str) -> Edit:
    def edit(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        del data[path[-1]]

    return edit


def put(value: Any, *path: str | int) -> Edit:
    def edit(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return edit


def rule(rule_id: str, key: str, value: Any) -> Edit:
    """Set ``key`` of the status rule with id ``rule_id``."""

    def edit(data: Any) -> None:
        next(r for r in data["rules"] if r["id"] == rule_id)[key] = value

    return edit


def record(index: int, key: str, value: Any = None) -> Edit:
    """Set (or, with None, delete) ``key`` of the index-th record of a JSONL file."""

    def edit(records: list[dict]) -> None:
        if value is None:
            del records[index][key]
        else:
            records[index][key] = value

    return edit


def loader(function: Callable[[], Any]) -> Callable[[], Any]:
    """The function behind a ``functools.cache``: reads the files again on every call."""
    return getattr(function, "__wrapped__", function)


# file, loader, edit, the text on the expected line (None: line 1), what the message says
ROWS = [
    ("dates.json", date_rules, drop("iso_date"), None, "missing key 'iso_date'"),
    ("dates.json", date_rules, put("7", "future_window_days"), '"future_window_days"', "must be int"),
    ("dates.json", date_rules, put([1, 2], "vague"), '"vague"', "only str"),
    ("dates.json", date_rules, put("(", "iso_date"), '"iso_date"', "bad 'iso_date'"),
    ("status.json", status_rules, rule("not_independently_verified", "direction", "sideways"), '"sideways"', "sideways"),
    ("status.json", status_rules, rule("not_independently_verified", "value", "maybe"), '"maybe"', "unknown value"),
    ("status.json", status_rules, rule("not_independently_verified", "max_scope", "9"), '"9"', "must be int"),
    ("status.json", status_rules, put("clams", "rules", 0, "applies_to"), '"clams"', "claims_with_q"),
    ("status.json", status_rules, drop("rules", 0, "direction"), '"cue_confirms"', "missing key"),
    ("status.json", status_rules, put("unsure", "default"), '"default"', "unknown value 'unsure'"),
    ("status.json", status_rules, drop("default"), None, "missing key 'default'"),
    ("status.json", linker_rules, put(-1, "disputes", "window_before"), '"window_before"', "negative"),
    ("status.json", linker_rules, drop("disputes", "name_pos"), '"disputes"', "missing key"),
    ("status.json", linker_rules, put("VERB", "disputes", "verb_pos"), '"verb_pos"', "must be list"),
    ("frames.json", frames, put("shout", "frames", "speech", "handler"), '"shout"', "unknown value"),
    ("frames.json", frames, drop("frames", "speech", "handler"), '"speech": {', "missing key"),
    ("frames.json", frames, put(1, "frames", "speech", "inverted"), '"inverted": 1', "must be bool"),
    ("frames.json", syntax, drop("syntax", "subject_deps"), '"syntax"', "missing key"),
    ("frames.json", syntax, put("nsubj", "syntax", "agent_deps"), '"agent_deps"', "must be list"),
    ("speakers.json", speaker_rules, drop("titles"), None, "missing key 'titles'"),
    ("speakers.json", speaker_rules, put("he", "person_pronouns"), '"person_pronouns"', "list"),
    ("speakers.json", resolution_rules, drop("resolution", "run_pos"), None, "run_pos"),
    ("speakers.json", resolution_rules, put(-1, "resolution", "pronoun_sentences_back"),
     '"pronoun_sentences_back"', "integer >= 0"),
    ("conflicts.json", conflict_rules, drop("side_labels"), None, "missing key 'side_labels'"),
    ("conflicts.json", conflict_rules, put("8", "max_ratio"), '"max_ratio"', "must be int/float"),
    ("conflicts.json", conflict_rules, put(["x"], "unit_groups"), '"unit_groups"', "must be dict"),
    ("evaluation.json", eval_rules, drop("trim"), None, "missing key 'trim'"),
    ("evaluation.json", eval_rules, put("3", "worst_documents"), '"worst_documents"', "must be int"),
    ("evaluation.json", loader(eval_conflict_rules), put(2, "conflict", "min_cover"), '"conflict"',
     "min_cover"),
    ("places.json", places_data, drop("kind_order"), None, "missing key 'kind_order'"),
    ("places.json", places_data, put("0.5", "min_population_share"), '"min_population_share"',
     "must be float"),
    ("places.json", place_grammar, drop("grammar", "run_stops"), '"grammar"', "missing key"),
    ("places.json", place_grammar, put([1], "grammar", "leading_pos"), '"leading_pos"', "only str"),
    ("quantities.json", quantity_rules, drop("numbers", "tens"), '"numbers"', "'numbers.tens'"),
    ("quantities.json", quantity_rules, put("high-ish", "approximators", 0, "bound"), '"phrase": "some"',
     "unknown value 'high-ish'"),
    ("quantities.json", quantity_rules, put("yes", "approximators", 1, "approximate"), '"phrase": "about"',
     "must be bool"),
    ("quantities.json", event_rules, drop("events", "tolls"), '"events"', "events.tolls"),
    ("quantities.json", quantity_grammar, drop("grammar", "noun_pos"), '"grammar"', "missing key"),
    ("quantities.json", quantity_grammar, put("NN", "grammar", "plural_tags"), '"plural_tags"',
     "must be list"),
    ("cues.jsonl", cue_rules, record(0, "frame", "nonsense"), 2, "unknown frame 'nonsense'"),
    ("cues.jsonl", cue_rules, record(1, "frame"), 3, "missing key 'frame'"),
    ("cues.jsonl", cue_rules, record(2, "speech", "yes"), 4, "'speech' must be bool"),
    ("media.jsonl", media, record(0, "kind", "blog"), 2, "unknown value 'blog'"),
    ("media.jsonl", media, record(1, "aliases", "Reuters"), 3, "must be list"),
    ("media.jsonl", media, record(2, "name"), 4, "missing key 'name'"),
    ("actors.jsonl", known_actors, record(0, "type", "REBELS"), 2, "unknown value 'REBELS'"),
    ("actors.jsonl", known_actors, record(1, "aliases"), 3, "missing key 'aliases'"),
    ("actors.jsonl", known_actors, record(2, "exact", [1]), 4, "only str"),
    ("demonyms.jsonl", origin_words, record(0, "demonyms"), 2, "missing key 'demonyms'"),
    ("demonyms.jsonl", origin_words, record(1, "demonyms", "Albanian"), 3, "must be list"),
]  # fmt: skip


def broken_copy(folder: Path, name: str, edit: Edit) -> str:
    """Copy models/ into ``folder`` with ``name`` edited; return the edited file's text."""
    shutil.copytree(model_dir(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = folder / name
    if name.endswith(".jsonl"):
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        header, records = lines[0], lines[1:]
        edit(records)
        text = "\n".join(json.dumps(line, ensure_ascii=False) for line in [header, *records])
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        edit(data)
        text = json.dumps(data, indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return text


def expected_line(text: str, at: str | int | None) -> int:
    if isinstance(at, int) or at is None:
        return at or 1
    return next(n for n, line in enumerate(text.splitlines(), start=1) if at in line)


@pytest.mark.parametrize(("name", "load", "edit", "at", "message"), ROWS)
def test_a_broken_rule_file_names_file_and_line(
    name: str, load: Callable[[], Any], edit: Edit, at: str | int | None, message: str,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    text = broken_copy(tmp_path / "models", name, edit)
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "models"))
    where = f"models/{name}:{expected_line(text, at)}: "
    with pytest.raises(PatternError, match=re.escape(where) + ".*" + re.escape(message)):
        loader(load)()


def test_every_rule_file_has_a_row() -> None:
    from claimx.rules.assets import rule_files

    assert {row[0] for row in ROWS} == set(rule_files())


@pytest.mark.parametrize("load", sorted({row[1] for row in ROWS}, key=lambda f: f.__qualname__))
def test_an_unbroken_copy_loads(
    load: Callable[[], Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: the same copy, with nothing broken, loads (so the rows fail for the edit)."""
    broken_copy(tmp_path / "models", "dates.json", lambda data: None)
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "models"))
    assert loader(load)()


def test_rules_held_as_data_name_their_source() -> None:
    """A component's rules read back from its config have no file text: errors name the label."""
    from claimx.rules.assets import load_json
    from claimx.rules.dates import checked_date_rules
    from claimx.rules.status import build_status_rules, linker_from

    dates = {k: v for k, v in load_json("dates.json", "dates").items() if k != "iso_date"}
    with pytest.raises(PatternError, match=r"^claimx_dates dates\.json: missing key 'iso_date'"):
        checked_date_rules(dates, "claimx_dates dates.json")
    status = load_json("status.json", "status")
    broken = dict(status, rules=[dict(status["rules"][0], direction="sideways")])
    with pytest.raises(PatternError, match=r"^claimx_status status\.json id 'cue_confirms': "):
        build_status_rules(broken, "claimx_status status.json")
    with pytest.raises(PatternError, match=r"^claimx_status status\.json: missing the 'disputes'"):
        linker_from({}, "claimx_status status.json")
    assert build_status_rules(status, "claimx_status status.json") == status_rules()


def test_a_component_on_a_broken_packaged_file_names_file_and_line(
    bare_nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Components take the packaged rules as data; the file is still checked with its lines."""
    text = broken_copy(tmp_path / "models", "status.json", rule("cue_confirms", "value", "maybe"))
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "models"))
    status_rules.cache_clear()
    try:
        with pytest.raises(
            PatternError, match=rf"models/status\.json:{expected_line(text, 'maybe')}: "
        ):
            bare_nlp.add_pipe("claimx_status")
    finally:
        status_rules.cache_clear()
