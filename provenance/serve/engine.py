"""The checks behind the page and the API: one Checker (the CLI's), loaded once.

``Engine`` loads the model, registry and rule pack once (``start`` runs in a background
thread so that ``/healthz`` can answer while it loads), parses through the paragraph
cache (``provenance.serve.paragraphs``) and runs every later stage through
``Checker.check_article`` exactly as ``provenance check`` does, then the configured
baseline (if any) and the page's own baseline.  Checks run one at a time (one model in
one process); ``Slots`` bounds how many may wait.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from loguru import logger

from provenance.article import Article
from provenance.report import Report
from provenance.serve.paragraphs import ParagraphParser, ParseStats


@dataclass
class ServeOptions:
    """What ``provenance serve`` was started with."""

    rules: list[Path] = field(default_factory=list)
    config: Path | None = None
    model: str | None = None
    queue: int = 8  # checks that may wait while one runs; beyond that: 503
    paragraph_cache: int = 1024  # paragraph parses kept in memory (each edited version of a paragraph is one)
    result_cache: int = 64  # finished checks kept in memory (the downloads re-use them)


@dataclass
class Outcome:
    """One finished check."""

    article: Article
    report: Report
    stats: ParseStats
    seconds: float


class Busy(Exception):
    """Every slot is taken: answer 503 with ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("the checker is busy; retry later")
        self.retry_after = retry_after


class NotReady(Exception):
    """The model is still loading (or failed to load: ``error``)."""

    def __init__(self, error: str | None = None) -> None:
        super().__init__(error or "the model is still loading")
        self.error = error


class Slots:
    """At most ``1 + queue`` checks admitted at once (one running, the rest waiting); a
    check beyond that is refused at once (``Busy``), never queued without bound."""

    def __init__(self, queue: int) -> None:
        self.capacity = 1 + max(0, queue)
        self._admitted = 0
        self._lock = threading.Lock()
        self._run = threading.Lock()
        self._recent: list[float] = []  # seconds of the last checks (for Retry-After)

    @property
    def admitted(self) -> int:
        return self._admitted

    def retry_after(self) -> int:
        mean = sum(self._recent) / len(self._recent) if self._recent else 1.0
        return max(1, math.ceil(mean * self._admitted))

    def admit(self) -> None:
        with self._lock:
            if self._admitted >= self.capacity:
                raise Busy(self.retry_after())
            self._admitted += 1

    def release(self) -> None:
        with self._lock:
            self._admitted -= 1

    def record(self, seconds: float) -> None:
        """A finished check's time (Retry-After is the mean of the last ones times the checks admitted)."""
        with self._lock:
            self._recent = (self._recent + [seconds])[-20:]

    @property
    def running(self) -> threading.Lock:
        """Held while a check runs (stanza and torch are not shared between threads)."""
        return self._run


