"""Quotation marks and paragraphs, computed from the article text (never crashing).

The one place that knows quotation characters: every stage that reads quotations imports its
marks from here.  Straight double quotes (``"``) pair in order of appearance; curly quotes pair
``“`` with ``”`` and guillemets ``«`` with ``»``.  News style lets a quotation run across paragraphs: the paragraph ends with no
closing mark and the next one opens again with an opening mark.  Such a paragraph is
"continued", not unbalanced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STRAIGHT = '"'
OPEN = "\u201c"  # “
CLOSE = "\u201d"  # ”
GUILLEMET_OPEN = "\u00ab"  # «
GUILLEMET_CLOSE = "\u00bb"  # »
SINGLE_OPEN = "\u2018"  # ‘
SINGLE_CLOSE = "\u2019"  # ’ (also the typographic apostrophe)
APOSTROPHE = "'"
PAIRED = {OPEN: CLOSE, GUILLEMET_OPEN: GUILLEMET_CLOSE}  # opening mark -> its closing mark
OPENING_MARKS = STRAIGHT + OPEN + GUILLEMET_OPEN  # marks that open a double quotation
CLOSING_MARKS = STRAIGHT + CLOSE + GUILLEMET_CLOSE  # marks that close one
DOUBLE_MARKS = STRAIGHT + OPEN + CLOSE + GUILLEMET_OPEN + GUILLEMET_CLOSE
SINGLE_MARKS = SINGLE_OPEN + SINGLE_CLOSE + APOSTROPHE
# the tokenizer's closing-quotation tokens: closing marks, single closers, PTB's ''
CLOSING_TOKENS = frozenset(CLOSING_MARKS) | {SINGLE_CLOSE, APOSTROPHE, "''"}
LOW_OPEN = "\u201e"  # „ (German, Russian, Polish copy), closed by “ or ”
LOW_SINGLE_OPEN = "\u201a"  # ‚
REVERSED_OPEN = "\u201f"  # ‟
SINGLE_GUILLEMET_OPEN = "\u2039"  # ‹
SINGLE_GUILLEMET_CLOSE = "\u203a"  # ›
# every quotation-like character a name may be wrapped in ("„Pravda“", `Izvestia´)
QUOTE_LIKE = DOUBLE_MARKS + SINGLE_MARKS + LOW_OPEN + LOW_SINGLE_OPEN + "`\u00b4"
# quotation fidelity (corroborate/fidelity.py) compares quotations in every language's marks:
# opening mark -> the closing marks it pairs with
FIDELITY_DOUBLE = {STRAIGHT: STRAIGHT, OPEN: CLOSE, LOW_OPEN: OPEN + CLOSE, GUILLEMET_OPEN: GUILLEMET_CLOSE,
                   REVERSED_OPEN: CLOSE}
FIDELITY_SINGLE = {APOSTROPHE: APOSTROPHE, SINGLE_OPEN: SINGLE_CLOSE, LOW_SINGLE_OPEN: SINGLE_OPEN + SINGLE_CLOSE,
                   SINGLE_GUILLEMET_OPEN: SINGLE_GUILLEMET_CLOSE}
# double marks removed before two quotations are compared
FIDELITY_DROPPED = frozenset(DOUBLE_MARKS + LOW_OPEN + REVERSED_OPEN + SINGLE_GUILLEMET_OPEN + SINGLE_GUILLEMET_CLOSE)
# marks that may stand right before a sentence's first word
SENTENCE_OPENING_MARKS = frozenset(STRAIGHT + OPEN + SINGLE_OPEN + GUILLEMET_OPEN + LOW_OPEN)
# marks that may follow a sentence's final punctuation
SENTENCE_CLOSING_MARKS = STRAIGHT + APOSTROPHE + CLOSE + SINGLE_CLOSE
_BLOCK = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", re.S)
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


@dataclass(frozen=True)
class Block:
    start: int
    end: int


@dataclass(frozen=True)
class QuoteBalance:
    """How a paragraph's quotation marks pair up."""

    spans: tuple[tuple[int, int], ...]  # paired quotations, marks included (absolute offsets)
    open_at_end: int | None  # offset of a quotation left open at the paragraph's end
    stray: int | None  # offset of the first mark that cannot pair (a closing with no opening)
    straight: int
    opening: int
    closing: int

    @property
    def balanced(self) -> bool:
        return self.open_at_end is None and self.stray is None


def text_blocks(text: str) -> list[Block]:
    """Non-blank blocks of ``text`` separated by blank lines."""
    return [Block(m.start(), m.end()) for m in _BLOCK.finditer(text)]


def paragraphs(article: object) -> list[Block]:
    """The article's paragraphs (its title first), or blank-line blocks of its text."""
    text = getattr(article, "text", "") or ""
    blocks = [Block(p.start, p.end) for p in (getattr(article, "paragraphs", None) or [])]
    if not blocks:
        blocks = text_blocks(text)
    title = getattr(article, "title", None)
    if title is not None and not any(b.start <= title.start < b.end for b in blocks):
        blocks.append(Block(title.start, title.end))
    n = len(text)
    blocks = [Block(min(b.start, n), min(max(b.end, b.start), n)) for b in blocks]
    return sorted(set(b for b in blocks if b.end > b.start), key=lambda b: (b.start, b.end))


_QUOTE_MARK = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")
_CLOSER_OF_OPEN = {v: k for k, v in PAIRED.items()}


