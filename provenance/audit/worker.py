"""What runs on a Dask worker: one Checker per worker process, and one partition at a time.

The Checker (stanza model, registry, cue lexicon, rule pack) is built once per process and
kept in ``_CHECKER`` for every later partition; the worker plugin sets the process up (one
torch thread, the log level) when the worker starts, also a worker that Dask restarts.
Each article goes through ``Checker.check_article``, the code ``provenance check`` runs.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from provenance.audit.inputs import Partition, Record, month_of, records
from provenance.audit.options import AuditOptions
from provenance.audit.tables import add_error, add_report, empty_rows, to_tables

PLUGIN_NAME = "provenance-audit"
# A test hook (docs/audit.md): "N:PATH" makes the first worker process that finishes its
# N-th article exit at once, as a crash would, unless PATH exists (created first: once).
EXIT_HOOK_ENV = "PROVENANCE_AUDIT_EXIT_AFTER"

_LOCK = threading.Lock()
_CHECKER: tuple[str, Any] | None = None  # (options fingerprint, Checker) of this process
_DONE = 0  # articles finished in this process (for the exit hook)


def setup_process(log_level: str) -> None:
    """One torch thread (the worker process is one core's worth of work); loguru at ``log_level``."""
    from loguru import logger

    logger.remove()
    logger.add(sys.stderr, level=log_level, format="<level>{level: <7}</level> {message}", colorize=None)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import torch

    torch.set_num_threads(1)


def checker_for(options: AuditOptions) -> Any:
    """This process's Checker for ``options`` (built, and its model loaded, on first use)."""
    global _CHECKER
    key = options.fingerprint()
    with _LOCK:
        if _CHECKER is None or _CHECKER[0] != key:
            from provenance.check import Checker

            setup_process(options.log_level)
            checker = Checker(options.check_options())
            checker.parser.parse("The model is loaded, officials said.")  # load the model now
            _CHECKER = (key, checker)
        return _CHECKER[1]


class AuditPlugin(WorkerPlugin):
    """Sets each worker process up as it starts (also one that Dask restarts after a crash)."""

    name = PLUGIN_NAME

    def __init__(self, log_level: str = "WARNING") -> None:
        self.log_level = log_level

    def setup(self, worker: Any) -> None:  # noqa: ARG002
        setup_process(self.log_level)


def warm_up(options: AuditOptions) -> tuple[int, float]:
    """Build this process's Checker now; (process id, seconds it took)."""
    t0 = time.perf_counter()
    checker_for(options)
    return os.getpid(), time.perf_counter() - t0


@dataclass
class PartitionResult:
    index: int
    key: str
    tables: dict[str, Any]  # table name → pyarrow.Table
    articles: int
    errors: int
    words: int
    seconds: float
    pid: int


def _exit_hook() -> None:
    global _DONE
    _DONE += 1
    spec = os.environ.get(EXIT_HOOK_ENV)
    if not spec:
        return
    count, _, marker = spec.partition(":")
    if _DONE >= int(count) and marker:
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        os._exit(75)  # a crash: no cleanup, no reply to the scheduler


def _load(record: Record, options: AuditOptions) -> Any:
    from provenance.ingest import article_from_text, load_article

    publisher = record.meta.publisher or options.publisher
    if record.path is not None:
        return load_article(record.path, encoding=options.encoding, max_bytes=options.max_bytes, publisher=publisher)
    assert record.text is not None
    return article_from_text(record.text, path=record.article_id, fmt=record.fmt, publisher=publisher)


def run_partition(part: Partition, options: AuditOptions) -> PartitionResult:
    """Check every article of ``part``; an article that cannot be read or checked becomes a
    row of the errors table.  A missing model or a broken rule pack stops the partition
    (ModelNotAvailable / ConfigError: the whole job stops with that message)."""
    from provenance.errors import ConfigError, ModelNotAvailable, UserError

    t0 = time.perf_counter()
    checker = checker_for(options)
    rows = empty_rows()
    articles = errors = words = 0
    for record in records(part):
        common = {"article_id": record.article_id, "source": record.source, "line": record.line, "partition": part.index}
        if record.error is not None:
            add_error(rows, path=record.path, stage="read", message=record.error, **common)
            errors += 1
            continue
        stage = "read"
        try:
            t_in = time.perf_counter()
            article = _load(record, options)
            stage = "check"
            result = checker.check_article(article, time.perf_counter() - t_in)
        except (ModelNotAvailable, ConfigError):
            raise
        except UserError as exc:
            add_error(rows, path=record.path, stage=stage, message=str(exc), **common)
            errors += 1
            continue
        except Exception as exc:  # noqa: BLE001  (a bug: a row of the errors table, the others go on)
            first = str(exc).strip().splitlines()
            message = f"internal error ({type(exc).__name__}{': ' + first[0] if first else ''})"
            add_error(rows, path=record.path, stage="internal", message=message, **common)
            errors += 1
            continue
        report = result.report
        date = record.meta.date or report.document.date
        add_report(rows, report, article_id=record.article_id, source=record.source, line=record.line,
                   publisher=record.meta.publisher or report.document.publisher, date=date,
                   month=month_of(date), url=record.meta.url, partition=part.index)
        articles += 1
        words += report.document.words
        _exit_hook()
    return PartitionResult(part.index, part.key, to_tables(rows), articles, errors, words,
                           time.perf_counter() - t0, os.getpid())
