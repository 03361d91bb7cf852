"""Renderers: pure functions from ``Report`` objects to text, one per output format.

Every renderer is deterministic: the same reports give the same bytes (sorted files and
findings, no timestamps). ``render(format, reports, rules, source_texts=...)`` is the
uniform entry the CLI uses; the per-format functions are also public.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from provenance.render.github import render_github
from provenance.render.html import IndexEntry, render_html, render_index_html
from provenance.render.json_ import render_json, render_json_many, report_json_schema
from provenance.render.sarif import render_sarif
from provenance.render.text import render_text
from provenance.report import Report

if TYPE_CHECKING:
    from provenance.policy.rule_schema import Rule

__all__ = [
    "FORMATS",
    "RENDERERS",
    "IndexEntry",
    "render",
    "render_github",
    "render_html",
    "render_index_html",
    "render_json",
    "render_json_many",
    "render_sarif",
    "render_text",
    "report_json_schema",
]

Renderer = Callable[[Sequence[Report], Sequence["Rule"], Mapping[str, str] | None], str]


def _json(reports: Sequence[Report], rules: Sequence[Rule], texts: Mapping[str, str] | None) -> str:
    return render_json(reports[0]) if len(reports) == 1 else render_json_many(reports)


def _text(reports: Sequence[Report], rules: Sequence[Rule], texts: Mapping[str, str] | None) -> str:
    return render_text(reports, rules)


def _github(reports: Sequence[Report], rules: Sequence[Rule], texts: Mapping[str, str] | None) -> str:
    return render_github(reports)


def _sarif(reports: Sequence[Report], rules: Sequence[Rule], texts: Mapping[str, str] | None) -> str:
    return render_sarif(reports, rules)


def _html(reports: Sequence[Report], rules: Sequence[Rule], texts: Mapping[str, str] | None) -> str:
    if len(reports) != 1:
        raise ValueError(
            f"the html format renders one report per page, got {len(reports)}: "
            "call render_html per report and render_index_html for the index"
        )
    report = reports[0]
    text = (texts or {}).get(report.document.path)
    return render_html(report, rules, text)


RENDERERS: dict[str, Renderer] = {
    "json": _json,
    "text": _text,
    "html": _html,
    "sarif": _sarif,
    "github": _github,
}
FORMATS: tuple[str, ...] = tuple(RENDERERS)


def render(
    fmt: str,
    reports: Report | Sequence[Report],
    rules: Sequence[Rule] | None = None,
    *,
    source_texts: Mapping[str, str] | None = None,
) -> str:
    """Render reports in one of ``FORMATS`` (json, text, html, sarif, github).

    ``rules`` is the rule pack in use (SARIF declares all of them; HTML shows their docs).
    ``source_texts`` maps ``report.document.path`` to the text the offsets point into
    (html only). json: one report is its canonical object, several are a JSON array;
    html: exactly one report.
    """
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}") from None
    items = [reports] if isinstance(reports, Report) else list(reports)
    return renderer(items, list(rules or ()), source_texts)
