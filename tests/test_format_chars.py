"""Format characters (Unicode Cf) cannot hide a source from the gate (#19 item 3), offsets
still point into the file, and bidi controls are shown escaped in HTML and text."""

from __future__ import annotations

import unicodedata

import pytest

from provenance.check import Checker, CheckOptions
from provenance.ingest import article_from_text
from provenance.nlp.doc import ParsedDocument, Sentence, Word, remap_offsets
from provenance.registry.normalise import norm_key, surface_key
from provenance.render import render_html, render_text
from provenance.unicodefmt import BIDI_RE, FORMAT_RE, show_bidi, without_format

LEDE = "Seoul, June 30 (IANS) North Korean leader Kim Jong-un has inspected a new naval destroyer, {} reported on Monday.\n"
HIDDEN = {
    "zero-width space": "K\u200bCNA",
    "soft hyphen": "K\u00adCNA",
    "word joiner": "KC\u2060NA",
    "bidi isolates": "\u2066KCNA\u2069",
    "first strong isolate": "\u2068KCNA\u2069",
    "right-to-left override": "\u202eKCNA\u202c",
}


def test_the_set_is_unicode_cf() -> None:
    cf = {c for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    ours = {c for c in range(0x110000) if FORMAT_RE.match(chr(c))}
    assert cf <= ours and ours - cf <= set(range(0x13439, 0x13440))  # Unicode 15 additions
    assert {c for c in ours if BIDI_RE.match(chr(c))} == {0x61C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def test_without_format_maps_back_into_the_text() -> None:
    text = "a K\u200bC\u00adNA b"
    clean, origin = without_format(text)
    assert clean == "a KCNA b" and origin is not None
    assert [text[i] for i in origin] == list(clean)
    assert without_format("plain") == ("plain", None)
    word = Word(id=1, text="KCNA", lemma="KCNA", upos="PROPN", xpos="NNP", feats="_", head=0, deprel="root", start=2, end=6)
    doc = ParsedDocument(model_id="m", sentences=[Sentence(index=0, start=2, end=6, words=[word])])
    moved = remap_offsets(doc, origin).sentences[0]
    assert (moved.start, moved.end, moved.words[0].text) == (2, 8, "KCNA") and text[2:8] == "K\u200bC\u00adNA"


def test_registry_keys_ignore_format_characters() -> None:
    for hidden in HIDDEN.values():
        assert surface_key(hidden) == "KCNA" and norm_key(hidden) == "kcna"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(CheckOptions(use_cache=False))


@pytest.mark.model
@pytest.mark.parametrize("name", HIDDEN)
def test_a_hidden_character_does_not_pass_the_gate(checker: Checker, name: str) -> None:
    def findings(source: str) -> list[tuple[str, str]]:
        text = LEDE.format(source)
        report = checker.check_article(article_from_text(text, path="a.txt")).report
        for s in report.statements:  # offsets point into the file, format characters included
            assert text[s.start : s.end] == s.text
        return [(f.code, f.message) for f in report.findings]

    plain = findings("KCNA")
    assert ("SRC202", "The lede rests only on state media (IANS → KCNA)") in plain
    assert findings(HIDDEN[name]) == plain


def test_bidi_controls_are_shown_escaped(checker: Checker) -> None:
    text = "Officials said the \u2066talks\u2069 would resume.\n"
    parsed = ParsedDocument(model_id="m", sentences=[])
    result = checker.check_article(article_from_text(text, path="a\u202etxt.md"), parsed=parsed)
    out = render_text(result.report)
    assert "a[U+202E]txt.md" in out and not BIDI_RE.search(out)
    page = render_html(result.report, None, text)
    assert "[U+2066]talks[U+2069]" in page and "a[U+202E]txt.md" in page and not BIDI_RE.search(page)
    assert show_bidi("plain") == "plain"