class Engine:
    def __init__(self, options: ServeOptions | None = None) -> None:
        self.options = options or ServeOptions()
        self.slots = Slots(self.options.queue)
        self.ready = threading.Event()
        self.error: str | None = None
        self.checker = None  # provenance.check.Checker, once loaded
        self.config = None  # provenance.policy.config.Config
        self.baseline = None  # the configured baseline (provenance.policy.baseline.Baseline)
        self.paragraphs: ParagraphParser | None = None
        self.load_seconds = 0.0
        self._results: OrderedDict[str, Outcome] = OrderedDict()
        self._results_lock = threading.Lock()

    # --- start-up ----------------------------------------------------------------------

    def load_config(self) -> None:
        """Read the configuration, rules and baseline now (errors: UserError, exit 2)."""
        from provenance.policy.baseline import load_baseline
        from provenance.policy.config import load_config

        self.config = load_config(self.options.config).merged(model=self.options.model)
        path = self.config.baseline_path()
        self.baseline = load_baseline(path) if path else None

    def prepare(self) -> None:
        """Configuration, rule pack, registry and baseline, now: a bad file is a UserError
        (``provenance serve`` exits 2 before it listens).  The model itself loads in ``warm``."""
        from provenance.check import Checker, CheckOptions
        from provenance.nlp.models import check_available

        if self.config is None:
            self.load_config()
        config = self.config
        assert config is not None
        self.checker = Checker(CheckOptions(
            model=config.model, use_cache=False, publisher=config.publisher, max_bytes=config.max_bytes,
            rule_dirs=config.rule_dirs() + list(self.options.rules), config=config))
        check_available(self.checker.parser.spec)
        self.paragraphs = ParagraphParser(self.checker.parser, max_entries=self.options.paragraph_cache)

    def warm(self) -> None:
        """Load the model and run one tiny parse (torch's first-call costs); then ``ready``.
        A failure is kept in ``error`` (``/healthz`` reports it) and logged, not raised."""
        started = time.perf_counter()
        try:
            if self.checker is None:
                self.prepare()
            assert self.checker is not None
            from provenance.nlp.parser import load_pipeline

            load_pipeline(self.checker.parser.spec)
            self.checker.parser.parse("Warm-up, the agency said.")
        except Exception as exc:  # noqa: BLE001  (reported on /healthz and in the log)
            self.error = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            logger.error(f"cannot load the model: {self.error}")
            return
        self.load_seconds = time.perf_counter() - started
        logger.info(f"model ready in {self.load_seconds:.1f}s")
        self.ready.set()

    def start(self) -> None:
        """``prepare`` and ``warm`` in this thread (tests, scripts)."""
        self.prepare()
        self.warm()
        if self.error:
            raise RuntimeError(self.error)

    @property
    def max_bytes(self) -> int:
        from provenance.ingest import DEFAULT_MAX_BYTES

        return self.config.max_bytes if self.config is not None else DEFAULT_MAX_BYTES

    @property
    def rules(self) -> list:  # list[provenance.policy.rule_schema.Rule]
        return list(self.checker.rules) if self.checker is not None else []

    # --- checks --------------------------------------------------------------------------

    def _key(self, text: str, name: str, fmt: str | None, baseline_json: str) -> str:
        h = hashlib.sha256()
        for part in (text, name, fmt or "", baseline_json):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()

    def cached(self, text: str, name: str = "article.txt", fmt: str | None = None, baseline=None) -> Outcome | None:  # type: ignore[no-untyped-def]
        """The outcome of this very check if it is still in memory (the downloads of what is
        on screen need no new check, and no slot)."""
        key = self._key(text, name, fmt, baseline.to_json() if baseline is not None else "")
        with self._results_lock:
            hit = self._results.get(key)
            if hit is not None:
                self._results.move_to_end(key)
            return hit

    def check(self, text: str, name: str = "article.txt", fmt: str | None = None, baseline=None,  # type: ignore[no-untyped-def]
              *, admitted: bool = False) -> Outcome:
        """Check one article (blocking; call from a worker thread).  Raises NotReady, Busy,
        or UserError (bad input: the message says why).  ``admitted``: the caller already
        holds a slot (``slots.admit``), as the web app does before it takes a thread."""
        if not self.ready.is_set():
            raise NotReady(self.error)
        hit = self.cached(text, name, fmt, baseline)
        if hit is not None:
            return hit
        key = self._key(text, name, fmt, baseline.to_json() if baseline is not None else "")
        if not admitted:
            self.slots.admit()
        try:
            with self.slots.running:
                started = time.perf_counter()
                outcome = self._check(text, name, fmt, baseline)
                self.slots.record(time.perf_counter() - started)
        finally:
            if not admitted:
                self.slots.release()
        with self._results_lock:
            self._results[key] = outcome
            while len(self._results) > self.options.result_cache:
                self._results.popitem(last=False)
        return outcome

    def _check(self, text: str, name: str, fmt: str | None, baseline) -> Outcome:  # type: ignore[no-untyped-def]
        from provenance.ingest import article_from_text
        from provenance.policy.baseline import apply_baseline
        from provenance.policy.engine import findings_by_severity
        from provenance.report import summarise

        assert self.checker is not None and self.paragraphs is not None and self.config is not None
        started = time.perf_counter()
        t0 = time.perf_counter()
        article = article_from_text(text, path=name, fmt=fmt, publisher=self.config.publisher)
        ingest_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        parsed, stats = self.paragraphs.parse(article.text)
        parse_s = time.perf_counter() - t0
        result = self.checker.check_article(article, ingest_s, parsed=parsed, parse_s=parse_s)
        report = result.report
        for base in (self.baseline, baseline):  # the configured baseline (as the CLI), then the page's
            if base is not None:
                findings = apply_baseline(report.findings, base, report.document.path)
                report = report.model_copy(update={
                    "findings": findings,
                    "summary": summarise(report.statements, findings_by_severity(findings)),
                })
        return Outcome(article=article, report=report, stats=stats, seconds=time.perf_counter() - started)
