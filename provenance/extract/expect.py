"""Expectations written inside CoNLL-U fixtures (semgrep's ``# ruleid:`` idea, for attributions).

A sentence block of a fixture may carry comment lines::

    # expect = CUE | SOURCE | CONTENT | CONSTRUCTION
    # expect = none
    # expect-chain = IANS > Yonhap > KCNA
    # expect-verdict = state_media_only

Each ``expect`` line is one attribution the sentence must yield: the cue's text, the source's
text, the content's text (``-`` where the attribution has none) and the construction that
found it.  ``none`` says the sentence yields no attribution.  ``expect-chain`` and
``expect-verdict`` check the statement's chain (link names) and verdict.  A sentence block with no
``expect`` line is not checked.  One parametrised test (tests/test_constructions.py) checks
every fixture, so adding a construction needs a fixture and no test code.
"""

from __future__ import annotations

from typing import NamedTuple

EXPECT_PREFIX = "# expect ="
CHAIN_PREFIX = "# expect-chain ="
VERDICT_PREFIX = "# expect-verdict ="
NONE = "none"
MISSING = "-"


class Expected(NamedTuple):
    cue: str
    source: str
    content: str
    construction: str

    def line(self) -> str:
        return f"{EXPECT_PREFIX} {self.cue} | {self.source} | {self.content} | {self.construction}"


def parse_expectations(conllu: str) -> list[list[Expected] | None]:
    """Per sentence block, in order: its expected attributions, or None when unchecked."""
    out: list[list[Expected] | None] = []
    for block in _blocks(conllu):
        lines = [ln[len(EXPECT_PREFIX):].strip() for ln in block if ln.startswith(EXPECT_PREFIX)]
        if not lines:
            out.append(None)
            continue
        found: list[Expected] = []
        for ln in lines:
            if ln == NONE:
                continue
            parts = [p.strip() for p in ln.split(" | ")]
            if len(parts) != 4:
                raise ValueError(f"expect line needs 'CUE | SOURCE | CONTENT | CONSTRUCTION': {ln!r}")
            found.append(Expected(*parts))
        out.append(sorted(found))
    return out


def _blocks(conllu: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in conllu.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [b for b in blocks if any(ln and not ln.startswith("#") for ln in b)]


def parse_statement_expectations(conllu: str) -> list[tuple[str | None, str | None]]:
    """Per sentence block: (expected chain "A > B", expected verdict), None where unchecked."""
    out: list[tuple[str | None, str | None]] = []
    for block in _blocks(conllu):
        chain = next((ln[len(CHAIN_PREFIX):].strip() for ln in block if ln.startswith(CHAIN_PREFIX)), None)
        verdict = next((ln[len(VERDICT_PREFIX):].strip() for ln in block if ln.startswith(VERDICT_PREFIX)), None)
        out.append((chain, verdict))
    return out
