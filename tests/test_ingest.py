"""Ingest: file -> Article (formats, metadata, dateline/byline, trailer, errors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.article import Article, Span
from provenance.errors import InputError
from provenance.ingest import article_from_text, load_article

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_6a10e030e5c8f4fd.txt"


def check_invariants(a: Article) -> None:
    assert len(a.text) == len(a.source_text)
    for i, (t, s) in enumerate(zip(a.text, a.source_text)):
        if s == "\n":
            assert t == "\n", i  # newlines stay where they are
    spans: list[Span] = list(a.paragraphs) + list(a.sources_list) + list(a.directives)
    spans += [s for s in (a.title, a.publisher_span) if s is not None]
    for s in spans:
        assert 0 <= s.start <= s.end <= len(a.source_text)
        assert a.source_text[s.start : s.end] == s.text
    prev = 0
    for p in a.paragraphs:
        assert p.start >= prev and p.end > p.start
        assert not a.text[p.start].isspace() and not a.text[p.end - 1].isspace()
        prev = p.end


def body(a: Article) -> str:
    return " ".join(a.text.split())


def para_texts(a: Article) -> list[str]:
    return [" ".join(a.text[p.start : p.end].split()) for p in a.paragraphs]


# --- the seed -----------------------------------------------------------------------------


def test_seed_article():
    a = load_article(SEED)
    check_invariants(a)
    assert a.format == "text"
    assert a.source_text == SEED.read_text(encoding="utf-8")
    assert a.metadata == {"date": "2025-06-30"}
    assert a.publisher == "IANS"
    assert a.publisher_span == Span(start=33, end=37, text="IANS")
    assert a.place == "Seoul"
    assert a.date == "2025-06-30"
    assert a.title is None
    assert a.paragraphs[0].start == 39
    assert a.source_text[39:].startswith("North Korean leader")
    assert a.text[:39].strip() == ""
    assert len(a.paragraphs) == 15
    assert a.warnings == []


def test_publisher_argument_overrides():
    a = load_article(SEED, publisher="Yonhap")
    assert a.publisher == "Yonhap"
    assert a.publisher_span is None
    b = load_article(SEED, publisher="ians")
    assert b.publisher == "ians" and b.publisher_span.text == "IANS"


# --- datelines and bylines ----------------------------------------------------------------


@pytest.mark.parametrize(
    "src, place, outlet, body_start",
    [
        ("WASHINGTON (Reuters) - The president said talks would resume.", "WASHINGTON", "Reuters", "The president"),
        ("WASHINGTON, March 3 (Reuters) — Officials said it was over.", "WASHINGTON", "Reuters", "Officials"),
        ("BEIJING, Jan. 5 (Xinhua) -- China said it was ready.", "BEIJING", "Xinhua", "China"),
        ("PARIS (AFP) – France said it was ready.", "PARIS", "AFP", "France"),
        ("Seoul, June 30 (IANS) North Korean leader Kim met her.", "Seoul", "IANS", "North Korean"),
        ("KYIV, Ukraine (AP) — Russia launched drones overnight.", "KYIV, Ukraine", "AP", "Russia"),
        ("NEW YORK, June 2, 2025 (Reuters) - Stocks rose.", "NEW YORK", "Reuters", "Stocks"),
        ("Berlin, 30 June (dpa) - Germany said so.", "Berlin", "dpa", "Germany"),
    ],
)
def test_datelines(src, place, outlet, body_start):
    a = article_from_text(src)
    check_invariants(a)
    assert a.place == place
    assert a.publisher == outlet
    assert a.publisher_span.text == outlet
    assert a.source_text[a.publisher_span.start : a.publisher_span.end] == outlet
    assert a.paragraphs[0].text.startswith(body_start)
    assert a.text.lstrip().startswith(body_start)  # the dateline is blanked


def test_dateline_without_outlet():
    a = article_from_text("WASHINGTON — The Senate voted on Tuesday.")
    assert a.place == "WASHINGTON" and a.publisher is None
    assert body(a) == "The Senate voted on Tuesday."


@pytest.mark.parametrize(
    "src",
    [
        "Kim (left) said the meeting was a success.",
        "North Korean leader Kim Jong-un met the minister.",
        "The Kremlin (Moscow) - said nothing.",
        "WASHINGTON-based analysts said so.",
        "By the end of the year, prices had risen.",
    ],
)
def test_not_a_dateline(src):
    a = article_from_text(src)
    assert a.place is None and a.publisher is None and a.byline is None
    assert body(a) == src


def test_dateline_year_from_metadata_and_own_year():
    a = article_from_text("date 2025-01-02 WASHINGTON, Dec. 31 (Reuters) - It ended.")
    assert a.date == "2024-12-31"  # the dateline is the day before the metadata date
    b = article_from_text("NEW YORK, June 2, 2025 (Reuters) - Stocks rose.")
    assert b.date == "2025-06-02"
    c = article_from_text("WASHINGTON, March 3 (Reuters) - No year anywhere.")
    assert c.date is None


@pytest.mark.parametrize(
    "line, names, outlet",
    [
        ("By Jane Doe, AFP", "Jane Doe", "AFP"),
        ("By Jane Doe and John Roe | Reuters", "Jane Doe and John Roe", "Reuters"),
        ("By Jane Doe", "Jane Doe", None),
        ("BY JANE DOE", "JANE DOE", None),
        ("By Jane Doe, John Roe and Ann Poe", "Jane Doe, John Roe and Ann Poe", None),
        ("By Jane Doe, Associated Press", "Jane Doe", "Associated Press"),
        ("By Jean-Paul O'Brien - The Guardian", "Jean-Paul O'Brien", "The Guardian"),
    ],
)
def test_bylines(line, names, outlet):
    a = article_from_text(f"Headline of the story\n\n{line}\n\nThe minister said it was over.\n")
    check_invariants(a)
    assert a.byline == names
    assert a.publisher == outlet
    if outlet:
        assert a.publisher_span.text == outlet
    assert a.title.text == "Headline of the story"
    assert para_texts(a) == ["Headline of the story", "The minister said it was over."]


def test_dateline_publisher_wins_over_byline():
    a = article_from_text("By Jane Doe, The Guardian\n\nWASHINGTON (Reuters) - It rained.\n")
    assert a.byline == "Jane Doe"
    assert a.publisher == "Reuters"


# --- metadata and headlines ---------------------------------------------------------------


def test_metadata_lines():
    src = "Title: Kim meets Lyubimova\nDate: June 30, 2025\nauthor Jane Doe\nurl https://example.com/a\n\nThe minister said it was over.\n"
    a = article_from_text(src)
    check_invariants(a)
    assert a.metadata == {
        "title": "Kim meets Lyubimova",
        "date": "June 30, 2025",
        "author": "Jane Doe",
        "url": "https://example.com/a",
    }
    assert a.date == "2025-06-30"
    assert a.byline == "Jane Doe"
    assert a.title.text == "Kim meets Lyubimova"
    assert para_texts(a) == ["Kim meets Lyubimova", "The minister said it was over."]
    assert "Date" not in a.text and "https" not in a.text


def test_metadata_chain_on_one_line_and_source_key():
    a = article_from_text(" date 2025-06-30 source Yonhap\nThe North said so.\n")
    assert a.metadata == {"date": "2025-06-30", "source": "Yonhap"}
    assert a.publisher == "Yonhap" and a.publisher_span.text == "Yonhap"
    assert body(a) == "The North said so."


def test_capitalised_word_is_not_metadata_without_colon():
    a = article_from_text("Source close to the minister said the talks failed.")
    assert a.metadata == {} and body(a) == "Source close to the minister said the talks failed."


def test_plain_text_headline_rules():
    a = article_from_text("Kim meets Russian culture minister\n\nThe meeting took place on Sunday.\n")
    assert a.title.text == "Kim meets Russian culture minister"
    assert "Kim meets" in a.text  # the headline stays analysable text
    assert a.paragraphs[0] == a.title
    # A full sentence, or a line not followed by a blank line, is not a headline.
    assert article_from_text("The meeting took place.\n\nMore text.").title is None
    assert article_from_text("Kim meets minister\nThe meeting took place.").title is None
    assert article_from_text("Only a headline\n\n").title is None


def test_date_line_in_head():
    a = article_from_text("Kim meets minister\n\nUpdated: June 30, 2025 10:45 GMT\n\nThe meeting took place.\n")
    assert a.date == "2025-06-30"
    assert para_texts(a) == ["Kim meets minister", "The meeting took place."]


# --- Markdown -----------------------------------------------------------------------------

MD = """---
title: "Front matter title"
date: 2025-06-30
tags: [a, b]
---
# Kim meets *Russian* minister

