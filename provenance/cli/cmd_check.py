"""`provenance check`: attributions, chains, verdicts and findings for articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from provenance.cli.common import add_common_options

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
FORMAT_SUFFIX = {"json": ".json", "html": ".html", "sarif": ".sarif", "text": ".txt", "github": ".txt"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "check", help="check articles: attributions, chains, verdicts, findings",
        description="Find every attribution, give each statement its attribution chain and verdict, "
        "and apply the editorial rules. Exit 0: no failing finding; 1: failing findings; "
        "2: usage, input or configuration error.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, directories, or - for stdin")
    p.add_argument("--format", choices=["text", "json", "html", "sarif", "github"], default=None,
                   help="report format (default: text, or the config's)")
    p.add_argument("--output", type=Path, metavar="FILE|DIR",
                   help="write the report here; a directory gets one report per article plus an index")
    p.add_argument("--rules", type=Path, action="append", default=None, metavar="DIR",
                   help="extra rule directory (repeatable); a rule replaces the default of the same code")
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file (default: closest provenance.toml or [tool.provenance] in pyproject.toml)")
    p.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default=None,
                   help="exit 1 when an unsuppressed finding is at or above this severity "
                        "(default: error, or the config's fail_on; never: report only)")
    p.add_argument("--min-severity", choices=["error", "warning", "info"], default=None, help="show findings at or above this severity")
    p.add_argument("--min-confidence", type=float, default=None, metavar="X", help="show findings with at least this confidence (0-1)")
    p.add_argument("--baseline", type=Path, default=None, metavar="FILE", help="suppress findings recorded in this baseline file")
    p.add_argument("--publisher", default=None, metavar="NAME", help="the publishing outlet (overrides the dateline/byline)")
    p.add_argument("--encoding", default=None, help="text encoding of the inputs (default UTF-8)")
    p.add_argument("--max-bytes", type=int, default=None, metavar="N", help="refuse inputs larger than N bytes (default 2000000)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the parse cache")
    add_common_options(p)
    p.set_defaults(func=run, model=None)


def collect_inputs(paths: list[str]) -> list[str]:
    """Files in the order given; directories expand to their articles, sorted."""
    from provenance.errors import InputError

    out: list[str] = []
    for name in paths:
        if name == "-":
            out.append(name)
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                raise InputError(f"{name}: no articles found (looked for {', '.join(ARTICLE_SUFFIXES)})")
            out.extend(found)
        elif not path.exists():
            raise InputError(f"no such file or directory: {name}")
        else:
            out.append(name)
    return out


def run(args: argparse.Namespace) -> int:
    from loguru import logger

    from provenance.check import Checker, CheckOptions
    from provenance.errors import UserError
    from provenance.fileio import write_atomic
    from provenance.policy.baseline import apply_baseline, load_baseline
    from provenance.policy.config import load_config
    from provenance.policy.engine import failing, findings_by_severity
    from provenance.pipeline import summarise
    from provenance.render import IndexEntry, render_html, render_index_html, render_json, render_json_many, render_sarif, render_text, render_github

    config = load_config(args.config).merged(
        fail_on=args.fail_on, min_severity=args.min_severity, min_confidence=args.min_confidence,
        publisher=args.publisher, model=args.model, format=args.format,
        baseline=str(args.baseline) if args.baseline else None, max_bytes=args.max_bytes,
    )
    rule_dirs = config.rule_dirs() + list(args.rules or [])
    inputs = collect_inputs(args.paths)
    fmt = config.format
    baseline = load_baseline(config.baseline_path()) if config.baseline_path() else None
    checker = Checker(CheckOptions(model=config.model, use_cache=not args.no_cache, publisher=config.publisher,
                                   encoding=args.encoding, max_bytes=config.max_bytes,
                                   rule_dirs=rule_dirs, config=config))
    rules = list(checker.rules)
    results = []
    errors: list[str] = []
    for name in inputs:
        try:
            if name == "-":
                from provenance.ingest import article_from_text

                article = article_from_text(sys.stdin.read(), path="<stdin>", publisher=config.publisher)
                result = checker.check_article(article)
            else:
                result = checker.check_path(name)
        except UserError as exc:
            if len(inputs) == 1:
                raise
            errors.append(str(exc))
            logger.error(str(exc))
            continue
        if baseline is not None:
            findings = apply_baseline(result.report.findings, baseline, result.report.document.path)
            result.report = result.report.model_copy(update={
                "findings": findings,
                "summary": summarise(result.report.statements, findings_by_severity(findings)),
            })
        results.append(result)

    reports = [r.report for r in results]
    texts = {r.report.document.path: r.article.source_text for r in results}
    out = args.output
    many = len(inputs) > 1 or (out is not None and out.is_dir())
    if fmt in ("json", "html") and many and out is not None:
        for r in results:
            stem = Path(r.report.document.path).stem
            page = render_json(r.report) if fmt == "json" else render_html(r.report, rules, texts[r.report.document.path])
            write_atomic(out / f"{stem}{FORMAT_SUFFIX[fmt]}", page)
        if fmt == "html":
            entries = [IndexEntry(r.report, f"{Path(r.report.document.path).stem}.html") for r in results]
            write_atomic(out / "index.html", render_index_html(entries))
        else:
            write_atomic(out / "index.json", render_json_many(reports))
    else:
        if fmt == "json":
            data = render_json(reports[0]) if len(reports) == 1 and len(inputs) == 1 else render_json_many(reports)
        elif fmt == "html":
            if len(reports) != 1:
                raise UserError("--format html with several articles needs --output DIR")
            data = render_html(reports[0], rules, texts[reports[0].document.path])
        elif fmt == "sarif":
            data = render_sarif(reports, rules)
        elif fmt == "github":
            data = render_github(reports)
        else:
            data = render_text(reports, rules)
        if out is not None:
            write_atomic(out, data)
        else:
            sys.stdout.write(data)
    for e in errors:
        sys.stderr.write(f"provenance: error: {e}\n")
    if errors:
        return 2
    return 1 if any(failing(r.findings, config.fail_on) for r in reports) else 0
