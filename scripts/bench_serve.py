#!/usr/bin/env python3
"""Latency of `provenance serve`: re-check after a one-sentence edit, and 50 concurrent checks.

    python scripts/bench_serve.py [--article PATH] [--edits 5] [--concurrent 50]

Starts the app on 127.0.0.1 (uvicorn in a thread of this process, the model loaded once),
then, over loopback:

* ``edit``: checks a ~1,000-word article (default: the first PolNeAR dev article of
  900-1,200 words in ../shared/polnear/dev/text, else the seed twice), then changes one
  word in one sentence of a different paragraph ``--edits`` times, each a POST /api/view
  as the page sends it; reports the round-trip seconds (median, max) and the paragraphs
  reused, next to the same edits checked with a whole-text parse (no paragraph cache:
  what a re-check would cost without it).
* ``load``: ``--concurrent`` POST /api/check of the seed released together from one local
  client (one connection each, each naming its own document so none is answered from
  the result cache), with the default queue (8) and with a queue as long as the burst;
  counts of 200 / 503 / other, p50 and p95 latency.

With ``--equivalence N`` it first parses the first N PolNeAR dev articles both ways
(paragraph by paragraph through the paragraph cache, and whole, as the CLI does) and
counts the identical parses.

Prints one JSON object; docs/benchmarks.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "seeds" / "000_6a10e030e5c8f4fd.txt"
POLNEAR = ROOT.parent / "shared" / "polnear" / "dev" / "text"


def pick_article(path: str | None) -> tuple[str, str]:
    if path:
        return path, Path(path).read_text(encoding="utf-8")
    if POLNEAR.is_dir():
        for p in sorted(POLNEAR.glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            if 900 <= len(text.split()) <= 1200 and text.count("\n\n") >= 8:
                return str(p.relative_to(ROOT.parent)), text
    seed = SEED.read_text(encoding="utf-8")
    return "seed x2", seed + "\n\n" + seed.replace("Kim", "Mr Kim")


def edits(text: str, n: int) -> list[str]:
    """n versions of text, each with one word of one sentence changed, in different paragraphs."""
    from provenance.serve.paragraphs import paragraph_spans

    spans = [s for s in paragraph_spans(text) if len(text[s[0]:s[1]].split()) >= 12]
    out = []
    for k in range(n):
        start, end = spans[(k * 3 + 2) % len(spans)]
        para = text[start:end]
        words = para.split(" ")
        i = len(words) // 2
        words[i] = words[i] + ("s" if not words[i].endswith("s") else "")
        out.append(text[:start] + " ".join(words) + text[end:])
    return out


def summary(values: list[float]) -> dict[str, float]:
    from provenance.serve.loadgen import percentile

    if not values:
        return {}
    return {"p50_s": round(percentile(values, 50), 3), "p95_s": round(percentile(values, 95), 3),
            "max_s": round(max(values), 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--article", help="the article for the edit test (default: see above)")
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--concurrent", type=int, default=50)
    ap.add_argument("--equivalence", type=int, default=0, metavar="N",
                    help="compare paragraph-wise and whole-text parses on N PolNeAR dev articles")
    args = ap.parse_args()

    import httpx

    from provenance.ingest import article_from_text
    from provenance.serve.app import create_app
    from provenance.serve.background import serve_in_thread
    from provenance.serve.engine import Engine, ServeOptions, Slots
    from provenance.serve.loadgen import concurrent_checks

    t0 = time.perf_counter()
    engine = Engine(ServeOptions())
    engine.start()
    out: dict[str, object] = {"startup_s": round(time.perf_counter() - t0, 2)}
    if args.equivalence:
        from provenance.ingest import load_article
        from provenance.serve.paragraphs import ParagraphParser

        files = sorted(POLNEAR.glob("*.txt"))[: args.equivalence]
        differ = []
        for path in files:
            article = load_article(path)
            whole = engine.checker.parser.parse(article.text)
            para, _ = ParagraphParser(engine.checker.parser).parse(article.text)
            if para != whole:
                differ.append(path.name)
        out["equivalence"] = {"articles": len(files), "identical": len(files) - len(differ), "differ": differ}
    name, text = pick_article(args.article)
    with serve_in_thread(create_app(engine)) as url, httpx.Client(timeout=600) as client:
        def view(t: str) -> tuple[float, dict]:
            s = time.perf_counter()
            r = client.post(f"{url}/api/view", json={"text": t, "name": "bench.txt"})
            r.raise_for_status()
            return time.perf_counter() - s, r.json()

        first_s, first = view(text)
        rounds, reused, whole = [], [], []
        for edited in edits(text, args.edits):
            s, data = view(edited)
            rounds.append(s)
            reused.append(f"{data['reused']}/{data['paragraphs']}")
            article = article_from_text(edited, path="bench.txt")
            w0 = time.perf_counter()
            engine.checker.parser.parse(article.text)  # the whole text, as without the paragraph cache
            whole.append(time.perf_counter() - w0)
        out["edit"] = {
            "article": name, "words": len(text.split()), "paragraphs": first["paragraphs"],
            "first_check_s": round(first_s, 3),
            "edit_roundtrip_median_s": round(statistics.median(rounds), 3), "edit_roundtrip_max_s": round(max(rounds), 3),
            "paragraphs_reused": reused,
            "whole_text_parse_median_s": round(statistics.median(whole), 3),
        }
        seed = SEED.read_text(encoding="utf-8")
        client.post(f"{url}/api/check", json={"text": seed, "name": "warm.txt"}).raise_for_status()
        for queue in (8, args.concurrent):
            engine.slots = Slots(queue)
            t1 = time.perf_counter()
            answers = concurrent_checks(url, seed, args.concurrent)
            wall = time.perf_counter() - t1
            by: dict[str, int] = {}
            for a in answers:
                by[str(a.status)] = by.get(str(a.status), 0) + 1
            out[f"load_queue_{queue}"] = {
                "requests": len(answers), "statuses": dict(sorted(by.items())), "wall_s": round(wall, 2),
                "ok": summary([a.seconds for a in answers if a.status == 200]),
                "busy": summary([a.seconds for a in answers if a.status == 503]),
                "all": summary([a.seconds for a in answers]),
            }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
