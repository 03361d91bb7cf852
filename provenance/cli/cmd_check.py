"""Find every attribution, give each statement its attribution chain and verdict, and apply the
editorial rules. Exit 0: no failing finding; 1: failing findings; 2: usage, input or configuration
error, or an article that could not be checked (the others are still reported); 3: a crash (internal
error); 130/143: interrupted (Ctrl-C / SIGTERM)."""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from provenance.cli.common import add_command, add_common_options, add_policy_options, positive_int

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
FORMAT_SUFFIX = {"json": ".json", "html": ".html", "sarif": ".sarif", "text": ".txt", "github": ".txt"}
PAGE_FORMATS = ("json", "html")  # formats that write one page per article into --output DIR
RESERVED_PAGE_NAMES = frozenset({"index"})  # index.json / index.html
_UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # not in a report's file name


def _selectors(value: str) -> list[str]:
    """``ATT101,SRC`` → ``["ATT101", "SRC"]`` (the options below may also be repeated)."""
    return [v.strip() for v in value.split(",") if v.strip()]


def _flat(values: list[list[str]] | None) -> list[str] | None:
    return None if values is None else [v for vs in values for v in vs]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "check", "check articles: attributions, chains, verdicts, findings", __doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, directories, or - for stdin")
    p.add_argument("--format", choices=["text", "json", "html", "sarif", "github"], default=None,
                   help="report format (default: text, or the config's)")
    p.add_argument("--output", "-o", type=str, metavar="FILE|DIR",  # str: a trailing / means a folder
                   help="write the report here; with json or html, a directory gets one report per "
                        "article (named by its path under the inputs' common folder) plus an index")
    add_policy_options(p)
    p.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default=None,
                   help="exit 1 when an unsuppressed finding is at or above this severity "
                        "(default: error, or the config's fail_on; never: report only)")
    p.add_argument("--select", type=_selectors, action="append", default=None, metavar="RULES",
                   help="run only these rules (codes, family prefixes such as SRC2, names, or ALL; "
                        "comma-separated or repeated); replaces the config's select")
    p.add_argument("--extend-select", type=_selectors, action="append", default=None, metavar="RULES",
                   help="run these rules too (added to select)")
    p.add_argument("--ignore", type=_selectors, action="append", default=None, metavar="RULES",
                   help="do not run these rules (added to the config's ignore)")
    p.add_argument("--statistics", action="store_true",
                   help="print the number of findings per rule instead of the findings (the report still goes "
                        "to --output)")
    p.add_argument("--force-exclude", action="store_true",
                   help="apply the config's exclude to files named on the command line too (as pre-commit does)")
    p.add_argument("--min-severity", choices=["error", "warning", "info"], default=None, help="show findings at or above this severity")
    p.add_argument("--min-confidence", type=float, default=None, metavar="X", help="show findings with at least this confidence (0-1)")
    p.add_argument("--baseline", type=Path, default=None, metavar="FILE", help="suppress findings recorded in this baseline file")
    p.add_argument("--publisher", default=None, metavar="NAME", help="the publishing outlet (overrides the dateline/byline)")
    p.add_argument("--encoding", default=None, help="text encoding of the inputs (default UTF-8)")
    p.add_argument("--max-bytes", type=positive_int, default=None, metavar="N",
                   help="refuse inputs larger than N bytes (default 2000000, or the config's max_bytes; "
                        "may be raised or lowered)")
    p.add_argument("--corroborate", action="store_true",
                   help="after every article is checked, match each state-media-only statement against the "
                        "other articles of the batch: corroborated (an independent or other-state official "
                        "source says the same), only repeated (the same state's media), or uncorroborated; "
                        "shown in the json and html reports")
    p.add_argument("--originals", type=Path, default=None, metavar="DIR",
                   help="compare direct quotations with the sources' original texts (.txt files in DIR; "
                        "DIR/originals.yaml maps files to sources, else the file stem names the source): "
                        "findings QUO403 quote-altered and QUO404 quote-not-found")
    p.add_argument("--no-cache", action="store_true",
                   help="do not read or write the parse cache or the analysis cache")
    p.add_argument("-j", "--jobs", type=positive_int, default=None, metavar="N",
                   help="parse the articles that are not in the parse cache in N worker processes "
                        "(default: one per CPU, up to 8, when there are at least 4 such articles per "
                        "worker; 1: no worker processes)")
    add_common_options(p)
    p.set_defaults(func=run, model=None)


