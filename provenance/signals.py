"""Ctrl-C and SIGTERM as exceptions that nothing swallows.

The CLI installs ``install()``'s handlers: SIGINT raises ``KeyboardInterrupt`` and SIGTERM
``Terminated`` (a KeyboardInterrupt: the same ``finally`` blocks and atomic writers clean
up; the CLI then exits 130 or 143).  Every signal is also *recorded*, because a library
may catch it: pydantic turns a KeyboardInterrupt raised inside a serializer into a
``PydanticSerializationError`` (a ValueError), which an ``except Exception`` then treats
as an ordinary error.  Code that catches ``Exception`` around work that may be
interrupted calls ``raise_pending()`` first.

``deferred()`` holds a signal back for a short critical section (creating, writing and
renaming a report): the handler records it and it is raised when the section ends, so an
interrupt never lands between creating a temporary file and the ``try`` that removes it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["Terminated", "deferred", "install", "pending", "raise_pending", "unwrap"]


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into the same control flow as Ctrl-C: ``finally`` blocks and the
    atomic writers clean up (no half-written report), then exit 143."""


_pending: KeyboardInterrupt | None = None
_raised = False  # the pending signal has already been raised once
_depth = 0  # nesting of deferred() sections


def _handler(signum: int, frame: object) -> None:
    global _pending, _raised
    if signum == signal.SIGTERM:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not interrupt the cleanup
        exc: KeyboardInterrupt = Terminated()
    else:
        exc = KeyboardInterrupt()
    if _pending is None or (isinstance(exc, Terminated) and not isinstance(_pending, Terminated)):
        _pending = exc
    if _depth:
        return  # raised when the deferred section ends
    _raised = True
    raise exc


def install() -> Callable[[], None]:
    """Install the handlers (main thread only; a SIGINT that the parent shell ignores stays
    ignored); returns a function that restores the previous ones."""
    global _pending, _raised
    _pending, _raised = None, False
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous: dict[int, object] = {}
    try:
        previous[signal.SIGTERM] = signal.signal(signal.SIGTERM, _handler)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            previous[signal.SIGINT] = signal.signal(signal.SIGINT, _handler)
    except (ValueError, OSError):  # pragma: no cover  (no signals here)
        pass

    def restore() -> None:
        for signum, handler in previous.items():
            try:
                signal.signal(signum, handler)  # type: ignore[arg-type]
            except (ValueError, OSError, TypeError):  # pragma: no cover
                pass

    return restore


def pending() -> KeyboardInterrupt | None:
    """The signal received since ``install()`` (None: none)."""
    return _pending


def raise_pending() -> None:
    """Raise the recorded signal, if any (call it where ``except Exception`` might have
    caught a wrapped KeyboardInterrupt)."""
    global _raised
    if _pending is not None:
        _raised = True
        raise _pending


def unwrap(exc: BaseException) -> None:
    """Re-raise a KeyboardInterrupt or SystemExit that a library wrapped in an ordinary
    exception (pydantic's serializer errors say so only in their message)."""
    raise_pending()
    if type(exc).__name__ == "PydanticSerializationError":
        text = str(exc)
        if "KeyboardInterrupt" in text:
            raise KeyboardInterrupt from exc
        if "SystemExit" in text:
            raise SystemExit(1) from exc


@contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM back until the block ends (then raise it)."""
    global _depth, _raised
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0 and _pending is not None and not _raised:
            _raised = True
            raise _pending
