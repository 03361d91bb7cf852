"""Options shared by every command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

CONFIG_HELP = "configuration file (default: the closest provenance.toml or [tool.provenance] in pyproject.toml)"


def add_command(subparsers: argparse._SubParsersAction, name: str, summary: str,  # type: ignore[type-arg]
                doc: str | None = None) -> argparse.ArgumentParser:
    """A command's parser: ``summary`` is its line in ``provenance --help``; the first paragraph
    of ``doc`` (the command module's docstring) heads its own ``--help`` (default: the summary)."""
    description = " ".join(doc.split("\n\n")[0].split()) if doc else summary
    return subparsers.add_parser(name, help=summary, description=description)  # type: ignore[no-any-return]


def require_extra(command: str, extra: str, *modules: str) -> None:
    """Import the optional packages ``command`` needs; a missing one is a one-line error naming
    the extra that installs it (exit 2)."""
    import importlib

    from provenance.errors import UserError

    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise UserError(f"provenance {command} needs the {extra} extra ({exc.name or module} is missing): "
                            f"pip install 'provenance[{extra}]' (or run scripts/setup.sh)") from None


def add_policy_options(parser: argparse.ArgumentParser) -> None:
    """``--rules DIR`` (repeatable) and ``--config FILE``, as every command that applies the rules reads them."""
    parser.add_argument("--rules", type=Path, action="append", default=None, metavar="DIR",
                        help="extra rule directory (repeatable); a rule replaces the default of the same code")
    parser.add_argument("--config", type=Path, metavar="FILE", help=CONFIG_HELP)


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
