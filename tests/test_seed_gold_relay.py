"""The hand-made gold of the seeds corpus (seeds/gold/*.gold.jsonl) is well formed.

Every gold file must parse, cover its article with sentences in order whose offsets give
their text, keep each nested attribution after the attribution that relays it, and start
every chain with the article's publisher: an outlet that the article's own furniture
(dateline, metadata line, byline or credit line, i.e. the text outside the gold sentences)
names. Conventions: docs/seeds-coverage-relay.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from provenance.registry import Registry

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOLD_FILES = sorted((SEEDS / "gold").glob("*.gold.jsonl"))
KINDS = {"direct", "indirect", "mixed", "according_to", "other"}
LINE_KEYS = {"i", "text", "start", "end", "attributions", "chain", "carried", "origin_class", "state_media_only"}
ATT_KEYS = {"cue", "source_text", "source", "source_type", "content", "kind", "embedded_in"}


def _article(gold: Path) -> str:
    stem = gold.name.removesuffix(".gold.jsonl")
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


def _lines(gold: Path) -> list[dict]:
    rows = []
    for n, raw in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            rows.append(json.loads(raw))
        except json.JSONDecodeError as e:  # pragma: no cover - the assertion message is the point
            pytest.fail(f"{gold.name}:{n}: not JSON ({e})")
    return rows


def _names_of(publisher: str, reg: Registry) -> set[str]:
    names = {publisher}
    for entry in reg:
        if entry.name == publisher:
            names.update(entry.aliases)
    return names


def test_there_are_gold_files():
    assert len(GOLD_FILES) >= 17
    for gold in GOLD_FILES:
        assert (SEEDS / gold.name.replace(".gold.jsonl", ".txt")).is_file(), f"{gold.name}: no article"


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name.removesuffix(".gold.jsonl"))
def test_gold_file_is_well_formed(gold: Path):
    text = _article(gold)
    rows = _lines(gold)
    assert rows, f"{gold.name}: empty"
    prev_end = 0
    for k, row in enumerate(rows):
        where = f"{gold.name} line {k}"
        assert LINE_KEYS <= set(row), f"{where}: missing {sorted(LINE_KEYS - set(row))}"
        assert row["i"] == k, f"{where}: i is {row['i']}"
        start, end = row["start"], row["end"]
        assert 0 <= start < end <= len(text), f"{where}: bad offsets {start}..{end}"
        assert text[start:end] == row["text"], f"{where}: text[{start}:{end}] is {text[start:end]!r}"
        assert start >= prev_end, f"{where}: overlaps or precedes the previous sentence"
        prev_end = end
        assert isinstance(row["carried"], bool) and isinstance(row["state_media_only"], bool), where
        assert isinstance(row["chain"], list) and row["chain"], f"{where}: empty chain"
        assert all(isinstance(c, str) and c for c in row["chain"]), where
        for j, att in enumerate(row["attributions"]):
            at = f"{where} attribution {j}"
            assert ATT_KEYS <= set(att), f"{at}: missing {sorted(ATT_KEYS - set(att))}"
            assert att["kind"] in KINDS, f"{at}: kind {att['kind']!r}"
            assert att["source"], f"{at}: no source"
            for field in ("cue", "source_text", "content"):
                if att[field] is not None:
                    assert att[field] in row["text"], f"{at}: {field} {att[field]!r} is not in the sentence"
            emb = att["embedded_in"]
            assert emb is None or (isinstance(emb, int) and 0 <= emb < j), f"{at}: embedded_in {emb!r}"


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name.removesuffix(".gold.jsonl"))
def test_chains_start_at_the_publisher(gold: Path):
    text = _article(gold)
    rows = _lines(gold)
    publishers = {row["chain"][0] for row in rows}
    assert len(publishers) == 1, f"{gold.name}: chains start at {sorted(publishers)}"
    publisher = publishers.pop()
    # the text outside the gold sentences: dateline, metadata, byline, credits, boilerplate
    furniture = list(text)
    for row in rows:
        furniture[row["start"] : row["end"]] = " " * (row["end"] - row["start"])
    outside = "".join(furniture)
    names = _names_of(publisher, Registry.load())
    named = [n for n in names if re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", outside)]
    assert named, f"{gold.name}: the publisher {publisher!r} is not named outside the sentences"
