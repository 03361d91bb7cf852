"""The word lists of the coreference rules (``rules/coref.yaml``) as a validated model."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from provenance.errors import ConfigError
from provenance.rules_location import rules_dir
from provenance.yamlfile import read_yaml


class CorefWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    female: frozenset[str]
    male: frozenset[str]
    female_names: frozenset[str]
    male_names: frozenset[str]
    people_nouns: frozenset[str]
    collective_nouns: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    group_heads: frozenset[str] = frozenset()
    pair_heads: frozenset[str] = frozenset()
    bare_outlet_nouns: frozenset[str] = frozenset()
    report_itself: frozenset[str] = frozenset()
    private_words: frozenset[str] = frozenset()
    indefinite_people: frozenset[str] = frozenset()
    text_nouns: frozenset[str] = frozenset()
    not_person: frozenset[str]
    organisation_heads: frozenset[str] = frozenset()
    place_prepositions: frozenset[str]
    time_names: frozenset[str]
    head_kinds: dict[str, frozenset[str]]
    head_synonyms: list[frozenset[str]] = []
    title_synonyms: list[frozenset[str]] = []
    title_phrases: dict[str, frozenset[str]] = {}
    title_qualifiers: frozenset[str] = frozenset()
    honorifics: frozenset[str]
    styles: frozenset[str] = frozenset()
    title_nouns: frozenset[str]
    outlet_nouns: frozenset[str]
    organisation_nouns: frozenset[str]
    outlet_name_heads: frozenset[str]
    paper_name_heads: frozenset[str]
    state_body_nouns: frozenset[str]
    named_group_heads: frozenset[str]
    name_particles: frozenset[str]
    tv_heads: frozenset[str]

    @functools.cached_property
    def organisation_head_nouns(self) -> frozenset[str]:
        """Nouns that make a mention a body, not a person: outlets' and other organisations'."""
        return self.outlet_nouns | self.organisation_nouns

    @functools.cached_property
    def entity_nouns(self) -> frozenset[str]:
        """Nouns that head a description of a person or a body ("the minister", "the ministry")."""
        return self.title_nouns | self.organisation_head_nouns

    def qualified_title(self, words: list[str], at: int) -> str | None:
        """The title the word at ``at`` heads with the qualifiers right before it ("prime
        minister", "deputy prime minister", "foreign minister"), lower case; None without one."""
        start = at
        while start > 0 and words[start - 1].lower() in self.title_qualifiers:
            start -= 1
        return " ".join(w.lower() for w in words[start : at + 1]) if start < at else None

    def synonyms(self, head: str) -> frozenset[str]:
        """``head`` and the head nouns listed with it ("report" -> report, study, survey ...)."""
        out = {head}
        for group in self.head_synonyms:
            if head in group:
                out |= group
        return frozenset(out)

    def titles_for(self, head: str, phrase: str) -> frozenset[str]:
        """The titles a definite description ("the diplomat", "the head of state") may point
        back to: its head, the titles listed with it, and those its wording implies."""
        out = {head} | self.implied_titles(phrase)
        for group in self.title_synonyms:
            if head in group:
                out |= group
        return frozenset(out)

    def implied_titles(self, phrase: str) -> frozenset[str]:
        """Titles a mention's wording implies ("Deputy Foreign Minister X" is a diplomat)."""
        low = " ".join(phrase.lower().split())
        out: set[str] = set()
        for words, titles in self.title_phrases.items():
            if f" {words} " in f" {low} ":
                out |= titles
        return frozenset(out)

    def gender_of_word(self, word: str) -> str | None:
        """"f", "m" or None for a title, noun or pronoun ("spokeswoman", "Mr.", "he")."""
        w = word.lower()
        if w in self.female:
            return "f"
        if w in self.male:
            return "m"
        return None

    def gender_of_name(self, first: str) -> str | None:
        w = first.lower()
        if w in self.female_names and w not in self.male_names:
            return "f"
        if w in self.male_names and w not in self.female_names:
            return "m"
        return None


def load_coref_words(path: Path | None = None) -> CorefWords:
    return _load(str(path)) if path is not None else _default()


@functools.cache
def _default() -> CorefWords:
    """The default pack's lists, located once (callers in hot loops ask for them often)."""
    return _load(str(rules_dir() / "coref.yaml"))


@functools.lru_cache(maxsize=4)
def _load(path: str) -> CorefWords:
    data = read_yaml(path, "coreference word lists")
    try:
        return CorefWords.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {loc}: {first['msg']}") from None
