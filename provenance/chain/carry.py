"""Carried attribution: which chain each sentence rests on when it has no attribution of its own,
or when its speaker was reached through a channel named in the sentence before.

* A sentence that opens a quotation closed by a later sentence with an attribution ('"…' …
  '…," the KCNA quoted him as saying') rests on that later sentence's chain.
* A sentence that continues the previous statement (a floating quotation, "also"/"further",
  another artefact of the kind just attributed: see ``chain.build.is_continuation``), a
  sentence of the same paragraph, and a source-less report ("reportedly") rest on the previous
  statement's chain; a new paragraph with none of these markers ends the carry, and so does a
  sentence in the reporter's own voice ("However, ...", "It is unclear ...": the lexicon's
  ``reporter_openers`` / ``reporter_phrases``) within the paragraph.
* A headline with no source of its own rests on the chain of the first attributed sentence
  that holds the words it quotes ("... 'that housed militia'"), else on the lede's chain; an
  unattributed lede rests on its headline's.
* A speaker quoted with no channel keeps the channel of the previous statement when that
  statement's chain reached the same speaker, when the speaker "also" said it, or when the
  speaker "was quoted as saying" by no one named (``chain.build.inherits_channel``).
Otherwise a sentence with no attribution is the publisher's own voice.
"""

from __future__ import annotations

import re

from provenance.chain.build import ChainBuilder, StatementChain, inherits_channel, is_continuation
from provenance.extract.lexicon import CueLexicon
from provenance.nlp.doc import ParsedDocument, Sentence
from provenance.quotes import headline_quotations, quote_balance
from provenance.report import Attribution

QUOTE_WINDOW = 4  # sentences a multi-sentence quotation may run before its closing attribution
CLOSED_QUOTE_FACTOR = 0.7  # confidence of a sentence carried by the attribution that closes its quotation
CONTINUATION_FACTOR = 0.7  # confidence of a sentence carried from the previous statement
INHERITED_CHANNEL_FACTOR = 0.8  # confidence of a speaker's chain completed with the previous channel
CONTINUATION_MARKERS = ("also", "further")  # adverbs that say a speaker goes on with the same channel


def carried(source: StatementChain, factor: float, carried_from: int) -> StatementChain:
    """The chain of statement ``carried_from``, carried over with the confidence ``factor``."""
    return StatementChain(chain=source.chain, carried=True, paths=source.paths, confidence_factor=factor,
                          carried_from=carried_from)


def sourceless(atts: list[Attribution]) -> bool:
    """Only source-less attributions ("reportedly", "it was reported"): the report goes on
    with the chain before it."""
    return all(a.source is None for a in atts)


def quote_closed_by(text: str, parsed: ParsedDocument, k: int, window: int = QUOTE_WINDOW) -> int | None:
    """For a sentence that opens a quotation it does not close, the later sentence that
    closes it (a multi-sentence quote with the cue at the end)."""
    sents = parsed.sentences
    if quote_balance(text[sents[k].start : sents[k].end]) != 1:
        return None
    for j in range(k + 1, min(len(sents), k + 1 + window)):
        bal = quote_balance(text[sents[j].start : sents[j].end])
        if bal == -1:
            return j
        if bal == 1:
            return None
    return None


def reporters_voice(sent: Sentence, text: str, lexicon: CueLexicon) -> bool:
    """"However, a strike call drew crowds.", "It is unclear where the launch took place.":
    the reporter speaking, not the source of the sentence before."""
    first = next((w for w in sent.words if w.upos != "PUNCT"), None)
    if first is not None and first.text.lower() in lexicon.reporter_openers:
        return True
    low = " ".join(text[sent.start : sent.end].lower().split())
    return any(p in low for p in lexicon.reporter_phrases)


