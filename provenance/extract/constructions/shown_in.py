"""What an outlet's pictures showed, told as an adverbial: "rescuers dug through the rubble, in
images aired on state broadcaster CCTV": the clause rests on the outlet, as "CCTV showed footage
of ..." does."""

from __future__ import annotations

from provenance.extract.constructions.addressee import names_outlet
from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import Grammar, rel
from provenance.nlp.doc import Word

SHOWN_IN = construction("shown-in", family="shown-in", confidence=0.65, fixture="shown_in_outlet_images", doc="""
    Reads: A phrase "in" + an image or document (`artefact_nouns`: "images", "footage", "a
        video") put out by an outlet (`channel_participles`: "aired on CCTV", "broadcast by
        state television"; the parser may take "broadcast" for the noun) beside a clause: the
        outlet is the source of the rest of the sentence, what its pictures showed.
    Example: Soldiers cleared the road to the village, in footage aired on state television.
    Not read: A phrase hung on a reporting verb ("said in a video posted on ...": see channel); an
        image put out by no outlet ("in photos released by the army": the army is no outlet); a
        phrase inside a quotation; a sentence that is only the phrase.
""")


def _phrase_head(g: Grammar, w: Word) -> Word | None:
    """The "in" phrase the artefact noun heads, or is a compound in ("in footage broadcast by ...")."""
    head = w
    if rel(w) == "compound" and w.head:
        head = g.sent.word(w.head)
    if rel(head) not in ("obl", "nmod") or g.case_of(head) != "in":  # (hung on the object: "cleared the road in
        # footage broadcast by ...")
        return None
    return head


def _put_out(g: Grammar, phrase: Word) -> set[int] | None:
    """The words that tell who put the artefact out: "aired on CCTV" (a participle of putting out
    hung on the noun, or right after it wherever the parser hung it: "in images aired on ..." with
    "aired" on a noun before), or "by state television" after the noun "broadcast" itself."""
    ids = g.sent.subtree_ids(phrase.id)
    if phrase.lemma.lower() in g.lex.channel_participles:
        return ids
    nxt = g.sent.word(phrase.id + 1) if phrase.id < len(g.sent.words) else None
    for k in sorted(ids | ({nxt.id} if nxt is not None else set())):
        p = g.sent.word(k)
        if p.id != phrase.id and p.upos == "VERB" and p.lemma.lower() in g.lex.channel_participles \
                and (rel(p) == "acl" and (p.head == phrase.id or p.id == phrase.id + 1)):
            return g.sent.subtree_ids(p.id)
    return None


def _outlet_in(g: Grammar, words: set[int]) -> Word | None:
    """The outlet after "on" or "by" among the words that tell who put the artefact out."""
    for i in sorted(words):
        o = g.sent.word(i)
        if g.case_of(o) in ("on", "by") and names_outlet(g, o):
            return o
    return None


@family("shown-in", summary="What an outlet's pictures showed, told as an adverbial (\"in images aired on X\").",
        trigger=Trigger(lemmas="artefact_nouns", upos=("NOUN",), unconsumed=True),
        emits=("shown-in",), after=("shown-by",))
def shown_in(g: Grammar, w: Word) -> None:
    phrase = _phrase_head(g, w)
    if phrase is None or g.in_quote(phrase):
        return
    host = g.sent.word(phrase.head) if phrase.head else None
    if host is not None and g.lex.stance_of(host.lemma.lower()) is not None:
        return  # "said in a video aired on ...": the reporting verb's channel
    put_out = _put_out(g, phrase)
    outlet = _outlet_in(g, put_out) if put_out else None
    if outlet is None or put_out is None:
        return
    skip = g.sent.subtree_ids(phrase.id) | put_out
    ids = {i for i in range(1, len(g.sent.words) + 1) if i not in skip and g.sent.word(i).upos != "PUNCT"}
    if not any(g.sent.word(i).upos in ("VERB", "AUX") for i in ids):
        return
    content = g.span(ids)
    if content is None:
        return
    g.add(w, g.mention(outlet, drop={c.id for c in g.kids(outlet.id, "case")}), content, "shown-in", "speech",
          kind="other", confidence=SHOWN_IN.confidence)
