"""Did you mean: the known word closest to a mistyped one (options, rule codes, config keys)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence


def did_you_mean(word: str, candidates: Sequence[str], *, fold: bool = True) -> str | None:
    """The candidate closest to ``word`` (case-insensitive with ``fold``), or None."""
    if fold:
        by_key = {c.casefold(): c for c in candidates}
        match = difflib.get_close_matches(word.casefold(), list(by_key), n=1, cutoff=0.6)
        return by_key[match[0]] if match else None
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return match[0] if match else None
