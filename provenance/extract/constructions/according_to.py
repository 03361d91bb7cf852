"""according to X."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import CLOSING_TOKENS, Grammar
from provenance.extract.mention import Mention
from provenance.extract.spans import contiguous_run
from provenance.nlp.doc import Word
from provenance.report import TextSpan

ACCORDING_TO = construction("according-to", family="according-to", confidence=0.9, fixture="according_to", doc="""
    Reads: "according to X" at the end, at the start or inside a clause: X is the source, the clause the
        content; the cue is "according to". "According to X and Y" with a news outlet among them gives
        one attribution per source. "According to X, quoted by Y": Y is the channel X reached the
        article through (construction `channel`).
    Example: The drills will resume next month, according to KCNA.
    Not read: "according" not followed by "to"; "according to" a noun that names no source
        (`not_sources`: "according to international rules", "according to plan"), or information
        from no one named (`evidence_nouns`: "according to the information so far").
""")


@family("according-to", summary='"according to X".',
        trigger=Trigger(words=frozenset({"according"})), emits=("according-to", "channel"), after=("noun-that",))
def according_to(g: Grammar, v: Word) -> None:
    to = next((w for w in g.sent.words if w.id == v.id + 1 and w.text.lower() == "to"), None)
    if to is None:
        return
    x = g.sent.word(v.head) if v.head else None
    nominal = x is not None and (x.upos in ("NOUN", "PROPN", "PRON", "NUM", "X")
                                 or (x.upos == "ADJ" and g.kid(x.id, "det") is not None))  # "the daily"
    if x is None or x.id < v.id or not nominal:
        # a parse that does not hang "according" on its object: take the noun phrase after "to"
        x = _np_after(g, to.id)
        if x is None:
            return
    if x.upos == "NOUN" and x.lemma.lower() in g.lex.not_sources:
        return  # "inspected according to international rules", "according to plan": no one is cited
    if x.upos == "NOUN" and x.lemma.lower() in g.lex.evidence_nouns \
            and not any(g.case_of(k) in ("from", "by", "of") for k in g.kids(x.id, "nmod")):
        return  # "according to the information so far": information from no one named
    cue_end = to.end if to else v.end
    cue = TextSpan(text=g.text[v.start:cue_end], start=v.start, end=cue_end)
    drop = {v.id} | ({to.id} if to else set())
    others = _conjoined_outlets(g, x)
    if others:  # "according to provincial police and the state-run Philippine News Agency": one each
        drop = drop | {i for k in others for i in g.sent.subtree_ids(k.id)}
    source = g.mention(x, drop=drop)
    extra = [g.mention(k, drop={c.id for c in g.kids(k.id, "cc")}) for k in others]
    phrase = {i for i in g.sent.subtree_ids(x.id) | drop if g.sent.word(i).upos != "PUNCT"}
    lo, hi = min(phrase), max(phrase)
    words = g.sent.words
    before = lo - 1
    if before > 2 and g.sent.word(before).text in CLOSING_TOKENS and g.sent.word(before - 1).text == ",":
        before -= 1  # 'X said "we will win," according to KCNA.': the comma inside the quotation
    if all(w.upos == "PUNCT" for w in words if w.id > hi) and lo > 1 and \
            g.sent.word(before).text in (",", "\u2014", "--", "("):
        content = g.span({w.id for w in words if w.id < lo - 1})
        _emit(g, v, x, [source, *extra], content, cue)
        return
    if lo == 1 and hi < len(words) and g.sent.word(hi + 1).text == ",":
        content = g.span({w.id for w in words if w.id > hi + 1})
        _emit(g, v, x, [source, *extra], content, cue)
        return
    host = g.sent.word(x.head) if x.head else None
    if host is not None and host.id not in drop and v.id not in g.sent.subtree_ids(host.id) - g.sent.subtree_ids(x.id):
        ids = g.sent.subtree_ids(host.id) - g.sent.subtree_ids(x.id)
    else:  # the parse hangs things oddly: the content is the rest of the sentence
        ids = {w.id for w in g.sent.words} - g.sent.subtree_ids(x.id) - drop
    content = g.span(contiguous_run(g.sent, ids))
    _emit(g, v, x, [source, *extra], content, cue)


def _emit(g: Grammar, v: Word, x: Word, sources: list[Mention | None], content: TextSpan | None,
          cue: TextSpan) -> None:
    """One attribution per source; a source "quoted by" or "cited by" an outlet ("according to
    his press service, quoted by BelTA") reached the article through that outlet, a channel."""
    found = [g.add(v, src, content, "according-to", "according_to", kind="according_to",
                   confidence=ACCORDING_TO.confidence, cue=cue) for src in sources]
    end = max(g.sent.subtree_ids(x.id))
    after = [g.sent.word(end + 2)] if end + 2 <= len(g.sent.words) and g.sent.word(end + 1).text == "," else []
    for k in g.kids(x.id, "acl") + [w for w in after if w.xpos == "VBN"]:  # the participle, however it hangs
        agent = g.agent_of(k)
        if k.id > x.id and k.lemma.lower() in g.lex.quote_verbs and agent is not None and k.id not in g.consumed:
            outlet = g.mention(agent, drop={c.id for c in g.kids(agent.id, "case")})
            idx = g.add(k, outlet, content, "channel", "channel", kind="other", confidence=ACCORDING_TO.confidence)
            for i in found:
                g.found[i].embedded_in = idx
            return


def _conjoined_outlets(g: Grammar, x: Word) -> list[Word]:
    """The noun conjuncts of "according to X and Y" where one of them is a news outlet (each
    outlet has a chain of its own); none otherwise ("according to officials and experts")."""
    conj = [k for k in g.kids(x.id, "conj") if k.upos in ("NOUN", "PROPN")]
    if not conj:
        return []
    parts = [g.sent.subtree_ids(k.id) for k in conj]
    parts.append(g.sent.subtree_ids(x.id) - {i for ids in parts for i in ids})
    if any(g.sent.word(i).lemma.lower() in g.lex.outlet_nouns for ids in parts for i in ids):
        return conj
    return []


def _np_after(g: Grammar, wid: int) -> Word | None:
    """The head of the noun phrase starting after word ``wid`` (up to punctuation)."""
    run = []
    for w in g.sent.words[wid:]:
        if w.upos == "PUNCT" and w.text not in ("'s", "’s"):
            break
        run.append(w)
    ids = {w.id for w in run}
    heads = [w for w in run if w.head not in ids and w.upos in ("NOUN", "PROPN", "PRON")]
    return heads[0] if heads else next((w for w in reversed(run) if w.upos in ("NOUN", "PROPN")), None)
