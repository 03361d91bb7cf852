"""The audit's tables: their Arrow schemas, and rows from one checked article's Report.

Every table has a fixed schema (the same for every partition, also an empty one), so that
DuckDB, pandas or ``pyarrow.dataset`` read a table's folder as one table.  The statements,
attributions and chains tables together hold each statement exactly as the JSON report
(``provenance check --format json``) gives it; article-level columns (``publisher``,
``month``) are repeated in the statements and chains tables so that the common questions
need no join.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

STATE_CLASSES = ("state_controlled", "state_affiliated")
TABLES = ("articles", "statements", "attributions", "chains", "findings", "errors")

_str, _int, _i32, _bool, _float = pa.string(), pa.int64(), pa.int32(), pa.bool_(), pa.float64()

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", _str), ("source", _str), ("line", _int), ("path", _str),
        ("publisher", _str), ("date", _str), ("month", _str), ("url", _str), ("title", _str),
        ("words", _int), ("characters", _int), ("statements", _int), ("attributions", _int),
        ("state_media_only", _int), ("official", _int), ("independent", _int), ("mixed", _int),
        ("reporter", _int), ("findings", _int), ("warnings", _int), ("partition", _i32),
    ]),
    "statements": pa.schema([
        ("article_id", _str), ("statement", _i32), ("start", _int), ("end", _int), ("line", _int),
        ("column", _int), ("text", _str), ("verdict", _str), ("state_media_only", _bool), ("carried", _bool),
        ("confidence", _float), ("is_headline", _bool), ("is_lede", _bool), ("attributions", _i32),
        ("chain", _str), ("origin", _str), ("origin_class", _str), ("origin_country", _str),
        ("relays", pa.list_(_str)), ("relay_classes", pa.list_(_str)), ("relay_path", _str),
        ("state_media", _bool), ("publisher", _str), ("date", _str), ("month", _str),
    ]),
    "attributions": pa.schema([
        ("article_id", _str), ("statement", _i32), ("attribution", _i32),
        ("cue_text", _str), ("cue_start", _int), ("cue_end", _int),
        ("source_text", _str), ("source_start", _int), ("source_end", _int), ("source_name", _str),
        ("source_class", _str), ("source_entity_id", _str), ("source_country", _str),
        ("source_entity_type", _str), ("source_match", _str),
        ("antecedent_text", _str), ("antecedent_start", _int), ("antecedent_end", _int),
        ("content_text", _str), ("content_start", _int), ("content_end", _int),
        ("kind", _str), ("embedded_in", _int), ("stance", _str), ("pattern", _str),
        ("channel_text", _str), ("channel_start", _int), ("channel_end", _int), ("channel_name", _str),
        ("channel_class", _str), ("channel_entity_id", _str), ("channel_country", _str),
        ("channel_entity_type", _str), ("channel_match", _str),
        ("channel_antecedent_text", _str), ("channel_antecedent_start", _int), ("channel_antecedent_end", _int),
        ("carried", _bool), ("confidence", _float),
    ]),
    "chains": pa.schema([
        ("article_id", _str), ("statement", _i32), ("position", _i32), ("name", _str), ("source_class", _str),
        ("role", _str), ("entity_id", _str), ("country", _str), ("publisher", _str), ("month", _str),
    ]),
    "findings": pa.schema([
        ("article_id", _str), ("code", _str), ("rule", _str), ("severity", _str), ("message", _str),
        ("statement", _int), ("start", _int), ("end", _int), ("line", _int), ("column", _int),
        ("end_line", _int), ("end_column", _int), ("fingerprint", _str), ("confidence", _float),
        ("suppression_kind", _str), ("suppression_justification", _str),
    ]),
    "errors": pa.schema([
        ("article_id", _str), ("source", _str), ("line", _int), ("path", _str), ("stage", _str),
        ("message", _str), ("partition", _i32),
    ]),
}


def empty_rows() -> dict[str, list[dict[str, Any]]]:
    return {name: [] for name in TABLES}


def to_tables(rows: dict[str, list[dict[str, Any]]]) -> dict[str, pa.Table]:
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}


def _span(prefix: str, span: Any) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def _source(prefix: str, src: Any, antecedent: str) -> dict[str, Any]:
    """A SourceSpan (the source, or the channel) as flat columns; all null when absent."""
    return {**_span(prefix, src),
            f"{prefix}_name": src.name if src else None, f"{prefix}_class": src.source_class if src else None,
            f"{prefix}_entity_id": src.entity_id if src else None, f"{prefix}_country": src.country if src else None,
            f"{prefix}_entity_type": src.entity_type if src else None, f"{prefix}_match": src.match if src else None,
            **_span(antecedent, src.antecedent if src else None)}


def add_report(rows: dict[str, list[dict[str, Any]]], report: Any, *, article_id: str, source: str,
               line: int | None, publisher: str | None, date: str | None, month: str | None,
               url: str | None, partition: int) -> None:
    """Append one checked article (a :class:`provenance.report.Report`) to the rows."""
    doc = report.document
    verdicts = report.summary.verdicts
    rows["articles"].append({
        "article_id": article_id, "source": source, "line": line, "path": doc.path, "publisher": publisher,
        "date": date, "month": month, "url": url, "title": doc.title, "words": doc.words,
        "characters": doc.characters, "statements": len(report.statements),
        "attributions": sum(len(s.attributions) for s in report.statements),
        "state_media_only": verdicts.get("state_media_only", 0), "official": verdicts.get("official", 0),
        "independent": verdicts.get("independent", 0), "mixed": verdicts.get("mixed", 0),
        "reporter": verdicts.get("reporter", 0), "findings": len(report.findings),
        "warnings": len(doc.warnings), "partition": partition,
    })
    for s in report.statements:
        origin = next((link for link in s.chain if link.role == "origin"), None)
        relays = [link for link in s.chain if link.role == "relay"]
        rows["statements"].append({
            "article_id": article_id, "statement": s.index, "start": s.start, "end": s.end, "line": s.line,
            "column": s.column, "text": s.text, "verdict": s.verdict, "state_media_only": s.state_media_only,
            "carried": s.carried, "confidence": s.confidence, "is_headline": s.is_headline, "is_lede": s.is_lede,
            "attributions": len(s.attributions), "chain": " → ".join(link.name for link in s.chain),
            "origin": origin.name if origin else None, "origin_class": origin.source_class if origin else None,
            "origin_country": origin.country if origin else None,
            "relays": [r.name for r in relays], "relay_classes": [r.source_class for r in relays],
            "relay_path": " → ".join(r.name for r in relays),
            "state_media": any(link.source_class in STATE_CLASSES for link in s.chain),
            "publisher": publisher, "date": date, "month": month,
        })
        for i, a in enumerate(s.attributions):
            row = {"article_id": article_id, "statement": s.index, "attribution": i,
                   **_span("cue", a.cue), **_source("source", a.source, "antecedent"), **_span("content", a.content),
                   **_source("channel", a.channel, "channel_antecedent"),
                   "kind": a.kind, "embedded_in": a.embedded_in, "stance": a.stance, "pattern": a.pattern,
                   "carried": a.carried, "confidence": a.confidence}
            rows["attributions"].append(row)
        for i, link in enumerate(s.chain):
            rows["chains"].append({
                "article_id": article_id, "statement": s.index, "position": i, "name": link.name,
                "source_class": link.source_class, "role": link.role, "entity_id": link.entity_id,
                "country": link.country, "publisher": publisher, "month": month,
            })
    for f in report.findings:
        rows["findings"].append({
            "article_id": article_id, "code": f.code, "rule": f.rule, "severity": f.severity, "message": f.message,
            "statement": f.statement, "start": f.start, "end": f.end, "line": f.line, "column": f.column,
            "end_line": f.end_line, "end_column": f.end_column, "fingerprint": f.fingerprint,
            "confidence": f.confidence, "suppression_kind": f.suppression.kind if f.suppression else None,
            "suppression_justification": f.suppression.justification if f.suppression else None,
        })


def add_error(rows: dict[str, list[dict[str, Any]]], *, article_id: str, source: str, line: int | None,
              path: str | None, stage: str, message: str, partition: int) -> None:
    rows["errors"].append({"article_id": article_id, "source": source, "line": line, "path": path,
                           "stage": stage, "message": message, "partition": partition})
