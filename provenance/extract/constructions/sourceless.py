"""Claims reported without a source: "reportedly", "allegedly", "it was reported that …",
"X was reported to …"."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import Grammar
from provenance.nlp.doc import Word
from provenance.report import Stance

SOURCELESS = construction("sourceless", family="adverbial", confidence=0.7, fixture="reportedly", doc="""
    Reads: A report with no source: a source-less adverb (`adverbs`: "reportedly", "allegedly") on its
        clause, or a passive reporting verb with no agent ("it was reported that ...", "X was said to
        ...", read by the speech-verb pass). "allegedly", "purportedly", "supposedly" and "ostensibly"
        mark a distancing stance.
    Example: The launch reportedly took place at dawn.
    Not read: A passive with a by-agent (see passive-agent).
""")
DISTANCING_ADVERBS = ("allegedly", "purportedly", "supposedly", "ostensibly")


@family("adverbial", summary="Source-less adverbs (`adverbs`).",
        trigger=Trigger(forms="adverbs", upos=("ADV",)), emits=("sourceless",), after=("according-to",))
def adverb(g: Grammar, v: Word) -> None:
    if not v.head:
        return
    host = g.sent.word(v.head)
    ids = g.sent.subtree_ids(host.id) - {v.id}
    stance: Stance = "distancing" if v.text.lower() in ("allegedly", "purportedly", "supposedly", "ostensibly") else "neutral"
    g.add(v, None, g.span(ids), "sourceless", "sourceless", kind="other", stance=stance, confidence=SOURCELESS.confidence)
