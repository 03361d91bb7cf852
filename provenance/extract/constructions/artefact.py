"""Documents and images that show something, when they name who issued them: "photos released by
KCNA showed …", "the ministry's report said …"."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import PASS_SUBJ, SUBJ, Grammar
from provenance.extract.mention import Mention
from provenance.extract.spans import words_span
from provenance.nlp.doc import Word

ARTEFACT = construction("artefact", family="artefact", confidence=0.75, fixture="artefact_released_by", doc="""
    Reads: A verb of showing (`artefact_verbs`) whose subject is a document or image: with a named
        issuer ("photos released by X showed ...", "X's report said ...") the issuer is the source;
        without one ("commercial satellite images showed ...") the artefact itself is, evidence of
        unknown class that ends a state-media-only account. "revealed" is factive.
    Example: Photos released by KCNA showed the leader at the site.
    Not read: An artefact introduced as the one just reported ("Another image showed ...", "The photos
        showed ..."): the sentence carries the previous chain.
""")


ANAPHORIC_DETERMINERS = frozenset({"another", "other", "the", "this", "these", "those", "that"})
UNISSUED_CONFIDENCE = 0.6  # an artefact with no named issuer: the artefact itself is the source


@family("artefact", summary="Documents and images that show (`artefact_verbs`).",
        trigger=Trigger(lemmas="artefact_verbs", upos=("VERB",), unconsumed=True),
        emits=("artefact",), after=("mistagged-cue",))
def artefact_verb(g: Grammar, v: Word) -> None:
    """photos released by X showed ... (only when the artefact names its issuer)."""
    subj = g.kid(v.id, *SUBJ)
    source = None
    if subj is None:  # "Photos released by X showed": the participle clause before the cue
        for k in g.sent.children(v.id):
            if k.id < v.id and k.lemma.lower() in g.lex.channel_participles and g.kid(k.id, *PASS_SUBJ, *SUBJ):
                source = reduced_relative_artefact(g, k, v)
                if source is not None:
                    break
    if source is None and subj is None and v.head:  # ... or parsed with "released" as the verb
        head = g.sent.word(v.head)
        source = reduced_relative_artefact(g, head, v)
    elif subj is not None and subj.lemma.lower() in g.lex.document_nouns:
        source = g.mention(subj)
    if source is None:
        return
    if source.issuer is None and (subj is None or any(k.lemma.lower() in ANAPHORIC_DETERMINERS
                                                      for k in g.kids(subj.id, "det"))):
        return  # "Another image showed ...": the artefact of the report before, carried from it
    ids, _ = g.content_ids(v, allow_xcomp=False)
    if not ids:
        o = g.kid(v.id, "obj")
        ids = g.sent.subtree_ids(o.id) if o else None
    content = g.span(ids)
    if content is None:
        return
    stance = "factive" if v.lemma.lower() == "reveal" else "neutral"
    conf = ARTEFACT.confidence if source.issuer is not None else UNISSUED_CONFIDENCE
    g.add(v, source, content, "artefact", "artefact", kind="other", stance=stance, confidence=conf)


def reduced_relative_artefact(g: Grammar, participle: Word, v: Word) -> Mention | None:
    """"Photos released by X" as a clause of its own: the artefact and its issuer."""
    art = g.kid(participle.id, *PASS_SUBJ, *SUBJ)
    agent = g.agent_of(participle) or g.kid(participle.id, "obl")
    if participle.lemma.lower() not in g.lex.channel_participles or art is None or agent is None:
        return None
    if art.lemma.lower() not in g.lex.document_nouns or not art.id < participle.id < v.id:
        return None
    ids = g.sent.subtree_ids(art.id) | {participle.id} | g.sent.subtree_ids(agent.id)
    span = words_span(g.text, g.sent, ids, keep_quotes=False)
    issuer = g.mention(agent, drop={c.id for c in g.kids(agent.id, "case")})
    if span is None:
        return None
    return Mention(span=span, sentence=g.sent.index, head=art.id, head_lemma=art.lemma.lower(),
                   upos=art.upos, issuer=issuer)
