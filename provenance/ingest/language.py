"""A cheap check that the body reads as English (the cue lexicon and models are English)."""

from __future__ import annotations

import re

# Common English function words; in English news prose they are about 35-45% of words.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on with as was by it at from be has have had are were "
    "said says an its their his her this not but which who will would also after been he she "
    "they we or more than about over when there into".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
MIN_WORDS = 30


def non_english_warning(body: str) -> str | None:
    """A warning when ``body`` does not look like English prose; None when it does (or is short)."""
    words = _WORD.findall(body)
    if len(words) < MIN_WORDS:
        return None
    letters = "".join(words)
    ascii_share = len(_NON_ASCII.sub("", letters)) / len(letters)
    function_share = sum(1 for w in words if w.lower() in ENGLISH_FUNCTION_WORDS) / len(words)
    if ascii_share < 0.8 or function_share < 0.15:
        return (
            f"text looks non-English ({function_share:.0%} common English words, "
            f"{ascii_share:.0%} ASCII letters); attribution cues may be missed"
        )
    return None
