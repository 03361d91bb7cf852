"""CI ergonomics (issue 20): configuration found from each article, select/ignore, exclude and
per-file ignores, --statistics, "did you mean", one-line usage errors, baselines that work
from any folder, PRV901 at warning, the pre-commit hook and the GitHub Action, the index page."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib

import pytest
import yaml

from provenance.cli.main import main
from provenance.render import IndexEntry, render_index_html
from tests.conftest import ROOT

LEDE = "North Korea fired a missile on Monday, the KCNA reported.\n"  # SRC202 error
VAGUE = "Officials said the talks would go on.\n"  # ATT101 info


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(capsys, *argv):
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def codes(out: str) -> list[str]:
    data = json.loads(out)
    reports = data if isinstance(data, list) else [data]
    return sorted(f["code"] for r in reports for f in r["findings"] if f["suppression"] is None)


# --- usage errors: one line naming the subcommand (no model) ------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check", "--x", "a.txt"],
         "provenance check: error: unrecognized arguments: --x (see 'provenance check --help')"),
        (["check", "a.txt", "--failon", "warning"],
         ("provenance check: error: unrecognized arguments: --failon warning (did you mean --fail-on?) "
          "(see 'provenance check --help')")),
        (["check", "a.txt", "--format", "jsn"], "did you mean 'json'?"),
        (["check"], "provenance check: error: the following arguments are required: PATH"),
        (["chek", "a.txt"], "provenance: error: argument COMMAND: invalid choice: 'chek'"),
        (["config", "show", "--foo"], "provenance config show: error: unrecognized arguments: --foo"),
        (["config"], "provenance config: error: an action is required: show"),
        (["baseline", "write", "--baseline"], "provenance baseline write: error: argument --baseline: expected one"),
        ([], "provenance: error: a command is required (see 'provenance --help')"),
    ],
)
def test_usage_errors_are_one_line_naming_the_subcommand(capsys, argv, expected):
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.splitlines()) == 1, err
    assert expected in err


def test_did_you_mean_for_rule_codes_and_config_keys(tmp_path, capsys, monkeypatch):
    write(tmp_path / "a.txt", "")
    assert main(["rule", "ATT10l"]) == 2
    assert "unknown rule 'ATT10l' (did you mean ATT101?)" in capsys.readouterr().err
    code, _, err = check(capsys, str(tmp_path / "a.txt"), "--select", "ATT10l")
    assert code == 2 and err == "provenance: error: --select: unknown rule 'ATT10l' (did you mean ATT101?)\n"
    write(tmp_path / "provenance.toml", 'failon = "warning"\n')
    code, _, err = check(capsys, str(tmp_path / "a.txt"))
    assert code == 2 and "provenance.toml:1: failon: unknown configuration key (did you mean fail_on?)" in err
    write(tmp_path / "provenance.toml", 'ignore = ["SRC2O2"]\n')
    code, _, err = check(capsys, str(tmp_path / "a.txt"))
    assert code == 2 and "provenance.toml:1: ignore: unknown rule 'SRC2O2' (did you mean SRC202?)" in err
    write(tmp_path / "provenance.toml", '[per-file-ignores]\n"x/*" = ["ATX101"]\n')
    code, _, err = check(capsys, str(tmp_path / "a.txt"))
    assert code == 2 and "unknown rule 'ATX101' (did you mean ATT101?)" in err


# --- configuration discovery ------------------------------------------------------------------


def test_config_show_names_the_file_for_a_path(tmp_path, capsys, monkeypatch):
    write(tmp_path / "news" / "provenance.toml", 'fail_on = "info"\n')
    article = write(tmp_path / "news" / "articles" / "a.txt", LEDE)
    monkeypatch.chdir(tmp_path)
    assert main(["config", "show", "news/articles/a.txt"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# provenance configuration in force for news/articles/a.txt\n")
    assert f"# read from: {(tmp_path / 'news' / 'provenance.toml').resolve()}\n" in out
    assert 'fail_on = "info"' in out
    assert article.exists()


@pytest.mark.model
def test_config_is_found_from_each_input_not_the_working_directory(tmp_path, capsys, monkeypatch):
    write(tmp_path / "news" / "provenance.toml", 'fail_on = "info"\n')
    write(tmp_path / "news" / "articles" / "b.txt", VAGUE)
    write(tmp_path / "other" / "b.txt", VAGUE)
    write(tmp_path / "other" / "provenance.toml", 'fail_on = "never"\nformat = "json"\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = check(capsys, "news/articles/b.txt")  # ATT101 is info: fails under news/'s fail_on
    assert code == 1 and "ATT101 info" in out
    code, _, _ = check(capsys, "other/b.txt")
    assert code == 0
    # two configurations in one run: each article under its own fail_on
    code, _, _ = check(capsys, "other/b.txt", "news/articles/b.txt")
    assert code == 1
    monkeypatch.chdir(tmp_path / "other")
    code, out, _ = check(capsys, "b.txt")
    assert code == 0 and json.loads(out)["document"]["path"] == "b.txt"  # format from the file


# --- rule selection, exclude, per-file ignores, statistics --------------------------------------


@pytest.mark.model
def test_select_ignore_and_extend_select(tmp_path, capsys, monkeypatch):
    write(tmp_path / "a.txt", LEDE + "\n" + VAGUE)
    monkeypatch.chdir(tmp_path)
    _, out, _ = check(capsys, "a.txt", "--format", "json", "--fail-on", "never")
    assert codes(out) == ["ATT101", "SRC202"]
    _, out, _ = check(capsys, "a.txt", "--format", "json", "--select", "ATT101")
    assert codes(out) == ["ATT101"]
    _, out, _ = check(capsys, "a.txt", "--format", "json", "--ignore", "SRC2,CHN")
    assert codes(out) == ["ATT101"]
    write(tmp_path / "provenance.toml", 'select = ["SRC"]\nformat = "json"\n')
    _, out, _ = check(capsys, "a.txt")
    assert codes(out) == ["SRC202"]
    _, out, _ = check(capsys, "a.txt", "--extend-select", "vague-attribution")
    assert codes(out) == ["ATT101", "SRC202"]
    write(tmp_path / "provenance.toml", 'ignore = ["ATT"]\nformat = "json"\n')
    _, out, _ = check(capsys, "a.txt", "--ignore", "SRC202")  # added to the file's ignore
    assert codes(out) == []


@pytest.mark.model
def test_exclude_and_per_file_ignores(tmp_path, capsys, monkeypatch):
    write(tmp_path / "provenance.toml",
          'exclude = ["drafts", "articles/wire/*.txt"]\nformat = "json"\nfail_on = "never"\n\n'
          '[per-file-ignores]\n"articles/opinion/**" = ["ATT101"]\n')
    for rel in ("articles/a.txt", "articles/drafts/x.txt", "articles/opinion/o.txt", "articles/wire/w.txt"):
        write(tmp_path / rel, VAGUE)
    monkeypatch.chdir(tmp_path / "articles")
    _, out, _ = check(capsys, ".")
    reports = json.loads(out)
    assert [r["document"]["path"] for r in reports] == ["a.txt", "opinion/o.txt"]
    assert [[f["code"] for f in r["findings"]] for r in reports] == [["ATT101"], []]
    # named files are checked unless --force-exclude (what the pre-commit hook passes)
    _, out, _ = check(capsys, "drafts/x.txt")
    assert json.loads(out)["document"]["path"] == "drafts/x.txt"
    code, out, err = check(capsys, "drafts/x.txt", "wire/w.txt", "--force-exclude")
    assert code == 0 and out == "" and "every input is excluded" in err
    _, out, _ = check(capsys, "drafts/x.txt", "a.txt", "--force-exclude")
    assert json.loads(out)["document"]["path"] == "a.txt"


@pytest.mark.model
def test_statistics_and_wrote_n_reports(tmp_path, capsys, monkeypatch):
    write(tmp_path / "in" / "a.txt", LEDE + "\n" + VAGUE)
    write(tmp_path / "in" / "b.txt", VAGUE)
    monkeypatch.chdir(tmp_path)
    code, out, _ = check(capsys, "in", "--statistics")
    assert code == 1
    assert out == ("2  ATT101  info     vague-attribution\n"
                   "1  SRC202  error    headline-state-media-only\n"
                   "3 findings in 2 files\n")
    _, out, _ = check(capsys, "in", "--statistics", "--format", "json")
    assert json.loads(out)[0] == {"code": "ATT101", "rule": "vague-attribution", "severity": "info", "count": 2}
    code, out, err = check(capsys, "in", "--format", "html", "-o", "reports", "--fail-on", "never")
    assert code == 0 and out == ""
    assert err == "provenance: wrote 2 reports and index.html to reports/\n"
    code, out, err = check(capsys, "in", "--format", "json", "-o", "r2", "-q")
    assert err == "" and sorted(p.name for p in (tmp_path / "r2").iterdir()) == ["a.json", "b.json", "index.json"]


# --- baselines from any folder; PRV901 at warning ----------------------------------------------


@pytest.mark.model
def test_baseline_paths_are_relative_to_the_configuration_folder(tmp_path, capsys, monkeypatch):
    write(tmp_path / "provenance.toml", 'fail_on = "error"\n')
    write(tmp_path / "articles" / "a.txt", LEDE)
    monkeypatch.chdir(tmp_path)
    code, _, _ = check(capsys, "articles", "--format", "json", "-o", "reports.json")
    assert code == 1
    write(tmp_path / "provenance.toml", 'baseline = "provenance-baseline.json"\n')
    assert main(["baseline", "write", "--baseline", "provenance-baseline.json", "reports.json"]) == 0
    capsys.readouterr()
    entries = json.loads((tmp_path / "provenance-baseline.json").read_text())["entries"]
    assert [e["path"] for e in entries] == ["articles/a.txt"]
    code, _, err = check(capsys, "articles")
    assert code == 0 and "WARNING" not in err
    monkeypatch.chdir(tmp_path / "articles")  # the same baseline, checked from below
    code, out, err = check(capsys, ".")
    assert code == 0 and "1 suppressed" in out and "WARNING" not in err
    # a baseline whose paths are for another folder: a warning, and the findings fail
    write(tmp_path / "articles" / "other.json", json.dumps({"baseline_version": 1, "entries": [
        dict(entries[0], path="elsewhere/a.txt")]}))
    code, _, err = check(capsys, "a.txt", "--baseline", "other.json")
    assert code == 1
    assert "other.json: baseline matches no checked file" in err and "'articles/a.txt'" in err
    write(tmp_path / "articles" / "new.txt", VAGUE)  # a file the baseline never knew: no warning
    code, _, err = check(capsys, "new.txt")
    assert code == 0 and "baseline" not in err


@pytest.mark.model
def test_baseline_written_from_a_subfolder_matches_a_check_from_the_root(tmp_path, capsys, monkeypatch):
    write(tmp_path / "provenance.toml", 'fail_on = "error"\n')
    write(tmp_path / "articles" / "a.txt", LEDE)
    monkeypatch.chdir(tmp_path / "articles")
    code, _, _ = check(capsys, "a.txt", "--format", "json", "-o", "../report.json")
    assert code == 1
    assert main(["baseline", "write", "--baseline", "../provenance-baseline.json", "../report.json"]) == 0
    capsys.readouterr()
    entries = json.loads((tmp_path / "provenance-baseline.json").read_text())["entries"]
    assert [e["path"] for e in entries] == ["articles/a.txt"]  # relative to the configuration's folder
    monkeypatch.chdir(tmp_path)
    code, out, _ = check(capsys, "articles/a.txt", "--baseline", "provenance-baseline.json")
    assert code == 0 and "1 suppressed" in out


@pytest.mark.model
def test_mistyped_suppression_is_a_warning_that_min_severity_warning_shows(tmp_path, capsys, monkeypatch):
    write(tmp_path / "provenance.toml", 'min_severity = "warning"\n')
    write(tmp_path / "a.txt", '<!-- provenance: ignore[SRC2O2] reason="checked" -->\n' + LEDE)
    monkeypatch.chdir(tmp_path)
    code, out, _ = check(capsys, "a.txt")
    assert code == 1
    assert "PRV901 warning Suppression comment names unknown rule 'SRC2O2' (did you mean SRC202?)" in out
    assert "SRC202 error" in out


# --- pre-commit hook and GitHub Action ------------------------------------------------------------


def _hook() -> dict:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


def test_hook_honours_the_configuration_and_matches_articles_only():
    hook = _hook()
    assert hook["id"] == "provenance-check" and hook["language"] == "system"
    assert "--fail-on" not in hook["entry"] and "--force-exclude" in hook["entry"].split()
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def matched(path: str) -> bool:
        return bool(files.search(path)) and not exclude.search(path)

    for article in ("articles/a.txt", "a.md", "news/2026/b.markdown", "x.html", "y.htm", "reader/notes.txt"):
        assert matched(article), article
    for other in ("README.md", "docs/README.md", "TODO.txt", "CHANGELOG.md", "LICENSE.txt", "CONTRIBUTING.md",
                  "requirements.txt", "requirements-dev.txt", ".github/pull_request_template.md", "setup.py",
                  "provenance.toml", "data.json", "robots.txt"):
        assert not matched(other), other


def test_action_and_docs_leave_fail_on_to_the_configuration():
    workflow = yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8"))
    runs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    checks = [r for r in runs if "provenance check" in r]
    assert len(checks) == 2 and not any("--fail-on" in r for r in checks)
    upload = [s for s in workflow["jobs"]["code-scanning"]["steps"] if "upload-sarif" in s.get("uses", "")]
    assert upload and "always()" in upload[0]["if"]
    for doc in ("docs/ci.md", "docs/reports.md"):  # the two pages agree with the workflow: no --fail-on
        text = (ROOT / doc).read_text(encoding="utf-8")
        ci_runs = re.findall(r"provenance check [^`\n]*--format (?:sarif|github)[^`\n]*", text)
        assert ci_runs and not [r for r in ci_runs if "--fail-on" in r], doc


def test_docs_name_one_release_tag_matching_the_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    tag = f"v{version}"
    texts = {p: (ROOT / p).read_text(encoding="utf-8")
             for p in ("docs/ci.md", ".pre-commit-hooks.yaml", "examples/github-actions.yml")}
    for path, text in texts.items():
        named = set(re.findall(r"(?:rev: |@)(v\d+\.\d+\.\d+)", text))
        assert named == {tag}, (path, named)
    try:  # in a clone with tags (the release is tagged by the maintainers), the tag exists
        tags = subprocess.run(["git", "-C", str(ROOT), "tag", "--list"], check=False, capture_output=True, text=True,
                              timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        tags = []
    if tags:
        assert tag in tags


# --- index page, packaging -------------------------------------------------------------------------


def test_index_page_without_datelines_has_no_empty_columns_and_shows_totals():
    from tests.report_fixtures import gold_report

    a = gold_report(path="a.txt")
    bare = a.model_copy(update={"document": a.document.model_copy(update={"publisher": None, "date": None,
                                                                          "title": None})})
    html = render_index_html([IndexEntry(bare, "a.html")])
    assert ">Publisher<" not in html and ">Date<" not in html
    assert html.count(">a.txt<") == 1 and 'class="small muted"' not in html  # the path once, as the link
    assert re.search(r'id="totals"><span>\d+ findings \(', html)
    full = render_index_html([IndexEntry(a, "a.html")])
    assert ">Publisher<" in full and ">Date<" in full


def test_pyproject_license_is_an_spdx_expression():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "Apache-2.0"
    build = project["build-system"]["requires"]
    assert any(re.fullmatch(r"setuptools>=(\d+)", r) and int(r.split(">=")[1]) >= 77 for r in build)