# --- inputs ---------------------------------------------------------------------------------


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def collect_inputs(paths: list[str], exclude: Path | None = None,
                   skip: Callable[[str], bool] | None = None) -> list[str]:
    """Files in the order given (each once); directories expand to their articles, sorted
    (hidden files and folders, the ``exclude`` folder, and files ``skip`` names, skipped:
    the configuration's ``exclude``).  A name that does not exist is kept: reading it
    reports the error, so that it does not stop the others."""
    from provenance.errors import InputError

    out: list[str] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        key = name if name == "-" else os.path.normcase(os.path.abspath(name))
        if key not in seen:
            seen.add(key)
            out.append(name)

    skip_dir = os.path.abspath(exclude) if exclude is not None else None
    for name in paths:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = sorted(
                str(p) for p in path.rglob("*")
                if p.suffix.lower() in ARTICLE_SUFFIXES and not _is_hidden(p, path) and p.is_file()
                and not (skip_dir and os.path.abspath(p).startswith(skip_dir + os.sep))
                and not (skip is not None and skip(str(p)))
            )
            if not found:
                raise InputError(f"{name}: no articles found (looked for {', '.join(ARTICLE_SUFFIXES)})")
            for f in found:
                add(f)
        else:
            add(name)
    return out


def page_names(inputs: list[str]) -> dict[str, str]:
    """A report file name (without suffix) for each input, unique and independent of the
    inputs' order: the path relative to the inputs' common folder with ``/`` written
    ``__`` and the suffix dropped (``a/x.txt`` → ``a__x``).  Names that would clash (also
    ignoring case, or with the index) keep their suffix (``x.txt``), then gain a hash."""
    files = [n for n in inputs if n != "-"]
    absolute = {n: os.path.abspath(n) for n in files}
    root = os.path.commonpath([os.path.dirname(a) for a in absolute.values()]) if files else ""
    rel = {n: os.path.relpath(absolute[n], root) for n in files}

    def join(parts: str) -> str:  # control characters and undecodable bytes become _
        return _UNSAFE_IN_NAME.sub("_", "__".join(p for p in Path(parts).parts if p not in ("", os.sep)))

    names: dict[str, str] = {}
    if "-" in inputs:
        names["-"] = "stdin"
    for n in files:
        stem = os.path.splitext(rel[n])[0]
        names[n] = join(stem) or "article"

    def clashes() -> set[str]:
        count: dict[str, int] = {}
        for v in names.values():
            count[v.casefold()] = count.get(v.casefold(), 0) + 1
        return {k for k, c in count.items() if c > 1 or k in RESERVED_PAGE_NAMES}

    bad = clashes()
    for n in files:
        if names[n].casefold() in bad:
            names[n] = join(rel[n])
    bad = clashes()
    for n in files:
        if names[n].casefold() in bad:
            digest = hashlib.sha1(rel[n].replace(os.sep, "/").encode("utf-8", "surrogateescape")).hexdigest()[:8]
            names[n] = f"{names[n]}-{digest}"
    return names


# --- the command ------------------------------------------------------------------------------


def _progress(total: int, quiet: bool):  # type: ignore[no-untyped-def]
    """A progress bar on stderr for a batch; hidden when stderr is not a terminal, or -q."""
    from tqdm import tqdm

    disable = quiet or total < 2 or not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty())
    return tqdm(total=total, file=sys.stderr, unit="article", disable=disable, leave=False, dynamic_ncols=True)


