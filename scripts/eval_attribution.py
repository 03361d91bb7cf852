#!/usr/bin/env python3
"""Attribution accuracy: the seed against its gold file, the seeds corpus, and PolNeAR.

    python scripts/eval_attribution.py seed
    python scripts/eval_attribution.py seeds [--keep DIR] [--json FILE] [--errors]
    python scripts/eval_attribution.py polnear --split dev [--limit N] [--all-cues]

``seeds`` checks every ``seeds/*.txt`` that has a ``seeds/gold/<stem>.gold.jsonl`` (and the
founding seed against ``../shared/gold/``), scores each report with the logic of
``../shared/eval/score.py`` (``scripts/seed_eval.py``) and prints one line per article and
the micro-averaged totals: all seeds, the founding seed, relay articles (001-017) and
controls (018-032), with the SRC2xx/CHN301/QUO402 findings (false findings on a control).

Reports are written with the same code as ``provenance check --format json`` (one
pipeline for the whole batch; parses come from the parse cache when present), then scored
by the shared scorers in ../shared/eval/.  ``seed`` and ``polnear`` print the scorer's JSON.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FOUNDING = "000_6a10e030e5c8f4fd"


def write_reports(paths: list[Path], out: Path, model: str) -> None:
    from provenance.check import Checker, CheckOptions

    checker = Checker(CheckOptions(model=model))
    for p in paths:
        result = checker.check_path(p)
        (out / (p.stem + ".json")).write_text(result.report.to_json(), encoding="utf-8")


def die(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def seed_pairs() -> list[tuple[Path, Path]]:
    """(article, gold) for every seed with gold, the founding seed's gold from ../shared."""
    pairs = []
    for article in sorted((ROOT / "seeds").glob("*.txt")):
        gold = ROOT / "seeds" / "gold" / (article.stem + ".gold.jsonl")
        if article.stem == FOUNDING and not gold.exists():
            gold = SHARED / "gold" / (FOUNDING + ".gold.jsonl")
        if gold.exists():
            pairs.append((article, gold))
    return pairs


def eval_seeds(out: Path, model: str, json_out: Path | None, show_errors: bool = False) -> None:
    from provenance.registry import Registry

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import seed_eval

    score_py = SHARED / "eval" / "score.py"
    if not score_py.is_file():
        die(f"{score_py} not found (the shared scorer)")
    pairs = seed_pairs()
    if not pairs:
        die("no seeds with gold in seeds/ (seeds/gold/<stem>.gold.jsonl)")
    print(f"checking {len(pairs)} seed articles ...", file=sys.stderr)
    write_reports([a for a, _ in pairs], out, model)
    score = seed_eval.load_score_module(score_py)
    golds = {a.stem: seed_eval.read_gold(g) for a, g in pairs}
    names = [att["source"] for gold in golds.values() for line in gold for att in line["attributions"]]
    score.ALIASES = seed_eval.build_aliases(names, Registry.load(), base=score.ALIASES)
    per_article = {}
    errors: dict[str, list[str]] = {}
    for article, _ in pairs:
        report = json.loads((out / (article.stem + ".json")).read_text(encoding="utf-8"))
        errors[article.stem] = []
        per_article[article.stem] = seed_eval.count(score, article.read_text(encoding="utf-8"), golds[article.stem],
                                                    report, errors[article.stem] if show_errors else None)
    for stem, c in per_article.items():
        print(seed_eval.fmt_counts(f"{stem[:32]} [{seed_eval.group_of(stem)}]", c))
        for line in errors[stem]:
            print(line)
    result = seed_eval.summary(per_article)
    print()
    for group, t in result["totals"].items():
        c = seed_eval.Counts(**{k: t[k] for k in vars(seed_eval.Counts())})
        print(seed_eval.fmt_counts(f"TOTAL {group} ({t['articles']} articles)", c))
    if "control" in result["totals"]:
        t = result["totals"]["control"]
        print(f"\nfalse findings on controls (SRC2xx/CHN301/QUO402): {t['flagged']} "
              f"in {t['flagged_articles']} of {t['articles']} control articles")
    if json_out is not None:
        from provenance.fileio import write_atomic

        write_atomic(json_out, json.dumps(result, indent=1, sort_keys=True) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["seed", "seeds", "polnear"])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--all-cues", action="store_true", help="score every cue, not only speech cues")
    ap.add_argument("--model", default="bundled")
    ap.add_argument("--keep", type=Path, help="keep the reports in this folder")
    ap.add_argument("--json", type=Path, help="seeds: also write the per-article and total counts as JSON")
    ap.add_argument("--errors", action="store_true", help="seeds: list each article's misses under its line")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        if args.what == "seeds":
            eval_seeds(out, args.model, args.json, args.errors)
            return
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
