"""One article through every stage: ingest → parse → analyse → policy.

``Checker`` holds what a batch shares (one stanza pipeline, the registry, the cue lexicon,
the rule pack) so that a directory of articles loads each of them once.  ``check_batch``
runs many articles through one Checker, parsing the articles whose parse is not cached in
worker processes (``jobs``), and yields the outcomes in input order.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from loguru import logger

from provenance.article import Article
from provenance.gc_tuning import freeze_long_lived, tune_collector
from provenance.nlp.doc import ParsedDocument


@dataclass
class CheckOptions:
    model: str = "bundled"
    use_cache: bool = True  # the parse cache and the analysis cache (--no-cache: neither)
    use_analysis_cache: bool = True  # off: the parse cache only (scripts/bench.py compares the two)
    publisher: str | None = None
    encoding: str | None = None
    max_bytes: int = 2_000_000
    rule_dirs: list[Path] = field(default_factory=list)
    config: object | None = None  # provenance.policy.config.Config
    # the rule pack and Config for an article's path, when they differ by folder (the CLI's
    # per-input configuration); None: ``Checker.rules`` and ``config`` for every article
    policy: Callable[[str], tuple[object, object]] | None = None


@dataclass
class StageTimes:
    ingest: float = 0.0
    parse: float = 0.0
    analyse: float = 0.0
    policy: float = 0.0


@dataclass
class CheckResult:
    article: Article
    parsed: ParsedDocument
    report: "Report"  # noqa: F821  (provenance.report.Report)
    times: StageTimes
    cache_hit: bool = False  # the parse came from the parse cache
    analysis_hit: bool = False  # the analysis came from the analysis cache


class Checker:
    """What a batch shares.  Creating one also sets the process's garbage collector for a
    run of many short-lived objects (``provenance.gc_tuning``: higher thresholds, and the
    loaded registry, lexicon and rules frozen out of collection)."""

    def __init__(self, options: CheckOptions | None = None) -> None:
        from provenance.extract.lexicon import load_lexicon
        from provenance.nlp.models import parse_model_option
        from provenance.nlp.parser import Parser
        from provenance.policy.loader import load_rules
        from provenance.registry import Registry
        from provenance.store.analyses import AnalysisCache

        self.options = options or CheckOptions()
        self.parser = Parser(parse_model_option(self.options.model), use_cache=self.options.use_cache)
        self.analysis_cache = AnalysisCache() if self.options.use_cache and self.options.use_analysis_cache else None
        self.registry = Registry.load()
        self.lexicon = load_lexicon()
        self.rules = load_rules(self.options.rule_dirs or None)
        tune_collector()  # a batch of articles: many short-lived objects (gc_tuning)
        freeze_long_lived()

    def load(self, path: Path | str) -> Article:
        from provenance.ingest import article_from_text, load_article

        if str(path) == "-" and not hasattr(sys.stdin, "buffer"):  # a text-only stdin (tests, embedding)
            return article_from_text(sys.stdin.read(), path="<stdin>", publisher=self.options.publisher)
        return load_article(path, encoding=self.options.encoding, max_bytes=self.options.max_bytes,
                            publisher=self.options.publisher)

    def check_path(self, path: Path | str) -> CheckResult:
        t0 = time.perf_counter()
        article = self.load(path)
        return self.check_article(article, ingest_s=time.perf_counter() - t0)

    def check_article(self, article: Article, ingest_s: float = 0.0, *,
                      parsed: ParsedDocument | None = None, parse_s: float = 0.0) -> CheckResult:
        """All stages after ingest; ``parsed`` (with the ``parse_s`` it took): a parse made
        elsewhere (a worker process), used instead of parsing here."""
        from provenance.report import summarise
        from provenance.policy.engine import evaluate, findings_by_severity

        times = StageTimes(ingest=ingest_s)
        if parsed is None:
            t0 = time.perf_counter()
            parsed = self.parser.parse(article.text)
            times.parse = time.perf_counter() - t0
            hit = self.parser.last_hit
        else:
            times.parse = parse_s
            hit = False
        t0 = time.perf_counter()
        report, analysis_hit = self._analyse(article, parsed)
        times.analyse = time.perf_counter() - t0
        t0 = time.perf_counter()
        rules, config = self.options.policy(article.path) if self.options.policy else (self.rules, self.options.config)
        findings = evaluate(report, article, rules, config=config)  # type: ignore[arg-type]
        report = report.model_copy(update={
            "findings": findings,
            "summary": summarise(report.statements, findings_by_severity(findings)),
        })
        times.policy = time.perf_counter() - t0
        logger.info(f"{article.path}: {parsed.word_count} words; ingest {times.ingest:.3f}s parse {times.parse:.3f}s "
                    f"(cache {'hit' if hit else 'miss'}) analyse {times.analyse:.3f}s "
                    f"(cache {'hit' if analysis_hit else 'miss'}) policy {times.policy:.3f}s")
        return CheckResult(article=article, parsed=parsed, report=report, times=times, cache_hit=hit,
                           analysis_hit=analysis_hit)

    def _analyse(self, article: Article, parsed: ParsedDocument) -> tuple["Report", bool]:  # noqa: F821
        """The analyse stage, through the analysis cache when it is on; (report, from the cache)."""
        from provenance.analyse import analyse

        if self.analysis_cache is None:
            return analyse(article, parsed, self.registry, self.lexicon), False
        from provenance.nlp.parser import stanza_version
        from provenance.store.analyses import analysis_key
        from provenance.store.parses import cache_key

        key = analysis_key(cache_key(article.text, self.parser.model_id, stanza_version()), article)
        cached = self.analysis_cache.get(key)
        if cached is not None:
            return cached, True
        report = analyse(article, parsed, self.registry, self.lexicon)
        self.analysis_cache.put(key, report)
        return report, False

    def is_cached(self, article: Article) -> bool:
        """Whether parsing this article needs no model: blank text, or a parse-cache entry
        (by key; an entry that turns out corrupt is simply re-parsed later)."""
        if not article.text.strip():
            return True
        cache = self.parser.cache
        if cache is None:
            return False
        from provenance.nlp.parser import stanza_version
        from provenance.store.parses import cache_key

        key = cache_key(article.text, self.parser.model_id, stanza_version())
        return cache._path(key).is_file()


# --- batches ------------------------------------------------------------------------------


@dataclass
class BatchItem:
    """The outcome for one input of a batch: a result, or the one-line error that stopped it."""

    name: str
    result: CheckResult | None = None
    error: str | None = None


# With the default (automatic) number of jobs, a worker process is started only for every
# this many articles to parse (starting one and loading the model in it costs about as much
# as parsing a few articles), and at most AUTO_MAX_JOBS of them (each holds a model: ~0.5 GB).
MIN_ARTICLES_PER_WORKER = 4
AUTO_MAX_JOBS = 8


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(jobs: int | None, to_parse: int) -> int:
    """Worker processes for ``to_parse`` uncached articles: ``jobs`` (None: automatic, from
    the CPUs); fewer than 2 means none (parse in this process)."""
    if jobs is None:
        return min(default_jobs(), AUTO_MAX_JOBS, to_parse // MIN_ARTICLES_PER_WORKER)
    return min(jobs, to_parse)


_WORKER_PARSER = None  # the Parser of a worker process (set by _worker_init)


def _worker_init(model: str, use_cache: bool, log_level: str) -> None:
    """Runs once in each worker process: one torch thread, one Parser (the model itself is
    loaded on the first parse).  The parent handles Ctrl-C and stops the workers."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    logger.remove()
    logger.add(sys.stderr, level=log_level, format="<level>{level: <7}</level> {message}", colorize=None)
    import torch

    torch.set_num_threads(1)
    from provenance.nlp.models import parse_model_option
    from provenance.nlp.parser import Parser

    global _WORKER_PARSER
    _WORKER_PARSER = Parser(parse_model_option(model), use_cache=use_cache)