def opens_as_close(text: str, i: int) -> bool:
    """A closing mark ``”`` set where a quotation opens: at the start of the text or after a
    space or a bracket, right before a letter or digit ('”The pumps were old,” a miner said':
    copy typed with the closing mark at both ends)."""
    return text[i] == CLOSE and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([") \
        and i + 1 < len(text) and text[i + 1].isalnum()


def balance(text: str, start: int, end: int) -> QuoteBalance:
    """Pair the quotation marks of ``text[start:end]`` (a ``”`` set where a quotation opens,
    with none open, opens one: ``opens_as_close``)."""
    spans: list[tuple[int, int]] = []
    straight_open: int | None = None
    paired_open: dict[str, int | None] = {o: None for o in PAIRED}
    stray: int | None = None
    counts = {STRAIGHT: 0, OPEN: 0, CLOSE: 0}
    for m in _QUOTE_MARK.finditer(text, start, min(end, len(text))):  # only the marks, not every character
        i, ch = m.start(), m.group()
        kind = ch if ch in counts else (OPEN if ch in PAIRED else CLOSE)  # guillemets count as curly
        counts[kind] += 1
        if ch == STRAIGHT:
            if straight_open is None:
                straight_open = i
            else:
                spans.append((straight_open, i + 1))
                straight_open = None
        elif ch in PAIRED or (ch == CLOSE and paired_open[OPEN] is None and opens_as_close(text, i)):
            ch = OPEN if ch == CLOSE else ch
            if paired_open[ch] is not None and stray is None:
                stray = paired_open[ch]  # “ … “ : the first one was never closed
            paired_open[ch] = i
        else:  # a closing mark
            opener = _CLOSER_OF_OPEN[ch]
            if paired_open[opener] is None:
                if stray is None:
                    stray = i
            else:
                spans.append((paired_open[opener], i + 1))  # type: ignore[arg-type]
                paired_open[opener] = None
    opens = [o for o in (straight_open, *paired_open.values()) if o is not None]
    return QuoteBalance(
        spans=tuple(sorted(spans)),
        open_at_end=min(opens) if opens else None,
        stray=stray,
        straight=counts[STRAIGHT],
        opening=counts[OPEN],
        closing=counts[CLOSE],
    )


def opens_with_quote(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return stripped[:1] in (STRAIGHT, OPEN, GUILLEMET_OPEN)


def quote_spans(text: str, blocks: list[Block]) -> list[tuple[int, int]]:
    """Every quotation in the text: paired marks per paragraph, plus quotations continued
    to the end of a paragraph whose successor opens with a quotation mark.  Paragraphs
    whose marks do not pair contribute nothing (we refuse to guess)."""
    out: list[tuple[int, int]] = []
    for k, block in enumerate(blocks):
        bal = balance(text, block.start, block.end)
        if bal.stray is not None:
            continue
        if bal.open_at_end is not None:
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            if nxt is None or not opens_with_quote(text, nxt.start, nxt.end):
                continue
            out.append((bal.open_at_end, block.end))
        out.extend(bal.spans)
    return sorted(out)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def covered(start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """How many characters of ``[start, end)`` lie inside ``spans``."""
    return sum(max(0, min(end, e) - max(start, s)) for s, e in spans)




def quote_balance(piece: str) -> int:
    """+1 when a sentence leaves a quotation open, -1 when it closes one opened before, else 0."""
    straight = piece.count(STRAIGHT) % 2
    misused = sum(1 for i in range(len(piece)) if piece[i] == CLOSE and opens_as_close(piece, i))
    curly = sum(piece.count(o) - piece.count(c) for o, c in PAIRED.items()) + 2 * misused
    if curly > 0 or (straight and piece.lstrip().startswith(STRAIGHT)):
        return 1
    if curly < 0 or straight:
        return -1
    return 0


# a quoted phrase in a headline, in straight, curly or single marks: 'rehearsal for invasion'
_HEADLINE_QUOTE = re.compile(r"""(?:^|(?<=[\s(:]))['‘"“]([^'‘’"“”]{4,}?)['’"”](?=$|[\s,.;:!?)])""")


def headline_quotations(headline: str) -> list[str]:
    """The quoted phrases of a headline ("Strikes hit unit 'that housed militia'"), single
    marks included (a headline's usual marks), apostrophes inside words left alone."""
    return [" ".join(m.group(1).split()) for m in _HEADLINE_QUOTE.finditer(headline)]


def quotation_states(pieces: list[str], new_paragraph: list[bool]) -> list[tuple[bool, bool]]:
    """For consecutive sentences, whether a double quotation is open where each starts and
    whether one opens in it (``(open_at_start, opens_here)``), read mark by mark: a straight
    mark opens when none is open and closes when one is; a paragraph that does not open
    with a mark ends a quotation left open (news style reopens a quotation that runs on to
    the next paragraph with a mark of its own)."""
    out: list[tuple[bool, bool]] = []
    depth = 0
    for piece, fresh in zip(pieces, new_paragraph):
        stripped = piece.lstrip()
        if fresh and depth and stripped[:1] in OPENING_MARKS:
            stripped = stripped[1:]  # the mark that reopens the running quotation
        elif fresh:
            depth = 0
        start, opened = depth > 0, False
        for i, ch in enumerate(stripped):
            if ch in PAIRED or ch == LOW_OPEN or (ch == STRAIGHT and depth == 0) \
                    or (ch == CLOSE and depth == 0 and opens_as_close(stripped, i)):
                depth += 1
                opened = True
            elif ch in (CLOSE, GUILLEMET_CLOSE, STRAIGHT) and depth > 0:
                depth -= 1
        out.append((start, opened))
    return out
