#!/usr/bin/env python3
"""Speed, scaling and memory of ``provenance audit`` on a local Dask cluster.

    python scripts/bench_audit.py [--articles 200] [--workers 1 2] [--partition-size N]

Takes the first N PolNeAR articles (../shared/polnear: dev/text sorted, then train/text
sorted; never copied into the repository: a temp folder of symbolic links, with a
``--metadata`` manifest of their publisher and date from metadata.tsv), and audits them
once per worker count, each time into a fresh output folder and with a fresh cluster
(caches off, as ``provenance audit`` defaults).  For each run it reports the cluster's
start-up (``LocalCluster`` + client), the model load in each worker (the warm-up), the
wall time of the partitions (from submitting the first to writing the last), words/s,
and each worker process's peak RSS (``ru_maxrss``) and RSS at the end.  Prints one JSON
object; docs/benchmarks.md quotes it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def polnear(n: int) -> list[Path]:
    base = SHARED / "polnear"
    files = sorted((base / "dev" / "text").glob("*.txt")) + sorted((base / "train" / "text").glob("*.txt"))
    if len(files) < n:
        sys.exit(f"bench_audit: only {len(files)} PolNeAR articles under {base}")
    return files[:n]


def make_archive(files: list[Path], root: Path) -> Path:
    """Symbolic links to the articles and a metadata manifest (publisher, date)."""
    meta: dict[str, tuple[str, str]] = {}
    tsv = SHARED / "polnear" / "metadata.tsv"
    with open(tsv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = (row["publisher"], row["publication_date"])
    (root / "articles").mkdir(parents=True)
    with open(root / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "publisher", "date"])
        for f in files:
            (root / "articles" / f.name).symlink_to(f)
            publisher, date = meta.get(f.stem, ("", ""))
            w.writerow([f"articles/{f.name}", publisher, date])
    return root / "manifest.csv"


def worker_memory() -> dict[str, float]:
    """In a worker: its peak and current RSS, MiB."""
    import psutil

    return {"peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_mib": psutil.Process().memory_info().rss / 2**20}


def bench(workers: int, archive: Path, manifest: Path, partition_size: int | None, tmp: Path) -> dict:
    from provenance.audit import AuditOptions
    from provenance.audit.cluster import close_client, open_client
    from provenance.audit.run import run_audit

    client, cluster, start_s = open_client(None, workers)
    try:
        t0 = time.perf_counter()
        stats = run_audit([str(archive / "articles")], tmp / f"out-{workers}", AuditOptions(),
                          scheduler=cluster.scheduler_address, partition_size=partition_size,
                          metadata=manifest, quiet=True, summary=False)
        run_s = time.perf_counter() - t0
        memory = client.run(worker_memory)
    finally:
        close_client(client, cluster)
    t0 = time.perf_counter()
    from provenance.audit.summary import write_summary

    write_summary(tmp / f"out-{workers}")
    summary_s = time.perf_counter() - t0
    return {
        "workers": workers, "partitions": stats.partitions, "articles": stats.articles, "errors": stats.errors,
        "words": stats.words, "cluster_start_s": round(start_s, 2),
        "model_load_s": sorted(round(s, 2) for s in stats.warm_seconds.values()),
        "partitions_wall_s": round(stats.seconds, 2), "words_per_s": round(stats.words / stats.seconds, 1),
        "run_audit_wall_s": round(run_s, 2), "summary_s": round(summary_s, 2),
        "worker_memory_mib": sorted(({k: round(v) for k, v in m.items()} for m in memory.values()),
                                    key=lambda m: m["peak_rss_mib"]),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--partition-size", type=int, default=None)
    args = ap.parse_args()
    os.environ.setdefault("PROVENANCE_CACHE_DIR", tempfile.mkdtemp(prefix="bench-audit-cache-"))
    files = polnear(args.articles)
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as d:
        tmp = Path(d)
        manifest = make_archive(files, tmp / "archive")
        runs = [bench(w, tmp / "archive", manifest, args.partition_size, tmp) for w in args.workers]
    out = {"articles": len(files), "cpus": os.cpu_count(), "load_avg_at_start": load_start,
           "load_avg_at_end": os.getloadavg(), "runs": runs}
    if len(runs) >= 2:
        out["scaling"] = round(runs[-1]["words_per_s"] / runs[0]["words_per_s"], 2)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
