"""Options shared by every command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable


def add_common_options(parser: argparse.ArgumentParser, model: bool = True) -> None:
    if model:
        parser.add_argument(
            "--model",
            default="bundled",
            metavar="MODEL",
            help="'bundled' (default), 'stanza:en[:package]' for official stanza models in "
            "STANZA_RESOURCES_DIR, or a directory of stanza model files",
        )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")


def usage_handler(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """A handler for a command group called without its action: a one-line usage error
    naming the actions, exit 2."""

    def print_usage(args: argparse.Namespace) -> int:
        from provenance.cli.usage import usage_line

        actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        names = ", ".join(actions[0].choices) if actions else ""
        sys.stderr.write(usage_line(parser.prog, "an action is required" + (f": {names}" if names else "")))
        return 2

    return print_usage


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number of at least ``minimum`` (one-line usage error)."""
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
        if n < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {n}" if minimum
                                             else f"must be 0 or more, got {n}")
        return n
    return parse


positive_int = whole_number(1)
