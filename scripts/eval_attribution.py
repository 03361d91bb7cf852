#!/usr/bin/env python3
"""Attribution accuracy: the seed against its gold file, and PolNeAR (train or dev).

    python scripts/eval_attribution.py seed
    python scripts/eval_attribution.py polnear --split dev [--limit N] [--all-cues]

Reports are written with the same code as ``provenance check --format json`` (one
pipeline for the whole batch; parses come from the parse cache when present), then scored
by the shared scorers in ../shared/eval/.  Prints the scorer's JSON.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def write_reports(paths: list[Path], out: Path, model: str) -> None:
    from provenance.check import Checker, CheckOptions

    checker = Checker(CheckOptions(model=model))
    for p in paths:
        result = checker.check_path(p)
        (out / (p.stem + ".json")).write_text(result.report.to_json(), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["seed", "polnear"])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--all-cues", action="store_true", help="score every cue, not only speech cues")
    ap.add_argument("--model", default="bundled")
    ap.add_argument("--keep", type=Path, help="keep the reports in this folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        if args.what == "seed":
            seed = ROOT / "seeds" / "000_6a10e030e5c8f4fd.txt"
            write_reports([seed], out, args.model)
            cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(seed),
                   str(SHARED / "gold" / "000_6a10e030e5c8f4fd.gold.jsonl"), str(out / (seed.stem + ".json"))]
        else:
            split = SHARED / "polnear" / args.split
            texts = sorted((split / "text").glob("*.txt"))
            if args.limit:
                texts = texts[: args.limit]
                subset = Path(tmp) / "split"
                for sub in ("text", "attributions"):
                    (subset / sub).mkdir(parents=True)
                for t in texts:
                    (subset / "text" / t.name).symlink_to(t)
                    for ann in (split / "attributions").glob(t.stem + "_*.ann"):
                        (subset / "attributions" / ann.name).symlink_to(ann)
                split = subset
            write_reports(texts, out, args.model)
            cmd = [sys.executable, str(SHARED / "eval" / "polnear_score.py"), str(split), str(out)]
            if not args.all_cues:
                cmd.append("--speech-only")
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
