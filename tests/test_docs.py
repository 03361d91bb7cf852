"""The command blocks of docs/ci.md and docs/reports.md run as shown (scripts/doc_blocks.py).

Each page runs in a new temporary project: its ``file=`` blocks are written, its ``console``
sessions run (``provenance`` in this process, so the model loads once; other commands in
bash, ``pre-commit try-repo`` against a fresh clone of this repository) and each command's
output is compared with the page.  Blocks that are not run are marked ``<!-- illustrative -->``.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = ("docs/ci.md", "docs/reports.md")


def _doc_blocks():
    spec = importlib.util.spec_from_file_location("doc_blocks", ROOT / "scripts" / "doc_blocks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["doc_blocks"] = module
    spec.loader.exec_module(module)
    return module


doc_blocks = _doc_blocks()


@pytest.mark.parametrize("page", PAGES)
def test_every_block_is_run_written_or_marked_illustrative(page):
    found = doc_blocks.blocks((ROOT / page).read_text(encoding="utf-8"))
    assert [b.line for b in found if b.kind == "unmarked"] == []
    assert any(b.kind == "console" for b in found) and any(b.kind == "file" for b in found)


def test_output_matching():
    assert doc_blocks.matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert doc_blocks.matches(["# read from: .../x.toml"], ["# read from: /tmp/q/x.toml"])
    assert not doc_blocks.matches(["a"], ["a", "b"])
    assert not doc_blocks.matches(["a", "b"], ["a", "c"])
    assert doc_blocks.matches([], [])


def _git_checkout() -> bool:
    if shutil.which("git") is None:
        return False
    proc = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], check=False, capture_output=True, timeout=30)
    return proc.returncode == 0


@pytest.mark.model
@pytest.mark.parametrize("page", PAGES)
def test_page_commands_print_what_the_page_shows(page, tmp_path):
    text = (ROOT / page).read_text(encoding="utf-8")
    if "pre-commit try-repo" in text or "git init" in text:
        if not _git_checkout():
            pytest.skip("not a git checkout (the walk-through clones this repository)")
        if shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None and shutil.which("pre-commit") is None:
            pytest.fail("pre-commit is not installed: bash scripts/setup.sh installs the dev extras")
    problems = doc_blocks.run_page(ROOT / page, tmp_path)
    assert not problems, "\n".join(map(str, problems)) + (
        f"\n(rerun `python scripts/doc_blocks.py {page} --update` and review the diff)"
    )
