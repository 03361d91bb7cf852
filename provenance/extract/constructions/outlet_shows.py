"""An outlet putting something out: "state broadcaster IRIB aired footage of ...", "Rodong
Sinmun published a commentary saying ..."."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import SUBJ, Grammar
from provenance.nlp.doc import Word

OUTLET_SHOWS = construction("outlet-shows", family="outlet-shows", confidence=0.7, fixture="outlet_shows", doc="""
    Reads: A broadcasting verb (`broadcast_verbs`: "aired", "showed", "published") whose subject is a
        name or an outlet noun and whose object is a document or an image (`nouns`, `artefact_nouns`:
        "footage", "a commentary"): the outlet is the source of what the object shows.
    Example: State broadcaster IRIB aired footage of the tanker being escorted to port.
    Not read: A subject that is no outlet ("the army released photos": see artefact); an object that is
        no document.
""")


@family("outlet-shows", summary="Outlets airing, showing or publishing a document or an image.",
        trigger=Trigger(lemmas="broadcast_verbs", upos=("VERB",), unconsumed=True),
        emits=("outlet-shows",), after=("artefact",))
def outlet_shows(g: Grammar, v: Word) -> None:
    subj = g.kid(v.id, *SUBJ)
    obj = g.kid(v.id, "obj")
    if subj is None or obj is None or g.hypothetical(v) or g.is_passive(v) or g.in_quote(v):
        return
    if not (subj.upos == "PROPN" or subj.lemma.lower() in g.lex.outlet_nouns):
        return
    if obj.lemma.lower() not in g.lex.document_nouns:
        return
    g.add(v, g.mention(subj), g.span(g.sent.subtree_ids(obj.id)), "outlet-shows", "speech", kind="other",
          confidence=OUTLET_SHOWS.confidence)