**By Jane Doe, AFP**

PARIS (AFP) – The **minister** said [the talks](https://example.com) were _over_.

> "We will meet again," she said.

- first point
- second point

![a photo](photo.jpg)

## Sources

- [Reuters](https://reuters.com/x) — June 30, 2025
- "Kim meets minister" — KCNA, June 29, 2025
"""


def test_markdown_article():
    a = article_from_text(MD, path="story.md")
    check_invariants(a)
    assert a.format == "markdown"
    assert a.metadata["title"] == "Front matter title" and a.metadata["date"] == "2025-06-30"
    assert "tags" not in a.metadata or a.metadata["tags"] == "[a, b]"
    assert a.title.text.startswith("Kim meets") and a.title.text.endswith("minister")
    assert a.byline == "Jane Doe" and a.publisher == "AFP" and a.place == "PARIS"
    assert a.date == "2025-06-30"
    assert para_texts(a) == [
        "Kim meets Russian minister",
        "The minister said the talks were over .",  # markup stays as spaces: offsets never shift
        '"We will meet again," she said.',
        "first point",
        "second point",
    ]
    assert [s.text for s in a.sources_list] == [
        "[Reuters](https://reuters.com/x) — June 30, 2025",
        '"Kim meets minister" — KCNA, June 29, 2025',
    ]
    for marker in ("#", "**", "](", "photo.jpg", "Sources", "---"):
        assert marker not in a.text


def test_markdown_setext_code_and_snake_case():
    src = "Big headline\n============\n\nThe variable my_var_name is *set*.\n\n```\ncode <here>\n```\n"
    a = article_from_text(src, fmt="md")
    assert a.title.text == "Big headline"
    assert "my_var_name" in a.text and "====" not in a.text and "code" not in a.text


def test_markdown_raw_html_is_blanked():
    a = article_from_text("Text before.\n\n<script>alert(1)</script>\n<div>Inside div</div>\n\nA < b and c > d.\n", fmt="markdown")
    assert "alert" not in a.text and "<div>" not in a.text
    assert "Inside div" in a.text and "A < b and c > d." in a.text


# --- HTML ---------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<title>Kim meets minister - Example News</title>
<meta charset="utf-8">
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-06-30T08:00:00Z">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "LD headline"}</script>
<script>document.write("<p>injected</p>"); alert(1)</script>
<style>p { color: red }</style>
</head>
<body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Kim meets <em>Russian</em> minister</h1>
<p class="byline">By Jane Doe, AFP</p>
<p>PARIS (AFP) &ndash; The minister said the talks were &quot;over&quot; &amp; done.<img src=x onerror="alert(2)"></p>
<!-- provenance: ignore-next-sentence reason="quote verified" -->
<p>She <b>added</b> that AT&amp;T was<br>not involved.</p>
<div hidden>Hidden keyword stuffing</div>
<noscript>Enable JavaScript</noscript>
<template><p>template text</p></template>
<ul><li>First item</li><li>Second item</li></ul>
<h2>Sources</h2>
<ul>
<li><a href="https://reuters.com/x">Reuters</a>, June 30, 2025</li>
<li>KCNA, June 29, 2025</li>
</ul>
</article>
<footer>Copyright Example News</footer>
</body>
</html>
"""


def test_html_article():
    a = article_from_text(HTML, path="story.html")
    check_invariants(a)
    assert a.format == "html"
    t = a.text
    for bad in ("alert", "injected", "onerror", "<", "color: red", "Hidden keyword", "Enable JavaScript",
                "template text", "Home", "Copyright", "LD headline", "- Example News"):  # fmt: skip
        assert bad not in t, bad
    assert a.title.text == "Kim meets <em>Russian</em> minister"
    assert a.byline == "Jane Doe"
    assert a.publisher == "AFP" and a.publisher_span.text == "AFP"
    assert a.place == "PARIS"
    assert a.date == "2025-06-30"
    assert a.metadata["publisher"] == "Example News" and a.metadata["author"] == "Jane Doe"
    assert para_texts(a) == [
        "Kim meets Russian minister",
        'The minister said the talks were "over" & done.',
        "She added that AT& T was",  # "&amp;" is "&" plus padding
        "not involved.",
        "First item",
        "Second item",
    ]
    assert [s.text for s in a.sources_list] == [
        '<a href="https://reuters.com/x">Reuters</a>, June 30, 2025',
        "KCNA, June 29, 2025",
    ]
    (d,) = a.directives
    assert d.text == '<!-- provenance: ignore-next-sentence reason="quote verified" -->'
    assert d.body == 'ignore-next-sentence reason="quote verified"'
    assert a.source_text[d.start : d.end] == d.text
    assert "provenance" not in t


def test_html_entities_keep_length_and_position():
    src = "<p>AT&amp;T &lt;b&gt; caf&eacute; &#8220;quoted&#x201D; &nosuchentity; &amp</p>"
    a = article_from_text(src, fmt="html")
    check_invariants(a)
    i = src.index("&amp;T")
    assert a.text[i : i + 6] == "&    T"
    assert "<b>" in a.text and "caf" in a.text and "é" in a.text
    assert "“" in a.text and "”quoted" not in a.text and "quoted”" in a.text
    assert "&nosuchentity;" in a.text


def test_html_title_used_when_no_h1_and_sniffing():
    a = article_from_text("<html><head><title>The headline</title></head><body><p>Body text here.</p></body></html>")
    assert a.format == "html"
    assert a.title.text == "The headline"
    assert para_texts(a) == ["The headline", "Body text here."]


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<SCRIPT type=text/javascript>alert(1)</SCRIPT >",
        "<script><!--<script></script>alert(1)--></script>",
        "<img src=x onerror=alert(1)>",
        "<a href='javascript:alert(1)' title=\"a>b\">link</a>",
        "<svg><script>alert(1)</script></svg>",
        "<style>body{background:url(alert(1))}</style>",
        "<!-- alert(1) -->",
        "<script>alert(1)",
        "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
        "<div style='display:none'>alert(1)</div>",
        "<textarea>alert(1)</textarea>",
    ],
)
def test_html_hostile_input_never_becomes_text(payload):
    a = article_from_text(f"<html><body><p>Before.</p>{payload}<p>After.</p></body></html>")
    check_invariants(a)
    assert "alert" not in a.text
    assert "onerror" not in a.text and "javascript" not in a.text
    assert "Before." in a.text


