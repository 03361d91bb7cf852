"""X quoted Y as saying Z  /  Y was quoted by X as saying Z: a relay and its speaker in one clause."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import PASS_SUBJ, Grammar, rel
from provenance.extract.spans import contiguous_run
from provenance.nlp.doc import Word

QUOTE_AS = construction("quote-as", family="quote-as", confidence=0.85, fixture="quoted_as_saying", doc="""
    Reads: A quoting verb with an "as"-clause of speech: the quoting verb's subject (or, in the passive,
        its by-agent, or the document it was quoted "in": "in the VNA report") is the channel that relays; the quoted object (or the passive subject) is the
        speaker, whose attribution is embedded in the relay's. Without a named speaker the inner
        attribution keeps a lower confidence (0.6).
        The gerund of speech may be joined to another after "as" ("was quoted as welcoming the
        verdict and saying ...").
    Example: "The KCNA quoted him as saying the talks had failed."
    Not read: A quoting verb with no "as saying" clause ("X quoted Y": see cite-object); "quoting X" as
        a participle (see relay).
""")


UNNAMED_SPEAKER_CONFIDENCE = 0.6  # "X quoted him as saying" with no named speaker found


@family("quote-as", summary="Quoting verbs with an as-clause of speech.",
        trigger=Trigger(lemmas="quote_verbs", upos=("VERB",)), emits=("quote-as",))
def quote_as(g: Grammar, v: Word) -> None:
    """X quoted Y as saying Z  /  Y was quoted by X as saying Z."""
    inner = None
    for k in g.sent.children(v.id):
        if rel(k) in ("advcl", "xcomp", "obl", "conj") and g.kid(k.id, "mark") is not None \
                and g.kid(k.id, "mark").lemma.lower() == "as":  # type: ignore[union-attr]
            inner = k if g.lex.stance_of(k.lemma) is not None else next(  # "as welcoming the verdict and
                (c for c in g.kids(k.id, "conj") if c.xpos == "VBG" and g.lex.stance_of(c.lemma) is not None), None)
            if inner is not None:  # saying ...": the gerund of speech joined to the first
                break
    if inner is None:
        return
    passive = g.is_passive(v)
    channel_w = None
    if passive:
        speaker_w = g.kid(v.id, *PASS_SUBJ)
        agent = g.agent_of(v) or g.agent_of(inner)  # "was quoted as saying by the Mehr news agency"
        outer_src = g.mention(agent, drop={c.id for c in g.kids(agent.id, "case")}) if agent else None
        if agent is None:
            channel_w = report_named(g, v, inner)
            if channel_w is not None:
                owner = next((k for k in g.sent.children(channel_w.id) if k.upos == "PROPN"
                              and k.deprel in ("compound", "nmod:poss", "flat")), None)
                outer_src = g.mention(owner) if owner is not None \
                    else g.mention(channel_w, drop={c.id for c in g.kids(channel_w.id, "case")})
    else:
        speaker_w = g.kid(v.id, "obj")
        subj = g.subject(v)
        outer_src = g.mention(subj) if subj else None
    surface_ids: set[int] | None = None
    if passive and speaker_w is None:
        speaker_w, surface_ids = apposed_speaker(g, v)
    speaker = g.mention(speaker_w) if speaker_w else None
    ids, how = g.content_ids(inner, allow_xcomp=False)
    if surface_ids:
        ids, how = surface_ids, "surface"
    if ids and how in ("parataxis", "controlled") and min(ids) > inner.id and g.quote_near(v) is not None \
            and g.quote_near(v).end <= g.sent.word(min(ids)).start:  # type: ignore[union-attr]
        ids = None  # '"Z," he was quoted as saying during a call with Y': the quotation, not the call
    if ids and channel_w is not None:
        ids = ids - g.sent.subtree_ids(channel_w.id)  # "in the VNA report" is where, not what
    if ids and passive and agent is not None and agent.head == inner.id:
        ids = ids - g.sent.subtree_ids(agent.id)  # "... as saying by the Mehr news agency": who, not what
    if ids and all(g.sent.word(i).head in ids or g.sent.word(i).lemma.lower() in g.lex.time_words
                   for i in ids if g.sent.word(i).upos != "PUNCT"):
        ids = None  # "Y, X was quoted as saying by TASS on Monday": when, not what
    if not ids:
        ids, _ = g.content_ids(v, allow_xcomp=False)
    content = g.span(ids) or g.quote_near(v)
    outer_i = None
    if outer_src is not None:
        outer_i = g.add(v, outer_src, content, "quote-as", "relay", stance="neutral", confidence=QUOTE_AS.confidence)
    g.add(inner, speaker, content, "quote-as", "speech",
             stance=g.lex.stance_of(inner.lemma) or "neutral", confidence=QUOTE_AS.confidence if speaker else UNNAMED_SPEAKER_CONFIDENCE,
             embedded_in=outer_i)
    g.consumed.add(v.id)


def apposed_speaker(g: Grammar, v: Word) -> tuple[Word | None, set[int] | None]:
    """"Y, Hamid Nikpour, a navy commander, was quoted as saying." (or "Y, Foreign Ministry
    Spokesman Hamid Nikpour was quoted ...", the name flat on its title) with the name and its title
    parsed as appositions of a noun of Y and the passive cue joined to Y's verb: the first of the
    appositions right before the cue is the speaker, and Y, before it, what was said."""
    aux = min((k.id for k in g.kids(v.id, "aux:pass", "aux")), default=v.id)
    before = next((g.sent.word(i) for i in range(aux - 1, 0, -1) if g.sent.word(i).upos != "PUNCT"), None)
    while before is not None and before.deprel.startswith("flat") and before.head:
        before = g.sent.word(before.head)  # "... Spokesman Hamid Reza Rostami was quoted": the name's title
    if before is None or before.deprel != "appos" or not before.head:
        return None, None
    while g.sent.word(before.head).deprel == "appos" and g.sent.word(before.head).head:
        before = g.sent.word(before.head)  # "Hamid Nikpour, a navy commander": the title on the name
    first = min((k for k in g.kids(before.head, "appos") if k.id <= before.id), key=lambda k: k.id)
    start = min(i for i in g.sent.subtree_ids(first.id) if g.sent.word(i).upos != "PUNCT")
    if first.upos != "PROPN" or start < 2 or g.sent.word(start - 1).text != ",":
        return None, None
    return first, contiguous_run(g.sent, set(range(1, start - 1)))


def report_named(g: Grammar, v: Word, inner: Word) -> Word | None:
    """"He was quoted as saying in the VNA report": with no by-agent, a document noun after
    "in" on the quoting verb or its as-clause is the channel that quoted."""
    for head in (inner, v):
        for k in g.sent.children(head.id):
            if rel(k) == "obl" and g.case_of(k) == "in" and k.lemma.lower() in g.lex.document_nouns:
                return k
    return None
