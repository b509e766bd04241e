"""--version, shell completion, plain --help with an example per command, and the API's date."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

import claimx
from claimx.cli.app import app
from claimx.cli.versions import rule_file_version
from claimx.rules.assets import RULE_VERSIONS, model_dir, rule_files

COMMANDS = ["extract", "batch", "eval", "info"]


def test_version_names_claimx_spacy_model_and_rules() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"claimx {claimx.__version__}"
    assert re.fullmatch(r"spaCy \d+\.\d+\.\d+", lines[1])
    assert re.fullmatch(r"model \S+ \(\w+ \d+\.\d+\.\d+\)", lines[2]), lines[2]
    listed = r"(\S+\.jsonl? \d, )*\S+\.jsonl? \d \(sha256 [0-9a-f]{12}\)"
    assert re.fullmatch(
        rf"rules (version 1 \(\d+ files, sha256 [0-9a-f]{{12}}\)|{listed})", lines[3]
    )


def test_version_does_not_load_the_pipeline() -> None:
    from claimx.run.model import load_pipeline

    before = load_pipeline.cache_info().currsize
    CliRunner().invoke(app, ["--version"])
    assert load_pipeline.cache_info().currsize == before


@pytest.mark.parametrize("name", rule_files())
def test_every_rule_file_has_a_version(name: str) -> None:
    assert rule_file_version(model_dir() / name) == RULE_VERSIONS.get(name, 1)


def test_shell_completion_is_on() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_plain_types(command: str | None) -> None:
    result = CliRunner().invoke(app, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0
    assert not re.search(r"<(bool|str|int|float|list|path)", result.stdout), result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_gives_an_example(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert f"Example: claimx {command}" in result.stdout


def test_extract_help_names_values() -> None:
    result = CliRunner().invoke(app, ["extract", "--help"], env={"COLUMNS": "200"})
    for shown in ("YYYY-MM-DD", "STATUS,...", "FIELD,...", "NAME", "N [x>=20]"):
        assert shown in result.stdout


@pytest.mark.parametrize("published", ["12 Oct 2025", "2025/10/12", "yesterday", "2025-13-01"])
def test_api_refuses_a_date_it_cannot_use(published: str) -> None:
    with pytest.raises(claimx.InputError, match="expected YYYY-MM-DD"):
        claimx.extract("The army said the town was taken.", published=published)


def test_api_takes_an_iso_date(nlp) -> None:
    from claimx.api import extract

    article = extract("The army said the town was taken on Sunday.", "2025-10-12", nlp=nlp)
    assert article.published == "2025-10-12"
    assert json.dumps(article.to_dict())