def test_html_unclosed_comment_and_tag_blank_to_end():
    a = article_from_text("<p>Kept.</p><!-- never closed <p>gone</p>", fmt="html")
    assert body(a) == "Kept."
    b = article_from_text('<p>Kept.</p><a href="never closed>gone', fmt="html")
    assert body(b) == "Kept."


# --- trailer and directives ---------------------------------------------------------------


def test_wikinews_sources_plain_text():
    src = (
        "The minister said the talks were over.\n\n"
        "== Sources ==\n"
        '* "Kim meets minister" — KCNA, June 29, 2025\n'
        "* Reuters. https://reuters.com/x\n"
    )
    a = article_from_text(src)
    check_invariants(a)
    assert [s.text for s in a.sources_list] == ['"Kim meets minister" — KCNA, June 29, 2025', "Reuters. https://reuters.com/x"]
    assert body(a) == "The minister said the talks were over."


def test_sources_heading_with_citation_lines_and_prose_after():
    src = "Body text.\n\nSources:\nJane Doe. \"A report\" — Reuters, June 1, 2025\n\nMore prose follows here.\n"
    a = article_from_text(src)
    assert [s.text for s in a.sources_list] == ['Jane Doe. "A report" — Reuters, June 1, 2025']
    assert para_texts(a) == ["Body text.", "More prose follows here."]


