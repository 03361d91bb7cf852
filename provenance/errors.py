"""Errors that end a command with a clear one-line message and exit code 2."""

from __future__ import annotations


class UserError(Exception):
    """Bad input, usage or configuration: the CLI prints the message and exits 2."""

    exit_code = 2


class InputError(UserError):
    """An input file cannot be read or is not an article."""


class ConfigError(UserError):
    """A rule, registry or configuration file is invalid (message names file and line)."""


class ModelNotAvailable(UserError):
    """The requested stanza model is not installed (message tells how to get it)."""
