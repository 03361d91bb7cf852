"""Beyond one article: corroboration across a batch of reports, and quote fidelity.

    from provenance.corroborate import corroborate, check_quotes, load_originals, attach

    results = corroborate(reports, CorroborationConfig())       # {path: [Corroboration]}
    checks = check_quotes(report, load_originals(Path("originals")))  # [QuoteCheck]
    report = attach(report, results, checks)                     # Report: evidence in its statements,
                                                                 # QUO403/QUO404 in its findings
    reports = apply_cross_article(reports, CrossArticleOptions(corroborate=True))  # what check --corroborate does

See ``docs/corroboration.md``.
"""

from __future__ import annotations

from provenance.corroborate.attach import (
    attach,
    cross_article,
    quote_findings,
    render_json,
    render_text,
    with_quote_findings,
)
from provenance.corroborate.fidelity import Original, check_quotes, load_originals, quotations
from provenance.corroborate.load import load_config, read_reports
from provenance.corroborate.match import classify, claim_texts, corroborate
from provenance.corroborate.schema import (
    CROSS_ARTICLE_VERSION,
    Corroboration,
    CorroborationConfig,
    CorroborationMatch,
    CrossArticleConfig,
    FidelityConfig,
    QuoteCheck,
    WordDiff,
)
from provenance.corroborate.stage import CrossArticleOptions, apply_cross_article

__all__ = [
    "CROSS_ARTICLE_VERSION",
    "Corroboration",
    "CorroborationConfig",
    "CorroborationMatch",
    "CrossArticleConfig",
    "CrossArticleOptions",
    "FidelityConfig",
    "Original",
    "QuoteCheck",
    "WordDiff",
    "apply_cross_article",
    "attach",
    "check_quotes",
    "classify",
    "claim_texts",
    "corroborate",
    "cross_article",
    "load_config",
    "load_originals",
    "quotations",
    "quote_findings",
    "read_reports",
    "render_json",
    "render_text",
    "with_quote_findings",
]
