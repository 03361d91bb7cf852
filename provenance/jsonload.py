"""Reading JSON that comes from outside (reports, baselines) with limits: a bounded
nesting depth and integers of at most ``MAX_INT_DIGITS`` digits, so that a hostile file
(a 100,000-deep array, a 5,001-digit number) is a one-line error, never a traceback."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["MAX_DEPTH", "MAX_INT_DIGITS", "JSONLimitError", "loads"]

MAX_DEPTH = 64  # a report nests about 8 levels deep; a baseline 3
MAX_INT_DIGITS = 100


class JSONLimitError(ValueError):
    """Not JSON, or over a limit; ``lineno`` is the line (0: unknown)."""

    def __init__(self, msg: str, lineno: int = 0) -> None:
        super().__init__(msg)
        self.msg = msg
        self.lineno = lineno


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise JSONLimitError(f"a number of {digits} digits (the limit is {MAX_INT_DIGITS})")
    return int(text)


def _check_depth(data: Any) -> None:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_DEPTH:
            raise JSONLimitError(f"nested more than {MAX_DEPTH} levels deep")
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))


def loads(text: str) -> Any:
    """``json.loads`` with the limits; JSONLimitError (a ValueError) when the text is not
    JSON or goes over one."""
    try:
        data = json.loads(text, parse_int=_int)
    except JSONLimitError:
        raise
    except json.JSONDecodeError as exc:
        raise JSONLimitError(exc.msg, exc.lineno) from None
    except RecursionError:
        raise JSONLimitError(f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:  # e.g. a float out of range
        raise JSONLimitError(str(exc).splitlines()[0] if str(exc) else "invalid value") from None
    _check_depth(data)
    return data
