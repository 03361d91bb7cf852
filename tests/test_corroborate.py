"""Corroboration across a batch of reports (provenance.corroborate.match) and the CLI.

Reports are built directly with ``art(path, S(...), ...)``: each ``S`` is a statement with
its chain (source names, publisher first), an optional content span (a substring of the
text) and its verdict (derived from the chain's origin when not given).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from pydantic import ValidationError

from provenance.corroborate import (
    CorroborationConfig,
    attach,
    claim_texts,
    corroborate,
)
from provenance.corroborate.text import features
from provenance.report import (
    Attribution,
    ChainLink,
    DocumentInfo,
    ModelInfo,
    Report,
    SourceSpan,
    Statement,
    Summary,
    TextSpan,
    ToolInfo,
)

# name -> (class, country, registry id)
SOURCES: dict[str, tuple[str, str | None, str | None]] = {
    "IANS": ("independent", "IN", "in-ians"),
    "Reuters": ("independent", None, "gb-reuters"),
    "AP": ("independent", "US", "us-ap"),
    "Yonhap": ("independent", "KR", "kr-yonhap"),
    "BBC": ("public_service", "GB", "gb-bbc"),
    "KCNA": ("state_controlled", "KP", "kp-kcna"),
    "Rodong Sinmun": ("state_controlled", "KP", "kp-rodong-sinmun"),
    "TASS": ("state_controlled", "RU", "ru-tass"),
    "Xinhua": ("state_controlled", "CN", "cn-xinhua"),
    "South Korea's Joint Chiefs of Staff": ("official_body", "KR", None),
    "North Korea's Foreign Ministry": ("official_body", "KP", None),
    "Russian Defence Ministry": ("official_body", "RU", None),
    "Kim Jong-un": ("person", "KP", "kp-kim-jong-un"),
    "analysts": ("unknown", None, None),
}
STATE = ("state_controlled", "state_affiliated")


def link(name: str, role: str) -> ChainLink:
    cls, country, eid = SOURCES.get(name, ("unknown", None, None))
    return ChainLink(name=name, source_class=cls, role=role, entity_id=eid, country=country)


def chain(names: tuple[str, ...]) -> list[ChainLink]:
    """Roles: publisher first; the last is the speaker when a person follows an origin, else
    the origin; the rest relays."""
    n = len(names)
    speaker = n > 2 and SOURCES.get(names[-1], ("unknown",))[0] == "person"
    out = []
    for i, name in enumerate(names):
        if i == 0:
            role = "publisher"
        elif i == n - 1:
            role = "speaker" if speaker else "origin"
        elif i == n - 2 and speaker:
            role = "origin"
        else:
            role = "relay"
        out.append(link(name, role))
    return out


@dataclass
class S:
    text: str
    chain: tuple[str, ...] = ("IANS", "KCNA")
    content: str | None = None  # a substring of text; None: no attribution (unless the chain has sources)
    kind: str = "indirect"
    verdict: str | None = None


def _verdict(links: list[ChainLink]) -> str:
    if len(links) == 1:
        return "reporter"
    if any(ln.source_class in STATE for ln in links[1:]):
        return "state_media_only"
    origin = next(ln for ln in links if ln.role == "origin")
    return "official" if origin.source_class == "official_body" else "independent"


def _span(text: str, needle: str, base: int) -> TextSpan:
    i = text.index(needle)
    return TextSpan(text=needle, start=base + i, end=base + i + len(needle))


def art(path: str, *specs: S, publisher: str | None = None) -> Report:
    """A report of statements separated by blank lines (one per paragraph)."""
    statements: list[Statement] = []
    offset, line = 0, 1
    for i, spec in enumerate(specs):
        links = chain(spec.chain)
        attributions: list[Attribution] = []
        if len(links) > 1:
            cue_word = next((w for w in ("quoted", "said", "reported", "told", "according") if w in spec.text), spec.text.split()[-1])
            cue = _span(spec.text, cue_word, offset)
            content = _span(spec.text, spec.content, offset) if spec.content else None
            for ln in links[1:]:
                if ln.role not in ("origin", "speaker"):
                    continue
                src = SourceSpan(text=ln.name, start=cue.start, end=cue.end, name=ln.name, source_class=ln.source_class,
                                 entity_id=ln.entity_id, country=ln.country)
                attributions.append(Attribution(cue=cue, source=src, content=content, kind=spec.kind,
                                                 pattern="test", confidence=0.9))
        verdict = spec.verdict or _verdict(links)
        statements.append(Statement(index=i, start=offset, end=offset + len(spec.text), line=line, column=1, text=spec.text,
                                    attributions=attributions, chain=links, verdict=verdict,
                                    state_media_only=verdict == "state_media_only", confidence=0.9))
        offset += len(spec.text) + 2
        line += spec.text.count("\n") + 2
    verdicts = Counter(s.verdict for s in statements)
    return Report(
        tool=ToolInfo(version="0.1.0"),
        model=ModelInfo(id="test", stanza_version="1.15.0"),
        document=DocumentInfo(path=path, format="text", publisher=publisher or (specs[0].chain[0] if specs else None),
                              characters=max(0, offset - 2), words=sum(len(s.text.split()) for s in specs)),
        statements=statements,
        summary=Summary(statements=len(statements), attributions=sum(len(s.attributions) for s in statements),
                        verdicts={v: verdicts.get(v, 0) for v in sorted(["independent", "mixed", "official", "reporter", "state_media_only"])},
                        sources_by_class={}, findings_by_severity={"error": 0, "info": 0, "warning": 0}),
    )


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


def test_attach_adds_cross_article_and_keeps_the_report():
    reports = [kcna_article(), reuters_article()]
    result = corroborate(reports)
    data = attach(reports[0], result, [])
    cross = data.pop("cross_article")
    assert data == json.loads(reports[0].to_json())
    assert cross["path"] == "ians-missiles.txt"
    assert cross["counts"]["state_media_only"] == 3 and cross["counts"]["corroborated"] == 1
    assert cross["corroboration"][0]["matches"][0]["basis"]["class"] == "official_body"  # by alias
    json.dumps(cross)


def test_benchmark_batch_is_fast():
    """The bench script's batch (200 articles, 1,000 statements): well inside the 5 s budget."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("bench_corroborate", Path(__file__).resolve().parents[1] / "scripts" / "bench_corroborate.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    reports = bench.synthetic_batch(200, seed=7)
    assert sum(len(r.statements) for r in reports) == 1000
    t0 = time.perf_counter()
    result = corroborate(reports)
    elapsed = time.perf_counter() - t0
    statuses = Counter(c.status for v in result.values() for c in v)
    assert statuses["corroborated"] > 0 and statuses["repetition"] > 0 and statuses["uncorroborated"] > 0
    assert bench.check_expectations(reports, result) == []
    assert elapsed < 10  # the budget is 5 s; slack for a loaded CI machine


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
    assert embedded[0]["cross_article"]["counts"]["corroborated"] == 1


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
