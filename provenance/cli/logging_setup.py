"""loguru to stderr; -v/-vv raise the level, -q lowers it."""

from __future__ import annotations

import sys

from loguru import logger


def configure_logging(verbose: int = 0, quiet: bool = False) -> None:
    level = "ERROR" if quiet else {0: "WARNING", 1: "INFO"}.get(verbose, "DEBUG")
    logger.remove()
    logger.add(sys.stderr, level=level, format="<level>{level: <7}</level> {message}", colorize=None)
