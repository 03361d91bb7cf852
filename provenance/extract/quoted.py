"""Cues inside someone else's quotation are part of what is quoted, not attributions the article
makes ("… he's not as rich as he says," she said): they are dropped from a sentence's findings
unless an attribution outside that quotation relays them."""

from __future__ import annotations

from provenance.extract.mention import Extracted

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
