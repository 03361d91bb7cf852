"""A reporting noun with a possessor and a that-clause: "Trump's claim that …"."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import Grammar, rel
from provenance.nlp.doc import Word

NOUN_THAT = construction("noun-that", family="noun-that", confidence=0.7, fixture="noun_claim_that", doc="""
    Reads: A claim noun (`claim_nouns`) with a possessor and a that-clause: the possessor is the source
        and the clause the content.
    Example: The ministry's claim that the ship sank was denied.
    Not read: A claim noun with no possessor, or with no that-clause.
""")


@family("noun-that", summary="Claim nouns (`claim_nouns`) with a possessor and a that-clause.",
        trigger=Trigger(lemmas="claim_nouns", upos=("NOUN",)), emits=("noun-that",), after=("speaker-colon",))
def noun_cue(g: Grammar, v: Word) -> None:
    """"Trump's claim that …", "the ministry's statement that …": a reporting noun with a
    possessor (the source) and a that-clause (the content)."""
    poss = g.kid(v.id, "nmod:poss")
    clause = next((k for k in g.sent.children(v.id) if rel(k) in ("acl", "ccomp", "appos")
                   and any(m.deprel == "mark" and m.lemma.lower() == "that" for m in g.sent.children(k.id))), None)
    if poss is None or clause is None:
        return
    source = g.mention(poss, drop={c.id for c in g.kids(poss.id, "case")})
    g.add(v, source, g.span(g.sent.subtree_ids(clause.id)), "noun-that", "speech",
             stance=g.lex.stance_of(v.lemma) or "neutral", confidence=NOUN_THAT.confidence)
