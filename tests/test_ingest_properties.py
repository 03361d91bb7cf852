"""Property tests for ingest: offsets never shift, nothing but InputError escapes."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.article import Article
from provenance.errors import InputError
from provenance.ingest import article_from_text, load_article

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,10};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
FORMATS = st.sampled_from([None, "text", "markdown", "html"])


def _entity_chars(src: str, i: int) -> str:
    """The decoded characters of any character reference in ``src`` covering offset ``i``."""
    out = ""
    for j in range(i, max(-1, i - 45), -1):
        if src[j] == "&":
            m = ENTITY.match(src, j)
            if m and m.end() > i:
                out += html.unescape(m.group(0))
    return out


def assert_article_invariants(a: Article) -> None:
    src, text = a.source_text, a.text
    assert len(text) == len(src)
    for i, ch in enumerate(text):
        if src[i] == "\n":
            assert ch == "\n"
        if not ch.isspace() and ch != src[i]:
            assert ch in _entity_chars(src, i), (i, ch)
    prev_end = 0
    for p in a.paragraphs:
        assert prev_end <= p.start < p.end <= len(src)
        assert src[p.start : p.end] == p.text
        prev_end = p.end
    spans = list(a.sources_list) + list(a.directives) + [s for s in (a.title, a.publisher_span) if s]
    for s in spans:
        assert 0 <= s.start <= s.end <= len(src)
        assert src[s.start : s.end] == s.text
    for s in a.sources_list:  # the trailer is blanked
        assert not text[s.start : s.end].strip()


def _build(src: str, fmt: str | None) -> Article | None:
    try:
        return article_from_text(src, fmt=fmt)
    except InputError:
        return None


@SETTINGS
@given(st.text(max_size=400), FORMATS)
def test_arbitrary_text(src, fmt):
    a = _build(src, fmt)
    if a is not None:
        assert_article_invariants(a)


# Fragments that exercise every construction of every format.
FRAGMENTS = st.sampled_from(
    [
        "<p>", "</p>", "<br>", "<div class='x'>", "</div>", "<h1>", "</h1>", "<title>", "</title>",
        "<script>", "</script>", "<style>", "</style>", "<!--", "-->", "<!-- provenance: x -->",
        "<a href=\"x>y\">", "</a>", "<li>", "<ul>", "<nav>", "</nav>", "<p hidden>", "<!doctype html>",
        "<html>", "<?xml ?>", "</", "<", ">", "&amp;", "&lt;", "&#8220;", "&#x1F600;", "&bogus;",
        "&amp", "&#99999999;", "&nbsp;", "&#10;", "\n", "\n\n", " ", "\t", "\r\n", "\r",
        "date 2025-06-30 ", "Title: A headline\n", "---\n", "# ", "## ", "* ", "- ", "> ", "**",
        "_", "`", "```\n", "[x](y)", "![i](j)", "== Sources ==\n", "Sources\n",
        "By Jane Doe, AFP\n", "By Jane Doe and John Roe | Reuters\n",
        "Seoul, June 30 (IANS) ", "WASHINGTON (Reuters) - ", "PARIS (AFP) – ", "BEIJING, Jan. 5 (Xinhua) -- ",
        "https://example.com ", '"Quoted title" — Reuters, June 1, 2025', "The minister said it was over. ",
        "Kim ", "said ", "\ufeff", "é", "漢字", "\u2028", "\x85", "\x0b",
    ]
)  # fmt: skip


@SETTINGS
@given(st.lists(FRAGMENTS, max_size=40).map("".join), FORMATS)
def test_structured_fragments(src, fmt):
    a = _build(src, fmt)
    if a is not None:
        assert_article_invariants(a)


HOSTILE = st.sampled_from(
    [
        "<script>XSS()</script>", "<script type=module>XSS</script>", "<style>XSS{}</style>",
        "<!-- XSS -->", "<img src=x onerror=XSS()>", "<a title='XSS'>", "<a href=\"XSS\">",
        "<svg><text>XSS</text></svg>", "<template>XSS</template>", "<noscript>XSS</noscript>",
        "<div hidden>XSS</div>", "<iframe>XSS</iframe>", "<textarea>XSS</textarea>",
        "<script><!--<script>XSS</script>XSS--></script>",
    ]
)  # fmt: skip
BENIGN = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "Words here. ", "\n", " ", "&amp;", "<br/>"])


@SETTINGS
@given(st.lists(st.one_of(HOSTILE, BENIGN), max_size=25).map("".join))
def test_html_hostile_content_never_reaches_text(src):
    a = article_from_text("<!doctype html><html><body>" + src + "</body></html>")
    assert_article_invariants(a)
    assert "XSS" not in a.text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.md", "a.html", "a"]), st.sampled_from([None, "latin-1", "utf-16"]))
def test_arbitrary_bytes_only_raise_input_error(tmp_path_factory, data, name, encoding):
    path = tmp_path_factory.mktemp("b") / name
    path.write_bytes(data)
    try:
        a = load_article(path, encoding=encoding, max_bytes=250)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert_article_invariants(a)
