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

        if str(path) == "-" and sys.stdin is None:  # <&-
            from provenance.errors import InputError

            raise InputError("<stdin>: standard input is closed")
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
    """The outcome for one input of a batch: a result, or the one-line error that stopped it
    (``internal``: a bug, or a worker process that died twice on it; the CLI exits 3)."""

    name: str
    result: CheckResult | None = None
    error: str | None = None
    internal: bool = False


# With the default (automatic) number of jobs, a worker process is started only for every
# this many articles to parse (starting one and loading the model in it costs about as much
# as parsing a few articles), and at most AUTO_MAX_JOBS of them (each holds a model: ~0.5 GB).
MIN_ARTICLES_PER_WORKER = 4
AUTO_MAX_JOBS = 8
# An article whose worker process dies (killed, out of memory, a crash in native code) is
# parsed again in a new worker; it fails (the others do not) when its worker dies this often.
WORKER_ATTEMPTS = 2

# Test hooks (environment variables), so that the robustness tests are deterministic:
#   PROVENANCE_TEST_SIGNAL_AFTER=N:TERM (or N:INT): the batch sends itself SIGTERM (SIGINT)
#     once N items have been handled by the caller (e.g. N reports written);
#   PROVENANCE_TEST_WORKER_CRASH=MARKER[:FLAGFILE][,...]: a worker parsing a text that
#     contains MARKER kills itself (SIGKILL); with FLAGFILE, only while FLAGFILE does not
#     exist (it creates it first: the worker dies once, the retry succeeds).
SIGNAL_AFTER_ENV = "PROVENANCE_TEST_SIGNAL_AFTER"
WORKER_CRASH_ENV = "PROVENANCE_TEST_WORKER_CRASH"


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
_WORKER_SLOTS = None  # shared with the parent: the pid of the worker parsing article i


def _watch_parent(parent: int) -> None:
    """End this worker when the parent process is gone (``kill -9`` of the batch): a
    worker holds a model (~0.5 GB) and would otherwise wait for work forever."""
    import threading

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="provenance-parent-watch", daemon=True).start()


def _worker_init(model: str, use_cache: bool, log_level: str, parent: int = 0, slots=None) -> None:  # type: ignore[no-untyped-def]
    """Runs once in each worker process: one torch thread, one Parser (the model itself is
    loaded on the first parse).  The parent handles Ctrl-C and stops the workers; a worker
    ends by itself when the parent dies."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if parent:
        _watch_parent(parent)
    logger.remove()
    logger.add(sys.stderr, level=log_level, format="<level>{level: <7}</level> {message}", colorize=None)
    import torch

    torch.set_num_threads(1)
    from provenance.nlp.models import parse_model_option
    from provenance.nlp.parser import Parser

    global _WORKER_PARSER, _WORKER_SLOTS
    _WORKER_SLOTS = slots
    _WORKER_PARSER = Parser(parse_model_option(model), use_cache=use_cache)


def _test_crash(text: str) -> None:
    """The test hook ``PROVENANCE_TEST_WORKER_CRASH`` (comma-separated entries)."""
    hook = os.environ.get(WORKER_CRASH_ENV)
    if not hook:
        return
    for entry in hook.split(","):
        marker, _, flag = entry.partition(":")
        if not marker or marker not in text:
            continue
        if flag:
            if os.path.exists(flag):
                continue
            Path(flag).touch()
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def _worker_parse(text: str, index: int = -1) -> tuple[str, float]:
    """Parse in a worker (also filling the shared parse cache); the parse as JSON and its seconds."""
    assert _WORKER_PARSER is not None
    if _WORKER_SLOTS is not None and 0 <= index < len(_WORKER_SLOTS):
        _WORKER_SLOTS[index] = os.getpid()  # which article this worker holds, if it dies
    _test_crash(text)
    t0 = time.perf_counter()
    doc = _WORKER_PARSER.parse(text)
    return doc.model_dump_json(), time.perf_counter() - t0


def _stop_pool(pool) -> None:  # type: ignore[no-untyped-def]  # ProcessPoolExecutor
    """Stop a pool now: cancel what has not started and end the workers (interrupt, error).
    A worker that does not end on SIGTERM within a few seconds (one still starting, which
    may have inherited an ignored SIGTERM) is killed: the batch never waits on it."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=3)
        if proc.is_alive():
            proc.kill()
            proc.join(timeout=3)


