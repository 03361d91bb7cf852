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
  ``actor_goes_on``; a sentence naming a month or a year is older news, ``dated``), and so does a
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
  says ...").
* A speaker quoted with no channel keeps the channel of the previous statement when that
  statement's chain reached the same speaker, when the speaker "also" said it, when the
  speaker "was quoted as saying" by no one named (``chain.build.inherits_channel``), and when
  one of the last few statements named the speaker inside a state outlet's own account
  ("KCNA reported on the drill, which Kim watched. He stressed ...": ``named_in_state_account``),
  unless what the speaker said is on record ("He has said ...", "... on Aug. 16": ``on_record``).
Otherwise a sentence with no attribution is the publisher's own voice.
"""

from __future__ import annotations

import re
from dataclasses import replace

from provenance.chain.build import (
    SPEAKER_CLASSES,
    STATE_MEDIA,
    ChainBuilder,
    Node,
    StatementChain,
    inherits_channel,
    is_continuation,
    is_state_itself,
)
from provenance.chain.claim import main_claim
from provenance.extract.lexicon import CueLexicon
from provenance.nlp.doc import ParsedDocument, Sentence, Word
from provenance.quotes import (
    OPENING_MARKS,
    headline_quotations,
    quotation_states,
    quote_balance,
)
from provenance.report import Attribution
from provenance.resolve.words import load_coref_words

HEADLINE_CREDIT_WINDOW = 3  # sentences after a headline credited to "Daily" that may name the outlet
DEFERRED_CREDIT_WINDOW = 2  # sentences after an unattributed lede that may credit its story
QUOTE_WINDOW = 4  # sentences a multi-sentence quotation may run before its closing attribution
CLOSED_QUOTE_FACTOR = 0.7  # confidence of a sentence carried by the attribution that closes its quotation
CONTINUATION_FACTOR = 0.7  # confidence of a sentence carried from the previous statement
INHERITED_CHANNEL_FACTOR = 0.8  # confidence of a speaker's chain completed with the previous channel
CONTINUATION_MARKERS = ("also", "further")  # adverbs that say a speaker goes on with the same channel


def through_media(sc: StatementChain) -> bool:
    """Does any path of the chain pass through a news outlet?"""
    return any(n.is_media for p in sc.paths for n in p)


def state_media_only_paths(paths: list[list[Node]]) -> bool:
    """Does every path pass through state media?"""
    return all(any(n.source_class in STATE_MEDIA for n in p) for p in paths)


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


FINITE_RELS = ("aux", "aux:pass", "cop")


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


def headline_told_by_lede(head: StatementChain | None, lede: StatementChain | None) -> bool:
    """"Russia says it downed drones" over "Russia's Defence Ministry said ...": a state speaking
    in the headline is the lede's official speaker of that state, told first-hand, not the
    state outlet the article cites elsewhere."""
    if head is None or lede is None or not lede.paths:
        return False
    speakers = [p[-1] for p in head.paths if p]
    if not speakers or not all(is_state_itself(n) for n in speakers):
        return False
    country = speakers[0].country
    return not through_media(lede) and all(
        p and p[-1].source_class in SPEAKER_CLASSES and p[-1].country == country for p in lede.paths)


GENERIC_CREDITS = frozenset({"daily", "paper", "newspaper", "agency", "media", "report", "reports", "television",
                             "tv", "broadcaster", "radio", "wire"})


def generic_headline_credit(head: StatementChain | None) -> bool:
    """"... ideals: Daily", "China paper blasts report": a headline credited to an outlet named
    only by its kind, which no one could identify: the outlet the body names."""
    if head is None or not head.paths:
        return False
    origins = [p[-1] for p in head.paths if p]
    return bool(origins) and all(n.source_class == "unknown" and not n.is_media and _generic_outlet(n.name)
                                 for n in origins) and all(len(p) == 1 for p in head.paths)


GENERIC_MODIFIERS = frozenset({"state", "official", "state-run", "state-owned", "party", "top", "the", "a"})


def _generic_outlet(name: str) -> bool:
    """"Daily", "state media", "China paper": an outlet's kind, with at most a country's name or
    a word of ownership before it ("maritime agency" is a body, not an outlet)."""
    words = name.split()
    return bool(words) and words[-1].lower() in GENERIC_CREDITS \
        and all(w.lower() in GENERIC_MODIFIERS or w[:1].isupper() for w in words[:-1])


DOCUMENT_WINDOW = 4  # statements back a document met again may have been reported


def document_met_again(sent: Sentence, parsed: ParsedDocument, out: list[StatementChain], lexicon: CueLexicon,
                       k: int) -> int | None:
    """"The emir issued a decree, KUNA reported. ¶ The decree sets new elections ...": a
    sentence whose subject is a document the account before reported (the definite noun, or
    one listed with it in ``head_synonyms``) tells what that document says, through the same
    chain."""
    root = next((w for w in sent.words if w.head == 0), None)
    subj = next((w for w in sent.children(root.id) if w.deprel in ("nsubj", "nsubj:pass")), None) \
        if root is not None else None
    if subj is None or subj.upos != "NOUN" or subj.lemma.lower() not in lexicon.document_nouns \
            or not any(d.deprel == "det" and d.lemma.lower() in ("the", "this", "that") for d in sent.children(subj.id)):
        return None
    heads = load_coref_words().synonyms(subj.lemma.lower())
    for j in range(k - 1, max(-1, k - 1 - DOCUMENT_WINDOW), -1):
        if not through_media(out[j]):
            continue
        if any(w.upos == "NOUN" and w.lemma.lower() in heads for w in parsed.sentences[j].words):
            return j
    return None


def headline_speaker_relayed(head: StatementChain | None, lede: StatementChain | None,
                             head_atts: list[Attribution], lede_text: str) -> bool:
    """"Saudi crown prince accuses traders ..." over "Saudi Crown Prince Mohammed bin Salman
    accused traders ..., the Saudi Press Agency reported": the headline's speaker, heard with no channel, is
    the lede's, heard through the outlet the lede names (every word naming the headline's
    speaker is in the lede)."""
    if head is None or lede is None or not head.paths or not lede.paths:
        return False
    if through_media(head) or not through_media(lede):
        return False
    if not all(p and p[-1].source_class in SPEAKER_CLASSES and not is_state_itself(p[-1]) for p in head.paths + lede.paths):
        return False
    lede_words = {w.lower() for w in _WORDS.findall(lede_text)}
    named = [{w.lower() for w in _WORDS.findall(a.source.text)} for a in head_atts if a.source is not None]
    return bool(named) and all(words and words <= lede_words for words in named)


BACKGROUND_TIME = re.compile(r"\b(?:last|earlier this) (?:year|month|week)\b|\b(?:in|since) (?:1[89]|20)\d\d\b"
                             r"|\b(?:years|months|decades) ago\b", re.IGNORECASE)


def background_time(sent: Sentence, text: str) -> bool:
    """"Lending slowed sharply last month ...", "... since 2019": a sentence
    set at an earlier time than the news is background in the reporter's voice, not the
    account before it going on."""
    return BACKGROUND_TIME.search(text[sent.start : sent.end]) is not None


DATED = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
                   r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?!\w)|\b(?:1[89]|20)\d\d\b")


def dated(sent: Sentence, text: str) -> bool:
    """A sentence that names a month or a year ("on March 15", "in February", "from 2014"):
    agency copy names the weekday of the news ("on Thursday") and the date of what is older, so
    such a sentence is not the account of the news going on."""
    return DATED.search(text[sent.start : sent.end]) is not None


GENERIC_CREDIT_END = re.compile(r"[:\-\u2013\u2014]\s*(?:state\s+)?(?:" + "|".join(sorted(GENERIC_CREDITS)) + r")\s*$",
                                re.IGNORECASE)  # "...: report", "... - state media" 


def credited_to_state_media(head: StatementChain | None, head_atts: list[Attribution], head_text: str) -> bool:
    """"Belarus charges 15 over fuel smuggling: report", "...: KCNA": a headline that credits its
    story to an outlet (a credit the extractor read, or a bare kind such as ": report"), which
    the chain shows to be state media: the article retells that outlet's report."""
    return head is not None and bool(head.paths) \
        and (any(a.pattern == "headline-credit" for a in head_atts) or GENERIC_CREDIT_END.search(head_text) is not None) \
        and state_media_only_paths(head.paths)


