"""Command-line entry point: parses arguments and hands each subcommand to its module.

Subcommand modules (``provenance/cli/cmd_*.py``) each expose ``register(subparsers)``;
they import heavy libraries (stanza, torch) only inside their handlers so that
``provenance --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from provenance import __version__
from provenance.cli.logging_setup import configure_logging
from provenance.errors import UserError

COMMAND_MODULES = ("check", "parse", "model", "sources", "rule", "baseline", "config", "corroborate")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    configure_logging(getattr(args, "verbose", 0), getattr(args, "quiet", False))
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        sys.stderr.write(f"provenance: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("provenance: interrupted\n")
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
