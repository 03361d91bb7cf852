"""Corroboration across a batch of reports (provenance.corroborate.match), the evidence in
the reports (attach, ``check --corroborate / --originals``), and the CLI.

Reports are built directly with ``art(path, S(...), ...)`` (tests/report_fixtures.py): each
``S`` is a statement with its chain (source names, publisher first), an optional content
span (a substring of the text) and its verdict (derived from the chain's origin when not
given).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from pydantic import ValidationError
from report_fixtures import S, art

from provenance.corroborate import (
    CorroborationConfig,
    CrossArticleOptions,
    Original,
    apply_cross_article,
    attach,
    claim_texts,
    corroborate,
)
from provenance.corroborate.text import features
from provenance.report import Report

# --------------------------------------------------------------------------- fixtures

MISSILES = "North Korea fired two ballistic missiles into the East Sea on Tuesday"


def kcna_article() -> Report:
    return art(
        "ians-missiles.txt",
        S(f"{MISSILES}, the North's state media reported.", ("IANS", "KCNA"), MISSILES),
        S("Kim Jong-un met Russian Foreign Minister Sergei Lavrov in Pyongyang on Friday, KCNA said.", ("IANS", "KCNA"),
          "Kim Jong-un met Russian Foreign Minister Sergei Lavrov in Pyongyang on Friday"),
        S("The leader inspected a new munitions factory in the north of the country, KCNA reported.", ("IANS", "KCNA"),
          "The leader inspected a new munitions factory in the north of the country"),
        S("The launch came a week after the allies began joint drills.", ("IANS",)),
    )


def reuters_article() -> Report:
    return art(
        "reuters-missiles.txt",
        S("North Korea fired two ballistic missiles into the East Sea on Tuesday morning, South Korea's Joint Chiefs of Staff said.",
          ("Reuters", "South Korea's Joint Chiefs of Staff"),
          "North Korea fired two ballistic missiles into the East Sea on Tuesday morning"),
        S("Pyongyang has ramped up weapons testing this year.", ("Reuters",)),
    )


QUOTE = "It is important for the cultural sector to guide the relations between the two countries"
QUOTE_ORIGINAL = f'PYONGYANG, June 30 -- Kim Jong-un received the minister. "{QUOTE}," he said.\n'
ORIGINALS = [Original("KCNA.txt", ("KCNA",), QUOTE_ORIGINAL)]
SUPPRESS = '<!-- provenance: ignore[QUO403] reason="translation checked by the desk" -->'


def quote_article() -> Report:
    """Quotations of KCNA: 0 altered, 2 altered under a suppression comment (1), 3 not in
    the original, 4 verbatim."""
    def quoted(words: str) -> S:
        return S(f'"{words}," KCNA quoted Kim Jong-un as saying.', ("IANS", "KCNA"), f'"{words},"', kind="direct")

    return art(
        "ians-quotes.txt",
        quoted(QUOTE.replace("important", "vital")),
        S(SUPPRESS, ("IANS",)),
        quoted(QUOTE.replace("countries", "nations")),
        quoted("We will never give up our nuclear deterrent"),
        quoted(QUOTE),
    )


def article_of(report: Report):
    """The Article a report was made from (statements one paragraph each), suppression
    comments blanked in ``text`` as ingest does."""
    import re

    from provenance.article import Article

    source = "\n\n".join(s.text for s in report.statements)
    blanked = re.sub(r"<!--.*?-->", lambda m: " " * len(m.group(0)), source, flags=re.S)
    return Article(path=report.document.path, format="text", source_text=source, text=blanked)


def by_statement(result, path):
    return {c.statement: c for c in result[path]}


# --------------------------------------------------------------------------- corroboration


def test_corroborated_by_independent_outlet_citing_foreign_military():
    result = corroborate([kcna_article(), reuters_article()], CorroborationConfig())
    assert list(result) == ["ians-missiles.txt", "reuters-missiles.txt"]
    assert result["reuters-missiles.txt"] == []  # nothing there rests on state media
    c = by_statement(result, "ians-missiles.txt")[0]
    assert c.status == "corroborated"
    assert c.state_media == ["KCNA"] and c.countries == ["KP"]
    m = c.matches[0]
    assert (m.path, m.statement, m.relation) == ("reuters-missiles.txt", 0, "corroboration")
    assert m.text.startswith("North Korea fired two ballistic missiles") and m.score >= 80
    assert m.basis is not None and m.basis.name == "South Korea's Joint Chiefs of Staff" and m.basis.country == "KR"
    assert m.chain == ["Reuters", "South Korea's Joint Chiefs of Staff"]
    others = by_statement(result, "ians-missiles.txt")
    assert others[1].status == "uncorroborated" and others[1].matches == []
    assert 3 not in others  # the reporter's own statement is not state-media-only


def test_repeated_only_by_same_state_media_or_via_kcna():
    rodong = art("rodong.txt", S(f"{MISSILES}, demonstrating the country's deterrent.", ("Rodong Sinmun",)))
    relay = art("ap-relay.txt", S(f"{MISSILES}, KCNA reported.", ("AP", "KCNA"), MISSILES))
    result = corroborate([kcna_article(), rodong, relay])
    c = by_statement(result, "ians-missiles.txt")[0]
    assert c.status == "repetition"
    assert {(m.path, m.relation) for m in c.matches} == {("rodong.txt", "repetition"), ("ap-relay.txt", "repetition")}
    assert {m.basis.name for m in c.matches} == {"Rodong Sinmun", "KCNA"}
    # the relayed article's own claim is repeated by the others, not corroborated
    assert by_statement(result, "ap-relay.txt")[0].status == "repetition"


def test_corroboration_listed_before_repetition_and_wins():
    rodong = art("rodong.txt", S(f"{MISSILES}.", ("Rodong Sinmun",)))
    result = corroborate([kcna_article(), rodong, reuters_article()])
    c = by_statement(result, "ians-missiles.txt")[0]
    assert c.status == "corroborated"
    assert [m.relation for m in c.matches] == ["corroboration", "repetition"]


@pytest.mark.parametrize(
    "state_claim, other_claim",
    [
        ("North Korea fired two missiles into the sea off its east coast", "North Korea fired three missiles into the sea off its east coast"),
        ("North Korea fired 2 missiles into the sea off its east coast", "North Korea fired three missiles into the sea off its east coast"),
        ("Kim Jong-un did not meet the Russian delegation in Pyongyang", "Kim Jong-un met the Russian delegation in Pyongyang"),
        ("Kim Jong-un met the Russian delegation in Pyongyang", "Kim Jong-un never met the Russian delegation in Pyongyang"),
        ("The ministry denied that the delegation visited the factory", "The ministry said that the delegation visited the factory"),
        ("Kim Jong-un met Putin in Pyongyang to discuss military cooperation", "Kim Jong-un met Lavrov in Pyongyang to discuss military cooperation"),
    ],
)
def test_near_misses_do_not_match(state_claim, other_claim):
    a = art("state.txt", S(f"{state_claim}, KCNA said.", ("IANS", "KCNA"), state_claim))
    b = art("indep.txt", S(f"{other_claim}, South Korea's Joint Chiefs of Staff said.",
                           ("Reuters", "South Korea's Joint Chiefs of Staff"), other_claim))
    c = corroborate([a, b])["state.txt"][0]
    assert c.status == "uncorroborated" and c.matches == []
    # control: the same claim on both sides does match
    b2 = art("indep.txt", S(f"{state_claim}, South Korea's Joint Chiefs of Staff said.",
                            ("Reuters", "South Korea's Joint Chiefs of Staff"), state_claim))
    assert corroborate([a, b2])["state.txt"][0].status == "corroborated"


def test_gates_can_be_switched_off():
    a = art("state.txt", S("North Korea fired two missiles into the sea off its east coast, KCNA said.", ("IANS", "KCNA"),
                           "North Korea fired two missiles into the sea off its east coast"))
    b = art("indep.txt", S("North Korea fired three missiles into the sea off its east coast, Reuters reported.", ("Reuters",),
                           verdict="reporter"))
    assert corroborate([a, b])["state.txt"][0].status == "uncorroborated"
    loose = CorroborationConfig(number_agreement=False, min_score=70)
    assert corroborate([a, b], loose)["state.txt"][0].status == "corroborated"


def test_elaboration_matches_but_strict_numbers_do_not():
    a = art("state.txt", S("North Korea fired ballistic missiles into the East Sea, KCNA said.", ("IANS", "KCNA"),
                           "North Korea fired ballistic missiles into the East Sea"))
    b = art("indep.txt", S("North Korea fired two ballistic missiles into the East Sea, the BBC reported.", ("BBC",)))
    assert corroborate([a, b])["state.txt"][0].status == "corroborated"  # the public broadcaster's own reporting
    assert corroborate([a, b], CorroborationConfig(strict_numbers=True))["state.txt"][0].status == "uncorroborated"
    assert corroborate([a, b], CorroborationConfig(reporter_counts=False))["state.txt"][0].matches[0].relation == "other"


def test_source_classes_and_states():
    claim = "Kim Jong-un inspected the new munitions factory in Jagang province"
    base = art("state.txt", S(f"{claim}, KCNA said.", ("IANS", "KCNA"), claim))

    def relation(*names: str) -> str:
        other = art("other.txt", S(f"{claim}, officials said.", names, claim))
        return corroborate([base, other])["state.txt"][0].matches[0].relation

    assert relation("TASS", "Russian Defence Ministry") == "corroboration"  # another state's official body
    assert relation("Reuters", "North Korea's Foreign Ministry") == "repetition"  # the same state's officials
    assert relation("Xinhua", "KCNA") == "repetition"  # ends at the same outlet
    assert relation("Xinhua") == "other"  # another state's media, on its own
    assert relation("Reuters", "analysts") == "other"  # unknown sources
    assert relation("Yonhap", "KCNA", "Kim Jong-un") == "repetition"


def test_same_report_is_never_a_match_and_single_report_is_uncorroborated():
    a = art("one.txt",
            S(f"{MISSILES}, KCNA said.", ("IANS", "KCNA"), MISSILES),
            S(f"{MISSILES}, South Korea's Joint Chiefs of Staff said.", ("IANS", "South Korea's Joint Chiefs of Staff"), MISSILES))
    result = corroborate([a])
    assert [c.status for c in result["one.txt"]] == ["uncorroborated"]


def test_duplicate_paths_and_order_do_not_change_the_result():
    reports = [kcna_article(), reuters_article(), art("rodong.txt", S(f"{MISSILES}.", ("Rodong Sinmun",)))]
    first = corroborate(reports)
    shuffled = list(reversed(reports)) + [kcna_article()]
    second = corroborate(shuffled)
    assert json.dumps({k: [c.model_dump(mode="json") for c in v] for k, v in first.items()}) == \
        json.dumps({k: [c.model_dump(mode="json") for c in v] for k, v in second.items()})


def test_claim_texts_prefer_content_spans():
    r = kcna_article()
    assert claim_texts(r.statements[0]) == [MISSILES]
    assert claim_texts(r.statements[3]) == [r.statements[3].text]


def test_config_forbids_unknown_keys_and_bounds():
    with pytest.raises(ValidationError):
        CorroborationConfig(min_scor=70)
    with pytest.raises(ValidationError):
        CorroborationConfig(min_score=120)
    assert CorroborationConfig().min_score == 80


@pytest.mark.parametrize(
    "text, numbers, negated",
    [
        ("fired two missiles", {"2"}, False),
        ("fired 1,000 shells and twenty-five rockets", {"1000", "25"}, False),
        ("a 1.5 million dollar deal", {"1500000"}, False),
        ("he didn't meet them", set(), True),
        ("KCNA denied the report", set(), True),
        ("nobody came", set(), True),
        ("hundreds of people gathered", set(), False),
    ],
)
def test_features_numbers_and_negation(text, numbers, negated):
    f = features(text)
    assert set(f.numbers) == numbers and f.negated is negated


def test_features_entities_and_normalisation():
    f = features("Leading a delegation, Russia's Culture Minister Olga Lyubimova met Kim Jong-un.")
    assert {"russia", "lyubimova", "kim"} <= f.entities
    assert "leading" in f.initial_caps and "leading" not in f.entities
    assert features("the Korean peninsula").tokens == features("Korea's peninsulas").tokens


def test_attach_puts_the_evidence_in_the_statements():
    reports = [kcna_article(), reuters_article()]
    result = corroborate(reports)
    out = attach(reports[0], result)
    assert isinstance(out, Report)
    assert [s.corroboration.status if s.corroboration else None for s in out.statements] == [
        "corroborated", "uncorroborated", "uncorroborated", None]  # the last is the reporter's
    m = out.statements[0].corroboration.matches[0]
    assert (m.path, m.statement, m.relation, m.basis.source_class) == ("reuters-missiles.txt", 0, "corroboration", "official_body")
    # nothing else changes
    stripped = [s.model_copy(update={"corroboration": None}) for s in out.statements]
    assert out.model_copy(update={"statements": stripped}) == reports[0]
    # JSON: the evidence by alias, and it reads back; a report without evidence reads as before
    data = json.loads(out.to_json())
    assert data["statements"][0]["corroboration"]["matches"][0]["basis"]["class"] == "official_body"
    assert "corroboration" not in data["statements"][3] and "quote_checks" not in data["statements"][0]
    assert Report.model_validate_json(out.to_json()) == out
    assert "corroboration" not in reports[0].to_json() and "quote_checks" not in reports[0].to_json()
    # None leaves that part as it is; a (batch) result replaces it
    assert attach(out, None, None) == out
    assert attach(out, {}, None) == reports[0]


def test_attached_reports_match_the_committed_schema_and_read_back(tmp_path):
    import jsonschema

    from provenance.render.json_ import REPORT_SCHEMA_PATH, render_json_many
    from provenance.report_io import read_reports

    schema = json.loads(REPORT_SCHEMA_PATH.read_text(encoding="utf-8"))
    reports = apply_cross_article([quote_article(), kcna_article(), reuters_article()],
                                  CrossArticleOptions(corroborate=True, originals=ORIGINALS))
    assert any(s.quote_checks for s in reports[0].statements) and reports[1].statements[0].corroboration
    for r in reports:
        jsonschema.Draft202012Validator(schema).validate(json.loads(r.to_json()))
    (tmp_path / "all.json").write_text(render_json_many(reports), encoding="utf-8")
    assert read_reports([tmp_path]) == sorted(reports, key=lambda r: r.document.path)


def test_benchmark_batch_meets_its_expectations():
    """The bench script's batch (200 articles, 1,000 statements) gives every status and what
    the script expects (its speed is measured by scripts/bench_corroborate.py, not here)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("bench_corroborate", Path(__file__).resolve().parents[1] / "scripts" / "bench_corroborate.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    reports = bench.synthetic_batch(200, seed=7)
    assert sum(len(r.statements) for r in reports) == 1000
    result = corroborate(reports)
    statuses = Counter(c.status for v in result.values() for c in v)
    assert statuses["corroborated"] > 0 and statuses["repetition"] > 0 and statuses["uncorroborated"] > 0
    assert bench.check_expectations(reports, result) == []


# --------------------------------------------------------------------------- check --corroborate / --originals


def _quote_state(report: Report) -> list[tuple[str, int | None, str | None, str]]:
    return [(f.code, f.statement, f.suppression.kind if f.suppression else None, f.severity)
            for f in report.findings if f.code.startswith("QUO40")]


def test_cross_article_stage_evidence_findings_and_policy(tmp_path):
    from provenance.policy import Config, build_baseline, load_rules

    batch = [quote_article(), kcna_article(), reuters_article()]
    articles = {r.document.path: article_of(r) for r in batch}
    options = CrossArticleOptions(corroborate=True, originals=ORIGINALS)
    quotes, kcna, reuters = apply_cross_article(batch, options, articles=articles)
    # the evidence, in the statements of every report of the batch
    assert kcna.statements[0].corroboration.status == "corroborated"
    assert reuters.statements[0].corroboration is None  # not state-media-only
    assert [[q.verdict for q in s.quote_checks] for s in quotes.statements] == [
        ["altered"], [], ["altered"], ["not_found"], ["verbatim"]]
    # findings: the comment suppresses the QUO403 of the paragraph after it
    assert _quote_state(quotes) == [("QUO403", 0, None, "warning"), ("QUO403", 2, "inSource", "warning"),
                                    ("QUO404", 3, None, "warning")]
    assert quotes.summary.findings_by_severity == {"error": 0, "info": 0, "warning": 2}
    assert '"important" -> "vital"' in quotes.findings[0].message
    assert quotes.findings == sorted(quotes.findings, key=lambda f: (f.start, f.code, f.end, f.fingerprint, f.message))
    assert kcna.findings == batch[1].findings  # no quotations there: nothing added
    # the same input in another order gives the same reports
    again = apply_cross_article(batch[::-1], options, articles=articles)
    assert again[::-1] == [quotes, kcna, reuters]

    # the rules in force: disabled by the configuration, under the severity floor
    only = apply_cross_article(batch, options, config=Config(disable=["QUO404"]), articles=articles)[0]
    assert [c for c, *_ in _quote_state(only)] == ["QUO403", "QUO403"]
    assert _quote_state(apply_cross_article(batch, options, config=Config(min_severity="error"))[0]) == []
    # a rule file replacing QUO403 (severity, message) is followed
    shipped = load_rules().files["QUO403"].read_text(encoding="utf-8")
    (tmp_path / "QUO403-quote-altered.yaml").write_text(
        shipped.replace("severity: warning", "severity: error").replace('message: "Quotation differs', 'message: "House: quotation differs'),
        encoding="utf-8")
    strict = apply_cross_article(batch, options, pack=load_rules([tmp_path]))[0]
    assert [s for *_, s in _quote_state(strict)] == ["error", "error", "warning"]
    assert strict.findings[0].message.startswith("House: quotation differs from the original of KCNA")
    # the baseline suppresses them as it does the article's own findings
    baseline = build_baseline({quotes.document.path: quotes.findings})
    later = apply_cross_article(batch, options, baseline=baseline, articles=articles)[0]
    assert [k for _, _, k, _ in _quote_state(later)] == ["external", "inSource", "external"]
    # nothing asked for: the reports as they are
    assert apply_cross_article(batch, CrossArticleOptions()) == batch


def test_quote_messages_and_names_match_the_rule_files():
    from provenance.corroborate.attach import QUOTE_MESSAGES, QUOTE_RULES
    from provenance.policy import load_rules

    pack = load_rules()
    for code, name, severity in QUOTE_RULES.values():
        rule = pack.get(code)
        assert (rule.name, rule.severity, rule.message, rule.stage) == (name, severity, QUOTE_MESSAGES[code], "cross_article")


def _cross_rule_cases():
    from provenance.policy import load_rules

    rules = [r for r in load_rules() if r.stage == "cross_article"]
    return [(r.code, expect, i, text) for r in rules for expect in ("flagged", "ok")
            for i, text in enumerate(getattr(r.examples, expect))]


CROSS_CASES = _cross_rule_cases()


def test_cross_article_rules_are_the_quote_rules():
    assert sorted({c for c, *_ in CROSS_CASES}) == ["QUO403", "QUO404"]


@pytest.mark.parametrize(("code", "expect", "index", "text"), CROSS_CASES, ids=[f"{c}-{e}-{i}" for c, e, i, _ in CROSS_CASES])
def test_cross_article_rule_example(code, expect, index, text):
    """The examples of the rules whose findings come from the cross-article stage (left out
    of tests/test_rule_examples.py): a statement relaying the example, its quotations
    compared with the rule file's ``examples.originals``."""
    from provenance.policy import load_rules

    rule = load_rules().get(code)
    assert rule.examples.originals, code
    originals = [Original(f"{name}.txt", (name,), original) for name, original in rule.examples.originals.items()]
    text = " ".join(text.split())
    report = art(f"{code}-{expect}-{index}.txt", S(text, ("IANS", *rule.examples.originals), text, kind="direct"))
    [out] = apply_cross_article([report], CrossArticleOptions(originals=originals))
    assert out.statements[0].quote_checks, text  # the quotation was checked
    codes = {f.code for f in out.findings}
    assert (code in codes) == (expect == "flagged"), (text, [(f.code, f.message) for f in out.findings])


def test_check_cli_runs_the_stage_before_rendering(tmp_path, monkeypatch, capsys):
    """``provenance check --corroborate --originals DIR``, with the articles' results built
    by hand (no model): the reports written carry the evidence and the findings."""
    from types import SimpleNamespace

    from provenance import check as check_mod
    from provenance.cli.main import main

    by_name = {"q.txt": quote_article(), "k.txt": kcna_article(), "r.txt": reuters_article()}
    seen: list[str] = []

    def fake_batch(checker, names, jobs=1, log_level="WARNING"):
        for name in names:
            seen.append(name)
            report = by_name[name.rsplit("/", 1)[-1]]
            result = check_mod.CheckResult(article=article_of(report), parsed=SimpleNamespace(word_count=10),
                                           report=report, times=check_mod.StageTimes())
            yield check_mod.BatchItem(name, result=result)

    monkeypatch.setattr(check_mod, "check_batch", fake_batch)
    originals = tmp_path / "originals"
    originals.mkdir()
    (originals / "KCNA.txt").write_text(QUOTE_ORIGINAL, encoding="utf-8")
    inputs = [str(tmp_path / n) for n in by_name]

    assert main(["check", *inputs, "--corroborate", "--originals", str(originals), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_path = {r["document"]["path"]: r for r in data}
    assert by_path["ians-missiles.txt"]["statements"][0]["corroboration"]["status"] == "corroborated"
    quotes = by_path["ians-quotes.txt"]
    assert [f["code"] for f in quotes["findings"]] == ["QUO403", "QUO403", "QUO404"]
    assert quotes["findings"][1]["suppression"]["kind"] == "inSource"
    assert quotes["statements"][0]["quote_checks"][0]["diff"] == [{"op": "replace", "original": ["important"], "quoted": ["vital"]}]
    # --fail-on warning: the quote findings count
    assert main(["check", *inputs, "--originals", str(originals), "--fail-on", "warning", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert all("corroboration" not in s for r in data for s in r["statements"])  # only asked for quotes

    # html pages into a folder: written after the stage
    out = tmp_path / "pages"
    assert main(["check", *inputs, "--corroborate", "--originals", str(originals), "--format", "html", "-o", str(out)]) == 0
    capsys.readouterr()
    page = (out / "k.html").read_text(encoding="utf-8")
    assert "cs-corroborated" in page and "reuters-missiles.txt" in page
    assert "<del title=" in (out / "q.html").read_text(encoding="utf-8")

    # a bad originals folder stops the run before any article is checked
    seen.clear()
    assert main(["check", *inputs, "--originals", str(tmp_path / "missing")]) == 2
    assert "not a directory of originals" in capsys.readouterr().err and seen == []


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def cli(monkeypatch, capsys):
    from provenance.cli import main as main_mod

    if "corroborate" not in main_mod.COMMAND_MODULES:
        monkeypatch.setattr(main_mod, "COMMAND_MODULES", (*main_mod.COMMAND_MODULES, "corroborate"))

    def run(*argv: str) -> tuple[int, str, str]:
        rc = main_mod.main(["corroborate", *argv])
        out, err = capsys.readouterr()
        return rc, out, err

    return run


def test_cli_json_from_files_arrays_and_directories(cli, tmp_path):
    a, b = kcna_article(), reuters_article()
    (tmp_path / "a.json").write_text(a.to_json(), encoding="utf-8")
    (tmp_path / "b.json").write_text(b.to_json(), encoding="utf-8")
    rc, out, _ = cli(str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--format", "json")
    assert rc == 0
    data = json.loads(out)
    assert data["summary"]["corroborated"] == 1 and data["summary"]["state_media_only"] == 3
    assert [d["path"] for d in data["documents"]] == ["ians-missiles.txt", "reuters-missiles.txt"]

    # an array (check --format json of several articles) plus a directory holding the same again
    sub = tmp_path / "dir"
    sub.mkdir()
    (sub / "index.json").write_text("[" + a.to_json() + "," + b.to_json() + "]", encoding="utf-8")
    (sub / "a.json").write_text(a.to_json(), encoding="utf-8")
    rc, out2, _ = cli(str(sub), "--format", "json")
    assert rc == 0 and json.loads(out2) == data

    out_file = tmp_path / "out" / "cross.json"
    rc, out3, _ = cli(str(sub), "--format", "json", "--embed", "--output", str(out_file))
    assert rc == 0 and out3 == ""
    embedded = json.loads(out_file.read_text(encoding="utf-8"))
    assert [r["document"]["path"] for r in embedded] == ["ians-missiles.txt", "reuters-missiles.txt"]
    assert embedded[0]["statements"][0]["corroboration"]["status"] == "corroborated"
    # the embedded form is reports: it reads back, and corroborating it again changes nothing
    from provenance.report_io import read_reports

    again = tmp_path / "again.json"
    rc, _, _ = cli(str(out_file), "--format", "json", "--embed", "--output", str(again))
    assert rc == 0 and again.read_text(encoding="utf-8") == out_file.read_text(encoding="utf-8")
    first = [r.statements[0].corroboration for r in read_reports([out_file])]
    assert first[0].status == "corroborated" and first[1] is None  # Reuters' own statement is no query


def test_cli_text(cli, tmp_path):
    (tmp_path / "a.json").write_text(kcna_article().to_json(), encoding="utf-8")
    (tmp_path / "b.json").write_text(reuters_article().to_json(), encoding="utf-8")
    rc, out, _ = cli(str(tmp_path))
    assert rc == 0
    assert "ians-missiles.txt:1:1: statement 0 (KCNA): corroborated by reuters-missiles.txt#0 [South Korea's Joint Chiefs of Staff, official_body, KR]" in out
    assert "ians-missiles.txt:3:1: statement 1 (KCNA): uncorroborated in the batch" in out
    assert out.rstrip().endswith("3 state-media-only statement(s): 1 corroborated, 0 only repeated, 2 uncorroborated; quotes: 0 verbatim, 0 altered, 0 not found")


def test_cli_errors_exit_2(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a report"}', encoding="utf-8")
    rc, _, err = cli(str(bad))
    assert rc == 2 and "not a provenance JSON report" in err
    (tmp_path / "junk.json").write_text("{", encoding="utf-8")
    rc, _, err = cli(str(tmp_path / "junk.json"))
    assert rc == 2 and "not JSON" in err
    good = tmp_path / "a.json"
    good.write_text(kcna_article().to_json(), encoding="utf-8")
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("corroboration:\n  min_scor: 70\n", encoding="utf-8")
    rc, _, err = cli(str(good), "--config", str(cfg))
    assert rc == 2 and "corroboration.min_scor" in err
    rc, _, err = cli(str(tmp_path / "missing.json"))
    assert rc == 2 and "no such file" in err


def test_cli_config_thresholds(cli, tmp_path):
    a = art("state.txt", S("North Korea fired two missiles into the sea off its east coast, KCNA said.", ("IANS", "KCNA"),
                           "North Korea fired two missiles into the sea off its east coast"))
    b = art("indep.txt", S("North Korea fired three missiles into the sea off its east coast, Reuters reported.", ("Reuters",)))
    (tmp_path / "a.json").write_text(a.to_json(), encoding="utf-8")
    (tmp_path / "b.json").write_text(b.to_json(), encoding="utf-8")
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("corroboration:\n  number_agreement: false\n  min_score: 70\n", encoding="utf-8")
    rc, out, _ = cli(str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--config", str(cfg), "--format", "json")
    assert rc == 0 and json.loads(out)["summary"]["corroborated"] == 1
