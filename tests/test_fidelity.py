"""Quote fidelity (provenance.corroborate.fidelity): quotations against original texts."""

from __future__ import annotations

import json

import pytest
from report_fixtures import S, art

from provenance.corroborate import (
    FidelityConfig,
    attach,
    check_quotes,
    cross_article,
    load_originals,
    quotations,
    quote_findings,
)
from provenance.corroborate.fidelity import normalise
from provenance.errors import ConfigError
from provenance.report import Attribution, TextSpan

ORIGINAL = """\
PYONGYANG, June 30 -- Kim Jong-un received Russia's Culture Minister Olga Lyubimova on Sunday.

"It is important for the cultural sector to guide the relations between the two countries," he said.
He expressed belief that the current visit would further raise the militant comradeship and feelings of
friendship between the peoples of the two countries.

The two sides agreed that there are no obstacles to expanding exchanges in culture, sport, science and
education between the two countries over the next 3 years, and that such exchanges must grow every year.
"""

QUOTED = "It is important for the cultural sector to guide the relations between the two countries"
KIM = ("IANS", "Yonhap", "KCNA", "Kim Jong-un")
LONG = ("The two sides agreed that there are no obstacles to expanding exchanges in culture, sport, science and "
        "education between the two countries over the next 3 years, and that such exchanges must grow every year")


def quote_statement(text: str, content: str, chain=KIM, kind: str = "direct") -> S:
    return S(text, chain, content, kind=kind)


def article():
    return art(
        "ians-culture.txt",
        # 0 verbatim: curly quotes, doubled space and a line break inside
        quote_statement("\u201cIt is important for the cultural sector  to guide\nthe relations between the two countries,\u201d the KCNA quoted him as saying.",
                        "\u201cIt is important for the cultural sector  to guide\nthe relations between the two countries,\u201d"),
        # 1 altered: one word changed
        quote_statement('"It is vital for the cultural sector to guide the relations between the two countries," KCNA quoted Kim as saying.',
                        '"It is vital for the cultural sector to guide the relations between the two countries,"'),
        # 2 mixed: only the quoted stretch is checked
        quote_statement('Kim expressed "belief that the current visit would further raise the militant comradeship," KCNA said.',
                        'expressed "belief that the current visit would further raise the militant comradeship,"', kind="mixed"),
        # 3 a number changed in a long quotation: one character, still never verbatim
        quote_statement(f'"{LONG.replace("next 3 years", "next 2 years")}," KCNA said.', f'"{LONG.replace("next 3 years", "next 2 years")},"'),
        # 4 a negation dropped
        quote_statement(f'"{LONG.replace("there are no obstacles", "there are obstacles")}," KCNA said.',
                        f'"{LONG.replace("there are no obstacles", "there are obstacles")},"'),
        # 5 not in the original
        quote_statement('"We will never give up our nuclear deterrent under any circumstances," KCNA quoted him as saying.',
                        '"We will never give up our nuclear deterrent under any circumstances,"'),
        # 6 an ellipsis: the cut is the reporter's, the fragments are verbatim
        quote_statement('"It is important for the cultural sector ... between the two countries," he said, KCNA reported.',
                        '"It is important for the cultural sector ... between the two countries,"'),
        # 7 a source with no original: not checked
        quote_statement('"The visit changes nothing on the ground," analysts said.', '"The visit changes nothing on the ground,"',
                        chain=("IANS", "analysts")),
        # 8 a one-word scare quote: below min_quote_words
        quote_statement('Kim called the visit a "success," KCNA said.', 'called the visit a "success,"', kind="mixed"),
    )


@pytest.fixture
def originals(tmp_path):
    d = tmp_path / "originals"
    d.mkdir()
    (d / "kcna-2025-06-30.txt").write_text(ORIGINAL, encoding="utf-8")
    (d / "originals.yaml").write_text("kcna-2025-06-30.txt: kp-kcna\n", encoding="utf-8")  # by registry id
    return d


def checks_by_statement(originals_dir, config=None):
    return {c.statement: c for c in check_quotes(article(), load_originals(originals_dir), config)}


