"""Command-line entry point: parses arguments and hands each subcommand to its module.

Subcommand modules (``provenance/cli/cmd_*.py``) each expose ``register(subparsers)``;
they import heavy libraries (stanza, torch) only inside their handlers so that
``provenance --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from provenance import __version__, signals
from provenance.cli.logging_setup import configure_logging
from provenance.cli.usage import UsageParser, usage_line
from provenance.errors import UserError, escape_controls
from provenance.signals import Terminated

__all__ = ["INTERNAL_ERROR", "Terminated", "build_parser", "main"]

INTERNAL_ERROR = 3  # exit code of a crash (a bug), distinct from 1 (findings) and 2 (errors)

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


class _ClosedStdout:
    """Stands in for a closed standard output (``>&-``): writing is a one-line error."""

    def write(self, data: str) -> int:
        raise UserError("standard output is closed; pass --output FILE")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _internal_error(exc: BaseException) -> int:
    """A bug: one line (the traceback with -vv), exit 3."""
    from loguru import logger

    logger.opt(exception=exc).debug("internal error")
    text = str(exc).strip().splitlines()
    what = f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
    sys.stderr.write(f"provenance: error: internal error ({escape_controls(what)}); please report it "
                     "(-vv shows the traceback)\n")
    return INTERNAL_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stderr is None:  # 2>&-: nowhere to say anything
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:  # >&-
        sys.stdout = _ClosedStdout()  # type: ignore[assignment]
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        sys.stderr.write(usage_line(parser.prog, "a command is required"))
        return 2
    configure_logging(getattr(args, "verbose", 0), getattr(args, "quiet", False))
    restore = signals.install()
    try:
        try:
            return int(args.func(args) or 0)
        except (KeyboardInterrupt, SystemExit):
            raise
        except UserError:
            signals.raise_pending()
            raise
        except BrokenPipeError:
            signals.raise_pending()
            return 1
        except Exception as exc:  # noqa: BLE001  (a bug, or a signal a library wrapped)
            signals.unwrap(exc)
            return _internal_error(exc)
    except UserError as exc:
        sys.stderr.write(f"provenance: error: {escape_controls(str(exc))}\n")
        return exc.exit_code
    except KeyboardInterrupt as exc:
        terminated = isinstance(exc, Terminated)
        sys.stderr.write(f"provenance: {'terminated' if terminated else 'interrupted'}\n")
        return 143 if terminated else 130
    finally:
        restore()


if __name__ == "__main__":
    sys.exit(main())
