"""A Wikinews-style trailer: a "Sources" heading followed by a list of citations.

The trailer is not article body: it is blanked from ``Article.text`` and each item under
a Sources/References heading becomes one ``Article.sources_list`` span.  Sections such as
"Related news" or "External links" next to it are blanked too, but not recorded.
"""

from __future__ import annotations

import bisect
import re

from provenance.quotes import APOSTROPHE, CLOSING_MARKS, OPENING_MARKS, SINGLE_CLOSE, SINGLE_OPEN
from provenance.ingest.buffer import TextBuffer, iter_lines
from provenance.ingest.dates import FULL_DATE

SOURCE_HEADINGS = frozenset({"sources", "source", "references", "bibliography", "citations"})
OTHER_TRAILER_HEADINGS = frozenset(
    {"related news", "related", "related articles", "related stories", "external links", "see also", "further reading"}
)

_URL = re.compile(r"https?://|www\.\w", re.I)
_QUOTED = re.compile(f"[{re.escape(OPENING_MARKS + SINGLE_OPEN + APOSTROPHE)}][^{re.escape(CLOSING_MARKS + SINGLE_CLOSE)}]{{3,}}"
                     f"[{re.escape(CLOSING_MARKS + SINGLE_CLOSE)}]")  # a quoted title in a source line
_DASH_SEP = re.compile(r"\s[—–-]{1,2}\s|\s\|\s")
_TRAILING_DATE = re.compile(rf"{FULL_DATE}\W*$")
_WIKI_FURNITURE = re.compile(r"\[\[Category:[^\]]*\]\]$|\{\{[^{}]*\}\}$", re.I)
_BULLET_CHARS = "*-•+–"


def _heading_kind(line: str) -> str | None:
    s = line.replace("[edit]", " ").strip().strip("=#").strip().rstrip(":").strip().lower()
    if s in SOURCE_HEADINGS:
        return "sources"
    if s in OTHER_TRAILER_HEADINGS:
        return "other"
    return None


def citation_like(line: str) -> bool:
    """A line that reads like a reference: a URL, a quoted title with a source or date, or a
    line ending in a full date."""
    s = line.strip()
    if len(s) > 1000:
        return False
    if _URL.search(s) or s.startswith("{{"):
        return True
    if _QUOTED.search(s) and (_DASH_SEP.search(s) or _TRAILING_DATE.search(s)):
        return True
    return bool(_TRAILING_DATE.search(s)) and len(s.split()) >= 3


def _trim_source(src: str, s: int, e: int) -> tuple[int, int]:
    while s < e and src[s].isspace():
        s += 1
    while e > s and src[e - 1].isspace():
        e -= 1
    return s, e


def find_trailer(
    buf: TextBuffer, body_start: int, list_items: list[int], source_spans: bool = True
) -> list[tuple[int, int]]:
    """Blank trailer sections after ``body_start``; return the source items' (start, end).

    An item's span starts after its list marker (``<li>`` in HTML) and ends at the end of
    its line as written (``source_spans``: Markdown, plain text) or at its last character
    of text (HTML, where closing tags follow)."""
    text = buf.text
    items_sorted = sorted(list_items)

    def is_list_item(ls: int, first: int) -> bool:
        i = bisect.bisect_left(items_sorted, ls)
        return i < len(items_sorted) and items_sorted[i] <= first

    lines = [(ls, le) for ls, le in iter_lines(text, body_start) if text[ls:le].strip()]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        ls, le = lines[i]
        kind = _heading_kind(text[ls:le])
        if kind is None:
            i += 1
            continue
        # A trailer: headings and list/citation lines from here on.
        j = i
        blanks: list[tuple[int, int]] = []
        items: list[tuple[int, int]] = []
        has_items = False
        while j < len(lines):
            ls2, le2 = lines[j]
            line = text[ls2:le2]
            k2 = _heading_kind(line)
            first = ls2 + (len(line) - len(line.lstrip()))
            listed = is_list_item(ls2, first)
            if k2 is not None or (not listed and _WIKI_FURNITURE.match(line.strip())):
                kind = k2 or kind
                blanks.append((ls2, le2))
                j += 1
                continue
            if listed or buf.source[first] in _BULLET_CHARS or citation_like(line):
                s, e = buf.trim(first, le2, text)
                if listed:  # the item as written, from its list marker (or <li>) on
                    s = _trim_source(buf.source, items_sorted[bisect.bisect_left(items_sorted, ls2)], e)[0]
                if source_spans:  # Markdown/plain: to the end of the line as written
                    s, e = _trim_source(buf.source, s if listed else ls2, le2)
                blanks.append((ls2, le2))
                has_items = True
                if kind == "sources" and s < e:
                    items.append((s, e))
                j += 1
                continue
            break
        if has_items:
            for s, e in blanks:
                buf.blank(s, e)
            found.extend(items)
        i = max(j, i + 1)
    return found
