"""The sarif format: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` declares every rule of the pack in use (not only those that
fired), each with its generated docs; results carry 1-based regions plus character
offsets, ``partialFingerprints`` (``provenance/v1``: the content fingerprint, stable across
line moves) and ``suppressions`` for suppressed findings (kept, as SARIF asks).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from provenance import __version__
from provenance.render._common import rules_by_code, sorted_findings, sorted_reports
from provenance.report import Finding, Report

if TYPE_CHECKING:
    from provenance.policy.rule_schema import Rule

__all__ = ["FINGERPRINT_KEY", "SARIF_SCHEMA_URI", "render_sarif", "sarif_log"]

SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "provenance/v1"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
MIME = {"text": "text/plain", "markdown": "text/markdown", "html": "text/html"}


# A non-UTF-8 byte of a file name, as a report's path shows it (``bad\\xffname.txt``,
# provenance.errors.display_name): percent-encoded as that byte, not read as a separator.
_NAME_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def artifact_uri(path: str) -> str:
    """A relative URI reference for a document path (forward slashes, percent-encoded)."""
    path = _NAME_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), path)
    p = path.replace("\\", "/")
    if p.startswith("/"):
        return "file://" + quote(p, safe="/", errors="surrogateescape")
    if len(p) > 2 and p[1] == ":" and p[2] == "/":  # a Windows drive path
        return "file:///" + p[:2] + quote(p[2:], safe="/", errors="surrogateescape")
    while p.startswith("./"):
        p = p[2:]
    return quote(p, safe="/", errors="surrogateescape")


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " "):
            return text[: i + 1]
    return text


def rule_help_text(rule: Rule) -> str:
    d = rule.doc
    return (
        f"{rule.code} {rule.name}\n\nWhat it does: {d.what}\n\nWhy: {d.why}\n\n"
        f"Example:\n{d.example}\n\nUse instead:\n{d.instead}\n"
    )


def _md_block(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines() or [""])


def rule_help_markdown(rule: Rule) -> str:
    d = rule.doc
    return (
        f"## {rule.code} `{rule.name}`\n\n### What it does\n{d.what}\n\n### Why\n{d.why}\n\n"
        f"### Example\n{_md_block(d.example)}\n\n### Use instead\n{_md_block(d.instead)}\n"
    )


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _first_sentence(rule.doc.what)},
        "fullDescription": {"text": " ".join(f"{rule.doc.what} {rule.doc.why}".split())},
        "help": {"text": rule_help_text(rule), "markdown": rule_help_markdown(rule)},
        "defaultConfiguration": {"enabled": bool(rule.enabled), "level": LEVEL[rule.severity]},
        "properties": {"tags": ["editorial", "provenance"]},
    }


def _fallback_descriptor(f: Finding) -> dict[str, Any]:
    """A finding whose code is not in the pack (e.g. a tool meta finding)."""
    return {
        "id": f.code,
        "name": f.rule,
        "shortDescription": {"text": f"{f.code} {f.rule}"},
        "defaultConfiguration": {"level": LEVEL[f.severity]},
        "properties": {"tags": ["editorial", "provenance"]},
    }


def _result(f: Finding, rule_index: int, artifact_index: int, uri: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "index": artifact_index},
                    "region": {
                        "startLine": f.line,
                        "startColumn": f.column,
                        "endLine": f.end_line,
                        "endColumn": f.end_column,
                        "charOffset": f.start,
                        "charLength": max(0, f.end - f.start),
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"confidence": f.confidence, "rule": f.rule, "statement": f.statement},
    }
    if f.suppression is not None:
        result["suppressions"] = [
            {"kind": f.suppression.kind, "status": "accepted", "justification": f.suppression.justification}
        ]
    return result


def sarif_log(reports: Report | Iterable[Report], rules: Iterable[Rule] | None = None) -> dict[str, Any]:
    """The SARIF log as a dict (see ``render_sarif``)."""
    ordered = sorted_reports(reports)
    pack = rules_by_code(rules)
    descriptors = [_descriptor(r) for r in pack.values()]
    index = {code: i for i, code in enumerate(pack)}
    extra: dict[str, Finding] = {}
    for r in ordered:
        for f in sorted_findings(r.findings):
            if f.code not in index and f.code not in extra:
                extra[f.code] = f
    for code in sorted(extra):
        index[code] = len(descriptors)
        descriptors.append(_fallback_descriptor(extra[code]))

    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for r in ordered:
        uri = artifact_uri(r.document.path)
        art_index = len(artifacts)
        artifacts.append(
            {
                "location": {"uri": uri, "index": art_index},
                "mimeType": MIME[r.document.format],
                "properties": {
                    "statements": len(r.statements),
                    "verdicts": {v: n for v, n in sorted(r.summary.verdicts.items())},
                },
            }
        )
        results.extend(_result(f, index[f.code], art_index, uri) for f in sorted_findings(r.findings))

    version = ordered[0].tool.version if ordered else __version__
    driver: dict[str, Any] = {
        "name": "provenance",
        "version": version,
        "semanticVersion": version,
        "rules": descriptors,
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
    }
    models = sorted({(r.model.id, r.model.stanza_version) for r in ordered})
    if models:
        run["properties"] = {"models": [{"id": m, "stanza_version": s} for m, s in models]}
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(reports: Report | Iterable[Report], rules: Iterable[Rule] | None = None) -> str:
    """SARIF 2.1.0 JSON text (sorted by file and location; deterministic; trailing newline)."""
    return json.dumps(sarif_log(reports, rules), indent=2, ensure_ascii=False) + "\n"
