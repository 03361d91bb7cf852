"""Links attributions of one sentence: an attribution whose cue lies inside another's content is
embedded in it (the innermost container), unless that would make a cycle or the outer speaker is a
pronoun that picks up the inner one ("X said Y because ..., she said": one claim, not a relay)."""

from __future__ import annotations

from provenance.extract.mention import Extracted
from provenance.nlp.doc import Sentence
from provenance.report import TextSpan

NESTING_PRONOUNS = ("he", "she", "they")


def link_nested(found: list[Extracted], sent: Sentence, contradicting: frozenset[str] = frozenset()) -> None:
    """Set ``embedded_in`` (an index into ``found``) on attributions not already linked; never
    in an attribution whose cue is one of ``contradicting`` ("denied a report that said Z":
    the report is what was denied, not what the denier passes on)."""
    for i, a in enumerate(found):
        if a.embedded_in is not None:
            continue
        on_source = next((j for j, b in enumerate(found) if j != i and (relative_on_source(sent, a, b)
                                                                      or relay_after_source(sent, a, b))), None)
        if on_source is not None and not _would_cycle(found, i, on_source):
            a.embedded_in = on_source  # "according to SANA, which cited a military source"
            if a.role == "relay":
                a.content = found[on_source].content  # it relays what the outer attribution reports
            continue
        best: tuple[int, int] | None = None
        for j, b in enumerate(found):
            if i == j or b.content is None or b.role == "relay" or b.cue_lemma in contradicting:
                continue
            if b.content.start <= a.cue.start and a.cue.end <= b.content.end:
                if a.content is not None and a.content.start <= b.cue.start < a.content.end \
                        and not closing_frame(a, b):
                    continue
                if same_speaker(a, b):
                    continue
                size = b.content.end - b.content.start
                if best is None or size < best[0]:
                    best = (size, j)
        closing = next((b for b in found if b is not a and b.source is not None and a.content is not None
                        and a.content.start < b.source.span.start < a.content.end <= b.cue.start), None)
        if closing is not None:  # "X said Z, the Saudi Press Agency, SPA, reported": Z ends before the frame
            a.content = _cut_before(a.content, closing.source.span.start)
        if best is not None and not _would_cycle(found, i, best[1]):
            a.embedded_in = best[1]
            outer = found[best[1]]
            if closing_frame(a, outer) and a.content is not None:  # the frame is not what Y said
                frame = min(outer.cue.start, outer.source.span.start if outer.source is not None else outer.cue.start)
                a.content = _cut_before(a.content, frame)


def relay_after_source(sent: Sentence, a: Extracted, b: Extracted) -> bool:
    """"according to Russia's TASS news agency, quoting the Defence Ministry": a relaying
    participle right after another attribution's source (a comma between) relays that source."""
    if a.role != "relay" or b.source is None or b.role == "relay":
        return False
    gap = [w for w in sent.words if b.source.span.end <= w.start < a.cue.start]
    return bool(gap) and all(w.text == "," for w in gap)


def closing_frame(inner: Extracted, outer: Extracted) -> bool:
    """"Y said Z, according to X", "Iran dismissed a report that said Z, state media
    reported": a closing frame or cue clause covers the whole report, speaker and all,
    although the parse hangs it inside Z (each content holds the other's cue): X reports
    that Y said Z."""
    if outer.cue.start <= inner.cue.start or inner.content is None \
            or not inner.content.start <= outer.cue.start < inner.content.end:
        return False
    return outer.pattern == "according-to" or (
        outer.content is not None and outer.content.start <= inner.cue.start  # ("According to X, Z, reports Y":
        and (outer.source is None or outer.source.span.start > inner.cue.start))  # Y's content opens with the cue)


def _cut_before(span: TextSpan, end: int) -> TextSpan:
    text = span.text[: end - span.start].rstrip(" ,;")
    return TextSpan(text=text, start=span.start, end=span.start + len(text))


def relative_on_source(sent: Sentence, inner: Extracted, outer: Extracted) -> bool:
    """The inner cue heads a relative clause on the outer attribution's source ("SANA, which cited X")."""
    if outer.source is None:
        return False
    cue = sent.word(inner.cue_word)
    return cue.deprel.startswith("acl") and cue.head == outer.source.head


def same_speaker(inner: Extracted, outer: Extracted) -> bool:
    """The outer source is a personal pronoun picking up the inner, earlier source."""
    if inner.source is None or outer.source is None or not outer.source.is_pronoun:
        return False
    pron = outer.source.head_lemma
    return pron in NESTING_PRONOUNS and not inner.source.is_pronoun and inner.source.span.end <= outer.source.span.start


def _would_cycle(found: list[Extracted], child: int, parent: int) -> bool:
    seen = set()
    p: int | None = parent
    while p is not None and p not in seen:
        if p == child:
            return True
        seen.add(p)
        p = found[p].embedded_in
    return False


def outer_first(found: list[Extracted]) -> list[Extracted]:
    """The attributions outer ones first, then in text order; ``embedded_in`` re-indexed."""
    depth = []
    for a in found:
        d, p, seen = 0, a.embedded_in, set()
        while p is not None and p not in seen:
            seen.add(p)
            d += 1
            p = found[p].embedded_in
        depth.append(d)
    order = sorted(range(len(found)), key=lambda i: (depth[i], found[i].cue.start))
    new_index = {old: new for new, old in enumerate(order)}
    out = []
    for old in order:
        a = found[old]
        emb = new_index[a.embedded_in] if a.embedded_in is not None else None
        out.append(a.model_copy(update={"embedded_in": emb}))
    return out
