"""A same-length working copy of the source text in which non-body characters are blanked.

Every operation keeps ``len(chars) == len(source)``: blanking turns characters into spaces
(``\\n`` is kept where it is), a block break puts ``\\n\\n`` at the start of a blanked
stretch, and an entity decode writes the decoded character(s) at the entity's start and
pads with spaces.  So an offset into the finished ``text`` is an offset into the source.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterator

from provenance.article import Directive, Span

# One character reference.  Digit runs are bounded so that no decode sees a huge number.
# One or more blank lines (a line of only whitespace), or the blank start/end of the text.
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
ENTITY_RE = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,10};?|[A-Za-z][A-Za-z0-9]{0,31};?)")


def _visible(ch: str) -> str:
    """A decoded character as it may appear in ``text``: whitespace and controls become a space."""
    if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return " "
    return ch


class TextBuffer:
    def __init__(self, source: str) -> None:
        self.source = source
        self.chars = list(source)
        self.breaks: set[int] = set()  # offsets where a paragraph must start
        self.list_items: list[int] = []  # offsets where a list item's content starts
        self.headings: list[tuple[int, int, int]] = []  # (level, start, end) of heading text
        self.directives: list[Directive] = []

    def __len__(self) -> int:
        return len(self.chars)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def blank(self, start: int, end: int) -> None:
        chars = self.chars
        for i in range(max(start, 0), min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "

    def restore(self, start: int, end: int) -> None:
        """Put the source characters of ``[start, end)`` back (a metadata title kept as text)."""
        self.chars[start:end] = self.source[start:end]

    def block_break(self, start: int, end: int) -> None:
        """Blank ``[start, end)`` and make it end a paragraph (``\\n\\n`` at its start)."""
        self.blank(start, end)
        if end - start >= 2:
            self.chars[start] = "\n"
            self.chars[start + 1] = "\n"
        elif end - start == 1:
            self.chars[start] = "\n"
        self.breaks.add(end)

    def decode_entities(self, start: int, end: int) -> None:
        """Decode HTML character references in ``source[start:end]`` in place."""
        src = self.source
        if src.find("&", start, end) < 0:
            return
        for m in ENTITY_RE.finditer(src, start, end):
            raw = m.group(0)
            decoded = html.unescape(raw)
            if decoded == raw or len(decoded) > len(raw):
                continue
            s, e = m.start(), m.end()
            # Keep the decoded character next to the word it belongs to: after a word it is
            # written at the entity's start ("hi&quot;." -> 'hi"     .'), before one at its
            # end ('&quot;hi' -> '     "hi'); the rest is padded with spaces.
            before = src[s - 1] if s > 0 else " "
            after = src[e] if e < len(src) else " "
            at = s if (not before.isspace() or after.isspace()) else e - len(decoded)
            for k in range(s, e):
                self.chars[k] = " "
            for k, ch in enumerate(decoded):
                self.chars[at + k] = _visible(ch)

    def add_directive(self, start: int, end: int, body: str) -> None:
        self.directives.append(Directive(start=start, end=end, text=self.source[start:end], body=body.strip()))

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.source[start:end])

    def trim(self, start: int, end: int, text: str | None = None) -> tuple[int, int]:
        """Shrink ``[start, end)`` to its first and last non-whitespace character of ``text``."""
        t = self.chars if text is None else text
        while start < end and t[start].isspace():
            start += 1
        while end > start and t[end - 1].isspace():
            end -= 1
        return start, end


def html_comments(src: str, head: re.Pattern[str] | None = None) -> Iterator[tuple[int, int, int, int]]:
    """``(start, end, body_start, body_end)`` of each complete ``<!-- ... -->`` comment, in
    order: a comment runs from ``<!--`` to the first ``-->`` after it.  With ``head``, only
    comments whose text starts with ``head`` count (the body starts after it); a ``<!--``
    that does not is skipped, and the next ``<!--`` may be inside it.

    Linear in ``len(src)``: each ``<!--`` is looked at once, and the first ``<!--`` with no
    ``-->`` after it ends the search (no later one has one either), where a lazy regex
    (``<!--.*?-->``) would scan to the end of the text from every ``<!--``."""
    pos = 0
    while True:
        start = src.find("<!--", pos)
        if start < 0:
            return
        body_start = start + 4
        if head is not None:
            m = head.match(src, body_start)
            if m is None:
                pos = start + 1
                continue
            body_start = m.end()
        body_end = src.find("-->", body_start)
        if body_end < 0:
            return
        yield start, body_end + 3, body_start, body_end
        pos = body_end + 3


def iter_lines(text: str, start: int = 0, end: int | None = None):
    """Yield ``(line_start, line_end)`` for each ``\\n``-separated line of ``text[start:end]``."""
    end = len(text) if end is None else end
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        if nl < 0:
            if pos < end:
                yield pos, end
            return
        yield pos, nl
        pos = nl + 1


def paragraphs(text: str, breaks: set[int]) -> list[tuple[int, int]]:
    """Body paragraphs of ``text``: runs of non-blank lines, also split at ``breaks``."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_LINES.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))

    cuts = sorted(breaks)
    out: list[tuple[int, int]] = []
    for s, e in blocks:
        i = bisect.bisect_right(cuts, s)
        pieces_start = s
        while i < len(cuts) and cuts[i] < e:
            out.append((pieces_start, cuts[i]))
            pieces_start = cuts[i]
            i += 1
        out.append((pieces_start, e))

    result = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            result.append((s, e))
    return result
