"""N concurrent checks against a running server, from one local client (threads, one
connection each, all released together): what the load test asserts and
``scripts/bench_serve.py`` measures."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass
class Answer:
    status: int  # 0: no answer (connection error or time-out)
    seconds: float
    retry_after: str | None
    statements: int | None  # statements in the report of a 200
    error: str | None = None


def concurrent_checks(base_url: str, text: str, n: int, timeout_s: float = 300.0, distinct: bool = True) -> list[Answer]:
    """POST /api/check ``n`` times at once; with ``distinct`` each request names its own
    document (so none is answered from the result cache: every 200 is a check)."""
    import httpx

    answers: list[Answer | None] = [None] * n
    barrier = threading.Barrier(n)

    def one(i: int) -> None:
        name = f"load-{i:03d}.txt" if distinct else "load.txt"
        with httpx.Client(timeout=timeout_s) as client:
            barrier.wait()
            t0 = time.perf_counter()
            try:
                r = client.post(f"{base_url}/api/check", json={"text": text, "name": name})
            except httpx.HTTPError as exc:
                answers[i] = Answer(0, time.perf_counter() - t0, None, None, f"{type(exc).__name__}: {exc}")
                return
            seconds = time.perf_counter() - t0
            statements = len(r.json()["statements"]) if r.status_code == 200 else None
            answers[i] = Answer(r.status_code, seconds, r.headers.get("retry-after"), statements)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout_s + 30)
    return [a if a is not None else Answer(0, timeout_s, None, None, "no answer") for a in answers]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]
