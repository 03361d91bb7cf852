"""A corpus of hostile inputs for ``provenance``, generated (no committed blobs).

Each case builds its files in an empty folder and says how to run the CLI there, which
exit codes are acceptable, and which paths must survive the run unchanged in kind (a
symlink stays a symlink, a FIFO a FIFO) or in content (an article is never overwritten).
``tests/test_hostile.py`` runs every case end to end and checks, beside the case's own
assertions: an exit code among 0/1/2/3/130/143 (and the case's), no traceback, no
temporary file left anywhere under the folder, no destroyed path.

    python -m tests.hostile_corpus DIR     # write every case's files under DIR/NAME (to look at them)
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SAID = "The minister said the talks would continue on Monday, according to Yonhap.\n"
KCNA = "Officials said the meeting was held, KCNA reported.\n"
ALLOWED = frozenset({0, 1, 2, 3, 130, 143})


@dataclass
class Case:
    name: str
    build: Callable[[Path], list[str]]  # makes the files in the folder; returns the argv (after "provenance")
    codes: frozenset[int]  # acceptable exit codes (a subset of ALLOWED)
    check: Callable[[Path, int, str, str], None] | None = None  # (folder, code, stdout, stderr): extra assertions
    keep: list[str] = field(default_factory=list)  # paths (relative) whose kind and bytes must not change


def fsname(raw: bytes) -> str:
    return os.fsdecode(raw)


def _write(d: Path, name: str, data: str | bytes) -> Path:
    p = d / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        p.write_bytes(data)
    else:
        p.write_text(data, encoding="utf-8")
    return p


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _one_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("provenance: error: "), err


# --- limits: numbers, depth ------------------------------------------------------------------


def _max_bytes(value: str) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        _write(d, "a.txt", SAID)
        return ["check", "a.txt", "--max-bytes", value, "--fail-on", "never"]
    return build


def _deep_pyproject(d: Path) -> list[str]:
    _write(d, "pyproject.toml", f"[tool.other]\nx = {_nested(1000)}\n")
    _write(d, "sub/a.txt", SAID)
    return ["check", "sub/a.txt"]


def _huge_int_toml(d: Path) -> list[str]:
    _write(d, "provenance.toml", "max_bytes = 1" + "0" * 5000 + "\n")
    _write(d, "a.txt", SAID)
    return ["check", "a.txt"]


def _deep_baseline(d: Path) -> list[str]:
    _write(d, "base.json", _nested(100_000))
    _write(d, "a.txt", SAID)
    return ["check", "a.txt", "--baseline", "base.json"]


def _bigint_baseline(d: Path) -> list[str]:
    _write(d, "base.json", '{"baseline_version": 1' + "0" * 5000 + ', "entries": []}')
    _write(d, "a.txt", SAID)
    return ["check", "a.txt", "--baseline", "base.json"]


def _deep_report(command: list[str]) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        _write(d, "r.json", _nested(100_000))
        return [*command, "r.json"]
    return build


def _bigint_report(command: list[str]) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        _write(d, "r.json", '{"schema_version": "1.0", "x": ' + "9" * 5001 + "}")
        return [*command, "r.json"]
    return build


# --- output paths ------------------------------------------------------------------------------


def _out_symlink(d: Path) -> list[str]:
    _write(d, "a.txt", SAID)
    _write(d, "reports/target.json", "old\n")
    os.symlink("reports/target.json", d / "out.json")
    return ["check", "a.txt", "--format", "json", "-o", "out.json", "--fail-on", "never"]


def _check_out_symlink(d: Path, code: int, out: str, err: str) -> None:
    assert (d / "out.json").is_symlink()
    assert json.loads((d / "reports/target.json").read_text())["document"]["path"] == "a.txt"


def _out_links_to(target: str, article: str = "a.txt") -> Callable[[Path], list[str]]:
    """The JSON report's path (out.json) is a symlink to ``target``, relative to the folder."""
    def build(d: Path) -> list[str]:
        _write(d, article, SAID)
        os.symlink(target, d / "out.json")
        return ["check", article, "--format", "json", "-o", "out.json"]
    return build


def _out_fifo(d: Path) -> list[str]:
    _write(d, "a.txt", SAID)
    os.mkfifo(d / "fifo")
    return ["check", "a.txt", "--format", "json", "-o", "fifo", "--fail-on", "never"]


def _out_is_input(d: Path) -> list[str]:
    _write(d, "in/a.txt", SAID)
    return ["check", "in/a.txt", "-o", "in/a.txt"]


