"""Cross-article results next to the reports: ``attach``, findings, and the CLI's output.

``attach(report, corroborations, quote_checks)`` returns the report with the evidence in
its statements (``Statement.corroboration``, ``Statement.quote_checks``) and altered and
unfound quotations as findings ``QUO403 quote-altered`` and ``QUO404 quote-not-found``
(``provenance.report.Finding`` objects, fingerprinted like the editorial rules' findings).
``cross_article`` is the per-report object ``provenance corroborate --format json`` writes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from provenance.corroborate.schema import CROSS_ARTICLE_VERSION, Corroboration, QuoteCheck
from provenance.report import Finding, Report, Statement

if TYPE_CHECKING:
    from provenance.policy.rule_schema import Rule

QUOTE_RULES = {
    "altered": ("QUO403", "quote-altered", "warning"),
    "not_found": ("QUO404", "quote-not-found", "warning"),
}
QUOTE_CODES = frozenset(code for code, _, _ in QUOTE_RULES.values())
# the rule files' messages (rules/editorial/QUO40[34]-*.yaml; a test keeps them equal),
# used when no rule pack is given
QUOTE_MESSAGES = {
    "QUO403": "Quotation differs from the original of {source} ({original}, score {score}){flags}: {changes}",
    "QUO404": 'Quotation not found in the original of {source} ({original}): "{quote}"',
}

Batch = Sequence[Any] | Mapping[str, Sequence[Any]]


def _for_path(items: Batch | None, path: str) -> list[Any]:
    if items is None:
        return []
    if isinstance(items, Mapping):
        return list(items.get(path, []))
    return [x for x in items if x.path == path]


def _clip(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


def describe_diff(check: QuoteCheck, limit: int = 4) -> str:
    parts = []
    for d in check.diff[:limit]:
        o, q = " ".join(d.original), " ".join(d.quoted)
        parts.append(f'"{o}" -> "{q}"' if d.op == "replace" else f'dropped "{o}"' if d.op == "delete" else f'added "{q}"')
    if len(check.diff) > limit:
        parts.append(f"{len(check.diff) - limit} more")
    return "; ".join(parts) or "characters differ"


def _line_col(st: Statement | None, offset: int) -> tuple[int, int]:
    if st is None:
        return 1, 1
    rel = offset - st.start
    if not 0 <= rel <= len(st.text):
        return st.line, st.column
    prefix = st.text[:rel]
    nl = prefix.rfind("\n")
    if nl < 0:
        return st.line, st.column + rel
    return st.line + prefix.count("\n"), rel - nl


def quote_findings(report: Report, quote_checks: Batch | None,
                   rules: Iterable[Rule] | Mapping[str, Rule] | None = None) -> list[Finding]:
    """QUO403 / QUO404 findings for the report's altered and unfound quotations, in
    location order.  With ``rules`` (the rules in force: a pack, a list or a dict by code),
    only the codes among them are reported, with their name, severity and message template;
    without, the shipped defaults."""
    from provenance.policy.detectors import common_fields, fingerprint
    from provenance.policy.engine import fill_message

    by_code: dict[str, Rule] | None = None
    if rules is not None:
        by_code = dict(rules) if isinstance(rules, Mapping) else {r.code: r for r in rules}
    by_index = {s.index: s for s in report.statements}
    out: list[Finding] = []
    for c in _for_path(quote_checks, report.document.path):
        if c.verdict not in QUOTE_RULES:
            continue
        code, name, severity = QUOTE_RULES[c.verdict]
        template = QUOTE_MESSAGES[code]
        if by_code is not None:
            rule = by_code.get(code)
            if rule is None:
                continue
            name, severity, template = rule.name, rule.severity, rule.message
        st = by_index.get(c.statement)
        flags = [w for w, on in (("number changed", c.numbers_changed), ("negation changed", c.negation_changed)) if on]
        fields = {
            **common_fields(st),
            "source": c.source, "original": c.original, "score": f"{c.score:.1f}",
            "flags": f" [{', '.join(flags)}]" if flags else "", "changes": describe_diff(c), "quote": _clip(c.quote),
        }
        line, column = _line_col(st, c.start)
        end_line, end_column = _line_col(st, c.end)
        out.append(Finding(code=code, rule=name, severity=severity, message=fill_message(template, fields),
                           statement=c.statement, start=c.start, end=c.end, line=line, column=column,
                           end_line=end_line, end_column=end_column,
                           fingerprint=fingerprint(code, c.quote, c.source),
                           confidence=st.confidence if st is not None else 1.0))
    out.sort(key=lambda f: (f.start, f.code, f.end, f.fingerprint))
    return out


def cross_article(report: Report, corroborations: Batch | None, quote_checks: Batch | None) -> dict[str, Any]:
    """The ``cross_article`` object of one report: its corroborations, quote checks, findings
    and counts (JSON-able)."""
    path = report.document.path
    corr = sorted(_for_path(corroborations, path), key=lambda c: c.statement)
    quotes = _for_path(quote_checks, path)
    findings = quote_findings(report, quotes)
    status = Counter(c.status for c in corr)
    verdicts = Counter(q.verdict for q in quotes)
    return {
        "version": CROSS_ARTICLE_VERSION,
        "path": path,
        "corroboration": [c.model_dump(mode="json", by_alias=True) for c in corr],
        "quote_checks": [q.model_dump(mode="json", by_alias=True) for q in quotes],
        "findings": [f.model_dump(mode="json", by_alias=True) for f in findings],
        "counts": {
            "state_media_only": len(corr),
            **{k: status.get(k, 0) for k in ("corroborated", "repetition", "uncorroborated")},
            "quotes": {k: verdicts.get(k, 0) for k in ("verbatim", "altered", "not_found")},
        },
    }


def with_quote_findings(report: Report, findings: Iterable[Finding]) -> Report:
    """``report`` with its QUO403 / QUO404 findings replaced by ``findings`` (the others
    kept), sorted as the policy engine sorts, and ``summary.findings_by_severity`` counted
    again."""
    from provenance.policy.engine import findings_by_severity, sort_key

    kept = [f for f in report.findings if f.code not in QUOTE_CODES]
    merged = sorted([*kept, *findings], key=sort_key)
    summary = report.summary.model_copy(update={"findings_by_severity": findings_by_severity(merged)})
    return report.model_copy(update={"findings": merged, "summary": summary})


def attach(report: Report, corroborations: Batch | None = None, quote_checks: Batch | None = None, *,
           rules: Iterable[Rule] | Mapping[str, Rule] | None = None, findings: bool = True) -> Report:
    """The report with the cross-article evidence in its statements: ``corroboration``
    (state-media-only statements) and ``quote_checks``; with ``findings``, its QUO403 /
    QUO404 findings made from the quote checks (``quote_findings``, ``rules`` as there).

    ``corroborations`` and ``quote_checks`` may be the whole batch's (a dict by path, or a
    flat list): only this report's are taken.  None leaves that part of the report as it
    is; anything else replaces it (so attaching twice does not add findings twice)."""
    path = report.document.path
    corr = {c.statement: c for c in _for_path(corroborations, path)} if corroborations is not None else None
    quotes: dict[int, list[QuoteCheck]] | None = None
    if quote_checks is not None:
        quotes = {}
        for q in _for_path(quote_checks, path):
            quotes.setdefault(q.statement, []).append(q)
    statements = []
    for st in report.statements:
        update: dict[str, Any] = {}
        if corr is not None:
            update["corroboration"] = corr.get(st.index)
        if quotes is not None:
            update["quote_checks"] = quotes.get(st.index, [])
        statements.append(st.model_copy(update=update) if update else st)
    out = report.model_copy(update={"statements": statements})
    if findings and quote_checks is not None:
        out = with_quote_findings(out, quote_findings(report, quote_checks, rules))
    return out


# --------------------------------------------------------------------------- CLI output


def render_json(reports: Sequence[Report], corroborations: Mapping[str, Sequence[Corroboration]],
                quote_checks: Mapping[str, Sequence[QuoteCheck]] | None, embed: bool = False) -> str:
    """``{"version", "documents": [cross_article...], "summary"}``; with ``embed``, the
    reports themselves (a JSON array, as ``check --format json`` writes several) with the
    evidence attached (``attach``)."""
    reports = sorted(reports, key=lambda r: r.document.path)
    if embed:
        from provenance.render.json_ import render_json_many

        return render_json_many(attach(r, corroborations, quote_checks) for r in reports)
    docs = [cross_article(r, corroborations, quote_checks) for r in reports]
    data = {"version": CROSS_ARTICLE_VERSION, "documents": docs, "summary": _summary(docs)}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _summary(docs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    total: Counter[str] = Counter()
    quotes: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    for d in docs:
        c = d["counts"]
        total.update({k: c[k] for k in ("state_media_only", "corroborated", "repetition", "uncorroborated")})
        quotes.update(c["quotes"])
        findings.update(f["code"] for f in d["findings"])
    return {
        "documents": len(docs),
        **{k: total.get(k, 0) for k in ("state_media_only", "corroborated", "repetition", "uncorroborated")},
        "quotes": {k: quotes.get(k, 0) for k in ("verbatim", "altered", "not_found")},
        "findings": dict(sorted(findings.items())),
    }


def render_text(reports: Sequence[Report], corroborations: Mapping[str, Sequence[Corroboration]],
                quote_checks: Mapping[str, Sequence[QuoteCheck]] | None) -> str:
    """One line per state-media-only statement and per checked quotation, ``path:line:col:``
    first; then the findings and a summary line."""
    lines: list[str] = []
    docs = []
    for r in sorted(reports, key=lambda r: r.document.path):
        path = r.document.path
        by_index = {s.index: s for s in r.statements}
        doc = cross_article(r, corroborations, quote_checks)
        docs.append(doc)
        rows: list[tuple[int, int, int, str]] = []  # (line, column, order, text): sorted by location
        for c in _for_path(corroborations, path):
            st = by_index.get(c.statement)
            line, col = (st.line, st.column) if st else (1, 1)
            via = ", ".join(c.state_media) or "state media"
            head = f"{path}:{line}:{col}: statement {c.statement} ({via})"
            if not c.matches:
                rows.append((line, col, 0, f"{head}: uncorroborated in the batch: {_clip(c.claim, 70)}"))
                continue
            best = c.matches[0]
            basis = best.basis
            b = f"{basis.name}, {basis.source_class}{', ' + basis.country if basis.country else ''}" if basis else "no source"
            label = {"corroborated": "corroborated by", "repetition": "only repeated by", "uncorroborated": "matched (not corroborating) by"}[c.status]
            more = f" (+{len(c.matches) - 1} more)" if len(c.matches) > 1 else ""
            rows.append((line, col, 0, f"{head}: {label} {best.path}#{best.statement} [{b}] score {best.score:.0f}{more}"))
        for q in _for_path(quote_checks, path):
            if q.verdict == "verbatim":
                line, col = _line_col(by_index.get(q.statement), q.start)
                rows.append((line, col, 1, f"{path}:{line}:{col}: quote verbatim in {q.original} ({q.source}): \"{_clip(q.quote, 60)}\""))
        for f in doc["findings"]:
            rows.append((f["line"], f["column"], 2, f"{path}:{f['line']}:{f['column']}: {f['code']} {f['severity']} {f['message']}"))
        lines.extend(text for *_, text in sorted(rows))
    s = _summary(docs)
    q = s["quotes"]
    lines.append("")
    lines.append(
        f"{s['documents']} report(s): {s['state_media_only']} state-media-only statement(s): "
        f"{s['corroborated']} corroborated, {s['repetition']} only repeated, {s['uncorroborated']} uncorroborated; "
        f"quotes: {q['verbatim']} verbatim, {q['altered']} altered, {q['not_found']} not found"
    )
    return "\n".join(lines) + "\n"
