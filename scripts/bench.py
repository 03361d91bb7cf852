#!/usr/bin/env python3
"""Speed and memory of provenance: words/s per stage, cold start, warm cache, peak RSS.

    python scripts/bench.py [--articles 20] [--threads 2] [--model bundled] [--jobs N]

Runs on the seed plus the first N PolNeAR dev articles (../shared/polnear/dev/text), with
fresh (cold) caches, then re-checks them with the caches warm, three times: each
warm pass runs in a process of its own, as a re-check does (``provenance check`` run
again), so it starts without the memos the cold pass filled (registry lookups, compiled
patterns).  ``warm`` is a re-check as ``provenance check`` does it (parses and analyses
from their caches); ``warm_parse_cache_only`` re-checks three more times with the
analysis cache off (the parse cache alone, every article analysed again).  In every pass the start-up (imports, compiling the page templates, loading the
registry, rules and model) is left out of the pass and reported on its own (``import_s``,
``model_load_s``, ``cold_start_help_s``).  The warm figures are those of the median pass (``passes_wall_s``
lists all three), since a pass of under a second swings with the machine more than the
cold run does.  With ``--jobs N`` (N > 1) it also runs the cold batch as ``provenance
check -j N`` does (``check_batch``: the parses in N worker processes, one torch thread
each), from a second fresh cache; that wall time includes starting the workers and
loading the model in each.  Prints one JSON object; the figures in docs/benchmarks.md
come from it.

A full garbage collection runs (untimed) before each pass; ``gc`` in the output says how
many collections of the oldest generation ran inside each pass and how long they took.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_PASSES = 3  # the warm re-check is short (under a second): its median pass is reported
SHARED = ROOT.parent / "shared"


def cold_start_help() -> float:
    exe = Path(sys.executable).parent / "provenance"
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([str(exe), "--help"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def article_paths(n: int) -> list[Path]:
    paths = [ROOT / "seeds" / "000_6a10e030e5c8f4fd.txt"]
    return paths + sorted((SHARED / "polnear" / "dev" / "text").glob("*.txt"))[:n]


def import_stages() -> None:
    """Import what a check uses and compile the page templates (start-up, as the command's
    before its first article), so that no pass pays for them."""
    import provenance.ingest  # noqa: F401
    import provenance.pipeline  # noqa: F401
    import provenance.policy.engine  # noqa: F401
    from provenance.render.html import load_templates

    load_templates()


def timed_pass(checker, paths: list[Path]) -> dict:  # type: ignore[no-untyped-def]  # a provenance Checker
    """Check and render every article once; wall time, words/s and seconds per stage."""
    from provenance.render import render_html, render_json

    full_gc = {"n": 0, "s": 0.0, "t0": 0.0}

    def on_gc(phase: str, info: dict) -> None:
        if info["generation"] == 2:
            if phase == "start":
                full_gc["t0"] = time.perf_counter()
            else:
                full_gc["n"] += 1
                full_gc["s"] += time.perf_counter() - full_gc["t0"]

    gc.collect()
    gc.callbacks.append(on_gc)
    tot = {"ingest": 0.0, "parse": 0.0, "analyse": 0.0, "policy": 0.0, "render": 0.0}
    words = hits = analysis_hits = 0
    t_all = time.perf_counter()
    for p in paths:
        res = checker.check_path(p)
        hits += res.cache_hit
        analysis_hits += res.analysis_hit
        t0 = time.perf_counter()
        render_json(res.report)
        render_html(res.report, list(checker.rules), res.article.source_text)
        tot["render"] += time.perf_counter() - t0
        for k in ("ingest", "parse", "analyse", "policy"):
            tot[k] += getattr(res.times, k)
        words += res.parsed.word_count
    wall = time.perf_counter() - t_all
    gc.callbacks.remove(on_gc)
    return {
        "articles": len(paths), "cache_hits": hits, "analysis_cache_hits": analysis_hits, "words": words, "wall_s": round(wall, 2),
        "words_per_s": round(words / wall, 1),
        "stage_s": {k: round(v, 3) for k, v in tot.items()},
        "stage_words_per_s": {k: round(words / v, 1) if v else None for k, v in tot.items()},
        "gc": {"full_collections": full_gc["n"], "full_collection_s": round(full_gc["s"], 3)},
    }


def warm_pass_in_new_process(args: argparse.Namespace, parse_cache_only: bool = False) -> dict:
    """One warm pass in a fresh process (the cache directory is inherited)."""
    out = subprocess.run(
        [sys.executable, __file__, "--warm-pass", "--articles", str(args.articles), "--threads", str(args.threads),
         "--model", args.model, *(["--parse-cache-only"] if parse_cache_only else [])],
        capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["cache_hits"] != result["articles"]:
        raise SystemExit(f"bench: a warm pass missed the parse cache ({result['cache_hits']} of {result['articles']} hits)")
    expected = 0 if parse_cache_only else result["articles"]
    if result["analysis_cache_hits"] != expected:
        raise SystemExit(f"bench: a warm pass had {result['analysis_cache_hits']} analysis cache hits, not {expected}")
    return result


def median_pass(passes: list[dict]) -> dict:
    ordered = sorted(passes, key=lambda r: r["wall_s"])
    return {**ordered[len(ordered) // 2], "passes_wall_s": [r["wall_s"] for r in ordered]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--model", default="bundled")
    ap.add_argument("--jobs", type=int, default=0, help="also time a cold batch with N worker processes")
    ap.add_argument("--warm-pass", action="store_true", help=argparse.SUPPRESS)  # the child of a warm pass
    ap.add_argument("--parse-cache-only", action="store_true", help=argparse.SUPPRESS)  # ... without the analysis cache
    args = ap.parse_args()

    if args.warm_pass:
        from provenance.check import Checker, CheckOptions

        import_stages()
        options = CheckOptions(model=args.model, use_analysis_cache=not args.parse_cache_only)
        print(json.dumps(timed_pass(Checker(options), article_paths(args.articles))))
        return

    with tempfile.TemporaryDirectory() as cache:
        os.environ["PROVENANCE_CACHE_DIR"] = cache
        help_s = cold_start_help()
        t0 = time.perf_counter()
        import torch

        torch.set_num_threads(args.threads)
        from provenance.check import Checker, CheckOptions
        from provenance.nlp.parser import load_pipeline

        import_stages()
        checker = Checker(CheckOptions(model=args.model))
        import_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        load_pipeline(checker.parser.spec)
        load_s = time.perf_counter() - t0

        paths = article_paths(args.articles)
        runs = {"cold": timed_pass(checker, paths)}
        warm_passes = [warm_pass_in_new_process(args) for _ in range(WARM_PASSES)]
        parse_only_passes = [warm_pass_in_new_process(args, parse_cache_only=True) for _ in range(WARM_PASSES)]
        if args.jobs > 1:
            from provenance.check import check_batch

            with tempfile.TemporaryDirectory() as cache2:
                os.environ["PROVENANCE_CACHE_DIR"] = cache2  # a cold cache for the workers too
                pooled = Checker(CheckOptions(model=args.model))
                t_all = time.perf_counter()
                words = 0
                for item in check_batch(pooled, [str(p) for p in paths], jobs=args.jobs):
                    if item.result is None:
                        raise SystemExit(f"bench: {item.error}")
                    words += item.result.parsed.word_count
                wall = time.perf_counter() - t_all
                os.environ["PROVENANCE_CACHE_DIR"] = cache
            runs["jobs"] = {
                "jobs": args.jobs, "articles": len(paths), "words": words, "wall_s": round(wall, 2),
                "words_per_s": round(words / wall, 1),
                "speedup_vs_cold": round(runs["cold"]["wall_s"] / wall, 2),
                "note": "wall includes starting the workers and one model load per worker",
            }
        cold, warm, parse_only = runs["cold"], median_pass(warm_passes), median_pass(parse_only_passes)
        extraction_render = cold["stage_s"]["analyse"] + cold["stage_s"]["policy"] + cold["stage_s"]["render"]
        result = {
            "threads": args.threads, "model": checker.parser.model_id,
            "cold_start_help_s": round(help_s, 3), "import_s": round(import_s, 2), "model_load_s": round(load_s, 2),
            "cold": cold, "warm": warm, "warm_parse_cache_only": parse_only,
            **({"jobs": runs["jobs"]} if "jobs" in runs else {}),
            "warm_speedup": round(cold["wall_s"] / warm["wall_s"], 1),
            "warm_speedup_parse_cache_only": round(cold["wall_s"] / parse_only["wall_s"], 1),
            "extraction_render_share_of_parse": round(extraction_render / cold["stage_s"]["parse"], 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            **({"peak_rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}
               if "jobs" in runs else {}),
        }
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