def test_sources_word_alone_is_not_a_trailer():
    a = article_from_text("Body text.\n\nSources\n\nsaid the deal was done.\n")
    assert a.sources_list == [] and "Sources" in a.text


def test_directives_in_plain_text_and_markdown():
    src = "The minister said so.\n<!-- provenance: allow state-media-only -->\nKCNA said that.\n<!-- an ordinary comment -->\n"
    for fmt in ("text", "markdown"):
        a = article_from_text(src, fmt=fmt)
        check_invariants(a)
        assert [d.body for d in a.directives] == ["allow state-media-only"]
        assert a.directives[0].text == "<!-- provenance: allow state-media-only -->"
        assert "provenance" not in a.text and "ordinary" not in a.text


# --- warnings -----------------------------------------------------------------------------


def test_non_english_warning():
    fr = (
        "Le gouvernement a annoncé lundi que les négociations reprendraient la semaine prochaine "
        "à Paris, selon un communiqué publié par le ministère des affaires étrangères qui a salué "
        "les progrès réalisés par les deux parties depuis le début de l'année dans ce dossier."
    )
    a = article_from_text(fr)
    assert any("non-English" in w for w in a.warnings)
    assert load_article(SEED).warnings == []
    b = article_from_text('<html lang="de"><body><p>Text.</p></body></html>')
    assert any("'de'" in w for w in b.warnings)


def test_empty_and_blank_files(tmp_path):
    for content in (b"", b"   \n\n \t\n"):
        p = tmp_path / "empty.txt"
        p.write_bytes(content)
        a = load_article(p)
        assert a.paragraphs == [] and a.title is None
        assert a.text == a.source_text
        assert a.warnings == ["no article text found"]


# --- reading files ------------------------------------------------------------------------


