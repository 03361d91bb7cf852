"""Hostile and broken inputs through `provenance check`: a clear one-line error (exit 2) or
a report, never a traceback; one bad file never sinks a batch; interrupts leave no
half-written report.  Tests marked ``model`` parse with the bundled model (in-process
tests share one loaded pipeline); none depends on the model's accuracy."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from provenance.cli.main import main
from provenance.nlp import parser as nlp_parser
from tests.conftest import ROOT

SAID = "The minister said the talks would continue on Monday, according to Yonhap.\n"


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("provenance: error:")]


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("provenance: error: ")
    return lines[0]


# --- single inputs -------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n", b"\xef\xbb\xbf\r\n \r\n"], ids=["empty", "blank", "bom-crlf"])
def test_empty_or_blank_file_gives_a_report_without_statements(tmp_path, capsys, content):
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    code, out, err = run_cli(capsys, str(f), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["statements"] == [] and report["findings"] == []
    assert report["summary"]["statements"] == 0


@pytest.mark.parametrize("data, why", [
    (b"The minister said\x00 the talks failed.\n", "NUL bytes"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "NUL bytes"),
    (bytes(range(1, 9)) * 40 + b"said\n", "control characters"),
], ids=["nul", "png", "controls"])
def test_binary_data_is_refused_with_one_line(tmp_path, capsys, data, why):
    f = tmp_path / "story.txt"
    f.write_bytes(data)
    code, out, err = run_cli(capsys, str(f))
    assert code == 2 and out == ""
    line = one_line_error(err)
    assert str(f) in line and "binary" in line and why in line


@pytest.mark.model
def test_non_utf8_names_the_file_and_suggests_encoding_which_then_works(tmp_path, capsys):
    f = tmp_path / "cafe.txt"
    f.write_bytes("The café owner said the talks would continue.\n".encode("latin-1"))
    code, out, err = run_cli(capsys, str(f), "--format", "json")
    assert code == 2 and out == ""
    line = one_line_error(err)
    assert str(f) in line and "--encoding" in line
    code, out, err = run_cli(capsys, str(f), "--format", "json", "--encoding", "latin-1", "--fail-on", "never")
    assert code == 0
    report = json.loads(out)
    assert "café" in " ".join(s["text"] for s in report["statements"])


def test_unknown_encoding_is_a_one_line_error(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(SAID)
    code, _, err = run_cli(capsys, str(f), "--encoding", "no-such-codec")
    assert code == 2 and "no-such-codec" in one_line_error(err)


def test_file_over_max_bytes_is_refused_with_the_limit(tmp_path, capsys):
    f = tmp_path / "big.txt"
    f.write_bytes(b"Officials said so.\n" + b" " * 2_000_000)
    code, out, err = run_cli(capsys, str(f))
    assert code == 2 and out == ""
    line = one_line_error(err)
    assert "2000000" in line and "--max-bytes" in line and str(f) in line
    code, _, err = run_cli(capsys, str(tmp_path / "big.txt"), "--max-bytes", "10")
    assert code == 2 and "10-byte limit" in one_line_error(err)


@pytest.mark.model
def test_max_bytes_can_raise_the_limit(tmp_path, capsys):
    f = tmp_path / "big.txt"
    f.write_bytes(b"Officials said so.\n" + b" " * 2_100_000)
    code, out, err = run_cli(capsys, str(f), "--max-bytes", "3000000", "--format", "json", "--fail-on", "never")
    assert code == 0
    assert json.loads(out)["document"]["characters"] > 2_000_000


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_max_bytes_must_be_a_positive_number(tmp_path, capsys, value):
    f = tmp_path / "a.txt"
    f.write_text(SAID)
    with pytest.raises(SystemExit) as exc:
        main(["check", str(f), "--max-bytes", value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--max-bytes" in err and "Traceback" not in err


def test_empty_directory_is_a_clear_error(tmp_path, capsys):
    d = tmp_path / "articles"
    (d / "sub").mkdir(parents=True)
    (d / "notes.pdf").write_bytes(b"%PDF")
    code, out, err = run_cli(capsys, str(d))
    assert code == 2 and out == ""
    line = one_line_error(err)
    assert str(d) in line and "no articles found" in line


def test_missing_file_is_a_one_line_error(tmp_path, capsys):
    code, _, err = run_cli(capsys, str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt" in one_line_error(err)


# --- a run-on "sentence" of tens of thousands of words -----------------------------------------

VOCAB = ("the minister said that officials in Seoul had met with reporters and , according to KCNA "
         "the leader quoted as saying talks would continue on Monday").split()


def run_on_line(words: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    return " ".join(rnd.choice(VOCAB) for _ in range(words)) + "\n"


def test_run_on_line_is_cut_into_bounded_pieces():
    text = run_on_line(30_000)
    pieces = [p for s, e in nlp_parser._chunks(text) for p in nlp_parser._pieces(text, s, e)]
    token = re.compile(r"\w+|[^\w\s]")
    assert all(e - s <= nlp_parser.MAX_SENTENCE_CHARS for s, e in pieces)
    assert all(len(token.findall(text, s, e)) <= nlp_parser.MAX_SENTENCE_TOKENS for s, e in pieces)
    pos = 0  # in order, nothing but whitespace left out
    for s, e in pieces:
        assert s >= pos and not text[pos:s].strip()
        pos = e
    assert not text[pos:].strip()
    # glued tokens and one endless token are cut too
    for glued in ("a," * 6_000, "x" * 7_000):
        spans = [p for s, e in nlp_parser._chunks(glued) for p in nlp_parser._pieces(glued, s, e)]
        assert all(e - s <= nlp_parser.MAX_SENTENCE_CHARS for s, e in spans)
        assert all(len(token.findall(glued, s, e)) <= nlp_parser.MAX_SENTENCE_TOKENS for s, e in spans)
        assert "".join(glued[s:e] for s, e in spans) == glued


def test_ordinary_prose_is_not_cut():
    text = (ROOT / "seeds" / "000_6a10e030e5c8f4fd.txt").read_text(encoding="utf-8")
    text = "\n\n".join([text] * 3)
    for s, e in nlp_parser._chunks(text):
        assert nlp_parser._pieces(text, s, e) == [(s, e)]


class StubPipeline:
    """Stands in for stanza: one flat tree per piece; records the largest piece it saw."""

    def __init__(self) -> None:
        self.max_tokens = 0
        self.max_chars = 0

    def _doc(self, text: str):  # type: ignore[no-untyped-def]
        from stanza.models.common.doc import Document

        toks = list(re.finditer(r"\w+|[^\w\s]", text))
        self.max_tokens = max(self.max_tokens, len(toks))
        self.max_chars = max(self.max_chars, len(text))
        words = [{"id": i + 1, "text": m.group(), "lemma": m.group().lower(),
                  "upos": "VERB" if m.group() == "said" else "NOUN",
                  "head": 0 if i == 0 else 1, "deprel": "root" if i == 0 else "dep",
                  "start_char": m.start(), "end_char": m.end()} for i, m in enumerate(toks)]
        return Document([words] if words else [], text=text)

    def __call__(self, text: str):  # type: ignore[no-untyped-def]
        return self._doc(text)

    def bulk_process(self, texts: list[str]) -> list:
        return [self._doc(t) for t in texts]


def test_run_on_line_of_30000_words_goes_through_check_bounded(tmp_path, capsys, monkeypatch):
    stub = StubPipeline()
    monkeypatch.setattr(nlp_parser, "load_pipeline", lambda spec: stub)
    f = tmp_path / "runon.txt"
    f.write_text(run_on_line(30_000))
    code, out, err = run_cli(capsys, str(f), "--format", "json", "--no-cache", "--fail-on", "never")
    assert code == 0
    assert stub.max_tokens <= nlp_parser.MAX_SENTENCE_TOKENS
    assert stub.max_chars <= nlp_parser.MAX_SENTENCE_CHARS
    assert json.loads(out)["document"]["words"] == 30_000


@pytest.mark.model
def test_run_on_line_with_the_model_is_bounded_in_time_and_memory(tmp_path):
    """A real process (peak memory is measurable); 3,000 words in one "sentence" would take
    gigabytes unbounded.  (30,000 words: ~9 ms/word on a loaded 2-core machine, the same
    rate as ordinary prose, under 1 GB.)  No wall-clock assertion: the timeout only stops a
    hang (under heavy load the run took over 120 s once)."""
    import resource

    f = tmp_path / "runon.txt"
    f.write_text(run_on_line(3_000))
    proc = subprocess.run([sys.executable, "-m", "provenance.cli.main", "check", str(f), "--format", "json",
                           "--no-cache", "--fail-on", "never", "-j", "1"],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["document"]["words"] == 3_000
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 2_500, peak_mb


# --- content that must not crash -------------------------------------------------------------

FRENCH = ("Le ministre a déclaré lundi que les négociations avec la Corée du Nord se poursuivraient la "
          "semaine prochaine, selon l'agence de presse officielle. Les responsables de Séoul ont confirmé "
          "la réunion, mais ils ont refusé de donner des détails sur le contenu des discussions. Selon des "
          "sources diplomatiques, les deux parties se sont mises d'accord sur un calendrier.\n")


@pytest.mark.model
def test_non_english_text_gives_a_warning_and_a_report(tmp_path, capsys):
    f = tmp_path / "fr.txt"
    f.write_text(FRENCH, encoding="utf-8")
    code, out, err = run_cli(capsys, str(f), "--format", "json", "--fail-on", "never")
    assert code == 0
    assert "non-English" in err and str(f) in err
    report = json.loads(out)
    assert any("non-English" in w for w in report["document"]["warnings"])
    assert report["statements"]


HOSTILE_HTML = """<!DOCTYPE html><html><head><title>Talks story</title>
<style>body { color: red } .x::after { content: "STYLETEXT said" }</style>
<script>var s = "SCRIPTTEXT the minister said"; document.write(s);</script></head>
<body><article><p>The minister said the talks would continue on Monday.</p>
<script type="text/javascript">alert("SCRIPTTEXT officials said")</script>
<script>/*<![CDATA[*/ if (a < b) { x = "</p>SCRIPTTEXT"; } /*]]>*/</script>
<noscript>NOSCRIPTTEXT enable scripts, officials said.</noscript>
<p>Seoul officials, according to Yonhap, confirmed the meeting.</p>
<SCRIPT src="x.js">SCRIPTTEXT</SCRIPT></article></body></html>
"""


@pytest.mark.model
def test_html_scripts_and_styles_never_become_text(tmp_path, capsys):
    from provenance.ingest import load_article

    f = tmp_path / "story.html"
    f.write_text(HOSTILE_HTML, encoding="utf-8")
    article = load_article(f)
    for marker in ("SCRIPTTEXT", "STYLETEXT", "document.write", "color: red"):
        assert marker not in article.text
    code, out, err = run_cli(capsys, str(f), "--format", "json", "--fail-on", "never")
    assert code == 0
    report = json.loads(out)
    texts = " ".join(s["text"] for s in report["statements"])
    assert "talks would continue" in texts
    assert "SCRIPTTEXT" not in texts and "STYLETEXT" not in texts and "document.write" not in texts


@pytest.mark.model
def test_unbalanced_quotation_marks_are_a_finding(tmp_path, capsys):
    f = tmp_path / "quotes.txt"
    f.write_text('The minister said "the talks would continue on Monday.\n\n'
                 'Officials in Seoul confirmed the meeting, Yonhap reported.\n\n'
                 'A spokesman said” nothing more.\n', encoding="utf-8")
    code, out, err = run_cli(capsys, str(f), "--format", "json", "--fail-on", "never")
    assert code == 0
    codes = [x["code"] for x in json.loads(out)["findings"]]
    assert "QUO401" in codes


# --- batches ------------------------------------------------------------------------------------


def make_batch(d: Path) -> None:
    (d / "a").mkdir(parents=True)
    (d / "a" / "good.txt").write_text(SAID)
    (d / "b.md").write_text("# Talks\n\nOfficials said the meeting was held, KCNA reported.\n")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02 said")
    (d / "latin.txt").write_bytes("Le café, said the owner.\n".encode("latin-1"))


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["json", "html"])
def test_one_bad_file_never_sinks_a_batch_written_to_a_folder(tmp_path, capsys, fmt):
    src = tmp_path / "in"
    make_batch(src)
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, str(src), "--format", fmt, "--output", str(out), "--fail-on", "never")
    assert code == 2
    errors = error_lines(err)
    assert len(errors) == 2
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("latin.txt" in e and "--encoding" in e for e in errors)
    ext = ".json" if fmt == "json" else ".html"
    assert sorted(p.name for p in out.iterdir()) == sorted([f"a__good{ext}", f"b{ext}", f"index{ext}"])
    if fmt == "json":
        index = json.loads((out / "index.json").read_text())
        assert [r["document"]["path"] for r in index] == sorted([str(src / "a" / "good.txt"), str(src / "b.md")])
        assert json.loads((out / "b.json").read_text())["document"]["path"] == str(src / "b.md")
    else:
        page = (out / "index.html").read_text()
        assert "Not checked (2)" in page and "binary.txt" in page and "latin.txt" in page


@pytest.mark.model
def test_one_bad_file_in_a_text_sarif_and_github_batch(tmp_path, capsys):
    src = tmp_path / "in"
    make_batch(src)
    missing = str(tmp_path / "missing.txt")
    code, out, err = run_cli(capsys, str(src), missing, "--fail-on", "never")
    assert code == 2
    assert len(error_lines(err)) == 3
    assert f"{src / 'binary.txt'}: not checked: " in out and f"{missing}: not checked: " in out
    assert "2 files:" in out  # the summary of the checked files

    code, out, err = run_cli(capsys, str(src), "--format", "sarif", "--fail-on", "never")
    assert code == 2
    run = json.loads(out)["runs"][0]
    assert {a["location"]["uri"].rsplit("/", 1)[-1] for a in run["artifacts"]} >= {"good.txt", "b.md"}
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1] for n in notes] == [
        "binary.txt", "latin.txt"]

    code, out, err = run_cli(capsys, str(src), "--format", "github", "--fail-on", "never")
    assert code == 2
    assert re.search(r"^::error file=[^,]*binary\.txt,title=not checked::", out, re.M)


def test_all_files_bad_still_reports_each(tmp_path, capsys):
    (tmp_path / "x.txt").write_bytes(b"\x00")
    (tmp_path / "y.txt").write_bytes(b"\xff\xfe\xfa")
    code, out, err = run_cli(capsys, str(tmp_path), "--format", "json")
    assert code == 2
    assert json.loads(out) == []
    assert len(error_lines(err)) == 2


# --- interrupts: no half-written report --------------------------------------------------------


def _children(pid: int) -> set[int]:
    try:
        return {int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _batch_dir(src: Path, count: int) -> None:
    src.mkdir()
    for i in range(count):
        (src / f"art{i:02d}.txt").write_text(
            f"Story {i}. The minister said the talks would continue, according to Yonhap.\n\n"
            f"Officials in Seoul said {i} people attended, KCNA reported.\n")


def _cli(*argv: str, env: dict[str, str] | None = None, **kw) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(
        [sys.executable, "-m", "provenance.cli.main", *argv], text=True, env={**os.environ, **(env or {})},
        # a shell that started the test run in the background leaves SIGINT ignored, and
        # children inherit that: give the checked process the default disposition
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **kw,
    )


@pytest.mark.model
@pytest.mark.parametrize("sig, jobs, expect", [("TERM", "1", 143), ("INT", "2", 130)],
                         ids=["sigterm", "sigint-workers"])
def test_interrupt_mid_batch_leaves_only_complete_reports(tmp_path, sig, jobs, expect):
    """Deterministic: the batch signals itself once 3 reports are written (a test hook,
    ``PROVENANCE_TEST_SIGNAL_AFTER``), through the same handler as a signal from outside."""
    src = tmp_path / "in"
    _batch_dir(src, 8)
    out = tmp_path / "out"
    if jobs == "1":  # parses cached: the run starts quickly (with workers, parses must be missing)
        assert main(["check", str(src), "--format", "json", "--fail-on", "never", "-q"]) == 0
    cache = ["--no-cache"] if jobs != "1" else []
    proc = _cli("check", str(src), "--format", "json", "--output", str(out), *cache, "--fail-on", "never",
                "-j", jobs, env={"PROVENANCE_TEST_SIGNAL_AFTER": f"3:{sig}"})
    children: set[int] = set()
    try:
        while proc.poll() is None and len(children) < 3 and jobs != "1":  # the resource tracker, two workers
            children |= _children(proc.pid)
            time.sleep(0.05)
        stdout, stderr = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == expect, stderr
    assert "Traceback" not in stderr
    assert ("terminated" if sig == "TERM" else "interrupted") in stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["art00.json", "art01.json", "art02.json"]  # no temporary file, no index
    for name in names:  # every report on disk is complete
        report = json.loads((out / name).read_text())
        assert report["document"]["path"].endswith(name.replace(".json", ".txt"))
    if jobs != "1":
        assert children, "no worker processes were started"
    deadline = time.monotonic() + 30
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [c for c in children if _alive(c)], "worker processes outlived the interrupted batch"


@pytest.mark.model
def test_kill_9_leaves_no_worker_or_resource_tracker(tmp_path):
    """After ``kill -9`` of a ``-j 2`` batch its worker processes (and the resource
    tracker) end by themselves: they watch their parent."""
    src = tmp_path / "in"
    _batch_dir(src, 12)
    # no pipes: a process that outlived the batch would hold them open
    proc = _cli("check", str(src), "--format", "json", "--output", str(tmp_path / "out"), "--no-cache",
                "--fail-on", "never", "-j", "2", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 200
        while time.monotonic() < deadline and proc.poll() is None and len(children) < 3:
            children |= _children(proc.pid)  # the resource tracker and two workers
            time.sleep(0.05)
        assert proc.poll() is None and len(children) >= 3, children
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 30
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [c for c in children if _alive(c)]
    for pid in left:  # do not leave them running (the test fails anyway)
        os.kill(pid, signal.SIGKILL)
    assert not left, "processes outlived the killed batch"


@pytest.mark.model
def test_a_dying_worker_fails_only_the_article_it_held(tmp_path, capsys):
    """Test hook ``PROVENANCE_TEST_WORKER_CRASH``: the worker parsing art02 kills itself
    every time (art02 is reported as not checked, exit 3: a crash); the one parsing art04
    dies once and the retry succeeds; every other article is reported.  (The others are
    in the parse cache, so that only these two go to the workers: fewer model loads.)"""
    src = tmp_path / "in"
    _batch_dir(src, 6)
    assert main(["check", str(src), "--format", "json", "--fail-on", "never", "-q"]) == 0
    capsys.readouterr()
    (src / "art02.txt").write_text((src / "art02.txt").read_text() + "ALWAYSCRASH\n")
    (src / "art04.txt").write_text((src / "art04.txt").read_text() + "ONCECRASH\n")
    out = tmp_path / "out"
    flag = tmp_path / "crashed-once"
    proc = _cli("check", str(src), "--format", "json", "--output", str(out), "--fail-on", "never",
                "-j", "2", env={"PROVENANCE_TEST_WORKER_CRASH": f"ALWAYSCRASH,ONCECRASH:{flag}"})
    _, stderr = proc.communicate(timeout=400)
    assert proc.returncode == 3, stderr
    assert "Traceback" not in stderr
    assert flag.exists()
    errors = error_lines(stderr)
    assert len(errors) == 1 and "art02.txt" in errors[0] and "worker process" in errors[0], stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["art00.json", "art01.json", "art03.json", "art04.json", "art05.json", "index.json"]


def test_write_atomic_is_all_or_nothing(tmp_path, monkeypatch):
    from provenance import fileio
    from provenance.errors import UserError

    target = tmp_path / "r.json"
    fileio.write_atomic(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert target.stat().st_mode & 0o777 == 0o666 & ~fileio._umask()  # not mkstemp's 0600

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fileio.write_atomic(tmp_path / "half.json", "x" * 100_000)
    monkeypatch.undo()
    (tmp_path / "sub").mkdir()
    with pytest.raises(UserError, match="cannot write"):
        fileio.write_atomic(tmp_path / "sub", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "sub"]
