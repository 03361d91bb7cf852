#!/usr/bin/env python3
"""Error listing for PolNeAR (speech cues): missed gold attributions and unmatched predictions.

    python scripts/polnear_errors.py REPORT_DIR [--split dev] [--max 60]

REPORT_DIR holds reports written by ``scripts/eval_attribution.py polnear --keep DIR``.
Prints, per article, each gold speech attribution no prediction overlaps (cue, source,
content) and each top-level prediction that overlaps no gold cue.  For studying errors
only: PolNeAR texts are research-only and never committed.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
sys.path.insert(0, str(SHARED / "eval"))
from polnear_score import is_speech, ov, pred_atts, read_ann  # noqa: E402


def _listed(label: str, name: str, text: str, cue: list[int], counter: Counter[str], extra: str = "") -> str:
    """Count the cue's words in ``counter``; the line that shows it in its context."""
    words = text[cue[0]:cue[1]]
    counter[words.lower()] += 1
    a = max(0, cue[0] - 80)
    return f"{label} {name[:30]} cue={words!r}{extra} ctx={text[a:cue[1] + 40]!r}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("reports", type=Path)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--max", type=int, default=60)
    args = ap.parse_args()
    split = SHARED / "polnear" / args.split
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    lines: list[str] = []
    for rp in sorted(args.reports.glob("*.json")):
        name = rp.stem
        anns = sorted((split / "attributions").glob(name + "_*.ann"))
        if not anns:
            continue
        text = (split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold = read_ann(anns[0])
        dropped = [g for g in gold if not is_speech(text, g["cue"])]
        gold = [g for g in gold if is_speech(text, g["cue"])]
        preds = [p for p in pred_atts(json.loads(rp.read_text())) if not any(ov(p["cue"], d["cue"]) for d in dropped)]
        for g in gold:
            if not any(ov(p["cue"], g["cue"]) for p in preds):
                src = text[g["source"][0]:g["source"][1]] if "source" in g else "-"
                lines.append(_listed("MISS", name, text, g["cue"], missed, f" src={src!r}"))
        for p in preds:
            if not any(ov(p["cue"], g["cue"]) for g in gold):
                lines.append(_listed("FP  ", name, text, p["cue"], spurious))
    for line in lines[:args.max]:
        print(line)
    print("missed:", missed.most_common(25))
    print("spurious:", spurious.most_common(25))


if __name__ == "__main__":
    main()