def test_newlines_and_bom(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbfWASHINGTON (Reuters) - One.\r\n\r\nTwo.\rThree.\n")
    a = load_article(p)
    assert a.source_text == open(p, encoding="utf-8-sig").read()
    assert a.source_text == "WASHINGTON (Reuters) - One.\n\nTwo.\nThree.\n"
    assert a.publisher == "Reuters"
    assert para_texts(a) == ["One.", "Two. Three."]


def test_formats_by_extension_and_argument(tmp_path):
    for name, fmt in (("a.md", "markdown"), ("a.markdown", "markdown"), ("a.htm", "html"), ("a.html", "html"), ("a.txt", "text"), ("noext", "text")):  # fmt: skip
        p = tmp_path / name
        p.write_text("Plain words here.\n", encoding="utf-8")
        assert load_article(p).format == fmt
    p = tmp_path / "page"
    p.write_text("<!doctype html><p>Hi</p>", encoding="utf-8")
    assert load_article(p).format == "html"
    assert load_article(p, fmt="text").format == "text"
    q = tmp_path / "page.txt"
    q.write_text("<!DOCTYPE html><p>Hi</p>", encoding="utf-8")
    a = load_article(q)
    assert a.format == "text" and any("looks like HTML" in w for w in a.warnings)
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        load_article(p, fmt="pdf")


def test_encoding_option(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\xe9 au lait, said the minister.".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        load_article(p)
    msg = str(exc.value)
    assert msg == f"{p} is not valid UTF-8 (byte 0xe9 at offset 3); pass --encoding, e.g. --encoding latin-1"
    assert "\n" not in msg
    assert load_article(p, encoding="latin-1").source_text.startswith("Café")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        load_article(p, encoding="klingon")
    with pytest.raises(InputError, match="unknown encoding 'base64'"):
        load_article(p, encoding="base64")
    u16 = tmp_path / "u16.txt"
    u16.write_bytes("Hello there.".encode("utf-16"))
    assert load_article(u16, encoding="utf-16").source_text == "Hello there."


def test_error_paths(tmp_path):
    with pytest.raises(InputError, match=r"^no such file: .*missing\.txt$"):
        load_article(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_article(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 101)
    with pytest.raises(InputError) as exc:
        load_article(big, max_bytes=100)
    assert "100" in str(exc.value) and "--max-bytes" in str(exc.value)
    assert load_article(big, max_bytes=101).source_text == "a" * 101
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match=r"img\.txt: looks like binary data \(NUL bytes\)$"):
        load_article(binary)
    with pytest.raises(InputError, match="binary"):
        article_from_text("abc\x00def")


def test_stdin(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"PARIS (AFP) - It rained.\n")))
    a = load_article("-")
    assert a.path == "<stdin>" and a.publisher == "AFP"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 50)))
    with pytest.raises(InputError, match="--max-bytes"):
        load_article("-", max_bytes=10)


# --- more layouts -------------------------------------------------------------------------


def test_ap_style_byline_and_wikinews_layout():
    a = article_from_text("By JANE DOE Associated Press\n\nMOSCOW (AP) — Russia said so.\n")
    assert a.byline == "JANE DOE" and a.publisher == "AP" and a.place == "MOSCOW"
    src = (
        "Monday, June 30, 2025\n\n"
        "Kim Jong-un met Russia's culture minister, state media said.\n\n"
        "== Related news ==\n"
        '* "Earlier story" — Wikinews, May 1, 2025\n\n'
        "== Sources ==\n"
        "* {{source|url=https://example.com|title=Kim meets|pub=Yonhap}}\n"
        '* KCNA. "Kim meets Lyubimova" — KCNA, June 30, 2025\n\n'
        "[[Category:North Korea]]\n"
    )
    b = article_from_text(src)
    check_invariants(b)
    assert b.date == "2025-06-30"
    assert para_texts(b) == ["Kim Jong-un met Russia's culture minister, state media said."]
    assert [s.text for s in b.sources_list] == [
        "{{source|url=https://example.com|title=Kim meets|pub=Yonhap}}",
        'KCNA. "Kim meets Lyubimova" — KCNA, June 30, 2025',
    ]


def test_html_main_content_only():
    src = (
        "<html><body><div class=promo>Subscribe now!</div>"
        "<main><p>PARIS (AFP) - The body.</p></main>"
        "<div>Related: another story</div></body></html>"
    )
    a = article_from_text(src)
    assert body(a) == "The body." and a.place == "PARIS"


def test_article_from_text_normalises_like_a_file():
    a = article_from_text("\ufeffOne.\r\n\r\nTwo.\r")
    assert a.source_text == "One.\n\nTwo.\n"
    assert para_texts(a) == ["One.", "Two."]
