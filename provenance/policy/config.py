"""Configuration: for each input, the closest ``provenance.toml``, or ``[tool.provenance]``
in the closest ``pyproject.toml``, looking in the input's folder and then each parent (as
ruff does); or ``--config FILE`` for every input; command-line options override it.

Keys may be written ``snake_case`` or ``kebab-case`` (``fail_on`` = ``fail-on``).  Paths
(``rules``, ``baseline``, ``extend``) are relative to the file that names them; the
patterns of ``exclude`` and ``per_file_ignores``, and the paths inside the baseline, are
relative to the configuration's folder (``Config.root``).  ``extend`` loads another
configuration file first; the keys of this file override it.  Any error (TOML syntax,
unknown key, wrong type) is a ConfigError naming the file and line; an unknown key gets a
"did you mean" when a known one is close.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from provenance.errors import ConfigError
from provenance.suggest import did_you_mean

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
    select: list[str] | None = Field(
        None,
        description="the rules that run (codes, family prefixes such as `SRC2`, names, or `ALL`); "
        "not set: every rule enabled by default",
    )
    extend_select: list[str] = Field(default_factory=list, description="rules added to `select`")
    ignore: list[str] = Field(
        default_factory=list, description="rules that do not run: codes, family prefixes (`ATT`, `SRC2`) or names"
    )
    disable: list[str] = Field(default_factory=list, description="the older name of `ignore` (both apply)")
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        description="rules that do not run on the files a pattern matches (patterns relative to this file's folder)",
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="files and folders not checked when a folder is expanded (with `--force-exclude`, "
        "also when named), as patterns relative to this file's folder; a pattern without `/` matches any name",
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
    _options: dict[str, str] = PrivateAttr(default_factory=dict)  # key -> the command-line option that set it

    @property
    def sources(self) -> list[str]:
        """The files this configuration was read from, base (``extend``) first."""
        return list(self._sources)

    @property
    def root(self) -> Path | None:
        """The folder of the configuration file (not of a file it extends): the patterns of
        ``exclude`` and ``per_file_ignores`` and the paths in its baseline are relative to it.
        None for the defaults."""
        return Path(self._sources[-1]).parent if self._sources else None

    def relative(self, path: str) -> str:
        """``path`` (as given, relative to the working directory) relative to ``root``
        (the working directory when there is no configuration file), with ``/``.  A path
        outside the root, or ``<stdin>``, is returned normalised but otherwise unchanged."""
        from provenance.policy.baseline import relative_path

        return relative_path(path, self.root or Path.cwd())

    def excludes(self, path: str) -> bool:
        """Whether ``exclude`` matches ``path`` (or a folder above it, up to ``root``)."""
        return bool(self.exclude) and any(glob_match(p, self.relative(path)) for p in self.exclude)

    def ignored_for(self, path: str) -> list[str]:
        """The rule selectors ``per_file_ignores`` turns off for ``path``."""
        if not self.per_file_ignores:
            return []
        rel = self.relative(path)
        return [code for pattern, codes in sorted(self.per_file_ignores.items()) if glob_match(pattern, rel)
                for code in codes]

    def where(self, key: str) -> str:
        """``FILE:LINE`` where ``key`` was set, the command-line option that set it, or
        ``FILE`` / ``(default)``."""
        if key in self._options:
            return self._options[key]
        if key in self._lines:
            path, line = self._lines[key]
            return f"{path}:{line}" if line else path
        return self._sources[-1] if self._sources else "(default)"

    def rule_dirs(self) -> list[Path]:
        return [Path(p) for p in self.rules]

    def baseline_path(self) -> Path | None:
        return Path(self.baseline) if self.baseline else None

    def merged(self, *, append: dict[str, list[str]] | None = None, **overrides: Any) -> Config:
        """A copy with command-line values (those not None) replacing the file's, and the
        lists in ``append`` (e.g. ``--ignore``) appended to the file's."""
        data = self.model_dump()
        data.update({k: v for k, v in overrides.items() if v is not None})
        for key, values in (append or {}).items():
            if values:
                data[key] = list(data.get(key) or []) + list(values)
        try:
            out = Config.model_validate(data)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            raise ConfigError(f"option {'.'.join(map(str, err['loc']))}: {err['msg']}") from exc
        out._sources = list(self._sources)
        out._lines = {k: v for k, v in self._lines.items() if overrides.get(k) is None}
        out._options = dict(self._options)
        for key, value in [*overrides.items(), *(append or {}).items()]:
            if value:
                out._options[key] = "--" + key.replace("_", "-")
        return out


