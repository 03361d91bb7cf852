"""Shared by the serve tests: one loaded Engine per test process, and a live server on
loopback (uvicorn in a thread, an OS-chosen port) for the browser and load tests."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = "seeds/000_6a10e030e5c8f4fd.txt"
SEED = (ROOT / SEED_PATH).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def ready_engine():  # type: ignore[no-untyped-def]  # provenance.serve.engine.Engine
    """The model, registry and rules loaded once for every serve test of this process."""
    from provenance.serve.engine import Engine, ServeOptions

    engine = Engine(ServeOptions())
    engine.start()
    return engine


@contextmanager
def live_server(engine, queue: int | None = None) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Serve ``engine``'s app on 127.0.0.1 (a free port) for the duration; yields the base URL.
    ``queue``: a fresh bounded queue of that size for the duration."""
    from provenance.serve.app import create_app
    from provenance.serve.background import serve_in_thread
    from provenance.serve.engine import Slots

    saved = engine.slots
    if queue is not None:
        engine.slots = Slots(queue)
    try:
        with serve_in_thread(create_app(engine)) as url:
            yield url
    finally:
        engine.slots = saved
