"""Beyond one article: corroboration across a batch of reports, and quote fidelity.

    from provenance.corroborate import corroborate, check_quotes, load_originals, attach

    results = corroborate(reports, CorroborationConfig())       # {path: [Corroboration]}
    checks = check_quotes(report, load_originals(Path("originals")))  # [QuoteCheck]
    data = attach(report, results, checks)                       # report dict + "cross_article"

See ``docs/corroboration.md``.
"""

from __future__ import annotations

from provenance.corroborate.attach import attach, cross_article, quote_findings, render_json, render_text
from provenance.corroborate.fidelity import Original, check_quotes, load_originals, quotations
from provenance.corroborate.load import load_config, read_reports
from provenance.corroborate.match import classify, claim_texts, corroborate
from provenance.corroborate.models import (
    CROSS_ARTICLE_VERSION,
    Corroboration,
    CorroborationConfig,
    CorroborationMatch,
    CrossArticleConfig,
    FidelityConfig,
    QuoteCheck,
    WordDiff,
)

__all__ = [
    "CROSS_ARTICLE_VERSION",
    "Corroboration",
    "CorroborationConfig",
    "CorroborationMatch",
    "CrossArticleConfig",
    "FidelityConfig",
    "Original",
    "QuoteCheck",
    "WordDiff",
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
]
