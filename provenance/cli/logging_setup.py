"""loguru to stderr; -v/-vv raise the level, -q lowers it.  Control characters in a
message (a file name with a newline or ESC) are written as visible escapes: one log
record, one line, nothing a terminal or a CI log interprets."""

from __future__ import annotations

import sys

from loguru import logger

from provenance.errors import escape_controls


def _escape(record) -> None:  # type: ignore[no-untyped-def]  # a loguru patcher
    record["message"] = escape_controls(record["message"])


def configure_logging(verbose: int = 0, quiet: bool = False) -> None:
    level = "ERROR" if quiet else {0: "WARNING", 1: "INFO"}.get(verbose, "DEBUG")
    logger.remove()
    logger.configure(patcher=_escape)
    logger.add(sys.stderr, level=level, format="<level>{level: <7}</level> {message}", colorize=None)
