"""Someone shown by an outlet: "the premier was shown by CCTV eating breakfast in a tent": what
the outlet showed rests on it, as what it showed of someone who "appeared on" it does."""

from __future__ import annotations

from provenance.extract.constructions.addressee import names_outlet
from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import Grammar, rel
from provenance.nlp.doc import Word

SHOWN_BY = construction("shown-by", family="shown-by", confidence=0.7, fixture="shown_by_outlet", doc="""
    Reads: A verb of showing in a passive clause (`showing_verbs`: "was shown", "was televised",
        "was aired") whose agent is a name or an outlet noun after "by" ("by CCTV", "by state
        television"): the outlet is the source of the clause, what it showed.
    Example: The mayor was shown by state television handing out blankets at a shelter.
    Not read: An active verb ("CCTV showed footage ...": see outlet-shows); a participle
        ("photos released by KCNA": see artefact); an agent that is no outlet ("was shown by a guide", "was shown by the data"); a clause inside a quotation.
""")


def outlet_agent(g: Grammar, v: Word) -> Word | None:
    """The outlet after "by" that did the showing (the parser may attach "by" to a later word:
    "by CCTV eating breakfast")."""
    for k in g.sent.children(v.id):
        if rel(k) != "obl" or not k.deprel.endswith(":agent") or not names_outlet(g, k):
            continue
        before = g.sent.word(k.id - 1) if k.id > 1 else None
        first = g.sent.word(min(g.sent.subtree_ids(k.id)))
        if g.case_of(k) == "by" or (before is not None and before.lemma.lower() == "by" and first.id >= k.id - 1):
            return k
    return None


@family("shown-by", summary="Someone shown by an outlet (`showing_verbs` in the passive with an outlet as agent).",
        trigger=Trigger(lemmas="showing_verbs", upos=("VERB",), unconsumed=True),
        emits=("shown-by",), after=("appeared-on",))
def shown_by(g: Grammar, v: Word) -> None:
    if not g.is_passive(v) or v.deprel.startswith("acl") or g.hypothetical(v) or g.in_quote(v):
        return
    outlet = outlet_agent(g, v)
    if outlet is None:
        return
    by = {k.id for k in g.kids(outlet.id, "case")} | {outlet.id - 1 if g.sent.word(outlet.id - 1).lemma.lower() == "by"
                                                      else outlet.id}
    skip = g.sent.subtree_ids(outlet.id) | by | {k.id for k in g.kids(v.id, "cc")}  # ("and was shown ...")
    ids = {i for i in g.sent.subtree_ids(v.id) - skip if g.sent.word(i).upos != "PUNCT"}
    content = g.span(ids)
    if content is None:
        return
    g.add(v, g.mention(outlet, drop={c.id for c in g.kids(outlet.id, "case")}), content, "shown-by", "speech",
          kind="other", confidence=SHOWN_BY.confidence)
