"""Write or prune a baseline file from JSON reports (provenance check --format json).

Builds a baseline from JSON reports written by ``provenance check --format json``: ``write``
records every finding not suppressed in the article; ``prune`` drops the entries no finding
of the given reports matches any more (entries of documents not given are kept).  Entry
paths are the documents' paths relative to the folder of the configuration that applies to
each (as ``provenance check`` reads them), the reports' paths being read from the working
directory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from provenance.cli.common import add_command, add_common_options, usage_handler


def register(subparsers: argparse._SubParsersAction) -> None:
    p = add_command(subparsers, "baseline", "record existing findings so that only new ones fail", __doc__)
    sub = p.add_subparsers(dest="baseline_command", metavar="ACTION")
    for name, helptext in (
        ("write", "write a baseline holding every finding of the reports"),
        ("prune", "drop baseline entries that no finding of the reports matches any more"),
    ):
        q = sub.add_parser(name, help=helptext, description=helptext)
        q.add_argument("--baseline", required=True, type=Path, metavar="FILE", help="the baseline JSON file")
        q.add_argument("--config", type=Path, metavar="FILE",
                       help="configuration file whose folder entry paths are relative to (default: the closest "
                            "provenance.toml or [tool.provenance] above each document)")
        q.add_argument("reports", nargs="+", type=Path, metavar="REPORT.json",
                       help="JSON reports written by provenance check --format json (a report, an array "
                            "of reports, or a directory of them)")
        add_common_options(q, model=False)
        q.set_defaults(func=run, action=name)
    p.set_defaults(func=usage_handler(p))



def findings_by_path(paths: list[Path]) -> dict:
    """Findings by document path, from JSON report files (``provenance.report_io.read_reports``,
    files taken in path order: a document found in several files is taken from the first)."""
    from provenance.report_io import read_reports

    return {r.document.path: list(r.findings) for r in read_reports(sorted(paths, key=str))}


def run(args: argparse.Namespace) -> int:
    from provenance.policy.baseline import load_baseline, prune_baseline, save_baseline, write_baseline
    from provenance.policy.config import ConfigResolver

    resolver = ConfigResolver(getattr(args, "config", None))
    findings = {resolver.for_path(path).relative(path): found for path, found in findings_by_path(args.reports).items()}
    if args.action == "write":
        baseline = write_baseline(findings, args.baseline)
        total = sum(e.count for e in baseline.entries)
        if not args.quiet:
            sys.stderr.write(f"{args.baseline}: {total} finding(s) recorded in {len(baseline.entries)} entries\n")
        return 0
    old = load_baseline(args.baseline)
    new = prune_baseline(old, findings)
    dropped = sum(e.count for e in old.entries) - sum(e.count for e in new.entries)
    save_baseline(new, args.baseline)
    if not args.quiet:
        sys.stderr.write(f"{args.baseline}: {dropped} finding(s) pruned, {sum(e.count for e in new.entries)} kept\n")
    return 0
