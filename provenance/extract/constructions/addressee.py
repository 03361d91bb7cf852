"""The addressee that carries the words: "the spokeswoman told TASS ...", "he told the agency".

Not a construction of its own: it completes the attribution a speaking verb already gave (its
``channel``), so the chain runs publisher → TASS → spokeswoman with one attribution, on "told".
"""

from __future__ import annotations

from provenance.extract.declare import Trigger, family
from provenance.extract.grammar import Grammar, rel
from provenance.nlp.doc import Word


def addressee_of(g: Grammar, v: Word) -> Word | None:
    """A proper name or an outlet noun (`outlet_nouns`) the verb's words were addressed to."""
    for k in g.sent.children(v.id):
        if k.id < v.id or g.in_quote(k):
            continue
        if rel(k) in ("iobj", "obj") or (rel(k) == "obl" and g.case_of(k) == "to"):
            if k.upos == "PROPN" or (k.upos == "NOUN" and k.lemma.lower() in g.lex.outlet_nouns):
                return k
    return None


def names_outlet(g: Grammar, w: Word) -> bool:
    """A proper name (one ending in a number too: "on Russia 24") or an outlet noun; a day is no
    outlet ("said on Monday")."""
    return (w.upos == "PROPN" and w.lemma.lower() not in g.lex.time_words) \
        or (w.upos == "NOUN" and w.lemma.lower() in g.lex.outlet_nouns) \
        or (w.upos == "NUM" and any(k.upos == "PROPN" and rel(k) in ("compound", "flat") for k in g.sent.children(w.id)))


def went_out_in(g: Grammar, o: Word) -> bool:
    """An outlet something was published or said in: after a preposition of the medium ("posted
    on the state-run WAM", `medium_prepositions`), or after "in" when it is an outlet noun ("in
    Cuban state media"); an issuer's own website is no outlet."""
    if o.lemma.lower() == "website":
        return False
    case = g.case_of(o)
    if case in g.lex.medium_prepositions:
        return names_outlet(g, o)
    return case == "in" and o.upos == "NOUN" and o.lemma.lower() in g.lex.outlet_nouns


def medium_of(g: Grammar, v: Word) -> Word | None:
    """The outlet the words went out on: "said on state television", "announced in the party
    newspaper" (`went_out_in`), "said in a message through official media", "in an interview
    with RIA Novosti", "In statements to the news agency Petra, X stressed", "In remarks made by
    telephone on state television, X said", "Speaking on state TV, X said", "in an interview on
    Russia 24" (`medium_prepositions`; "with" only on a reporting noun): a proper name (one
    ending in a number too) or an outlet noun, outside what was said."""
    def outlet(w: Word) -> bool:
        return names_outlet(g, w)

    verbs = [v, *(k for k in g.kids(v.id, "advcl") if k.id < v.id and k.xpos == "VBG"
                  and k.lemma.lower() in g.lex.speaking_verbs)]
    for verb in verbs:
        for o in g.kids(verb.id, "obl"):
            if g.in_quote(o):
                continue
            if went_out_in(g, o):  # "said on state television", "announced in the state newspaper X"
                return o
            if o.lemma.lower() not in g.lex.nouns:
                continue
            for i in sorted(g.sent.subtree_ids(o.id) - {o.id}):  # "in a message through official media"
                w = g.sent.word(i)
                case = g.case_of(w)
                if rel(w) in ("nmod", "obl") and outlet(w) and (case in g.lex.medium_prepositions or (
                        case in ("with", "to") and g.sent.word(w.head).lemma.lower() in g.lex.nouns)):
                    return w
    return None


def quoted_by(g: Grammar, v: Word) -> Word | None:
    """"..., the governor said, quoted by IRNA", "The minister, quoted by TASS, said ...": the
    outlet that is the agent of a quoting participle (`quote_verbs`) on the cue or on its subject."""
    subj = g.kid(v.id, "nsubj")
    hosts = [(k, True) for k in g.sent.children(v.id)] + ([(k, False) for k in g.kids(subj.id, "acl")] if subj else [])
    for k, on_cue in hosts:
        if k.xpos != "VBN" or k.lemma.lower() not in g.lex.quote_verbs or g.in_quote(k) \
                or (on_cue and (k.id < v.id or rel(k) not in ("ccomp", "advcl", "parataxis", "conj", "xcomp"))):
            continue
        agent = g.agent_of(k)
        if agent is not None and names_outlet(g, agent):
            return agent
    return None


