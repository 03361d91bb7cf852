#!/usr/bin/env python3
"""Parse time with stanza's own tree-decoding helpers vs provenance.nlp.speedups.

    python scripts/profile_parse.py [FILE ...] [--articles 11] [--rounds 3] [--threads 1]
                                    [--profile original|speedups]

Loads the bundled model once, then parses the same files (no parse cache) with the
original helpers and with the replacements, alternating which goes first in each round
(A B, B A, ...) so that load on a shared machine hits both alike.  Every round checks
that both give the same CoNLL-U.  Default files: the seed article plus the first
``--articles`` PolNeAR dev texts (../shared/polnear/dev/text).  Prints the wall time of
each run, then the best and median per variant.  ``--profile VARIANT`` instead runs one
parse of the files under cProfile and prints the top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_6a10e030e5c8f4fd.txt"


def default_files(articles: int) -> list[Path]:
    polnear = sorted((SHARED / "polnear" / "dev" / "text").glob("*.txt"))[:articles]
    return [SEED, *polnear]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--articles", type=int, default=11, help="PolNeAR dev texts after the seed (default 11)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    ap.add_argument("--profile", choices=("original", "speedups"), help="cProfile one parse instead")
    args = ap.parse_args()

    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    sys.path.insert(0, str(ROOT))
    import torch

    torch.set_num_threads(args.threads)
    from loguru import logger

    logger.remove()  # the figures only
    logger.add(sys.stderr, level="WARNING")
    from provenance.nlp import speedups
    from provenance.nlp.conllu import to_conllu
    from provenance.nlp.models import ModelSpec
    from provenance.nlp.parser import Parser, load_pipeline

    files = args.files or default_files(args.articles)
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(files)} files, {words} words, {args.threads} torch thread(s)")

    spec = ModelSpec(kind="bundled")
    load_pipeline(spec)  # installs the speed-ups
    parser = Parser(spec, use_cache=False)

    def parse_all() -> list[str]:
        return [to_conllu(parser.parse(t), t) for t in texts]

    def use(variant: str) -> None:
        (speedups.install if variant == "speedups" else speedups.uninstall)()

    if args.profile:
        use(args.profile)
        prof = cProfile.Profile()
        prof.enable()
        parse_all()
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return 0

    use("speedups")
    parse_all()  # warm-up (allocator, caches), not timed
    times: dict[str, list[float]] = {"original": [], "speedups": []}
    for r in range(args.rounds):
        order = ("original", "speedups") if r % 2 == 0 else ("speedups", "original")
        outputs: dict[str, list[str]] = {}
        for variant in order:
            use(variant)
            started = time.perf_counter()
            outputs[variant] = parse_all()
            times[variant].append(time.perf_counter() - started)
            print(f"round {r + 1} {variant:9s} {times[variant][-1]:7.2f} s")
        if outputs["original"] != outputs["speedups"]:
            print("CoNLL-U DIFFERS between original and speed-ups", file=sys.stderr)
            return 1
    use("speedups")
    print("identical CoNLL-U in every round")
    for variant, ts in times.items():
        best, median = min(ts), statistics.median(ts)
        print(f"{variant:9s} best {best:6.2f} s ({words / best:5.0f} words/s)  median {median:6.2f} s")
    gain = 1 - statistics.median(times["speedups"]) / statistics.median(times["original"])
    print(f"median parse time {gain:.0%} lower with the speed-ups")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
