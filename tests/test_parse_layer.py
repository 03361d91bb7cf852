"""Parse layer: CoNLL-U in/out, model selection, cache (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.cli.main import main
from provenance.nlp.conllu import read_conllu, to_conllu
from provenance.nlp.doc import ParsedDocument
from provenance.nlp.models import parse_model_option
from provenance.nlp.parser import Parser, _chunks
from provenance.store.parses import ParseCache, cache_key

FIXTURES = Path(__file__).parent / "fixtures" / "conllu"


def test_conllu_view_has_offsets_into_rebuilt_text():
    text, doc = read_conllu((FIXTURES / "relay_quoting.conllu").read_text())
    words = doc.sentences[0].words
    assert all(text[w.start : w.end] == w.text for w in words)
    kcna = next(w for w in words if w.text == "KCNA")
    assert (kcna.head, kcna.deprel) == (16, "appos")


def test_conllu_round_trips_through_stanza_reader():
    from stanza.utils.conll import CoNLL

    src = (FIXTURES / "direct_end_floating.conllu").read_text()
    text, doc = read_conllu(src)
    out = to_conllu(doc, text)
    again = CoNLL.conll2doc(input_str=out)
    assert [[(w.text, w.head, w.deprel) for w in s.words] for s in again.sentences] == \
        [[(w.text, w.head, w.deprel) for w in s.words] for s in doc.sentences]
    text2, doc2 = read_conllu(out)
    assert [[w.lemma for w in s.words] for s in doc2.sentences] == [[w.lemma for w in s.words] for s in doc.sentences]


def test_conllu_keeps_the_line_break_after_a_headline():
    """A headline and the body are two lines: written as ``SpacesAfter`` on the headline's last
    token and read back into the text, so a fixture keeps where the headline ends."""
    src = (FIXTURES / "slip_quote_read_as_possessive.conllu").read_text()
    text, doc = read_conllu(src)
    assert text.startswith("Iran calls new sanctions 'economic terrorism': IRNA\n\nThe agency said")
    out = to_conllu(doc, text)
    assert "SpacesAfter=\\n\\n" in out and read_conllu(out)[0] == text


def test_parse_command_reads_conllu_without_a_model(tmp_path, capsys):
    out = tmp_path / "out.json"
    assert main(["parse", str(FIXTURES / "nsubj_ccomp.conllu"), "--format", "json", "--output", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["documents"][0]["model_id"] == "conllu"
    assert [w["text"] for w in data["documents"][0]["sentences"][0]["words"]][:2] == ["Reuters", "said"]


def test_missing_official_models_exit_2_with_download_hint(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no-models"))
    article = tmp_path / "a.txt"
    article.write_text("Reuters said the talks failed.\n")
    assert main(["parse", str(article), "--model", "stanza:en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "stanza.download('en'" in err and str(tmp_path / "no-models") in err
    assert not (tmp_path / "no-models").exists()  # nothing was downloaded or created


def test_model_option_forms(tmp_path):
    assert parse_model_option("bundled").kind == "bundled"
    spec = parse_model_option("stanza:en:gum")
    assert (spec.kind, spec.lang, spec.package, spec.model_id) == ("stanza", "en", "gum", "stanza:en:gum")
    assert parse_model_option(str(tmp_path)).kind == "path"
    with pytest.raises(Exception, match="not 'bundled'"):
        parse_model_option(str(tmp_path / "missing"))


def _doc(model_id: str = "m1") -> ParsedDocument:
    return read_conllu((FIXTURES / "parataxis.conllu").read_text())[1].model_copy(update={"model_id": model_id})


def test_cache_hit_miss_and_corruption(tmp_path):
    cache = ParseCache(tmp_path)
    key = cache_key("some text", "m1", "1.15.0")
    assert cache.get(key, "m1") is None  # miss
    cache.put(key, _doc())
    assert cache.get(key, "m1") == _doc()  # hit
    path = next(tmp_path.rglob("*.json"))
    path.write_text("{not json")  # corrupt entry: ignored, not fatal
    assert cache.get(key, "m1") is None
    cache.put(key, _doc("other-model"))  # foreign entry: ignored
    assert cache.get(key, "m1") is None
    assert not list(tmp_path.rglob(".tmp-*"))  # atomic writes leave no temp files


def test_cache_keys_differ_by_text_model_and_version():
    keys = {cache_key("a", "m", "1"), cache_key("b", "m", "1"), cache_key("a", "n", "1"), cache_key("a", "m", "2")}
    assert len(keys) == 4


def test_parser_uses_cache_before_loading_any_model(tmp_path):
    spec = parse_model_option(str(tmp_path))  # a directory with no model files at all
    parser = Parser(spec, cache=ParseCache(tmp_path / "c"))
    key = cache_key("Reuters said.", parser.model_id, __import__("importlib.metadata").metadata.version("stanza"))
    parser.cache.put(key, _doc(parser.model_id))
    assert parser.parse("Reuters said.").sentences  # served from the cache
    assert parser.last_hit


def test_huge_paragraph_is_chunked_at_whitespace():
    text = ("word " * 30_000).strip()
    spans = _chunks(text)
    assert len(spans) > 1 and all(e - s <= 20_000 for s, e in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)


def test_cache_entry_of_another_key_is_a_miss(tmp_path):
    """An entry is used only for the key it was written for (#19 item 8)."""
    cache = ParseCache(tmp_path)
    key, other = cache_key("some text", "m1", "1.15.0"), cache_key("other text", "m1", "1.15.0")
    cache.put(key, _doc())
    cache._path(other).parent.mkdir(parents=True, exist_ok=True)
    cache._path(other).write_bytes(cache._path(key).read_bytes())
    assert cache.get(key, "m1") == _doc() and cache.get(other, "m1") is None
