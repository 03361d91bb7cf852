"""The hostile-input corpus (``tests/hostile_corpus.py``, generated) end to end, and the
hardening that is not about one input: closed standard streams, signals a library wraps,
crashes (exit 3), the JSON limits, the output-path rules of ``provenance.fileio``.

Corpus cases run in-process (they share one loaded model and the session's parse cache);
the closed-stream cases run the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from provenance.cli.main import main
from tests import hostile_corpus as corpus


def _run(capsys, monkeypatch, folder: Path, argv: list[str]) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _assert_clean(case: corpus.Case, folder: Path, code: int, err: str, before: dict) -> None:
    assert code in corpus.ALLOWED and code in case.codes, (code, err)
    assert "Traceback" not in err, err
    assert not corpus.temporaries(folder)
    assert corpus.snapshot(folder, case.keep) == before  # nothing destroyed or overwritten


@pytest.mark.model
@pytest.mark.parametrize("case", corpus.CASES, ids=[c.name for c in corpus.CASES])
def test_hostile_case(tmp_path, capsys, monkeypatch, case):
    argv = case.build(tmp_path)
    before = corpus.snapshot(tmp_path, case.keep)
    code, out, err = _run(capsys, monkeypatch, tmp_path, argv)
    _assert_clean(case, tmp_path, code, err, before)
    if case.name in corpus.ONE_LINE_ERROR:
        corpus._one_line(err)
    if case.check is not None:
        case.check(tmp_path, code, out, err)


@pytest.mark.model
def test_output_fifo_is_written_through(tmp_path, capsys, monkeypatch):
    """The report goes through the FIFO to its reader, and the FIFO stays a FIFO.

    The read end is opened (non-blocking) before the run, so the run's open for writing
    never waits for a reader, and a drain thread empties the pipe as the run fills it: no
    step of this test can block, whatever the run does."""
    case = corpus.FIFO_CASE
    argv = case.build(tmp_path)
    before = corpus.snapshot(tmp_path, case.keep)
    rfd = os.open(tmp_path / "fifo", os.O_RDONLY | os.O_NONBLOCK)
    got: list[bytes] = []
    done = threading.Event()

    def drain() -> None:
        while True:
            finished = done.is_set()  # read once more after the run ended
            try:
                chunk = os.read(rfd, 65536)
            except BlockingIOError:  # a writer is there, nothing to read yet
                chunk = b""
            if chunk:
                got.append(chunk)
            elif finished:
                return
            else:
                time.sleep(0.005)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        code, out, err = _run(capsys, monkeypatch, tmp_path, argv)
    finally:
        done.set()
        reader.join(timeout=30)
        os.close(rfd)
    _assert_clean(case, tmp_path, code, err, before)
    assert json.loads(b"".join(got))["document"]["path"] == "a.txt"


# --- closed standard streams: the real CLI ---------------------------------------------------


def _closed(fd: int, *argv: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "provenance.cli.main", *argv], cwd=cwd,
                          stdout=subprocess.PIPE if fd != 1 else None,
                          stderr=subprocess.PIPE, text=True, timeout=300, preexec_fn=lambda: os.close(fd),
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})


def test_closed_stdin_is_a_one_line_error(tmp_path):
    proc = _closed(0, "check", "-", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    corpus._one_line(proc.stderr)
    assert "standard input is closed" in proc.stderr


def test_closed_stdout_is_a_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text(corpus.SAID)
    proc = _closed(1, "check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    corpus._one_line(proc.stderr)
    assert "standard output is closed" in proc.stderr


# --- signals a library wraps; crashes -----------------------------------------------------------


def _folder(tmp_path: Path, n: int = 3) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(n):
        (src / f"art{i}.txt").write_text(f"Story {i}. " + corpus.SAID)
    return src


@pytest.mark.model
def test_sigterm_inside_a_pydantic_serializer_is_not_swallowed(tmp_path, capsys, monkeypatch):
    """pydantic turns a KeyboardInterrupt raised in a serializer into a
    PydanticSerializationError (a ValueError): the batch must still stop (exit 143, no
    index), not report an "internal error" and go on."""
    from pydantic import BaseModel, field_serializer

    from provenance.check import Checker

    class Slow(BaseModel):
        x: int = 0

        @field_serializer("x")
        def _ser(self, value: int) -> int:
            os.kill(os.getpid(), signal.SIGTERM)  # arrives while pydantic serializes
            return value

    real = Checker.check_article
    seen: list[str] = []

    def check_article(self, article, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(article.path)
        if len(seen) == 2:
            Slow().model_dump_json()
        return real(self, article, *args, **kwargs)

    monkeypatch.setattr(Checker, "check_article", check_article)
    src = _folder(tmp_path)
    out = tmp_path / "out"
    code = main(["check", str(src), "--format", "html", "-o", str(out), "-j", "1", "--fail-on", "never"])
    err = capsys.readouterr().err
    assert code == 143, err
    assert "terminated" in err and "internal error" not in err
    assert sorted(p.name for p in out.iterdir()) == ["art0.html"]


@pytest.mark.model
@pytest.mark.parametrize("many", [False, True], ids=["one", "batch"])
def test_a_crash_exits_3_with_one_escaped_line(tmp_path, capsys, monkeypatch, many):
    from provenance.check import Checker

    real = Checker.check_article

    def check_article(self, article, *args, **kwargs):  # type: ignore[no-untyped-def]
        if article.path.endswith("art1.txt"):
            raise RuntimeError("boom\n::warning::injected")
        return real(self, article, *args, **kwargs)

    monkeypatch.setattr(Checker, "check_article", check_article)
    src = _folder(tmp_path)
    argv = ["check", str(src)] if many else ["check", str(src / "art1.txt")]
    code = main([*argv, "-j", "1", "--fail-on", "never"])
    out, err = capsys.readouterr()
    assert code == 3, err
    errors = [line for line in err.splitlines() if line.startswith("provenance: error:")]
    assert len(errors) == 1 and "internal error (RuntimeError: boom)" in errors[0]
    assert not [line for line in (out + err).splitlines() if line.startswith("::")]
    if many:
        assert "2 files:" in out  # the others are reported


def test_a_crash_outside_the_batch_exits_3(tmp_path, capsys, monkeypatch):
    import provenance.policy.config as config

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyError("\x1b[2Kerased")

    monkeypatch.setattr(config, "ConfigResolver", broken)
    (tmp_path / "a.txt").write_text(corpus.SAID)
    code = main(["check", str(tmp_path / "a.txt")])
    err = capsys.readouterr().err
    assert code == 3
    corpus._one_line(err)
    assert "internal error" in err and "\x1b" not in err and "Traceback" not in err


# --- JSON limits, output paths, temporaries (no model) ---------------------------------------------


@pytest.mark.parametrize("text, why", [
    ("[" * 100_000 + "]" * 100_000, "levels deep"),
    ("[" * 65 + "]" * 65, "levels deep"),
    ('{"a": ' + "1" * 5001 + "}", "5001 digits"),
    ("{", "Expecting"),
])
def test_json_limits_are_one_line_errors(text, why):
    from provenance import jsonload

    with pytest.raises(jsonload.JSONLimitError, match=why):
        jsonload.loads(text)
    assert jsonload.loads("[" * 64 + "]" * 64) is not None


def test_max_bytes_beyond_memory_reads_in_pieces(tmp_path):
    from provenance.ingest import load_article

    f = tmp_path / "a.txt"
    f.write_text(corpus.SAID)
    for limit in (100_000_000_000, 9_223_372_036_854_775_807):
        assert load_article(f, max_bytes=limit).text == corpus.SAID
    with pytest.raises(Exception, match="5-byte limit"):
        load_article(f, max_bytes=5)


def test_write_atomic_follows_links_and_writes_through_devices(tmp_path):
    from provenance import fileio
    from provenance.errors import UserError

    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to("real.json")
    fileio.write_atomic(tmp_path / "link.json", "new\n")
    assert (tmp_path / "link.json").is_symlink() and (tmp_path / "real.json").read_text() == "new\n"
    assert fileio._target(Path(os.devnull)) == (Path(os.devnull), True)  # a character device: written through
    (tmp_path / "dangling.json").symlink_to("nowhere/x.json")
    with pytest.raises(UserError, match="symbolic link to a missing file"):
        fileio.write_atomic(tmp_path / "dangling.json", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.json", "link.json", "real.json"]


def test_temporaries_of_a_killed_run_are_removed_by_the_next(tmp_path):
    from provenance import fileio

    dead = corpus._dead_pid()
    stale = tmp_path / f".a.json.{dead}.abcd1234.tmp"
    live = tmp_path / f".b.json.{os.getppid()}.abcd1234.tmp"  # a run still going: kept
    other = tmp_path / ".notes.tmp"  # not ours: kept
    for p in (stale, live, other):
        p.write_text("half")
    fileio._cleaned.discard(os.path.abspath(tmp_path))
    fileio.write_atomic(tmp_path / "c.json", "{}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name, "c.json"])


def test_signals_held_back_in_a_deferred_section_are_raised_after_it():
    from provenance import signals

    restore = signals.install()
    try:
        reached = False
        with pytest.raises(signals.Terminated):
            with signals.deferred():
                os.kill(os.getpid(), signal.SIGTERM)
                reached = True  # the section runs to its end
        assert reached
    finally:
        restore()