def _out_page_is_input(d: Path) -> list[str]:
    _write(d, "in/a.txt", SAID)
    _write(d, "in/b.html", "<p>" + KCNA + "</p>")
    return ["check", "in/a.txt", "in/b.html", "--format", "html", "-o", "in/"]


def _out_slash_json(d: Path) -> list[str]:
    _write(d, "a.txt", SAID)
    return ["check", "a.txt", "--format", "json", "-o", "reports/", "--fail-on", "never"]


def _check_slash_json(d: Path, code: int, out: str, err: str) -> None:
    assert sorted(p.name for p in (d / "reports").iterdir()) == ["a.json", "index.json"]


def _out_slash_html(d: Path) -> list[str]:
    _write(d, "a.txt", SAID)
    _write(d, "b.txt", KCNA)
    return ["check", "a.txt", "b.txt", "--format", "html", "-o", "reports.v2/", "--fail-on", "never"]


def _check_slash_html(d: Path, code: int, out: str, err: str) -> None:
    assert sorted(p.name for p in (d / "reports.v2").iterdir()) == ["a.html", "b.html", "index.html"]


def _out_slash_sarif(d: Path) -> list[str]:
    _write(d, "a.txt", SAID)
    return ["check", "a.txt", "--format", "sarif", "-o", "r.sarif/"]


def _stale_temporaries(d: Path) -> list[str]:
    _write(d, "a.txt", SAID)
    dead = _dead_pid()
    _write(d, f"out/.a.json.{dead}.abcd1234.tmp", "half a rep")  # a run killed with kill -9
    return ["check", "a.txt", "--format", "json", "-o", "out/", "--fail-on", "never"]


def _dead_pid() -> int:
    pid = 2**22 - 1  # above the usual pid_max: never running
    while pid > 1000:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except OSError:
            pass
        pid -= 1
    raise RuntimeError("no free pid")


# --- names and text ---------------------------------------------------------------------------

NEWLINE_NAME = "bad\n::warning::injected.txt"
ESC_NAME = "esc\x1b[2K\x1b[1Aname.txt"


def _names(fmt: str) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        _write(d, "in/good.txt", SAID)
        _write(d, f"in/{NEWLINE_NAME}", b"\x00\x01 binary")  # not checked: its name is in an error line
        _write(d, f"in/{ESC_NAME}", SAID)
        _write(d, "in/" + fsname(b"latin\xe9name.txt"), SAID)
        args = ["check", "in", "--format", fmt, "--fail-on", "never"]
        return [*args, "-o", "out/"] if fmt == "html" else args
    return build


def _check_names(d: Path, code: int, out: str, err: str) -> None:
    assert code == 2
    for text in (out, err):
        assert "\x1b" not in text
        assert not [line for line in text.splitlines() if line.startswith("::warning")], text
    errors = [line for line in err.splitlines() if line.startswith("provenance: error:")]
    assert len(errors) == 1 and "bad\\n::warning::injected.txt" in errors[0], err
    if (d / "out").is_dir():
        index = (d / "out" / "index.html").read_text(encoding="utf-8")
        assert "Not checked (1)" in index and "latin\\xe9name.txt" in index


QUOTE_ESC = ('Officials met on Monday.\n\n'
             '"\x1b[1A\x1b[2KThe talks will continue next week and both sides will meet again soon in Seoul."\n\n'
             '<!-- provenance: ignore[XYZ\x1b[2K] -->\n')


def _quoted_escape(fmt: str) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        _write(d, "a.md", QUOTE_ESC)
        return ["check", "a.md", "--format", fmt, "--fail-on", "never"]
    return build


def _check_quoted_escape(d: Path, code: int, out: str, err: str) -> None:
    assert "\x1b" not in out and "\x1b" not in err
    assert "\\x1b" in out  # the quotation is shown, escaped


def _links(d: Path) -> list[str]:
    _write(d, "in/a#frag.txt", SAID)
    _write(d, "in/q?x=1.txt", KCNA)
    _write(d, "in/" + fsname(b"raw\xffbyte.txt"), SAID)
    return ["check", "in", "--format", "html", "-o", "out/", "--fail-on", "never"]


def _check_links(d: Path, code: int, out: str, err: str) -> None:
    import re
    from urllib.parse import unquote_to_bytes

    index = (d / "out" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"#][^"]*)"', index)
    pages = [h for h in hrefs if h.endswith(".html")]
    assert len(pages) == 3, hrefs
    for h in pages:  # every link opens the page it names
        assert "#" not in h and "?" not in h
        assert (d / "out" / os.fsdecode(unquote_to_bytes(h))).is_file(), h


