#!/usr/bin/env python3
"""Recompute (or check) the start/end offsets of seeds gold files from their sentence texts.

    python scripts/seed_gold_offsets.py                  # every seeds/gold/*.gold.jsonl, rewritten in place
    python scripts/seed_gold_offsets.py --check          # exit 1 when an offset is not where its text is
    python scripts/seed_gold_offsets.py seeds/gold/018_peru_finance_minister_quits.gold.jsonl

Each line's ``text`` is looked up in the article (``seeds/<stem>.txt``, read as
``open(path, encoding="utf-8")`` reads it) after the previous sentence's end; ``start``
and ``end`` become its 0-based, end-exclusive character offsets. Edit an article, fix the
``text`` of the lines that changed, then run this. A sentence that is not found is an
error (one line on stderr, exit 2, nothing written).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def relocate(text: str, lines: list[dict]) -> list[dict]:
    """The lines with ``start``/``end`` set where their texts occur, in order."""
    out, pos = [], 0
    for line in lines:
        k = text.find(line["text"], pos)
        if k < 0:
            raise ValueError(f"sentence {line['i']} not found after offset {pos}: {line['text'][:60]!r}")
        out.append({**line, "start": k, "end": k + len(line["text"])})
        pos = k + len(line["text"])
    return out


def dump(lines: list[dict]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", type=Path, help="gold files (default: seeds/gold/*.gold.jsonl)")
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 when an offset is wrong")
    args = ap.parse_args()
    files = args.gold or sorted((ROOT / "seeds" / "gold").glob("*.gold.jsonl"))
    wrong = 0
    for gold in files:
        stem = gold.name.removesuffix(".gold.jsonl")
        article = gold.parent.parent / f"{stem}.txt"
        try:
            text = article.read_text(encoding="utf-8")
            lines = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
            fixed = relocate(text, lines)
        except (OSError, ValueError) as exc:
            print(f"error: {gold}: {exc}", file=sys.stderr)
            return 2
        changed = [f["i"] for f, old in zip(fixed, lines) if (f["start"], f["end"]) != (old.get("start"), old.get("end"))]
        if not changed:
            continue
        wrong += 1
        print(f"{gold}: offsets {'wrong' if args.check else 'updated'} for sentences {changed}")
        if not args.check:
            from provenance.fileio import write_atomic

            write_atomic(gold, dump(fixed))
    return 1 if args.check and wrong else 0


if __name__ == "__main__":
    sys.exit(main())