def account_goes_on(sent: Sentence, text: str, lexicon: CueLexicon) -> bool:
    """A paragraph of an article that retells a state outlet's report, telling in the simple past
    what happened ("In Grodno police detained six suspects"): the report goes on; background is
    told otherwise (the present or present perfect, an earlier time, the reporter's asides, a
    quotation)."""
    body = text[sent.start : sent.end]
    if any(m in body for m in OPENING_MARKS) or background_time(sent, text) or reporters_voice(sent, text, lexicon):
        return False
    root = next((w for w in sent.words if w.head == 0), None)
    if root is None or root.upos not in ("VERB", "AUX"):
        return False
    first = first_finite(sent)
    if first is None or first.xpos != "VBD" or first.lemma.lower() == "have":
        return False  # the present, a modal, the past perfect
    return first.lemma.lower() != "be" or root.upos == "VERB"  # "were found guilty", not "was a minister"


ACTOR_PRONOUNS = frozenset({"he", "she", "they"})
ACTOR_WINDOW = 3  # statements back the state outlet's account whose actor a sentence may go on with


def _subject(sent: Sentence) -> Word | None:
    """The subject of the sentence's main clause."""
    return next((w for w in sent.words if w.deprel in ("nsubj", "nsubj:pass") and w.head
                 and sent.word(w.head).head == 0), None)


