"""Reading JSON reports back: what ``provenance check --format json`` wrote.

Used by ``provenance baseline`` and ``provenance corroborate`` (and the Python API of
``provenance.corroborate``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from provenance import jsonload
from provenance.errors import InputError
from provenance.report import Report

__all__ = ["read_reports", "report_files"]


def report_files(paths: Iterable[Path | str]) -> list[Path]:
    """The files to read, in the order given: a directory stands for its ``*.json`` files
    (recursively, sorted).  InputError for a missing path or a directory without any."""
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


def read_reports(paths: Iterable[Path | str]) -> list[Report]:
    """Reports from JSON files (one report, or an array of reports: several articles checked
    at once) and directories of them (``*.json``, recursively, sorted), in that order.

    A document already read is skipped (the first file wins), so a directory written by
    ``check --output DIR`` (one file per article plus ``index.json``) reads once.
    InputError (naming the file) when a file cannot be read, is not JSON or is not a report.
    """
    from loguru import logger
    from pydantic import TypeAdapter, ValidationError

    many = TypeAdapter(list[Report])
    out: list[Report] = []
    seen: set[str] = set()
    for path in report_files(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read report: {exc}") from exc
        try:
            data = jsonload.loads(text)
            reports = many.validate_python(data) if isinstance(data, list) else [Report.model_validate(data)]
        except jsonload.JSONLimitError as exc:
            line = f":{exc.lineno}" if exc.lineno else ""
            raise InputError(f"{path}{line}: not JSON: {exc.msg}") from None
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            loc = ".".join(map(str, err["loc"])) or "(top level)"
            raise InputError(f"{path}: not a provenance JSON report: {loc}: {err['msg']}") from None
        for report in reports:
            if report.document.path in seen:
                logger.info("{}: {} already read from another report; skipped", path, report.document.path)
                continue
            seen.add(report.document.path)
            out.append(report)
    return out
