"""Every editorial rule's examples, run through the whole pipeline with the bundled model.

Rules with ``stage: cross_article`` (QUO403, QUO404) are left out: their findings come from
the cross-article stage (originals, other articles), and their examples are tested with
hand-built reports in tests/test_corroborate.py.
"""

from __future__ import annotations

import pytest

from provenance.check import Checker, CheckOptions
from provenance.ingest import article_from_text
from provenance.policy import load_rules

pytestmark = pytest.mark.model
RULES = [r for r in load_rules() if r.stage == "article"]
CASES = [(r.code, "flagged", i, text) for r in RULES for i, text in enumerate(r.examples.flagged)] + \
        [(r.code, "ok", i, text) for r in RULES for i, text in enumerate(r.examples.ok)]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(CheckOptions())


@pytest.mark.parametrize(("code", "expect", "index", "text"), CASES, ids=[f"{c}-{e}-{i}" for c, e, i, _ in CASES])
def test_rule_example(checker, code, expect, index, text):
    report = checker.check_article(article_from_text(text, path=f"{code}-{expect}-{index}.txt")).report
    codes = {f.code for f in report.findings if f.suppression is None}
    if expect == "flagged":
        assert code in codes, (text, [(f.code, f.message) for f in report.findings])
    else:
        assert code not in codes, (text, [(f.code, f.message) for f in report.findings])
