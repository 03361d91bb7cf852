"""Spans over a parsed sentence: subtrees, trimming, quotation regions."""

from __future__ import annotations

import re

from provenance.nlp.doc import Sentence, Word
from provenance.quotes import DOUBLE_MARKS, GUILLEMET_CLOSE, GUILLEMET_OPEN, OPEN, CLOSE, PAIRED, STRAIGHT
from provenance.report import TextSpan

EDGE_PUNCT = {",", ".", ";", ":", "-", "–", "—", "--", "(", ")", "!", "?", "…"}
_FIRST_QUOTE_RE = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")
# a quotation: an opening mark, anything but its closing mark, and the closing mark if present
_QUOTE_RE = re.compile("|".join(f"{re.escape(o)}[^{re.escape(c)}]*{re.escape(c)}?"
                                for o, c in [(OPEN, CLOSE), (STRAIGHT, STRAIGHT), (GUILLEMET_OPEN, GUILLEMET_CLOSE)]))


def span_from_offsets(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(text=text[start:end], start=start, end=end)


def words_span(text: str, sent: Sentence, ids: set[int], keep_quotes: bool = True) -> TextSpan | None:
    """The character span covering the given words, trimmed of punctuation at the edges.

    Quotation marks at the edges are kept (PolNeAR-style content keeps them) unless
    ``keep_quotes`` is False.
    """
    words = sorted((sent.word(i) for i in ids), key=lambda w: (w.start, w.id))
    while words and _is_edge_punct(words[0], keep_quotes, leading=True):
        words.pop(0)
    while words and _is_edge_punct(words[-1], keep_quotes, leading=False):
        if words[-1].text == ")" and text[words[0].start : words[-1].start].count("(") > text[words[0].start : words[-1].start].count(")"):
            break
        words.pop()
    if not words:
        return None
    start, end = words[0].start, max(w.end for w in words)
    if keep_quotes:
        start, end = balance_quotes(text, start, end, sent.start, sent.end)
    return span_from_offsets(text, start, end)


def balance_quotes(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Extend a span that opens (or closes) a quotation to its other quotation mark."""
    piece = text[start:end]
    if piece.count(STRAIGHT) % 2 == 1:
        last = piece.rfind(STRAIGHT)
        if piece.startswith(STRAIGHT) or piece[last + 1 :].strip():
            k = text.find(STRAIGHT, end, hi)
            if k >= 0 and not text[end:k].strip(" ,.;:!?…"):
                end = k + 1
        elif piece.endswith(STRAIGHT):
            k = text.rfind(STRAIGHT, lo, start)
            if k >= 0 and not text[k + 1 : start].strip():
                start = k
    for o, c in PAIRED.items():
        if piece.count(o) > piece.count(c) and piece.startswith(o):
            k = text.find(c, end, hi)
            if k >= 0 and not text[end:k].strip(" ,.;:!?…"):
                end = k + 1
        elif piece.count(c) > piece.count(o) and piece.endswith(c):
            k = text.rfind(o, lo, start)
            if k >= 0 and not text[k + 1 : start].strip():
                start = k
    return start, end


def _is_edge_punct(w: Word, keep_quotes: bool, leading: bool) -> bool:
    if w.upos != "PUNCT" and w.text not in EDGE_PUNCT:
        return False
    if keep_quotes and any(ch in DOUBLE_MARKS for ch in w.text):
        return False
    return True


def contiguous_run(sent: Sentence, ids: set[int], anchor_side: str = "longest") -> set[int]:
    """Keep the longest contiguous run (in word order) of ids, ignoring punctuation gaps."""
    if not ids:
        return ids
    ordered = sorted(ids)
    runs: list[list[int]] = [[ordered[0]]]
    for wid in ordered[1:]:
        gap = range(runs[-1][-1] + 1, wid)
        if all(sent.word(g).upos == "PUNCT" for g in gap):
            runs[-1].append(wid)
        else:
            runs.append([wid])
    best = max(runs, key=lambda r: sum(1 for i in r if sent.word(i).upos != "PUNCT"))
    return set(best)


def quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted stretches (including their quote marks) inside text[start:end].

    A passage that starts inside a quotation opened in an earlier sentence ('… the
    Constitution," Rep. Mica said.') is quoted up to its closing mark: a closing mark is a
    ” or a straight quote that follows a non-space character and precedes a space."""
    regions = []
    first = _FIRST_QUOTE_RE.search(text, start, end)
    if first and _closes(text, first.start(), end):
        regions.append((start, first.end()))
        start = first.end()
    for m in _QUOTE_RE.finditer(text, start, end):
        if m.end() - m.start() > 2:
            regions.append((m.start(), m.end()))
    return regions


def _closes(text: str, i: int, end: int) -> bool:
    mark = text[i]
    if mark in (CLOSE, GUILLEMET_CLOSE):
        return True
    if mark != STRAIGHT or i == 0 or text[i - 1].isspace():
        return False
    return i + 1 >= end or text[i + 1].isspace() or text[i + 1] in ",.;:!?)"


def quoted_share(text: str, span: TextSpan, regions: list[tuple[int, int]]) -> float:
    """Share of the span's non-space characters that lie inside quotation regions."""
    total = sum(1 for ch in text[span.start : span.end] if not ch.isspace())
    if not total:
        return 0.0
    inside = 0
    for a, b in regions:
        lo, hi = max(a, span.start), min(b, span.end)
        if hi > lo:
            inside += sum(1 for ch in text[lo:hi] if not ch.isspace())
    return inside / total
