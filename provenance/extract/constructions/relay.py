"""…, quoting/citing X: X is the earlier source of the claim the head verb reports."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import Grammar
from provenance.extract.spans import contiguous_run
from provenance.nlp.doc import Word

RELAY = construction("relay", family="relay", confidence=0.85, fixture="relay_quoting", doc="""
    Reads: A relaying participle (`relay_participles`: "quoting", "citing") with an object: the object
        is the origin the head attribution relays; the relayed attribution is embedded in the head's
        (same content). With no attribution on the head verb, the participle's clause is the content
        (0.7).
    Example: The meeting took place on Sunday, reports Yonhap, quoting the Korean Central News Agency.
    Not read: A relaying participle with no object. An object that never names a source (`not_sources`:
        "citing the need for faster progress") is what was cited, with no earlier source.
""")


UNHOSTED_RELAY_CONFIDENCE = 0.7  # no attribution on the head verb: the clause is the content


@family("relay", summary="Relaying participles (`relay_participles`).",
        trigger=Trigger(lemmas="relay_participles", upos=("VERB",), unconsumed=True),
        emits=("relay",), after=("artefact",))
def relay(g: Grammar, v: Word) -> None:
    """..., quoting/citing X: X is the earlier source of the claim the head reports."""
    obj = g.kid(v.id, "obj")
    if obj is None or not v.head:
        return
    if not can_be_source(g, obj):  # "citing the need for ...": a reason given, no earlier source
        g.add(v, None, g.span(g.sent.subtree_ids(obj.id)), "relay", "relay", kind="other",
              confidence=UNHOSTED_RELAY_CONFIDENCE, embedded_in=g.by_cue.get(v.head))
        return
    head = g.sent.word(v.head)
    source = g.mention(obj)
    if head.id not in g.by_cue:  # "…, reports Yonhap, quoting …" with "quoting" hung elsewhere
        before = [cid for cid in g.by_cue if v.id - 4 <= cid < v.id]
        if before:
            head = g.sent.word(max(before))
    if head.id in g.by_cue:
        outer = g.found[g.by_cue[head.id]]
        g.add(v, source, outer.content, "relay", "relay", kind="other", confidence=RELAY.confidence,
                 embedded_in=g.by_cue[head.id])
        return
    ids = contiguous_run(g.sent, g.sent.subtree_ids(head.id) - g.sent.subtree_ids(v.id))
    g.add(v, source, g.span(ids), "relay", "relay", kind="other", confidence=UNHOSTED_RELAY_CONFIDENCE)


def can_be_source(g: Grammar, obj: Word) -> bool:
    """Not a noun that never names a source (`not_sources`: "the need", "concerns")."""
    return obj.upos != "NOUN" or obj.lemma.lower() not in g.lex.not_sources
