"""JSON format, the generated report schema (drift), the dispatcher, and determinism."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from report_fixtures import REPO, gold_report, hostile_report, sample_rules, seed_text

from provenance.render import FORMATS, RENDERERS, render, render_json, render_json_many, report_json_schema
from provenance.render.json_ import REPORT_SCHEMA_PATH
from provenance.report import Report


def test_render_json_is_the_canonical_form() -> None:
    r = gold_report()
    out = render_json(r)
    assert out == r.to_json()
    assert out.endswith("}\n")
    assert Report.model_validate_json(out) == r


def test_committed_schema_matches_the_model() -> None:
    committed = REPORT_SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == report_json_schema(), (
        "provenance/schemas/report-v1.json is stale: run python scripts/gen_report_schema.py"
    )


def test_schema_is_deterministic_and_sorted() -> None:
    text = report_json_schema()
    assert text == report_json_schema()
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # aliases, not python names
    assert "class" in data["$defs"]["SourceSpan"]["properties"]
    assert "source_class" not in data["$defs"]["SourceSpan"]["properties"]


@pytest.mark.parametrize("which", ["gold", "hostile"])
def test_reports_validate_against_the_schema(which: str) -> None:
    r = gold_report() if which == "gold" else hostile_report()[0]
    schema = json.loads(report_json_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(render_json(r)))


def test_schema_rejects_unknown_keys_and_bad_classes() -> None:
    schema = json.loads(report_json_schema())
    data = json.loads(render_json(gold_report()))
    data["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = json.loads(render_json(gold_report()))
    data["statements"][0]["chain"][0]["class"] = "friendly"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_gen_script_check_mode(tmp_path: Path) -> None:
    script = REPO / "scripts" / "gen_report_schema.py"
    ok = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    stale = tmp_path / "schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, str(script), "--check", "-o", str(stale)], capture_output=True, text=True)
    assert bad.returncode == 1 and "stale" in bad.stderr
    fixed = subprocess.run([sys.executable, str(script), "-o", str(stale)], capture_output=True, text=True)
    assert fixed.returncode == 0
    assert stale.read_text(encoding="utf-8") == report_json_schema()


def test_json_many() -> None:
    a, b = gold_report(path="b.txt"), gold_report(path="a.txt")
    one = json.loads(render_json_many([a]))
    assert isinstance(one, list) and Report.model_validate(one[0]) == a
    data = json.loads(render_json_many([a, b]))
    assert [d["document"]["path"] for d in data] == ["a.txt", "b.txt"]
    assert [Report.model_validate(d) for d in data] == [b, a]
    assert render_json_many([]) == "[]\n"


def test_dispatcher() -> None:
    r = gold_report()
    assert FORMATS == ("json", "text", "html", "sarif", "github")
    assert set(RENDERERS) == set(FORMATS)
    assert render("json", r) == r.to_json()
    assert render("json", [r]) == r.to_json()
    assert isinstance(json.loads(render("json", [r, gold_report(path="x.txt")])), list)
    assert render("json", []) == "[]\n"
    rules = sample_rules()
    for fmt in FORMATS:
        out = render(fmt, [r], rules, source_texts={r.document.path: seed_text()})
        assert isinstance(out, str) and out.endswith("\n"), fmt
    html = render("html", r, rules, source_texts={r.document.path: seed_text()})
    assert "The meeting took place on Sunday" in html
    with pytest.raises(ValueError, match="unknown format"):
        render("yaml", r)
    with pytest.raises(ValueError, match="one report"):
        render("html", [r, gold_report(path="x.txt")])


_SCRIPT = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
from report_fixtures import gold_report, hostile_report, sample_rules, seed_text
from provenance.render import render, render_html, render_index_html
g = gold_report(); h, htext, hrules = hostile_report(); rules = sample_rules()
outs = [render(f, [g, h], rules) for f in ("json", "text", "sarif", "github")]
outs.append(render_html(g, rules, seed_text()))
outs.append(render_html(h, hrules, htext))
outs.append(render_index_html([(g, "a.html"), (h, "b.html")]))
print(hashlib.sha256("\\x00".join(outs).encode()).hexdigest())
"""


def test_byte_identical_across_processes_and_hash_seeds() -> None:
    digests = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(Path(__file__).parent)], capture_output=True, text=True, env=env
        )
        assert proc.returncode == 0, proc.stderr
        digests.add(proc.stdout.strip())
    assert len(digests) == 1


def test_byte_identical_in_process_and_input_order() -> None:
    g, h = gold_report(), hostile_report()[0]
    rules = sample_rules()
    for fmt in ("json", "text", "sarif", "github"):
        first = render(fmt, [g, h], rules)
        assert first == render(fmt, [h, g], list(reversed(rules))), fmt
        assert hashlib.sha256(first.encode()).digest() == hashlib.sha256(render(fmt, [g, h], rules).encode()).digest()
