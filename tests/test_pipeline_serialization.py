"""Components built like spaCy's SpanRuler (issue 14): rules given as config or added as
patterns, saved with the pipeline and read back (validated again), and truthful ``assigns`` /
``requires`` for ``nlp.analyze_pipes()``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import claimx.components.factories  # noqa: F401  (registers the factories for spacy.load)
from claimx.api import extract
from claimx.components.cues import CUES_FILE, FRAMES_FILE
from claimx.components.serialize import RuleSerializer, packaged
from claimx.components.status import STATUS_FILE, StatusTagger
from claimx.errors import PatternError
from claimx.records import ClaimStatus
from claimx.run.model import CLAIMX_PIPES, load_pipeline

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "border-clash.txt"
RULE_PIPES = [name for name in CLAIMX_PIPES if name != "claimx_quotes"]
BRAG = {"id": "brag_verb", "frame": "speech", "lemma": "brag"}
BRAGGED = "The minister bragged that the army had won."
STATED = "The ministry stated that the bridge was destroyed."
# a positive control: every claim cued by "state" is unverified
STATE_UNVERIFIED = {
    "id": "test_state_unverified",
    "direction": "cue",
    "value": "unverified",
    "lemmas": ["state"],
}


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pipeline")
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="module")
def reloaded(saved) -> spacy.language.Language:
    return spacy.load(saved)


def status_rules_with(*rules: dict) -> dict:
    data = packaged(STATUS_FILE)
    return {**data, "rules": [*data["rules"], *rules]}


def statuses(nlp, text: str) -> list[ClaimStatus]:
    return [claim.status for claim in extract(text, nlp=nlp).claims]


def test_rule_pipes_are_every_claimx_pipe_with_rules(nlp) -> None:
    with_rules = [n for n in nlp.pipe_names if isinstance(nlp.get_pipe(n), RuleSerializer)]
    assert with_rules == RULE_PIPES


def test_saved_pipeline_gives_the_same_claims(nlp, reloaded) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    before = extract(text, nlp=nlp)
    assert extract(text, nlp=reloaded) == before
    # the sample exercises every rule-bearing component
    claims = before.claims
    assert any(c.quantities for c in claims) and any(c.dates for c in claims)
    assert any(c.locations for c in claims) and any(c.actors for c in claims)
    assert {c.status for c in claims} - {ClaimStatus.ASSERTED}


def test_load_pipeline_takes_a_saved_pipeline_as_is(saved) -> None:
    nlp = load_pipeline(str(saved))
    assert [n for n in nlp.pipe_names if n.startswith("claimx_")] == [
        "claimx_paragraphs",
        *CLAIMX_PIPES,
    ]


@pytest.mark.parametrize("name", RULE_PIPES)
def test_bytes_round_trip(nlp, name: str) -> None:
    pipe = nlp.get_pipe(name)
    copy = nlp.create_pipe(name).from_bytes(pipe.to_bytes())
    assert copy.rule_data() == pipe.rule_data()
    assert copy.to_bytes() == pipe.to_bytes()


@pytest.mark.parametrize("name", RULE_PIPES)
def test_saved_rules_are_the_rule_files(saved, reloaded, name: str) -> None:
    """Each component's folder holds its rule files, as many as it reads."""
    pipe_files = {file.name for file in reloaded.get_pipe(name).RULE_FILES}
    assert {p.name for p in (saved / name).iterdir()} == pipe_files


def test_a_status_rule_given_as_config_changes_statuses(reloaded, tmp_path) -> None:
    assert statuses(reloaded, STATED) == [ClaimStatus.ASSERTED]
    rules = {"status": status_rules_with(STATE_UNVERIFIED)}
    reloaded.replace_pipe("claimx_status", "claimx_status", config={"rules": rules})
    try:
        assert statuses(reloaded, STATED) == [ClaimStatus.UNVERIFIED]
        reloaded.to_disk(tmp_path)
        assert statuses(spacy.load(tmp_path), STATED) == [ClaimStatus.UNVERIFIED]
    finally:
        reloaded.replace_pipe("claimx_status", "claimx_status")
    assert statuses(reloaded, STATED) == [ClaimStatus.ASSERTED]


def test_saved_rules_are_what_is_loaded(saved, reloaded, tmp_path) -> None:
    """Rules edited on disk are read back: the folder, not the package, is the source."""
    copy = tmp_path / "copy"
    reloaded.to_disk(copy)
    status_file = copy / "claimx_status" / "status.json"
    data = json.loads(status_file.read_text(encoding="utf-8"))
    data["rules"].append(STATE_UNVERIFIED)
    status_file.write_text(json.dumps(data), encoding="utf-8")
    assert statuses(spacy.load(copy), STATED) == [ClaimStatus.UNVERIFIED]


