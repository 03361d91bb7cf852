"""A state outlet's account going on: when a sentence with no attribution of its own tells
more of the account before it, when a speaker with no channel was heard through the state outlet
whose account is retold, and when a sentence is the reporter's own voice or on record instead
(used by ``chain.carry.statement_chains``)."""
from __future__ import annotations

import re

from provenance.chain.build import (
    SPEAKER_CLASSES,
    STATE_MEDIA,
    ChainBuilder,
    Node,
    StatementChain,
    is_state_itself,
)
from provenance.chain.paths import WORDS, state_media_only_paths, through_media
from provenance.extract.lexicon import CueLexicon
from provenance.nlp.doc import ParsedDocument, Sentence, Word
from provenance.quotes import OPENING_MARKS
from provenance.report import Attribution
from provenance.resolve.words import load_coref_words


def reporters_voice(sent: Sentence, text: str, lexicon: CueLexicon) -> bool:
    """"However, a strike call drew crowds.", "It is unclear where the launch took place.":
    the reporter speaking, not the source of the sentence before."""
    first = next((w for w in sent.words if w.upos != "PUNCT"), None)
    if first is not None and first.text.lower() in lexicon.reporter_openers:
        return True
    return reporter_phrase(sent, text, lexicon)


def reporter_phrase(sent: Sentence, text: str, lexicon: CueLexicon) -> bool:
    """"The agency did not say how many were held", "The move comes as ...": a phrase of the reporter's
    own (``reporter_phrases``), whatever word opens the sentence."""
    low = " ".join(text[sent.start : sent.end].lower().split())
    return any(p in low for p in lexicon.reporter_phrases)


def opens_another_account(sent: Sentence, lexicon: CueLexicon) -> bool:
    """"Earlier on Tuesday, the embassy also denied ...", "Separately, ...": a sentence that
    opens on another occasion (``another_account_openers``); its "also" adds a speaker, not the
    channel of the one before."""
    first = next((w for w in sent.words if w.upos != "PUNCT"), None)
    return first is not None and first.text.lower() in lexicon.another_account_openers


FINITE_RELS = ("aux", "aux:pass", "cop")


DOCUMENT_WINDOW = 4  # statements back a document met again may have been reported


def document_met_again(sent: Sentence, parsed: ParsedDocument, out: list[StatementChain], lexicon: CueLexicon,
                       k: int) -> int | None:
    """"The emir issued a decree, KUNA reported. ¶ The decree sets new elections ...": a
    sentence whose subject is a document the account before reported (the definite noun, or
    one listed with it in ``head_synonyms``) tells what that document says, through the same
    chain."""
    root = next((w for w in sent.words if w.head == 0), None)
    if root is not None and root.lemma.lower() in lexicon.broadcast_verbs | lexicon.channel_participles:
        return None  # "The article was published a day before the summit": about the document, not what it says
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


BACKGROUND_TIME = re.compile(r"\b(?:last|earlier this) (?:year|month|week)\b|\b(?:in|since) (?:1[89]|20)\d\d\b"
                             r"|\b(?:years|months|decades) ago\b|\b(?:previously|formerly|recently)\b"
                             r"|\b(?:weeks|months|years) (?:earlier|before)\b", re.IGNORECASE)


