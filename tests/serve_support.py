"""Shared by the serve tests: one loaded Engine per test process, and a live server on
loopback (uvicorn in a thread, an OS-chosen port) for the browser and load tests."""

from __future__ import annotations

import functools
import threading
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
    """Serve ``engine``'s app on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    import uvicorn

    from provenance.serve.app import create_app
    from provenance.serve.engine import Slots

    if queue is not None:
        engine.slots = Slots(queue)
    config = uvicorn.Config(create_app(engine), host="127.0.0.1", port=0, log_level="warning",
                            access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="serve-test", daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the test server did not start")
            thread.join(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
