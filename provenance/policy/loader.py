"""Load editorial rules: the default pack shipped in the package, plus ``--rules DIR``s.

Each ``*.yaml`` / ``*.yml`` file of a directory is one rule (``rule_schema.Rule``).  Files are
read in sorted order; within one directory a code (or name) may appear once; a later
directory replaces a rule of the same code.  Every error is a ``ConfigError`` whose
message starts ``FILE:LINE:``.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from provenance.errors import ConfigError
from provenance.policy.detectors import COMMON_FIELDS, DETECTORS
from provenance.policy.rule_schema import PREFIX_RE, Rule
from provenance.yamlfile import line_of as _line_of
from provenance.yamlfile import load_yaml, strip_lines, validation_message

LineOf = Callable[[Sequence[int | str]], int]


def default_rules_dir() -> Path:
    """The editorial rules shipped with the package (``provenance.rules/editorial``)."""
    from provenance.rules_location import rules_dir

    return rules_dir() / "editorial"


def is_prefix(selector: str) -> bool:
    """Whether ``selector`` has the shape of a family prefix (``SRC``, ``src2``)."""
    return PREFIX_RE.fullmatch(selector.strip().upper()) is not None


@dataclass
class RulePack:
    """Rules by code, in code order, with the file each came from."""

    rules: dict[str, Rule] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules[c] for c in sorted(self.rules))

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, code_or_name: object) -> bool:
        return isinstance(code_or_name, str) and self.get(code_or_name) is not None

    def get(self, code_or_name: str) -> Rule | None:
        """A rule by code (``SRC201``, any case) or name (``state-media-claim-unattributed``)."""
        key = code_or_name.strip()
        rule = self.rules.get(key.upper())
        if rule is not None:
            return rule
        for rule in self.rules.values():
            if rule.name == key.lower():
                return rule
        return None

    def select(self, selector: str) -> list[Rule]:
        """The rules a selector names, in code order: a code (``SRC201``) or a name
        (``vague-attribution``) names one rule; a family prefix (``SRC``, ``SRC2``; any case)
        names every rule whose code starts with it.  Empty when it names none."""
        rule = self.get(selector)
        if rule is not None:
            return [rule]
        prefix = selector.strip().upper()
        if not is_prefix(prefix):
            return []
        return [r for r in self if r.code.startswith(prefix)]

    def enabled(self) -> list[Rule]:
        return [r for r in self if r.enabled]

    def add(self, rule: Rule, path: Path) -> None:
        self.rules[rule.code] = rule
        self.files[rule.code] = path


def _validate_rule(path: Path, data: object, line_of: LineOf) -> Rule:
    where = str(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{where}:1: a rule file must be a YAML mapping (code, name, severity, ...)")
    try:
        rule = Rule.model_validate(strip_lines(data))
    except ValidationError as exc:
        raise ConfigError(validation_message(where, exc, data)) from None
    spec = DETECTORS.get(rule.detector)
    if spec is None:
        known = ", ".join(sorted(DETECTORS))
        key = "detector" if "detector" in data else "check"
        raise ConfigError(f"{where}:{line_of((key,))}: {key}: unknown detector {rule.detector!r} (known: {known})")
    allowed = COMMON_FIELDS | spec.fields
    try:
        parts = [(f, fmt) for _, f, fmt, _ in string.Formatter().parse(rule.message) if f is not None]
    except ValueError as exc:
        raise ConfigError(f"{where}:{line_of(('message',))}: message: bad template: {exc}") from exc
    for f, fmt in parts:
        if fmt:  # "{cue:>1500000000}" would build a 1.5 GB string for every finding
            raise ConfigError(f"{where}:{line_of(('message',))}: message: {{{f}:{fmt}}}: format specs are not "
                              f"allowed in a message template (write {{{f}}})")
    fields = {f for f, _ in parts}
    for f in sorted(fields):
        base = f.split(".")[0].split("[")[0]
        if base not in allowed:
            raise ConfigError(
                f"{where}:{line_of(('message',))}: message: unknown field {{{f}}} "
                f"(this detector provides: {', '.join(sorted(allowed))})"
            )
    for key, value in rule.options.items():
        if key not in spec.options:
            known = ", ".join(sorted(spec.options)) or "none"
            raise ConfigError(f"{where}:{line_of(('options', key))}: options.{key}: unknown option (known: {known})")
        default = spec.options[key]
        ok = isinstance(value, type(default)) or (isinstance(default, float) and isinstance(value, int))
        if isinstance(default, bool) != isinstance(value, bool):
            ok = False
        if isinstance(default, list) and ok:
            ok = all(isinstance(v, str) for v in value)
        if not ok:
            raise ConfigError(
                f"{where}:{line_of(('options', key))}: options.{key}: expected {type(default).__name__}, "
                f"got {type(value).__name__}"
            )
        if key.endswith("_patterns"):  # names of extraction constructions (docs/constructions.md)
            from provenance.extract.declare import construction_names

            unknown = [v for v in value if v not in construction_names()]
            if unknown:
                raise ConfigError(
                    f"{where}:{line_of(('options', key))}: options.{key}: unknown construction {unknown[0]!r} "
                    f"(see `provenance construction --list`)"
                )
    return rule


def _read_rule_file(path: Path) -> tuple[object, LineOf]:
    data = load_yaml(path, "rule file")
    return data, functools.partial(_line_of, data)


def load_rule_file(path: Path) -> Rule:
    return _validate_rule(path, *_read_rule_file(path))


def _load_dir(directory: Path) -> list[tuple[Rule, Path, LineOf]]:
    if not directory.is_dir():
        raise ConfigError(f"{directory}: rules directory not found")
    paths = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    out: list[tuple[Rule, Path, LineOf]] = []
    seen_code: dict[str, Path] = {}
    seen_name: dict[str, Path] = {}
    for path in paths:
        data, line_of = _read_rule_file(path)
        rule = _validate_rule(path, data, line_of)
        if rule.code in seen_code:
            raise ConfigError(
                f"{path}:{line_of(('code',))}: code: duplicate rule code {rule.code} (also in {seen_code[rule.code]})"
            )
        if rule.name in seen_name:
            raise ConfigError(
                f"{path}:{line_of(('name',))}: name: duplicate rule name {rule.name} (also in {seen_name[rule.name]})"
            )
        seen_code[rule.code] = path
        seen_name[rule.name] = path
        out.append((rule, path, line_of))
    return out


def load_rules(dirs: list[Path] | None = None, *, include_default: bool = True) -> RulePack:
    """The default editorial pack, then each of ``dirs`` in order (a rule replaces the
    rule of the same code).  A name used by two different codes is an error."""
    pack = RulePack()
    sources = ([default_rules_dir()] if include_default else []) + [Path(d) for d in dirs or []]
    name_line: dict[str, int] = {}
    for directory in sources:
        for rule, path, line_of in _load_dir(directory):
            pack.add(rule, path)
            name_line[rule.code] = line_of(("name",))
    names: dict[str, str] = {}
    for rule in pack:
        if rule.name in names:
            other = names[rule.name]
            raise ConfigError(
                f"{pack.files[rule.code]}:{name_line[rule.code]}: name: rule name {rule.name} is already "
                f"used by {other} ({pack.files[other]})"
            )
        names[rule.name] = rule.code
    return pack