def test_verbatim_despite_quote_marks_and_whitespace(originals):
    c = checks_by_statement(originals)[0]
    assert c.verdict == "verbatim" and c.score >= 98
    assert c.source == "KCNA" and c.original == "kcna-2025-06-30.txt"
    assert c.diff == [] and not c.numbers_changed and not c.negation_changed
    assert c.original_text == QUOTED
    assert ORIGINAL[c.original_start : c.original_end] == QUOTED
    assert c.quote.startswith("It is important") and c.quote.endswith("countries")  # marks and comma trimmed
    report = article()
    assert report.statements[0].text[c.start - report.statements[0].start :].startswith("It is important")


def test_altered_word_with_diff(originals):
    c = checks_by_statement(originals)[1]
    assert c.verdict == "altered" and 75 <= c.score < 98
    assert [(d.op, d.original, d.quoted) for d in c.diff] == [("replace", ["important"], ["vital"])]
    assert c.original_text == QUOTED


def test_mixed_quotation_checks_only_the_quoted_words(originals):
    c = checks_by_statement(originals)[2]
    assert c.quote == "belief that the current visit would further raise the militant comradeship"
    assert c.verdict == "verbatim"


def test_changed_number_is_never_verbatim(originals):
    c = checks_by_statement(originals)[3]
    assert c.score >= 98  # one character in a long quotation ...
    assert c.verdict == "altered" and c.numbers_changed  # ... still not verbatim
    assert [(d.op, d.original, d.quoted) for d in c.diff] == [("replace", ["3"], ["2"])]


def test_dropped_negation_is_never_verbatim(originals):
    c = checks_by_statement(originals)[4]
    assert c.verdict == "altered" and c.negation_changed and not c.numbers_changed
    assert [(d.op, d.original, d.quoted) for d in c.diff] == [("delete", ["no"], [])]


def test_not_found(originals):
    c = checks_by_statement(originals)[5]
    assert c.verdict == "not_found" and c.score < 75
    assert c.original == "kcna-2025-06-30.txt" and c.original_text is None and c.diff == []


def test_ellipsis_fragments(originals):
    c = checks_by_statement(originals)[6]
    assert c.verdict == "verbatim" and c.original_text == QUOTED


def test_unmatched_sources_and_scare_quotes_are_skipped(originals):
    checks = checks_by_statement(originals)
    assert sorted(checks) == [0, 1, 2, 3, 4, 5, 6]
    assert 8 in checks_by_statement(originals, FidelityConfig(min_quote_words=1))


def test_quote_found_once_per_statement_even_with_two_attributions(originals):
    # statements 0-6 carry the quotation on both the KCNA and the Kim Jong-un attribution
    assert all(len(s.attributions) == 2 for s in article().statements[:7])
    assert len(check_quotes(article(), load_originals(originals))) == 7


def test_mapping_by_file_stem_and_name(tmp_path):
    d = tmp_path / "o"
    d.mkdir()
    (d / "Kim_Jong-un.txt").write_text(ORIGINAL, encoding="utf-8")
    (d / "unrelated.txt").write_text("Nothing to see here at all.", encoding="utf-8")
    originals = load_originals(d)
    assert [o.sources for o in originals] == [("Kim Jong-un",), ("unrelated",)]
    checks = {c.statement: c for c in check_quotes(article(), originals)}
    assert checks[0].source == "Kim Jong-un" and checks[0].original == "Kim_Jong-un.txt" and checks[0].verdict == "verbatim"


def test_best_original_wins(tmp_path):
    d = tmp_path / "o"
    d.mkdir()
    (d / "a-other.txt").write_text("The meeting was held in a warm and friendly atmosphere on Sunday.", encoding="utf-8")
    (d / "b-speech.txt").write_text(ORIGINAL, encoding="utf-8")
    (d / "originals.yaml").write_text("a-other.txt: [KCNA]\nb-speech.txt:\n  - Kim Jong-un\n  - kp-kim-jong-un\n", encoding="utf-8")
    c = {c.statement: c for c in check_quotes(article(), load_originals(d))}[0]
    assert (c.original, c.source, c.verdict) == ("b-speech.txt", "Kim Jong-un", "verbatim")


