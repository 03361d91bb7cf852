"""Rules → findings: run every enabled rule, apply suppression comments, sort."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from loguru import logger

from provenance.errors import ConfigError
from provenance.policy.detectors import DETECTORS, DetectorContext, Hit, common_fields, fingerprint
from provenance.policy.loader import RulePack
from provenance.policy.rule_schema import Rule
from provenance.policy.suppress import apply_suppressions, directive_hits, parse_directives
from provenance.report import Finding, Report
from provenance.textpos import LineIndex

if TYPE_CHECKING:
    from provenance.policy.baseline import Baseline
    from provenance.policy.config import Config

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
UNUSED_SUPPRESSION_DETECTOR = "unused_suppression"


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:  # a template field a hit did not fill
        return "{" + key + "}"


def fill_message(template: str, fields: dict[str, Any]) -> str:
    """A rule's message template filled in; a field nobody filled stays as written, and a
    template that cannot be filled is returned as it is."""
    try:
        return template.format_map(_SafeDict(fields))
    except (ValueError, AttributeError, IndexError, KeyError, TypeError):
        return template


def _message(rule: Rule, fields: dict[str, Any]) -> str:
    return fill_message(rule.message, fields)


def make_finding(rule: Rule, hit: Hit, report: Report, lines: LineIndex, text_len: int) -> Finding:
    """A Finding for ``hit`` under ``rule``: message filled, location and fingerprint set."""
    st = None
    if hit.statement is not None:
        st = next((s for s in report.statements if s.index == hit.statement), None)
    start = max(0, min(hit.start, text_len))
    end = max(start, min(hit.end, text_len))
    line, column = lines.line_col(start)
    end_line, end_column = lines.line_col(end)
    fields = {**common_fields(st), **hit.fields}
    return Finding(
        code=rule.code,
        rule=rule.name,
        severity=rule.severity,
        message=_message(rule, fields),
        statement=hit.statement,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        fingerprint=fingerprint(rule.code, *hit.content.split("\x1f")),
        confidence=max(0.0, min(1.0, hit.confidence)),
    )


def sort_key(f: Finding) -> tuple:
    return (f.start, f.code, f.end, f.fingerprint, f.message)


def resolve_selectors(pack: RulePack, selectors: Iterable[str], where: str, key: str) -> set[str]:
    """The codes ``selectors`` name (codes, family prefixes, names, or ``ALL``).  A prefix
    or ``ALL`` names the rules enabled by default; a code or name names its rule even when
    it is off by default.  An unknown selector is a ConfigError with a "did you mean"."""
    from provenance.suggest import did_you_mean

    codes: set[str] = set()
    for sel in selectors:
        if sel.strip().upper() == "ALL":
            codes.update(r.code for r in pack.enabled())
            continue
        rules = pack.select(sel)
        if not rules:
            close = did_you_mean(sel.strip(), [r.code for r in pack] + [r.name for r in pack])
            hint = f" (did you mean {close}?)" if close else " (see provenance rule --list)"
            label = where if where.startswith("--") else f"{where}: {key}"
            raise ConfigError(f"{label}: unknown rule {sel!r}{hint}")
        exact = pack.get(sel) is not None
        codes.update(r.code for r in rules if r.enabled or exact)
    return codes


def active_rules(pack: RulePack, config: Config | None = None, path: str | None = None) -> list[Rule]:
    """The rules that run: ``select`` (not set: every rule enabled by default) plus
    ``extend_select``, less ``ignore`` / ``disable`` and, for ``path``, the rules
    ``per_file_ignores`` turns off there."""
    if config is None:
        return pack.enabled()
    if config.select is None:
        codes = {r.code for r in pack.enabled()}
    else:
        codes = resolve_selectors(pack, config.select, config.where("select"), "select")
    codes |= resolve_selectors(pack, config.extend_select, config.where("extend_select"), "extend-select")
    codes -= resolve_selectors(pack, config.ignore, config.where("ignore"), "ignore")
    codes -= resolve_selectors(pack, config.disable, config.where("disable"), "disable")
    if path is not None:
        ignored = config.ignored_for(path)
        if ignored:
            codes -= resolve_selectors(pack, ignored, config.where("per_file_ignores"), "per-file-ignores")
    return [r for r in pack if r.code in codes]


def evaluate(report: Report, article: Any, pack: RulePack, *, config: Config | None = None) -> list[Finding]:
    """All findings for one document, sorted by (start, code).

    Suppressed findings are kept (``suppression`` set).  With ``config``, rules it disables
    do not run, and findings under ``min_severity`` or ``min_confidence`` are left out
    (after suppression comments are matched, so a comment is not "unused" because of them).
    """
    source_text = getattr(article, "source_text", None) or getattr(article, "text", "") or ""
    lines = LineIndex(source_text)
    n = len(source_text)
    ctx = DetectorContext(report, article)
    rules = active_rules(pack, config, report.document.path)
    findings: list[Finding] = []
    meta_rules: list[Rule] = []
    for rule in rules:
        if rule.detector == UNUSED_SUPPRESSION_DETECTOR:
            meta_rules.append(rule)
            continue
        spec = DETECTORS[rule.detector]
        for hit in spec.func(ctx, rule):
            findings.append(make_finding(rule, hit, report, lines, n))

    directives = parse_directives(source_text, pack, article)
    findings = apply_suppressions(findings, directives)
    # a comment naming PRV901 itself is never reported as unused (no recursion), nor one
    # naming a cross-article rule (its findings come later: provenance.corroborate)
    active_codes = {r.code for r in rules if r.stage == "article"} - {r.code for r in meta_rules}
    meta: list[Finding] = []
    for rule in meta_rules:
        meta.extend(make_finding(rule, hit, report, lines, n) for hit in directive_hits(directives, active_codes))
    if not meta_rules:
        for d in directives:
            if not d.valid:
                logger.warning(
                    "{}: invalid suppression comment at offset {}: {}", report.document.path, d.start, d.problem
                )
    findings.extend(apply_suppressions(meta, directives, record=False))

    if config is not None:
        findings = filter_findings(findings, min_severity=config.min_severity, min_confidence=config.min_confidence)
    return sorted(findings, key=sort_key)


def filter_findings(
    findings: Iterable[Finding], *, min_severity: str = "info", min_confidence: float = 0.0
) -> list[Finding]:
    """Findings at or above ``min_severity`` and ``min_confidence``."""
    floor = SEVERITY_RANK[min_severity]
    return [f for f in findings if SEVERITY_RANK[f.severity] >= floor and f.confidence >= min_confidence]


def failing(findings: Iterable[Finding], fail_on: str) -> list[Finding]:
    """Unsuppressed findings at or above ``fail_on`` (``never``: none): exit 1 when any."""
    if fail_on == "never":
        return []
    floor = SEVERITY_RANK[fail_on]
    return [f for f in findings if f.suppression is None and SEVERITY_RANK[f.severity] >= floor]


def findings_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    """Unsuppressed findings per severity, every severity present, sorted by name."""
    counts = {s: 0 for s in sorted(SEVERITY_RANK)}
    for f in findings:
        if f.suppression is None:
            counts[f.severity] += 1
    return counts


def apply_policy(
    report: Report, article: Any, pack: RulePack, *, config: Config | None = None, baseline: Baseline | None = None
) -> Report:
    """``report`` with its findings (``evaluate``, then the baseline) and
    ``summary.findings_by_severity`` (unsuppressed findings) filled in."""
    from provenance.policy.baseline import apply_baseline

    findings = evaluate(report, article, pack, config=config)
    if baseline is not None:
        findings = apply_baseline(findings, baseline, report.document.path)
    summary = report.summary.model_copy(update={"findings_by_severity": findings_by_severity(findings)})
    return report.model_copy(update={"findings": findings, "summary": summary})
