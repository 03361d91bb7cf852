"""`provenance check` as a batch tool: output naming, determinism, worker processes, logging."""

from __future__ import annotations

import io
import json
import os
import random
import shutil

import pytest

from provenance.cli.cmd_check import collect_inputs, page_names
from provenance.cli.main import main
from tests.conftest import ROOT

ARTICLES = {
    "a/x.txt": "The minister said the talks would continue on Monday, according to Yonhap.\n",
    "b/x.txt": "Officials in Seoul said the meeting was held, KCNA reported.\n",
    "b/y.md": '# Summit\n\n"We will meet again," the leader was quoted as saying by KCNA.\n',
    "c.html": "<html><head><title>Trade</title></head><body><p>Exports rose, the ministry said.</p></body></html>\n",
}


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def make_tree(root):
    for rel, text in ARTICLES.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


# --- naming ------------------------------------------------------------------------------------


def test_page_names_use_the_path_under_the_common_root(tmp_path):
    make_tree(tmp_path)
    files = [str(tmp_path / rel) for rel in ARTICLES]
    names = page_names(files)
    assert names == {files[0]: "a__x", files[1]: "b__x", files[2]: "b__y", files[3]: "c"}
    shuffled = files[:]
    random.Random(3).shuffle(shuffled)
    assert page_names(shuffled) == names


def test_page_names_relative_to_a_deeper_common_root(tmp_path):
    names = page_names([str(tmp_path / "in" / "a" / "x.txt"), str(tmp_path / "in" / "a" / "deep" / "y.txt")])
    assert sorted(names.values()) == ["deep__y", "x"]
    assert page_names([str(tmp_path / "one.txt")]) == {str(tmp_path / "one.txt"): "one"}


def test_page_names_never_clash(tmp_path):
    files = [str(tmp_path / n) for n in ("x.txt", "x.md", "X.html", "index.txt", "a__x.txt", "a/x.txt", "y.txt")]
    names = page_names(files + ["-"])
    values = list(names.values())
    assert len({v.casefold() for v in values}) == len(values)
    assert "index" not in [v.casefold() for v in values]
    assert names[str(tmp_path / "y.txt")] == "y" and names["-"] == "stdin"
    assert names[str(tmp_path / "x.txt")] == "x.txt" and names[str(tmp_path / "x.md")] == "x.md"
    assert names[str(tmp_path / "index.txt")] == "index.txt"
    assert names[str(tmp_path / "a__x.txt")].startswith("a__x.txt-") and names[str(tmp_path / "a/x.txt")].startswith("a__x.txt-")
    assert page_names(list(reversed(files)) + ["-"]) == names


def test_collect_inputs_sorted_deduplicated_hidden_and_output_skipped(tmp_path):
    make_tree(tmp_path / "in")
    (tmp_path / "in" / ".git").mkdir()
    (tmp_path / "in" / ".git" / "x.txt").write_text("no")
    (tmp_path / "in" / ".hidden.txt").write_text("no")
    (tmp_path / "in" / "out").mkdir()
    (tmp_path / "in" / "out" / "old.html").write_text("no")
    found = collect_inputs([str(tmp_path / "in"), str(tmp_path / "in" / "c.html")], exclude=tmp_path / "in" / "out")
    assert found == sorted(str(tmp_path / "in" / rel) for rel in ARTICLES)


# --- batches through the CLI --------------------------------------------------------------------


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return make_tree(tmp_path_factory.mktemp("tree"))


@pytest.mark.model
def test_same_stem_in_two_folders_gives_two_pages_and_an_index(tree, tmp_path, capsys):
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, str(tree), "--format", "json", "--output", str(out), "--fail-on", "never", "-j", "1")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["a__x.json", "b__x.json", "b__y.json", "c.json", "index.json"]
    assert json.loads((out / "a__x.json").read_text())["document"]["path"] == str(tree / "a" / "x.txt")
    assert json.loads((out / "b__x.json").read_text())["document"]["path"] == str(tree / "b" / "x.txt")
    index = json.loads((out / "index.json").read_text())
    assert [r["document"]["path"] for r in index] == sorted(str(tree / rel) for rel in ARTICLES)
    assert all(oct(p.stat().st_mode & 0o777) != "0o600" for p in out.iterdir())  # ordinary files, not mkstemp's 0600


