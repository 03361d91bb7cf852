"""From decoded text to an :class:`~provenance.article.Article`."""

from __future__ import annotations

from dataclasses import dataclass

from provenance.article import Article, ArticleFormat, Span
from provenance.ingest import dates
from provenance.ingest.buffer import TextBuffer, iter_lines, paragraphs
from provenance.ingest.boilerplate import blank_boilerplate
from provenance.ingest.header import (
    bare_byline,
    date_line,
    looks_like_headline,
    metadata_prefix,
    parse_byline,
    parse_dateline,
)
from provenance.ingest.htmlscan import blank_html, json_ld_metadata
from provenance.ingest.language import non_english_warning
from provenance.ingest.markdown import blank_comments, blank_markdown, blank_plain, front_matter
from provenance.ingest.sources import find_trailer

HEADER_LINES = 8  # how many leading lines may hold headline, byline and date lines
_DATE_KEYS = ("date", "published", "updated")


@dataclass
class _Found:
    """A value found in the article, with where it is written (None: not in the text)."""

    value: str
    start: int | None = None
    end: int | None = None


def _next_line(text: str, pos: int) -> tuple[int, int, int, int] | None:
    """The next non-blank line from ``pos``: (line start, line end, first, last+1 non-space)."""
    for ls, le in iter_lines(text, pos):
        if text[ls:le].strip():
            a, b = ls, le
            while text[a].isspace():
                a += 1
            while text[b - 1].isspace():
                b -= 1
            return ls, le, a, b
    return None


def _blank_line_follows(text: str, le: int) -> bool:
    """The line after the one ending at ``le`` is blank, and some text comes after it."""
    if le >= len(text):
        return False
    nxt = text.find("\n", le + 1)
    following = text[le + 1 : nxt if nxt >= 0 else len(text)]
    return nxt >= 0 and not following.strip() and bool(text[nxt:].strip())


