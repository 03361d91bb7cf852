"""The cross-article stage of ``provenance check``: ``--corroborate`` and ``--originals DIR``.

After every article of the batch is checked, and before anything is rendered,
``apply_cross_article`` matches the state-media-only statements against the other articles
(``corroborate``), compares direct quotations with the sources' originals
(``check_quotes``), puts the evidence into the statements (``attach``) and adds QUO403 /
QUO404 findings under the same policy as the article's own findings: only when the rule is
in force (not disabled by the configuration; its severity and message from the rule file),
suppressed by the article's suppression comments and by the baseline, and left out under
``min_severity`` / ``min_confidence``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from provenance.corroborate.attach import attach, quote_findings, with_quote_findings
from provenance.corroborate.fidelity import Original, check_quotes
from provenance.corroborate.match import corroborate
from provenance.corroborate.schema import CrossArticleConfig
from provenance.report import Finding, Report

if TYPE_CHECKING:
    from provenance.policy.baseline import Baseline
    from provenance.policy.config import Config
    from provenance.policy.loader import RulePack

__all__ = ["CrossArticleOptions", "apply_cross_article"]


@dataclass
class CrossArticleOptions:
    corroborate: bool = False  # --corroborate
    originals: list[Original] | None = None  # --originals DIR (load_originals)
    config: CrossArticleConfig = field(default_factory=CrossArticleConfig)

    @property
    def active(self) -> bool:
        return self.corroborate or self.originals is not None


def _police(findings: list[Finding], path: str, *, pack: RulePack | None, article: Any, config: Config | None,
            baseline: Baseline | None) -> list[Finding]:
    """Suppression comments of the article, the baseline, then the severity/confidence floor."""
    from provenance.policy.baseline import apply_baseline
    from provenance.policy.engine import filter_findings
    from provenance.policy.suppress import apply_suppressions, parse_directives

    if article is not None and findings:
        source_text = getattr(article, "source_text", None) or getattr(article, "text", "") or ""
        findings = apply_suppressions(findings, parse_directives(source_text, pack, article), record=False)
    if baseline is not None:
        findings = apply_baseline(findings, baseline, path)
    if config is not None:
        findings = filter_findings(findings, min_severity=config.min_severity, min_confidence=config.min_confidence)
    return findings


def apply_cross_article(reports: Sequence[Report], options: CrossArticleOptions, *, pack: RulePack | None = None,
                        config: Config | None = None, baseline: Baseline | None = None,
                        articles: Mapping[str, Any] | None = None) -> list[Report]:
    """The reports (same order) with the cross-article evidence and findings.

    ``pack`` and ``config``: the rules in force (default: the shipped pack, nothing
    disabled); ``baseline``: as for the article's findings; ``articles``: the checked
    articles by document path (their suppression comments apply to QUO403 / QUO404).
    Reports are matched against each other only: the batch is the evidence.
    """
    if not options.active:
        return list(reports)
    from provenance.policy.engine import active_rules
    from provenance.policy.loader import load_rules

    corroborations = corroborate(reports, options.config.corroboration) if options.corroborate else None
    quote_checks = None
    if options.originals is not None:
        quote_checks = {r.document.path: check_quotes(r, options.originals, options.config.fidelity) for r in reports}
    pack = pack if pack is not None else load_rules()
    rules = active_rules(pack, config)
    out: list[Report] = []
    for report in reports:
        path = report.document.path
        attached = attach(report, corroborations, quote_checks, findings=False)
        if quote_checks is not None:
            findings = quote_findings(report, quote_checks, rules)
            findings = _police(findings, path, pack=pack, article=(articles or {}).get(path), config=config,
                               baseline=baseline)
            attached = with_quote_findings(attached, findings)
        out.append(attached)
    return out
