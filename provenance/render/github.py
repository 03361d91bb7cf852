"""The github format: GitHub Actions workflow commands, one annotation per finding.

    ::warning file=seeds/a.txt,line=7,col=1,endLine=7,endColumn=273,title=SRC201 state-media-claim-unattributed::Claim rests only on state media (KCNA).

Severity error -> ``::error``, warning -> ``::warning``, info -> ``::notice``. Suppressed
findings are omitted. Escaping follows the Actions runner: in the message ``%``, CR and
LF become ``%25``, ``%0D``, ``%0A``; in properties ``:`` and ``,`` also become ``%3A``
and ``%2C``. Other control characters (ESC, which a terminal or log viewer would
interpret) are written as visible escapes (``\x1b``).
"""

from __future__ import annotations

from collections.abc import Iterable

from provenance.render._common import active_findings, escape_controls, sorted_reports
from provenance.report import Report

__all__ = ["escape_data", "escape_property", "render_github"]

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    value = escape_controls(value, keep="\r\n\t")
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Report | Iterable[Report]) -> str:
    """One ``::error|warning|notice file=..,line=..,col=..,endLine=..,endColumn=..,title=..::msg``
    line per unsuppressed finding, sorted by file then location."""
    out: list[str] = []
    for r in sorted_reports(reports):
        path = r.document.path.replace("\\", "/")
        for f in active_findings(r):
            props = [
                ("file", path),
                ("line", str(f.line)),
                ("col", str(f.column)),
                ("endLine", str(f.end_line)),
                ("endColumn", str(f.end_column)),
                ("title", f"{f.code} {f.rule}"),
            ]
            head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
            out.append(f"::{COMMAND[f.severity]} {head}::{escape_data(f.message)}")
    return "".join(line + "\n" for line in out)
