"""The declared constructions: every fixture's ``# expect`` lines (one parametrised test for all
of them), the declarations' consistency, the generated docs, the CLI, and name validation."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from provenance.extract.declare import constructions, ordered_families
from provenance.extract.docs import constructions_markdown
from provenance.extract.expect import (
    CHAIN_PREFIX,
    EXPECT_PREFIX,
    MISSING,
    VERDICT_PREFIX,
    Expected,
    parse_expectations,
    parse_statement_expectations,
)
from provenance.nlp.conllu import read_conllu

from conftest import FIXTURES, ROOT, analyse_conllu

EXPECTING = sorted(p.stem for p in FIXTURES.glob("*.conllu") if EXPECT_PREFIX in p.read_text(encoding="utf-8"))
CHAINED = sorted(p.stem for p in FIXTURES.glob("*.conllu")
                 if CHAIN_PREFIX in (t := p.read_text(encoding="utf-8")) or VERDICT_PREFIX in t)


def found_per_sentence(conllu: str) -> list[list[Expected]]:
    _, parsed = read_conllu(conllu)
    report = analyse_conllu(conllu)
    atts = [a for s in report.statements for a in s.attributions]
    return [sorted(Expected(a.cue.text, a.source.text if a.source else MISSING,
                            a.content.text if a.content else MISSING, a.pattern)
                   for a in atts if sent.start <= a.cue.start < sent.end)
            for sent in parsed.sentences]


@pytest.mark.parametrize("name", EXPECTING)
def test_fixture_expectations(name: str) -> None:
    conllu = (FIXTURES / f"{name}.conllu").read_text(encoding="utf-8")
    expected = parse_expectations(conllu)
    found = found_per_sentence(conllu)
    assert len(expected) == len(found), "sentence blocks and parsed sentences differ"
    for i, (want, got) in enumerate(zip(expected, found)):
        if want is not None:
            assert got == want, f"sentence {i + 1}"


@pytest.mark.parametrize("name", CHAINED)
def test_fixture_chain_and_verdict_expectations(name: str) -> None:
    conllu = (FIXTURES / f"{name}.conllu").read_text(encoding="utf-8")
    _, parsed = read_conllu(conllu)
    report = analyse_conllu(conllu)
    for i, ((chain, verdict), sent) in enumerate(zip(parse_statement_expectations(conllu), parsed.sentences)):
        st = next(s for s in report.statements if s.start <= sent.start < s.end)
        if chain is not None:
            assert " > ".join(link.name for link in st.chain) == chain, f"sentence {i + 1}"
        if verdict is not None:
            assert st.verdict == verdict, f"sentence {i + 1}"


@pytest.mark.parametrize("name", sorted(constructions()))
def test_every_construction_has_a_fixture_that_shows_it(name: str) -> None:
    c = constructions()[name]
    path = FIXTURES / f"{c.fixture}.conllu"
    assert path.exists(), f"{name}: fixture {path.name} missing"
    shown = {e.construction for block in parse_expectations(path.read_text(encoding="utf-8")) if block for e in block}
    assert name in shown, f"{path.name} has no '# expect' line naming {name}"


def test_every_expected_construction_is_declared() -> None:
    for name in EXPECTING:
        for block in parse_expectations((FIXTURES / f"{name}.conllu").read_text(encoding="utf-8")):
            for e in block or []:
                assert e.construction in constructions(), f"{name}: {e.construction}"


def test_families_run_after_what_they_name() -> None:
    order = [f.name for f in ordered_families()]
    for i, fam in enumerate(ordered_families()):
        assert all(order.index(a) < i for a in fam.after), fam.name
    # the relay and channel passes read the cues found by the speech verbs
    assert order.index("speech-verb") < order.index("relay") < order.index("channel")


def test_expect_line_format_is_checked() -> None:
    with pytest.raises(ValueError, match="CUE \\| SOURCE"):
        parse_expectations("# text = x\n# expect = said | Reuters\n1\tx\tx\tX\t_\t_\t0\troot\t_\t_\n")


def test_docs_page_matches_the_declarations() -> None:
    committed = (ROOT / "docs" / "constructions.md").read_text(encoding="utf-8")
    assert committed == constructions_markdown(), \
        "docs/constructions.md is stale: python -m provenance.extract.docs > docs/constructions.md"


def test_report_rejects_an_undeclared_construction() -> None:
    from pydantic import ValidationError

    from provenance.report import Attribution, TextSpan

    cue = TextSpan(text="said", start=0, end=4)
    Attribution(cue=cue, source=None, content=None, kind="indirect", pattern="relay", confidence=0.5)
    with pytest.raises(ValidationError, match="unknown construction"):
        Attribution(cue=cue, source=None, content=None, kind="indirect", pattern="quoting", confidence=0.5)


def test_rule_option_naming_an_unknown_construction_is_a_config_error(tmp_path: Path) -> None:
    from provenance.errors import ConfigError
    from provenance.policy.loader import load_rule_file

    src = (ROOT / "rules" / "editorial" / "CHN301-relay-without-origin.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "CHN301-relay-without-origin.yaml"
    bad.write_text(src.replace("relay_patterns: [relay]", "relay_patterns: [quoting]"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"CHN301-relay-without-origin.yaml:\d+: options.relay_patterns: unknown construction 'quoting'"):
        load_rule_file(bad)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "import sys; from provenance.cli.main import main; sys.exit(main())",
                           *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_prints_one_construction_and_the_list() -> None:
    one = _cli("construction", "according-to")
    assert one.returncode == 0 and one.stdout.startswith("according-to (family according-to, confidence 0.9)")
    assert "tests/fixtures/conllu/according_to.conllu" in one.stdout
    listed = _cli("construction", "--list")
    assert listed.returncode == 0
    assert [ln.split()[0] for ln in listed.stdout.splitlines()] == sorted(constructions())
    bad = _cli("construction", "rely")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "did you mean 'relay'" in bad.stderr


def test_a_new_construction_is_one_module_and_one_fixture(tmp_path: Path) -> None:
    """The worked example of docs/constructions.md, run in a fresh interpreter: a module dropped
    into the constructions package is found, ordered, run, and accepted by the report."""
    pkg = ROOT / "provenance" / "extract" / "constructions"
    toy = textwrap.dedent('''
        from provenance.extract.declare import Trigger, construction, family
        from provenance.extract.grammar import SUBJ, Grammar
        from provenance.nlp.doc import Word

        ON_RECORD = construction("on-record", family="on-record", confidence=0.6, fixture="on_record",
                                 doc="Reads: r\\nExample: e\\nNot read: n")

        @family("on-record", summary="s", trigger=Trigger(words=frozenset({"went"})), emits=("on-record",),
                after=("according-to",))
        def on_record(g: Grammar, v: Word) -> None:
            colon = next((w for w in g.sent.words if w.text == ":"), None)
            subj = g.kid(v.id, *SUBJ)
            if colon is None or subj is None:
                return
            g.add(v, g.mention(subj), g.span({w.id for w in g.sent.words if w.id > colon.id}), "on-record", "speech",
                  confidence=ON_RECORD.confidence)
    ''')
    conllu = textwrap.dedent("""\
        # text = The minister went on record: the plant will close.
        1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
        2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_
        3\twent\tgo\tVERB\tVBD\t_\t0\troot\t_\t_
        4\ton\ton\tADP\tIN\t_\t5\tcase\t_\t_
        5\trecord\trecord\tNOUN\tNN\t_\t3\tobl\t_\tSpaceAfter=No
        6\t:\t:\tPUNCT\t:\t_\t10\tpunct\t_\t_
        7\tthe\tthe\tDET\tDT\t_\t8\tdet\t_\t_
        8\tplant\tplant\tNOUN\tNN\t_\t10\tnsubj\t_\t_
        9\twill\twill\tAUX\tMD\t_\t10\taux\t_\t_
        10\tclose\tclose\tVERB\tVB\t_\t3\tparataxis\t_\tSpaceAfter=No
        11\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
        """)
    (tmp_path / "toy.conllu").write_text(conllu, encoding="utf-8")
    (tmp_path / "on_record.py").write_text(toy, encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT / 'tests')!r})
        import provenance.extract.constructions as pkg
        pkg.__path__.append({str(tmp_path)!r})  # stands for a file saved in {pkg}
        from conftest import analyse_conllu
        from provenance.extract.declare import ordered_families
        names = [f.name for f in ordered_families()]
        assert names.index("on-record") > names.index("according-to"), names
        report = analyse_conllu(open({str(tmp_path / 'toy.conllu')!r}).read())
        print([(a.cue.text, a.source.text, a.content.text, a.pattern) for a in report.statements[0].attributions])
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "('went', 'The minister', 'the plant will close', 'on-record')" in out.stdout


def test_a_construction_doc_has_its_three_sections_once_each_in_order() -> None:
    from provenance.extract.declare import _doc_sections

    assert _doc_sections("x", "\n  Reads: a\n      b\n  Example: c\n  Not read: d\n") == {
        "reads": "a b", "example": "c", "not_read": "d"}
    for bad in ("Example: c\nReads: a\nNot read: d", "Reads: a\nExample: c",
                "Reads: a\nReads: b\nExample: c\nNot read: d", "intro\nReads: a\nExample: c\nNot read: d"):
        with pytest.raises(ValueError, match="construction 'x'"):
            _doc_sections("x", bad)