def _worker_parse(text: str) -> tuple[str, float]:
    """Parse in a worker (also filling the shared parse cache); the parse as JSON and its seconds."""
    assert _WORKER_PARSER is not None
    t0 = time.perf_counter()
    doc = _WORKER_PARSER.parse(text)
    return doc.model_dump_json(), time.perf_counter() - t0


def _stop_pool(pool) -> None:  # type: ignore[no-untyped-def]  # ProcessPoolExecutor
    """Stop a pool now: cancel what has not started and end the workers (interrupt, error)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def check_batch(
    checker: Checker,
    names: Sequence[str],
    jobs: int | None = 1,
    log_level: str = "WARNING",
) -> Iterator[BatchItem]:
    """Check each input (a path, or ``-`` for standard input) and yield one BatchItem per
    input, in input order.  A file that cannot be read, parsed or checked gives an item with
    its ``error``; the others are unaffected.

    Every input is ingested here first (cheap), then the articles whose parse is not in the
    cache go to worker processes (``jobs`` of them, None: automatic, see ``worker_count``;
    none for fewer than two); analysis and rules run here, in order, as each parse is ready.
    """
    from provenance.errors import ConfigError, ModelNotAvailable, UserError

    articles: list[tuple[Article | None, float, str | None]] = []
    for name in names:
        t0 = time.perf_counter()
        try:
            articles.append((checker.load(name), time.perf_counter() - t0, None))
        except UserError as exc:
            articles.append((None, 0.0, str(exc)))
    misses = [i for i, (a, _, _) in enumerate(articles) if a is not None and not checker.is_cached(a)]
    if misses:  # a missing model stops the whole batch (exit 2), not each article in turn
        from provenance.nlp.models import check_available

        check_available(checker.parser.spec)
    workers = worker_count(jobs, len(misses))
    pool = None
    futures: dict[int, object] = {}
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_init, initargs=(checker.options.model, checker.parser.cache is not None, log_level),
            )
            for i in misses:
                futures[i] = pool.submit(_worker_parse, articles[i][0].text)  # type: ignore[union-attr]
        except (OSError, ValueError, ImportError) as exc:  # no process pool here: parse in this process
            logger.warning(f"cannot start worker processes ({_describe(exc)}); parsing in one process")
            if pool is not None:
                _stop_pool(pool)
            pool, futures = None, {}
        else:
            logger.info(f"parsing {len(misses)} articles in {workers} worker processes")
    try:
        for i, name in enumerate(names):
            article, ingest_s, error = articles[i]
            articles[i] = (None, 0.0, None)  # let a finished article go
            if article is None:
                yield BatchItem(name, error=error)
                continue
            parsed = None
            parse_s = 0.0
            if i in futures:
                try:
                    data, parse_s = futures.pop(i).result()  # type: ignore[attr-defined]
                except (ModelNotAvailable, ConfigError):
                    raise
                except Exception as exc:  # noqa: BLE001  (a worker died or the parse failed)
                    logger.opt(exception=exc).debug(f"{name}: parse failed in a worker")
                    yield BatchItem(name, error=f"{name}: cannot parse: {_describe(exc)}")
                    continue
                parsed = ParsedDocument.model_validate_json(data)
            try:
                result = checker.check_article(article, ingest_s, parsed=parsed, parse_s=parse_s)
            except (ModelNotAvailable, ConfigError):
                raise
            except UserError as exc:
                yield BatchItem(name, error=str(exc))
                continue
            except Exception as exc:  # noqa: BLE001  (a bug: report it, check the others)
                logger.opt(exception=exc).debug(f"{name}: internal error")
                yield BatchItem(name, error=f"{name}: internal error ({_describe(exc)}); "
                                            "please report it (-vv shows the traceback)")
                continue
            yield BatchItem(name, result=result)
    except BaseException:  # interrupted, or the caller stopped early: end the workers now
        if pool is not None:
            _stop_pool(pool)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
