"""Suppression comments in the article.

    <!-- provenance: ignore[PV101,PV103] reason="confirmed by our Seoul bureau" -->
        the findings of those rules in the next paragraph (the text after the comment up
        to the end of the paragraph that follows it) are suppressed.
    <!-- provenance: disable[PV105] reason="house style for this series" -->
    ...
    <!-- provenance: enable[PV105] -->
        the findings of those rules between the two comments are suppressed (to the end of
        the article when no enable follows).

Rules are named by code (``PV105``) or name (``vague-attribution``); ``ignore`` and
``disable`` need a non-empty ``reason="..."``.  A comment that breaks these rules
(unknown action, no rule, unknown rule, no reason, an ``enable`` with no open
``disable``) suppresses nothing and is reported by PV108, as is a valid comment naming a
rule that had nothing to suppress there.  Suppressed findings stay in the report with
``suppression: {kind: inSource, justification: REASON}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from provenance.policy.checks import Hit
from provenance.policy.quotes import Block, paragraphs, text_blocks
from provenance.report import Finding, Suppression

if TYPE_CHECKING:
    from provenance.policy.loader import RulePack

_COMMENT = re.compile(r"<!--\s*provenance\s*:(?P<body>.*?)-->", re.S | re.I)
_BODY = re.compile(
    r"""\s*(?P<action>[A-Za-z][\w-]*)\s*
        (?:\[(?P<codes>[^\]]*)\])?\s*
        (?:reason\s*=\s*(?:"(?P<r1>[^"]*)"|\u201c(?P<r2>[^\u201d]*)\u201d))?\s*""",
    re.X | re.S,
)
ACTIONS = ("ignore", "disable", "enable")


@dataclass
class Directive:
    start: int
    end: int
    text: str
    action: str | None = None
    codes: list[str] = field(default_factory=list)  # rule codes (names resolved to codes)
    reason: str | None = None
    problem: str | None = None  # why the comment is invalid (then it suppresses nothing)
    scope: tuple[int, int] | None = None  # [start, end) it applies to (ignore, disable)
    ends: dict[str, int] = field(default_factory=dict)  # disable: where each code is enabled again
    used: set[str] = field(default_factory=set)

    @property
    def valid(self) -> bool:
        return self.problem is None


def _parse_one(m: re.Match[str], pack: RulePack | None) -> Directive:
    d = Directive(m.start(), m.end(), m.group(0))
    body = _BODY.fullmatch(m.group("body"))
    if body is None:
        d.problem = 'cannot be read: write ignore[CODE,...] reason="..."'
        return d
    action = body.group("action").lower()
    d.action = action
    if action not in ACTIONS:
        d.problem = f"has unknown action {body.group('action')!r} (use ignore, disable or enable)"
        return d
    raw = [c.strip() for c in (body.group("codes") or "").split(",") if c.strip()]
    if not raw:
        d.problem = f"names no rule: write {action}[CODE,...]"
        return d
    codes: list[str] = []
    for c in raw:
        rule = pack.get(c) if pack is not None else None
        if rule is None and pack is None and re.fullmatch(r"PV\d{3}", c.upper()):
            codes.append(c.upper())
            continue
        if rule is None:
            d.problem = f"names unknown rule {c!r}"
            return d
        if rule.code not in codes:
            codes.append(rule.code)
    d.codes = codes
    reason = body.group("r1") if body.group("r1") is not None else body.group("r2")
    d.reason = reason.strip() if reason is not None else None
    if action != "enable" and not d.reason:
        d.problem = f'has no reason: add reason="..." to {action}[{",".join(raw)}]'
    return d


def _mask(text: str, directives: list[Directive]) -> str:
    chars = list(text)
    for d in directives:
        for i in range(d.start, min(d.end, len(chars))):
            if not chars[i].isspace():
                chars[i] = " "
    return "".join(chars)


def _next_paragraph(d: Directive, blocks: list[Block], masked: str) -> tuple[int, int] | None:
    for b in blocks:
        if b.end <= d.end:
            continue
        start = max(b.start, d.end)
        if masked[start:b.end].strip():
            return (start, b.end)
    return None


def parse_directives(source_text: str, pack: RulePack | None = None, article: object | None = None) -> list[Directive]:
    """Every ``<!-- provenance: ... -->`` comment of the text, in order, with its scope.
    ``article`` (with ``paragraphs``) gives paragraph bounds; otherwise blank lines do."""
    directives = [_parse_one(m, pack) for m in _COMMENT.finditer(source_text)]
    if not directives:
        return directives
    masked = _mask(source_text, directives)
    blocks: list[Block] = []
    if article is not None and getattr(article, "paragraphs", None):
        blocks = paragraphs(article)
    if not blocks:
        blocks = text_blocks(masked)
    open_disables: dict[str, list[Directive]] = {}
    for d in directives:
        if not d.valid:
            continue
        if d.action == "ignore":
            d.scope = _next_paragraph(d, blocks, masked)
        elif d.action == "disable":
            for code in d.codes:
                open_disables.setdefault(code, []).append(d)
        else:  # enable: closes every open disable of its codes
            closed = [(code, opened) for code in d.codes for opened in open_disables.pop(code, [])]
            for code, opened in closed:
                opened.ends[code] = d.start
            if not closed:
                d.problem = f"enable[{','.join(d.codes)}] has no matching disable before it"
    for d in directives:
        if d.valid and d.action == "disable":
            d.ends = {code: d.ends.get(code, len(source_text)) for code in d.codes}
            d.scope = (d.end, max(d.ends.values()))
    return directives


def _covers(d: Directive, code: str, offset: int) -> bool:
    if not d.valid or d.scope is None or code not in d.codes or d.action == "enable":
        return False
    if d.action == "disable":
        return d.end <= offset < d.ends[code]
    return d.scope[0] <= offset < d.scope[1]


def apply_suppressions(findings: list[Finding], directives: list[Directive], *, record: bool = True) -> list[Finding]:
    """Mark findings covered by a valid directive as suppressed (kind ``inSource``);
    with ``record``, remember which directive codes were used."""
    out: list[Finding] = []
    for f in findings:
        if f.suppression is None:
            hits = [d for d in directives if _covers(d, f.code, f.start)]
            if hits:
                if record:
                    for d in hits:
                        d.used.add(f.code)
                f = f.model_copy(update={"suppression": Suppression(kind="inSource", justification=hits[0].reason or "")})
        out.append(f)
    return out


def directive_hits(directives: list[Directive], active_codes: set[str]) -> list[Hit]:
    """PV108 hits: invalid comments, and codes of rules that ran but suppressed nothing."""
    hits: list[Hit] = []
    for d in directives:
        shown = " ".join(d.text.split())
        if not d.valid:
            problem = d.problem or "is invalid"
        elif d.action == "enable":
            continue
        else:
            unused = [c for c in d.codes if c in active_codes and c not in d.used]
            if not unused:
                continue
            problem = f"{d.action}[{','.join(unused)}] suppressed nothing"
        hits.append(Hit(d.start, d.end, None, {"problem": problem, "directive": shown}, f"{shown}\x1f{problem}", 1.0))
    return hits
