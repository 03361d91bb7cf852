"""Text normalisation for cross-article matching: tokens, named entities, numbers, negation.

``features(text)`` turns a claim into what the matcher compares:

* ``tokens`` -- content words: lowercased, punctuation and quotation marks stripped,
  stopwords and reporting verbs dropped, possessives and plural ``-s`` removed, country
  adjectives mapped to the country ("Korean" -> "korea"), number words turned into digits
  ("two" -> "2", "twenty-five" -> "25", "1.5 million" -> "1500000");
* ``entities`` -- capitalised tokens (proper names, acronyms, days, months) in that
  normalised form.  A capitalised word that opens the text or a sentence or a quotation is
  only *possibly* a name ("Leading a delegation, ..."): it is kept in ``initial_caps`` and
  counted as an entity when the same word is seen capitalised mid-sentence somewhere in the
  batch, or never in lowercase (see ``resolve_entities``), or when it is an acronym or
  starts a run of names;
* ``numbers`` -- the numeric values, as canonical strings;
* ``negated`` -- whether a negation occurs ("not", "no", "never", "n't", "denied", ...).

Everything here is pure and deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from provenance.quotes import SENTENCE_OPENING_MARKS

STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are aren as at be because been before
    being below between both but by could couldn did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just let me more most my myself of off on once only or other ought our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    also s t ll ve re d m o y mr mrs ms dr may might must shall can
    said says say saying told tells reported reports reporting according added adding stated
    statement noted
    """.split()
)

NEGATIONS = frozenset(
    "not no never neither nor none nobody nothing nowhere cannot deny denies denied denying".split()
)

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_SCALES)

# country adjectives -> country names, so "Korean" and "Korea" are the same token
DEMONYMS = {
    "korean": "korea", "russian": "russia", "american": "america", "chinese": "china",
    "japanese": "japan", "iranian": "iran", "syrian": "syria", "ukrainian": "ukraine",
    "indian": "india", "israeli": "israel", "british": "britain", "french": "france",
    "german": "germany", "european": "europe", "cuban": "cuba", "iraqi": "iraq",
    "afghan": "afghanistan", "pakistani": "pakistan", "turkish": "turkey", "vietnamese": "vietnam",
    "taiwanese": "taiwan", "belarusian": "belarus", "palestinian": "palestine", "egyptian": "egypt",
    "lebanese": "lebanon", "venezuelan": "venezuela", "mexican": "mexico", "canadian": "canada",
    "australian": "australia", "italian": "italy", "spanish": "spain", "mongolian": "mongolia",
    "georgian": "georgia", "armenian": "armenia", "azerbaijani": "azerbaijan", "kazakh": "kazakhstan",
    "qatari": "qatar", "yemeni": "yemen", "libyan": "libya", "sudanese": "sudan", "nigerian": "nigeria",
    "ethiopian": "ethiopia", "kenyan": "kenya", "brazilian": "brazil", "argentine": "argentina",
    "filipino": "philippines", "indonesian": "indonesia", "malaysian": "malaysia", "thai": "thailand",
    "burmese": "myanmar", "laotian": "laos", "cambodian": "cambodia", "soviet": "ussr",
}

# numbers (1,000 / 3.5 / 2025), or words with an optional apostrophe part (Korea's, didn't)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*", re.UNICODE)
# what may precede a sentence-initial word (besides the start): sentence end, colon, opening quotes/brackets
_INITIAL_MARKS = frozenset(".!?:;([") | SENTENCE_OPENING_MARKS


@dataclass(frozen=True)
class Features:
    tokens: tuple[str, ...]  # content tokens in text order (duplicates kept)
    entities: frozenset[str]  # certain named-entity tokens
    initial_caps: frozenset[str]  # capitalised only at a sentence/quote opening: names or not
    lowercase: frozenset[str]  # content tokens written in lowercase (evidence of common words)
    numbers: frozenset[str]
    negated: bool

    @cached_property
    def key(self) -> str:
        """The string rapidfuzz compares: content tokens joined by spaces."""
        return " ".join(self.tokens)

    @cached_property
    def token_set(self) -> frozenset[str]:
        return frozenset(self.tokens)


