"""Carried attribution: which chain each sentence rests on when it has no attribution of its own,
or when its speaker was reached through a channel named in the sentence before.

* A sentence that opens a quotation closed by a later sentence with an attribution ('"…' …
  '…," the KCNA quoted him as saying') rests on that later sentence's chain.
* A sentence that continues the previous statement (a floating quotation, "also"/"further",
  another artefact of the kind just attributed: see ``chain.build.is_continuation``), a
  sentence of the same paragraph, and a source-less report ("reportedly") rest on the previous
  statement's chain; a new paragraph with none of these markers ends the carry (unless the
  headline credits the story to a state outlet and the paragraph narrates in the simple past:
  ``account_goes_on``, or the paragraph's subject is an actor of what the state outlet's account
  just before reported: "A court sentenced ..., Xinhua said. / The Hengshan court ordered ...",
  ``actor_goes_on``; or it tells the account's future with "would" right after it, ``backshifted``;
  a sentence naming a month or a year is older news, ``dated``), and so does a
  sentence in the reporter's own voice ("However, ...", "It is unclear ...": the lexicon's
  ``reporter_openers`` / ``reporter_phrases``; a sentence in the present or present perfect
  after a report in the past: "The country has been under sanctions since 1979.") within the
  paragraph.
* A sentence whose subject is a document an account before reported ("The decree sets ...")
  rests on that account's chain (``document_met_again``).
* A headline credited to an outlet named only by its kind ("...: Daily") rests on the first
  sentence after it that names a news outlet.
* A headline whose speaker is a state ("Russia says ...") over a lede told first-hand by an
  official of that state ("Russia's Defence Ministry said ...") rests on the lede's chain.
* A headline with no source of its own rests on the chain of the first attributed sentence
  that holds the words it quotes ("... 'that housed militia'"), else on the lede's chain; an
  unattributed lede rests on its headline's, or, under a headline with no source either, on
  the chain of a sentence credited to a news outlet among the two after it (agency copy
  states the event flatly, then credits it: "Judges gave a poet nine years. The official VNA
  says ..."); a lede in which an official speaks with no channel rests on that official's
  state outlet when it credits the lede's speaker, or the speaker's body, or no one, among the two
  sentences after it ("The ministry denied ... ¶ A source from the ministry said ..., VNA
  reported": ``credited_after``).
* A speaker quoted with no channel keeps the channel of the previous statement when that
  statement's chain reached the same speaker, when the speaker "also" said it, when the
  speaker "was quoted as saying" by no one named (``chain.build.inherits_channel``), and when
  one of the last few statements (a sentence of the reporter's own between or not) named the
  speaker inside a state outlet's own account, relayed the speaker, or relayed the body the
  speaker's title names ("KCNA reported on the drill, which Kim watched. He stressed ...":
  ``named_in_state_account``), unless what the speaker said is on record ("He has said ...", "... on Aug. 16": ``on_record``).
* The sentences with no source of their own before an outlet credited with them after the story
  ("The sentences were reported by the state-run Lao News Agency.": ``credits_the_account_before``),
  back to the last attributed one, rest on it.
* A sentence with no attribution between two statements of one state outlet's account from one
  origin ("WAM quoted the ministry ... ¶ The charges included ... ¶ The ministry added ...") goes
  on with that account (``same_state_account``), unless it is the reporter's aside or background.
Otherwise a sentence with no attribution is the publisher's own voice.

The headline's rules are in ``chain.headline``, the rules of a state outlet's account going on in
``chain.account``, the predicates on paths they share in ``chain.paths``; ``statement_chains``
applies them in order.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from provenance.chain.account import (
    account_actors,
    account_goes_on,
    actor_goes_on,
    background_time,
    backshifted,
    credited_after,
    credits_the_account_before,
    dated,
    document_in_state_account,
    document_met_again,
    first_hand,
    named_in_state_account,
    on_record,
    opens_another_account,
    present_background,
    reported_at,
    reported_in_past,
    reporter_phrase,
    reporters_voice,
    same_state_account,
    state_through_its_media,
)
from provenance.chain.build import (
    ChainBuilder,
    Node,
    StatementChain,
    inherits_channel,
    is_continuation,
)
from provenance.chain.claim import main_claim
from provenance.chain.headline import (
    HEADLINE_CREDIT_WINDOW,
    credited_to_state_media,
    generic_headline_credit,
    headline_speaker_relayed,
    headline_told_by_lede,
    quoted_in,
    topic_before_colon,
    unnamed_outlet,
)
from provenance.chain.paths import state_media_only_paths, through_media
from provenance.extract.lexicon import CueLexicon
from provenance.nlp.doc import ParsedDocument
from provenance.quotes import (
    OPENING_MARKS,
    quotation_states,
    quote_balance,
)
from provenance.report import Attribution

DEFERRED_CREDIT_WINDOW = 2  # sentences after an unattributed lede that may credit its story
QUOTE_WINDOW = 8  # sentences a multi-sentence quotation may run before its closing attribution
CLOSED_QUOTE_FACTOR = 0.7  # confidence of a sentence carried by the attribution that closes its quotation
CONTINUATION_FACTOR = 0.7  # confidence of a sentence carried from the previous statement
INHERITED_CHANNEL_FACTOR = 0.8  # confidence of a speaker's chain completed with the previous channel
RUN_ON_PARAGRAPH = 6  # sentences a paragraph may hold and still be one: copy whose breaks were lost runs
# its whole story on in one "paragraph", whose sentences say nothing of each other's sources
CONTINUATION_MARKERS = ("also", "further")  # adverbs that say a speaker goes on with the same channel


def carried(source: StatementChain, factor: float, carried_from: int) -> StatementChain:
    """The chain of statement ``carried_from``, carried over with the confidence ``factor``."""
    return StatementChain(chain=source.chain, carried=True, paths=source.paths, confidence_factor=factor,
                          carried_from=carried_from)


def through(sc: StatementChain, channel: list[Node], builder: ChainBuilder, carried_from: int) -> StatementChain:
    """The statement heard through ``channel`` (an outlet, after the relays that pass it on),
    put before each of its paths."""
    known = {ChainBuilder.key(n) for n in channel}
    paths = [channel + [n for n in p if ChainBuilder.key(n) not in known] for p in sc.paths]
    return StatementChain(chain=builder.links(max(paths, key=len)), carried=True, paths=paths,
                          confidence_factor=INHERITED_CHANNEL_FACTOR, carried_from=carried_from)


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


def floating_quote_speaker(text: str, parsed: ParsedDocument, out: list[StatementChain], k: int) -> int | None:
    """A quotation standing alone ('"The experts need more time."') after a sentence that
    names the speaker of the account before it as its subject ("Farrokhi linked the delay to
    ..."): the quotation is that speaker's, through the same chain."""
    if k < 2 or not text[parsed.sentences[k].start : parsed.sentences[k].end].lstrip().startswith(tuple(OPENING_MARKS)):
        return None
    earlier = out[k - 2]
    speakers = {w.lower() for p in earlier.paths if p for w in p[-1].name.split() if w[:1].isupper()}
    if not speakers:
        return None
    between = parsed.sentences[k - 1]
    subject = {w.text.lower() for w in between.words if w.deprel.startswith("nsubj") or
               (w.deprel == "flat" and between.word(w.head).deprel.startswith("nsubj"))}
    return k - 2 if subject & speakers else None


def quotation_opener(states: list[tuple[bool, bool]], k: int, window: int = QUOTE_WINDOW) -> int | None:
    """The sentence that opened the quotation sentence ``k`` starts inside, within ``window``."""
    if not states[k][0]:
        return None
    for j in range(k - 1, max(-1, k - 1 - window), -1):
        if states[j][1] and not states[j][0]:
            return j
    return None


def statement_chains(text: str, parsed: ParsedDocument, per_sentence: list[list[Attribution]],
                     builder: ChainBuilder, lexicon: CueLexicon, paragraph: list[int],
                     headline: int | None = None,
                     voiced_by_state_media: frozenset[str] = frozenset()) -> list[StatementChain]:
    """One chain per sentence (statements are sentences), carried where the rules above say.
    ``paragraph``: the paragraph index of each sentence; ``headline``: the headline's sentence;
    ``voiced_by_state_media``: the countries whose government speaks only through its state media."""
    artefact_nouns = set(lexicon.artefact_nouns)
    heard = [bool(atts) and first_hand(sent, atts, lexicon) for sent, atts in zip(parsed.sentences, per_sentence)]
    for k in (k for k, h in enumerate(heard) if h):
        builder.heard_first_hand(per_sentence[k])  # ("told a regular news conference": no state outlet's story alone)
    body = next((k for k in range(len(per_sentence)) if k != headline), None)
    opening = {k for k in (headline, body) if k is not None}  # the headline and the lede
    mains = [main_claim(parsed.sentences[k], atts, lexicon.quote_verbs) if atts and not sourceless(atts) else None
             for k, atts in enumerate(per_sentence)]
    sole = [k not in opening and not heard[k] and not (atts and on_record(sent, atts, text))
            and not opens_another_account(sent, lexicon)  # (told "on Aug. 16", "at a news conference",
            for k, (sent, atts) in enumerate(zip(parsed.sentences, per_sentence))]  # "Earlier on Monday, ...")
    own = [None if main is None else builder.build(main, k in opening, k, sole[k]) if main
           else replace(builder.publisher_only(), own_voice=True) for k, main in enumerate(mains)]
    if headline is not None and topic_before_colon(per_sentence[headline],
                                                   [a for k, a in enumerate(per_sentence) if k != headline]):
        own[headline] = None  # "Harvest Festival: Laos frees ...": a topic, not a speaker; the lede's story
    if body is not None and own[body] is not None \
            and (channel := credited_after(own, body, DEFERRED_CREDIT_WINDOW)) is not None:
        own[body] = through(own[body], channel, builder, body + 1)  # type: ignore[arg-type]
    if headline is not None and body is not None and headline_told_by_lede(own[headline], own[body]):
        own[headline] = carried(own[body], CONTINUATION_FACTOR, body)  # type: ignore[arg-type]
    if headline is not None and body is not None and headline_speaker_relayed(
            own[headline], own[body], per_sentence[headline], text[parsed.sentences[body].start : parsed.sentences[body].end]):
        own[headline] = carried(own[body], CONTINUATION_FACTOR, body)  # type: ignore[arg-type]
    if headline is not None and generic_headline_credit(own[headline]):
        named = next((j for j in range(headline + 1, min(len(own), headline + 1 + HEADLINE_CREDIT_WINDOW))
                      if own[j] is not None and through_media(own[j])), None)
        if named is not None:  # "...: Daily" over "..., said a state-run daily": the outlet the body names
            own[headline] = carried(own[named], CONTINUATION_FACTOR, named)  # type: ignore[arg-type]
    if body is not None and own[body] is None and (headline is None or own[headline] is None) \
            and not per_sentence[body] and not reporters_voice(parsed.sentences[body], text, lexicon):
        credit = next((j for j in range(body + 1, min(len(own), body + 1 + DEFERRED_CREDIT_WINDOW))
                       if own[j] is not None and through_media(own[j])), None)
        if credit is not None:  # "Judges gave a poet nine years. The official VNA says ...": the credit comes after
            own[body] = carried(own[credit], CONTINUATION_FACTOR, credit)
    for k in (body, headline):  # "one of the country's most widely read newspapers is urging ..." then "..., the
        # People's Daily said": the outlet a description stood for is named in the next statements
        if k is None:
            continue
        mine = own[k] if own[k] is not None else builder.build(per_sentence[k], True, k) if per_sentence[k] else None
        if mine is not None and unnamed_outlet(mine, lexicon.outlet_nouns):
            named = next((j for j in range(k + 1, min(len(own), k + 1 + DEFERRED_CREDIT_WINDOW))
                          if own[j] is not None and through_media(own[j])  # type: ignore[arg-type]
                          and not unnamed_outlet(own[j], lexicon.outlet_nouns)), None)  # type: ignore[arg-type]
            if named is not None:
                own[k] = carried(own[named], CONTINUATION_FACTOR, named)  # type: ignore[arg-type]
    states = quotation_states([text[s.start : s.end] for s in parsed.sentences],
                              [k == 0 or paragraph[k] != paragraph[k - 1] for k in range(len(parsed.sentences))])
    sizes = Counter(paragraph)
    credited = False  # the headline credits the story to a state outlet (known once the headline's chain is)
    out: list[StatementChain] = []
    prev: StatementChain | None = None
    for k, (sent, atts) in enumerate(zip(parsed.sentences, per_sentence)):
        sc = own[k]
        if sc is None:
            closer = quote_closed_by(text, parsed, k)
            opener = quotation_opener(states, k)
            if closer is not None and own[closer] is not None:
                sc = carried(own[closer], CLOSED_QUOTE_FACTOR, closer)
            elif opener is not None and any(out[opener].paths):  # the words of a quotation opened before
                sc = carried(out[opener], CLOSED_QUOTE_FACTOR, opener)
            elif k == headline and (j := quoted_in(text, parsed, own, k)) is not None and own[j] is not None:
                sc = carried(own[j], CONTINUATION_FACTOR, j)  # the words a headline quotes are whoever says them
            elif k == headline and k + 1 < len(own) and own[k + 1] is not None:
                sc = carried(own[k + 1], CONTINUATION_FACTOR, k + 1)  # a headline with no credit sums up the lede
            elif headline is not None and k == headline + 1 and own[headline] is not None:
                sc = carried(own[headline], CONTINUATION_FACTOR, headline)  # an unattributed lede tells its headline's story
            elif prev is not None and any(prev.paths) and (
                    (is_continuation(sent, text, prev.paths, artefact_nouns)
                     and not reporters_voice(sent, text, lexicon))
                    or (states[k][1] and not reporter_phrase(sent, text, lexicon))  # ("X also did not say ...";
                    # not 'The agency did not say how many ... a cell "planning attacks"')
                    or (paragraph[k] == paragraph[k - 1] and sizes[paragraph[k]] <= RUN_ON_PARAGRAPH
                        and not reporters_voice(sent, text, lexicon)
                        and not background_time(sent, text)
                        and not (present_background(sent) and reported_in_past(
                            parsed.sentences[origin := reported_at(out, per_sentence, k - 1)], per_sentence[origin])))
                    or (atts and sourceless(atts) and not reporters_voice(sent, text, lexicon)
                        and not background_time(sent, text))):
                sc = carried(prev, CONTINUATION_FACTOR, k - 1)
            elif atts:
                sc = builder.build(atts, k in opening, k, sole[k])
            elif credited and k not in opening and account_goes_on(sent, text, lexicon) and (
                    prev is None or state_media_only_paths([p for p in prev.paths if p])):
                # the report the headline credits goes on: from its account before, else the headline's
                # (not after another source's statement: "South Korea's defence ministry said ...")
                source = prev if prev is not None and any(prev.paths) else out[headline]  # type: ignore[index]
                sc = carried(source, CONTINUATION_FACTOR, k - 1 if source is prev else headline)  # type: ignore[arg-type]
            elif k not in opening and prev is not None and any(prev.paths) \
                    and state_media_only_paths([p for p in prev.paths if p]) and backshifted(sent, text, lexicon):
                sc = carried(prev, CONTINUATION_FACTOR, k - 1)  # "Municipal utilities would report to ...": the account's future
            elif k not in opening and account_goes_on(sent, text, lexicon) and not dated(sent, text) \
                    and (found := account_actors(out, parsed, per_sentence, k)) is not None \
                    and actor_goes_on(sent, found[1], found[2]):
                sc = carried(out[found[0]], CONTINUATION_FACTOR, found[0])
            elif (not reporters_voice(sent, text, lexicon)
                  and (j := document_met_again(sent, parsed, out, lexicon, k)) is not None) \
                    or (j := floating_quote_speaker(text, parsed, out, k)) is not None:
                sc = carried(out[j], CONTINUATION_FACTOR, j)  # a document met again; a floating quotation
            else:
                sc = builder.publisher_only()
        else:
            inherited = None
            record = on_record(sent, atts, text)
            heard = first_hand(sent, atts, lexicon)  # at a news conference, to reporters: no channel before
            if prev is not None and not heard:
                cues = {a.cue.start for a in atts}
                has_also = any(w.lemma.lower() in CONTINUATION_MARKERS and w.deprel == "advmod" and w.head
                               and sent.word(w.head).start in cues for w in sent.words) \
                    and not opens_another_account(sent, lexicon)  # "X also said", not "X said the depot also
                # housed fighters", nor "Earlier on Tuesday, the embassy also denied ..." (another occasion)
                # "X was quoted as saying" with no one quoting: whoever quoted is the channel before
                unquoted = any(a.pattern == "quote-as" and a.embedded_in is None
                               and not any(b.embedded_in == i for b in atts) for i, a in enumerate(atts))
                inherited = inherits_channel(sc.paths, prev.paths, has_also or unquoted)
            if inherited is None and not record and not heard:  # a speaker the state outlet named or relayed (even after
                # a sentence of the reporter's own between), a document the state outlet reported
                inherited = named_in_state_account(sc, out, per_sentence, k, text, parsed) \
                    or document_in_state_account(sc, out, per_sentence, k, lexicon.document_nouns) \
                    or (state_through_its_media(sc, out, k, voiced_by_state_media)
                        if reported_in_past(sent, atts) else None)  # "Pyongyang says ...": its standing line
            if inherited is not None:
                sc = through(sc, inherited, builder, k - 1)
        out.append(sc)
        if k == headline:
            credited = credited_to_state_media(sc, atts, text[sent.start : sent.end])
        prev = sc if (atts or sc.carried) else None
    for k in range(len(out) - 1, -1, -1):  # the opening sentences of a quotation take the chain its closing
        # sentence ended with (a channel it inherited after them: '"...' / '..." Rostami said.' after Tasnim)
        j = out[k].carried_from
        if out[k].carried and j is not None and j > k and own[k] is None and quote_closed_by(text, parsed, k) == j \
                and out[j].paths != out[k].paths:
            out[k] = carried(out[j], out[k].confidence_factor, j)
    for k in range(len(out)):  # the inner sentences of that quotation, carried from its opening one, follow it
        j = out[k].carried_from
        if out[k].carried and j is not None and j < k and own[k] is None and quotation_opener(states, k) == j \
                and out[j].carried and out[j].paths != out[k].paths:
            out[k] = carried(out[j], out[k].confidence_factor, j)
    for k, atts in enumerate(per_sentence):  # "The sentences were reported by X.": the account before
        if credits_the_account_before(atts) and through_media(out[k]):
            j = k - 1
            while j >= 0 and not per_sentence[j] and not any(out[j].paths):
                if not reporters_voice(parsed.sentences[j], text, lexicon) \
                        and not background_time(parsed.sentences[j], text):
                    out[j] = carried(out[k], CONTINUATION_FACTOR, k)
                j -= 1
    for k in range(1, len(out) - 1):  # a sentence between two statements of one state outlet's account
        if not any(out[k].paths) and not per_sentence[k] and k not in opening \
                and same_state_account(out[k - 1], out[k + 1]) \
                and not reporters_voice(parsed.sentences[k], text, lexicon) \
                and not background_time(parsed.sentences[k], text) and not dated(parsed.sentences[k], text) \
                and not present_background(parsed.sentences[k]):
            out[k] = carried(out[k - 1], CONTINUATION_FACTOR, k - 1)
    return out

