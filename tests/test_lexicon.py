"""The cue lexicon (rules/cues.yaml) loads, rejects what it does not know, and holds the
construction word lists (once code in the extractor)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from provenance.errors import ConfigError
from provenance.extract.lexicon import CueLexicon, load_lexicon
from provenance.rules_location import rules_dir

PATTERN_WORD_LISTS = ("infinitive_content_verbs", "quote_only_verbs", "clause_gerunds", "clause_only_verbs",
                      "addressee_verbs", "claim_nouns", "time_words")


def _shipped() -> dict:
    return yaml.safe_load((rules_dir() / "cues.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "cues.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_shipped_lexicon_validates():
    lex = load_lexicon()
    assert isinstance(lex, CueLexicon)
    assert lex.stance_of("said") is None and lex.stance_of("say") == "neutral"


@pytest.mark.parametrize("key", PATTERN_WORD_LISTS)
def test_pattern_word_lists_are_non_empty_and_lower_case(key: str):
    words = getattr(load_lexicon(), key)
    assert isinstance(words, frozenset) and words
    assert all(w and w == w.lower() and w == w.strip() for w in words), sorted(words)
    assert key in _shipped(), f"{key} should be spelled out in rules/cues.yaml, not left to its default"


def test_mistagged_cue_forms_map_lower_case_forms_to_lexicon_verbs():
    lex = load_lexicon()
    forms = lex.mistagged_cue_forms
    assert forms and "mistagged_cue_forms" in _shipped()
    assert all(f == f.lower() and lemma == lemma.lower() for f, lemma in forms.items())
    assert forms["says"] == "say" and forms["told"] == "tell"
    assert set(forms.values()) <= lex.verb_lemmas


def test_every_key_is_documented_in_the_header():
    header = "\n".join(line for line in (rules_dir() / "cues.yaml").read_text(encoding="utf-8").splitlines()
                       if line.startswith("#"))
    for key in _shipped():
        assert f"{key}:" in header or f"{key} +" in header or f"+ {key}:" in header, key


def test_unknown_key_is_a_config_error(tmp_path: Path):
    data = _shipped() | {"time_wrods": ["monday"]}
    path = _write(tmp_path, data)
    with pytest.raises(ConfigError) as exc:
        load_lexicon(path)
    message = str(exc.value)
    line = path.read_text(encoding="utf-8").splitlines().index("time_wrods:") + 1
    assert message == f"{path}:{line}: time_wrods: unknown field (typo?)"  # FILE:LINE like every data file


def test_upper_case_entry_is_a_config_error(tmp_path: Path):
    data = _shipped()
    data["time_words"] = data["time_words"] + ["Monday"]
    with pytest.raises(ConfigError, match=r"time_words.*lower-case.*'Monday'"):
        load_lexicon(_write(tmp_path, data))


def test_older_pack_without_the_pattern_lists_still_loads(tmp_path: Path):
    data = {k: v for k, v in _shipped().items() if k not in PATTERN_WORD_LISTS + ("mistagged_cue_forms",)}
    lex = load_lexicon(_write(tmp_path, data))
    assert lex.time_words == frozenset() and lex.mistagged_cue_forms == {}
    assert lex.stance_of("say") == "neutral"
