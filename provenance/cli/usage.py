"""Usage errors in one line: ``provenance check: error: MESSAGE (see 'provenance check --help')``.

argparse's own ``error`` prints the whole usage block (ten lines for ``check``) and, for an
unknown option after a subcommand, names the top-level program.  ``UsageParser`` (the class
of every parser and subparser of the CLI) writes one line naming the subcommand, with a
"did you mean" when a known option or choice is close, and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from provenance.suggest import did_you_mean


def usage_line(prog: str, message: str) -> str:
    """The one line a usage error prints."""
    message = " ".join(message.split())
    return f"{prog}: error: {message} (see '{prog} --help')\n"


class UsageParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, naming the (sub)command."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(usage_line(self.prog, message))
        raise SystemExit(2)

    def _long_options(self) -> list[str]:
        return sorted(o for o in self._option_string_actions if o.startswith("--"))

    def unrecognized(self, extras: Sequence[str]) -> NoReturn:
        """Error for arguments nobody consumed, with a suggestion for a mistyped option."""
        hints = []
        for arg in extras:
            if arg.startswith("--"):
                close = did_you_mean(arg.split("=", 1)[0], self._long_options(), fold=False)
                if close is not None:
                    hints.append(f"did you mean {close}?")
                    break
        message = f"unrecognized arguments: {' '.join(extras)}"
        self.error(message + (f" ({hints[0]})" if hints else ""))

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras and " " in self.prog:  # a subcommand: report what it did not consume, by its name
            self.unrecognized(extras)
        return parsed, extras

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            self.unrecognized(extras)
        return parsed

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            choices = [str(c) for c in action.choices]
            close = did_you_mean(str(value), choices, fold=False)
            message = f"invalid choice: {value!r} (choose from {', '.join(map(repr, choices))})"
            if close is not None:
                message += f"; did you mean {close!r}?"
            raise argparse.ArgumentError(action, message)
