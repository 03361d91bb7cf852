"""Acting on a finding: the suppression comment the CLI honours, and baseline entries.

Both produce what the command line reads: ``insert_suppression`` writes an
``<!-- provenance: ignore[CODE] reason="..." -->`` comment into the article just before
the flagged statement (``provenance.policy.suppress``: it covers the rest of that
paragraph), and ``add_to_baseline`` adds findings to a baseline file in the format of
``provenance baseline`` / ``--baseline`` (``provenance.policy.baseline``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from provenance.errors import UserError
from provenance.policy.baseline import (
    Baseline,
    BaselineEntry,
    build_baseline,
    normalise_path,
)
from provenance.policy.rule_schema import CODE_RE
from provenance.report import Finding

_BAD_REASON = re.compile(r'["\u201c\u201d]|--|[\x00-\x1f]')


def suppression_comment(codes: Iterable[str], reason: str) -> str:
    codes = sorted(set(codes))
    if not codes:
        raise UserError("name at least one rule code to suppress")
    for code in codes:
        if not CODE_RE.fullmatch(code):
            raise UserError(f"{code!r} is not a rule code (e.g. SRC201)")
    reason = " ".join(reason.split())
    if not reason:
        raise UserError("a suppression needs a reason")
    if _BAD_REASON.search(reason):
        raise UserError("the reason cannot contain quotation marks, '--' or control characters")
    return f'<!-- provenance: ignore[{",".join(codes)}] reason="{reason}" -->'


def insert_suppression(text: str, at: int, codes: Iterable[str], reason: str) -> tuple[str, int]:
    """The text with a suppression comment inserted at offset ``at`` (the flagged
    statement's start, an offset into the text as checked): on a line of its own when the
    statement starts a line, else followed by a space.  Returns (new text, the comment's end)."""
    from provenance.ingest.reader import normalise_newlines

    text = normalise_newlines(text)
    if not 0 <= at <= len(text):
        raise UserError(f"offset {at} is outside the text (0-{len(text)})")
    comment = suppression_comment(codes, reason)
    sep = "\n" if at == 0 or text[at - 1] == "\n" else " "
    return text[:at] + comment + sep + text[at:], at + len(comment) + len(sep)


def add_to_baseline(baseline: Baseline | None, path: str, findings: Iterable[Finding]) -> Baseline:
    """``baseline`` (or an empty one) with ``findings`` of document ``path`` added (counts
    add up; findings suppressed in the article itself are not recorded, as the CLI does)."""
    added = build_baseline({normalise_path(path): list(findings)})
    if baseline is None:
        return added
    counts = baseline.counts()
    info = {e.key: (e.rule, e.message) for e in baseline.entries}
    for e in added.entries:
        counts[e.key] += e.count
        info.setdefault(e.key, (e.rule, e.message))
    entries = [BaselineEntry(path=k[0], code=k[1], fingerprint=k[2], count=n, rule=info[k][0], message=info[k][1])
               for k, n in sorted(counts.items()) if n > 0]
    return Baseline(entries=entries)
