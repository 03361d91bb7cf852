"""Repairs of sentence splits that cut an attribution in two (a stanza tokenize postprocessor).

The bundled tokenizer ends sentences too eagerly in three places that matter for attribution:

* after a title abbreviation: ``“…,” Rep. | Gwen Moore said.`` (the title, often split into
  ``Rep`` + ``.``, ends a "sentence" and the speaker starts the next one);
* after a quotation closed by a comma, or by ``?``/``!`` when a lower-case cue clause
  follows: ``“We are lost,” | Trump said.`` / ``“Why?” | he asked.``;
* inside a three-part name whose last syllable is short: ``Kim Jong | Un said ...``.

``join_split_sentences`` joins such sentences again, and glues a title split from its full
stop (``Rep`` + ``.``) back into one token.  It also splits a word + ``'s`` that the
tokenizer or the expander left whole (``Trump’s`` -> ``Trump`` + ``’s``, ``agency’s`` ->
``agency`` + ``’s``, as the training data has it; not ``it’s``, ``there’s``), so
the owner is a word of its own ("Trump’s claim that …").  It only joins sentences and
words that are adjacent in the text, so stanza can map every token back to its
characters; when it cannot, the parser re-parses the passage without the repair (see
``provenance/nlp/parser.py``).  It runs with official stanza models too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Union

from provenance.quotes import CLOSE, CLOSING_TOKENS, STRAIGHT

# Titles written before a name and abbreviated with a full stop.
TITLE_ABBREVIATIONS = frozenset({
    "Adm", "Amb", "Capt", "Cmdr", "Col", "Cpl", "Dr", "Gen", "Gov", "Govs", "Hon", "Lt", "Maj",
    "Mr", "Mrs", "Ms", "Messrs", "Pres", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt",
    "Sr", "Supt",
})
# English words of up to three letters that may open a sentence ("In", "So", "Now"): never
# taken for the last syllable of a name ("Kim Jong Un")
SHORT_WORDS = frozenset("""
a an as at be by do go he hi i if in is it me my no of oh ok on or so to up us we
ago all and any are but can did few for get got had has her him his how its let may
new nor not now off old one our out own per put say see set she six ten the too two
was way who why yes yet you
""".split())
_POSSESSIVE = re.compile(r"^[^\W\d_][\w.-]*[^\W_][\u2019']s$")
_BE_CONTRACTIONS = frozenset(form for w in (
    "it", "that", "he", "she", "what", "there", "here", "who", "where", "how", "let", "this", "when", "why",
    "everything", "nothing", "something", "everybody", "nobody", "somebody")
    for form in (w + "\u2019s", w + "'s"))
COMMA_QUOTE_ENDS = frozenset({",", "," + CLOSE, "," + STRAIGHT})

# stanza's postprocessor format: a token is a string, or (string, is_mwt)
Token = Union[str, tuple[str, bool]]


def _text(token: Token) -> str:
    return token if isinstance(token, str) else token[0]


def _ends_in_title(sent: Sequence[Token]) -> bool:
    last = _text(sent[-1])
    if last.endswith(".") and last[:-1] in TITLE_ABBREVIATIONS:
        return True
    return last == "." and len(sent) >= 2 and _text(sent[-2]) in TITLE_ABBREVIATIONS


def _ends_in_open_quotation(sent: Sequence[Token], nxt: Sequence[Token]) -> bool:
    """A quotation closed by a comma (``,”``), or by ``?``/``!`` before a lower-case word."""
    words = [_text(t) for t in sent[-2:]]
    if words[-1] in ("," + CLOSE, "," + STRAIGHT):  # comma and mark as one token
        return True
    if words[-1] not in CLOSING_TOKENS or len(words) < 2:
        return False
    if words[-2] in COMMA_QUOTE_ENDS:
        return True
    return words[-2] in ("?", "!") and bool(nxt) and _text(nxt[0])[:1].islower()


def _splits_a_name(sent: Sequence[Token], nxt: Sequence[Token]) -> bool:
    """``Kim Jong | Un said ...``, ``Premier Pak Pong | Ju visited ...``: a sentence that ends
    in two capitalised words with no full stop, before one that opens with a short capitalised
    word that is not an English word: the last syllable of a name."""
    if len(sent) < 2 or not nxt:
        return False
    last, first = [_text(t) for t in sent[-2:]], _text(nxt[0])
    return (all(w[:1].isupper() and w.isalpha() for w in last) and first.isalpha() and len(first) <= 3
            and first[:1].isupper() and first[1:].islower() and first.lower() not in SHORT_WORDS)


def join_split_sentences(sentences: list[list[Token]]) -> list[list[Token]]:
    """stanza ``tokenize_postprocessor``: join the sentence splits described above."""
    out: list[list[Token]] = []
    for sent in sentences:
        if not sent:
            continue
        if out and (_ends_in_title(out[-1]) or _ends_in_open_quotation(out[-1], sent)
                    or _splits_a_name(out[-1], sent)):
            out[-1].extend(sent)
        else:
            out.append(list(sent))
    return [_split_possessives(_glue_titles(sent)) for sent in out]


def _split_possessives(sent: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in sent:
        text = _text(token)
        # a multi-word token the expander may leave whole: a name it does not know, and common
        # nouns too ("agency's", "ministry's", "party's" came back as one plural noun)
        flagged = not isinstance(token, str) and text.lower() not in _BE_CONTRACTIONS
        if _POSSESSIVE.match(text) and (isinstance(token, str) or flagged):
            out.extend([text[:-2], text[-2:]])
        else:
            out.append(token)
    return out


def _glue_titles(sent: list[Token]) -> list[Token]:
    """``Rep`` + ``.`` before a capitalised word -> ``Rep.`` (one token, as in the training data)."""
    glued: list[Token] = []
    for i, token in enumerate(sent):
        nxt = _text(sent[i + 1]) if i + 1 < len(sent) else ""
        if (token == "." and glued and isinstance(glued[-1], str) and glued[-1] in TITLE_ABBREVIATIONS
                and nxt[:1].isupper()):
            glued[-1] = glued[-1] + "."
        else:
            glued.append(token)
    return glued


class SentenceRepair:
    """The postprocessor handed to stanza; ``disabled()`` turns it off for one retry."""

    def __init__(self) -> None:
        self.enabled = True

    def __call__(self, sentences: list[list[Token]]) -> list[list[Token]]:
        return join_split_sentences(sentences) if self.enabled else sentences

    @contextmanager
    def disabled(self) -> Iterator[None]:
        self.enabled = False
        try:
            yield
        finally:
            self.enabled = True


REPAIR = SentenceRepair()
