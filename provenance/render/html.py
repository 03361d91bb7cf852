"""The html format: one self-contained page per report, plus an index page.

Jinja2 with autoescape on renders ``templates/report.html.jinja``; CSS and JS are inlined
from ``templates/*.css|js`` and pinned by a Content-Security-Policy with their SHA-256
hashes, so nothing else on the page can run even if some text escaped escaping. The
report's JSON is embedded as a ``<script type="application/json">`` data block with ``<``,
``>``, ``&``, U+2028 and U+2029 written as ``\\uXXXX`` escapes.

Page hooks (documented in docs/reports.md): ``#select=N`` selects statement N at load;
``<html data-js-ready="1" data-js-errors="0">`` tell whether the script ran cleanly.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from provenance.render._common import (
    CLASSES,
    SEVERITIES,
    VERDICTS,
    rules_by_code,
    severity_counts,
    sorted_findings,
    verdict_counts,
)
from provenance.verdict.decide import VERDICT_MEANING
from provenance.report import ChainLink, Corroboration, QuoteCheck, Report, Statement
from provenance.unicodefmt import BIDI_RE, show_bidi

if TYPE_CHECKING:
    from provenance.policy.rule_schema import Rule

__all__ = ["IndexEntry", "load_templates", "quote_diff", "render_html", "render_index_html", "script_safe_json"]

VERDICT_LABEL = {v: label for v, (label, _, _) in VERDICT_MEANING.items()}
VERDICT_SHORT = {v: short for v, (_, short, _) in VERDICT_MEANING.items()}
VERDICT_HELP = {v: meaning for v, (_, _, meaning) in VERDICT_MEANING.items()}
CLASS_LABEL = {
    "state_controlled": "state-controlled",
    "state_affiliated": "state-affiliated",
    "public_service": "public service",
    "independent": "independent",
    "official_body": "official body",
    "person": "person",
    "unknown": "unknown",
}
CORROBORATION_LABEL = {
    "corroborated": "corroborated",
    "repetition": "only repeated",
    "uncorroborated": "uncorroborated",
}
CORROBORATION_HELP = {
    "corroborated": "another article of the batch reports the same claim from an independent source or "
    "another state's official body",
    "repetition": "other articles of the batch report the same claim, but only through the same state's media "
    "or officials",
    "uncorroborated": "no other article of the batch reports the same claim from another source",
}
RELATION_LABEL = {"corroboration": "corroborates", "repetition": "repeats", "other": "same claim, other source"}
QUOTE_LABEL = {"verbatim": "verbatim", "altered": "altered", "not_found": "not found"}
ROLE_ARROW = {"relay": "citing", "origin": "citing", "speaker": "quoting", "publisher": "citing"}

# chain diagram geometry (SVG user units)
BOX_W, BOX_H, GAP, PAD = 340, 46, 30, 2
NAME_MAX = 34


def script_safe_json(text: str) -> Markup:
    """Serialised JSON made safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or
    line separators, and no raw bidi control (all escaped as ``\\uXXXX``, which JSON reads
    back unchanged; ``render_html`` shows the page's other bidi controls as ``[U+XXXX]``)."""
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    text = BIDI_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    return Markup(text)  # noqa: S704 - escaped above for the script-data context


# the labels and orders the templates read, by name
TEMPLATE_GLOBALS = ("VERDICT_LABEL", "VERDICT_HELP", "VERDICT_SHORT", "CLASS_LABEL", "VERDICTS", "CLASSES",
                    "SEVERITIES", "CORROBORATION_LABEL", "CORROBORATION_HELP", "RELATION_LABEL", "QUOTE_LABEL")


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("provenance.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update({name: globals()[name] for name in TEMPLATE_GLOBALS})
    env.filters["pct"] = lambda x: f"{round(100 * float(x))}%"
    return env


@cache
def _asset(*names: str) -> tuple[Markup, str]:
    """An inline asset (CSS, or JS files joined into one script) and its CSP source expression."""
    loader = _env().loader
    assert loader is not None
    source = "\n".join(loader.get_source(_env(), name)[0] for name in names).replace("\r\n", "\n")
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return Markup(source), f"'sha256-{digest}'"  # noqa: S704 - our own static file


def _csp(style: str, *scripts: str) -> str:
    return (
        "default-src 'none'; "
        f"style-src {style}; script-src {' '.join(scripts)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _truncate(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


# The template reads these by attribute: plain classes rather than dicts, which Jinja's
# attribute lookup reaches only after an AttributeError (thousands per page).
@dataclass(frozen=True, slots=True)
class ChainBox:
    x: int
    y: int
    w: int
    h: int
    name: str  # shortened to NAME_MAX characters
    full: str
    sub: str  # role · class · country
    cls: str
    role: str


@dataclass(frozen=True, slots=True)
class ChainArrow:
    x: int
    y1: int
    y2: int
    label: str


@dataclass(frozen=True, slots=True)
class ChainDiagram:
    boxes: list[ChainBox]
    arrows: list[ChainArrow]
    width: int
    height: int
    label: str


@dataclass(frozen=True, slots=True)
class StatementDetail:
    """What the statement's detail panel shows."""

    s: Statement
    diagram: ChainDiagram
    findings: list[Any]
    corroboration: dict[str, Any] | None
    quotes: list[dict[str, Any]]


def chain_diagram(chain: Sequence[ChainLink]) -> ChainDiagram:
    """Boxes top to bottom (publisher first), with arrows between; geometry for the template."""
    boxes: list[ChainBox] = []
    arrows: list[ChainArrow] = []
    y = PAD
    for i, link in enumerate(chain):
        sub = [link.role, CLASS_LABEL[link.source_class]]
        if link.country:
            sub.append(link.country)
        boxes.append(ChainBox(x=PAD, y=y, w=BOX_W, h=BOX_H, name=_truncate(link.name, NAME_MAX), full=link.name,
                              sub=" \u00b7 ".join(sub), cls=link.source_class, role=link.role))
        if i + 1 < len(chain):
            arrows.append(ChainArrow(x=PAD + 28, y1=y + BOX_H + 2, y2=y + BOX_H + GAP - 2,
                                     label=ROLE_ARROW[chain[i + 1].role]))
        y += BOX_H + GAP
    height = (y - GAP + PAD) if chain else 0
    label = " \u2192 ".join(f"{c.name} ({c.role}, {CLASS_LABEL[c.source_class]})" for c in chain)
    return ChainDiagram(boxes=boxes, arrows=arrows, width=BOX_W + 2 * PAD, height=height, label=label)


def _marks(s: Statement, text: str, start: int, end: int) -> list[dict[str, Any]]:
    """The statement's text split into plain runs and marked cue / source spans."""
    spans: list[tuple[int, int, str, str]] = []
    for a in s.attributions:
        if a.source is not None:
            spans.append((a.source.start, a.source.end, "src", a.source.source_class))
        spans.append((a.cue.start, a.cue.end, "cue", ""))
    spans = sorted((max(b, start), min(e, end), k, c) for b, e, k, c in spans if b < end and e > start and b < e)
    parts: list[dict[str, Any]] = []
    pos = start
    for b, e, kind, cls in spans:
        if b < pos:
            continue  # overlaps a span already marked
        if b > pos:
            parts.append({"text": text[pos:b], "kind": None, "cls": ""})
        parts.append({"text": text[b:e], "kind": kind, "cls": cls})
        pos = e
    if pos < end:
        parts.append({"text": text[pos:end], "kind": None, "cls": ""})
    return parts


def _reconstruct(statements: Sequence[Statement]) -> str:
    """Stand-in article text when none is given: statements at their offsets, gaps as spaces."""
    size = max((s.end for s in statements), default=0)
    buf = [" "] * size
    for s in statements:
        if len(s.text) == s.end - s.start:
            buf[s.start : s.end] = list(s.text)
    return "".join(buf)


def _segments(report: Report, text: str) -> tuple[list[dict[str, Any]], list[int]]:
    out: list[dict[str, Any]] = []
    unplaced: list[int] = []
    pos = 0
    for s in sorted(report.statements, key=lambda s: (s.start, s.end, s.index)):
        start, end = max(s.start, pos), min(s.end, len(text))
        if start >= end:
            unplaced.append(s.index)
            continue
        if start > pos:
            out.append({"gap": text[pos:start]})
        out.append({"gap": None, "s": s, "parts": _marks(s, text, start, end)})
        pos = end
    if pos < len(text):
        out.append({"gap": text[pos:]})
    return out, sorted(unplaced)


def _article_html(segments: list[dict[str, Any]]) -> Markup:
    """The article text with its statements as selectable spans, cues in bold and sources
    coloured: built here rather than in the template, which spent a quarter of a report's
    rendering on this loop's thousands of small values (all text is escaped here)."""
    out: list[str] = []
    add = out.append
    for seg in segments:
        if seg["gap"] is not None:
            add(escape(seg["gap"]))
            continue
        s = seg["s"]
        verdict = escape(s.verdict)
        index = int(s.index)
        add(f'<span class="st v-{verdict}{" carried" if s.carried else ""}" id="s-{index}" data-statement="{index}" '
            f'tabindex="0" role="button" aria-controls="panel" aria-expanded="false"><span class="sr-only">Statement '
            f"{index}, {escape(VERDICT_LABEL[s.verdict])}: </span>")
        for p in seg["parts"]:
            if p["kind"] == "cue":
                add(f'<b class="cue">{escape(p["text"])}</b>')
            elif p["kind"] == "src":
                add(f'<span class="src c-fg-{escape(p["cls"])}">{escape(p["text"])}</span>')
            else:
                add(escape(p["text"]))
        add("</span>")
    return Markup("".join(out))  # noqa: S704 - every value above is escaped


def _verdict_bar(counts: dict[str, int], width: int = 600) -> list[dict[str, Any]]:
    total = sum(counts.values())
    segs, x = [], 0.0
    for v in VERDICTS:
        n = counts.get(v, 0)
        if not n:
            continue
        w = width * n / total
        segs.append({"verdict": v, "n": n, "x": round(x, 2), "w": round(w, 2)})
        x += w
    return segs


def _sources_by_class(report: Report) -> list[tuple[str, list[str]]]:
    by: dict[str, set[str]] = {}
    for s in report.statements:
        for a in s.attributions:
            if a.source is not None:
                by.setdefault(a.source.source_class, set()).add(a.source.name)
        for link in s.chain:
            by.setdefault(link.source_class, set()).add(link.name)
    return [(c, sorted(by[c])) for c in CLASSES if c in by]


_ELLIPSIS = re.compile(r"(\.\s?\.\s?\.|\u2026)")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def _word_key(word: str) -> str:
    key = _EDGE_PUNCT.sub("", unicodedata.normalize("NFKC", word).casefold().replace("\u2019", "'"))
    return key or word


def quote_diff(original: str | None, quote: str) -> list[dict[str, str]]:
    """The quotation against the stretch of the original it aligned with, word by word:
    runs ``{"op": "equal" | "del" | "ins" | "cut", "text", "title"}`` in reading order.
    ``del``: the original's words the quotation lacks or replaced; ``ins``: the quotation's
    own; ``cut``: an ellipsis standing for words of the original (the reporter's cut, in
    ``title``).  Case, punctuation at word edges and quotation marks are not differences."""
    qwords = _ELLIPSIS.sub(r" \1 ", quote).split()
    owords = (original or "").split()
    sm = difflib.SequenceMatcher(None, [_word_key(w) for w in owords], [_word_key(w) for w in qwords], autojunk=False)
    parts: list[dict[str, str]] = []
    for tag, a1, a2, b1, b2 in sm.get_opcodes():
        o, q = " ".join(owords[a1:a2]), " ".join(qwords[b1:b2])
        if tag == "equal":
            parts.append({"op": "equal", "text": q, "title": ""})
        elif q and all(_ELLIPSIS.fullmatch(w) for w in qwords[b1:b2]):
            parts.append({"op": "cut", "text": q, "title": o})
        else:
            if o:
                parts.append({"op": "del", "text": o, "title": ""})
            if q:
                parts.append({"op": "ins", "text": q, "title": ""})
    return parts


def _corroboration_view(c: Corroboration | None) -> dict[str, Any] | None:
    if c is None:
        return None
    counts = {k: sum(1 for m in c.matches if m.relation == k) for k in RELATION_LABEL}
    return {"c": c, "counts": counts}


def _quote_view(q: QuoteCheck) -> dict[str, Any]:
    return {"q": q, "parts": quote_diff(q.original_text, q.quote) if q.verdict == "altered" else []}


def _cross_counts(report: Report) -> dict[str, dict[str, int]] | None:
    """Counts of corroboration statuses and quote verdicts, None when neither was run."""
    corr = [s.corroboration.status for s in report.statements if s.corroboration is not None]
    quotes = [q.verdict for s in report.statements for q in s.quote_checks]
    if not corr and not quotes:
        return None
    return {
        "corroboration": {k: corr.count(k) for k in CORROBORATION_LABEL},
        "quotes": {k: quotes.count(k) for k in QUOTE_LABEL},
    }


def _rule_doc(rule: Rule | None) -> dict[str, str] | None:
    if rule is None:
        return None
    d = rule.doc
    return {"what": d.what, "why": d.why, "example": d.example, "instead": d.instead}


def load_templates() -> None:
    """Compile the page templates now (a batch's start-up; otherwise the first page does)."""
    for name in ("report.html.jinja", "index.html.jinja"):
        _env().get_template(name)


def render_html(report: Report, rules: Iterable[Rule] | None = None, source_text: str | None = None) -> str:
    """One self-contained HTML page for one report.

    ``source_text`` is the text the report's offsets point into (the article as checked);
    without it the text is pieced together from the statements. All text is escaped.
    """
    text = _reconstruct(report.statements) if source_text is None else source_text
    segments, unplaced = _segments(report, text)
    mismatched = sorted(s.index for s in report.statements if text[s.start : s.end] != s.text)
    pack = rules_by_code(rules)
    findings = sorted_findings(report.findings)
    by_statement: dict[int, list[Any]] = {}
    for f in findings:
        if f.statement is not None:
            by_statement.setdefault(f.statement, []).append(f)
    fired = sorted({f.code for f in findings})
    statements = sorted(report.statements, key=lambda s: s.index)
    details = [
        StatementDetail(
            s=s,
            diagram=chain_diagram(s.chain),
            findings=by_statement.get(s.index, []),
            corroboration=_corroboration_view(s.corroboration),
            quotes=[_quote_view(q) for q in s.quote_checks],
        )
        for s in statements
    ]
    counts = verdict_counts(report)
    css, css_hash = _asset("report.css")
    js, js_hash = _asset("errors.js", "report.js")
    doc = report.document
    ctx = {
        "r": report,
        "doc": doc,
        "title": doc.title or posixpath.basename(doc.path.replace("\\", "/")) or doc.path,
        "json_name": (posixpath.basename(doc.path.replace("\\", "/")) or "report") + ".provenance.json",
        "article_html": _article_html(segments),
        "unplaced": unplaced,
        "mismatched": mismatched,
        "no_source_text": source_text is None,
        "details": details,
        "verdict_counts": counts,
        "verdict_bar": _verdict_bar(counts),
        "cross": _cross_counts(report),
        "sources_by_class": _sources_by_class(report),
        "severity": severity_counts(report),
        "suppressed": sum(severity_counts(report, suppressed=True).values()),
        "findings": findings,
        "rules": pack,
        "fired": [(code, pack.get(code), _rule_doc(pack.get(code))) for code in fired],
        "rule_docs": {code: _rule_doc(rule) for code, rule in pack.items()},
        "report_json": script_safe_json(report.model_dump_json(by_alias=True)),
        "css": css,
        "js": js,
        "csp": _csp(css_hash, js_hash),
    }
    return show_bidi(_env().get_template("report.html.jinja").render(ctx))


@dataclass(frozen=True)
class IndexEntry:
    """One row of the index page: a report and the link to its HTML page."""

    report: Report
    href: str


_SAFE_SCHEMES = {"http", "https", "file"}


def _safe_href(href: str) -> str:
    """Relative links and http(s)/file URLs only: a ``javascript:`` or ``data:`` link is
    replaced by ``#``. (A one-letter scheme is a Windows drive, allowed.)"""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", href)
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return "#"
    if len(scheme) > 1 and scheme not in _SAFE_SCHEMES:
        return "#"
    return href.replace(" ", "%20")


def page_href(file_name: str) -> str:
    """The link from the index to a page beside it: the file name percent-encoded
    (``a#frag.html`` is ``a%23frag.html``, not a fragment of page ``a``)."""
    return quote(file_name.encode("utf-8", "surrogateescape"), safe="")


def render_index_html(entries: Iterable[IndexEntry | tuple[Report, str]], title: str = "provenance reports") -> str:
    """An index page: one row per report (sorted by path) with verdict and finding counts,
    each linking to its page (``href``, relative to the index)."""
    rows = []
    items = [e if isinstance(e, IndexEntry) else IndexEntry(*e) for e in entries]
    for e in sorted(items, key=lambda e: (e.report.document.path, e.href)):
        r = e.report
        counts = verdict_counts(r)
        rows.append(
            {
                "r": r,
                "href": _safe_href(e.href),
                "title": r.document.title or r.document.path,
                "counts": counts,
                "statements": len(r.statements),
                "bar": _verdict_bar(counts, width=120),
                "severity": severity_counts(r),
                "suppressed": sum(severity_counts(r, suppressed=True).values()),
            }
        )
    reports = [row["r"] for row in rows]
    show_publisher = any(r.document.publisher for r in reports)  # no empty columns
    show_date = any(r.document.date for r in reports)
    css, css_hash = _asset("report.css")
    js, js_hash = _asset("errors.js", "index.js")
    ctx = {
        "title": title,
        "rows": rows,
        "totals": {
            "statements": sum(row["statements"] for row in rows),
            "counts": verdict_counts(reports),
            "severity": severity_counts(reports),
            "suppressed": sum(severity_counts(reports, suppressed=True).values()),
            "findings": sum(severity_counts(reports).values()),
        },
        "show_publisher": show_publisher,
        "show_date": show_date,
        "lead": 1 + show_publisher + show_date,  # the Statements column's index
        "versions": sorted({(r.tool.version, r.model.id) for r in reports}),
        "css": css,
        "js": js,
        "csp": _csp(css_hash, js_hash),
    }
    return show_bidi(_env().get_template("index.html.jinja").render(ctx))
