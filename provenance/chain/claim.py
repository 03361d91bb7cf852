"""The claim a sentence states, when its attributions report different things: which of them
its verdict follows (``main_claim``). A sentence whose main clause lies in what one source
reports states that source's claim; one whose reports sit only in subordinate clauses states
the reporter's own (adverbial clauses) or goes on with the account before (relative clauses);
a speaker named inside another's direct quotation is the quoted speaker's words, no link."""

from __future__ import annotations

from provenance.chain.build import MEDIA
from provenance.nlp.doc import Sentence, Word
from provenance.report import Attribution
from provenance.resolve.entities import SPEAKER_FIRST


def main_claim(sent: Sentence, atts: list[Attribution], quote_verbs: frozenset[str] = frozenset()) -> list[Attribution] | None:
    """The attributions of the sentence's main claim: where two sources report different
    things ("Y, the commander said on Wednesday, the day U.S. officials said Z") and the
    main clause (the parse's root) lies in what exactly one of them reports, the sentence
    states that one's claim; the others qualify a part of it. When the main clause is neither
    reported nor a cue: none if the reports sit in adverbial clauses (the sentence is the
    reporter's), None if one sits in a relative clause (the sentence goes on with the account
    before it, as an unattributed one would). Otherwise all of them. ``quote_verbs``: the
    lexicon's; "were quoted as saying" is one cue, its "as" clause no subordinate claim."""
    atts = _without_quoted_voices(atts)
    top = [i for i, a in enumerate(atts) if a.embedded_in is None and a.source is not None]
    contents = {(atts[i].content.start, atts[i].content.end) for i in top if atts[i].content is not None}
    root = next((w for w in sent.words if w.head == 0), None)
    kinds = {_subordinate(sent, atts[i].cue.start, quote_verbs) for i in top}
    covered = any((a.content is not None and a.content.start <= root.start < a.content.end)
                  or a.cue.start <= root.start < a.cue.end for a in atts) if root is not None else True
    if root is not None and root.upos == "VERB" and top and None not in kinds and not covered:
        # "He closed papers after he claimed the harvest had doubled": reports in an adverbial clause
        # only, the main clause the reporter's; "Judges found her guilty of joining a group, which the
        # leadership declared an enemy": a report in a relative clause only, the main clause goes on
        # with the account before (None: nothing of its own)
        return None if "relative" in kinds else []
    if len(top) < 2 or len(contents) < 2 or root is None:
        return atts
    holding = [i for i in top if atts[i].content is not None and atts[i].content.start <= root.start < atts[i].content.end]
    if not holding:  # "X denied a report that said Z": the root is X's cue, the other report inside X's content
        holding = [i for i in top if atts[i].cue.start <= root.start < atts[i].cue.end and atts[i].content is not None
                   and all(atts[i].content.start <= atts[j].cue.start < atts[i].content.end for j in top if j != i)]
    if len(holding) != 1:
        return atts
    keep = {holding[0]}
    changed = True
    while changed:  # and what is embedded in it
        changed = False
        for i, a in enumerate(atts):
            if i not in keep and a.embedded_in in keep:
                keep.add(i)
                changed = True
    if len(keep) == len(atts):
        return atts
    index = {old: new for new, old in enumerate(sorted(keep))}
    return [a.model_copy(update={"embedded_in": index.get(a.embedded_in) if a.embedded_in is not None else None})
            for i, a in enumerate(atts) if i in keep]


def _without_quoted_voices(atts: list[Attribution]) -> list[Attribution]:
    """The deputy minister stressed: '"The UAE firmly rejects any toll on the bridge"': a speaker
    other than a news outlet named inside the direct quotation of another is the quoted
    speaker's own words (the minister speaking for the UAE), not a further link of the chain;
    an outlet quoted there is still relayed ('"KCNA said the launch failed," the official said'),
    and so is anyone an outlet's quotation quotes."""
    drop: set[int] = set()
    for i, a in enumerate(atts):
        outer = atts[a.embedded_in] if a.embedded_in is not None else None
        if outer is None or outer.content is None or a.source is None or a.source.source_class in MEDIA:
            continue
        if outer.source is not None and outer.source.source_class in MEDIA \
                and a.source.text.lower() not in SPEAKER_FIRST and a.source.source_class in ("person", "official_body"):
            continue  # an outlet quoting a person relays them ('"..., he said," the report said'); its "we"
            # and its "History has proved" are its own words
        before = outer.content.text[: max(0, a.cue.start - outer.content.start)]
        if sum(before.count(m) for m in '"\u201c\u201d') % 2 == 1 or before.count("\u201c") > before.count("\u201d"):
            drop.add(i)
    changed = True
    while changed:  # and what hangs under a dropped one
        changed = False
        for i, a in enumerate(atts):
            if i not in drop and a.embedded_in in drop:
                drop.add(i)
                changed = True
    if not drop:
        return atts
    index = {old: new for new, old in enumerate(i for i in range(len(atts)) if i not in drop)}
    return [a.model_copy(update={"embedded_in": index.get(a.embedded_in) if a.embedded_in is not None else None})
            for i, a in enumerate(atts) if i not in drop]


SUBORDINATORS = frozenset({"after", "before", "when", "while", "because", "since", "although", "though",
                           "until", "as", "once", "whereas", "if"})


def _subordinate(sent: Sentence, start: int, quote_verbs: frozenset[str]) -> str | None:
    """The kind of subordinate clause the word at ``start`` sits in: "adverbial" (opened by a
    conjunction: "after he claimed the harvest had doubled"), "relative" ("which the leadership declared an
    enemy group"), or None."""
    w = next((x for x in sent.words if x.start == start), None)
    seen: set[int] = set()
    while w is not None and w.head and w.id not in seen:
        seen.add(w.id)
        if w.deprel.startswith("advcl") and any(
                k.deprel == "mark" and k.lemma.lower() in SUBORDINATORS for k in sent.children(w.id)) \
                and not (w.head and sent.word(w.head).lemma.lower() in quote_verbs):
            # ("were quoted as saying": the "as" clause is the cue's own, not a subordinate claim)
            return "adverbial"
        if w.deprel == "acl:relcl":
            return "relative"
        if w.deprel == "acl" and _in_a_phrase(sent, sent.word(w.head)):
            return "adverbial"  # "poor ties over many issues, including the edict issued by X ordering
            # followers to ...": a participle on a noun deep in a prepositional phrase
        w = sent.word(w.head)
    return None


def _in_a_phrase(sent: Sentence, noun: Word) -> bool:
    """Does ``noun`` sit deep inside prepositional phrases (two ``nmod`` or ``obl`` with a
    preposition on its way up to the root: "... relations over many issues, including the edict
    ..."), not only as a subject, an object or a phrase of the root ("with the agency saying")?"""
    seen: set[int] = set()
    w: Word | None = noun
    depth = 0
    while w is not None and w.head and w.id not in seen:
        seen.add(w.id)
        if w.deprel.split(":")[0] in ("nmod", "obl") and any(k.deprel == "case" for k in sent.children(w.id)):
            depth += 1
        w = sent.word(w.head)
    return depth >= 2
