"""Attributions and quotations.

* Cues inside someone else's quotation are part of what is quoted, not attributions the
  article makes ("… he's not as rich as he says," she said): they are dropped from a
  sentence's findings unless an attribution outside that quotation relays them.
* What a speaker is quoted as saying is the whole quotation, though the sentence splitter
  cut it: '"Such activities are incompatible with diplomatic status. We will not tolerate
  them," she said.' reports both sentences of the quotation.
* A quotation the cue clause interrupts goes on after it: '"It's hard to avoid," said Ryan
  Ellis. "Any time you want to cut taxes ..."' - the content runs from the first quotation
  to the end of the second (the cue clause inside it, as PolNeAR annotates a discontinuous
  content), when the second opens the next sentence of the paragraph, or follows the cue
  clause in the same sentence, and carries no attribution of its own.
"""

from __future__ import annotations

from provenance.extract.mention import Extracted
from provenance.nlp.doc import Sentence
from provenance.quotes import OPENING_MARKS
from provenance.report import Attribution, TextSpan

KEEP_INSIDE_QUOTES = frozenset({"speaker-colon"})  # a transcript line quoted whole still names its speaker


def drop_quoted_cues(found: list[Extracted], quotations: list[tuple[int, int]]) -> list[Extracted]:
    """``found`` without the attributions whose cue lies inside a quotation, ``embedded_in`` re-indexed."""
    def quote_of(a: Extracted) -> tuple[int, int] | None:
        return next(((s, e) for s, e in quotations if s < a.cue.start and a.cue.end < e), None)

    def kept(a: Extracted) -> bool:
        q = quote_of(a)
        if q is None or a.pattern in KEEP_INSIDE_QUOTES:
            return True
        seen: set[int] = set()
        p = a.embedded_in
        while p is not None and p not in seen:  # relayed by an attribution outside the quotation?
            seen.add(p)
            if quote_of(found[p]) != q:
                return True
            p = found[p].embedded_in
        return False

    keep = [kept(a) for a in found]
    if all(keep):
        return found
    index = {old: new for new, old in enumerate(i for i, k in enumerate(keep) if k)}
    out = []
    for i, a in enumerate(found):
        if keep[i]:
            emb = a.embedded_in
            while emb is not None and not keep[emb]:
                emb = found[emb].embedded_in
            out.append(a.model_copy(update={"embedded_in": index[emb] if emb is not None else None}))
    return out


def widen_to_quotations(found: list[Extracted], quotations: list[tuple[int, int]], text: str) -> list[Extracted]:
    """``found`` with each content that lies inside one quotation, its cue outside it, widened
    to the whole quotation (marks included); a content that ends inside a quotation it opened
    takes the quotation's closing punctuation and mark."""
    out = []
    for a in found:
        c = a.content
        q = None if c is None else next(((s, e) for s, e in quotations if s <= c.start and c.end <= e), None)
        if c is not None and q is not None and (q[0], q[1]) != (c.start, c.end) \
                and (a.cue.start >= q[1] or a.cue.end <= q[0]):
            a = a.model_copy(update={"content": TextSpan(text=text[q[0] : q[1]], start=q[0], end=q[1])})
        elif c is not None:
            closed = next((e for s, e in quotations if c.start <= s < c.end < e <= c.end + 3
                           and text[c.end : e - 1].strip() in ("", ".", ",", "!", "?")), None)
            if closed is not None:  # 'says that X is "unfit to serve."': the quotation's closing marks
                a = a.model_copy(update={"content": TextSpan(text=text[c.start : closed], start=c.start, end=closed)})
        out.append(a)
    return out


def continue_quotations(per_sentence: list[list[Attribution]], sentences: list[Sentence],
                        quotations: list[tuple[int, int]], text: str) -> list[list[Attribution]]:
    """Each sentence's attributions, a quoted content interrupted by its cue clause extended
    to the end of the quotation that continues it (see the module's docstring)."""
    out: list[list[Attribution]] = []
    for k, atts in enumerate(per_sentence):
        sent = sentences[k]
        nxt = sentences[k + 1] if k + 1 < len(sentences) else None
        follow: list[tuple[int, int]] = []
        for a in atts:
            c = a.content
            if c is None or c.end > a.cue.start or text[c.start : c.start + 1] not in OPENING_MARKS:
                follow.append((-1, -1))
                continue
            after = [q for q in quotations if a.cue.end < q[0] < sent.end]  # '"A," he said, "B."'
            if not after and nxt is not None and not per_sentence[k + 1] and "\n" not in text[sent.end : nxt.start]:
                after = [q for q in quotations if q[0] == nxt.start]  # '"A," said X. "B."'
            follow.append(after[0] if after else (-1, -1))
        if sum(1 for q in follow if q[1] > 0) != 1:  # one quoted content, one continuation
            out.append(atts)
            continue
        out.append([a.model_copy(update={"content": TextSpan(text=text[a.content.start : q[1]], start=a.content.start, end=q[1])})
                    if q[1] > 0 and a.content is not None else a for a, q in zip(atts, follow)])
    return out
