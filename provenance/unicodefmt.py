"""Format characters (Unicode category Cf): invisible, yet able to hide a word from a matcher.

A zero-width space, soft hyphen or bidi isolate inside "K\\u200bCNA" shows as "KCNA" to a
reader but is not "KCNA" to the parser or the registry.  They are neutralised for matching
(``without_format``: the text the parser reads, with a map back to the file's offsets;
``strip_format`` for lookups) while every offset still points into the file.  Bidi
controls can also make a line display in another order than it is stored, so the HTML and
text reports show them escaped (``show_bidi``).

The set is Unicode's Cf category (a test compares it with ``unicodedata``), written out so
that importing this module costs nothing.
"""

from __future__ import annotations

import re

# Unicode 15 category Cf
_CF = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
FORMAT_RE = re.compile(f"[{_CF}]")
# Characters that change the display order of text (ALM, LRM, RLM, embeddings, overrides, isolates)
BIDI_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_format(text: str) -> str:
    """``text`` without format characters."""
    return text if text.isascii() else FORMAT_RE.sub("", text)


def without_format(text: str) -> tuple[str, list[int] | None]:
    """``text`` without format characters, and for each of its characters the offset it
    had in ``text`` (None when there was nothing to remove)."""
    if text.isascii() or FORMAT_RE.search(text) is None:
        return text, None
    kept = [i for i, ch in enumerate(text) if FORMAT_RE.match(ch) is None]
    return "".join(text[i] for i in kept), kept


def show_bidi(text: str) -> str:
    """Bidi controls written as visible ``[U+202E]`` marks (for reports people read)."""
    return text if text.isascii() else BIDI_RE.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)
