"""The analysis cache: an unchanged article is not re-analysed, and a hit gives the same
bytes as a fresh analysis (parses from CoNLL-U fixtures, no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.article import Article
from provenance.check import Checker, CheckOptions
from provenance.nlp.conllu import read_conllu
from provenance.render import render_html, render_json
from provenance.store import analyses as analysis_cache

FIXTURES = Path(__file__).parent / "fixtures" / "conllu"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "analyses"


def _article(name: str = "relay_quoting", publisher: str | None = "IANS"):
    text, parsed = read_conllu((FIXTURES / f"{name}.conllu").read_text(encoding="utf-8"))
    return Article(path=f"{name}.txt", format="text", source_text=text, text=text, publisher=publisher), parsed


def _outputs(checker: Checker, result) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return render_json(result.report), render_html(result.report, list(checker.rules), result.article.source_text)


def test_second_check_comes_from_the_cache_with_the_same_bytes(cache_dir):
    checker = Checker(CheckOptions())
    article, parsed = _article()
    first = checker.check_article(article, parsed=parsed)
    second = Checker(CheckOptions()).check_article(article, parsed=parsed)  # a new process would do the same
    assert (first.analysis_hit, second.analysis_hit) == (False, True)
    assert len(list(cache_dir.rglob("*.json"))) == 1
    assert first.report.statements  # the fixture has attributions: the comparison means something
    assert _outputs(checker, second) == _outputs(checker, first)


def test_the_key_covers_the_article_and_the_code(cache_dir, monkeypatch):
    checker = Checker(CheckOptions())
    article, parsed = _article()
    checker.check_article(article, parsed=parsed)
    other_publisher = article.model_copy(update={"publisher": "Reuters"})
    assert not checker.check_article(other_publisher, parsed=parsed).analysis_hit
    assert checker.check_article(article, parsed=parsed).analysis_hit
    monkeypatch.setattr(analysis_cache, "code_fingerprint", lambda: "other code")
    assert not checker.check_article(article, parsed=parsed).analysis_hit


def test_corrupt_entry_is_rebuilt_not_fatal(cache_dir):
    checker = Checker(CheckOptions())
    article, parsed = _article()
    first = checker.check_article(article, parsed=parsed)
    (entry,) = cache_dir.rglob("*.json")
    entry.write_text("{not json")
    again = checker.check_article(article, parsed=parsed)
    assert not again.analysis_hit
    assert render_json(again.report) == render_json(first.report)
    assert checker.check_article(article, parsed=parsed).analysis_hit  # rewritten


def test_no_cache_and_parse_cache_only_write_no_analyses(cache_dir):
    article, parsed = _article()
    for options in (CheckOptions(use_cache=False), CheckOptions(use_analysis_cache=False)):
        checker = Checker(options)
        assert not checker.check_article(article, parsed=parsed).analysis_hit
        assert not checker.check_article(article, parsed=parsed).analysis_hit
    assert not cache_dir.exists()


def test_fingerprint_ignores_bytecode_and_model_weights(tmp_path):
    root = tmp_path / "pkg"
    (root / "__pycache__").mkdir(parents=True)
    (root / "models" / "en").mkdir(parents=True)
    (root / "a.py").write_text("x = 1\n")
    (root / "__pycache__" / "a.pyc").write_bytes(b"\0")
    (root / "models" / "en" / "pos.pt").write_bytes(b"\0")
    assert [p.name for p in analysis_cache._files(root)] == ["a.py"]


def test_an_entry_moved_to_another_key_is_not_used(cache_dir):
    """#19 item 8: a well-formed entry under another article's key is a miss, not that article's report."""
    checker = Checker(CheckOptions())
    a, a_parsed = _article("relay_quoting")
    b, b_parsed = _article("according_to")
    first_b = checker.check_article(b, parsed=b_parsed)
    (entry_b,) = cache_dir.rglob("*.json")
    checker.check_article(a, parsed=a_parsed)
    (entry_a,) = set(cache_dir.rglob("*.json")) - {entry_b}
    entry_b.write_bytes(entry_a.read_bytes())  # A's analysis where B's belongs
    again = checker.check_article(b, parsed=b_parsed)
    assert not again.analysis_hit
    assert render_json(again.report) == render_json(first_b.report)
    assert checker.check_article(b, parsed=b_parsed).analysis_hit  # rewritten with B's own


def test_a_null_or_edited_entry_is_rebuilt(cache_dir):
    checker = Checker(CheckOptions())
    article, parsed = _article()
    first = checker.check_article(article, parsed=parsed)
    (entry,) = cache_dir.rglob("*.json")
    header, _, payload = entry.read_text(encoding="utf-8").partition("\n")
    for poison in ("null", f"{header}\nnull", f"{header}\n{payload.replace('IANS', 'KCNA')}"):
        entry.write_text(poison, encoding="utf-8")
        again = checker.check_article(article, parsed=parsed)
        assert not again.analysis_hit
        assert render_json(again.report) == render_json(first.report)

