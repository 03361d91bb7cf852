"""The html format: content, structure, accessibility hooks, and escaping of hostile text."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from report_fixtures import HOSTILE, S, art, gold_report, hostile_report, parse_html, sample_rules, seed_text

from provenance.render import IndexEntry, render_html, render_index_html
from provenance.render.html import chain_diagram, quote_diff, script_safe_json
from provenance.report import ChainLink, Corroboration, CorroborationMatch, QuoteCheck, WordDiff

# what our templates may emit; anything else came from the data
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "a",
    "header",
    "div",
    "p",
    "span",
    "h1",
    "h2",
    "h3",
    "code",
    "button",
    "section",
    "svg",
    "rect",
    "ul",
    "li",
    "b",
    "dl",
    "dt",
    "dd",
    "main",
    "article",
    "aside",
    "noscript",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "br",
    "details",
    "summary",
    "blockquote",
    "footer",
    "template",
    "g",
    "line",
    "polygon",
    "text",
    "ol",
    "script",
    "del",
    "ins",
}


@pytest.fixture(scope="module")
def gold_html() -> str:
    return render_html(gold_report(), sample_rules(), seed_text())


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_self_contained_and_deterministic(gold_html: str) -> None:
    assert gold_html == render_html(gold_report(), sample_rules(), seed_text())
    assert gold_html.startswith("<!DOCTYPE html>")
    # no external resources of any kind
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", gold_html)
    assert "@import" not in gold_html and "url(" not in gold_html
    doc = parse_html(gold_html)
    assert not doc.find_all("link") and not doc.find_all("img") and not doc.find_all("iframe")
    scripts = doc.find_all("script")
    assert [s.attrs for s in scripts] == [{"type": "application/json", "id": "report-data"}, {}]


def test_csp_pins_the_inline_style_and_script(gold_html: str) -> None:
    doc = parse_html(gold_html)
    csp = doc.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert "default-src 'none'" in csp
    style = doc.find("style").text()
    script = doc.find_all("script")[1].text()
    assert f"style-src {_sha(style)};" in csp
    assert f"script-src {_sha(script)};" in csp


def test_header_and_summary(gold_html: str) -> None:
    doc = parse_html(gold_html)
    assert doc.find("h1").text() == "Kim Jong-un meets Russian culture minister in Pyongyang"
    header = doc.find("header").text()
    for s in (
        "IANS",
        "2025-06-30",
        "Seoul",
        "seeds/000_6a10e030e5c8f4fd.txt",
        "bundled:en_bundled-2026.11",
        "stanza 1.15.0",
        "provenance 0.1.0",
    ):
        assert s in header
    summary = " ".join(doc.find("section", class_="summary").text().split())
    assert "Statements 16" in summary
    assert "state media only 13" in summary and "reporter 3" in summary and "mixed 0" in summary
    assert "state-controlled KCNA" in summary and "independent IANS, Yonhap" in summary
    assert "Findings 7" in summary and "suppressed 1" in summary


def test_article_text_is_reconstructed_exactly(gold_html: str) -> None:
    doc = parse_html(gold_html)
    text = doc.by_id("text")
    assert text.text(skip_class="sr-only") == seed_text()
    spans = [n for n in text.iter() if "st" in n.classes()]
    r = gold_report()
    assert [int(n.attrs["data-statement"]) for n in spans] == [s.index for s in r.statements]
    for n, s in zip(spans, r.statements, strict=True):
        assert n.text(skip_class="sr-only") == s.text
        assert f"v-{s.verdict}" in n.classes()
        # focusable, announced as a button, controls the panel
        assert n.attrs["tabindex"] == "0" and n.attrs["role"] == "button" and n.attrs["aria-controls"] == "panel"
    first = spans[0]
    assert [c.text() for c in first.iter() if "cue" in c.classes()] == ["reported"]
    assert [c.text() for c in first.iter() if "src" in c.classes()] == ["the North's state media"]


def test_statement_details_chain_and_findings(gold_html: str) -> None:
    doc = parse_html(gold_html)
    tpl = doc.by_id("tpl-3")
    svg = tpl.find("svg", class_="chain")
    assert svg is not None and svg.attrs["role"] == "img"
    links = [g for g in svg.find_all("g") if "link" in g.classes()]
    assert [g.attrs["data-name"] for g in links] == ["IANS", "Yonhap", "KCNA", "Kim Jong-un"]
    assert [next(c for c in g.classes() if c.startswith("role-")) for g in links] == [
        "role-publisher",
        "role-relay",
        "role-origin",
        "role-speaker",
    ]
    assert "c-fill-state_controlled" in links[2].find("rect").classes()
    assert len([g for g in svg.find_all("g") if "arrow" in g.classes()]) == 3
    body = " ".join(tpl.text().split())
    assert "Attributions (2)" in body and "said" in body and "saying" in body and "relayed by #0" in body
    assert "Findings (1)" in body and "SRC201" in body
    assert len(doc.find_all("template")) == 16


def test_findings_table(gold_html: str) -> None:
    doc = parse_html(gold_html)
    rows = doc.by_id("findings").find("tbody").find_all("tr")
    assert len(rows) == 8  # suppressed findings are listed, marked
    assert sum("suppressed" in r.classes() for r in rows) == 1
    assert [b.attrs["data-select"] for b in doc.by_id("findings").find_all("button")] == [
        "0",
        "1",
        "2",
        "3",
        "5",
        "8",
        "9",
        "13",
    ]
    code = rows[0].find("code")
    assert code.text() == "SRC202" and code.attrs["title"].startswith("Flags a lede")
    rules = doc.find("section", class_="rules")
    assert [c.text() for c in rules.find_all("code")] == ["ATT101", "CHN301", "SRC201", "SRC202"]


def test_legend_covers_every_verdict_and_class(gold_html: str) -> None:
    doc = parse_html(gold_html)
    legend = doc.find("ul", aria_label="Verdict colours")
    assert [li.text() for li in legend.find_all("li")] == [
        "state media only",
        "mixed",
        "official",
        "independent",
        "unresolved",
        "reporter",
    ]
    classes = doc.find("ul", aria_label="Source class colours")
    assert len(classes.find_all("li")) == 7


def test_embedded_json_round_trips(gold_html: str) -> None:
    doc = parse_html(gold_html)
    data = json.loads(doc.by_id("report-data").text())
    assert data == json.loads(gold_report().to_json())


def test_without_source_text_and_with_wrong_text() -> None:
    r = gold_report()
    doc = parse_html(render_html(r, sample_rules()))
    assert "was not supplied" in doc.find("section", class_="notices").text()
    spans = [n for n in doc.by_id("text").iter() if "st" in n.classes()]
    assert [n.text(skip_class="sr-only") for n in spans] == [s.text for s in r.statements]
    doc = parse_html(render_html(r, sample_rules(), seed_text()[:1000]))
    notices = " ".join(doc.find("section", class_="notices").text().split())
    assert "does not match the article" in notices and "could not be placed" in notices


def test_chain_diagram_geometry() -> None:
    r = gold_report()
    g = chain_diagram(r.statements[3].chain)
    assert [b.name for b in g.boxes] == ["IANS", "Yonhap", "KCNA", "Kim Jong-un"]
    assert [a.label for a in g.arrows] == ["citing", "citing", "quoting"]
    ys = [b.y for b in g.boxes]
    assert ys == sorted(ys) and g.height > ys[-1]
    assert chain_diagram([]).boxes == []


def test_embedded_json_is_escaped_for_script_context() -> None:
    out = str(script_safe_json(json.dumps({"a": "</script><b>&\u2028\u2029"}, ensure_ascii=False)))
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == {"a": "</script><b>&\u2028\u2029"}


# --- hostile text --------------------------------------------------------------------


def _assert_inert(html: str, n_scripts: int) -> None:
    for bad in ("<script>alert", "<img", "<svg onload", "</script><script>", "<!-- x -->"):
        assert bad not in html, bad
    # outside the JSON data block (where \" is a JSON escape) no quote is left raw
    markup = re.sub(r'<script type="application/json" id="report-data">.*?</script>', "", html, flags=re.S)
    for bad in ('" onmouseover', "' onfocus"):
        assert bad not in markup, bad
    doc = parse_html(html)
    tags = {n.tag for n in doc.iter()} - {"#document"}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for n in doc.iter():
        for name, value in n.attrs.items():
            assert not name.startswith("on"), (n.tag, name)
            assert name in {
                "lang",
                "data-js-errors",
                "data-js-ready",
                "charset",
                "name",
                "content",
                "http-equiv",
                "class",
                "href",
                "id",
                "type",
                "data-filename",
                "aria-label",
                "viewbox",
                "preserveaspectratio",
                "role",
                "x",
                "y",
                "width",
                "height",
                "title",
                "aria-hidden",
                "aria-labelledby",
                "tabindex",
                "data-statement",
                "aria-controls",
                "aria-expanded",
                "data-selected",
                "hidden",
                "scope",
                "data-select",
                "start",
                "data-close",
                "x1",
                "x2",
                "y1",
                "y2",
                "points",
                "data-name",
                "rx",
                "ry",
                "data-col",
                "data-type",
                "data-sort",
                "aria-sort",
                "colspan",
            }, (n.tag, name)
            if name == "href":
                assert value is not None and not value.lower().startswith(("javascript:", "data:")), value
    scripts = doc.find_all("script")
    assert len(scripts) == n_scripts
    assert html.count("</script") == n_scripts
    assert html.lower().count("<script") == n_scripts


def test_hostile_text_is_escaped_everywhere() -> None:
    report, text, rules = hostile_report()
    html = render_html(report, rules, text)
    _assert_inert(html, n_scripts=2)
    doc = parse_html(html)
    # the text is shown, as text
    shown = doc.by_id("text").text(skip_class="sr-only")
    assert shown == text
    for bad in HOSTILE:
        assert bad in doc.find("h1").text()
    # the attribute with quotes is still one attribute
    tpl = doc.by_id("tpl-0")
    names = [g.attrs["data-name"] for g in tpl.find("svg").find_all("g") if "link" in g.classes()]
    assert names == [HOSTILE[6], f"{HOSTILE[1]}</script>", HOSTILE[4]]
    assert doc.by_id("download-json").attrs["data-filename"].startswith('" onmouseover="alert(1), a:b%.txt')
    # the embedded JSON has no markup characters and round-trips
    raw = doc.by_id("report-data").text()
    assert not set("<>&\u2028\u2029") & set(raw)
    assert json.loads(raw) == json.loads(report.to_json())
    # nothing hostile in the head beyond the escaped title
    assert doc.find("title").text().startswith(report.document.title)


def test_hostile_text_without_source_text() -> None:
    report, _, rules = hostile_report()
    _assert_inert(render_html(report, rules), n_scripts=2)


# --- cross-article evidence ----------------------------------------------------------

QUOTE = "It is important for the cultural sector to guide the relations between the two countries"
KCNA_ORIGINAL = f'PYONGYANG, June 30 -- Kim Jong-un received the minister. "{QUOTE}," he said.\n'


def _cross_batch():
    """An IANS article relaying KCNA (a corroborated claim, an altered, a verbatim and an
    unfound quotation) and the Reuters article that corroborates it, evidence attached."""
    from provenance.corroborate import CrossArticleOptions, Original, apply_cross_article

    missiles = "North Korea fired two ballistic missiles into the East Sea on Tuesday"
    vital = QUOTE.replace("important", "vital")
    ians = art(
        "ians.txt",
        S(f"{missiles}, the North's state media reported.", ("IANS", "KCNA"), missiles),
        S(f'"{vital}," KCNA quoted Kim Jong-un as saying.', ("IANS", "KCNA"), f'"{vital},"', kind="direct"),
        S(f'"{QUOTE}," KCNA quoted him as saying.', ("IANS", "KCNA"), f'"{QUOTE},"', kind="direct"),
        S('"We will never give up our deterrent," KCNA quoted him as saying.', ("IANS", "KCNA"),
          '"We will never give up our deterrent,"', kind="direct"),
    )
    reuters = art(
        "reuters.txt",
        S(f"{missiles} morning, South Korea's Joint Chiefs of Staff said.", ("Reuters", "South Korea's Joint Chiefs of Staff"),
          f"{missiles} morning"),
    )
    options = CrossArticleOptions(corroborate=True, originals=[Original("kcna.txt", ("KCNA",), KCNA_ORIGINAL)])
    return apply_cross_article([ians, reuters], options)


def test_quote_diff_marks_changed_words_and_cuts() -> None:
    assert quote_diff(QUOTE, QUOTE.replace("important", "vital")) == [
        {"op": "equal", "text": "It is", "title": ""},
        {"op": "del", "text": "important", "title": ""},
        {"op": "ins", "text": "vital", "title": ""},
        {"op": "equal", "text": "for the cultural sector to guide the relations between the two countries", "title": ""},
    ]
    parts = quote_diff(QUOTE, "It is important for the cultural sector\u2026 between the two countries")
    assert [p["op"] for p in parts] == ["equal", "cut", "equal"]
    assert parts[1]["title"] == "to guide the relations"
    assert [p["op"] for p in quote_diff(f"\u201c{QUOTE},\u201d", QUOTE.upper())] == ["equal"]  # case, marks, edges


def test_statement_panel_shows_corroboration_and_quote_checks() -> None:
    ians, _ = _cross_batch()
    html = render_html(ians, sample_rules(), "\n\n".join(s.text for s in ians.statements))
    doc = parse_html(html)
    # the summary counts the evidence
    counts = " ".join(doc.by_id("cross-counts").text().split())
    assert "State media only: 1 corroborated \u00b7 0 only repeated \u00b7 3 uncorroborated" in counts
    assert "1 verbatim \u00b7 1 altered \u00b7 1 not found" in counts

    tpl = doc.by_id("tpl-0")
    assert "cs-corroborated" in tpl.find("span", class_="badge cs cs-corroborated").classes()
    body = " ".join(tpl.text().split())
    assert "Corroboration corroborated state media: KCNA (KP)" in body
    [match] = tpl.find_all("li", class_="match rel-corroboration")
    text = " ".join(match.text().split())
    assert "corroborates reuters.txt statement 0 score 100" in text
    assert [" ".join(n.text().split()) for n in match.find_all("dd")] == [
        "South Korea's Joint Chiefs of Staff official body origin \u00b7 KR",  # the deciding link
        "Reuters \u2192 South Korea's Joint Chiefs of Staff",
    ]
    assert "North Korea fired two ballistic missiles into the East Sea on Tuesday morning" in text

    altered = doc.by_id("tpl-1").find("li", class_="qcheck qv-altered")
    assert [n.text() for n in altered.find_all("del")] == ["important"]
    assert [n.text() for n in altered.find_all("ins")] == ["vital"]
    assert "in the original of KCNA (kcna.txt) \u00b7 score" in " ".join(altered.text().split())
    assert altered.find("p", class_="qdiff").text().startswith("\u201cIt is important vital for")
    assert "verbatim" in doc.by_id("tpl-2").find("li", class_="qcheck qv-verbatim").text()
    missing = " ".join(doc.by_id("tpl-3").find("li", class_="qcheck qv-not_found").text().split())
    assert missing.startswith("not found not in the original of KCNA") and "We will never give up our deterrent" in missing
    assert "QUO403" in doc.by_id("findings").text() and "QUO404" in doc.by_id("findings").text()
    # a report without evidence has no such sections
    plain = parse_html(render_html(gold_report(), sample_rules(), seed_text()))
    assert plain.by_id("cross-counts") is None and "Corroboration" not in plain.by_id("tpl-0").text()


def test_hostile_cross_article_evidence_is_escaped() -> None:
    report, text, rules = hostile_report()
    bad = " ".join(HOSTILE)
    link = ChainLink(name=HOSTILE[0], source_class="official_body", role="origin", country=HOSTILE[3])
    corr = Corroboration(
        path=report.document.path, statement=0, text=bad, claim=bad, state_media=[HOSTILE[1]], countries=[HOSTILE[2]],
        status="corroborated",
        matches=[CorroborationMatch(path=HOSTILE[4], statement=1, text=bad, claim=bad, score=91.0,
                                    relation="corroboration", verdict="official", basis=link, chain=[HOSTILE[5], HOSTILE[0]])],
    )
    check = QuoteCheck(path=report.document.path, statement=0, attribution=0, quote=f"{HOSTILE[0]} quoted {HOSTILE[1]}",
                       start=1, end=10, source=HOSTILE[2], original=HOSTILE[3], verdict="altered", score=80.0,
                       original_text=f"{HOSTILE[4]} quoted {HOSTILE[6]} \u2026", original_start=0, original_end=5,
                       diff=[WordDiff(op="replace", original=[HOSTILE[4]], quoted=[HOSTILE[0]])])
    st = report.statements[0].model_copy(update={"corroboration": corr, "quote_checks": [check]})
    report = report.model_copy(update={"statements": [st, *report.statements[1:]]})
    html = render_html(report, rules, text)
    _assert_inert(html, n_scripts=2)
    tpl = parse_html(html).by_id("tpl-0")
    match = tpl.find("li", class_="match rel-corroboration")
    assert match.find("code").text() == HOSTILE[4] and match.find("b").text() == HOSTILE[0]
    assert any(HOSTILE[0] in n.text() for n in tpl.find_all("ins"))
    assert any(HOSTILE[4] in n.text() for n in tpl.find_all("del"))
    _assert_inert(render_html(report, rules), n_scripts=2)


# --- index page ----------------------------------------------------------------------


def test_index_page() -> None:
    a, b = gold_report(path="b.txt"), gold_report(path="a.txt").model_copy(update={"findings": []})
    html = render_index_html([IndexEntry(a, "b.html"), (b, "sub dir/a.html")])
    assert html == render_index_html([(b, "sub dir/a.html"), IndexEntry(a, "b.html")])
    doc = parse_html(html)
    rows = doc.find("tbody").find_all("tr")
    assert [r.find("a").attrs["href"] for r in rows] == ["sub%20dir/a.html", "b.html"]
    cells = [c.text().strip() for c in rows[1].find_all("td")]
    assert cells[3].startswith("16") and cells[4:10] == ["13", "0", "0", "0", "0", "3"]
    assert cells[10:14] == ["1", "4", "2", "1"]
    foot = [c.text().strip() for c in doc.find("tfoot").find_all("td")]
    assert foot[3:10] == ["32", "26", "0", "0", "0", "0", "6"]
    assert len(doc.find_all("script")) == 1
    csp = doc.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert _sha(doc.find("script").text()) in csp


def test_index_hostile() -> None:
    report, _, _ = hostile_report()
    html = render_index_html(
        [
            (report, "javascript:alert(1)"),
            (gold_report(), " JaVaScRiPt:alert(2)"),
            (gold_report(path="z"), "data:text/html,x"),
        ]
    )
    _assert_inert(html, n_scripts=1)
    hrefs = [a.attrs["href"] for a in parse_html(html).find_all("a")]
    assert hrefs == ["#", "#", "#"]
    assert render_index_html([]).count("No reports.") == 1
