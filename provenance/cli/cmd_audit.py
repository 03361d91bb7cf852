"""Check every article of an archive on a Dask cluster (a local one by default) and write Parquet
tables (articles, statements, attributions, chains, findings, errors; one file per partition),
summary.csv and summary.html into --out DIR. A rerun skips finished partitions. 'provenance audit
summary DIR' rewrites the CSV files and the page from the tables. Needs the audit extra: pip install
'provenance[audit]'. See docs/audit.md."""

from __future__ import annotations

import argparse
from pathlib import Path

from provenance.cli.common import add_command, add_common_options, add_policy_options, positive_int, require_extra


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "audit", "audit an archive on Dask: Parquet tables, CSV and a summary page", __doc__)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="directories or files of articles (.txt .md .html), JSONL or JSONL.gz files "
                        "({id, text, publisher?, date?, url?} per line), Parquet files (same columns); "
                        "or 'summary DIR'")
    p.add_argument("--out", type=Path, metavar="DIR", help="the output folder (required, except with summary)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="an existing Dask scheduler (e.g. tcp://10.0.0.1:8786); default: a local cluster")
    p.add_argument("--workers", type=positive_int, metavar="N",
                   help="local worker processes (default: one per CPU; each loads the model, ~0.5 GB)")
    p.add_argument("--partition-size", type=positive_int, metavar="N",
                   help="articles (JSONL lines, Parquet rows) per partition (default: up to 100, fewer for "
                        "small archives so that every worker has work)")
    p.add_argument("--metadata", type=Path, metavar="FILE.csv",
                   help="publisher and date of article files: a CSV with columns path (relative to the CSV's "
                        "folder), publisher, date and optional url")
    p.add_argument("--publisher", metavar="NAME", help="the publisher of articles whose input names none")
    add_policy_options(p)
    p.add_argument("--encoding", default=None, help="text encoding of article files (default UTF-8)")
    p.add_argument("--max-bytes", type=positive_int, default=None, metavar="N",
                   help="skip (as an errors row) article files larger than N bytes (default 2000000)")
    p.add_argument("--cache", action="store_true",
                   help="use the parse and analysis caches (off by default: an archive is read once)")
    add_common_options(p)
    p.set_defaults(func=run, model=None)


def run(args: argparse.Namespace) -> int:
    import sys

    from provenance.errors import UserError

    require_extra("audit", "audit", "distributed", "matplotlib", "pyarrow")
    log_level = "ERROR" if args.quiet else {0: "WARNING", 1: "INFO"}.get(args.verbose, "DEBUG")
    if args.inputs[0] == "summary":
        if len(args.inputs) != 2 or args.out is not None:
            raise UserError("usage: provenance audit summary DIR (the folder of an audit; "
                            "an input folder named summary: write ./summary)")
        from provenance.audit.store import MARKERS

        folder = Path(args.inputs[1])
        if not (folder / MARKERS).is_dir():
            raise UserError(f"{folder} is not the folder of an audit (no {MARKERS}/ in it)")
        from provenance.audit.summary import write_summary

        page = write_summary(folder)
        sys.stdout.write(f"{page}\n")
        return 0
    if args.out is None:
        raise UserError("--out DIR is required (where the tables go)")
    if args.scheduler and args.workers:
        raise UserError("--workers starts a local cluster; with --scheduler the cluster's workers are used")
    from provenance.audit import AuditOptions
    from provenance.audit.run import run_audit
    from provenance.policy.config import load_config

    config = load_config(args.config).merged(model=args.model, max_bytes=args.max_bytes, publisher=args.publisher)
    options = AuditOptions(model=config.model, use_cache=args.cache,
                           rule_dirs=[str(d) for d in config.rule_dirs() + list(args.rules or [])],
                           config=config, publisher=config.publisher, encoding=args.encoding,
                           max_bytes=config.max_bytes, log_level=log_level)
    stats = run_audit(args.inputs, args.out, options, scheduler=args.scheduler, workers=args.workers,
                      partition_size=args.partition_size, metadata=args.metadata, quiet=args.quiet)
    message = (f"{stats.partitions} partitions ({stats.skipped} done before), {stats.articles} articles checked"
               + (f", {stats.errors} not checked (errors table)" if stats.errors else "")
               + f" -> {args.out}/summary.csv, {args.out}/summary.html")
    if not args.quiet:
        sys.stderr.write(f"provenance: {message}\n")
    return 0
