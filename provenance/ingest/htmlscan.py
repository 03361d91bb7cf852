"""Blanking HTML markup out of an article, keeping every offset.

A small scanner after the HTML5 tokenizer (the standard library's ``html.parser`` reports
no end offsets, and some of its recovery paths consume markup silently, which would leak
it into the text): tags, comments, doctypes and processing instructions are blanked;
script, style and the other raw-text elements are blanked with their content; elements
that never show prose (template, svg, nav, ...) or are hidden (``hidden``,
``aria-hidden="true"``, ``display:none``) are blanked with their content when their end
tag is found; character references in text are decoded in place.

The same scanner runs on Markdown with ``known_tags_only`` (raw HTML in Markdown): there
``<`` starts a tag only before a real HTML element name, so prose such as ``a <b and c>``
written without markup intent mostly survives.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from provenance.ingest.buffer import TextBuffer

# Block-level elements: a tag of one of these ends a paragraph.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html li main "
    "menu ol p pre section summary table tbody td tfoot th thead title tr ul".split()
)
# Raw-text elements: their content is not markup and never article text.
RAW_TEXT_TAGS = frozenset("script style noscript iframe noembed noframes xmp textarea plaintext".split())
# Elements whose content is never article prose (blanked when their end tag is found).
SUPPRESSED_TAGS = frozenset("template svg math select nav object canvas button datalist video audio map".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
KNOWN_TAGS = (
    BLOCK_TAGS
    | RAW_TEXT_TAGS
    | SUPPRESSED_TAGS
    | VOID_TAGS
    | frozenset(
        "a abbr b bdi bdo big blink center cite code data del dfn em font i ins kbd label legend "
        "mark meter optgroup option output picture progress q rp rt ruby s samp slot small span "
        "strike strong sub sup time tt u var".split()
    )
)

# <meta> names/properties (lower-case) mapped to Article.metadata keys; first one wins.
META_KEYS = {
    "title": "title", "og:title": "title", "twitter:title": "title", "dc.title": "title",
    "headline": "title",
    "author": "author", "article:author": "author", "byl": "author", "dc.creator": "author",
    "parsely-author": "author", "sailthru.author": "author",
    "date": "date", "pubdate": "date", "publishdate": "date", "publish-date": "date",
    "article:published_time": "date", "og:published_time": "date", "datepublished": "date",
    "dc.date": "date", "dc.date.issued": "date", "parsely-pub-date": "date",
    "og:site_name": "publisher", "publisher": "publisher", "dc.publisher": "publisher",
    "og:url": "url", "description": "description", "og:description": "description",
}  # fmt: skip

_TAG_OPEN = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_ATTR = re.compile(r"""([^\s/>=][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_COMMENT_END = re.compile(r"--!?>")
_DIRECTIVE = re.compile(r"\s*provenance\s*:(.*)\Z", re.S | re.I)
_SCRIPT_TOKENS = re.compile(r"<!--|-->|</?script(?=[\s/>])", re.I)


@dataclass
class HtmlInfo:
    title: tuple[int, int] | None = None  # content of <title>
    h1: tuple[int, int] | None = None  # content of the first <h1>
    main: tuple[int, int] | None = None  # content of the chosen <article>/<main>, if any
    lang: str | None = None  # <html lang="..">
    meta: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # key -> (value, start, end)
    json_ld: list[str] = field(default_factory=list)
    title_unclosed: bool = False


def tag_end(src: str, pos: int) -> int:
    """Offset just after the ``>`` closing a tag whose attributes start at ``pos`` (or len)."""
    n = len(src)
    i = pos
    while i < n:
        gt = src.find(">", i)
        if gt < 0:
            return n
        eq = src.find("=", i, gt)
        if eq < 0:
            return gt + 1
        k = eq + 1
        while k < n and src[k] in " \t\n\f\r":
            k += 1
        if k < n and src[k] in "\"'":
            q = src.find(src[k], k + 1)
            if q < 0:
                return n
            i = q + 1
        else:
            i = k
    return n


def parse_attrs(src: str, start: int, end: int) -> dict[str, tuple[str, int, int]]:
    """Attributes of a tag: name (lower-case) -> (raw value, value start, value end)."""
    attrs: dict[str, tuple[str, int, int]] = {}
    for m in _ATTR.finditer(src, start, end):
        name = m.group(1).lower()
        for g in (2, 3, 4):
            if m.group(g) is not None:
                attrs.setdefault(name, (m.group(g), m.start(g), m.end(g)))
                break
        else:
            attrs.setdefault(name, ("", m.end(1), m.end(1)))
    return attrs


def _script_end(src: str, pos: int) -> int:
    """Start of the ``</script`` that ends a script's content (HTML5 escape states, roughly)."""
    state = 0  # 0 data, 1 escaped (after <!--), 2 double-escaped (<script inside <!--)
    for m in _SCRIPT_TOKENS.finditer(src, pos):
        tok = m.group(0).lower()
        if tok == "</script" and state in (0, 1):
            return m.start()
        if tok == "<!--" and state == 0:
            state = 1
        elif tok == "-->":
            state = 0
        elif tok == "<script" and state == 1:
            state = 2
        elif tok == "</script" and state == 2:
            state = 1
    return -1


class _Pairs:
    """Matching end tags, found once per element name with a stack (so scanning stays linear)."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.cache: dict[str, dict[int, int]] = {}

    def end_of(self, name: str, open_pos: int) -> int | None:
        """Start of the end tag matching the start tag at ``open_pos``, or None."""
        if name not in self.cache:
            pairs: dict[int, int] = {}
            stack: list[int] = []
            for m in re.finditer(r"<(/?)" + re.escape(name) + r"(?=[\s/>])", self.src, re.I):
                if m.group(1):
                    if stack:
                        pairs[stack.pop()] = m.start()
                else:
                    stack.append(m.start())
            self.cache[name] = pairs
        return self.cache[name].get(open_pos)


def _hidden(attrs: dict[str, tuple[str, int, int]]) -> bool:
    if "hidden" in attrs:
        return True
    if attrs.get("aria-hidden", ("",))[0].strip().lower() == "true":
        return True
    style = attrs.get("style", ("",))[0].lower().replace(" ", "")
    return "display:none" in style or "visibility:hidden" in style


def blank_html(buf: TextBuffer, *, known_tags_only: bool = False) -> HtmlInfo:
    """Blank markup in ``buf`` (whole-document HTML, or raw HTML inside Markdown)."""
    src = buf.source
    n = len(src)
    info = HtmlInfo()
    pairs = _Pairs(src)
    main_candidates: list[tuple[int, int, str]] = []
    i = 0
    while i < n:
        lt = src.find("<", i)
        if lt < 0:
            lt = n
        if i < lt:
            buf.decode_entities(i, lt)
        if lt >= n:
            break
        i = _markup(buf, src, lt, info, pairs, main_candidates, known_tags_only)

    # Keep only the main content when the page marks it (<article>, else <main>).
    for kind in ("article", "main"):
        found: list[tuple[int, int]] = []
        for s, e in sorted((s, e) for s, e, k in main_candidates if k == kind):
            if not found or s >= found[-1][1]:  # outermost ones only
                found.append((s, e))
        if found:
            text = buf.text
            info.main = max(found, key=lambda r: sum(1 for c in text[r[0] : r[1]] if not c.isspace()))
            break
    return info


def _markup(buf, src, lt, info, pairs, main_candidates, known_tags_only) -> int:
    """Handle the markup at ``src[lt] == '<'``; return where scanning continues."""
    n = len(src)
    m = _TAG_OPEN.match(src, lt)
    if m and (not known_tags_only or m.group(2).lower() in KNOWN_TAGS):
        closing = bool(m.group(1))
        name = m.group(2).lower()
        end = tag_end(src, m.end())
        if name in BLOCK_TAGS:
            buf.block_break(lt, end)
        else:
            buf.blank(lt, end)
        if closing:
            if name == "h1" and info.h1 is not None and info.h1[1] < 0:
                info.h1 = (info.h1[0], lt)
            return end
        self_closing = src[end - 2 : end] == "/>"
        attrs = parse_attrs(src, m.end(), end)
        if name in RAW_TEXT_TAGS:
            if name == "script":
                close = _script_end(src, end)
            else:
                found = re.compile(r"</" + name + r"(?=[\s/>])", re.I).search(src, end)
                close = found.start() if found else -1
            if name == "plaintext":
                close = -1
            if close < 0:
                buf.blank(end, n)
                return n
            if name == "script" and "ld+json" in attrs.get("type", ("",))[0].lower():
                info.json_ld.append(src[end:close])
            close_end = tag_end(src, close + 2 + len(name))
            buf.blank(end, close_end)
            return close_end
        if name == "title" and not info.title_unclosed:
            found = re.compile(r"</title(?=[\s/>])", re.I).search(src, end)
            if found:
                buf.decode_entities(end, found.start())
                if info.title is None:
                    info.title = (end, found.start())
                close_end = tag_end(src, found.start() + 7)
                buf.block_break(found.start(), close_end)
                return close_end
            info.title_unclosed = True
            return end
        if name == "meta":
            _meta(info, attrs)
        elif name == "html" and "lang" in attrs and info.lang is None:
            info.lang = attrs["lang"][0].strip() or None
        elif name == "h1" and info.h1 is None:
            info.h1 = (end, -1)
        elif name == "li":
            buf.list_items.append(end)
        if not self_closing and name not in VOID_TAGS:
            if name in SUPPRESSED_TAGS or (name in KNOWN_TAGS and _hidden(attrs)):
                close = pairs.end_of(name, lt)
                if close is not None:
                    close_end = tag_end(src, close + 2 + len(name))
                    buf.blank(end, close_end)
                    return close_end
            elif name in ("article", "main"):
                close = pairs.end_of(name, lt)
                if close is not None:
                    main_candidates.append((end, close, name))
        return end

    if src.startswith("<!--", lt):
        body_start = lt + 4
        if src.startswith(">", body_start) or src.startswith("->", body_start):  # <!--> <!--->
            end = src.find(">", body_start) + 1
            buf.blank(lt, end)
            return end
        cm = _COMMENT_END.search(src, body_start)
        end = cm.end() if cm else n
        body_end = cm.start() if cm else n
        d = _DIRECTIVE.match(src[body_start:body_end])
        if d and cm:
            buf.add_directive(lt, end, d.group(1))
        buf.blank(lt, end)
        return end
    if not known_tags_only and (src.startswith("<!", lt) or src.startswith("<?", lt) or src.startswith("</", lt)):
        gt = src.find(">", lt + 2)
        end = n if gt < 0 else gt + 1
        buf.blank(lt, end)
        return end
    if known_tags_only and src.startswith("<!", lt) and re.match(r"<!(?:\[CDATA\[|doctype)", src[lt : lt + 10], re.I):
        gt = src.find(">", lt + 2)
        end = n if gt < 0 else gt + 1
        buf.blank(lt, end)
        return end
    return lt + 1  # a literal '<'


def _meta(info: HtmlInfo, attrs: dict[str, tuple[str, int, int]]) -> None:
    if "content" not in attrs:
        return
    for key_attr in ("name", "property", "itemprop"):
        if key_attr in attrs:
            key = META_KEYS.get(attrs[key_attr][0].strip().lower())
            if key and key not in info.meta:
                raw, s, e = attrs["content"]
                value = " ".join(html.unescape(raw).split())
                if value:
                    info.meta[key] = (value, s, e)
            return


def json_ld_metadata(blocks: list[str]) -> dict[str, str]:
    """headline, author, publisher and date from JSON-LD NewsArticle-like objects."""
    out: dict[str, str] = {}

    def name_of(v) -> str | None:
        if isinstance(v, str):
            return v.strip() or None
        if isinstance(v, dict):
            return name_of(v.get("name"))
        if isinstance(v, list):
            names = [x for x in (name_of(i) for i in v) if x]
            return " and ".join(names) if names else None
        return None

    def visit(obj, depth: int = 0) -> None:
        if depth > 5:
            return
        if isinstance(obj, list):
            for o in obj:
                visit(o, depth + 1)
            return
        if not isinstance(obj, dict):
            return
        if "@graph" in obj:
            visit(obj["@graph"], depth + 1)
        for src_key, key in (("headline", "title"), ("datePublished", "date"), ("author", "author"),
                             ("publisher", "publisher")):  # fmt: skip
            if src_key in obj and key not in out:
                value = name_of(obj[src_key])
                if value:
                    out[key] = value

    for block in blocks:
        try:
            visit(json.loads(block))
        except (ValueError, RecursionError):
            continue
    return out