def glob_match(pattern: str, rel: str) -> bool:
    """Whether a path relative to the configuration's folder (``/``-separated) matches
    ``pattern``: ``*`` and ``?`` within one name, ``**`` across folders; a pattern without
    ``/`` matches any name in the path (``drafts``, ``*.md``); a pattern that matches a
    folder matches everything under it."""
    pat = pattern.strip().replace("\\", "/")
    while pat.startswith("./"):
        pat = pat[2:]
    pat = pat.rstrip("/")
    if not pat:
        return False
    if "/" not in pat:
        return any(_glob_regex(pat).fullmatch(part) for part in rel.split("/"))
    return _glob_regex(pat, folders=True).match(rel) is not None


def _glob_regex(pattern: str, folders: bool = False) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + ("(?:/.*)?$" if folders else ""))


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
    # a sub-table: [per-file-ignores] or [tool.provenance.per-file-ignores]
    full = f"{table}.{key}" if table else key
    header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, full.split("."))) + r"\s*\]")
    for i, line in enumerate(lines):
        if header.match(line):
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
    except RecursionError:  # a 1,000-deep array: tomllib recurses
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise ConfigError(f"{path}: invalid TOML: {str(exc).splitlines()[0] if str(exc) else 'invalid value'}") from None


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
            close = did_you_mean(name, FIELDS)
            if close is not None:
                hint = f" (did you mean {close if '_' in key or '-' not in key else close.replace('_', '-')}?)"
            else:
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


def find_config(start: Path | None = None, *, parents: bool = True) -> Path | None:
    """The closest ``provenance.toml``, or ``pyproject.toml`` with ``[tool.provenance]``,
    in ``start`` (a directory or file; default the working directory) or a parent (with
    ``parents``).  In one directory ``provenance.toml`` wins."""
    here = (start or Path.cwd()).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for directory in (here, *here.parents) if parents else (here,):
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


class ConfigResolver:
    """The configuration for each input, as ruff finds it: ``--config FILE`` for every
    input, else the closest configuration file in the input's folder or a parent (cached
    per folder, each file read once); the command-line values (``merged``) over it."""

    def __init__(self, explicit: Path | None = None, *, overrides: dict[str, Any] | None = None,
                 append: dict[str, list[str]] | None = None) -> None:
        self.explicit = Path(explicit) if explicit is not None else None
        self.overrides = dict(overrides or {})
        self.append = dict(append or {})
        self._file_of_dir: dict[Path, Path | None] = {}
        self._config_of_file: dict[Path | None, Config] = {}

    def file_for(self, path: str | Path) -> Path | None:
        """The configuration file that applies to ``path`` (a file or folder; ``-`` and
        ``<stdin>``: the working directory), or None."""
        if self.explicit is not None:
            return self.explicit
        name = str(path)
        here = Path.cwd() if name in ("-", "<stdin>") else Path(os.path.abspath(name))
        if not here.is_dir():
            here = here.parent
        walked: list[Path] = []
        found: Path | None = None
        for directory in (here, *here.parents):
            if directory in self._file_of_dir:
                found = self._file_of_dir[directory]
                break
            walked.append(directory)
            found = find_config(directory, parents=False)
            if found is not None:
                break
        for directory in walked:
            self._file_of_dir[directory] = found
        return found

    def for_path(self, path: str | Path) -> Config:
        """The configuration in force for ``path``."""
        file = self.file_for(path)
        if file not in self._config_of_file:
            base = load_config_file(file) if file is not None else Config()
            self._config_of_file[file] = base.merged(append=self.append, **self.overrides)
        return self._config_of_file[file]


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_value(k)} = {_toml_value(v)}" for k, v in sorted(value.items())) + "}"
    raise TypeError(type(value))


def config_show(config: Config, path: str | None = None) -> str:
    """The configuration in force (for ``path``: an article or folder) as TOML (sorted keys;
    unset keys as comments), naming the file it was read from."""
    out = ["# provenance configuration in force" + (f" for {path}" if path else "")]
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
