"""Text normalisation for registry matching.

Two keys are computed for every alias and every query:

``surface_key``
    Case and diacritics kept; format characters (Unicode Cf) dropped; outer quotes and punctuation, a trailing possessive
    ("KCNA's", "Reuters'") and a leading "the" removed, whitespace collapsed. Aliases that
    must match case-sensitively (acronyms such as RT, AP, SANA; aliases that are ordinary
    words such as "The Paper") are only ever compared on this key.

``norm_key``
    ``surface_key`` folded further: Unicode compatibility form, diacritics dropped,
    casefolded, apostrophes removed, any other punctuation turned into a space.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from provenance.quotes import QUOTE_LIKE
from provenance.unicodefmt import strip_format

# surface_key and norm_key are pure and called several times per registry lookup, on the
# same few thousand names: memoised (bounded).
KEY_CACHE_SIZE = 65536

_OUTER = QUOTE_LIKE + " \t\r\n.,;:!?()[]{}*_"
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_APOSTROPHES = re.compile(r"['’‘`´ʼʻ]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


# ASCII fast path for norm_key: apostrophes vanish, other punctuation becomes a space.
_ASCII_TABLE = {c: " " for c in range(128) if not chr(c).isalnum()}
_ASCII_TABLE.update({ord("'"): None, ord("`"): None})


# Latin letters that Unicode does not decompose into base letter + mark.
_LATIN_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "ı": "i",
                              "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th"})


def fold_diacritics(text: str) -> str:
    """'Chosŏn' -> 'Choson', 'Agência' -> 'Agencia', 'Łódzki' -> 'Lodzki' (other scripts kept)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=KEY_CACHE_SIZE)
def surface_key(text: str) -> str:
    """Light normalisation that keeps case: strip quotes, possessive and a leading 'the';
    format characters (a zero-width space in "K\u200bCNA") are dropped."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", strip_format(text))
    s = " ".join(text.split()).strip(_OUTER)
    if "'" in s or "’" in s:
        s = _POSSESSIVE.sub("", s).strip(_OUTER)
    if s[:4].lower() == "the " and len(s) > 4:  # "The" alone stays "The"
        s = s[4:].lstrip()
    return s


@functools.lru_cache(maxsize=KEY_CACHE_SIZE)
def norm_key(text: str) -> str:
    """Full normalisation: case, punctuation, possessive, leading 'the', diacritics."""
    s = surface_key(text)
    if s.isascii():
        return " ".join(s.lower().translate(_ASCII_TABLE).split())
    s = fold_diacritics(s).casefold()
    s = _APOSTROPHES.sub("", s)
    s = _NON_WORD.sub(" ", s).replace("_", " ")
    return " ".join(s.split())


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
