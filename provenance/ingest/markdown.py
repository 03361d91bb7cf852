"""Blanking Markdown (and the little markup plain-text articles carry) out of an article.

Only cheap, line-local syntax is handled: YAML front matter, ATX and setext headings,
block quotes, list markers, fences (code blocks are not article prose and are blanked),
thematic breaks, reference definitions, table pipes, emphasis/strikethrough/code markers,
links (the link text stays), images and autolinks (blanked).  Raw HTML inside Markdown is
left to :func:`provenance.ingest.htmlscan.blank_html`.
"""

from __future__ import annotations

import re

from provenance.ingest.buffer import TextBuffer, html_comments, iter_lines

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"( {0,3})(#{1,6})(?=[ \t]|$)")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"[ \t]{0,3}>[ \t]?")
_BULLET = re.compile(r"[ \t]*(?:[*+\-•–]|\d{1,3}[.)])[ \t]+(?=\S)")
_REFDEF = re.compile(r" {0,3}\[[^\]\n]+\]:[ \t]*\S")
_TABLE_SEP = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)+\|?[ \t]*$")
# Link and image text stops at the next "[" (the innermost brackets, as in CommonMark) and a
# destination at the next "[" too: scanning from every "[" of a run to the end of the line
# would be quadratic ("[[[[..." or "[a](x[a](x..." without a closing bracket).
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^)\[\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]+)\](\([^)\[\n]*\)|\[[^\[\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^\s<>]*>", re.I)
_MARKERS = re.compile(r"\*{1,3}|_{1,3}|~~|`+")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_WIKI_HEADING_M = re.compile(r"^[ \t]*(={2,6})[ \t]*(\S(?:.*\S)?)[ \t]*\1[ \t]*$", re.M)
_BULLET_M = re.compile(r"^[ \t]*(?:[*+\-•–]|\d{1,3}[.)])[ \t]+(?=\S)", re.M)
_DIRECTIVE = re.compile(r"\s*provenance\s*:(.*)\Z", re.S | re.I)
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def blank_comments(buf: TextBuffer) -> None:
    """Blank complete HTML comments and record ``<!-- provenance: ... -->`` directives."""
    src = buf.source
    for start, end, body_start, body_end in html_comments(src):
        d = _DIRECTIVE.match(src, body_start, body_end)
        if d:
            buf.add_directive(start, end, d.group(1))
        buf.blank(start, end)


def front_matter(buf: TextBuffer) -> tuple[int, dict[str, tuple[str, int, int]]]:
    """YAML front matter (``---`` ... ``---`` or ``...``) at the very start.

    Returns the offset just after it (0 when there is none) and its top-level scalar
    ``key: value`` entries as key -> (value, start, end), the span without quotes."""
    src = buf.source
    lines = iter_lines(src)
    first = next(lines, None)
    if first is None or src[first[0] : first[1]].rstrip() != "---":
        return 0, {}
    entries: dict[str, tuple[str, int, int]] = {}
    for count, (ls, le) in enumerate(lines):
        line = src[ls:le]
        if line.rstrip() in ("---", "..."):
            end = le + 1 if le < len(src) else le
            buf.blank(0, end)
            return end, entries
        if count > 200:
            break
        m = _FRONT_KEY.match(line)
        if m and m.group(2) and not m.group(2).startswith(("|", ">", "[", "{", "&", "*")):
            vs, ve = ls + m.start(2), ls + m.end(2)
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                vs, ve, value = vs + 1, ve - 1, value[1:-1]
            if value.strip():
                entries.setdefault(m.group(1).lower(), (value, vs, ve))
    return 0, {}


def _blank_inline(buf: TextBuffer, ls: int, le: int, table_row: bool) -> None:
    src = buf.source
    for m in _IMAGE.finditer(src, ls, le):
        buf.blank(m.start(), m.end())
    for m in _LINK.finditer(src, ls, le):
        buf.blank(m.start(), m.start() + 1)
        buf.blank(m.end(1), m.end())
    for m in _AUTOLINK.finditer(src, ls, le):
        buf.blank(m.start(), m.end())
    for m in _ESCAPE.finditer(src, ls, le):
        buf.blank(m.start(), m.start() + 1)
    for m in _MARKERS.finditer(src, ls, le):
        s, e = m.start(), m.end()
        before = src[s - 1] if s > ls else " "
        after = src[e] if e < le else " "
        if s > ls and src[s - 1] == "\\":
            continue  # escaped
        tok = m.group(0)
        if tok[0] == "_":
            opening = not before.isalnum() and not after.isspace()
            closing = not after.isalnum() and not before.isspace()
            if opening or closing:
                buf.blank(s, e)
        elif not (before.isspace() and after.isspace()):
            buf.blank(s, e)
    if table_row:
        for k in range(ls, le):
            if src[k] == "|" and (k == ls or src[k - 1] != "\\"):
                buf.blank(k, k + 1)
    if le - ls >= 1 and src[le - 1] == "\\":
        buf.blank(le - 1, le)


def blank_markdown(buf: TextBuffer, start: int = 0) -> None:
    """Blank Markdown markup from ``start`` on (after any front matter)."""
    src = buf.source
    fence: str | None = None
    prev: tuple[int, int] | None = None  # the previous line when it was plain paragraph text
    for ls, le in iter_lines(src, start):
        line = src[ls:le]
        if fence is not None:
            buf.blank(ls, le)
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            prev = None
            continue
        fm = _FENCE.match(line)
        if fm:
            fence = fm.group(1)
            buf.blank(ls, le)
            prev = None
            continue
        if not line.strip():
            prev = None
            continue
        sm = _SETEXT.match(line)
        if sm and prev is not None:
            buf.blank(ls, le)
            level = 1 if sm.group(1)[0] == "=" else 2
            hs, he = buf.trim(prev[0], prev[1])
            if hs < he:
                buf.headings.append((level, hs, he))
                buf.breaks.update((prev[0], le))
            prev = None
            continue
        if _THEMATIC.match(line) or _REFDEF.match(line) or _TABLE_SEP.match(line):
            buf.blank(ls, le)
            prev = None
            continue
        pos = ls
        qm = _QUOTE.match(src, pos, le)
        while qm:
            buf.blank(qm.start(), qm.end())
            pos = qm.end()
            qm = _QUOTE.match(src, pos, le)
        am = _ATX.match(src, pos, le)
        if am:
            level = len(am.group(2))
            buf.blank(pos, am.end())
            content_end = le
            rest = src[am.end() : le].rstrip(" \t")
            body = rest.rstrip("#")
            if body != rest and (not body or body[-1] in " \t"):  # a closing "###"
                content_end = am.end() + len(body.rstrip(" \t"))
                buf.blank(content_end, le)
            _blank_inline(buf, am.end(), content_end, False)
            hs, he = buf.trim(am.end(), content_end)
            if hs < he:
                buf.headings.append((level, hs, he))
            buf.breaks.update((ls, le))
            prev = None
            continue
        bm = _BULLET.match(src, pos, le)
        if bm:
            buf.blank(bm.start(), bm.end())
            buf.list_items.append(bm.end())
            buf.breaks.add(bm.end())
            pos = bm.end()
        table_row = line.lstrip().startswith("|") or line.count("|") >= 2
        _blank_inline(buf, pos, le, table_row)
        prev = (ls, le) if not bm and pos == ls else None


def blank_plain(buf: TextBuffer, start: int = 0) -> None:
    """Plain text: leading list bullets and MediaWiki ``== Heading ==`` lines."""
    src = buf.source
    for wm in _WIKI_HEADING_M.finditer(src, start):
        ls, le = wm.start(), wm.end()
        buf.blank(wm.start(1), wm.end(1))
        buf.blank(ls + wm.group(0).rstrip().rfind(wm.group(1)), le)
        hs, he = buf.trim(ls, le)
        if hs < he:
            buf.headings.append((len(wm.group(1)), hs, he))
        buf.breaks.update((ls, le))
    for bm in _BULLET_M.finditer(src, start):
        buf.blank(bm.start(), bm.end())
        buf.list_items.append(bm.end())
        buf.breaks.add(bm.end())