def aired_with_object(g: Grammar, v: Word) -> tuple[Word, Word] | None:
    """"announced the detentions on state television" with the outlet hung on the object: an outlet
    noun named as one (`named_outlet_modifiers`: "state", "official") after "on", closing the
    object's phrase, is where the words went out ("a ban on foreign television" names none)."""
    obj = g.kid(v.id, "obj")
    if obj is None or g.in_quote(obj):
        return None
    last = max(g.sent.subtree_ids(obj.id))
    chain = [obj]  # the object and the nouns hung on it by "of" phrases ("the seizure of weapons on ...")
    while (nxt := next((k for k in g.kids(chain[-1].id, "nmod") if g.case_of(k) == "of"), None)) is not None:
        chain.append(nxt)
    for k in (k for n in chain for k in g.kids(n.id, "nmod")):
        if g.case_of(k) == "on" and k.upos == "NOUN" and k.lemma.lower() in g.lex.outlet_nouns \
                and max(g.sent.subtree_ids(k.id)) == last and any(
                    m.lemma.lower() in g.lex.named_outlet_modifiers for m in g.kids(k.id, "compound", "amod")):
            return obj, k
    return None


@family("addressee", summary="""The outlet a speaker addressed ("told TASS", "said to the agency",
        "Speaking to state television, X said", "Writing in the daily Granma, X accused":
        `speaking_verbs` with a proper-name or `outlet_nouns` addressee), or the outlet the words went
        out on ("said on state television", "in a message through official media", "in an interview
        with RIA Novosti", "in remarks to state television": `medium_prepositions`; "with" and "to"
        only after a reporting noun), or the outlet that quoted them ("said, quoted by IRNA") becomes the channel of the
        attribution the verb already gave; the chain keeps it only when it resolves to a news outlet
        ("told Putin" adds no channel, "told reporters" none either).""",
        trigger=Trigger(lemmas="verb_stance", upos=("VERB",)), emits=(), after=("channel",))
def told_outlet(g: Grammar, v: Word) -> None:
    inner_i = g.by_cue.get(v.id)
    if inner_i is None:
        return
    inner = g.found[inner_i]
    addressee = addressee_of(g, v) if v.lemma.lower() in g.lex.speaking_verbs else None
    if addressee is None:  # "Speaking to state television, the minister said ...": the participle's addressee
        addressee = next((a for k in g.kids(v.id, "advcl") if k.id < v.id and k.xpos == "VBG"
                          and k.lemma.lower() in g.lex.speaking_verbs
                          and (a := addressee_of(g, k)) is not None), None)
    if addressee is None:  # "Writing in the party daily Granma, an essayist accused ...": where it was written
        addressee = next((o for k in g.kids(v.id, "advcl") if k.id < v.id and k.xpos == "VBG"
                          and k.lemma.lower() == "write" and g.sent.word(k.id + 1).lemma.lower() == "in"
                          for o in reversed(g.kids(k.id, "obl"))
                          if o.upos == "PROPN" or o.lemma.lower() in g.lex.outlet_nouns), None)
    if addressee is None:
        addressee = medium_of(g, v)
    if addressee is None:
        addressee = quoted_by(g, v)
    if addressee is None and inner.source is not None and inner.channel is None \
            and (aired := aired_with_object(g, v)) is not None and inner.content is not None:
        obj, addressee = aired
        whole = g.span(g.sent.subtree_ids(obj.id))
        if whole is not None and (whole.start, whole.end) == (inner.content.start, inner.content.end):
            inner.content = g.span(g.sent.subtree_ids(obj.id) - g.sent.subtree_ids(addressee.id))
    if addressee is None or inner.source is None or inner.channel is not None:
        return
    if inner.content is not None and inner.content.start <= addressee.start < inner.content.end:
        return  # the "addressee" is inside what was said
    said = inner.content  # "told state-owned TASS news agency that a fire had broken out": not the outlet's name
    inside = {i for i in g.sent.subtree_ids(addressee.id)
              if said is not None and said.start <= g.sent.word(i).start < said.end}
    inner.channel = g.mention(addressee, drop={c.id for c in g.kids(addressee.id, "case")} | inside)
