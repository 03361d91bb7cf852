"""The client side of an audit: plan, skip finished partitions, run the others on Dask,
write each result as it arrives, then the summary."""

from __future__ import annotations

import json
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loguru import logger

from provenance import __version__
from provenance.audit.inputs import Partition, load_manifest, plan
from provenance.audit.options import AuditOptions
from provenance.audit.store import is_done, remove_stale, write_partition
from provenance.audit.tables import TABLES
from provenance.errors import UserError
from provenance.fileio import write_atomic


@dataclass
class AuditStats:
    partitions: int = 0
    skipped: int = 0  # finished by an earlier run
    articles: int = 0  # checked in this run
    errors: int = 0  # error rows written in this run
    words: int = 0
    seconds: float = 0.0  # from the first partition submitted to the last written
    start_seconds: float = 0.0  # starting (or connecting to) the cluster
    warm_seconds: dict[int, float] = field(default_factory=dict)  # worker pid → model load seconds
    workers: int = 0


def _progress(total: int, quiet: bool):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    disable = quiet or not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty())
    return tqdm(total=total, file=sys.stderr, unit="article", disable=disable, leave=False, dynamic_ncols=True)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _warm_up(client: Any, options: AuditOptions, stats: AuditStats) -> None:
    """Load the model in every worker now (in parallel), so that a missing model stops the
    job before any partition and the progress bar measures checking, not loading."""
    from provenance.audit.worker import warm_up

    addresses = list(client.scheduler_info().get("workers", {}))
    # allow_other_workers: a worker that leaves meanwhile must not leave its warm-up waiting forever
    futures = [client.submit(warm_up, options, workers=[a], allow_other_workers=True, pure=False,
                             key=f"audit-warm-up-{uuid.uuid4().hex}") for a in addresses]
    for f in futures:
        try:
            pid, seconds = f.result()
        except UserError as exc:
            raise UserError(str(exc)) from None
        stats.warm_seconds[pid] = seconds
    stats.workers = len(addresses)
    if stats.warm_seconds:
        logger.info(f"model loaded in {len(stats.warm_seconds)} workers, "
                    f"{max(stats.warm_seconds.values()):.1f}s at most")


def _run_pending(client: Any, pending: list[Partition], out: Path, options: AuditOptions, stats: AuditStats,
                 quiet: bool, on_partition: Callable[[Partition], None] | None) -> None:
    from distributed import as_completed

    from provenance.audit.worker import AuditPlugin, run_partition

    client.register_plugin(AuditPlugin(options.log_level))
    _warm_up(client, options, stats)
    run = uuid.uuid4().hex[:12]
    by_key: dict[str, Partition] = {}
    futures = []
    started = time.perf_counter()
    for part in pending:
        key = f"audit-{part.name}-{run}"
        by_key[key] = part
        futures.append(client.submit(run_partition, part, options, key=key, pure=False))
    try:
        with _progress(sum(p.size for p in pending), quiet) as bar:
            for future in as_completed(futures):
                part = by_key[future.key]
                try:
                    result = future.result()
                except UserError as exc:  # a missing model, a broken rule pack: the job stops
                    raise UserError(str(exc)) from None
                except Exception as exc:  # noqa: BLE001  (a worker died too often, a bug)
                    raise UserError(f"{part.name} ({part.source}) failed: {_describe(exc)}") from None
                write_partition(out, part.name, part.key, result.tables,
                                {"articles": result.articles, "errors": result.errors, "words": result.words})
                future.release()
                stats.articles += result.articles
                stats.errors += result.errors
                stats.words += result.words
                bar.update(part.size)
                if on_partition is not None:
                    on_partition(part)
    except BaseException:
        client.cancel(futures)
        raise
    stats.seconds = time.perf_counter() - started


def _write_run_info(out: Path, inputs: list[str], options: AuditOptions, parts: list[Partition],
                    partition_size: int | None, metadata: Path | None) -> None:
    info = {
        "tool": {"name": "provenance", "version": __version__},
        "inputs": inputs,
        "metadata": str(metadata) if metadata else None,
        "partition_size": partition_size,
        "partitions": len(parts),
        "options": {"model": options.model, "rule_dirs": options.rule_dirs, "publisher": options.publisher,
                    "encoding": options.encoding, "max_bytes": options.max_bytes, "cache": options.use_cache},
        "tables": list(TABLES),
    }
    write_atomic(out / "audit.json", json.dumps(info, indent=2, sort_keys=True) + "\n")


def run_audit(
    inputs: list[str],
    out: Path,
    options: AuditOptions | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int | None = None,
    metadata: Path | None = None,
    quiet: bool = False,
    summary: bool = True,
    on_partition: Callable[[Partition], None] | None = None,
) -> AuditStats:
    """Audit ``inputs`` into ``out``; finished partitions of an earlier run are kept."""
    options = options or AuditOptions()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file, not a directory")
    manifest = load_manifest(metadata) if metadata else None
    parts = plan(inputs, partition_size, manifest, options.fingerprint(), exclude=out)
    if manifest is not None:
        planned = {p for part in parts for p, _ in part.files}
        import os

        unmatched = len(manifest) - sum(1 for p in planned if os.path.normcase(os.path.abspath(p)) in manifest)
        if unmatched:
            logger.warning(f"{metadata}: {unmatched} row(s) name no article of the inputs")
    out.mkdir(parents=True, exist_ok=True)
    remove_stale(out, {p.name for p in parts})
    pending = [p for p in parts if not is_done(out, p.name, p.key)]
    stats = AuditStats(partitions=len(parts), skipped=len(parts) - len(pending))
    if stats.skipped:
        logger.info(f"{stats.skipped} of {len(parts)} partitions already done (an earlier run)")
    if pending:
        from provenance.audit.cluster import close_client, open_client

        client, cluster, stats.start_seconds = open_client(scheduler, workers, options.log_level)
        try:
            _run_pending(client, pending, out, options, stats, quiet, on_partition)
        finally:
            close_client(client, cluster)
    _write_run_info(out, inputs, options, parts, partition_size, metadata)
    if stats.articles:
        rate = stats.words / stats.seconds if stats.seconds else 0.0
        logger.info(f"{stats.articles} articles, {stats.words} words in {stats.seconds:.1f}s ({rate:.0f} words/s)")
    if summary:
        from provenance.audit.summary import write_summary

        write_summary(out)
    return stats
