"""Suppression comments in the article.

    <!-- provenance: ignore[SRC201,SRC203] reason="confirmed by our Seoul bureau" -->
        the findings of those rules in the next paragraph (the text after the comment up
        to the end of the paragraph that follows it) are suppressed.
    <!-- provenance: disable[ATT101] reason="house style for this series" -->
    ...
    <!-- provenance: enable[ATT101] -->
        the findings of those rules between the two comments are suppressed (to the end of
        the article when no enable follows).

Rules are named by code (``ATT101``), family prefix (``SRC`` or ``SRC2``: every rule whose
code starts with it) or name (``vague-attribution``); ``ignore`` and
``disable`` need a non-empty ``reason="..."``.  A comment that breaks these rules
(unknown action, no rule, unknown rule, no reason, an ``enable`` with no open
``disable``) suppresses nothing and is reported by PRV901, as is a valid comment naming a
rule that had nothing to suppress there.  Suppressed findings stay in the report with
``suppression: {kind: inSource, justification: REASON}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from provenance.ingest.buffer import html_comments
from provenance.policy.detectors import Hit
from provenance.quotes import Block, paragraphs, text_blocks
from provenance.policy.rule_schema import CODE_RE
from provenance.report import Finding, Suppression

if TYPE_CHECKING:
    from provenance.policy.loader import RulePack

_HEAD = re.compile(r"\s*provenance\s*:", re.I)  # after "<!--"; the body runs to the first "-->"
# Possessive whitespace (\s*+): no token can start with a space, so giving one back never
# helps, and without it a body of many spaces before a stray word backtracks cubically.
_BODY = re.compile(
    r"""\s*+(?P<action>[A-Za-z][\w-]*)\s*+
        (?:\[(?P<codes>[^\]]*)\])?\s*+
        (?:reason\s*+=\s*+(?:"(?P<r1>[^"]*)"|\u201c(?P<r2>[^\u201d]*)\u201d))?\s*+""",
    re.X | re.S,
)
ACTIONS = ("ignore", "disable", "enable")


@dataclass
class Directive:
    start: int
    end: int
    text: str
    action: str | None = None
    codes: list[str] = field(default_factory=list)  # rule codes (names and prefixes resolved to codes)
    # each selector as written back (a code, or a prefix in capitals) with the codes it names
    selectors: list[tuple[str, list[str]]] = field(default_factory=list)
    reason: str | None = None
    problem: str | None = None  # why the comment is invalid (then it suppresses nothing)
    scope: tuple[int, int] | None = None  # [start, end) it applies to (ignore, disable)
    ends: dict[str, int] = field(default_factory=dict)  # disable: where each code is enabled again
    used: set[str] = field(default_factory=set)

    @property
    def valid(self) -> bool:
        return self.problem is None


def _parse_one(text: str, span: tuple[int, int, int, int], pack: RulePack | None) -> Directive:
    start, end, body_start, body_end = span
    d = Directive(start, end, text[start:end])
    body = _BODY.fullmatch(text, body_start, body_end)
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
    selectors: list[tuple[str, list[str]]] = []
    for c in raw:
        if pack is not None:
            rule = pack.get(c)
            if rule is not None:
                label, named = rule.code, [rule.code]
            else:
                label, named = c.upper(), [r.code for r in pack.select(c)]
        elif CODE_RE.fullmatch(c.upper()):
            label, named = c.upper(), [c.upper()]
        else:
            label, named = c, []
        if not named:
            d.problem = f"names unknown rule {c!r}"
            if pack is not None:
                from provenance.suggest import did_you_mean

                close = did_you_mean(c, [r.code for r in pack] + [r.name for r in pack])
                if close is not None:
                    d.problem += f" (did you mean {close}?)"
            return d
        if label not in (sel for sel, _ in selectors):
            selectors.append((label, named))
        codes.extend(code for code in named if code not in codes)
    d.codes = codes
    d.selectors = selectors
    reason = body.group("r1") if body.group("r1") is not None else body.group("r2")
    d.reason = reason.strip() if reason is not None else None
    if action != "enable" and not d.reason:
        d.problem = f'has no reason: add reason="..." to {action}[{",".join(raw)}]'
    return d


def _labels(d: Directive) -> str:
    return ",".join(label for label, _ in d.selectors)


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
    directives = [_parse_one(source_text, span, pack) for span in html_comments(source_text, _HEAD)]
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
                d.problem = f"enable[{_labels(d)}] has no matching disable before it"
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
                suppression = Suppression(kind="inSource", justification=hits[0].reason or "")
                f = f.model_copy(update={"suppression": suppression})
        out.append(f)
    return out


def directive_hits(directives: list[Directive], active_codes: set[str]) -> list[Hit]:
    """PRV901 hits: invalid comments, and selectors (codes, prefixes) of rules that ran but
    suppressed nothing."""
    hits: list[Hit] = []
    for d in directives:
        shown = " ".join(d.text.split())
        if not d.valid:
            problem = d.problem or "is invalid"
        elif d.action == "enable":
            continue
        elif d.action == "ignore" and d.scope is None:
            problem = f"ignore[{_labels(d)}] has no paragraph after it"
        else:
            # a selector is unused when none of its rules that ran was suppressed by it
            unused = [
                label for label, named in d.selectors
                if any(c in active_codes for c in named) and not any(c in d.used for c in named)
            ]
            if not unused:
                continue
            problem = f"{d.action}[{','.join(unused)}] suppressed nothing"
        hits.append(Hit(d.start, d.end, None, {"problem": problem, "directive": shown}, f"{shown}\x1f{problem}", 1.0))
    return hits
