"""The JSON format (the versioned contract) and its generated JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from provenance.report import SCHEMA_VERSION, Report

__all__ = ["REPORT_SCHEMA_PATH", "render_json", "render_json_many", "report_json_schema"]

REPORT_SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "report-v1.json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def render_json(report: Report) -> str:
    """The canonical JSON form of one report (``Report.to_json()``)."""
    return report.to_json()


def render_json_many(reports: Iterable[Report]) -> str:
    """Several reports as a JSON array (always an array, even of one or none), sorted by
    document path, each element exactly the canonical object of ``render_json``."""
    ordered = sorted(reports, key=lambda r: r.document.path)
    if not ordered:
        return "[]\n"
    parts = [r.to_json().rstrip("\n") for r in ordered]
    return "[\n" + ",\n".join("  " + p.replace("\n", "\n  ") for p in parts) + "\n]\n"


def report_json_schema() -> str:
    """The JSON Schema of the report contract, generated from the pydantic models.

    Deterministic: sorted keys, two-space indent, trailing newline. This is what
    ``provenance/schemas/report-v1.json`` must contain (a test checks for drift).
    """
    schema = Report.model_json_schema(by_alias=True)
    schema["$schema"] = JSON_SCHEMA_DIALECT
    schema["description"] = (
        f"provenance report, schema_version {SCHEMA_VERSION}. Offsets are 0-based, "
        "end-exclusive character offsets (Unicode code points) into the file's decoded "
        "text; lines and columns are 1-based. Generated from provenance/report.py: "
        "do not edit by hand (scripts/gen_report_schema.py)."
    )
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
