"""A speaker making remarks in an outlet: "The president made the comments in state newspaper
Neutral Turkmenistan", "made the remarks in an interview with state television"."""

from __future__ import annotations

from provenance.extract.constructions.addressee import names_outlet, went_out_in
from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import SUBJ, Grammar, rel
from provenance.nlp.doc import Word

MADE_REMARKS = construction("made-remarks", family="made-remarks", confidence=0.7, fixture="made_remarks_in_outlet", doc="""
    Reads: A verb of delivering (`remark_verbs`: "made", "gave", "delivered") whose object is a
        reporting noun named before (`nouns`, with "the", "these" or a possessive: "the comments",
        "his remarks") and which names the outlet they went out in ("in state newspaper Neutral
        Turkmenistan", "in an interview with state television", "on state TV"): the subject said
        them, through that outlet (the channel of the attribution, as "told TASS" gives one).
        An interview given to an outlet ("gave an interview to state television", "granted a
        rare interview to TASS") or aired on one ("gave an interview aired on state
        television", `broadcast_verbs`) or had with one ("had an interview with state television")
        is read the same way, its object indefinite or not.
    Example: The president made the comments in the state newspaper Neutral Turkmenistan.
    Not read: Remarks made where no outlet is named ("made the comments in Rome", "at a rally"):
        where, not through whom; an indefinite object ("made a statement").
""")
INTERVIEW = "interview"

DEFINITE = frozenset({"the", "this", "these", "those", "his", "her", "their", "its"})


def outlet_of_remarks(g: Grammar, v: Word, obj: Word) -> Word | None:
    """The outlet the remarks went out in (``addressee.went_out_in``): a phrase on the object or
    the verb ("the comments in state newspaper X"), on a verb of broadcasting hung on the object
    ("an interview aired on state television", `broadcast_verbs`), or on a reporting noun there
    ("the remarks in an interview with state television")."""
    aired = [o for a in g.kids(obj.id, "acl") if a.lemma.lower() in g.lex.broadcast_verbs
             for o in g.kids(a.id, "obl")]  # "an interview aired on state television"
    for k in [*g.sent.children(obj.id), *(o for o in g.sent.children(v.id) if o.id > obj.id), *aired]:
        if rel(k) not in ("nmod", "obl"):
            continue
        if went_out_in(g, k):
            return k
        if obj.lemma.lower() == INTERVIEW and g.case_of(k) in ("to", "with") and names_outlet(g, k):
            return k  # "gave an interview to Russia's RIA state news agency"
        if k.upos == "NOUN" and k.lemma.lower() in g.lex.nouns and g.case_of(k) == "in":
            for m in g.sent.children(k.id):  # "in an interview with state television"
                if rel(m) == "nmod" and (went_out_in(g, m) or (g.case_of(m) == "with" and names_outlet(g, m))):
                    return m
    return None


@family("made-remarks", summary="Remarks made in an outlet (`remark_verbs` with a reporting noun).",
        trigger=Trigger(lemmas="remark_verbs", upos=("VERB",), unconsumed=True),
        emits=("made-remarks",), after=("outlet-shows",))
def made_remarks(g: Grammar, v: Word) -> None:
    subj = g.kid(v.id, *SUBJ)
    obj = g.kid(v.id, "obj")
    if subj is None or obj is None or g.hypothetical(v) or g.is_passive(v) or g.in_quote(v):
        return
    if obj.lemma.lower() not in g.lex.nouns or not (obj.lemma.lower() == INTERVIEW or any(
            k.lemma.lower() in DEFINITE for k in g.sent.children(obj.id) if rel(k) in ("det", "nmod"))):
        return
    outlet = outlet_of_remarks(g, v, obj)
    if outlet is None:
        return
    content = g.span({obj.id, *(k.id for k in g.sent.children(obj.id) if rel(k) in ("det", "nmod") and k.id < obj.id)})
    idx = g.add(v, g.mention(subj), content, "made-remarks", "speech", kind="other",
                confidence=MADE_REMARKS.confidence)
    named = {i for k in g.sent.children(outlet.id) if k.id > outlet.id and k.upos == "PROPN"
             for i in g.sent.subtree_ids(k.id)} if outlet.upos == "NOUN" else set()  # ("state newspaper X":
    # the description, as "the state newspaper X reported" is read, when the name is unknown)
    others = {i for k in g.kids(outlet.id, "conj", "cc") for i in g.sent.subtree_ids(k.id)}  # "... and Rossiya-1"
    g.found[idx].channel = g.mention(outlet, drop={c.id for c in g.kids(outlet.id, "case")} | named | others)
