"""End to end with the bundled model on real text: the seed article against its gold file."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from provenance.cli.main import main
from tests.conftest import SEED, SHARED

pytestmark = pytest.mark.model
GOLD = SHARED / "gold" / "000_6a10e030e5c8f4fd.gold.jsonl"


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "seed.json"
    code = main(["check", str(SEED), "--format", "json", "--output", str(out), "--fail-on", "never"])
    assert code == 0
    return out


def test_parse_seed_as_conllu(tmp_path):
    out = tmp_path / "seed.conllu"
    assert main(["parse", str(SEED), "--format", "conllu", "--output", str(out)]) == 0
    from stanza.utils.conll import CoNLL

    doc = CoNLL.conll2doc(input_str=out.read_text())
    assert len(doc.sentences) >= 14
    words = [w.text for s in doc.sentences for w in s.words]
    assert "KCNA" in words and "Lyubimova" in words


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is not present")
def test_seed_scores_against_gold(seed_report):
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SEED), str(GOLD), str(seed_report)],
                         capture_output=True, text=True, check=True)
    scores = json.loads(res.stdout)
    assert scores["attr_f1"] >= 0.90, scores
    assert scores["source_acc"] >= 0.90, scores
    assert scores["smo_f1"] == 1.0, scores


def test_seed_chain_reaches_kim_through_yonhap_and_kcna(seed_report):
    report = json.loads(seed_report.read_text())
    chains = [[link["name"] for link in s["chain"]] for s in report["statements"]]
    assert any(c[:2] == ["IANS", "Yonhap"] and c[-1] == "Kim Jong-un" and len(c) == 4 for c in chains), chains
    assert report["document"]["publisher"] == "IANS"
    assert report["statements"][0]["start"] == 39


def test_seed_report_is_deterministic(seed_report, tmp_path):
    """The same bytes from a fresh parse and analysis (--no-cache) and from the caches."""
    fresh, cached = tmp_path / "fresh.json", tmp_path / "cached.json"
    assert main(["check", str(SEED), "--format", "json", "--output", str(fresh), "--fail-on", "never", "--no-cache"]) == 0
    assert main(["check", str(SEED), "--format", "json", "--output", str(cached), "--fail-on", "never"]) == 0
    assert fresh.read_bytes() == seed_report.read_bytes() == cached.read_bytes()
