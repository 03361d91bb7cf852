"""Text normalisation for registry matching.

Two keys are computed for every alias and every query:

``surface_key``
    Case and diacritics kept; outer quotes and punctuation, a trailing possessive
    ("KCNA's", "Reuters'") and a leading "the" removed, whitespace collapsed. Aliases that
    must match case-sensitively (acronyms such as RT, AP, SANA; aliases that are ordinary
    words such as "The Paper") are only ever compared on this key.

``norm_key``
    ``surface_key`` folded further: Unicode compatibility form, diacritics dropped,
    casefolded, apostrophes removed, any other punctuation turned into a space.
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_QUOTES = "\"'“”‘’«»„‚`´"
_OUTER = _QUOTES + " \t\r\n.,;:!?()[]{}*_"
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['’‘`´ʼʻ]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def fold_diacritics(text: str) -> str:
    """'Chosŏn' -> 'Choson', 'Agência' -> 'Agencia' (letters of other scripts kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def surface_key(text: str) -> str:
    """Light normalisation that keeps case: strip quotes, possessive and a leading 'the'."""
    s = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip(_OUTER)
    s = _POSSESSIVE.sub("", s).strip(_OUTER)
    stripped = _LEADING_THE.sub("", s)
    if stripped:  # "The" alone stays "The"
        s = stripped
    return s


def norm_key(text: str) -> str:
    """Full normalisation: case, punctuation, possessive, leading 'the', diacritics."""
    s = fold_diacritics(surface_key(text)).casefold()
    s = _APOSTROPHES.sub("", s)
    s = _NON_WORD.sub(" ", s).replace("_", " ")
    return _WS.sub(" ", s).strip()


def tokens(text: str) -> list[str]:
    """Tokens of an already normalised key."""
    return text.split()


def is_acronym(alias: str) -> bool:
    """True for forms like KCNA, RT, AP, SANA, ITAR-TASS, BelTA, CCTV+, RFE/RL.

    A single token (no space) whose letters are mostly capitals: at least two capitals and
    no more than two lower-case letters. Such aliases are matched case-sensitively only.
    """
    s = surface_key(alias)
    if " " in s:
        return False
    letters = _LETTERS.findall(s)
    if len(letters) < 2:
        return bool(letters) and letters[0].isupper()
    upper = sum(1 for ch in letters if ch.isupper())
    lower = sum(1 for ch in letters if ch.islower())
    return upper >= 2 and lower <= 2 and upper > lower


def slug(text: str) -> str:
    """ASCII snake_case identifier fragment: 'People's Daily (Renmin Ribao)' -> 'peoples_daily_renmin_ribao'."""
    s = fold_diacritics(text).casefold()
    s = _APOSTROPHES.sub("", s)
    s = re.sub(r"[^a-z0-9]+", "_", s)
    return s.strip("_")
