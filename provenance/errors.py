"""Errors that end a command with a clear one-line message and exit code 2."""

from __future__ import annotations

import re


class UserError(Exception):
    """Bad input, usage or configuration: the CLI prints the message and exits 2."""

    exit_code = 2


class InputError(UserError):
    """An input file cannot be read or is not an article."""


class ConfigError(UserError):
    """A rule, registry or configuration file is invalid (message names file and line)."""


class ModelNotAvailable(UserError):
    """The requested stanza model is not installed (message tells how to get it)."""


# C0 and C1 controls, DEL, and the lone surrogates that stand for a file name's undecodable bytes
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with control characters (and a file name's undecodable bytes) written as
    ``\\n``, ``\\x1b``, ``\\xff``...: one line, nothing a terminal or a CI log interprets.
    Characters in ``keep`` are left as they are."""
    if keep:
        return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _CONTROL.sub(_escape, text)


def display_name(name: str) -> str:
    """A file name as text that can be written anywhere: the bytes of a non-UTF-8 name
    (``bad\\xffname.txt``, held as lone surrogates) shown as ``\\xff``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
