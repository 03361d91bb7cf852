"""Configuration: the closest ``provenance.toml``, or ``[tool.provenance]`` in the closest
``pyproject.toml``, or ``--config FILE``; command-line options override it.

Keys may be written ``snake_case`` or ``kebab-case`` (``fail_on`` = ``fail-on``).  Paths
(``rules``, ``baseline``, ``extend``) are relative to the file that names them.  ``extend``
loads another configuration file first; the keys of this file override it.  Any error
(TOML syntax, unknown key, wrong type) is a ConfigError naming the file and line.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from provenance.errors import ConfigError

CONFIG_FILE = "provenance.toml"
PYPROJECT = "pyproject.toml"
FailOn = Literal["error", "warning", "info", "never"]
MinSeverity = Literal["error", "warning", "info"]
OutputFormat = Literal["text", "json", "html", "sarif", "github"]


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    fail_on: FailOn = Field(
        "error",
        description="exit 1 when an unsuppressed finding is at or above this severity; `never` only reports",
    )
    min_severity: MinSeverity = Field("info", description="findings below this severity are not reported")
    min_confidence: float = Field(
        0.0, ge=0.0, le=1.0, description="findings whose extraction confidence is below this are not reported"
    )
    rules: list[str] = Field(
        default_factory=list,
        description="extra rule directories, loaded after the default pack (a rule replaces the one of the same code)",
    )
    disable: list[str] = Field(
        default_factory=list, description="rules that do not run: codes, family prefixes (`ATT`, `SRC2`) or names"
    )
    baseline: str | None = Field(None, description="baseline file: findings recorded in it are suppressed (`external`)")
    publisher: str | None = Field(None, description="publisher to assume when the article names none (`--publisher`)")
    model: str = Field("bundled", description="`bundled`, `stanza:en[:package]`, or a stanza model directory")
    format: OutputFormat = Field("text", description="report format: text, json, html, sarif or github")
    # the same limit as provenance.ingest.reader.DEFAULT_MAX_BYTES (a test keeps them equal)
    max_bytes: int = Field(2_000_000, gt=0, description="input files larger than this are refused (exit 2)")
    extend: str | None = Field(
        None, description="another configuration file to load first; this file's keys override it"
    )

    _sources: list[str] = PrivateAttr(default_factory=list)
    _lines: dict[str, tuple[str, int]] = PrivateAttr(default_factory=dict)

    @property
    def sources(self) -> list[str]:
        """The files this configuration was read from, base (``extend``) first."""
        return list(self._sources)

    def where(self, key: str) -> str:
        """``FILE:LINE`` where ``key`` was set, or ``FILE`` / ``(default)``."""
        if key in self._lines:
            path, line = self._lines[key]
            return f"{path}:{line}" if line else path
        return self._sources[-1] if self._sources else "(default)"

    def rule_dirs(self) -> list[Path]:
        return [Path(p) for p in self.rules]

    def baseline_path(self) -> Path | None:
        return Path(self.baseline) if self.baseline else None

    def merged(self, **overrides: Any) -> Config:
        """A copy with command-line values (those not None) replacing the file's."""
        data = self.model_dump()
        data.update({k: v for k, v in overrides.items() if v is not None})
        try:
            out = Config.model_validate(data)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            raise ConfigError(f"option {'.'.join(map(str, err['loc']))}: {err['msg']}") from exc
        out._sources = list(self._sources)
        out._lines = {k: v for k, v in self._lines.items() if overrides.get(k) is None}
        return out


FIELDS = tuple(Config.model_fields)
_PATH_KEYS = ("rules", "baseline", "extend")


def _key_line(text: str, key: str, table: str | None) -> int:
    lines = text.splitlines()
    start = 0
    if table is not None:
        header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, table.split("."))) + r"\s*\]\s*(#.*)?$")
        for i, line in enumerate(lines):
            if header.match(line):
                start = i + 1
                break
    pat = re.compile(r"""^\s*["']?""" + re.escape(key) + r"""["']?\s*=""")
    for i in range(start, len(lines)):
        if table is not None and i > start and re.match(r"^\s*\[", lines[i]):
            break
        if pat.match(lines[i]):
            return i + 1
    return 0


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = f":{m.group(1)}" if m else ""
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise ConfigError(f"{path}{line}: invalid TOML: {msg}") from exc


