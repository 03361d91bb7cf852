"""The text format: one line per finding, like ruff, then a summary per file and a total.

seeds/a.txt:1:40: SRC202 error The lede rests only on state media (KCNA) without saying so.
seeds/a.txt: 16 statements (state_media_only 13, reporter 3); 6 findings (1 error, 3 warning, 2 info); 1 suppressed
1 file: 16 statements (state_media_only 13, reporter 3); 6 findings (1 error, 3 warning, 2 info); 1 suppressed
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from provenance.render._common import (
    active_findings,
    escape_controls,
    one_line,
    plural,
    severity_counts,
    sorted_reports,
    verdict_counts,
)
from provenance.report import Report
from provenance.unicodefmt import show_bidi

if TYPE_CHECKING:
    from provenance.policy.rule_schema import Rule

__all__ = ["render_text"]


def _verdicts(reports: list[Report]) -> str:
    counts = verdict_counts(reports)
    shown = ", ".join(f"{v} {n}" for v, n in counts.items() if n)
    return f" ({shown})" if shown else ""


def _tail(reports: list[Report]) -> str:
    statements = sum(len(r.statements) for r in reports)
    sev = severity_counts(reports)
    total = sum(sev.values())
    suppressed = sum(severity_counts(reports, suppressed=True).values())
    parts = [
        f"{plural(statements, 'statement')}{_verdicts(reports)}",
        f"{plural(total, 'finding')}" + (f" ({', '.join(f'{n} {s}' for s, n in sev.items() if n)})" if total else ""),
    ]
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    return "; ".join(parts)


def render_text(reports: Report | Iterable[Report], rules: Iterable[Rule] | None = None) -> str:
    """Findings as ``path:line:col: CODE severity message`` lines (suppressed ones omitted),
    sorted by file then location; then one summary line per file and a total line.

    ``rules`` is accepted for a uniform renderer signature; the text format needs only the
    findings themselves.
    """
    del rules
    ordered = sorted_reports(reports)
    out: list[str] = []
    for r in ordered:
        path = escape_controls(r.document.path)
        for f in active_findings(r):
            out.append(f"{path}:{f.line}:{f.column}: {f.code} {f.severity} {one_line(f.message)}")
    if out:
        out.append("")
    for r in ordered:
        out.append(f"{escape_controls(r.document.path)}: {_tail([r])}")
    out.append(f"{plural(len(ordered), 'file')}: {_tail(ordered)}")
    return show_bidi("\n".join(out) + "\n")  # a bidi control could reorder what the terminal shows