def test_cue_id_need_not_be_its_lemma(reloaded, tmp_path) -> None:
    """A cue rule with id ``brag_verb`` and lemma ``brag`` gives a claim traced to that id, when
    added as a pattern and after the pipeline is saved and loaded (the config does not hold it)."""
    assert extract(BRAGGED, nlp=reloaded).claims == ()
    cues = reloaded.get_pipe("claimx_cues")
    cues.add_patterns([BRAG])
    try:
        reloaded.to_disk(tmp_path)
        for nlp in (reloaded, spacy.load(tmp_path)):
            (claim,) = extract(BRAGGED, nlp=nlp).claims
            found = (claim.text, claim.cue.text, claim.cue.rule)
            assert found == ("the army had won", "bragged", "brag_verb")
    finally:
        cues.set_rules(None)
    assert extract(BRAGGED, nlp=reloaded).claims == ()


def test_initialize_takes_rules(reloaded) -> None:
    """``[initialize.components.claimx_cues.rules]`` replaces the rules; no rules keeps them."""
    pipe = reloaded.create_pipe("claimx_cues")
    pipe.initialize(lambda: [], nlp=reloaded)
    assert len(pipe.rules) > 100
    pipe.initialize(lambda: [], nlp=reloaded, rules={"cues": [BRAG]})
    assert list(pipe.rules) == ["brag_verb"]


def test_cue_frames_come_from_the_components_rules(reloaded) -> None:
    """The cue matcher reads each frame's part of speech from the frames it is given: a cue of a
    frame that only the given frames.json defines matches; a frame nobody defines is refused."""
    frames = packaged(FRAMES_FILE)
    speech = frames["frames"]["speech"]
    boast = {"id": "boast_verb", "frame": "boast", "lemma": "brag"}
    given = {**frames, "frames": {**frames["frames"], "boast": speech}}
    pipe = reloaded.create_pipe("claimx_cues", config={"rules": {"cues": [boast], "frames": given}})
    doc = pipe(reloaded.make_doc(BRAGGED))
    assert [(s.text, s.label_) for s in doc.spans["claimx_cues"]] == []  # no POS yet: not parsed
    doc = pipe(reloaded(BRAGGED))
    assert [(s.text, s.label_, s.id_) for s in doc.spans["claimx_cues"]] == [
        ("bragged", "boast", "boast_verb")
    ]
    with pytest.raises(PatternError, match="unknown frame 'boast'"):
        reloaded.create_pipe("claimx_cues", config={"rules": {"cues": [boast]}})


def test_cue_rules_given_as_config(reloaded) -> None:
    cues = packaged(CUES_FILE)
    reloaded.replace_pipe("claimx_cues", "claimx_cues", config={"rules": {"cues": [*cues, BRAG]}})
    try:
        (claim,) = extract(BRAGGED, nlp=reloaded).claims
        assert claim.cue.rule == "brag_verb"
    finally:
        reloaded.replace_pipe("claimx_cues", "claimx_cues")


@pytest.mark.parametrize(
    ("name", "rules", "message"),
    [
        ("claimx_status", {"status": {"default": "asserted"}}, "claimx_status.*values"),
        ("claimx_status", {"status": {"version": 99}}, r"rules\['status'\]:1: expected a header"),
        ("claimx_status", {"statuses": {}}, "unknown rule file.*'statuses'.*reads status"),
        ("claimx_cues", {"cues": [{**BRAG, "frame": "boast"}]}, "unknown frame 'boast'"),
        ("claimx_cues", {"cues": [{**BRAG, "lemmas": "brag"}]}, r"rules\['cues'\]:2: unknown key"),
        ("claimx_cues", {"cues": {"id": "x"}}, "expected a list of cues.jsonl records"),
        ("claimx_dates", {"dates": {"weekdays": {}}}, "claimx_dates dates.json: missing key"),
        (
            "claimx_quantities",
            {"quantities": {}},
            "'claimx_quantities': .*missing section 'numbers'",
        ),
    ],
)
def test_bad_rules_config_is_a_pattern_error(bare_nlp, name, rules, message) -> None:
    with pytest.raises(PatternError, match=message):
        bare_nlp.create_pipe(name, config={"rules": rules})


def test_rules_must_be_keyed_by_file(bare_nlp) -> None:
    """spaCy's config check stops this first; the component says it too when built by hand."""
    with pytest.raises(PatternError, match=r"'rules' must map rule files \(status\) to their"):
        StatusTagger(bare_nlp, rules=["status"])  # type: ignore[arg-type]


