"""The user cache for slow tables: hit, miss, corrupt file, unwritable or disabled cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimx.rules import cache as diskcache
from claimx.rules import places as gazetteer_module


def counting_builder(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_second_call_reads_the_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(diskcache.CACHE_ENV, str(tmp_path))
    build, calls = counting_builder({"kabul": (1, 2), "names": ["a", None]})
    first = diskcache.cached("table", "abc123", build)
    second = diskcache.cached("table", "abc123", build)
    assert first == second == {"kabul": (1, 2), "names": ["a", None]}
    assert len(calls) == 1 and len(list(tmp_path.glob("table-*.marshal"))) == 1


def test_a_new_key_rebuilds(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(diskcache.CACHE_ENV, str(tmp_path))
    build, calls = counting_builder([1])
    diskcache.cached("table", "key-one", build)
    diskcache.cached("table", "key-two", build)
    assert len(calls) == 2


def test_a_corrupt_file_is_rebuilt_and_replaced(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(diskcache.CACHE_ENV, str(tmp_path))
    build, calls = counting_builder([1, 2, 3])
    diskcache.cached("table", "k", build)
    (path,) = tmp_path.glob("table-*.marshal")
    path.write_bytes(b"\x00garbage")
    assert diskcache.cached("table", "k", build) == [1, 2, 3]
    assert diskcache.cached("table", "k", build) == [1, 2, 3]
    assert len(calls) == 2


@pytest.mark.parametrize("setting", ["off", "0", ""])
def test_disabled_cache_always_builds(tmp_path: Path, monkeypatch, setting: str) -> None:
    monkeypatch.setenv(diskcache.CACHE_ENV, setting)
    monkeypatch.chdir(tmp_path)
    build, calls = counting_builder("x")
    diskcache.cached("table", "k", build)
    diskcache.cached("table", "k", build)
    assert len(calls) == 2 and not list(tmp_path.iterdir())


def test_unwritable_cache_still_answers(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(diskcache.CACHE_ENV, str(blocker / "cache"))
    build, _ = counting_builder({"a": 1})
    assert diskcache.cached("table", "k", build) == {"a": 1}
    assert not list(tmp_path.glob("**/*.tmp"))


def test_cached_gazetteer_equals_a_fresh_build(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(diskcache.CACHE_ENV, str(tmp_path))
    gazetteer_module.gazetteer.cache_clear()
    try:
        built = gazetteer_module.gazetteer()
        gazetteer_module.gazetteer.cache_clear()
        loaded = gazetteer_module.gazetteer()
    finally:
        gazetteer_module.gazetteer.cache_clear()
    assert loaded is not built
    assert loaded.places == built.places and loaded.entries == built.entries
    assert loaded.lookup("Kabul") == built.lookup("Kabul") != ()
