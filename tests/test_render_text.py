"""The text (ruff-like) and github (workflow command) formats."""

from __future__ import annotations

import re

from report_fixtures import gold_report, hostile_report, sample_rules

from provenance.render import render_github, render_text
from provenance.render.github import escape_data, escape_property

SEED = "seeds/000_6a10e030e5c8f4fd.txt"
CODE = re.compile(r": [A-Z]{3}\d{3} (error|warning|info) ")  # the code and severity of a finding line


def test_text_lines() -> None:
    out = render_text([gold_report()], sample_rules())
    lines = out.splitlines()
    assert lines[0] == f"{SEED}:1:40: SRC202 error The lede rests only on state media (KCNA) without saying so."
    assert lines[1] == f"{SEED}:3:1: CHN301 info Yonhap is relayed without saying how it was obtained."
    finding_lines = [line for line in lines if line.startswith(SEED + ":") and CODE.search(line)]
    assert len(finding_lines) == 7  # 8 findings, 1 suppressed
    assert not any(line.startswith(f"{SEED}:17:") for line in lines)  # the suppressed one
    assert lines[-2] == (
        f"{SEED}: 16 statements (state_media_only 13, reporter 3); "
        "7 findings (1 error, 4 warning, 2 info); 1 suppressed"
    )
    assert (
        lines[-1]
        == "1 file: 16 statements (state_media_only 13, reporter 3); 7 findings (1 error, 4 warning, 2 info); 1 suppressed"
    )
    assert out.endswith("\n")


def test_text_several_files_and_clean() -> None:
    clean = gold_report(path="a.txt").model_copy(update={"findings": []})
    out = render_text([gold_report(path="b.txt"), clean])
    lines = out.splitlines()
    assert lines[0].startswith("b.txt:1:40: SRC202")
    assert "a.txt: 16 statements (state_media_only 13, reporter 3); 0 findings" in lines
    assert lines.index("a.txt: 16 statements (state_media_only 13, reporter 3); 0 findings") < len(lines) - 2
    assert lines[-1].startswith("2 files: 32 statements (state_media_only 26, reporter 6); 7 findings")


def test_text_no_findings_no_blank_line() -> None:
    out = render_text(gold_report().model_copy(update={"findings": []}))
    assert out.splitlines()[0].startswith(SEED + ": 16 statements")
    assert out.count("\n") == 2


def test_text_one_line_per_finding_even_with_newlines() -> None:
    h, _, rules = hostile_report()
    out = render_text([h], rules)
    finding_lines = [line for line in out.splitlines() if CODE.search(line)]
    assert len(finding_lines) == 1
    assert finding_lines[0].endswith("second line, with: colon%")


def test_github_lines() -> None:
    out = render_github([gold_report()])
    lines = out.splitlines()
    assert len(lines) == 7
    assert lines[0] == (
        f"::error file={SEED},line=1,col=40,endLine=1,endColumn=256,"
        "title=SRC202 state-media-in-lede::The lede rests only on state media (KCNA) without saying so."
    )
    assert lines[1].startswith("::notice file=")
    assert sum(line.startswith("::warning ") for line in lines) == 4
    assert render_github([]) == ""


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    h, _, _ = hostile_report()
    (line,) = render_github([h]).rstrip("\n").split("\n")  # U+2028 is not a line break for the runner
    head, sep, message = line.partition("::")[2].partition("::")
    assert sep
    assert head.startswith('warning file=x/" onmouseover="alert(1)%2C a%3Ab%25.txt,line=1,col=1,')
    assert "\n" not in message and "\r" not in message
    assert message.endswith("%0Asecond line, with: colon%25")
    # properties split cleanly on commas and '='
    props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
    assert set(props) == {"file", "line", "col", "endLine", "endColumn", "title"}
