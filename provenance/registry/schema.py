"""Pydantic models of the registry files (``extra="forbid"``: a typo'd key is an error)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from provenance.report import RegistryClass as SourceClass

SOURCE_CLASSES: tuple[str, ...] = get_args(SourceClass)

Kind = Literal[
    "news_agency",
    "broadcaster",
    "newspaper",
    "magazine",
    "online",
    "media_group",
    "government_body",
    "military",
    "party_organ",
    "official",  # a titled person speaking for a state (synthetic entries from Registry.official)
    "other",
]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

Confidence = Literal["high", "medium", "low"]
MatchKind = Literal["exact", "normalised", "fuzzy", "descriptor", "title", "ambiguous"]

_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_CC = re.compile(r"^[A-Z]{2}$")


def _must_match(pattern: re.Pattern[str], message: str) -> Callable[[str | None], str | None]:
    """A field validator: a value (None aside) that ``pattern`` does not match is an error,
    ``message`` formatted with the value."""
    def check(value: str | None) -> str | None:
        if value is not None and not pattern.match(value):
            raise ValueError(message.format(value))
        return value
    return check
SMM_CODES = ("SC", "CaPu", "CaPr", "ISFM", "ISF", "ISM", "IP")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class RegistryEntry(_Strict):
    """One source: a media outlet or an official body, with the basis for its class."""

    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    ambiguous_aliases: list[str] = Field(default_factory=list)
    descriptors: list[str] = Field(default_factory=list)
    country: str | None  # ISO 3166-1 alpha-2 of the controlling state (None only in synthetic entries)
    published_in: str | None = None
    kind: Kind
    source_class: SourceClass = Field(alias="class")
    smm_typology: str | dict[int, str] | None = None
    owner: str | None = None
    domains: list[str] = Field(default_factory=list)
    basis: list[str] = Field(min_length=1)
    confidence: Confidence
    reviewed: bool = False
    notes: str | None = None
    supersedes: list[str] = Field(default_factory=list)  # generated entries this one replaces

    _id_shape = field_validator("id")(_must_match(_ID, "id {!r} must be snake_case (a-z, 0-9, _)"))
    _cc_shape = field_validator("country", "published_in")(
        _must_match(_CC, "{!r} is not an ISO 3166-1 alpha-2 code (two capitals)"))

    @field_validator("basis")
    @classmethod
    def _basis_text(cls, v: list[str]) -> list[str]:
        if any(not b.strip() for b in v):
            raise ValueError("basis items must not be empty")
        return v

    @field_validator("aliases", "ambiguous_aliases", "descriptors")
    @classmethod
    def _no_blank(cls, v: list[str]) -> list[str]:
        if any(not str(a).strip() for a in v):
            raise ValueError("empty string in list")
        return [str(a) for a in v]

    @field_validator("smm_typology")
    @classmethod
    def _smm(cls, v: str | dict[int, str] | None) -> str | dict[int, str] | None:
        values = v.values() if isinstance(v, dict) else [v] if v else []
        for code in values:
            if code.rstrip("?") not in SMM_CODES:
                raise ValueError(f"unknown State Media Monitor typology {code!r}; expected one of {', '.join(SMM_CODES)}")
        return v

    @model_validator(mode="after")
    def _official_bodies_are_not_media(self) -> "RegistryEntry":
        official_kinds = {"government_body", "military", "party_organ", "official"}
        if (self.source_class == "official_body") != (self.kind in official_kinds):
            raise ValueError(
                f"class {self.source_class!r} does not fit kind {self.kind!r}: official_body goes with "
                f"kind {', '.join(sorted(official_kinds))} and only with those"
            )
        return self

    def forms(self) -> list[str]:
        """Unambiguous surface forms: the aliases plus the name (unless the name is ambiguous)."""
        out = list(self.aliases)
        if self.name not in self.ambiguous_aliases and self.name not in out:
            out.append(self.name)
        return out

    def summary(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "class": self.source_class,
            "country": self.country,
            "kind": self.kind,
            "aliases": list(self.aliases),
        }


class EntriesFile(_Strict):
    schema_version: Literal[1]
    generated: bool = False
    source: str | None = None
    entries: list[RegistryEntry]


class EntryOverride(_Strict):
    """A patch applied to an entry of another file (usually the generated one) at load time."""

    id: str
    name: str | None = None
    add_aliases: list[str] = Field(default_factory=list)
    remove_aliases: list[str] = Field(default_factory=list)
    add_ambiguous_aliases: list[str] = Field(default_factory=list)
    add_descriptors: list[str] = Field(default_factory=list)
    country: str | None = None
    published_in: str | None = None
    kind: Kind | None = None
    source_class: SourceClass | None = Field(default=None, alias="class")
    owner: str | None = None
    add_basis: list[str] = Field(default_factory=list)
    confidence: Confidence | None = None
    reviewed: bool | None = None
    notes: str | None = None
    drop: bool = False  # remove the entry altogether (reason in notes)

    @model_validator(mode="after")
    def _class_change_needs_basis(self) -> "EntryOverride":
        if self.source_class is not None and not self.add_basis:
            raise ValueError("an override that changes class must add a basis (add_basis) for it")
        if self.drop and not self.notes:
            raise ValueError("drop: true needs notes saying why")
        return self


class OverridesFile(_Strict):
    schema_version: Literal[1]
    overrides: list[EntryOverride] = Field(default_factory=list)


class Country(_Strict):
    code: str
    name: str
    names: list[str] = Field(default_factory=list)  # other names (also as written in the SMM CSV)
    demonyms: list[str] = Field(default_factory=list)  # adjectives: "North Korean"
    metonyms: list[str] = Field(default_factory=list)  # capitals etc.: "Pyongyang"
    cities: list[str] = Field(default_factory=list)  # other dateline places ("Peshawar:"), never a speaker
    reserved: bool = False  # exceptionally reserved code (EU), not a country
    # its government speaks to the world only through its state media ("North Korea said" is
    # what KCNA carried): the state speaking right after its outlet's account is heard through it
    voiced_by_state_media: bool = False
    # every outlet of the country is the state's ("North Korean media" are its state media): the
    # State Media Matrix lists none other for it
    all_media_state: bool = False

    _cc = field_validator("code")(_must_match(_CC, "{!r} is not an ISO 3166-1 alpha-2 code"))


class ContextualName(_Strict):
    text: str  # "the North"
    country: str  # what it means ...
    when: list[str]  # ... when the article's country context is one of these


class CountriesFile(_Strict):
    schema_version: Literal[1]
    countries: list[Country]
    contextual: list[ContextualName] = Field(default_factory=list)


class TitleWord(_Strict):
    word: str  # matched case-insensitively on word boundaries
    kind: Kind = "official"
    context_default: bool = True  # without a country in the mention, use the article's country


class Institution(_Strict):
    name: str  # "the Pentagon"
    country: str
    kind: Kind = "government_body"


class TitlesFile(_Strict):
    schema_version: Literal[1]
    person_titles: list[TitleWord]
    bodies: list[TitleWord]
    institutions: list[Institution] = Field(default_factory=list)
    receiving_state_markers: list[str] = Field(default_factory=list)  # "to", "in": "Ambassador to X"
    not_official: list[str] = Field(default_factory=list)  # words that make a mention a medium


class GenericDescriptor(_Strict):
    pattern: str
    country: str | None = None  # None: the article's country context
    when: list[str] = Field(default_factory=list)  # usable only when the context is one of these
    source_class: SourceClass = Field(alias="class")
    confidence: Confidence = "medium"
    note: str | None = None


class MatchingFile(_Strict):
    schema_version: Literal[1]
    fuzzy_cutoff: float = Field(ge=50, le=100)
    fuzzy_min_length: int = Field(ge=1)
    fuzzy_margin: float = Field(ge=0)
    fuzzy_country_word_cutoff: float = Field(default=85, ge=50, le=100)
    case_sensitive_words: list[str] = Field(default_factory=list)
    generic_name_words: list[str] = Field(default_factory=list)
    index_stopwords: list[str] = Field(default_factory=list)
    strip_modifiers: list[str] = Field(default_factory=list)
    strip_suffixes: list[str] = Field(default_factory=list)
    descriptor_fillers: list[str] = Field(default_factory=list)
    channel_words: list[str] = Field(default_factory=list)
    descriptor_negations: list[str] = Field(default_factory=list)
    generic_descriptors: list[GenericDescriptor] = Field(default_factory=list)


@dataclass(slots=True)
class SourceMatch:
    """The result of :meth:`Registry.lookup` / :meth:`Registry.official`.

    ``entry`` is None when the match is ambiguous (see ``candidates``). ``score`` is 0..100.
    ``match`` says how it matched: exact | normalised | fuzzy | descriptor | title | ambiguous.
    """

    entry: RegistryEntry | None
    score: float
    match: MatchKind
    candidates: list[RegistryEntry] = field(default_factory=list)
    matched: str | None = None  # the alias, descriptor or title that matched
    role: str | None = None  # officials: "Culture Minister", "ambassador"
    person: str | None = None  # officials: "Sung Jong-gyu"
    country_source: Literal["entry", "mention", "context"] | None = None

    @property
    def ambiguous(self) -> bool:
        return self.match == "ambiguous"

    def to_dict(self) -> dict[str, object]:
        if self.entry is not None:
            out = self.entry.summary()
        else:
            out = {"id": None, "name": None, "class": None, "country": None, "kind": None, "aliases": []}
        out["score"] = round(self.score, 1)
        out["match"] = self.match
        if self.matched is not None:
            out["matched"] = self.matched
        if self.candidates:
            out["candidates"] = [c.summary() for c in self.candidates]
        if self.role is not None:
            out["role"] = self.role
        if self.person is not None:
            out["person"] = self.person
        return out
