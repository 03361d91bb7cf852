"""The seeds corpus gold (seeds/gold/*.gold.jsonl) and the scorer's aggregation.

The gold files must match their articles exactly (offsets, order, spans inside the
sentence, nesting, the publisher at the head of every chain); ``scripts/seed_eval.py`` must
count what ``../shared/eval/score.py`` counts and add articles up as micro-averages.
No model is loaded here.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD_DIR = SEEDS / "gold"
SHARED = ROOT.parent / "shared"
SCORE_PY = SHARED / "eval" / "score.py"
FOUNDING = "000_6a10e030e5c8f4fd"

LINE_KEYS = {"i", "text", "start", "end", "attributions", "chain", "carried", "origin_class", "state_media_only", "note"}
ATT_KEYS = {"cue", "source_text", "source", "source_type", "content", "kind", "embedded_in"}
KINDS = {"direct", "indirect", "mixed", "according_to", "other"}
SOURCE_TYPES = {"state_media", "media", "person", "government", "official", "unknown", "independent"}
ORIGIN_CLASSES = SOURCE_TYPES | {"reporter", "mixed"}

GOLD_FILES = sorted(GOLD_DIR.glob("*.gold.jsonl"))


def _seed_eval():
    spec = importlib.util.spec_from_file_location("seed_eval", ROOT / "scripts" / "seed_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("seed_eval", module)
    spec.loader.exec_module(module)
    return module


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _article(gold: Path) -> str:
    stem = gold.name[: -len(".gold.jsonl")]
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def test_there_are_gold_files_and_each_has_its_article():
    assert len(GOLD_FILES) >= 15
    for gold in GOLD_FILES:
        stem = gold.name[: -len(".gold.jsonl")]
        assert (SEEDS / f"{stem}.txt").is_file(), f"{gold.name}: no seeds/{stem}.txt"


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name.split("_")[0])
def test_gold_lines_are_well_formed(gold):
    lines = _lines(gold)
    assert lines, gold.name
    for n, g in enumerate(lines):
        where = f"{gold.name} line {n}"
        assert set(g) == LINE_KEYS, where
        assert g["i"] == n, where
        assert isinstance(g["carried"], bool) and isinstance(g["state_media_only"], bool), where
        assert g["origin_class"] in ORIGIN_CLASSES, where
        assert isinstance(g["chain"], list) and g["chain"] and all(isinstance(c, str) and c for c in g["chain"]), where
        for k, a in enumerate(g["attributions"]):
            assert set(a) == ATT_KEYS, f"{where} attribution {k}"
            assert a["kind"] in KINDS, f"{where} attribution {k}: kind {a['kind']!r}"
            assert a["source_type"] in SOURCE_TYPES, f"{where} attribution {k}: source_type {a['source_type']!r}"
            assert a["source"].strip() == a["source"] and a["source"], f"{where} attribution {k}"


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name.split("_")[0])
def test_gold_offsets_match_the_article_in_order(gold):
    text = _article(gold)
    prev_end = 0
    for g in _lines(gold):
        where = f"{gold.name} sentence {g['i']}"
        assert 0 <= g["start"] < g["end"] <= len(text), where
        assert text[g["start"]:g["end"]] == g["text"], where
        assert g["text"] == g["text"].strip(), where
        assert g["start"] >= prev_end, f"{where} overlaps or precedes the sentence before it"
        prev_end = g["end"]


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name.split("_")[0])
def test_gold_spans_lie_in_their_sentence_and_nesting_points_back(gold):
    for g in _lines(gold):
        for k, a in enumerate(g["attributions"]):
            where = f"{gold.name} sentence {g['i']} attribution {k}"
            assert a["cue"] in g["text"], f"{where}: cue {a['cue']!r}"
            assert a["source_text"] is None or a["source_text"] in g["text"], f"{where}: source_text {a['source_text']!r}"
            assert a["content"] is None or a["content"] in g["text"], f"{where}: content"
            e = a["embedded_in"]
            assert e is None or (isinstance(e, int) and 0 <= e < k), f"{where}: embedded_in {e!r} is not an earlier attribution"


def _publisher_names(publisher: str) -> list[str]:
    """The publisher's name and, when the registry knows it, every form of its entry."""
    from provenance.registry import Registry

    names = [publisher]
    m = Registry.load().lookup(publisher)
    if m is not None and m.entry is not None:
        names += [m.entry.name, *m.entry.forms(), *m.entry.ambiguous_aliases]
    return names


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name.split("_")[0])
def test_every_chain_starts_at_the_articles_publisher(gold):
    """chain[0] is one name in the whole file, and the article names that outlet outside its
    sentences (dateline, ``Publisher:`` line, byline or credit)."""
    lines = _lines(gold)
    heads = {g["chain"][0] for g in lines}
    assert len(heads) == 1, f"{gold.name}: chains start at {sorted(heads)}"
    head = heads.pop()
    furniture = list(_article(gold))
    for g in lines:
        furniture[g["start"]:g["end"]] = " " * (g["end"] - g["start"])
    outside = "".join(furniture)
    named = [n for n in _publisher_names(head) if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", outside)]
    assert named, f"{gold.name}: chain[0] {head!r} is not named outside the sentences (dateline, Publisher: line, byline)"


def test_founding_seed_gold_passes_the_same_checks_when_shared_is_present():
    gold = SHARED / "gold" / f"{FOUNDING}.gold.jsonl"
    if not gold.is_file():
        pytest.skip("../shared/gold is not present")
    text = (SEEDS / f"{FOUNDING}.txt").read_text(encoding="utf-8")
    for g in _lines(gold):
        assert text[g["start"]:g["end"]] == g["text"]
        assert g["chain"][0] == "IANS"


def test_offsets_script_finds_each_sentence_after_the_previous_one():
    spec = importlib.util.spec_from_file_location("seed_gold_offsets", ROOT / "scripts" / "seed_gold_offsets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = "Head\n\nIt rained. It rained. Done."
    lines = [{"i": 0, "text": "Head"}, {"i": 1, "text": "It rained."}, {"i": 2, "text": "It rained."}, {"i": 3, "text": "Done."}]
    assert [(g["start"], g["end"]) for g in module.relocate(text, lines)] == [(0, 4), (6, 16), (17, 27), (28, 33)]
    with pytest.raises(ValueError, match="sentence 1 not found"):
        module.relocate(text, [{"i": 0, "text": "Done."}, {"i": 1, "text": "Head"}])


# ----------------------------------------------------------------------------- the scorer
def test_group_of_splits_founding_relay_and_control_by_number():
    se = _seed_eval()
    assert se.group_of(FOUNDING) == "seed"
    assert se.group_of("001_x") == "relay" and se.group_of("017_x") == "relay"
    assert se.group_of("018_x") == "control" and se.group_of("032_x") == "control"
    assert se.group_of("033_x") == "other" and se.group_of("notes") == "other"


def test_totals_are_micro_averages_over_articles():
    se = _seed_eval()
    a = se.Counts(gold_attributions=2, pred_attributions=2, matched=2, source_ok=2, smo_tp=2, sentences=3, sentences_agree=3)
    b = se.Counts(gold_attributions=8, pred_attributions=4, matched=2, source_ok=1, smo_fp=1, smo_fn=3, sentences=10,
                  sentences_agree=6, flagged=2, flagged_articles=1)
    result = se.summary({"005_relay": a, "020_control": b})
    allt = result["totals"]["all"]
    assert allt["matched"] == 4 and allt["gold_attributions"] == 10 and allt["pred_attributions"] == 6
    assert allt["attr_p"] == round(4 / 6, 4) and allt["attr_r"] == round(4 / 10, 4)
    assert allt["attr_f1"] == round(2 * (4 / 6) * 0.4 / (4 / 6 + 0.4), 4)  # not the mean of the two articles' F1
    assert allt["source_acc"] == 0.75
    assert allt["smo_p"] == round(2 / 3, 4) and allt["smo_r"] == round(2 / 5, 4)
    assert allt["sentence_smo_acc"] == round(9 / 13, 4)
    assert result["totals"]["relay"]["articles"] == 1 and result["totals"]["relay"]["attr_f1"] == 1.0
    assert result["totals"]["control"]["flagged"] == 2 and result["totals"]["control"]["flagged_articles"] == 1
    assert "seed" not in result["totals"]


@pytest.fixture(scope="module")
def score():
    if not SCORE_PY.is_file():
        pytest.skip("../shared/eval/score.py is not present")
    return _seed_eval().load_score_module(SCORE_PY)


def test_counts_agree_with_score_py_on_the_founding_seed(score):
    se = _seed_eval()
    article = SEEDS / f"{FOUNDING}.txt"
    gold = SHARED / "gold" / f"{FOUNDING}.gold.jsonl"
    report = ROOT / "reports" / f"{FOUNDING}.json"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        score.main(str(article), str(gold), str(report))
    printed = json.loads(buf.getvalue())
    c = se.count(score, article.read_text(encoding="utf-8"), se.read_gold(gold), json.loads(report.read_text(encoding="utf-8")))
    assert c.gold_attributions == printed["gold_attributions"] and c.pred_attributions == printed["pred_attributions"]
    for key, value in se.metrics(c).items():
        assert round(value, 3) == printed[key], key


def _report(statements, findings=()):
    return {"statements": statements, "findings": list(findings)}


def test_count_reads_registry_aliases_and_flags_state_media_findings(score):
    se = _seed_eval()
    from provenance.registry import Registry

    text = "Drills resume, KCNA said. Moscow denied it. Rain fell."
    gold = [
        {"i": 0, "text": "Drills resume, KCNA said.", "start": 0, "end": 25, "state_media_only": True,
         "attributions": [{"cue": "said", "source": "KCNA", "source_text": "KCNA"}]},
        {"i": 1, "text": "Moscow denied it.", "start": 26, "end": 43, "state_media_only": False,
         "attributions": [{"cue": "denied", "source": "Government of Russia", "source_text": "Moscow"}]},
        {"i": 2, "text": "Rain fell.", "start": 44, "end": 54, "state_media_only": False, "attributions": []},
    ]
    def att(cue: str, c0: int, name: str, stext: str) -> dict:
        return {"cue": {"text": cue, "start": c0, "end": c0 + len(cue)}, "source": {"text": stext, "name": name}}

    report = _report([
        {"start": 0, "end": 25, "state_media_only": True, "attributions": [att("said", 20, "Korean Central News Agency", "KCNA")]},
        {"start": 26, "end": 43, "state_media_only": False, "attributions": [att("denied", 33, "Moscow", "Moscow")]},
        {"start": 44, "end": 54, "state_media_only": True, "attributions": [att("fell", 49, "Rain", "Rain")]},
    ], findings=[{"code": "SRC201"}, {"code": "ATT101"}, {"code": "CHN301"}, {"code": "QUO401"}])
    saved = score.ALIASES
    try:
        score.ALIASES = {}
        without = se.count(score, text, gold, report)
        score.ALIASES = se.build_aliases(["KCNA", "Government of Russia"], Registry.load(), base={})
        errors: list[str] = []
        with_aliases = se.count(score, text, gold, report, errors)
    finally:
        score.ALIASES = saved
    assert (with_aliases.matched, with_aliases.pred_attributions, with_aliases.gold_attributions) == (2, 3, 2)
    assert with_aliases.source_ok == 2 and without.source_ok == 1  # "Moscow" is the Russian state only via the aliases
    assert (with_aliases.smo_tp, with_aliases.smo_fp, with_aliases.smo_fn) == (1, 1, 0)
    assert with_aliases.flagged == 2 and with_aliases.flagged_articles == 1  # SRC201 and CHN301, not ATT101/QUO401
    assert any("spurious" in e and "'fell'" in e for e in errors)
    assert any("state_media_only" in e and "s2" in e for e in errors)
