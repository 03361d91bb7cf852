"""Headlines credit their source after the claim: "Drills to resume next month: Yonhap",
"Minister quits over budget - TASS"."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import Grammar
from provenance.extract.mention import Mention
from provenance.report import TextSpan

HEADLINE_CREDIT = construction("headline-credit", family="headline", confidence=0.75, fixture="headline_credit", doc="""
    Reads: A headline that ends with a dash or a colon and a short name (one to four capitalised words,
        no verb): the name is the source of the claim before it. Only in the article's headline.
    Example: Minister quits over budget row - TASS
    Not read: A dash or colon inside a body sentence; a name after the dash of more than four words or
        with a verb ("... - and more to come"); a hyphen inside a word ("Ex-Governor Gets Ten Years").
""")
CREDIT_MARKS = frozenset({"-", "\u2013", "\u2014", "--", ":", "|"})
MAX_CREDIT_WORDS = 4
MIN_CLAIM_WORDS = 3


@family("headline", summary="Source credits at the end of a headline.",
        trigger=Trigger(sentence=True, headline=True), emits=("headline-credit",), after=("adverbial",))
def headline_credit(g: Grammar) -> None:
    words = [w for w in g.sent.words]
    while words and words[-1].upos == "PUNCT" and words[-1].text not in CREDIT_MARKS:
        words.pop()
    k = len(words) - 1
    while k >= 0 and words[k].text not in CREDIT_MARKS:
        k -= 1
    credit = words[k + 1:]
    claim = [w for w in words[:k] if w.upos != "PUNCT"]
    if k < 1 or not credit or len(credit) > MAX_CREDIT_WORDS or len(claim) < MIN_CLAIM_WORDS:
        return
    if any(w.upos in ("VERB", "AUX") or not (w.text[:1].isupper() or w.text in ("'s", "\u2019s", "-", "."))
           for w in credit):
        return
    mark = words[k]
    if mark.text != ":" and words[k - 1].end == mark.start and mark.end == credit[0].start:
        return  # a hyphen inside a word ("Laos Ex-Governor Gets Ten Years"), no dash
    head = next((w for w in reversed(credit) if w.upos in ("PROPN", "NOUN")), credit[-1])
    source = Mention(span=TextSpan(text=g.text[credit[0].start : credit[-1].end], start=credit[0].start,
                                   end=credit[-1].end),
                     sentence=g.sent.index, head=head.id, head_lemma=head.lemma.lower(), upos=head.upos)
    content = g.span({w.id for w in words[:k]})
    for other in g.found:  # "Turkey says it killed 14 militants - Anadolu": the credit is no part of what Turkey said
        if other.content is not None and other.content.start < mark.start < other.content.end:
            other.content = g.span({w.id for w in words[:k] if w.start >= other.content.start})
    g.add(mark, source, content, "headline-credit", "speech", kind="other",
          cue=TextSpan(text=mark.text, start=mark.start, end=mark.end), confidence=HEADLINE_CREDIT.confidence)
