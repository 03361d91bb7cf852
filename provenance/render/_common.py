"""Helpers shared by the renderers: stable ordering, counts, and severity mappings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, get_args

from provenance.errors import escape_controls
from provenance.report import Finding, Report, Severity, SourceClass, Verdict

if TYPE_CHECKING:  # only for annotations: the renderers read rules by attribute
    from provenance.policy.rule_schema import Rule

__all__ = [
    "CLASSES",
    "escape_controls",
    "SEVERITIES",
    "VERDICTS",
    "active_findings",
    "finding_sort_key",
    "one_line",
    "rules_by_code",
    "severity_counts",
    "sorted_findings",
    "sorted_reports",
    "verdict_counts",
]

# Display order: most to least worrying; the JSON contract sorts by name instead.
VERDICTS: tuple[str, ...] = ("state_media_only", "mixed", "official", "independent", "unresolved", "reporter")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
# Source classes in the order report.py declares them (state media first).
CLASSES: tuple[str, ...] = get_args(SourceClass)
assert set(VERDICTS) == set(get_args(Verdict))
assert set(SEVERITIES) == set(get_args(Severity))


def finding_sort_key(f: Finding) -> tuple[Any, ...]:
    return (f.line, f.column, f.end_line, f.end_column, f.code, f.fingerprint, f.message)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=finding_sort_key)


def active_findings(report: Report) -> list[Finding]:
    """Unsuppressed findings, in location order."""
    return sorted_findings(f for f in report.findings if f.suppression is None)


def sorted_reports(reports: Report | Iterable[Report]) -> list[Report]:
    if isinstance(reports, Report):
        return [reports]
    return sorted(reports, key=lambda r: r.document.path)


def verdict_counts(reports: Report | Iterable[Report]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for r in sorted_reports(reports):
        counts.update(s.verdict for s in r.statements)
    return {v: counts.get(v, 0) for v in VERDICTS}


def severity_counts(reports: Report | Iterable[Report], *, suppressed: bool = False) -> dict[str, int]:
    """Counts by severity of unsuppressed findings (or of suppressed ones)."""
    counts: Counter[str] = Counter()
    for r in sorted_reports(reports):
        counts.update(f.severity for f in r.findings if (f.suppression is not None) == suppressed)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def rules_by_code(rules: Iterable[Rule] | None) -> dict[str, Rule]:
    return {r.code: r for r in sorted(rules or (), key=lambda r: r.code)}


def one_line(text: str) -> str:
    """Collapse line breaks and runs of whitespace, escape other control characters: one
    finding, one line."""
    return escape_controls(" ".join(text.split()))


def plural(n: int, word: str, plural_word: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural_word or word + 's')}"