def actor_goes_on(sent: Sentence, actors: list[Word], names: set[str]) -> bool:
    """"A court sentenced seven men ..., Xinhua said. / The Hengshan court ordered ...":
    a sentence whose subject is an actor of what the account before reported (the same noun,
    a word of the same name, or he / she / they for it) tells more of that account."""
    subj = _subject(sent)
    if subj is None:
        return False
    if subj.upos == "PRON":
        return subj.text.lower() in ACTOR_PRONOUNS and any(w.upos in ("PROPN", "NOUN") for w in actors)
    own = {t.text for t in sent.words if t.upos == "PROPN" and (t.id == subj.id or t.head == subj.id)}
    return any(w.lemma.lower() == subj.lemma.lower() for w in actors) or bool(own & names)


def account_actors(out: list[StatementChain], parsed: ParsedDocument, per_sentence: list[list[Attribution]],
                   k: int) -> tuple[int, list[Word], set[str]] | None:
    """The statement that was the last state outlet's account within ``ACTOR_WINDOW`` statements,
    with the subjects of what it reported and the names it gave; None when another source
    spoke since."""
    for j in range(k - 1, max(-1, k - 1 - ACTOR_WINDOW), -1):
        sc = out[j]
        if not any(sc.paths):
            continue
        if not state_media_only_paths([p for p in sc.paths if p]):
            return None
        origin = sc.carried_from if sc.carried_from is not None and not per_sentence[j] else j
        sents = {origin, j}
        spans = [(a.content.start, a.content.end) for a in per_sentence[origin] if a.content is not None]
        actors: list[Word] = []
        names: set[str] = set()
        for i in sorted(sents):
            for w in parsed.sentences[i].words:
                inside = i != origin or any(a <= w.start < b for a, b in spans)
                if inside and w.deprel in ("nsubj", "nsubj:pass"):
                    actors.append(w)
                if inside and w.upos == "PROPN":
                    names.add(w.text)
        return (j, actors, names) if actors or names else None
    return None


def present_background(sent: Sentence) -> bool:
    """A sentence whose main verb is in the present or the present perfect ("The country
    has been under sanctions since 1979.", "Kim Il-sung is the founder of the state."):
    background in the reporter's voice once a source has been reported in the past."""
    first = first_finite(sent)
    return first is not None and first.xpos in ("VBZ", "VBP")


def first_finite(sent: Sentence) -> Word | None:
    """The main clause's first finite verb or auxiliary (its tense: "has been", "were found")."""
    root = next((w for w in sent.words if w.head == 0), None)
    if root is None:
        return None
    verbs = sorted([root, *(k for k in sent.children(root.id) if k.deprel in FINITE_RELS)], key=lambda w: w.id)
    return next((w for w in verbs if w.xpos in ("VBZ", "VBP", "VBD", "MD")), None)


def on_record(sent: Sentence, atts: list[Attribution], text: str) -> bool:
    """"He has said the country will never ...", "... announced an amnesty on Aug. 16": what a
    speaker has said over time (a cue in the present perfect) or said at a date older than the
    news is on record, not heard through the state outlet whose account is being retold."""
    cues = {a.cue.start for a in atts}
    perfect = any(w.start in cues and any(k.deprel == "aux" and k.lemma.lower() == "have" and k.xpos in ("VBZ", "VBP")
                                          for k in sent.children(w.id)) for w in sent.words)
    return perfect or dated(sent, text)


def reported_at(out: list[StatementChain], per_sentence: list[list[Attribution]], k: int) -> int:
    """The sentence whose attributions statement ``k`` rests on: itself, or the one it was
    carried from (followed back through every carry)."""
    seen: set[int] = set()
    while not per_sentence[k] and out[k].carried_from is not None and k not in seen:
        seen.add(k)
        k = out[k].carried_from  # type: ignore[assignment]
    return k


