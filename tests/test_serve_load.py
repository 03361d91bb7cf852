"""50 concurrent checks of the seed from a local client over loopback: every one is
answered 200 or 503 (with Retry-After), none is lost, the server stays up.  No timing is
asserted; ``scripts/bench_serve.py`` measures the latencies (docs/benchmarks.md)."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")

from serve_support import SEED, live_server, ready_engine

from provenance.serve.loadgen import concurrent_checks

pytestmark = pytest.mark.model
N = 50


@pytest.mark.parametrize("queue", [8, N])
def test_fifty_concurrent_checks_are_all_answered(queue: int) -> None:
    engine = ready_engine()
    with live_server(engine, queue=queue) as url:
        answers = concurrent_checks(url, SEED, N)
        assert len(answers) == N
        assert all(a.status in (200, 503) for a in answers), [(a.status, a.error) for a in answers if a.status not in (200, 503)]
        ok = [a for a in answers if a.status == 200]
        busy = [a for a in answers if a.status == 503]
        assert ok, "no check went through"
        assert all(a.statements == 16 for a in ok)
        assert all(a.retry_after and int(a.retry_after) >= 1 for a in busy)
        if queue >= N:
            assert not busy  # room for every one: all checked
        # the server is still up and answers
        assert httpx.get(f"{url}/healthz").status_code == 200
        assert httpx.post(f"{url}/api/check", json={"text": SEED, "name": "after.txt"}, timeout=120).status_code == 200
        assert engine.slots.admitted == 0  # every slot given back
