"""… said in a statement carried by X: X is the channel of the speaker's words."""

from __future__ import annotations

from provenance.extract.constructions.addressee import went_out_in
from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import Grammar, rel
from provenance.nlp.doc import Word

CHANNEL = construction("channel", family="channel", confidence=0.8, fixture="statement_carried_by", doc="""
    Reads: A channel participle (`channel_participles`: "carried", "published") on a statement noun with
        a by-agent, hanging on a reporting verb already read: the agent is the channel, and the
        speaker's attribution is embedded in it.
        The participle may open a relative clause ("in the speech, which was reproduced by Fars").
        The outlet it was published on counts as its agent ("A statement quoting a public prosecutor and
        posted on the state-run Emirates News Agency said", "said in a statement published in
        Cuban state media"; not the issuer's own website). An image a speaker spoke in counts as a
        statement noun ("said in a video posted on state television that ...").
    Example: The ministry said in a statement carried by KCNA that the drills would continue.
    Not read: A participle with no agent. On a statement noun that is the verb's subject ("A ministry
        statement carried by SANA said"), the agent becomes the channel of that attribution (as "told
        TASS" does), with no attribution of its own.
""")


def published_on(g: Grammar, v: Word) -> Word | None:
    """The outlet a statement went out on ("posted on the state-run Emirates News Agency",
    "published in Cuban state media": ``addressee.went_out_in``)."""
    return next((o for o in g.kids(v.id, "obl") if went_out_in(g, o)), None)


@family("channel", summary="Channel participles (`channel_participles`) on a statement noun.",
        trigger=Trigger(lemmas="channel_participles", upos=("VERB",), unconsumed=True),
        emits=("channel",), after=("relay",))
def channel(g: Grammar, v: Word) -> None:
    """... in a statement carried by X: X is the channel of the speaker's words."""
    attached = v
    if v.deprel == "conj" and v.head and g.sent.word(v.head).deprel.startswith("acl"):
        attached = g.sent.word(v.head)  # "A statement quoting a prosecutor and posted on WAM said"
    if not attached.deprel.startswith("acl") or not attached.head:
        return
    noun = g.sent.word(attached.head)
    if noun.lemma.lower() not in g.lex.nouns and not (noun.lemma.lower() in g.lex.artefact_nouns and rel(noun) == "obl"):
        return  # a statement, or an image a speaker spoke in ("said in a video posted on state television")
    agent = g.agent_of(v) or next((g.sent.word(i) for i in sorted(g.sent.subtree_ids(v.id))  # "carried live by X"
                                   if i > v.id and g.case_of(g.sent.word(i)) == "by"
                                   and g.sent.word(i).upos in ("NOUN", "PROPN")), None)
    if agent is None:  # "A statement published on the state-run BNA said", "said in a statement published
        agent = published_on(g, v)  # in Cuban state media"
    if agent is None or not noun.head:
        return
    verb = g.sent.word(noun.head)
    if verb.id not in g.by_cue:
        return
    inner_i = g.by_cue[verb.id]
    inner = g.found[inner_i]
    if noun.deprel.startswith("nsubj"):  # "A ministry statement carried by SANA said ...": the outlet the
        if inner.channel is None and inner.source is not None:  # issuer's statement reached the article through
            inner.channel = g.mention(agent, drop={c.id for c in g.kids(agent.id, "case")})
            g.consumed.add(v.id)
        return
    said = inner.content
    clause = {i for i in g.sent.subtree_ids(agent.id) if said is not None
              and said.start <= g.sent.word(i).start < said.end}  # "... by the agency that talks would start"
    source = g.mention(agent, drop={c.id for c in g.kids(agent.id, "case")} | clause)
    idx = g.add(v, source, inner.content, "channel", "channel", kind="other", confidence=CHANNEL.confidence)
    inner.embedded_in = idx