def reported_in_past(sent: Sentence, atts: list[Attribution]) -> bool:
    """Was a cue of these attributions a verb in the past ("said", "reported")?"""
    cues = {a.cue.start for a in atts}
    return any(w.start in cues and (w.xpos == "VBD" or any(  # "said", "was quoted as saying"
        k.deprel in FINITE_RELS and k.xpos == "VBD" for k in sent.children(w.id))) for w in sent.words)


STATE_ACCOUNT_WINDOW = 3  # statements back a speaker may have been named in a state outlet's account
NAME_WORD = re.compile(r"[A-Z][\w'-]{2,}")


def named_in_state_account(sc: StatementChain, before: list[StatementChain], per_sentence: list[list[Attribution]],
                           k: int, text: str = "", parsed: ParsedDocument | None = None) -> list[Node] | None:
    """A person speaking with no channel ("He stressed the need ...") whom one of the last few
    statements named inside what a state outlet reported ("KCNA reported on the drill, which
    leader Kim Jong Un watched"), or beside a speaker the outlet relayed ('..., the foreign minister
    was quoted as saying during a call with Swedish Foreign Minister Anna Lind': the call is the
    outlet's account, not the minister's words): the outlet's account goes on, and its channel
    comes first."""
    speakers = [p[-1] for p in sc.paths if p]
    if not speakers or through_media(sc) \
            or not all(n.source_class in SPEAKER_CLASSES and not is_state_itself(n) for n in speakers):
        return None
    names = {w for n in speakers for w in NAME_WORD.findall(n.name) if not w.isupper()}  # not "UAE" of "one UAE daily"
    for j in range(k - 1, max(-1, k - 1 - STATE_ACCOUNT_WINDOW), -1):
        for path in before[j].paths:
            cut = max((i for i, n in enumerate(path) if n.source_class in STATE_MEDIA), default=None)
            if cut is None:
                continue
            if cut == len(path) - 1:  # the state outlet is the account's origin: what it reported
                words = {w for a in per_sentence[j] if a.content is not None for w in NAME_WORD.findall(a.content.text)}
            elif parsed is not None and per_sentence[j]:  # it relays someone: the words around the relayed ones
                words = set(NAME_WORD.findall(_outside(text, parsed.sentences[j], per_sentence[j])))
            else:
                continue
            if names & words:
                return path[: cut + 1]
    return None


STATE_VOICE_WINDOW = 2  # statements back a state's own outlet may have told what the state claims


def state_through_its_media(sc: StatementChain, before: list[StatementChain], k: int,
                            voiced: frozenset[str]) -> list[Node] | None:
    """"..., KCNA said. The North claimed the mission was a success.": a state whose government
    speaks only through its state media (``voiced``: countries.yaml ``voiced_by_state_media``),
    speaking with no channel right after its own outlet's account, is heard through that
    outlet."""
    speakers = [p[-1] for p in sc.paths if p]
    if not speakers or through_media(sc) or any(len(p) != 1 for p in sc.paths) \
            or not all(is_state_itself(n) for n in speakers):
        return None
    countries = {n.country for n in speakers}
    if len(countries) != 1 or not countries <= voiced:
        return None
    for j in range(k - 1, max(-1, k - 1 - STATE_VOICE_WINDOW), -1):
        for path in before[j].paths:
            if path and path[-1].source_class in STATE_MEDIA and path[-1].country in countries:
                return list(path)
    return None


def _outside(text: str, sent: Sentence, atts: list[Attribution]) -> str:
    """The sentence's text with every attribution's content and source blanked out."""
    chars = list(text[sent.start : sent.end])
    for a in atts:
        for x in (a.content, a.source):
            if x is not None:
                for i in range(max(0, x.start - sent.start), min(len(chars), x.end - sent.start)):
                    chars[i] = " "
    return "".join(chars)