def background_time(sent: Sentence, text: str) -> bool:
    """"Lending slowed sharply last month ...", "... since 2019", "He previously served as ...", "recently": a sentence
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


def account_goes_on(sent: Sentence, text: str, lexicon: CueLexicon) -> bool:
    """A paragraph of an article that retells a state outlet's report, telling in the simple past
    what happened ("In Grodno police detained six suspects"): the report goes on; background is
    told otherwise (the present or present perfect, an earlier time or a month or year named,
    the reporter's asides, a quotation)."""
    body = text[sent.start : sent.end]
    if any(m in body for m in OPENING_MARKS) or background_time(sent, text) or reporters_voice(sent, text, lexicon) \
            or dated(sent, text):
        return False  # (a month or a year named: older than the news, "In December, 23 people were killed")
    root = next((w for w in sent.words if w.head == 0), None)
    if root is None or root.upos not in ("VERB", "AUX"):
        return False
    first = first_finite(sent)
    if first is None or first.xpos != "VBD" or first.lemma.lower() == "have":
        return False  # the present, a modal, the past perfect
    return first.lemma.lower() != "be" or root.upos == "VERB"  # "were found guilty", not "was a minister"


ACTOR_PRONOUNS = frozenset({"he", "she", "they"})
NEW_DETERMINERS = frozenset({"a", "an", "another", "some", "other"})  # "a group of countries": someone new
ACTOR_WINDOW = 3  # statements back the state outlet's account whose actor a sentence may go on with


def _subject(sent: Sentence) -> Word | None:
    """The subject of the sentence's main clause."""
    return next((w for w in sent.words if w.deprel in ("nsubj", "nsubj:pass") and w.head
                 and sent.word(w.head).head == 0), None)


def actor_goes_on(sent: Sentence, actors: list[Word], names: set[str]) -> bool:
    """"A court sentenced seven men ..., Xinhua said. / The Hengshan court ordered ...":
    a sentence whose subject is an actor of what the account before reported (the same noun,
    not introduced as new by "a" or "another"; a word of the same name; or he / she / they for
    it) tells more of that account."""
    subj = _subject(sent)
    if subj is None:
        return False
    if subj.upos == "PRON":
        return subj.text.lower() in ACTOR_PRONOUNS and any(w.upos in ("PROPN", "NOUN") for w in actors)
    own = {t.text for t in sent.words if t.upos == "PROPN" and (t.id == subj.id or t.head == subj.id)}
    new = any(t.head == subj.id and t.deprel == "det" and t.lemma.lower() in NEW_DETERMINERS for t in sent.words)
    return (not new and any(w.lemma.lower() == subj.lemma.lower() for w in actors)) or bool(own & names)


def account_actors(out: list[StatementChain], parsed: ParsedDocument, per_sentence: list[list[Attribution]],
                   k: int) -> tuple[int, list[Word], set[str]] | None:
    """The last state outlet's account within ``ACTOR_WINDOW`` statements, with the subjects of
    what it and the state-media-only accounts just before it reported ("The emir issued a
    decree ..., QNA said. / The authority would ..., QNA said. / The emir also ...") and the
    names the last one gave; None when another source spoke since, or the reporter in their own
    voice ("The two countries have been rivals for decades."): the account no longer goes on."""
    found: int | None = None
    actors: list[Word] = []
    names: set[str] = set()
    for j in range(k - 1, max(-1, k - 1 - ACTOR_WINDOW), -1):
        sc = out[j]
        if not any(sc.paths) or not state_media_only_paths([p for p in sc.paths if p]):
            break  # another source spoke since, or the reporter in their own voice (background)
        found = j if found is None else found
        origin = sc.carried_from if sc.carried_from is not None and not per_sentence[j] else j
        spans = [(a.content.start, a.content.end) for a in per_sentence[origin] if a.content is not None]
        for i in sorted({origin, j}):
            for w in parsed.sentences[i].words:
                inside = i != origin or any(a <= w.start < b for a, b in spans)
                if inside and w.deprel in ("nsubj", "nsubj:pass"):
                    actors.append(w)
                    names.update(t.text for t in parsed.sentences[i].words  # the actor's own name
                                 if t.upos == "PROPN" and (t.id == w.id or t.head == w.id))
                if inside and w.upos == "PROPN" and j == found:  # any name: of the last account only
                    names.add(w.text)
    return (found, actors, names) if found is not None and (actors or names) else None


def backshifted(sent: Sentence, text: str, lexicon: CueLexicon) -> bool:
    """"Municipal utilities would report to the new body." right after a state outlet's
    account: a main clause whose first finite verb is "would" (reported speech shifted back, the
    account's future) tells more of what the outlet reported."""
    body = text[sent.start : sent.end]
    if any(m in body for m in OPENING_MARKS) or background_time(sent, text) or dated(sent, text) \
            or reporters_voice(sent, text, lexicon):
        return False
    first = first_finite(sent)
    subj = _subject(sent)
    return first is not None and first.lemma.lower() == "would" and first.xpos == "MD" \
        and subj is not None and subj.upos in ("NOUN", "PROPN")  # not "It would be the first ..."


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
    """"He has said the country will never ...", "... announced an amnesty on Aug. 16", "Last
    week, the North threatened ...": what a speaker has said over time (a cue in the present perfect)
    or said at a date or time older than the news (``dated``, ``background_time``) is on record,
    not heard through the state outlet whose account is being retold."""
    cues = {a.cue.start for a in atts}
    perfect = any(w.start in cues and any(k.deprel == "aux" and k.lemma.lower() == "have" and k.xpos in ("VBZ", "VBP")
                                          for k in sent.children(w.id)) for w in sent.words)
    return perfect or dated(sent, text) or background_time(sent, text)


def first_hand(sent: Sentence, atts: list[Attribution], lexicon: CueLexicon) -> bool:
    """"Karimi said at a news conference ...", "he told reporters": words said where the reporter
    hears them (``first_hand_occasions``: the last words of a phrase on the cue, with its compounds)
    take no outlet's channel from the statements before."""
    cues = {a.cue.start for a in atts}
    for w in sent.words:
        if w.start not in cues:
            continue
        for k in sent.children(w.id):
            if k.deprel.split(":")[0] not in ("obl", "obj", "iobj", "nmod"):
                continue
            words = [c.lemma.lower() for c in sent.children(k.id) if c.deprel == "compound" and c.id < k.id]
            phrase = " ".join([*words, k.lemma.lower()])
            if any(phrase == o or phrase.endswith(" " + o) for o in lexicon.first_hand_occasions):
                return True
    return False


def reported_at(out: list[StatementChain], per_sentence: list[list[Attribution]], k: int) -> int:
    """The sentence whose attributions statement ``k`` rests on: itself, or the one it was
    carried from (followed back through every carry)."""
    seen: set[int] = set()
    while not per_sentence[k] and out[k].carried_from is not None and k not in seen:
        seen.add(k)
        k = out[k].carried_from  # type: ignore[assignment]
    return k


def reported_in_past(sent: Sentence, atts: list[Attribution]) -> bool:
    """Was the account told in the past: a cue in the past ("said", "reported"), or a cue in the
    present whose reported clause is in the past ("MENA says three were sentenced in absentia")?"""
    cues = {a.cue.start for a in atts}

    def past(w: Word) -> bool:  # "said", "was quoted as saying"
        return w.xpos == "VBD" or any(k.deprel in FINITE_RELS and k.xpos == "VBD" for k in sent.children(w.id))

    return any(w.start in cues and (past(w) or any(k.deprel == "ccomp" and past(k) for k in sent.children(w.id)))
               for w in sent.words)


STATE_ACCOUNT_WINDOW = 3  # statements back a speaker may have been named (not relayed) in a state outlet's account
NAME_WORD = re.compile(r"[A-Z][\w'-]{2,}")
DESCRIPTION_OPENERS = ("the ", "a ", "an ")  # a speaker so named is described, not named


def named_in_state_account(sc: StatementChain, before: list[StatementChain], per_sentence: list[list[Attribution]],
                           k: int, text: str = "", parsed: ParsedDocument | None = None) -> list[Node] | None:
    """A person speaking with no channel ("He stressed the need ...") whom one of the last few
    statements named inside what a state outlet reported ("KCNA reported on the drill, which
    leader Kim Jong Un watched"), or beside a speaker the outlet relayed ('..., the foreign minister
    was quoted as saying during a call with Swedish Foreign Minister Anna Lind': the call is the
    outlet's account, not the minister's words), or whom the outlet relayed, in any statement
    before, carried ones included, while no other outlet was heard quoting them since
    ("..., Hamid Nikpour was quoted as saying. ... Nikpour added ..."), or who holds a title in
    the body the outlet relayed ("The chairman of the KGB, Igor Petrov, said ..." after "the
    KGB announced ..., BelTA reported"), or of whom what the outlet reported right after they spoke
    opens with "he" or "she": the outlet's account goes on, and its channel comes first."""
    speakers = [next((n for n in p if n.source_class in SPEAKER_CLASSES), p[-1])  # the outer speaker
                for p in sc.paths if p]  # ("He said economists warn ...": he)
    if any(p and not p[0].identified and len(p) > 1 for p in sc.paths):
        return None  # "X was quoted as saying by the newspaper Hamshahri": a channel of its own, known or not
    if not speakers or through_media(sc) \
            or not all(n.source_class in SPEAKER_CLASSES and not is_state_itself(n) for n in speakers):
        return None
    keys = {ChainBuilder.key(n) for n in speakers}
    names = {w for n in speakers if not n.name.lower().startswith(DESCRIPTION_OPENERS)  # a description ("The
             for w in NAME_WORD.findall(n.name) if not w.isupper()}  # Israeli military", "A British Embassy
    # spokesman") names no one; nor "UAE" of "one UAE daily"
    bodies = {w for n in speakers if n.name.lower().startswith("the ")  # "The chairman of the KGB, Igor
              for w in NAME_WORD.findall(n.name) if w != "The"}  # Petrov": the body the title names
    for j in range(k - 1, -1, -1):  # the same speaker the outlet relayed before, however far back, unless
        # the article heard them through another outlet since
        for path in before[j].paths:
            if not keys & {ChainBuilder.key(n) for n in path}:
                continue
            cut = max((i for i, n in enumerate(path) if n.is_media or not n.identified), default=None)
            if cut is not None and cut < len(path) - 1:  # (an outlet no one classed heard them too:
                return path[: cut + 1] if path[cut].source_class in STATE_MEDIA else None  # "the newspaper X")
    for j in _statements_back(before, k, STATE_ACCOUNT_WINDOW):
        for path in before[j].paths:
            cut = max((i for i, n in enumerate(path) if n.source_class in STATE_MEDIA), default=None)
            if cut is None:
                continue
            relayed = " ".join([path[-1].name, *(a.source.text for a in per_sentence[j] if a.source is not None)])
            if cut < len(path) - 1 and bodies and _same_body(bodies, set(NAME_WORD.findall(relayed))):
                return path[: cut + 1]  # an official of the body the outlet relayed ("the KGB announced
                # ..., BelTA reported. The chairman of the KGB, Igor Petrov, said ...")
            if cut == len(path) - 1:  # the state outlet is the account's origin: what it reported
                words = {w for a in per_sentence[j] if a.content is not None for w in NAME_WORD.findall(a.content.text)}
                if j > 0 and _told_of_by_pronoun(per_sentence[j]) \
                        and keys & {ChainBuilder.key(n) for p in before[j - 1].paths for n in p}:
                    return path[: cut + 1]  # "X called on ... / He spoke to the parents of pupils ..., PETRA reported. /
                    # X said ...": the outlet's account, told of X by "he", goes on
            elif parsed is not None and per_sentence[j]:  # it relays someone: the words around the relayed ones
                words = set(NAME_WORD.findall(_outside(text, parsed.sentences[j], per_sentence[j])))
            else:
                continue
            if names & words and not _of_another_state(speakers, path[cut]):
                return path[: cut + 1]
    return None


def _of_another_state(speakers: list[Node], outlet: Node) -> bool:
    """Every speaker is a body of a state other than the outlet's ("South Korea's military said
    ..." after Rodong Sinmun warned that "the South" would pay: the North's paper named the
    South, it did not relay its military). A person is named by name, and a foreign minister
    named in the outlet's account of a call may speak through it."""
    return outlet.country is not None and all(not n.person and n.country is not None and n.country != outlet.country
                                              for n in speakers)


def _statements_back(before: list[StatementChain], k: int, window: int) -> list[int]:
    """The last ``window`` statements before ``k``, the opening sentences of the quotation ``k``
    closes not counted (they are ``k``'s own words, carried from it)."""
    def carried_from_k(j: int) -> bool:  # its carries, followed one after the other, lead to k
        seen: set[int] = set()
        while j < len(before) and before[j].carried and before[j].carried_from is not None and j not in seen:
            seen.add(j)
            j = before[j].carried_from  # type: ignore[assignment]
        return j == k

    out: list[int] = []
    for j in range(k - 1, -1, -1):
        if len(out) == window:
            break
        if not carried_from_k(j):
            out.append(j)
    return out


STATE_VOICE_WINDOW = 2  # statements back a state's own outlet may have told what the state claims


def _same_body(described: set[str], relayed: set[str]) -> bool:
    """The words of a speaker's description name the body an outlet relayed: an acronym they
    share ("KGB"), or two capitalised words ("Foreign Ministry")."""
    shared = described & relayed
    return any(w.isupper() for w in shared) or len(shared) >= 2


def _told_of_by_pronoun(atts: list[Attribution]) -> bool:
    """What a state outlet reported opens with "he" or "she" ("He spoke to the
    parents of pupils ..., the agency reported"): it tells of the person the sentence before had speak."""
    return any(a.content is not None and a.content.text.split(" ", 1)[0] in ("He", "She") for a in atts)


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
            words = {w.lower() for a in per_sentence[j] if a.content is not None for w in WORDS.findall(a.content.text)}
            if synonyms & words:
                return list(path)
    return None


def same_state_account(before: StatementChain, after: StatementChain) -> bool:
    """Both chains run through state media only, to the same outlet and the same origin
    ("WAM quoted the ministry as saying ... ¶ The charges included ... ¶ The ministry
    added ..."): the sentence between them is that account going on."""
    def ends(sc: StatementChain) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        for p in sc.paths:
            media = [n for n in p if n.source_class in STATE_MEDIA]
            if media:
                out.add((ChainBuilder.key(media[-1]), ChainBuilder.key(p[-1])))
        return out
    if not any(before.paths) or not any(after.paths):
        return False
    if not state_media_only_paths([p for p in before.paths if p]) or not state_media_only_paths([p for p in after.paths if p]):
        return False
    return bool(ends(before)) and ends(before) == ends(after)


def credited_after(own: list[StatementChain | None], lede: int, window: int) -> list[Node] | None:
    """"Vietnam's Ministry of Industry and Trade denied ... ¶ A source from the ministry said ...,
    the state-run Vietnam News Agency reported.", "The energy ministry says the pipeline will reopen.
    ¶ State television reported the date ...": a lede in which an official or a body of one country
    speaks with no channel, followed within ``window`` statements by that country's state outlet
    reporting alone, or relaying the same speaker or someone of the same body ("a source from the
    ministry"), was heard through that outlet: agency copy states the official's words first and
    credits them after.  Another outlet crediting first ("told Reuters") leaves the lede as it is."""
    sc = own[lede]
    if sc is None or through_media(sc):
        return None
    speakers = [p[-1] for p in sc.paths if p]
    if not speakers or not all(n.source_class in SPEAKER_CLASSES and not is_state_itself(n) for n in speakers):
        return None
    countries = {n.country for n in speakers}
    if len(countries) != 1 or None in countries:
        return None
    keys = {ChainBuilder.key(n) for n in speakers}
    heads = {w for n in speakers if n.source_class == "official_body"  # "ministry" of "X's Ministry of Trade"
             for w in n.name.lower().split() if w in load_coref_words().organisation_head_nouns}
    for j in range(lede + 1, min(len(own), lede + 1 + window)):
        later = own[j]
        if later is None or not through_media(later):
            continue
        for path in later.paths:
            cut = next((i for i, n in enumerate(path) if n.source_class in STATE_MEDIA and n.country in countries), None)
            if cut is None:
                continue
            rest = path[cut + 1 :]
            if not rest or any(ChainBuilder.key(n) in keys or heads & set(n.name.lower().split()) for n in rest):
                return path[: cut + 1]
        return None  # the first outlet after the lede credits someone else
    return None


def credits_the_account_before(atts: list[Attribution]) -> bool:
    """"The sentences were reported by the state-run Lao News Agency.": an outlet credited, after the
    story, with what the sentences before it told (a passive report whose subject points back to
    them); the sentences with no source of their own back to the last attributed one rest on it."""
    return len(atts) == 1 and atts[0].pattern == "passive-agent" and atts[0].content is not None \
        and atts[0].content.end <= atts[0].cue.start and atts[0].source is not None