def _non_utf8_sarif(d: Path) -> list[str]:
    _write(d, "in/" + fsname(b"bad\xffname.txt"), SAID)
    _write(d, "in/" + fsname(b"bin\xfe.txt"), b"\x00")
    return ["check", "in", "--format", "sarif", "--fail-on", "never"]


def _check_sarif(d: Path, code: int, out: str, err: str) -> None:
    log = json.loads(out)
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    assert any("%FF" in u for u in uris), uris
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("bin%FE.txt")


CASES: list[Case] = [
    Case("max-bytes-huge", _max_bytes("100000000000"), frozenset({0})),
    Case("max-bytes-int64", _max_bytes("9223372036854775807"), frozenset({0})),
    Case("pyproject-deep-array", _deep_pyproject, frozenset({2})),
    Case("toml-5000-digit-int", _huge_int_toml, frozenset({2})),
    Case("baseline-deep-array", _deep_baseline, frozenset({2})),
    Case("baseline-5001-digit-int", _bigint_baseline, frozenset({2})),
    Case("corroborate-deep-array", _deep_report(["corroborate"]), frozenset({2})),
    Case("corroborate-5001-digit-int", _bigint_report(["corroborate"]), frozenset({2})),
    Case("baseline-write-deep-array", _deep_report(["baseline", "write", "--baseline", "b.json"]), frozenset({2})),
    Case("baseline-write-5001-digit-int", _bigint_report(["baseline", "write", "--baseline", "b.json"]),
         frozenset({2})),
    Case("output-symlink", _out_symlink, frozenset({0}), _check_out_symlink, keep=["out.json"]),
    Case("output-dangling-symlink", _out_links_to("missing/nothing.json"), frozenset({2}), keep=["out.json"]),
    Case("output-is-the-input", _out_is_input, frozenset({2}), keep=["in/a.txt"]),
    Case("output-links-to-the-input", _out_links_to("in/a.txt", "in/a.txt"), frozenset({2}),
         keep=["in/a.txt", "out.json"]),
    Case("output-page-is-an-input", _out_page_is_input, frozenset({2}), keep=["in/a.txt", "in/b.html"]),
    Case("output-trailing-slash-json", _out_slash_json, frozenset({0}), _check_slash_json),
    Case("output-trailing-slash-html", _out_slash_html, frozenset({0}), _check_slash_html),
    Case("output-trailing-slash-sarif", _out_slash_sarif, frozenset({2})),
    Case("stale-temporary-file", _stale_temporaries, frozenset({0})),
    Case("names-text", _names("text"), frozenset({2}), _check_names),
    Case("names-github", _names("github"), frozenset({2}), _check_names),
    Case("names-html", _names("html"), frozenset({2}), _check_names),
    Case("quoted-escape-text", _quoted_escape("text"), frozenset({0}), _check_quoted_escape),
    Case("quoted-escape-github", _quoted_escape("github"), frozenset({0}), _check_quoted_escape),
    Case("index-links", _links, frozenset({0}), _check_links),
    Case("non-utf8-names-sarif", _non_utf8_sarif, frozenset({2}), _check_sarif),
]
ONE_LINE_ERROR = {c.name for c in CASES if c.codes == frozenset({2}) and not c.name.startswith("names")
                  and c.name != "non-utf8-names-sarif"}
FIFO_CASE = Case("output-fifo", _out_fifo, frozenset({0}), keep=["fifo"])


def snapshot(d: Path, keep: list[str]) -> dict[str, tuple[int, bytes | None]]:
    """The kind (file type bits) and, for a regular file or a link, the content of each path."""
    out: dict[str, tuple[int, bytes | None]] = {}
    for rel in keep:
        p = d / rel
        st = os.lstat(p)
        kind = stat.S_IFMT(st.st_mode)
        data = os.readlink(p).encode() if stat.S_ISLNK(st.st_mode) else p.read_bytes() if stat.S_ISREG(st.st_mode) else None
        out[rel] = (kind, data)
    return out


def temporaries(d: Path) -> list[str]:
    return [str(p) for p in d.rglob("*") if p.name.endswith(".tmp")]


if __name__ == "__main__":  # pragma: no cover
    root = Path(sys.argv[1])
    for case in [*CASES, FIFO_CASE]:
        folder = root / case.name
        folder.mkdir(parents=True)
        argv = case.build(folder)
        print(f"{case.name}: (cd {folder} && provenance {' '.join(argv)!s})")