def _table(path: Path) -> tuple[dict[str, Any] | None, str, str | None]:
    """The provenance table of ``path`` (None for a pyproject without one), its text, table name."""
    data, text = _read_toml(path)
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("provenance") if isinstance(tool, dict) else None
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}:{_key_line(text, 'provenance', 'tool')}: [tool.provenance] must be a table")
        return table, text, "tool.provenance"
    return data, text, None


Lines = dict[str, tuple[str, int]]  # key -> (file, line)


def _normalise(path: Path, table: dict[str, Any], text: str, tname: str | None) -> tuple[dict[str, Any], Lines]:
    out: dict[str, Any] = {}
    lines: Lines = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        line = _key_line(text, key, tname)
        if name in out:
            raise ConfigError(f"{path}:{line}: {key}: set twice (as {name} and {name.replace('_', '-')})")
        if name not in FIELDS:
            hint = f" (known keys: {', '.join(FIELDS)})"
            raise ConfigError(f"{path}:{line}: {key}: unknown configuration key{hint}")
        out[name] = value
        lines[name] = (str(path), line)
    base = path.parent
    for name in _PATH_KEYS:
        value = out.get(name)
        if isinstance(value, str):
            out[name] = str((base / value).resolve())
        elif name == "rules" and isinstance(value, list):
            out[name] = [str((base / v).resolve()) if isinstance(v, str) else v for v in value]
    return out, lines


def _load(path: Path, chain: tuple[Path, ...]) -> tuple[dict[str, Any], Lines, list[str]]:
    path = path.resolve()
    if path in chain:
        raise ConfigError(f"{path}: extend: circular ({' -> '.join(map(str, chain + (path,)))})")
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    table, text, tname = _table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.provenance] table")
    data, lines = _normalise(path, table, text, tname)
    merged: dict[str, Any] = {}
    merged_lines: Lines = {}
    sources: list[str] = []
    ext = data.get("extend")
    if ext is not None:
        if not isinstance(ext, str):
            raise ConfigError(f"{path}:{lines['extend'][1]}: extend: must be a path (string)")
        merged, merged_lines, sources = _load(Path(ext), chain + (path,))
    merged.update(data)
    merged_lines.update(lines)
    return merged, merged_lines, sources + [str(path)]


def _build(data: dict[str, Any], lines: Lines, sources: list[str]) -> Config:
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        key = str(err["loc"][0]) if err["loc"] else ""
        file, line = lines.get(key, (sources[-1] if sources else "(config)", 0))
        where = f"{file}:{line}" if line else file
        loc = ".".join(map(str, err["loc"]))
        raise ConfigError(f"{where}: {loc}: {err['msg']}") from exc
    config._sources = sources
    config._lines = lines
    return config


def find_config(start: Path | None = None) -> Path | None:
    """The closest ``provenance.toml``, or ``pyproject.toml`` with ``[tool.provenance]``,
    in ``start`` (a directory or file; default the working directory) or a parent.  In one
    directory ``provenance.toml`` wins."""
    here = (start or Path.cwd()).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for directory in (here, *here.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        py = directory / PYPROJECT
        if py.is_file():
            table, _, _ = _table(py)
            if table is not None:
                return py
    return None


def load_config_file(path: Path) -> Config:
    """Read one configuration file (``pyproject.toml``: its ``[tool.provenance]`` table)."""
    data, lines, sources = _load(Path(path), ())
    return _build(data, lines, sources)


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """``explicit`` (``--config``), else the closest configuration file above ``start``,
    else the defaults."""
    path = Path(explicit) if explicit is not None else find_config(start)
    if path is None:
        return Config()
    return load_config_file(path)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(type(value))


def config_show(config: Config) -> str:
    """The configuration in force as TOML (sorted keys; unset keys as comments)."""
    out = ["# provenance configuration in force"]
    if config.sources:
        out.extend(f"# read from: {s}" for s in config.sources)
    else:
        out.append("# read from: (defaults: no provenance.toml or [tool.provenance] found)")
    data = config.model_dump()
    for key in sorted(data):
        if key == "extend":
            continue
        value = data[key]
        if value is None:
            out.append(f"# {key} = (not set)")
        else:
            out.append(f"{key} = {_toml_value(value)}")
    return "\n".join(out) + "\n"