def document_in_state_account(sc: StatementChain, before: list[StatementChain], per_sentence: list[list[Attribution]],
                              k: int, document_nouns: frozenset[str]) -> list[Node] | None:
    """"..., said the decree" when one of the last few statements had a state outlet report the
    decree ('"The president has signed decree number 9 ...," said the agency'): the document
    reached the article through that outlet, whose channel comes first."""
    speakers = [p[-1] for p in sc.paths if p]
    if not speakers or through_media(sc) or any(len(p) != 1 for p in sc.paths):
        return None
    heads = {n.name.split()[-1].lower() for n in speakers if n.source_class == "unknown"}
    if len(heads) != len(speakers) or not heads <= document_nouns:
        return None
    synonyms = {h for head in heads for h in load_coref_words().synonyms(head)}
    for j in range(k - 1, max(-1, k - 1 - DOCUMENT_WINDOW), -1):
        for path in before[j].paths:
            if not path or path[-1].source_class not in STATE_MEDIA:
                continue  # the state outlet must be the account's origin
            words = {w.lower() for a in per_sentence[j] if a.content is not None for w in _WORDS.findall(a.content.text)}
            if synonyms & words:
                return list(path)
    return None


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
                     headline: int | None = None,
                     voiced_by_state_media: frozenset[str] = frozenset()) -> list[StatementChain]:
    """One chain per sentence (statements are sentences), carried where the rules above say.
    ``paragraph``: the paragraph index of each sentence; ``headline``: the headline's sentence;
    ``voiced_by_state_media``: the countries whose government speaks only through its state media."""
    artefact_nouns = set(lexicon.artefact_nouns)
    body = next((k for k in range(len(per_sentence)) if k != headline), None)
    opening = {k for k in (headline, body) if k is not None}  # the headline and the lede
    mains = [main_claim(parsed.sentences[k], atts, lexicon.quote_verbs) if atts and not sourceless(atts) else None
             for k, atts in enumerate(per_sentence)]
    own = [None if main is None else builder.build(main, k in opening) if main
           else replace(builder.publisher_only(), own_voice=True) for k, main in enumerate(mains)]
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
    states = quotation_states([text[s.start : s.end] for s in parsed.sentences],
                              [k == 0 or paragraph[k] != paragraph[k - 1] for k in range(len(parsed.sentences))])
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
                    is_continuation(sent, text, prev.paths, artefact_nouns) or states[k][1]
                    or (paragraph[k] == paragraph[k - 1] and not reporters_voice(sent, text, lexicon)
                        and not background_time(sent, text)
                        and not (present_background(sent) and reported_in_past(
                            parsed.sentences[origin := reported_at(out, per_sentence, k - 1)], per_sentence[origin])))
                    or (atts and sourceless(atts) and not reporters_voice(sent, text, lexicon)
                        and not background_time(sent, text))):
                sc = carried(prev, CONTINUATION_FACTOR, k - 1)
            elif atts:
                sc = builder.build(atts, k in opening)
            elif credited and k not in opening and account_goes_on(sent, text, lexicon) and (
                    prev is None or state_media_only_paths([p for p in prev.paths if p])):
                # the report the headline credits goes on: from its account before, else the headline's
                # (not after another source's statement: "South Korea's defence ministry said ...")
                source = prev if prev is not None and any(prev.paths) else out[headline]  # type: ignore[index]
                sc = carried(source, CONTINUATION_FACTOR, k - 1 if source is prev else headline)  # type: ignore[arg-type]
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
            if prev is not None:
                cues = {a.cue.start for a in atts}
                has_also = any(w.lemma.lower() in CONTINUATION_MARKERS and w.deprel == "advmod" and w.head
                               and sent.word(w.head).start in cues for w in sent.words)  # "X also said", not
                # "X said the depot also housed fighters"
                # "X was quoted as saying" with no one quoting: whoever quoted is the channel before
                unquoted = any(a.pattern == "quote-as" and a.embedded_in is None
                               and not any(b.embedded_in == i for b in atts) for i, a in enumerate(atts))
                inherited = inherits_channel(sc.paths, prev.paths, has_also or unquoted) \
                    or (named_in_state_account(sc, out, per_sentence, k, text, parsed) if not record else None)
            if inherited is None and not record:  # a document the state outlet reported
                inherited = document_in_state_account(sc, out, per_sentence, k, lexicon.document_nouns) \
                    or (state_through_its_media(sc, out, k, voiced_by_state_media)
                        if reported_in_past(sent, atts) else None)  # "Pyongyang says ...": its standing line
            if inherited is not None:
                known = {ChainBuilder.key(i) for i in inherited}
                paths = [inherited + [n for n in p if ChainBuilder.key(n) not in known] for p in sc.paths]
                primary = max(paths, key=len)
                sc = StatementChain(chain=builder.links(primary), carried=True, paths=paths,
                                    confidence_factor=INHERITED_CHANNEL_FACTOR, carried_from=k - 1)
        out.append(sc)
        if k == headline:
            credited = credited_to_state_media(sc, atts, text[sent.start : sent.end])
        prev = sc if (atts or sc.carried) else None
    return out