def _describe(exc: BaseException) -> str:
    from provenance.errors import escape_controls

    text = str(exc).strip().splitlines()
    return escape_controls(f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__)


class WorkerDied(Exception):
    """The worker process parsing an article died (each time it was tried)."""


class _Workers:
    """Worker processes parsing the articles ``texts`` (index -> text), in a process pool.

    When a worker dies, the pool breaks and every unfinished parse with it: the pool is
    started again and the unfinished articles are resubmitted; the article the dead worker
    held counts one attempt, and after ``WORKER_ATTEMPTS`` its ``result`` raises WorkerDied.
    A pool that breaks before any worker took an article (the workers cannot start) raises
    WorkerDied for nothing: ``usable`` turns False and the caller parses in-process."""

    def __init__(self, workers: int, init: tuple, texts: dict[int, str], size: int) -> None:  # type: ignore[type-arg]
        import multiprocessing

        self.ctx = multiprocessing.get_context("spawn")
        self.workers = workers
        self.init = init
        self.texts = texts
        self.slots = self.ctx.RawArray("q", max(size, 1))  # lock-free: a killed worker holds no lock
        self.attempts: dict[int, int] = {}
        self.failed: dict[int, str] = {}
        self.futures: dict[int, object] = {}
        self.procs: dict[int, object] = {}
        self.pool = None
        self.usable = True
        self._start(list(texts))

    def _start(self, indices: list[int]) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=self.ctx, initializer=_worker_init,
            initargs=(*self.init, os.getpid(), self.slots),
        )
        self.procs = {}
        for i in indices:
            self.slots[i] = 0
            self.futures[i] = self.pool.submit(_worker_parse, self.texts[i], i)
            self.procs.update(getattr(self.pool, "_processes", {}))

    def __contains__(self, i: int) -> bool:
        return i in self.futures or i in self.failed

    def result(self, i: int) -> tuple[str, float]:
        from concurrent.futures.process import BrokenProcessPool

        while True:
            if i in self.failed:
                raise WorkerDied(self.failed.pop(i))
            if not self.usable:
                raise WorkerDied("worker processes cannot start")
            future = self.futures[i]
            try:
                value = future.result()  # type: ignore[attr-defined]
            except BrokenProcessPool:
                self._recover(i)
                continue
            del self.futures[i]
            return value  # type: ignore[no-any-return]

    def _recover(self, waiting: int) -> None:
        """After a worker died: count the attempt of the article(s) it held, restart the pool."""
        import signal
        from concurrent.futures.process import BrokenProcessPool

        def broken(f: object) -> bool:
            return f.done() and isinstance(f.exception(), BrokenProcessPool)  # type: ignore[attr-defined]

        pending = [j for j, f in self.futures.items() if broken(f) or not f.done()]  # type: ignore[attr-defined]
        held = {j: self.slots[j] for j in pending if self.slots[j]}
        if not held:  # no worker ever took an article: they cannot start
            self.usable = False
            _stop_pool(self.pool)
            return
        _stop_pool(self.pool)  # every worker ends (the pool terminates the survivors): read the exit codes
        codes: dict[int, int | None] = {}
        deadline = time.monotonic() + 2  # the pool's thread may be reaping a worker right now
        while True:
            codes = {pid: getattr(self.procs.get(pid), "exitcode", None) for pid in set(held.values())}
            if all(c is not None for c in codes.values()) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        logger.debug(f"worker pool broke: held {held}, exit codes {codes}")
        # the worker that died first did not get the pool's SIGTERM (those are its siblings)
        suspects = [j for j, pid in held.items() if codes.get(pid) not in (None, -signal.SIGTERM)] or list(held)
        for j in suspects:
            self.attempts[j] = self.attempts.get(j, 0) + 1
            code = codes.get(held[j])
            how = (f"was killed by signal {-code}" if isinstance(code, int) and code < 0
                   else f"exited with code {code}" if code is not None else "died")
            logger.warning(f"worker process {held[j]} parsing article {j + 1} {how}"
                           + ("; parsing it again" if self.attempts[j] < WORKER_ATTEMPTS else ""))
            if self.attempts[j] >= WORKER_ATTEMPTS:
                self.failed[j] = f"the worker process parsing it {how} ({self.attempts[j]} times)"
        restart = [j for j in pending if j not in self.failed]
        for j in pending:
            del self.futures[j]
        if restart:
            self._start(restart)

    def stop(self) -> None:
        if self.pool is not None:
            _stop_pool(self.pool)
            self.pool = None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None


