"""A Dask client: a LocalCluster on this machine (one single-threaded worker process per
core), or an existing cluster's scheduler (``--scheduler ADDRESS``)."""

from __future__ import annotations

import logging
import time
from typing import Any

from loguru import logger

from provenance.errors import UserError


def quiet_dask(log_level: str) -> None:
    """Dask's own log lines only at WARNING and above (INFO with -v, DEBUG with -vv)."""
    level = logging.DEBUG if log_level == "DEBUG" else logging.INFO if log_level == "INFO" else logging.WARNING
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(level)


def open_client(scheduler: str | None, workers: int | None, log_level: str = "WARNING") -> tuple[Any, Any, float]:
    """(client, the LocalCluster or None, seconds it took to start or connect)."""
    quiet_dask(log_level)
    from distributed import Client, LocalCluster

    t0 = time.perf_counter()
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise UserError(f"cannot connect to the Dask scheduler at {scheduler}: {exc}") from None
        n = len(client.scheduler_info().get("workers", {}))
        logger.info(f"connected to {scheduler} ({n} workers) in {time.perf_counter() - t0:.1f}s")
        return client, None, time.perf_counter() - t0
    from provenance.check import default_jobs

    n = workers or default_jobs()
    try:
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.WARNING if log_level not in ("INFO", "DEBUG") else logging.INFO)
        client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UserError(f"cannot start a local Dask cluster: {exc}") from None
    logger.info(f"local Dask cluster of {n} worker processes started in {time.perf_counter() - t0:.1f}s")
    return client, cluster, time.perf_counter() - t0


def close_client(client: Any, cluster: Any) -> None:
    try:
        client.close()
    finally:
        if cluster is not None:
            cluster.close()
