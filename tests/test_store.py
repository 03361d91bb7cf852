"""The caches of provenance/store/: the YAML data cache, and entry verification (key and digest)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance.store.yamldata import load_cached
from provenance.yamlfile import YamlError, load_yaml


class CountingLoad:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: Path):  # type: ignore[no-untyped-def]
        self.calls += 1
        return load_yaml(path)


def load_yaml_cached(path: Path, load, directory: Path):  # type: ignore[no-untyped-def]
    """What ``load_yaml(path, cached=True)`` does, with a counting loader and a given folder."""
    return load_cached(path.read_bytes(), lambda: load(path), directory)


def _entries(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.json"))


def test_second_read_comes_from_the_cache_and_is_the_same(tmp_path: Path) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("name: KCNA\naliases: [Korean Central News Agency]\nscore: 1.5\n", encoding="utf-8")
    cache = tmp_path / "cache"
    load = CountingLoad()
    first = load_yaml_cached(src, load, cache)
    again = load_yaml_cached(src, load, cache)
    assert load.calls == 1 and again == first == load_yaml(src)  # line bookkeeping included
    assert len(_entries(cache)) == 1


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    src, cache, load = tmp_path / "a.yaml", tmp_path / "cache", CountingLoad()
    src.write_text("name: KCNA\n", encoding="utf-8")
    load_yaml_cached(src, load, cache)
    src.write_text("name: Yonhap\n", encoding="utf-8")
    assert load_yaml_cached(src, load, cache)["name"] == "Yonhap" and load.calls == 2


def test_data_json_cannot_hold_is_not_cached(tmp_path: Path) -> None:
    src, cache, load = tmp_path / "a.yaml", tmp_path / "cache", CountingLoad()
    src.write_text("smm_typology:\n  2022: state-controlled\nreviewed: 2026-11-30\n", encoding="utf-8")
    first = load_yaml_cached(src, load, cache)
    assert 2022 in first["smm_typology"]  # an int key, not "2022"
    assert load_yaml_cached(src, load, cache) == first and load.calls == 2 and not _entries(cache)


def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path) -> None:
    src, cache, load = tmp_path / "a.yaml", tmp_path / "cache", CountingLoad()
    src.write_text("name: KCNA\n", encoding="utf-8")
    load_yaml_cached(src, load, cache)
    (entry,) = _entries(cache)
    entry.write_text('{"name": "trunc', encoding="utf-8")
    assert load_yaml_cached(src, load, cache)["name"] == "KCNA" and load.calls == 2
    assert load_yaml_cached(src, load, cache)["name"] == "KCNA" and load.calls == 2  # rewritten


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_cache_is_not_fatal(tmp_path: Path) -> None:
    src, cache = tmp_path / "a.yaml", tmp_path / "cache"
    src.write_text("name: KCNA\n", encoding="utf-8")
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert load_yaml_cached(src, load_yaml, cache)["name"] == "KCNA"
    finally:
        cache.chmod(0o700)


def test_a_cache_path_that_is_a_file_is_not_fatal(tmp_path: Path) -> None:
    src, cache = tmp_path / "a.yaml", tmp_path / "cache"
    src.write_text("name: KCNA\n", encoding="utf-8")
    cache.write_text("not a folder", encoding="utf-8")
    assert load_yaml_cached(src, load_yaml, cache)["name"] == "KCNA"
    assert load_yaml_cached(src, load_yaml, cache)["name"] == "KCNA"


def test_yaml_errors_propagate(tmp_path: Path) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(YamlError):
        load_yaml_cached(src, load_yaml, tmp_path / "cache")
    assert not _entries(tmp_path / "cache") if (tmp_path / "cache").exists() else True


def test_a_null_entry_is_a_miss_not_a_broken_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """#19 item 8: a registry YAML-cache entry set to null made every later run fail."""
    from provenance.registry.loader import read_registry
    from provenance.rules_location import rules_dir

    monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(tmp_path))
    first = read_registry(rules_dir() / "registry")
    entries = _entries(tmp_path / "yaml")
    assert not first.issues and entries
    for entry in entries:
        entry.write_text("null", encoding="utf-8")
    again = read_registry(rules_dir() / "registry")
    assert not again.issues and len(again.entries) == len(first.entries)


def test_an_entry_is_verified_against_its_key_and_digest(tmp_path: Path) -> None:
    a, b, cache, load = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "cache", CountingLoad()
    a.write_text("name: KCNA\n", encoding="utf-8")
    b.write_text("name: Yonhap\n", encoding="utf-8")
    load_yaml_cached(a, load, cache)
    (entry_a,) = _entries(cache)
    load_yaml_cached(b, load, cache)
    (entry_b,) = set(_entries(cache)) - {entry_a}
    entry_b.write_bytes(entry_a.read_bytes())  # KCNA's data where Yonhap's belongs
    assert load_yaml_cached(b, load, cache)["name"] == "Yonhap" and load.calls == 3
    header, _, payload = entry_a.read_text(encoding="utf-8").partition("\n")
    entry_a.write_text(f"{header}\n{payload.replace('KCNA', 'Yonhap')}", encoding="utf-8")  # digest no longer matches
    assert load_yaml_cached(a, load, cache)["name"] == "KCNA" and load.calls == 4
    entry_a.write_text(f"{header}\nnull", encoding="utf-8")
    assert load_yaml_cached(a, load, cache)["name"] == "KCNA" and load.calls == 5
