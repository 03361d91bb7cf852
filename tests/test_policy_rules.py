"""Rule files: the shipped pack, loading errors naming file and line, docs, `provenance rule`."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from provenance.cli.main import main
from provenance.errors import ConfigError
from provenance.policy import default_rules_dir, load_rules, rules_markdown
from provenance.policy.detectors import DETECTORS

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
code: HSE901
name: house-rule
severity: info
message: "House rule: {text}"
detector: vague_attribution
doc:
  what: Flags something.
  why: Because.
  example: Officials said it.
  instead: The minister said it.
examples:
  flagged: [Officials said it.]
  ok: [The minister said it.]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str, name: str = "bad.yaml") -> str:
    path = write(tmp_path, name, text)
    with pytest.raises(ConfigError) as exc:
        load_rules([tmp_path])
    message = str(exc.value)
    assert message.startswith(f"{path}:"), message
    return message


# --------------------------------------------------------------------------- shipped pack


def test_default_pack_is_complete():
    pack = load_rules()
    assert {r.code: r.name for r in pack} == {
        "SRC201": "state-media-claim-unattributed",
        "SRC202": "headline-state-media-only",
        "SRC203": "state-media-factive-verb",
        "QUO402": "quote-without-speaker",
        "ATT101": "vague-attribution",
        "CHN301": "relay-without-origin",
        "QUO401": "unbalanced-quotes",
        "QUO403": "quote-altered",
        "QUO404": "quote-not-found",
        "PRV901": "unused-suppression",
    }
    # findings from the cross-article stage (provenance.corroborate), not from one article
    assert {r.code for r in pack if r.stage == "cross_article"} == {"QUO403", "QUO404"}
    assert [r.code for r in pack] == sorted(r.code for r in pack)  # code order
    assert {r.code: r.severity for r in pack}["SRC202"] == "error"
    for rule in pack:
        assert rule.examples.flagged and rule.examples.ok, rule.code
        assert rule.detector in DETECTORS
        assert pack.files[rule.code].name.startswith(f"{rule.code}-{rule.name}")
        assert all(s.strip() for s in rule.examples.flagged + rule.examples.ok)
        assert rule.doc.what and rule.doc.why and rule.doc.example and rule.doc.instead


def test_default_dir_is_in_the_package_tree():
    assert default_rules_dir() == ROOT / "rules" / "editorial"
    assert sorted(p.name for p in default_rules_dir().glob("*.yaml"))[0].startswith("ATT101-")


def test_committed_docs_match_the_rule_files():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(load_rules()), (
        "docs/rules.md is stale: python -m provenance.policy > docs/rules.md"
    )


# --------------------------------------------------------------------------- extra dirs


def test_extra_dir_adds_and_overrides(tmp_path):
    write(tmp_path, "house.yaml", GOOD)
    override = yaml.safe_load((default_rules_dir() / "ATT101-vague-attribution.yaml").read_text())
    override["severity"] = "warning"
    override["options"] = {"vague_heads": ["insiders"]}
    write(tmp_path, "att101.yml", yaml.safe_dump(override))
    pack = load_rules([tmp_path])
    assert pack.get("HSE901").name == "house-rule"
    assert pack.get("vague-attribution").severity == "warning"
    assert pack.files["ATT101"] == tmp_path / "att101.yml"
    assert len(pack) == len(load_rules()) + 1


def test_missing_rules_dir(tmp_path):
    with pytest.raises(ConfigError, match="rules directory not found"):
        load_rules([tmp_path / "nope"])


# --------------------------------------------------------------------------- errors with file:line


def test_yaml_syntax_error_names_line(tmp_path):
    msg = load_error(tmp_path, GOOD.replace("severity: info", "severity: [info"))
    assert "invalid YAML" in msg and msg.split(":")[1] in {"3", "4"}


def test_unknown_field_names_its_line(tmp_path):
    msg = load_error(tmp_path, GOOD.replace("  why: Because.", "  why: Because.\n  wyh: typo"))
    assert msg.endswith("bad.yaml:9: doc.wyh: unknown field (typo?)")


def test_wrong_type_names_its_line(tmp_path):
    msg = load_error(tmp_path, GOOD.replace("severity: info", "severity: fatal"))
    assert ":3: severity:" in msg
    msg = load_error(tmp_path, GOOD.replace("flagged: [Officials said it.]", "flagged: Officials said it."))
    assert ":12: examples.flagged:" in msg


def test_missing_field_and_empty_examples(tmp_path):
    msg = load_error(tmp_path, GOOD.replace("  instead: The minister said it.\n", ""))
    assert ":6: doc.instead: Field required" in msg
    msg = load_error(tmp_path, GOOD.replace("ok: [The minister said it.]", "ok: []"))
    assert ":13: examples.ok:" in msg


@pytest.mark.parametrize("code", ["PV901", "src901", "SRC9011", "SR901", "SRC", "S1C901"])
def test_bad_code(tmp_path, code):
    msg = load_error(tmp_path, GOOD.replace("HSE901", code))
    assert ":1: code: Value error, code must be three capital letters and three digits" in msg


def test_bad_name(tmp_path):
    assert ":2: name:" in load_error(tmp_path, GOOD.replace("house-rule", "House_Rule"))


def test_duplicate_key(tmp_path):
    msg = load_error(tmp_path, GOOD + "severity: error\n")
    assert ":14: duplicate key 'severity' (first at line 3)" in msg


def test_duplicate_code_in_one_directory(tmp_path):
    write(tmp_path, "a.yaml", GOOD)
    path = write(tmp_path, "b.yaml", GOOD.replace("house-rule", "other-rule"))
    with pytest.raises(ConfigError) as exc:
        load_rules([tmp_path])
    assert str(exc.value).startswith(f"{path}:1: code: duplicate rule code HSE901 (also in {tmp_path / 'a.yaml'})")


def test_name_used_by_another_code(tmp_path):
    msg = load_error(tmp_path, GOOD.replace("house-rule", "vague-attribution"))
    assert ":2: name: rule name vague-attribution is already used by ATT101" in msg


def test_unknown_detector_field_and_option(tmp_path):
    assert ":5: detector: unknown detector 'no_such_detector'" in load_error(
        tmp_path, GOOD.replace("detector: vague_attribution", "detector: no_such_detector"))
    # ``check:``, the key's older name, is still read
    assert ":5: check: unknown detector 'no_such_detector'" in load_error(
        tmp_path, GOOD.replace("detector: vague_attribution", "check: no_such_detector"))
    assert ":4: message: unknown field {speaker}" in load_error(
        tmp_path, GOOD.replace("{text}", "{speaker}"))
    assert ":4: message: bad template" in load_error(tmp_path, GOOD.replace("{text}", "{text"))
    assert ":15: options.vague_head: unknown option" in load_error(
        tmp_path, GOOD + "options:\n  vague_head: [x]\n")
    assert ":15: options.vague_heads: expected list, got bool" in load_error(
        tmp_path, GOOD + "options:\n  vague_heads: yes\n")


def test_not_a_mapping(tmp_path):
    assert ":1: a rule file must be a YAML mapping" in load_error(tmp_path, "- just\n- a list\n")


# --------------------------------------------------------------------------- provenance rule


def test_cli_rule_doc(capsys):
    assert main(["rule", "SRC201"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SRC201 state-media-claim-unattributed (warning)\n")
    for section in ("What it does", "Why", "Example", "Use instead", "Options", "Message:"):
        assert f"\n{section}" in out
    assert "quote_coverage = 0.8" in out


def test_cli_rule_by_name_json_and_list(capsys, tmp_path):
    assert main(["rule", "unbalanced-quotes", "--format", "json"]) == 0
    assert '"code": "QUO401"' in capsys.readouterr().out
    write(tmp_path, "house.yaml", GOOD)
    assert main(["rule", "--list", "--rules", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 11 and lines[0].startswith("ATT101  info     vague-attribution               Flags")
    assert lines[2].startswith("HSE901  info     house-rule")  # in code order: ATT, CHN, HSE, PRV, ...
    assert [line.split()[0] for line in lines] == sorted(line.split()[0] for line in lines)


def test_cli_rule_errors(capsys, tmp_path):
    for unknown in ("SRC999", "PV101", "XYZ", "SRC9"):  # PV1xx codes were renamed, not aliased
        assert main(["rule", unknown]) == 2
        assert f"unknown rule {unknown!r}" in capsys.readouterr().err
    write(tmp_path, "bad.yaml", textwrap.dedent(GOOD).replace("severity: info", "severity: fatal"))
    assert main(["rule", "--list", "--rules", str(tmp_path)]) == 2
    assert f"{tmp_path / 'bad.yaml'}:3: severity:" in capsys.readouterr().err


def test_cli_rule_by_family_prefix(capsys):
    assert main(["rule", "SRC"]) == 0
    out = capsys.readouterr().out
    heads = [line for line in out.splitlines() if line[:3] == "SRC" and line.endswith(")")]
    assert heads == [
        "SRC201 state-media-claim-unattributed (warning)",
        "SRC202 headline-state-media-only (error)",
        "SRC203 state-media-factive-verb (warning)",
    ]
    assert main(["rule", "quo4", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in data] == ["QUO401", "QUO402", "QUO403", "QUO404"]
    assert main(["rule", "ATT101", "--format", "json"]) == 0  # a code still gives one object
    assert json.loads(capsys.readouterr().out)["name"] == "vague-attribution"


def test_pack_select_code_prefix_name():
    pack = load_rules()
    assert [r.code for r in pack.select("SRC201")] == ["SRC201"]
    assert [r.code for r in pack.select("src201")] == ["SRC201"]
    assert [r.code for r in pack.select("SRC")] == ["SRC201", "SRC202", "SRC203"]
    assert [r.code for r in pack.select("SRC2")] == ["SRC201", "SRC202", "SRC203"]
    assert [r.code for r in pack.select("SRC20")] == ["SRC201", "SRC202", "SRC203"]
    assert [r.code for r in pack.select(" quo ")] == ["QUO401", "QUO402", "QUO403", "QUO404"]
    assert [r.code for r in pack.select("unbalanced-quotes")] == ["QUO401"]
    for none in ("SRC3", "SRC999", "XYZ", "SR", "PV1", "PV101", "S", "", "unbalanced"):
        assert pack.select(none) == [], none


@pytest.mark.parametrize("template", ["{text:>1500000000}", "{text:.999999999}", "{text:{text}}", "{text!r:^9}"])
def test_format_specs_in_a_message_are_refused(tmp_path, template):
    """#19 item 15: "{cue:>1500000000}" passed validation and built a 1.5 GB string per finding."""
    msg = load_error(tmp_path, GOOD.replace('"House rule: {text}"', f'"House rule: {template}"'))
    assert ":4: message: {text:" in msg and "format specs are not allowed" in msg
