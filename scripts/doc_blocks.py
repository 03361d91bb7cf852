"""Run the command blocks of a Markdown page in a new project folder and compare their output
with what the page shows (tests/test_docs.py runs it for docs/ci.md and docs/reports.md).

    python scripts/doc_blocks.py docs/ci.md            # run, print the transcript, exit 1 on a mismatch
    python scripts/doc_blocks.py docs/ci.md --quiet    # only the mismatches
    python scripts/doc_blocks.py docs/ci.md --update   # write the printed output into the page
                                                       # where it differs (then review the diff)

Conventions of the pages (each fenced block must follow one of them; a test fails otherwise):

- ```` ```console ````: a terminal session.  ``$ COMMAND`` lines (a trailing ``\\`` joins
  the next line) are run in order, each followed by the output it must print (stdout and
  stderr together, as on a terminal).  In the shown output, a line ``...`` stands for any
  number of lines and ``...`` inside a line for any text (paths of the temporary folder,
  version numbers).  ``provenance ...`` runs in this process (the model loads once),
  ``cd DIR`` and ``echo $?`` (the last exit code) are understood here, ``A && B`` runs B
  when A exits 0; any other command runs in ``bash`` with a ``provenance`` on ``PATH``
  that runs this working tree's code.
- A block whose info string has ``file=PATH`` (```` ```toml file=provenance.toml ````):
  its text is written to PATH in the project before the sessions after it run.
- A block preceded by the line ``<!-- illustrative -->``: shown, not run (a shape, a
  workflow file for another machine, a Python signature).

Every page runs in its own new folder ``newsroom/``, whose sibling ``provenance/`` is a
fresh ``git clone`` of this repository (so that ``pre-commit try-repo ../provenance``
tries the committed hook); ``PROVENANCE_CACHE_DIR`` and ``PRE_COMMIT_HOME`` point into
the temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import io
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ILLUSTRATIVE = "<!-- illustrative -->"
FENCE = re.compile(r"^(`{3,})(.*)$")


@dataclass
class Block:
    line: int  # 1-based line of the opening fence
    info: str
    text: str
    illustrative: bool

    @property
    def lang(self) -> str:
        return self.info.split()[0] if self.info.split() else ""

    @property
    def file(self) -> str | None:
        m = re.search(r"\bfile=(\S+)", self.info)
        return m.group(1) if m else None

    @property
    def kind(self) -> str:
        if self.illustrative:
            return "illustrative"
        if self.file is not None:
            return "file"
        if self.lang == "console":
            return "console"
        return "unmarked"


def blocks(markdown: str) -> list[Block]:
    """The fenced blocks of a page, in order."""
    lines = markdown.splitlines()
    out: list[Block] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group(1), m.group(2).strip()
        j = i + 1
        while j < len(lines) and not lines[j].startswith(fence):
            j += 1
        prev = next((lines[k].strip() for k in range(i - 1, -1, -1) if lines[k].strip()), "")
        out.append(Block(i + 1, info, "\n".join(lines[i + 1 : j]) + "\n", prev == ILLUSTRATIVE))
        i = j + 1
    return out


@dataclass
class Step:
    command: str
    expected: list[str]
    line: int


def session(block: Block) -> list[Step]:
    """The ``$ COMMAND`` steps of a console block with their shown output."""
    steps: list[Step] = []
    lines = block.text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            raise ValueError(f"line {block.line + 1 + i}: output before the first '$ ' command")
        command = line[2:]
        start = i
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command[:-1] + " " + lines[i].strip()
        i += 1
        expected = []
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i])
            i += 1
        steps.append(Step(command, expected, block.line + 1 + start))
    return steps


def matches(expected: list[str], actual: list[str]) -> bool:
    """``expected`` (with ``...`` lines and ``...`` inside lines) against ``actual``."""
    def line_re(line: str) -> re.Pattern[str]:
        return re.compile(".*".join(re.escape(p) for p in line.split("...")) + r"\Z", re.DOTALL)

    pats = [None if e.strip() == "..." else line_re(e.rstrip()) for e in expected]
    memo: dict[tuple[int, int], bool] = {}

    def go(i: int, j: int) -> bool:
        key = (i, j)
        if key not in memo:
            if i == len(pats):
                memo[key] = j == len(actual)
            elif pats[i] is None:
                memo[key] = go(i + 1, j) or (j < len(actual) and go(i, j + 1))
            else:
                memo[key] = j < len(actual) and bool(pats[i].match(actual[j].rstrip())) and go(i + 1, j + 1)  # type: ignore[union-attr]
        return memo[key]

    return go(0, 0)


def _keep_wildcards(line: str, expected: list[str]) -> str:
    """``line``, or the shown line with ``...`` in it that it matches (kept by --update)."""
    for e in expected:
        if "..." in e and e.strip() != "..." and matches([e], [line]):
            return e
    return line


@dataclass
class Project:
    """The temporary project a page's blocks run in."""

    base: Path
    cwd: Path = field(init=False)
    last: int = 0
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.cwd = self.base / "newsroom"
        self.cwd.mkdir(parents=True, exist_ok=True)
        shim = self.base / "bin"
        shim.mkdir(exist_ok=True)
        (shim / "provenance").write_text(
            f"#!/bin/sh\nPYTHONPATH={shlex.quote(str(ROOT))} exec {shlex.quote(sys.executable)} "
            "-m provenance.cli.main \"$@\"\n", encoding="utf-8")
        (shim / "provenance").chmod(0o755)
        self.env = dict(os.environ)
        self.env.update({
            "PATH": f"{shim}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "PYTHONPATH": str(ROOT),
            "PRE_COMMIT_HOME": str(self.base / "pre-commit-home"),
            "PROVENANCE_CACHE_DIR": os.environ.get("PROVENANCE_CACHE_DIR", str(self.base / "cache")),
            "GIT_AUTHOR_NAME": "docs", "GIT_AUTHOR_EMAIL": "docs@example.org",
            "GIT_COMMITTER_NAME": "docs", "GIT_COMMITTER_EMAIL": "docs@example.org",
            "NO_COLOR": "1", "TERM": "dumb",
        })
        os.environ["PROVENANCE_CACHE_DIR"] = self.env["PROVENANCE_CACHE_DIR"]

    def clone(self) -> None:
        """``../provenance``: a fresh clone of this repository, beside the project."""
        if not (self.base / "provenance").exists():
            subprocess.run(["git", "clone", "--quiet", str(ROOT), str(self.base / "provenance")], check=True,
                           capture_output=True, timeout=120)

    def write(self, rel: str, text: str) -> None:
        path = self.cwd / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def run(self, command: str) -> str:
        """Run one ``$`` line; its output (stdout and stderr together)."""
        out = []
        for part in command.split(" && "):
            text, self.last = self._run_one(part.strip())
            out.append(text)
            if self.last != 0:
                break
        return "".join(out)

    def _run_one(self, command: str) -> tuple[str, int]:
        words = shlex.split(command)
        if words[:1] == ["cd"] and len(words) == 2:
            self.cwd = (self.cwd / words[1]).resolve()
            return "", 0
        if words == ["echo", "$?"]:
            return f"{self.last}\n", 0
        if words[:1] == ["provenance"] and not re.search(r"[|<>;`$]", command):
            return self._in_process(words[1:])
        if "../provenance" in command:
            self.clone()
        proc = subprocess.run(["bash", "-c", command], cwd=self.cwd, env=self.env, check=False,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
        return proc.stdout, proc.returncode

    def _in_process(self, argv: list[str]) -> tuple[str, int]:
        from provenance.cli.main import main

        expanded: list[str] = []
        for word in argv:  # the shell's globbing
            hits = sorted(glob.glob(word, root_dir=self.cwd)) if any(c in word for c in "*?[") else []
            expanded.extend(hits or [word])
        buffer = io.StringIO()
        previous = os.getcwd()
        os.chdir(self.cwd)
        try:
            with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
                try:
                    code = main(expanded)
                except SystemExit as exc:  # argparse
                    code = exc.code if isinstance(exc.code, int) else 2
        finally:
            os.chdir(previous)
            from loguru import logger

            logger.remove()
            logger.add(sys.stderr, level="WARNING", format="<level>{level: <7}</level> {message}")
        return buffer.getvalue(), int(code)


@dataclass
class Mismatch:
    page: str
    line: int
    command: str
    expected: list[str]
    actual: list[str]

    def __str__(self) -> str:
        return (f"{self.page}:{self.line}: $ {self.command}\n--- shown\n" + "\n".join(self.expected)
                + "\n--- printed\n" + "\n".join(self.actual) + "\n")


def run_page(page: Path, base: Path, echo: bool = False, update: bool = False) -> list[Mismatch]:
    """Run every block of ``page`` in a new project under ``base``; the mismatches.  With
    ``update``, the page's mismatched outputs are replaced by the printed ones (the
    temporary folder written ``...``)."""
    project = Project(base)
    problems: list[Mismatch] = []
    markdown = page.read_text(encoding="utf-8")
    replacements: dict[int, str] = {}  # block line -> new text
    for block in blocks(markdown):
        if block.kind == "file":
            project.write(block.file or "", block.text)
        elif block.kind == "console":
            new_text: list[str] = []
            changed = False
            for step in session(block):
                actual = project.run(step.command).splitlines()
                if echo:
                    sys.stdout.write(f"$ {step.command}\n" + "".join(f"{a}\n" for a in actual))
                shown = step.expected
                if not matches(step.expected, actual):
                    problems.append(Mismatch(str(page), step.line, step.command, step.expected, actual))
                if update and (step.expected == ["..."] or not matches(step.expected, actual)):
                    shown = [_keep_wildcards(a.replace(str(base), "...").rstrip(), step.expected) for a in actual]
                    changed = True
                new_text.append(f"$ {step.command}")
                new_text.extend(shown)
            if changed:
                replacements[block.line] = "\n".join(new_text) + "\n"
        elif block.kind == "unmarked":
            problems.append(Mismatch(str(page), block.line, f"(a ```{block.info} block)",
                                     ["console, file=PATH, or <!-- illustrative --> before it"], ["unmarked"]))
    if update and replacements:
        lines = markdown.splitlines(keepends=True)
        for line in sorted(replacements, reverse=True):
            end = line  # index of the closing fence (0-based)
            while not lines[end].startswith("```"):
                end += 1
            lines[line:end] = [replacements[line]]
        page.write_text("".join(lines), encoding="utf-8")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", nargs="+", type=Path)
    ap.add_argument("--quiet", action="store_true", help="print only the mismatches")
    ap.add_argument("--update", action="store_true", help="write the printed output into the pages")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    failed = 0
    for page in args.pages:
        with tempfile.TemporaryDirectory(prefix="doc-blocks-") as tmp:
            problems = run_page(page, Path(tmp), echo=not args.quiet, update=args.update)
        for p in problems:
            sys.stderr.write(str(p))
        failed += len(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
