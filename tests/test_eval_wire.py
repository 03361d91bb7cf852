"""The wire-set scorer (scripts/eval_wire.py): matching gold sentences to statements and
counting state-media-only and attribution hits, on an invented report."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "eval_wire.py"
spec = importlib.util.spec_from_file_location("eval_wire", SCRIPT)
assert spec is not None and spec.loader is not None
eval_wire = importlib.util.module_from_spec(spec)
sys.modules["eval_wire"] = eval_wire  # its dataclasses look their module up
spec.loader.exec_module(eval_wire)


def statement(text: str, verdict: str, origin: str | None) -> dict:
    chain = [{"name": "Wire", "role": "publisher"}]
    if origin:
        chain.append({"name": origin, "role": "origin"})
    return {"text": text, "verdict": verdict, "state_media_only": verdict == "state_media_only", "chain": chain}


REPORT = {"statements": [
    statement("Ruritania fires a rocket: RNA", "state_media_only", "Ruritanian News Agency"),
    statement("The rocket flew 300 km, the RNA said. It fell into the sea.", "state_media_only",
              "Ruritanian News Agency"),
    statement("Officials in Freedonia told the paper it was a test.", "official", "Freedonian officials"),
    statement("Rockets of this kind have flown before.", "reporter", None),
]}


def gold(opening: str, smo: bool, attributed: bool, origins: str = "") -> object:
    return eval_wire.GoldSentence(opening, smo, attributed, [o for o in origins.split("|") if o])


def test_counts_state_media_and_attribution_sentence_by_sentence() -> None:
    counts = eval_wire.score_article("x", [
        gold("Ruritania fires a rocket", True, True, "RNA|Ruritanian News Agency"),
        gold("The rocket flew 300 km", True, True, "Ruritanian News Agency"),
        gold("It fell into the sea.", True, True, "RNA|Ruritanian News Agency"),  # inside the statement before: same verdict
        gold("Officials in Freedonia told", False, True, "Freedonia’s defence ministry"),  # wrong origin
        gold("Rockets of this kind have flown", True, False),  # a missed state-media sentence
        gold("A sentence the tool never saw", False, False),
    ], REPORT)
    assert (counts.smo_tp, counts.smo_fp, counts.smo_fn) == (3, 0, 1)
    assert (counts.att_right, counts.att_pred, counts.att_gold) == (3, 4, 4)
    assert counts.unmatched == 1


def test_matching_ignores_case_quotes_and_spacing() -> None:
    found = eval_wire.match("officials in  FREEDONIA told", REPORT["statements"])
    assert found is REPORT["statements"][2]
    assert eval_wire.match("“The rocket flew", [statement("\"The rocket flew far\"", "reporter", None)])
    assert eval_wire.origin_matches({"name": "unnamed state television (Iran)"}, ["state television"])
    assert not eval_wire.origin_matches({}, ["state television"])
    assert not eval_wire.origin_matches({"name": "Reuters"}, ["TASS"])


def test_a_gold_spelling_that_names_the_same_registry_entry_matches() -> None:
    petra = {"name": "Jordan News Agency", "entity_id": "petra"}
    assert eval_wire.origin_matches(petra, ["Petra"])  # the short name in the entry's brackets
    assert eval_wire.origin_matches(petra, ["petra.gov.jo"])  # one of its aliases
    assert not eval_wire.origin_matches(petra, ["SANA"])
    assert not eval_wire.origin_matches({"name": "Jordan News Agency"}, ["Petra"])  # no entry named


def test_the_origin_is_the_chains_last_link_never_the_publisher() -> None:
    chain = [{"name": "Wire", "role": "publisher"}, {"name": "RNA", "role": "origin"},
             {"name": "Jan Novak", "role": "speaker"}]
    assert eval_wire.origin_link({"chain": chain})["name"] == "Jan Novak"
    assert eval_wire.origin_link({"chain": chain[:2]})["name"] == "RNA"
    assert eval_wire.origin_link({"chain": chain[:1]}) == {}


def test_an_opening_copied_with_its_dateline_matches_the_statement_without_it() -> None:
    statements = [statement("Officials said the bridge will open in May.", "official", "officials")]
    assert eval_wire.match("MAPLEVILLE (Wire) – Officials said the bridge", statements) is statements[0]
    assert eval_wire.match("MAPLEVILLE: Officials said the bridge", statements) is statements[0]
    assert eval_wire.match("MAPLEVILLE (Wire) – Residents", statements) is None
