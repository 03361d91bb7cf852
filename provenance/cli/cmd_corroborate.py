"""Match each state-media-only statement against the other articles of the batch (corroborated when an
independent or other-state official source says the same; only repeated when the same state's media
do) and, with --originals, compare direct quotations with the sources' original texts. Input: JSON
reports from provenance check --format json.

Reads JSON reports written by ``provenance check --format json`` (one report, an array, or
a directory of them), matches every state-media-only statement against the other
articles (corroborated / only repeated / uncorroborated) and, with ``--originals``, checks
direct quotations against the sources' original texts (QUO403 quote-altered, QUO404
quote-not-found).  Exit 0; 2 on a usage, input or configuration error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from provenance.cli.common import add_command, add_common_options


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "corroborate", "corroboration across articles and quote fidelity, from JSON reports", __doc__)
    p.add_argument("reports", nargs="+", type=Path, metavar="REPORT.json",
                   help="JSON reports (a report, an array of reports, or a directory of them)")
    p.add_argument("--originals", type=Path, metavar="DIR",
                   help="directory of the sources' original texts (.txt; originals.yaml maps files to sources, "
                        "else the file stem is the source name)")
    p.add_argument("--config", type=Path, metavar="FILE", help="YAML/JSON with 'corroboration:' and 'fidelity:' thresholds")
    p.add_argument("--format", choices=["json", "text"], default="text")
    p.add_argument("--embed", action="store_true",
                   help="json: write the reports themselves (an array), with the evidence in their statements "
                        "(corroboration, quote_checks) and the QUO403/QUO404 findings")
    p.add_argument("--output", type=Path, metavar="FILE", help="write here instead of stdout")
    add_common_options(p, model=False)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from provenance.corroborate import check_quotes, corroborate, load_config, load_originals, read_reports
    from provenance.corroborate.attach import render_json, render_text
    from provenance.fileio import write_atomic

    config = load_config(args.config)
    reports = read_reports(args.reports)
    corroborations = corroborate(reports, config.corroboration)
    quote_checks = None
    if args.originals is not None:
        originals = load_originals(args.originals)
        quote_checks = {r.document.path: check_quotes(r, originals, config.fidelity) for r in reports}
    if args.format == "json":
        data = render_json(reports, corroborations, quote_checks, embed=args.embed)
    else:
        data = render_text(reports, corroborations, quote_checks)
    if args.output is not None:
        write_atomic(args.output, data)
    else:
        sys.stdout.write(data)
    return 0
