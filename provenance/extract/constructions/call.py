"""Calling for something, and calling someone something: read from the speech-verb pass."""

from __future__ import annotations

from provenance.extract.declare import construction
from provenance.extract.grammar import RELATIVE, Grammar, rel
from provenance.nlp.doc import Word
from provenance.report import TextSpan

CALL_FOR = construction("call-for", family="speech-verb", confidence=0.75, fixture="call_on", doc="""
    Reads: "X called for Y" / "X called on Y to ...": the demand is the content; the cue is "called
        for/on".
    Example: The council called on both sides to resume talks.
    Not read: Naming uses ("what he called a victory"), passives and reduced relatives.
""")
CALL_LABEL = construction("call-label", family="speech-verb", confidence=0.7, fixture="called_label", doc="""
    Reads: "X called Y a liar": the label given to someone is an attribution of X.
    Example: The ministry called the report a fabrication.
    Not read: A call with no label, or a label on a relative pronoun.
""")


def call_for(g: Grammar, v: Word) -> None:
    """"X called for / called on Y to ..." (naming uses, "what he called X", are not cues)."""
    when = {i for k in g.sent.children(v.id) if rel(k) == "obl" and k.lemma.lower() in g.lex.time_words
            for i in g.sent.subtree_ids(k.id)}  # "called on Wednesday for a ceasefire": when, then what
    target = next((k for k in g.sent.children(v.id) if rel(k) == "obl" and g.case_of(k) in ("for", "on")
                   and k.id not in when
                   and set(range(v.id + 1, g.kid(k.id, "case").id)) <= when), None)  # type: ignore[union-attr]
    if target is None:  # "called for reducing ...", with "for" parsed as the clause's marker
        target = next((k for k in g.sent.children(v.id) if rel(k) in ("advcl", "xcomp", "ccomp")
                       and any(m.deprel == "mark" and m.lemma.lower() == "for" and m.id == v.id + 1
                               for m in g.sent.children(k.id))), None)
    subj = g.subject(v)
    if subj is None or g.is_passive(v) or v.deprel.startswith("acl"):
        return
    if target is None:  # "X called Y a liar": labelling someone is an attribution too
        objs = g.kids(v.id, "obj")
        obj = objs[0] if objs else None
        label = g.kid(v.id, "xcomp") or (objs[1] if len(objs) > 1 else None)  # parsers give two objects
        if obj is None or obj.id < v.id or obj.lemma.lower() in RELATIVE | {"what"}:
            return
        if label is None:  # the label hung on the object: "called the charges unsubstantiated / “lies”"
            label = next((k for k in g.sent.children(obj.id) if k.id > obj.id and (
                (rel(k) in ("acl", "amod") and k.upos in ("ADJ", "VERB") and k.xpos in ("JJ", "VBN"))
                or (rel(k) == "appos" and g.in_quote(k)))), None)
            if label is None:
                label = next((w for w in g.sent.words if w.id > obj.id and rel(w) == "appos"
                              and g.in_quote(w) and w.id in g.sent.subtree_ids(obj.id)), None)
        if label is None:
            return
        ids = g.sent.subtree_ids(obj.id) | g.sent.subtree_ids(label.id)
        g.add(v, g.mention(subj), g.span(ids), "call-label", "speech", confidence=CALL_LABEL.confidence)
        return
    case = next((c for c in g.kids(target.id, "case", "mark") if c.id == v.id + 1), None)
    ids = g.sent.subtree_ids(target.id) - ({case.id} if case else set())
    x = g.kid(v.id, "xcomp")
    if x is not None and x.id != target.id:
        ids |= g.sent.subtree_ids(x.id)
    cue = TextSpan(text=g.text[v.start : case.end], start=v.start, end=case.end) if case and case.id == v.id + 1 else None
    g.add(v, g.mention(subj), g.span(ids), "call-for", "speech", confidence=CALL_FOR.confidence, cue=cue)