def test_bad_mapping_is_a_config_error(tmp_path):
    d = tmp_path / "o"
    d.mkdir()
    (d / "originals.yaml").write_text("a.txt: [1, 2]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="originals.yaml:1: a.txt"):
        load_originals(d)
    (d / "originals.yaml").write_text("a.txt: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"originals.yaml:\d+: invalid YAML"):
        load_originals(d)


@pytest.mark.parametrize(
    "content, kind, expected",
    [
        ('"one two three," he said', "direct", ["one two three"]),
        ("\u201cone two\u201d and \u201cthree four\u201d", "mixed", ["one two", "three four"]),
        ("\u00abun deux trois\u00bb", "direct", ["un deux trois"]),
        ('"an unclosed quotation that runs on', "direct", ["an unclosed quotation that runs on"]),
        ("the North's 'great success' was hailed", "mixed", ["great success"]),
        ("it is a plain indirect paraphrase", "mixed", []),
        ("a direct content without its marks.", "direct", ["a direct content without its marks"]),
    ],
)
def test_quotations(content, kind, expected):
    att = Attribution(cue=TextSpan(text="said", start=0, end=4), source=None, content=TextSpan(text=content, start=100, end=100 + len(content)),
                      kind=kind, pattern="nsubj-ccomp", confidence=1.0)
    quotes = quotations(att)
    assert [q.text for q in quotes] == expected
    for q in quotes:
        assert content[q.start - 100 : q.end - 100] == q.text


def test_normalise_maps_back_to_offsets():
    text = "\u201cIt\u2019s  a\n test\u2014done\u2026\u201d"
    norm, idx = normalise(text)
    assert norm == "it's a test-done..."
    assert len(idx) == len(norm) and text[idx[norm.index("test")]] == "t"


def test_findings_and_attach(originals):
    report = article()
    checks = check_quotes(report, load_originals(originals))
    findings = quote_findings(report, checks)
    assert [(f.code, f.statement) for f in findings] == [("QUO403", 1), ("QUO403", 3), ("QUO403", 4), ("QUO404", 5)]
    f = findings[0]
    st = report.statements[1]
    assert f.rule == "quote-altered" and f.severity == "warning"
    assert (f.line, f.column) == (st.line, 2)  # after the opening mark
    assert '"important" -> "vital"' in f.message
    assert "[number changed]" in findings[1].message and "[negation changed]" in findings[2].message
    assert findings[3].rule == "quote-not-found" and "We will never give up" in findings[3].message
    assert len({f.fingerprint for f in findings}) == 4
    cross = cross_article(report, {}, checks)
    assert cross["counts"]["quotes"] == {"verbatim": 3, "altered": 3, "not_found": 1}
    assert [f["code"] for f in cross["findings"]] == ["QUO403", "QUO403", "QUO403", "QUO404"]
    json.dumps(cross)
    # attach: the checks in their statements, the findings in the report (once, however often)
    attached = attach(report, None, checks)
    assert [f.code for f in attached.findings] == ["QUO403", "QUO403", "QUO403", "QUO404"]
    assert attached.summary.findings_by_severity["warning"] == 4
    assert sum(len(s.quote_checks) for s in attached.statements) == len(checks)
    assert attached.statements[1].quote_checks[0].diff[0].quoted == ["vital"]
    assert attach(attached, None, checks) == attached
    assert attach(attached, None, []).findings == report.findings  # no checks: no quote findings


def test_cli_with_originals(tmp_path, originals, monkeypatch, capsys):
    from provenance.cli import main as main_mod

    if "corroborate" not in main_mod.COMMAND_MODULES:
        monkeypatch.setattr(main_mod, "COMMAND_MODULES", (*main_mod.COMMAND_MODULES, "corroborate"))
    rep = tmp_path / "r.json"
    rep.write_text(article().to_json(), encoding="utf-8")
    assert main_mod.main(["corroborate", str(rep), "--originals", str(originals), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["quotes"] == {"verbatim": 3, "altered": 3, "not_found": 1}
    assert data["summary"]["findings"] == {"QUO403": 3, "QUO404": 1}
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("fidelity:\n  altered_score: 40\n", encoding="utf-8")
    assert main_mod.main(["corroborate", str(rep), "--originals", str(originals), "--config", str(cfg)]) == 0
    out = capsys.readouterr().out
    assert "ians-culture.txt:1:2: quote verbatim in kcna-2025-06-30.txt (KCNA)" in out
    assert "QUO403 warning Quotation differs from the original of KCNA" in out
    assert main_mod.main(["corroborate", str(rep), "--originals", str(tmp_path / "nope")]) == 2
