"""X cited/quoted Y (no "as saying"): Y is what X put forward."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import SUBJ, Grammar
from provenance.nlp.doc import Word

CITE_OBJECT = construction("cite-object", family="cite-object", confidence=0.7, fixture="cite_object", doc="""
    Reads: A quoting verb (`quote_verbs`) with a subject and an object and no "as saying": the object is
        the content.
    Example: The agency cited a military source.
    Not read: "X quoted Y as saying Z" (see quote-as).
""")


def _has_subject_and_object(g: Grammar, v: Word) -> bool:
    return g.kid(v.id, *SUBJ) is not None and g.kid(v.id, "obj") is not None


@family("cite-object", summary="Quoting verbs with an object and no as-clause.",
        trigger=Trigger(lemmas="quote_verbs", upos=("VERB",), unconsumed=True),
        when=_has_subject_and_object, emits=("cite-object",), after=("channel",))
def cites_object(g: Grammar, v: Word) -> None:
    """X cited/quoted Y (no "as saying"): Y is what X put forward."""
    subj = g.subject(v)  # ("Russia to respond to sanctions: RIA cites minister": the subject after the colon)
    obj = g.kid(v.id, "obj")
    if subj is None or obj is None:
        return
    g.add(v, g.mention(subj), g.span(g.sent.subtree_ids(obj.id)), "cite-object", "speech",
             confidence=CITE_OBJECT.confidence)