def _signal_after() -> tuple[int, int] | None:
    """The test hook ``PROVENANCE_TEST_SIGNAL_AFTER=N:TERM|INT``: (N, signal number)."""
    import signal

    hook = os.environ.get(SIGNAL_AFTER_ENV)
    if not hook:
        return None
    count, _, name = hook.partition(":")
    return int(count), getattr(signal, f"SIG{name or 'TERM'}")


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
    A worker that dies fails only the article it held, after one retry (``_Workers``).
    Ctrl-C and SIGTERM are never swallowed, even when a library wrapped them
    (``provenance.signals``).
    """
    from provenance import signals
    from provenance.errors import ConfigError, ModelNotAvailable, UserError

    articles: list[tuple[Article | None, float, str | None]] = []
    for name in names:
        t0 = time.perf_counter()
        try:
            articles.append((checker.load(name), time.perf_counter() - t0, None))
        except UserError as exc:
            signals.raise_pending()
            articles.append((None, 0.0, str(exc)))
    misses = [i for i, (a, _, _) in enumerate(articles) if a is not None and not checker.is_cached(a)]
    if misses:  # a missing model stops the whole batch (exit 2), not each article in turn
        from provenance.nlp.models import check_available

        check_available(checker.parser.spec)
    workers = worker_count(jobs, len(misses))
    pool: _Workers | None = None
    if workers > 1:
        try:
            pool = _Workers(workers, (checker.options.model, checker.parser.cache is not None, log_level),
                            {i: articles[i][0].text for i in misses}, len(names))  # type: ignore[union-attr]
        except (OSError, ValueError, ImportError) as exc:  # no process pool here: parse in this process
            logger.warning(f"cannot start worker processes ({_describe(exc)}); parsing in one process")
            pool = None
        else:
            logger.info(f"parsing {len(misses)} articles in {workers} worker processes")
    hook = _signal_after()
    done = 0
    try:
        for i, name in enumerate(names):
            if hook is not None and done >= hook[0]:
                signum, hook = hook[1], None
                os.kill(os.getpid(), signum)
            done += 1
            article, ingest_s, error = articles[i]
            articles[i] = (None, 0.0, None)  # let a finished article go
            if article is None:
                yield BatchItem(name, error=error)
                continue
            parsed = None
            parse_s = 0.0
            if pool is not None and i in pool:
                try:
                    data, parse_s = pool.result(i)
                except (ModelNotAvailable, ConfigError):
                    raise
                except WorkerDied as exc:
                    if pool.usable:
                        yield BatchItem(name, error=f"{name}: cannot parse: {exc}", internal=True)
                        continue
                    logger.warning("worker processes cannot start; parsing in one process")
                    pool = None  # parse here, below
                except Exception as exc:  # noqa: BLE001  (the parse failed in the worker)
                    signals.unwrap(exc)
                    logger.opt(exception=exc).debug(f"{name}: parse failed in a worker")
                    yield BatchItem(name, error=f"{name}: cannot parse: {_describe(exc)}", internal=True)
                    continue
                else:
                    parsed = ParsedDocument.model_validate_json(data)
            try:
                result = checker.check_article(article, ingest_s, parsed=parsed, parse_s=parse_s)
            except (ModelNotAvailable, ConfigError):
                raise
            except UserError as exc:
                signals.raise_pending()
                yield BatchItem(name, error=str(exc))
                continue
            except Exception as exc:  # noqa: BLE001  (a bug: report it, check the others)
                signals.unwrap(exc)  # a signal that a library wrapped is not a bug
                logger.opt(exception=exc).debug(f"{name}: internal error")
                yield BatchItem(name, error=f"{name}: internal error ({_describe(exc)}); "
                                            "please report it (-vv shows the traceback)", internal=True)
                continue
            yield BatchItem(name, result=result)
        if hook is not None and done >= hook[0]:
            os.kill(os.getpid(), hook[1])
    except BaseException:  # interrupted, or the caller stopped early: end the workers now
        if pool is not None:
            pool.stop()
            pool = None
        raise
    finally:
        if pool is not None:
            pool.close()
