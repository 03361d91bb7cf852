"""Reading JSON reports (``provenance check --format json``) and the ``--config`` file."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from provenance.corroborate.models import CrossArticleConfig
from provenance.errors import ConfigError, InputError
from provenance.report import Report


def _files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*.json") if f.is_file())
            if not found:
                raise InputError(f"{p}: no JSON reports found")
            out.extend(found)
        elif not p.exists():
            raise InputError(f"no such file or directory: {p}")
        else:
            out.append(p)
    return out


def read_reports(paths: Iterable[Path]) -> list[Report]:
    """Reports from JSON files (one report, or an array of reports) and directories of them
    (``*.json``, recursively, sorted).  A document already read is skipped (the first file
    wins), so a directory written by ``check --output DIR`` (per-article files plus
    ``index.json``) reads once.  InputError when a file is not a report."""
    from pydantic import TypeAdapter, ValidationError

    many = TypeAdapter(list[Report])
    out: list[Report] = []
    seen: set[str] = set()
    for path in _files(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read report: {exc}") from exc
        try:
            data = json.loads(text)
            reports = many.validate_python(data) if isinstance(data, list) else [Report.model_validate(data)]
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from exc
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            loc = ".".join(map(str, err["loc"])) or "(top level)"
            raise InputError(f"{path}: not a provenance JSON report: {loc}: {err['msg']}") from exc
        for r in reports:
            if r.document.path not in seen:
                seen.add(r.document.path)
                out.append(r)
    return out


def load_config(path: Path | None) -> CrossArticleConfig:
    """The cross-article configuration: YAML or JSON with ``corroboration:`` and
    ``fidelity:`` sections (defaults when ``path`` is None).  ConfigError names the file
    and the offending key."""
    if path is None:
        return CrossArticleConfig()
    import yaml
    from pydantic import ValidationError

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    try:
        return CrossArticleConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = ".".join(map(str, err["loc"])) or "(top level)"
        raise ConfigError(f"{path}: {loc}: {err['msg']}") from exc
