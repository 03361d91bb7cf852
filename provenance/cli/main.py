"""Command-line entry point: parses arguments and hands each subcommand to its module.

Subcommand modules (``provenance/cli/cmd_*.py``) each expose ``register(subparsers)``;
they import heavy libraries (stanza, torch) only inside their handlers so that
``provenance --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections.abc import Sequence

from provenance import __version__
from provenance.cli.logging_setup import configure_logging
from provenance.cli.usage import UsageParser, usage_line
from provenance.errors import UserError

COMMAND_MODULES = ("check", "parse", "model", "sources", "rule", "construction", "baseline", "config", "corroborate",
                   "audit", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = UsageParser(
        prog="provenance",
        description="Find every attribution in a news article, give each statement its "
        "attribution chain, and flag claims that rest only on state media.",
    )
    parser.add_argument("--version", action="version", version=f"provenance {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"provenance.cli.cmd_{name}")
        except ModuleNotFoundError as exc:  # a command not built yet
            if exc.name != f"provenance.cli.cmd_{name}":
                raise
            continue
        module.register(sub)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into the same control flow as Ctrl-C: ``finally`` blocks and the
    atomic writers clean up (no half-written report), then exit 143."""


def _on_sigterm(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not interrupt the cleanup
    raise Terminated()


def _install_sigterm() -> object:
    """Install the SIGTERM handler (main thread only); returns the previous handler."""
    if threading.current_thread() is not threading.main_thread():
        return None
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError):  # pragma: no cover  (no signals here)
        return None


def _restore_sigterm(previous: object) -> None:
    if previous is not None:
        try:
            signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]
        except (ValueError, OSError, TypeError):  # pragma: no cover
            pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        sys.stderr.write(usage_line(parser.prog, "a command is required"))
        return 2
    configure_logging(getattr(args, "verbose", 0), getattr(args, "quiet", False))
    previous = _install_sigterm()
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        sys.stderr.write(f"provenance: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt as exc:
        terminated = isinstance(exc, Terminated)
        sys.stderr.write(f"provenance: {'terminated' if terminated else 'interrupted'}\n")
        return 143 if terminated else 130
    except BrokenPipeError:
        return 1
    finally:
        _restore_sigterm(previous)


if __name__ == "__main__":
    sys.exit(main())
