"""Baseline: write, apply, prune, unreadable files, and `provenance baseline`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_fixtures import make_report

from provenance.cli.main import main
from provenance.errors import ConfigError
from provenance.policy import apply_baseline, build_baseline, load_baseline, prune_baseline, write_baseline
from provenance.report import Finding, Report, Suppression


def finding(code: str = "ATT101", fp: str = "aaaaaaaaaaaaaaaa", start: int = 0, suppression=None) -> Finding:
    return Finding(code=code, rule="vague-attribution", severity="info", message=f"{code} {fp}", statement=0,
                   start=start, end=start + 1, line=1, column=start + 1, end_line=1, end_column=start + 2,
                   fingerprint=fp, confidence=0.9, suppression=suppression)


def report(path: str, findings: list[Finding]) -> Report:
    return make_report(path, [], findings, characters=10, words=2)


INLINE = Suppression(kind="inSource", justification="checked")


def test_write_is_sorted_deterministic_and_skips_inline_suppressions(tmp_path):
    by_path = {
        "./b.md": [finding(fp="bbbbbbbbbbbbbbbb"), finding(fp="bbbbbbbbbbbbbbbb", start=5)],
        "a.md": [finding("SRC203", "cccccccccccccccc"), finding(fp="dddddddddddddddd", suppression=INLINE)],
    }
    out = tmp_path / "baseline.json"
    baseline = write_baseline(by_path, out)
    first = out.read_bytes()
    write_baseline(dict(reversed(list(by_path.items()))), out)
    assert out.read_bytes() == first and first.endswith(b"\n")
    assert [(e.path, e.code, e.count) for e in baseline.entries] == [("a.md", "SRC203", 1), ("b.md", "ATT101", 2)]
    data = json.loads(first)
    assert data["baseline_version"] == 1 and list(data) == sorted(data)
    assert load_baseline(out) == baseline


def test_apply_marks_matches_up_to_count(tmp_path):
    baseline = build_baseline({"a.md": [finding(), finding()]})
    found = apply_baseline([finding(), finding(start=3), finding(start=6), finding("SRC203")], baseline, "./a.md")
    kinds = [f.suppression.kind if f.suppression else None for f in found]
    assert kinds == ["external", "external", None, None]
    assert found[0].suppression.justification == "baseline"
    assert apply_baseline([finding()], baseline, "other.md")[0].suppression is None
    inline = apply_baseline([finding(suppression=INLINE)], baseline, "a.md")
    assert inline[0].suppression == INLINE


def test_prune_drops_what_no_longer_matches():
    baseline = build_baseline({
        "a.md": [finding(), finding(), finding("SRC203", "cccccccccccccccc")],
        "b.md": [finding()],
    })
    pruned = prune_baseline(baseline, {"a.md": [finding()]})
    assert [(e.path, e.code, e.count) for e in pruned.entries] == [("a.md", "ATT101", 1), ("b.md", "ATT101", 1)]
    kept = next(e for e in baseline.entries if (e.path, e.code) == ("a.md", "ATT101"))
    assert pruned.entries[0].message == kept.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read baseline"),
        ("{\n  \"entries\": [\n", ":3: invalid baseline JSON"),
        ('{"entries": [{"path": "a", "code": "ATT101"}]}', "invalid baseline: entries.0.fingerprint"),
        ('{"entries": [], "extra": 1}', "invalid baseline: extra"),
        ('{"baseline_version": 9, "entries": []}', "baseline_version 9 is not supported"),
        ("[]", "invalid baseline"),
    ],
)
def test_unreadable_baseline_is_an_error(tmp_path, content, expected):
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_baseline(path)
    assert str(exc.value).startswith(str(path)) and expected in str(exc.value)


def test_cli_write_and_prune(tmp_path, capsys):
    r1 = tmp_path / "r1.json"
    r1.write_text(report("a.md", [finding(), finding("SRC203", "cccccccccccccccc")]).to_json(), encoding="utf-8")
    r2 = tmp_path / "r2.json"
    r2.write_text(report("b.md", [finding()]).to_json(), encoding="utf-8")
    base = tmp_path / "baseline.json"
    assert main(["baseline", "write", "--baseline", str(base), str(r2), str(r1)]) == 0
    assert "3 finding(s) recorded" in capsys.readouterr().err
    assert len(load_baseline(base).entries) == 3
    r1.write_text(report("a.md", [finding()]).to_json(), encoding="utf-8")
    assert main(["baseline", "prune", "-q", "--baseline", str(base), str(r1)]) == 0
    assert capsys.readouterr().err == ""
    assert [(e.path, e.code) for e in load_baseline(base).entries] == [("a.md", "ATT101"), ("b.md", "ATT101")]


def test_cli_reads_report_arrays_once_per_document(tmp_path, capsys):
    from provenance.render import render_json_many

    one = report("a.md", [finding()])
    (tmp_path / "a.json").write_text(one.to_json(), encoding="utf-8")
    (tmp_path / "index.json").write_text(render_json_many([one, report("b.md", [finding()])]), encoding="utf-8")
    base = tmp_path / "baseline.json"
    assert main(["baseline", "write", "-q", "--baseline", str(base), str(tmp_path / "index.json"),
                 str(tmp_path / "a.json")]) == 0
    assert [(e.path, e.count) for e in load_baseline(base).entries] == [("a.md", 1), ("b.md", 1)]


def test_cli_errors(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a report"}', encoding="utf-8")
    assert main(["baseline", "write", "--baseline", str(tmp_path / "b.json"), str(bad)]) == 2
    assert "not a provenance JSON report" in capsys.readouterr().err
    bad.write_text('{\n"not": JSON', encoding="utf-8")
    assert main(["baseline", "write", "--baseline", str(tmp_path / "b.json"), str(bad)]) == 2
    assert "bad.json:2: not JSON" in capsys.readouterr().err
    good = tmp_path / "r.json"
    good.write_text(report("a.md", []).to_json(), encoding="utf-8")
    assert main(["baseline", "prune", "--baseline", str(tmp_path / "missing.json"), str(good)]) == 2
    assert "cannot read baseline" in capsys.readouterr().err
    assert main(["baseline"]) == 2
    assert not Path(tmp_path / "b.json").exists()