def test_bad_rules_on_disk_name_the_file(reloaded, tmp_path) -> None:
    """The rules are parsed before any is used: a failed load leaves the component as it was."""
    folder = tmp_path / "claimx_status"
    folder.mkdir()
    (folder / "status.json").write_text('{"version": 1,\n "values": [}', encoding="utf-8")
    with pytest.raises(PatternError, match=r"claimx_status/status.json:2: invalid JSON"):
        reloaded.get_pipe("claimx_status").from_disk(folder)
    with pytest.raises(PatternError, match=r"cues\.jsonl: rule file not found"):
        reloaded.get_pipe("claimx_cues").from_disk(folder)


def test_analyze_pipes_finds_no_problem(nlp) -> None:
    analysis = nlp.analyze_pipes()
    assert all(problems == [] for problems in analysis["problems"].values())
    assert "doc.spans" in analysis["summary"]["claimx_status"]["requires"]
    assert "span._.claimx_date" in analysis["summary"]["claimx_dates"]["assigns"]


def with_yesterday_two_days_back(data: dict) -> dict:
    return {**data, "fixed_days": {**data["fixed_days"], "yesterday": -2}}


def with_several_as_seven(data: dict) -> dict:
    vague = [v for v in data["vague"] if v["phrase"] != "several"]
    return {**data, "vague": [*vague, {"phrase": "several", "low": 7}]}


def without_plural_tags(data: dict) -> dict:
    """The grammar section is the component's too: with no plural tags, "No soldiers" no longer
    reads as a count of zero."""
    return {**data, "grammar": {**data["grammar"], "plural_tags": []}}


def with_an_invented_town(data: dict) -> dict:
    town = {"name": "Vell Harrow", "aliases": ["Vell Harrow"], "country": "NO", "kind": "region"}
    return {**data, "extra_places": [*data["extra_places"], town]}


def with_an_invented_group(records: list) -> list:
    group = {"name": "Heron Brigade", "type": "ARMED_GROUP", "aliases": ["Heron Brigade"]}
    return [*records, group]


@pytest.mark.parametrize(
    ("name", "key", "edit", "text", "spans_key", "before", "after"),
    [
        (
            "claimx_dates",
            "dates",
            with_yesterday_two_days_back,
            "The talks ended yesterday.",
            "claimx_dates",
            [("yesterday", "2026-03-09")],
            [("yesterday", "2026-03-08")],
        ),
        (
            "claimx_quantities",
            "quantities",
            with_several_as_seven,
            "Several soldiers were wounded.",
            "claimx_quantities",
            [("Several", 3)],
            [("Several", 7)],
        ),
        (
            "claimx_quantities",
            "quantities",
            without_plural_tags,
            "No soldiers were killed in the raid.",
            "claimx_quantities",
            [("No", None)],
            [],
        ),
        (
            "claimx_places",
            "places",
            with_an_invented_town,
            "Shells fell on Vell Harrow overnight.",
            "claimx_locations",
            [],
            [("Vell Harrow", "Norway")],
        ),
        (
            "claimx_actors",
            "actors",
            with_an_invented_group,
            "Fighters of the Heron Brigade were seen.",
            "claimx_actors",
            [],
            [("Heron Brigade", "ARMED_GROUP")],
        ),
    ],
)
def test_fact_rules_given_as_config(
    reloaded, tmp_path, name, key, edit, text, spans_key, before, after
) -> None:
    """Positive controls: each fact component runs on the rules it is given, also after they
    are saved and read back into a component built with the packaged ones."""
    doc = annotated(reloaded, text)
    assert facts(doc, spans_key) == before
    pipe = reloaded.get_pipe(name)
    file = next(f for f in pipe.RULE_FILES if f.key == key)
    changed = reloaded.create_pipe(name, config={"rules": {key: edit(packaged(file))}})
    assert facts(changed(doc), spans_key) == after
    changed.to_disk(tmp_path)
    assert facts(reloaded.create_pipe(name).from_disk(tmp_path)(doc), spans_key) == after


def annotated(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.claimx_published = "2026-03-10"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def facts(doc, key: str) -> list[tuple]:
    """(text, the value that the control changes) of each span."""
    values = {
        "claimx_dates": lambda s: s._.claimx_date,
        "claimx_quantities": lambda s: s._.claimx_low,
        "claimx_locations": lambda s: s._.claimx_country,
        "claimx_actors": lambda s: s.label_,
    }
    return [(span.text, values[key](span)) for span in doc.spans[key]]
