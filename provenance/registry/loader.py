"""Read and check a registry folder.

Layout (every file is YAML with ``schema_version: 1``):

- ``countries.yaml``  ISO 3166-1 alpha-2 codes, names, demonyms, metonyms
- ``titles.yaml``     title words and bodies that make a mention an official of a state
- ``matching.yaml``   matching knobs and word lists (fuzzy cutoff, case-sensitive words ...)
- ``overrides.yaml``  patches to entries of other files, applied at load time (optional)
- any other ``*.yaml`` entries files: ``entries: [...]`` (``generated_smm.yaml`` is written by
  ``scripts/build_registry.py``; ``curated.yaml`` is edited by hand)

Every problem is an :class:`Issue` naming file and line. :func:`read_registry` collects them
all; :class:`~provenance.registry.Registry` refuses to load when there is any.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from provenance.registry.normalise import is_acronym, norm_key, surface_key
from provenance.registry.schema import (
    CountriesFile,
    EntriesFile,
    EntryOverride,
    MatchingFile,
    OverridesFile,
    RegistryEntry,
    TitlesFile,
)
from provenance.yamlfile import YamlError, error_lines, load_yaml, strip_lines

COUNTRIES = "countries.yaml"
TITLES = "titles.yaml"
MATCHING = "matching.yaml"
OVERRIDES = "overrides.yaml"
SPECIAL_FILES = (COUNTRIES, TITLES, MATCHING, OVERRIDES)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Issue:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass(slots=True)
class Located:
    entry: RegistryEntry
    path: Path
    line: int | None
    generated: bool


@dataclass(slots=True)
class RegistryData:
    directory: Path
    entries: list[Located] = field(default_factory=list)
    countries: CountriesFile | None = None
    titles: TitlesFile | None = None
    matching: MatchingFile | None = None
    superseded: dict[str, str] = field(default_factory=dict)  # generated id -> curated id
    issues: list[Issue] = field(default_factory=list)


def _pydantic_issues(exc: ValidationError, raw: Any, path: Path, prefix: str = "") -> list[Issue]:
    return [Issue(path, line, f"{prefix}{field}: {msg}") for line, field, msg in error_lines(exc, raw)]


def _read(path: Path, issues: list[Issue]) -> Any:
    try:
        data = load_yaml(path, "registry file", cached=True)
    except YamlError as exc:
        issues.append(Issue(path, exc.line, exc.problem))
        return None
    if not isinstance(data, dict):
        issues.append(Issue(path, 1, "expected a mapping at the top level"))
        return None
    return data


def _model(model: type[M], raw: dict[str, Any], path: Path, issues: list[Issue]) -> M | None:
    try:
        return model.model_validate(strip_lines(raw))
    except ValidationError as exc:
        issues.extend(_pydantic_issues(exc, raw, path))
        return None


def _read_entries(path: Path, raw: dict[str, Any], data: RegistryData) -> None:
    top = {k: v for k, v in raw.items() if k != "entries"}
    top["entries"] = []
    header = _model(EntriesFile, top, path, data.issues)
    items = raw.get("entries")
    if not isinstance(items, list):
        data.issues.append(Issue(path, raw.get("__line__"), "expected 'entries:' with a list of entries"))
        return
    generated = bool(header and header.generated)
    for item in items:
        if not isinstance(item, dict):
            data.issues.append(Issue(path, None, "entries: each entry must be a mapping"))
            continue
        ident = item.get("id", "?")
        try:
            entry = RegistryEntry.model_validate(strip_lines(item))
        except ValidationError as exc:
            data.issues.extend(_pydantic_issues(exc, item, path, prefix=f"entry {ident!r}: "))
            continue
        data.entries.append(Located(entry, path, item.get("__line__"), generated))


def _apply_override(loc: Located, ov: EntryOverride) -> RegistryEntry:
    e = loc.entry.model_dump(by_alias=True)
    for name in ("name", "country", "published_in", "kind", "owner", "confidence", "reviewed"):
        value = getattr(ov, name)
        if value is not None:
            e[name] = value
    if ov.source_class is not None:
        e["class"] = ov.source_class
    if ov.notes is not None:
        e["notes"] = f"{e['notes']} {ov.notes}".strip() if e.get("notes") else ov.notes
    removed = set(ov.remove_aliases)
    e["aliases"] = [a for a in e["aliases"] if a not in removed] + [a for a in ov.add_aliases if a not in e["aliases"]]
    e["ambiguous_aliases"] = e["ambiguous_aliases"] + [a for a in ov.add_ambiguous_aliases if a not in e["ambiguous_aliases"]]
    e["descriptors"] = e["descriptors"] + [d for d in ov.add_descriptors if d not in e["descriptors"]]
    e["basis"] = e["basis"] + list(ov.add_basis)
    return RegistryEntry.model_validate(e)


def read_registry(directory: Path) -> RegistryData:
    """Read every file of a registry folder, apply overrides, and check the whole."""
    directory = Path(directory)
    data = RegistryData(directory=directory)
    if not directory.is_dir():
        data.issues.append(Issue(directory, None, "registry folder not found"))
        return data

    raw_overrides: tuple[Path, dict[str, Any]] | None = None
    for name, model, attr in ((COUNTRIES, CountriesFile, "countries"), (TITLES, TitlesFile, "titles"), (MATCHING, MatchingFile, "matching")):
        path = directory / name
        if not path.is_file():
            data.issues.append(Issue(path, None, "required registry file is missing"))
            continue
        raw = _read(path, data.issues)
        if raw is not None:
            setattr(data, attr, _model(model, raw, path, data.issues))
    for path in sorted(directory.glob("*.yaml")):
        if path.name in (COUNTRIES, TITLES, MATCHING):
            continue
        raw = _read(path, data.issues)
        if raw is None:
            continue
        if path.name == OVERRIDES:
            raw_overrides = (path, raw)
        else:
            _read_entries(path, raw, data)

    _check_ids_and_supersedes(data)
    if raw_overrides is not None:
        _apply_overrides(data, *raw_overrides)
    _check_countries(data)
    _check_collisions(data)
    return data


def _check_ids_and_supersedes(data: RegistryData) -> None:
    seen: dict[str, Located] = {}
    for loc in data.entries:
        first = seen.get(loc.entry.id)
        if first is not None:
            data.issues.append(Issue(loc.path, loc.line, f"duplicate id {loc.entry.id!r} (first at {first.path.name}:{first.line})"))
        else:
            seen[loc.entry.id] = loc
    for loc in data.entries:
        for sid in loc.entry.supersedes:
            target = seen.get(sid)
            if target is None:
                data.issues.append(Issue(loc.path, loc.line, f"entry {loc.entry.id!r}: supersedes unknown id {sid!r} (regenerated away?)"))
            elif sid in data.superseded and data.superseded[sid] != loc.entry.id:
                data.issues.append(Issue(loc.path, loc.line, f"entry {loc.entry.id!r}: {sid!r} is already superseded by {data.superseded[sid]!r}"))
            elif target is loc:
                data.issues.append(Issue(loc.path, loc.line, f"entry {loc.entry.id!r} supersedes itself"))
            else:
                data.superseded[sid] = loc.entry.id
    data.entries = [loc for loc in data.entries if loc.entry.id not in data.superseded]


def _apply_overrides(data: RegistryData, path: Path, raw: dict[str, Any]) -> None:
    items = raw.get("overrides") or []
    header = _model(OverridesFile, {k: v for k, v in raw.items() if k != "overrides"} | {"overrides": []}, path, data.issues)
    if header is None:
        return
    by_id = {loc.entry.id: i for i, loc in enumerate(data.entries)}
    dropped: set[str] = set()
    for item in items:
        if not isinstance(item, dict):
            data.issues.append(Issue(path, None, "overrides: each override must be a mapping"))
            continue
        ident = item.get("id", "?")
        line = item.get("__line__")
        try:
            ov = EntryOverride.model_validate(strip_lines(item))
        except ValidationError as exc:
            data.issues.extend(_pydantic_issues(exc, item, path, prefix=f"override {ident!r}: "))
            continue
        if ov.id in data.superseded:
            data.issues.append(Issue(path, line, f"override {ov.id!r}: entry is superseded by {data.superseded[ov.id]!r}; edit that one"))
            continue
        idx = by_id.get(ov.id)
        if idx is None:
            data.issues.append(Issue(path, line, f"override for unknown id {ov.id!r}"))
            continue
        if ov.drop:
            dropped.add(ov.id)
            continue
        loc = data.entries[idx]
        try:
            loc.entry = _apply_override(loc, ov)
        except ValidationError as exc:
            data.issues.extend(_pydantic_issues(exc, item, path, prefix=f"override {ov.id!r}: "))
    data.entries = [loc for loc in data.entries if loc.entry.id not in dropped]


def _check_countries(data: RegistryData) -> None:
    if data.countries is None:
        return
    known = {c.code for c in data.countries.countries}
    countries_path = data.directory / COUNTRIES
    for loc in data.entries:
        for fname in ("country", "published_in"):
            cc = getattr(loc.entry, fname)
            if fname == "country" and cc is None:
                data.issues.append(Issue(loc.path, loc.line, f"entry {loc.entry.id!r}: country is required"))
            elif cc is not None and cc not in known:
                data.issues.append(Issue(loc.path, loc.line, f"entry {loc.entry.id!r}: unknown country code {cc!r} in {fname}"))
    for ctx in data.countries.contextual:
        for cc in [ctx.country, *ctx.when]:
            if cc not in known:
                data.issues.append(Issue(countries_path, None, f"contextual {ctx.text!r}: unknown country code {cc!r}"))
    if data.titles is not None:
        for inst in data.titles.institutions:
            if inst.country not in known:
                data.issues.append(Issue(data.directory / TITLES, None, f"institution {inst.name!r}: unknown country code {inst.country!r}"))
    if data.matching is not None:
        for gd in data.matching.generic_descriptors:
            if gd.country is not None and gd.country not in known:
                data.issues.append(Issue(data.directory / MATCHING, None, f"generic descriptor {gd.pattern!r}: unknown country code {gd.country!r}"))


def case_sensitive_words(matching: MatchingFile | None) -> frozenset[str]:
    return frozenset(norm_key(w) for w in (matching.case_sensitive_words if matching else []))


def is_case_sensitive(alias: str, cs_words: frozenset[str]) -> bool:
    """Acronyms and aliases that are ordinary words match only with their own capitalisation."""
    return is_acronym(alias) or alias_keys(alias)[1] in cs_words


@functools.lru_cache(maxsize=32768)
def alias_keys(alias: str) -> tuple[str, str]:
    """(surface_key, norm_key) of a registry alias, cached: loading computes them twice."""
    return surface_key(alias), norm_key(alias)


def _check_collisions(data: RegistryData) -> None:
    cs_words = case_sensitive_words(data.matching)
    # key -> {entry index: is_regular}
    surface: dict[str, dict[int, bool]] = defaultdict(dict)
    normal: dict[str, dict[int, bool]] = defaultdict(dict)
    domains: dict[str, list[int]] = defaultdict(list)
    for i, loc in enumerate(data.entries):
        e = loc.entry
        for alias, regular in [(a, True) for a in e.forms()] + [(a, False) for a in e.ambiguous_aliases]:
            s, n = alias_keys(alias)
            if not n:
                data.issues.append(Issue(loc.path, loc.line, f"entry {e.id!r}: alias {alias!r} is empty once normalised"))
                continue
            surface[s][i] = surface[s].get(i, False) or regular
            if not is_case_sensitive(alias, cs_words):
                normal[n][i] = normal[n].get(i, False) or regular
        for d in e.domains:
            domains[d.lower()].append(i)

    reported: set[frozenset[int]] = set()

    def report(key: str, holders: dict[int, bool], how: str) -> None:
        regular = [i for i, r in holders.items() if r]
        if not regular or len(holders) < 2 or frozenset(holders) in reported:
            return
        reported.add(frozenset(holders))
        i = regular[-1]
        loc = data.entries[i]
        others = ", ".join(repr(data.entries[j].entry.id) for j in holders if j != i)
        data.issues.append(
            Issue(
                loc.path,
                loc.line,
                f"entry {loc.entry.id!r}: alias {key!r} collides {how} with {others}; "
                "make it an ambiguous_alias (in both) or remove it",
            )
        )

    for key, holders in surface.items():
        report(key, holders, "exactly")
    for key, holders in normal.items():
        report(key, holders, "once normalised")
    for dom, holders in domains.items():
        if len(set(holders)) > 1:
            loc = data.entries[holders[-1]]
            data.issues.append(Issue(loc.path, loc.line, f"entry {loc.entry.id!r}: domain {dom!r} is also listed by {data.entries[holders[0]].entry.id!r}"))