def _outputs(capsys, inputs: list[str], dest) -> dict[str, bytes]:
    """Every output format for these inputs, as bytes."""
    got: dict[str, bytes] = {}
    for fmt in ("json", "sarif", "text", "github"):
        target = dest / f"all.{fmt}"
        code, _, err = run_cli(capsys, *inputs, "--format", fmt, "--output", str(target), "--fail-on", "never", "-j", "1")
        assert code == 0, err
        got[fmt] = target.read_bytes()
    for fmt in ("json", "html"):
        folder = dest / f"pages-{fmt}"
        code, _, err = run_cli(capsys, *inputs, "--format", fmt, "--output", str(folder), "--fail-on", "never", "-j", "1")
        assert code == 0, err
        for p in sorted(folder.iterdir()):
            got[f"{fmt}/{p.name}"] = p.read_bytes()
    return got


@pytest.mark.model
def test_outputs_are_byte_identical_across_runs_and_input_orders(tree, tmp_path, capsys):
    first = _outputs(capsys, [str(tree)], tmp_path / "one")
    again = _outputs(capsys, [str(tree)], tmp_path / "two")
    files = [str(tree / rel) for rel in ARTICLES]
    random.Random(7).shuffle(files)
    shuffled = _outputs(capsys, files, tmp_path / "three")
    assert first == again
    assert first == shuffled
    paths = [r["document"]["path"] for r in json.loads(first["json"])]
    assert paths == sorted(paths) and len(paths) == len(ARTICLES)
    assert "html/index.html" in first and "json/index.json" in first


@pytest.mark.model
def test_worker_processes_give_the_same_reports_and_fill_the_cache(tree, tmp_path, capsys, monkeypatch):
    serial = tmp_path / "serial.json"
    code, _, _ = run_cli(capsys, str(tree), "--format", "json", "-o", str(serial), "--fail-on", "never", "-j", "1", "--no-cache")
    assert code == 0
    monkeypatch.setenv("PROVENANCE_CACHE_DIR", str(tmp_path / "cache"))
    pooled = tmp_path / "pooled.json"
    code, _, err = run_cli(capsys, str(tree), "--format", "json", "-o", str(pooled), "--fail-on", "never", "-j", "2", "-v")
    assert code == 0
    assert f"parsing {len(ARTICLES)} articles in 2 worker processes" in err
    assert pooled.read_bytes() == serial.read_bytes()
    entries = list((tmp_path / "cache").rglob("*.json"))
    analyses = [e for e in entries if "analyses" in e.parts]
    assert len(entries) - len(analyses) == len(ARTICLES)  # the workers filled the parse cache
    assert len(analyses) == len(ARTICLES)  # and the parent the analysis cache
    cached = tmp_path / "cached.json"
    code, _, err = run_cli(capsys, str(tree), "--format", "json", "-o", str(cached), "--fail-on", "never", "-j", "2", "-v")
    assert code == 0 and "worker processes" not in err  # nothing to parse: no pool
    assert err.count("(cache hit)") == 2 * len(ARTICLES)  # each article: its parse and its analysis
    assert cached.read_bytes() == serial.read_bytes()


@pytest.mark.model
def test_verbose_logs_stage_times_and_words_per_second(tree, capsys):
    code, _, err = run_cli(capsys, str(tree), "--format", "json", "-v", "-j", "1", "--fail-on", "never")
    assert code == 0
    for rel in ARTICLES:
        assert f"{tree / rel}: " in err
    assert err.count(" ingest ") == len(ARTICLES) and err.count(" analyse ") == len(ARTICLES)
    assert f"{len(ARTICLES)} articles," in err and "words/s" in err
    assert "\r" not in err  # no progress bar: stderr is not a terminal