def build_article(
    source_text: str,
    path: str,
    fmt: ArticleFormat,
    publisher: str | None = None,
    warnings: list[str] | None = None,
) -> Article:
    buf = TextBuffer(source_text)
    src = source_text
    warnings = list(warnings or [])
    metadata: dict[str, str] = {}
    meta_at: dict[str, tuple[int, int] | None] = {}  # where a metadata value is written
    headline: tuple[int, int] | None = None
    header_start = 0

    def add_meta(key: str, value: str, at: tuple[int, int] | None) -> None:
        value = " ".join(value.split())
        if value and key not in metadata:
            metadata[key] = value
            meta_at[key] = at

    if fmt == "html":
        info = blank_html(buf)
        for key, (value, s, e) in info.meta.items():
            add_meta(key, value, (s, e))
        for key, value in json_ld_metadata(info.json_ld).items():
            add_meta(key, value, None)
        if info.lang:
            add_meta("language", info.lang, None)
        h1 = info.h1 if info.h1 and info.h1[1] >= 0 else None
        if h1 and buf.trim(*h1)[0] < buf.trim(*h1)[1]:
            headline = buf.trim(*h1)
            if info.title:
                buf.blank(*info.title)
        elif info.title and buf.trim(*info.title)[0] < buf.trim(*info.title)[1]:
            headline = buf.trim(*info.title)
        if info.main:
            keep = sorted([info.main] + ([headline] if headline else []))
            pos = 0
            for s, e in keep:
                if s > pos:
                    buf.blank(pos, s)
                pos = max(pos, e)
            buf.blank(pos, len(src))
        if headline:
            header_start = headline[1]
        elif info.main:
            header_start = info.main[0]
    else:
        start = 0
        if fmt == "markdown":
            start, entries_fm = front_matter(buf)
            for key, (value, s, e) in entries_fm.items():
                add_meta(key, value, (s, e))
            blank_html(buf, known_tags_only=True)
        else:
            blank_comments(buf)
        meta_end, entries = metadata_prefix(src, start)
        for entry in entries:
            add_meta(entry.key, entry.value, (entry.value_start, entry.value_end))
        if entries:
            buf.blank(start, meta_end)
        if fmt == "markdown":
            blank_markdown(buf, meta_end)
        else:
            blank_plain(buf, meta_end)
        header_start = meta_end

    # Page furniture ("Go to Contents", "Advertisement", wire credits) is never a claim.
    blank_boilerplate(buf, header_start)

    # The head of the article: headline, byline, date line and dateline.
    text = buf.text
    headings = {s: (level, s, e) for level, s, e in buf.headings}
    byline: _Found | None = None
    byline_outlet: _Found | None = None
    dateline = None
    dateline_at = 0
    line_date: str | None = None
    body_start: int | None = None
    pos = header_start
    for _ in range(HEADER_LINES):
        nxt = _next_line(text, pos)
        if nxt is None:
            break
        ls, le, a, b = nxt
        if headline and a < headline[1] and b > headline[0]:
            pos = le
            continue
        heading = next((h for s, h in headings.items() if ls <= s < le), None)
        if heading is not None:
            if heading[0] == 1 and headline is None and fmt == "markdown":
                headline = (heading[1], heading[2])
                pos = le
                continue
            body_start = a
            break
        line = text[a:b]
        if byline is None:
            bl = parse_byline(line)
            if bl:
                byline = _Found(bl.names)
                if bl.outlet:
                    byline_outlet = _Found(bl.outlet, a + bl.outlet_start, a + bl.outlet_end)
                buf.blank(ls, le)
                pos = le
                continue
        names = bare_byline(line) if byline is None and headline is not None else None
        after = _next_line(text, le) if names else None
        if names and after is not None and parse_dateline(text[after[2] : after[1]]):
            byline = _Found(names)  # "Jane Doe" alone on the line before "MINSK, March 3 (Reuters) -"
            buf.blank(ls, le)
            pos = le
            continue
        if line_date is None and date_line(line):
            line_date = date_line(line)
            buf.blank(ls, le)
            pos = le
            continue
        dl = parse_dateline(text[a:le])
        if dl and dl.own_line and headline is None:
            dl = None  # "Kim Visits Moscow - KCNA" as the first line is a headline with its credit
        if dl and headline is None and dl.outlet is None and not dl.place.isupper() and fmt != "html" \
                and looks_like_headline(line) and _blank_line_follows(text, le):
            dl = None  # "Russia: Two held over depot fire" as the first line is a headline, not "Dubai: ..."
        if dl:
            dateline, dateline_at = dl, a
            buf.blank(a, a + dl.end)
            body_start = a
            break
        if (
            headline is None
            and fmt != "html"
            and looks_like_headline(line)
            and _blank_line_follows(text, le)
            and not any(ls <= li <= a for li in buf.list_items)
        ):
            headline = (a, b)
            pos = le
            continue
        body_start = a
        break

    # A metadata title stands for the headline when the body has none (kept as text when plain).
    if headline is None and meta_at.get("title") and fmt != "html":
        s, e = meta_at["title"]
        if "<" not in src[s:e] and "&" not in src[s:e]:
            buf.restore(s, e)
        headline = (s, e)
    if headline:
        buf.breaks.update(headline)

    # Trailer ("Sources" list) and paragraphs.
    trailer_from = body_start if body_start is not None else pos
    source_items = find_trailer(buf, trailer_from, buf.list_items, source_spans=fmt != "html")
    text = buf.text
    paras = paragraphs(text, buf.breaks)

    # Publisher, date, place.
    candidates: list[_Found] = []
    if dateline and dateline.outlet:
        candidates.append(_Found(dateline.outlet, dateline_at + dateline.outlet_start, dateline_at + dateline.outlet_end))
    if byline_outlet:
        candidates.append(byline_outlet)
    for key in ("publisher", "source"):
        value = metadata.get(key)
        if value and "://" not in value and not value.startswith("www."):
            at = meta_at.get(key)
            candidates.append(_Found(value, *(at if at else (None, None))))
    detected = candidates[0] if candidates else None
    pub_name: str | None = None
    pub_span: Span | None = None
    if publisher is not None and publisher.strip():
        pub_name = publisher.strip()
        match = next((c for c in candidates if c.value.casefold() == pub_name.casefold()), None)
        if match and match.start is not None and match.end is not None:
            pub_span = buf.span(match.start, match.end)
    elif detected:
        pub_name = detected.value
        if detected.start is not None and detected.end is not None:
            pub_span = buf.span(detected.start, detected.end)

    meta_date = next((d for d in (dates.to_iso(metadata[k]) for k in _DATE_KEYS if k in metadata) if d), None)
    date: str | None = None
    if dateline and dateline.date:
        parsed = dates.parse_date(dateline.date)
        if parsed:
            date = dates.combine(parsed, meta_date or (dates.to_iso(line_date) if line_date else None))
    if date is None:
        date = meta_date or (dates.to_iso(line_date) if line_date else None)

    author = byline.value if byline else metadata.get("author")

    # Warnings.
    body = "\n".join(text[s:e] for s, e in paras)
    lang = metadata.get("language", "")
    if lang and not lang.lower().startswith("en"):
        warnings.append(f"the document declares language {lang!r}; provenance reads English text")
    else:
        w = non_english_warning(body)
        if w:
            warnings.append(w)
    if not paras:
        warnings.append("no article text found")

    return Article(
        path=path,
        format=fmt,
        source_text=src,
        text=text,
        title=buf.span(*headline) if headline else None,
        date=date,
        publisher=pub_name,
        publisher_span=pub_span,
        place=(dateline.place or None) if dateline else None,
        byline=author,
        metadata=metadata,
        sources_list=[buf.span(s, e) for s, e in source_items],
        paragraphs=[buf.span(s, e) for s, e in paras],
        warnings=warnings,
        directives=sorted(buf.directives, key=lambda d: d.start),
    )