def _fmt_number(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return repr(round(value, 6)).rstrip("0").rstrip(".")


def _digits(raw: str) -> float | None:
    """'1,000' -> 1000, '3.5' -> 3.5, '2025' -> 2025 (a comma before 3 digits groups thousands)."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


def stem(word: str) -> str:
    """Lowercase word -> matching form: country adjectives mapped, plural -s dropped."""
    if word in DEMONYMS:
        return DEMONYMS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
        return DEMONYMS.get(word, word)
    return word


@dataclass
class _Raw:
    text: str  # as written, without possessive / n't
    low: str
    initial: bool
    negation: bool
    joined: bool = False  # attached by a hyphen to the previous token ("Jong-un")


def _raw_tokens(text: str) -> list[_Raw]:
    out: list[_Raw] = []
    first = len(text) - len(text.lstrip())
    prev_end = -2
    for m in _TOKEN.finditer(text):
        word = m.group()
        k = m.start() - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        initial = k < first or text[k] in _INITIAL_MARKS
        neg = False
        low = word.lower().replace("\u2019", "'")
        if low.endswith("n't"):
            word, low, neg = word[:-3], {"ca": "can", "wo": "will", "sha": "shall"}.get(low[:-3], low[:-3]), True
        elif low.endswith("'s") or low.endswith("'"):
            word, low = word[: low.rindex("'")], low[: low.rindex("'")]
        if "'" in low:  # o'clock, d'Ivoire: keep as one token without the mark
            low = low.replace("'", "")
        if low:
            joined = prev_end == m.start() - 1 and text[prev_end] == "-"
            out.append(_Raw(word, low, initial, neg or low in NEGATIONS, joined))
        prev_end = m.end()
    return out


def features(text: str) -> Features:
    raws = _raw_tokens(text)
    tokens: list[str] = []
    entities: set[str] = set()
    initial_caps: set[str] = set()
    lowercase: set[str] = set()
    numbers: set[str] = set()
    negated = any(r.negation for r in raws)

    i = 0
    n = len(raws)
    prev_kind: set[str] | None = None  # where the previous word went: entities, initial_caps or None
    while i < n:
        r = raws[i]
        kind, prev_kind = prev_kind, None
        # a number: digits or number words, with scale words ("1.5 million", "two hundred")
        if r.low[0].isdigit() or r.low in NUMBER_WORDS:
            total = 0.0
            current = 0.0
            seen = False
            j = i
            while j < n:
                w = raws[j].low
                if w[0].isdigit():
                    v = _digits(w)
                    if v is None or (seen and current):
                        break
                    current += v
                elif w in _UNITS:
                    if seen and current and (current % 10 or _UNITS[w] >= 10) and current < 100:
                        break  # "two three" is two numbers
                    current += _UNITS[w]
                elif w in _SCALES:
                    if not seen:
                        break  # "hundreds", "a million" without a count: not a number here
                    current = (current or 1) * _SCALES[w]
                    if _SCALES[w] >= 1000:
                        total += current
                        current = 0.0
                elif w == "and" and seen and j + 1 < n and raws[j + 1].low in _UNITS:
                    pass  # "two hundred and five"
                else:
                    break
                seen = True
                j += 1
            if seen:
                value = _fmt_number(total + current)
                numbers.add(value)
                tokens.append(value)
                i = j
                continue
            # a scale word alone ("millions") falls through as a word
        low = r.low
        if low in NEGATIONS:
            tokens.append(low)
        elif r.negation:
            if low not in STOPWORDS:
                tokens.append(stem(low))
            tokens.append("not")
        elif low not in STOPWORDS and len(low) > 1:
            s = stem(low)
            tokens.append(s)
            if r.joined and kind is not None:
                kind.add(s)  # the rest of a hyphenated name: "Jong-un", "Yo-jong"
                prev_kind = kind
            elif not r.text[:1].isupper():
                lowercase.add(s)
            else:
                acronym = len(r.text) > 1 and r.text.isupper()
                next_cap = i + 1 < n and raws[i + 1].text[:1].isupper() and not raws[i + 1].initial
                prev_kind = entities if not r.initial or acronym or next_cap else initial_caps
                prev_kind.add(s)
        i += 1
    return Features(tuple(tokens), frozenset(entities), frozenset(initial_caps - entities), frozenset(lowercase),
                    frozenset(numbers), negated)


def resolve_entities(f: Features, known_names: frozenset[str] | set[str], common_words: frozenset[str] | set[str]) -> frozenset[str]:
    """The entities of ``f``: the certain ones plus the sentence-initial capitalised words that
    are known names (seen capitalised mid-sentence elsewhere) or never seen in lowercase
    (``common_words``: the batch's lowercase content words)."""
    return f.entities | frozenset(w for w in f.initial_caps if w in known_names or w not in common_words)


def conflict(a_only: set[str] | frozenset[str], b_only: set[str] | frozenset[str]) -> bool:
    """Disagreement: each side has something the other lacks (one side elaborating is fine)."""
    return bool(a_only) and bool(b_only)