@pytest.mark.model
def test_quiet_batch_writes_nothing_on_stderr(tree, capsys):
    code, out, err = run_cli(capsys, str(tree), "-q", "-j", "1", "--fail-on", "never")
    assert code == 0 and err == ""
    assert f"{len(ARTICLES)} files:" in out


def test_progress_bar_only_on_a_terminal(monkeypatch):
    from provenance.cli import cmd_check

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", Tty())
    assert not cmd_check._progress(5, quiet=False).disable
    assert cmd_check._progress(5, quiet=True).disable
    assert cmd_check._progress(1, quiet=False).disable
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert cmd_check._progress(5, quiet=False).disable


@pytest.mark.model
def test_stdin_is_an_input(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("The minister said the talks would continue.\n"))
    code, out, _ = run_cli(capsys, "-", "--format", "json", "--fail-on", "never")
    assert code == 0
    assert json.loads(out)["document"]["path"] == "<stdin>"


def test_sarif_into_a_directory_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("")
    code, _, err = run_cli(capsys, str(tmp_path / "a.txt"), "--format", "sarif", "--output", str(tmp_path))
    assert code == 2 and "is a directory" in err and len(err.strip().splitlines()) == 1


def test_html_of_several_articles_needs_a_folder(tmp_path, capsys):
    for n in ("a", "b"):
        (tmp_path / f"{n}.txt").write_text("")
    code, _, err = run_cli(capsys, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "html",
                           "--output", str(tmp_path / "r.html"))
    assert code == 2 and "--output DIR" in err


def test_jobs_must_be_positive(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", str(tmp_path), "-j", "0"])
    assert exc.value.code == 2 and "--jobs" in capsys.readouterr().err


def test_several_json_articles_into_a_new_folder(tmp_path, capsys):
    for n in ("a", "b"):
        (tmp_path / "in" / n).parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"{n}.txt").write_text("")
    out = tmp_path / "reports"
    code, _, _ = run_cli(capsys, str(tmp_path / "in"), "--format", "json", "--output", str(out))
    assert code == 0 and sorted(os.listdir(out)) == ["a.json", "b.json", "index.json"]
    shutil.rmtree(out)
    code, _, _ = run_cli(capsys, str(tmp_path / "in"), "--format", "json", "--output", str(tmp_path / "all.json"))
    assert code == 0 and len(json.loads((tmp_path / "all.json").read_text())) == 2


def test_worker_count():
    from provenance.check import AUTO_MAX_JOBS, MIN_ARTICLES_PER_WORKER, default_jobs, worker_count

    assert worker_count(1, 50) == 1 and worker_count(4, 2) == 2 and worker_count(3, 0) == 0
    assert worker_count(None, MIN_ARTICLES_PER_WORKER * 2 - 1) <= 1  # too few to pay for a second model load
    assert worker_count(None, 1_000) == min(default_jobs(), AUTO_MAX_JOBS)


def test_a_missing_model_stops_a_batch_with_one_line(tmp_path, capsys):
    for n in ("a", "b"):
        (tmp_path / f"{n}.txt").write_text("The minister said so.\n")
    (tmp_path / "model").mkdir()
    code, _, err = run_cli(capsys, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--model", str(tmp_path / "model"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "tokenize.pt" in err


# --- CI examples ------------------------------------------------------------------------------


def test_ci_examples_are_valid_and_run_the_documented_commands():
    import yaml

    root = ROOT
    workflow = yaml.safe_load((root / "examples" / "github-actions.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "provenance check articles/ --format sarif --output provenance.sarif" in runs
    assert "provenance check articles/ --format github" in runs
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "provenance-check")
    assert hook["entry"] == "provenance check --force-exclude"  # fail_on from the configuration
    assert hook["types_or"] == ["markdown", "html", "text"]
    assert os.access(root / "scripts" / "make_reports.sh", os.X_OK)
    doc = (root / "docs" / "ci.md").read_text()
    for needle in ("--fail-on", "--min-severity", "baseline write", "baseline prune", "ignore[", "143"):
        assert needle in doc