def _cross_article_options(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """What ``--corroborate`` and ``--originals DIR`` ask for (originals read now: a bad
    directory stops the run before any article is checked); None when neither is given,
    and the cross-article code (with numpy) is then not even imported."""
    corroborate = bool(getattr(args, "corroborate", False))
    originals = getattr(args, "originals", None)
    if not corroborate and originals is None:
        return None
    from provenance.corroborate import CrossArticleOptions

    options = CrossArticleOptions(corroborate=corroborate)
    if originals is not None:
        from provenance.corroborate import load_originals

        options.originals = load_originals(originals)
    return options


def _common_folder(paths: list[str]) -> str:
    """The folder the inputs share (the working directory for standard input alone): the
    run-wide settings (format, model, max_bytes, publisher) come from its configuration."""
    folders = [p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in paths if p != "-"]
    if not folders:
        return os.getcwd()
    try:
        return os.path.commonpath([os.path.abspath(f) for f in folders])
    except ValueError:  # different drives
        return os.getcwd()


def _wrote_message(count: int, out: Path, fmt: str) -> str:
    return (f"provenance: wrote {count} report{'s' if count != 1 else ''} and index.{fmt} "
            f"to {str(out).rstrip('/' + os.sep)}/\n")


def _baseline_warnings(scopes) -> None:  # type: ignore[no-untyped-def]
    """A warning for each baseline none of whose entries is for a checked file: every
    finding it was meant to accept would fail (typically paths relative to another folder)."""
    from loguru import logger

    from provenance.policy.baseline import matches_none

    for scope in scopes.all():
        baseline = scope.baseline
        if baseline is None or not scope.checked or not matches_none(baseline, scope.checked):
            continue
        checked = baseline.key_path(min(scope.checked))
        logger.warning(f"{scope.config.baseline}: baseline matches no checked file: its paths are relative to "
                       f"{baseline.root} (e.g. {baseline.entries[0].path!r}; this run checked {checked!r}); "
                       "run `provenance baseline write` again from the project's folder")


def _stdout_open() -> bool:
    from provenance.cli.main import _ClosedStdout

    return sys.stdout is not None and not isinstance(sys.stdout, _ClosedStdout)


def _refuse_overwriting_inputs(targets: list[Path], inputs: list[str], baseline: Path | None) -> None:
    """UserError when a report would be written over an article being checked (or the
    baseline): ``-o in/a.txt`` with the input ``in/a.txt``, also through a link."""
    from provenance.errors import UserError, display_name

    def identity(path: str | Path) -> tuple[object, ...]:
        try:
            st = os.stat(path)
            return (st.st_dev, st.st_ino)
        except (OSError, ValueError):
            return (os.path.realpath(path),)

    sources = {identity(n): n for n in inputs if n != "-"}
    if baseline is not None:
        sources.setdefault(identity(baseline), str(baseline))
    for target in targets:
        hit = sources.get(identity(target))
        if hit is not None:
            raise UserError(f"--output {display_name(str(target))} is also an input ({display_name(hit)}); "
                            "refusing to overwrite it")


def run(args: argparse.Namespace) -> int:
    from loguru import logger

    from provenance.check import Checker, CheckOptions, check_batch
    from provenance.cli.main import INTERNAL_ERROR
    from provenance.errors import UserError, escape_controls
    from provenance.fileio import write_atomic
    from provenance.policy.baseline import apply_baseline
    from provenance.policy.config import ConfigResolver
    from provenance.report import summarise
    from provenance.policy.engine import failing, findings_by_severity
    from provenance.policy.scope import Scopes
    from provenance.policy.statistics import render_statistics
    from provenance.render import IndexEntry, render_github, render_html, render_index_html, render_json, render_json_many, render_text
    from provenance.render.errors import error_message, github_errors, index_html_with_errors, sarif_with_errors, text_errors
    from provenance.render.html import page_href

    # each input's own configuration (the closest above it, or --config), the options over it;
    # the run-wide settings from the configuration of the inputs' common folder
    resolver = ConfigResolver(args.config, overrides={
        "fail_on": args.fail_on, "min_severity": args.min_severity, "min_confidence": args.min_confidence,
        "publisher": args.publisher, "model": args.model, "format": args.format,
        "baseline": str(args.baseline) if args.baseline else None, "max_bytes": args.max_bytes,
        "select": _flat(args.select),
    }, append={"ignore": _flat(args.ignore) or [], "extend_select": _flat(args.extend_select) or []})
    config = resolver.for_path(_common_folder(args.paths))
    scopes = Scopes(resolver, list(args.rules or []))
    fmt = config.format
    out: Path | None = Path(args.output) if args.output is not None else None
    wants_dir = out is not None and str(args.output).endswith(("/", os.sep))  # -o reports/: a folder
    if out is None and not _stdout_open():
        raise UserError("standard output is closed; pass --output FILE")
    rule_dirs = config.rule_dirs() + list(args.rules or [])
    page_mode_dir = out is not None and fmt in PAGE_FORMATS and (out.is_dir() or wants_dir)
    inputs = collect_inputs(args.paths, exclude=out if page_mode_dir else None,
                            skip=lambda f: resolver.for_path(f).excludes(f))
    if args.force_exclude:  # named files too (pre-commit passes every staged file by name)
        inputs = [n for n in inputs if n == "-" or not resolver.for_path(n).excludes(n)]
        if not inputs:
            logger.warning("nothing to check: every input is excluded by the configuration's exclude")
            return 0
    for name in inputs:  # every configuration read and its rule selectors checked before any parse
        scopes.for_path(name)
    many = len(inputs) > 1
    if out is not None and fmt in PAGE_FORMATS and many and not out.exists() and out.suffix == "":
        page_mode_dir = True  # several articles into a new folder
    if out is not None and not page_mode_dir and (out.is_dir() or wants_dir):
        raise UserError(f"--output {args.output} is a directory; --format {fmt} writes one file (json and html can fill a directory)")
    if fmt == "html" and many and not page_mode_dir:
        raise UserError("--format html with several articles needs --output DIR")
    if inputs.count("-") and sum(1 for p in args.paths if p == "-") > 1:
        raise UserError("standard input (-) can be read only once")
    baseline = scopes.for_path(_common_folder(args.paths)).baseline  # the cross-article stage's
    cross = _cross_article_options(args)
    checker = Checker(CheckOptions(model=config.model, use_cache=not args.no_cache, publisher=config.publisher,
                                   encoding=args.encoding, max_bytes=config.max_bytes,
                                   rule_dirs=rule_dirs, config=config, policy=scopes.policy))
    rules = list(checker.rules)
    jobs = args.jobs  # None: automatic
    names = page_names(inputs) if page_mode_dir else {}
    if out is not None:
        targets = ([out / f"{n}{FORMAT_SUFFIX[fmt]}" for n in [*names.values(), "index"]] if page_mode_dir else [out])
        _refuse_overwriting_inputs(targets, inputs, config.baseline_path())
    log_level = "ERROR" if args.quiet else {0: "WARNING", 1: "INFO"}.get(args.verbose, "DEBUG")

    def write_page(name: str, result) -> None:  # type: ignore[no-untyped-def]  # one page per article, atomically
        assert out is not None
        page = (render_json(result.report) if fmt == "json"
                else render_html(result.report, rules, result.article.source_text))
        write_atomic(out / f"{names[name]}{FORMAT_SUFFIX[fmt]}", page)

    results = []
    errors: list[tuple[str, str]] = []
    crashed = False  # an article hit a bug (or its worker died twice): exit 3
    started = time.perf_counter()
    with _progress(len(inputs), args.quiet) as bar, \
            closing(check_batch(checker, inputs, jobs=jobs, log_level=log_level)) as batch:
        for item in batch:
            bar.update(1)
            if item.result is None:
                message = error_message(item.name, item.error or "cannot be checked")
                if item.internal:
                    crashed = True
                if not many:
                    if item.internal:
                        sys.stderr.write(f"provenance: error: {escape_controls(message)}\n")
                        return INTERNAL_ERROR
                    raise UserError(message)
                errors.append((item.name, message))
                continue
            result = item.result
            for warning in result.report.document.warnings:
                logger.warning(f"{result.report.document.path}: {warning}")
            scope = scopes.for_path(item.name)
            scope.checked.add(result.report.document.path)
            if scope.baseline is not None:
                findings = apply_baseline(result.report.findings, scope.baseline, result.report.document.path)
                result.report = result.report.model_copy(update={
                    "findings": findings,
                    "summary": summarise(result.report.statements, findings_by_severity(findings)),
                })
            if page_mode_dir and cross is None:  # each page is written as soon as it is ready
                write_page(item.name, result)
            results.append((item.name, result))

    if cross is not None and results:  # the batch is the evidence: after every article, before rendering
        from provenance.corroborate import apply_cross_article

        updated = apply_cross_article([r.report for _, r in results], cross, pack=checker.rules, config=config,
                                      baseline=baseline, articles={r.report.document.path: r.article for _, r in results})
        for (name, result), report in zip(results, updated):
            result.report = report
            if page_mode_dir:
                write_page(name, result)

    if results:
        words = sum(r.parsed.word_count for _, r in results)
        wall = time.perf_counter() - started
        logger.info(f"{len(results)} article{'s' if len(results) != 1 else ''}, {words} words in {wall:.2f}s "
                    f"({words / wall if wall else 0:.0f} words/s)"
                    + (f"; {len(errors)} not checked" if errors else ""))
    reports = [r.report for _, r in results]
    if page_mode_dir:
        assert out is not None
        if fmt == "html":
            entries = [IndexEntry(r.report, page_href(f"{names[n]}.html")) for n, r in results]
            write_atomic(out / "index.html", index_html_with_errors(render_index_html(entries), errors))
        else:
            write_atomic(out / "index.json", render_json_many(reports))
        if not args.quiet:
            sys.stderr.write(_wrote_message(len(results), out, fmt))
        if args.statistics:
            sys.stdout.write(render_statistics(reports, rules, fmt))
    else:
        if fmt == "json":
            data = render_json(reports[0]) if not many else render_json_many(reports)
        elif fmt == "html":
            data = render_html(reports[0], rules, results[0][1].article.source_text)
        elif fmt == "sarif":
            data = sarif_with_errors(reports, rules, errors)
        elif fmt == "github":
            data = render_github(reports) + github_errors(errors)
        else:
            data = render_text(reports, rules) + text_errors(errors)
        if out is not None:
            write_atomic(out, data)
        if args.statistics:
            data = render_statistics(reports, rules, fmt)
        if out is None or args.statistics:
            sys.stdout.write(data)
            sys.stdout.flush()
    _baseline_warnings(scopes)
    for name, message in errors:
        sys.stderr.write(f"provenance: error: {escape_controls(message)}\n")
    if crashed:
        return INTERNAL_ERROR
    if errors:
        return 2
    return 1 if any(failing(r.report.findings, scopes.for_path(n).config.fail_on) for n, r in results) else 0
