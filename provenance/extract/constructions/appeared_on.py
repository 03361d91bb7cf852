"""Someone seen on an outlet: "the governor appeared on state television on Sunday, inspecting a
new bridge": what the outlet showed rests on it."""

from __future__ import annotations

from provenance.extract.constructions.addressee import went_out_in
from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import SUBJ, Grammar, rel
from provenance.nlp.doc import Word

APPEARED_ON = construction("appeared-on", family="appeared-on", confidence=0.7, fixture="appeared_on_outlet", doc="""
    Reads: A verb of being seen (`appearance_verbs`: "appeared") with an outlet noun after a
        preposition of the medium (`medium_prepositions`, `outlet_nouns`: "on state television", "on
        state TV"): the outlet is the source of the sentence, what it showed of the subject.
    Example: The governor appeared on state television on Sunday, inspecting a new bridge.
    Not read: A place or a name after "on" ("appeared on the balcony", "appeared on Sunday"); an
        appearance in an outlet's own voice ("appeared on our programme" in a quotation); a habit
        in the present (`habitual_adverbs`: "regularly appears on state television").
""")


def outlet_seen_on(g: Grammar, v: Word) -> Word | None:
    """The outlet noun the subject was seen on ("on state television")."""
    return next((k for k in g.sent.children(v.id) if rel(k) == "obl" and k.upos == "NOUN"
                 and k.lemma.lower() in g.lex.outlet_nouns and went_out_in(g, k)), None)


@family("appeared-on", summary="Appearances on an outlet (`appearance_verbs` with an outlet noun).",
        trigger=Trigger(lemmas="appearance_verbs", upos=("VERB",), unconsumed=True),
        emits=("appeared-on",), after=("made-remarks",))
def appeared_on(g: Grammar, v: Word) -> None:
    subj = g.kid(v.id, *SUBJ)
    if subj is None or g.hypothetical(v) or g.in_quote(v):
        return
    if v.xpos in ("VBZ", "VBP") and any(k.lemma.lower() in g.lex.habitual_adverbs for k in g.kids(v.id, "advmod")):
        return  # "regularly appears on state television ...": the reporter describing a habit
    outlet = outlet_seen_on(g, v)
    if outlet is None:
        return
    ids = g.sent.subtree_ids(v.id) - g.sent.subtree_ids(outlet.id)
    content = g.span({i for i in ids if g.sent.word(i).upos != "PUNCT" or min(ids) < i < max(ids)})
    if content is None:
        return
    g.add(v, g.mention(outlet, drop={c.id for c in g.kids(outlet.id, "case")}), content, "appeared-on", "speech",
          kind="other", confidence=APPEARED_ON.confidence)