def quoted_in(text: str, parsed: ParsedDocument, own: list[StatementChain | None], headline: int) -> int | None:
    """The first attributed body sentence holding words the headline quotes ("Strikes hit a
    unit 'that housed militia'" ... "a monitor said the strikes hit a depot that housed
    militia"): the headline's quotation is that speaker's."""
    sents = parsed.sentences
    quoted = [_WORDS.findall(q.lower()) for q in headline_quotations(text[sents[headline].start : sents[headline].end])]
    if not quoted:
        return None
    for j, sent in enumerate(sents):
        if j == headline or own[j] is None:
            continue
        body = _WORDS.findall(text[sent.start : sent.end].lower())
        if any(q and _in_order(q, body) for q in quoted):
            return j
    return None


_WORDS = re.compile(r"\w+")


def _in_order(words: list[str], body: list[str]) -> bool:
    """Every quoted word in the body, in the quotation's order (a headline may drop a word:
    'that housed militia' ... "that also housed militia fighters")."""
    it = iter(body)
    return all(w in it for w in words)


def statement_chains(text: str, parsed: ParsedDocument, per_sentence: list[list[Attribution]],
                     builder: ChainBuilder, lexicon: CueLexicon, paragraph: list[int],
                     headline: int | None = None) -> list[StatementChain]:
    """One chain per sentence (statements are sentences), carried where the rules above say.
    ``paragraph``: the paragraph index of each sentence; ``headline``: the headline's sentence."""
    artefact_nouns = set(lexicon.artefact_nouns)
    body = next((k for k in range(len(per_sentence)) if k != headline), None)
    opening = {k for k in (headline, body) if k is not None}  # the headline and the lede
    own = [builder.build(atts, k in opening) if atts and not sourceless(atts) else None
           for k, atts in enumerate(per_sentence)]
    out: list[StatementChain] = []
    prev: StatementChain | None = None
    for k, (sent, atts) in enumerate(zip(parsed.sentences, per_sentence)):
        sc = own[k]
        if sc is None:
            closer = quote_closed_by(text, parsed, k)
            if closer is not None and own[closer] is not None:
                sc = carried(own[closer], CLOSED_QUOTE_FACTOR, closer)
            elif k == headline and (j := quoted_in(text, parsed, own, k)) is not None and own[j] is not None:
                sc = carried(own[j], CONTINUATION_FACTOR, j)  # the words a headline quotes are whoever says them
            elif k == headline and k + 1 < len(own) and own[k + 1] is not None:
                sc = carried(own[k + 1], CONTINUATION_FACTOR, k + 1)  # a headline with no credit sums up the lede
            elif headline is not None and k == headline + 1 and own[headline] is not None:
                sc = carried(own[headline], CONTINUATION_FACTOR, headline)  # an unattributed lede tells its headline's story
            elif prev is not None and any(prev.paths) and (
                    is_continuation(sent, text, prev.paths, artefact_nouns)
                    or (paragraph[k] == paragraph[k - 1] and not reporters_voice(sent, text, lexicon))
                    or (atts and sourceless(atts))):
                sc = carried(prev, CONTINUATION_FACTOR, k - 1)
            elif atts:
                sc = builder.build(atts, k in opening)
            else:
                sc = builder.publisher_only()
        elif prev is not None:
            cues = {a.cue.start for a in atts}
            has_also = any(w.lemma.lower() in CONTINUATION_MARKERS and w.deprel == "advmod" and w.head
                           and sent.word(w.head).start in cues for w in sent.words)  # "X also said", not
            # "X said the depot also housed fighters"
            # "X was quoted as saying" with no one quoting: whoever quoted is the channel before
            unquoted = any(a.pattern == "quote-as" and a.embedded_in is None for a in atts)
            inherited = inherits_channel(sc.paths, prev.paths, has_also or unquoted)
            if inherited is not None:
                known = {ChainBuilder.key(i) for i in inherited}
                paths = [inherited + [n for n in p if ChainBuilder.key(n) not in known] for p in sc.paths]
                primary = max(paths, key=len)
                sc = StatementChain(chain=builder.links(primary), carried=True, paths=paths,
                                    confidence_factor=INHERITED_CHANNEL_FACTOR, carried_from=k - 1)
        out.append(sc)
        prev = sc if (atts or sc.carried) else None
    return out
