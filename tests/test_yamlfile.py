"""The one YAML reader (provenance/yamlfile.py): FILE:LINE errors for every data file, and
limits on size, depth and alias expansion (#19 items 1 and 4)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from provenance import yamlfile
from provenance.cli.main import main
from provenance.errors import ConfigError
from provenance.extract.lexicon import load_lexicon
from provenance.policy import load_rules
from provenance.registry import default_registry_dir
from provenance.registry.loader import read_registry
from provenance.rules_location import rules_dir
from provenance.yamlfile import YamlError, line_of, load_yaml, strip_lines


def bomb(levels: int, width: int = 9) -> str:
    """"Billion laughs": each anchor a list of ``width`` aliases to the one before."""
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(width))}]")
    return "\n".join(lines) + "\n"


def _one_line_error(call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as exc:
        call()
    message = str(exc.value)
    assert "\n" not in message
    return message


def test_lines_of_keys_and_items(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("name: x\ndoc:\n  what: y\nentries:\n  - id: a\n  - id: b\n    aliases: [c]\n", encoding="utf-8")
    data = load_yaml(path)
    assert strip_lines(data) == {"name": "x", "doc": {"what": "y"}, "entries": [{"id": "a"}, {"id": "b", "aliases": ["c"]}]}
    assert [line_of(data, loc) for loc in [(), ("doc",), ("doc", "what"), ("doc", "missing"), ("entries", 1),
                                           ("entries", 1, "aliases", 0)]] == [1, 2, 3, 2, 6, 7]


@pytest.mark.parametrize("text, line, problem", [
    ("a: 1\nb: [\n", 3, "invalid YAML"),
    ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first at line 1)"),
    ("a: !!python/object:os.system x\n", 1, "unsupported tag"),
    ("base: &b {x: 1}\nother:\n  <<: *b\n", 3, "unsupported tag"),
])
def test_syntax_errors_name_file_and_line(tmp_path: Path, text: str, line: int, problem: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    message = _one_line_error(lambda: load_yaml(path))
    assert message.startswith(f"{path}:{line}: ") and problem in message


def test_the_cue_lexicon_gets_file_and_line_like_the_rules(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    text = (rules_dir() / "cues.yaml").read_text(encoding="utf-8")
    path.write_text(text + "verbs: {}\n", encoding="utf-8")
    message = _one_line_error(lambda: load_lexicon(path))
    assert message.startswith(f"{path}:{len(text.splitlines()) + 1}: duplicate key 'verbs'")


def test_alias_bomb_in_a_rule_file_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "HSE901.yaml").write_text("code: HSE901\n" + bomb(6), encoding="utf-8")
    message = _one_line_error(lambda: load_rules([rules]))
    assert f"{rules / 'HSE901.yaml'}:" in message and "alias" in message


def test_alias_bomb_in_a_registry_folder_is_an_issue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(tmp_path / "cache"))
    registry = tmp_path / "registry"
    shutil.copytree(default_registry_dir(), registry)
    (registry / "extra.yaml").write_text("schema_version: 1\n" + bomb(6) + "entries: []\n", encoding="utf-8")
    issues = [str(i) for i in read_registry(registry).issues]
    assert len(issues) == 1 and issues[0].startswith(f"{registry / 'extra.yaml'}:") and "alias" in issues[0]
    assert main(["sources", "validate", "--registry", str(registry)]) == 2
    assert "alias" in capsys.readouterr().err


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("common: &c [x, y]\none: *c\ntwo: *c\n", encoding="utf-8")
    assert strip_lines(load_yaml(path)) == {"common": ["x", "y"], "one": ["x", "y"], "two": ["x", "y"]}


@pytest.mark.parametrize("text", [
    "x: " + "[" * 100_000 + "]" * 100_000 + "\n",  # flow
    "".join("  " * i + "-\n" for i in range(2000)),  # block
    "x: " + "[" * (yamlfile.MAX_DEPTH + 1) + "]" * (yamlfile.MAX_DEPTH + 1) + "\n",  # just past the limit
])
def test_deep_nesting_is_a_one_line_error(tmp_path: Path, text: str) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "deep.yaml").write_text(text, encoding="utf-8")
    message = _one_line_error(lambda: load_rules([rules]))  # no RecursionError
    assert message.startswith(f"{rules / 'deep.yaml'}:") and "nest" in message


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 1000)
    path = tmp_path / "a.yaml"
    path.write_text("x: " + "y" * 1000 + "\n", encoding="utf-8")
    with pytest.raises(YamlError, match="1000-byte limit"):
        load_yaml(path)
