"""``provenance check --statistics``: how many findings each rule gave, like ``ruff --statistics``.

Unsuppressed findings only (what fails a run); rules sorted by count, most first, then by
code.  Text: one line per rule (count, code, severity, name) and a total; ``json``: an
array of ``{code, rule, severity, count}``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence

from provenance.report import Report


def rule_counts(reports: Iterable[Report]) -> list[tuple[str, str, str, int]]:
    """(code, rule name, severity, count) per rule with unsuppressed findings."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for report in reports:
        for f in report.findings:
            if f.suppression is None:
                counts[(f.code, f.rule, f.severity)] += 1
    rows = [(code, rule, severity, n) for (code, rule, severity), n in counts.items()]
    return sorted(rows, key=lambda r: (-r[3], r[0], r[1], r[2]))


def render_statistics(reports: Sequence[Report], rules: object = None, fmt: str = "text") -> str:
    rows = rule_counts(reports)
    if fmt == "json":
        data = [{"code": c, "rule": r, "severity": s, "count": n} for c, r, s, n in rows]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    width = max((len(str(n)) for *_, n in rows), default=1)
    lines = [f"{n:>{width}}  {c}  {s:<7}  {r}" for c, r, s, n in rows]
    total = sum(n for *_, n in rows)
    files = len(reports)
    lines.append(f"{total} finding{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}")
    return "\n".join(lines) + "\n"
