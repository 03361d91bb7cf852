"""Quotation marks and paragraphs, computed from the article text (never crashing).

Straight double quotes (``"``) pair in order of appearance; curly quotes pair ``“`` with
``”``.  News style lets a quotation run across paragraphs: the paragraph ends with no
closing mark and the next one opens again with an opening mark.  Such a paragraph is
"continued", not unbalanced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STRAIGHT = '"'
OPEN = "\u201c"  # “
CLOSE = "\u201d"  # ”
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


_QUOTE_MARK = re.compile("[" + re.escape(STRAIGHT + OPEN + CLOSE) + "]")


def balance(text: str, start: int, end: int) -> QuoteBalance:
    """Pair the quotation marks of ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    straight_open: int | None = None
    curly_open: int | None = None
    stray: int | None = None
    counts = {STRAIGHT: 0, OPEN: 0, CLOSE: 0}
    for m in _QUOTE_MARK.finditer(text, start, min(end, len(text))):  # only the marks, not every character
        i, ch = m.start(), m.group()
        counts[ch] += 1
        if ch == STRAIGHT:
            if straight_open is None:
                straight_open = i
            else:
                spans.append((straight_open, i + 1))
                straight_open = None
        elif ch == OPEN:
            if curly_open is not None and stray is None:
                stray = curly_open  # “ … “ : the first one was never closed
            curly_open = i
        else:  # closing curly
            if curly_open is None:
                if stray is None:
                    stray = i
            else:
                spans.append((curly_open, i + 1))
                curly_open = None
    opens = [o for o in (straight_open, curly_open) if o is not None]
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
    return stripped[:1] in (STRAIGHT, OPEN)


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


# Quotation characters as the extraction reads them on tokens (see the pairing rules above
# for the text itself).
QUOTE_CHARS_SET = frozenset("\"“”‘’'«»")  # a token made only of these opens a headline's speaker colon
CLOSING_QUOTE_TOKENS = frozenset({"”", '"', "''", "’"})  # tokens that close a quotation before a cue


def quote_balance(piece: str) -> int:
    """+1 when a sentence leaves a quotation open, -1 when it closes one opened before, else 0."""
    straight = piece.count(STRAIGHT) % 2
    curly = piece.count(OPEN) - piece.count(CLOSE)
    if curly > 0 or (straight and piece.lstrip().startswith(STRAIGHT)):
        return 1
    if curly < 0 or straight:
        return -1
    return 0
