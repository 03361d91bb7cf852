"""Reporting verbs read from the dependency parse ("X said (that) Y", "Y, X said", "…, saying Y"),
with the recoveries that read the surface when the parse gave the verb nothing to work with."""

from __future__ import annotations

from provenance.extract.constructions.call import call_for
from provenance.extract.constructions.sourceless import SOURCELESS
from provenance.extract.constructions.surface import (
    SURFACE,
    inverted_object,
    mistagged_inverted,
    surface_clause,
    surface_forward,
)
from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import PASS_SUBJ, RELATIVE, SUBJ, Grammar, rel
from provenance.extract.mention import Role
from provenance.extract.spans import contiguous_run
from provenance.nlp.doc import Word
from provenance.quotes import CLOSING_TOKENS
from provenance.report import Stance, TextSpan

NSUBJ_CCOMP = construction("nsubj-ccomp", family="speech-verb", confidence=0.9, fixture="nsubj_ccomp", doc="""
    Reads: A reporting verb with a subject and a complement clause: the subject is the source and the
        clause the content ("that" included). Also a clause parsed as a conjunct or adverbial with
        "that", "whether" or "if".
    Example: Reuters said that the talks had failed.
    Not read: Modal, infinitival or imperative uses ("will say", "to say", "Tell that to ..."), idioms
        ("needless to say").
""")
PARATAXIS = construction("parataxis", family="speech-verb", confidence=0.85, fixture="parataxis", doc="""
    Reads: The content before the cue and the cue clause after it: "Y, X said", '"Y," said X', with the
        speaker the noun phrase next to the cue (inverted or not).
    Example: The talks failed, Reuters said.
    Not read: A cue clause inside the quotation it would introduce.
""")
CONTROLLED = construction("controlled", family="speech-verb", confidence=0.8, fixture="slip_seed_participle_and_artefact", doc="""
    Reads: A reporting verb with no subject of its own ("…, saying Y", "X met Y and said Z"): the
        speaker is the subject of the verb that controls it.
    Example: Kim praised the troops, saying they had fought bravely.
    Not read: A participle whose controller is a phrase with a preposition.
""")
XCOMP = construction("xcomp", family="speech-verb", confidence=0.75, fixture="xcomp_urged", doc="""
    Reads: Verbs whose to-infinitive is the content (`infinitive_content_verbs`): "X urged Congress to
        act".
    Example: The ministry urged citizens to stay indoors.
    Not read: Other verbs with a to-infinitive (the infinitive is not what was said).
""")
NSUBJ_OBJ = construction("nsubj-obj", family="speech-verb", confidence=0.7, fixture="object_content", doc="""
    Reads: A verb whose noun-phrase object is what was said (`object_content_verbs`, "expressed"): "X
        cited the report", "KCNA reported the launch", "X expressed belief that ..."; a verb of
        judgement (`judgement_verbs`) with the judgement beside its object: "X denounced the drills
        as a provocation", or with a statement or document as its subject: "The article condemned
        the anniversary"; a verb of reporting on a topic (`topic_verbs`) with no object: "KCNA
        reported on the drill, which ...".
    Example: The agency confirmed the launch.
    Not read: Objects of other verbs; a judgement verb with no judgement and a speaker that is no
        text ("the court rejected the appeal" is an act); a time word parsed as the object ("state
        media reported Monday"); a negated verb ("X did not mention the date": what was not said, the reporter's observation).
""")
QUOTE_FALLBACK = construction("quote-fallback", family="speech-verb", confidence=0.6, fixture="quote_fallback", doc="""
    Reads: A reporting verb with a subject but no clause, whose content is the closest quotation in the
        sentence (at most 40 characters away).
    Example: Lavrov spoke briefly. He said: "We are ready."
    Not read: A quotation farther away, one that contains the cue, or one inside the verb's object
        ('ordered a "significant" withdrawal').
""")
PASSIVE_AGENT = construction("passive-agent", family="speech-verb", confidence=0.8, fixture="passive_agent", doc="""
    Reads: A passive reporting verb with a by-agent: "Y was reported by X"; with a subject that
        points back ("The sentences were reported by the state-run Lao News Agency", "This was
        reported by BelTA."), the subject is what was reported (the account before rests on the
        outlet: see docs/wire-copy.md).
    Example: The launch was reported by KCNA.
    Not read: A passive with no agent (see sourceless).
""")

SPEECH_PATTERNS = ("nsubj-ccomp", "parataxis", "controlled", "xcomp", "nsubj-obj", "quote-fallback")
CONFIDENCE = {c.name: c.confidence for c in (NSUBJ_CCOMP, PARATAXIS, CONTROLLED, XCOMP, NSUBJ_OBJ, QUOTE_FALLBACK, SURFACE)}


@family("speech-verb", summary="Reporting verbs (the lexicon's stance verbs) and their recoveries.",
        trigger=Trigger(lemmas="verb_stance", upos=("VERB", "AUX"), unconsumed=True),
        emits=("nsubj-ccomp", "parataxis", "controlled", "xcomp", "nsubj-obj", "quote-fallback", "passive-agent",
               "sourceless", "surface", "call-for", "call-label"),
        after=("quote-as",))
def speech_verb(g: Grammar, v: Word) -> None:
    if g.negated(v) and any(
            p in " ".join(g.text[g.sent.start : g.sent.end].lower().split()) for p in g.lex.reporter_phrases):
        return  # "X did not mention when ...", "X did not say where": what was not said, the reporter's observation
    if v.lemma.lower() in g.lex.channel_participles and v.deprel.startswith("acl") and v.head \
            and (noun := g.sent.word(v.head)).lemma.lower() in g.lex.document_nouns and rel(noun) == "obl" \
            and noun.head and g.lex.stance_of(g.sent.word(noun.head).lemma.lower()) is not None:
        return  # "said in a video posted on state television that ...": the channel of "said" (see channel)
    if not structured_speech_verb(g, v):
        surface_clause(g, v)
    if v.id not in g.consumed:
        surface_forward(g, v)


def structured_speech_verb(g: Grammar, v: Word) -> bool:
    """The dependency patterns; False when the parse gave them nothing to work with."""
    lemma = v.lemma.lower()
    if g.hypothetical(v):
        return True
    if inverted_object(g, v):  # "…, reports Yonhap, quoting …" parsed with Yonhap as object
        mistagged_inverted(g, v)
        return True
    if lemma == "call":
        call_for(g, v)
        return True
    stance = g.lex.stance_of(lemma) or "neutral"
    if quotation_then_cue(g, v, stance):
        return True
    if closing_participle(g, v):
        return False  # read from the surface: "Y, the state-run KUNA news agency reported."
    passive = g.is_passive(v)
    ids, how = g.content_ids(v, allow_xcomp=lemma in g.lex.infinitive_content_verbs)
    if how == "controlled" and ids and g.sent.word(min(ids)).upos == "ADP":
        ids = None  # "Writing in the daily Granma, X accused ...": where, not what
    if how == "parataxis" and ids and lemma in g.lex.clause_only_verbs and any(
            v.id < o.id < min(ids) for o in g.kids(v.id, "obj")):
        return True  # "the emir maintained firm control over the courts, a ban on ...": an action on an
        # object, then a phrase set beside it; "maintain" reports only a clause or a quotation
    content = g.span(ids)
    if content is None:
        content = g.quote_near(v) if v.deprel != "ccomp" else None
        how = "quote-fallback"
        obj = g.kid(v.id, "obj")
        if content is not None and obj is not None and quoted_word_of(g, content, obj):
            content = None  # 'ordered a "significant" withdrawal': a quoted word of the object, not speech
        if content is None and lemma in g.lex.clause_only_verbs and obj is not None and obj.id > v.id:
            content, how = g.span(g.clause_after_cue(v)), "nsubj-ccomp"  # "said the union expected …"
        if obj is None and lemma in g.lex.object_content_verbs:  # "denied on Wednesday a recent report ..."
            obj = next((k for k in g.kids(v.id, "obl") if k.id > v.id and not g.kids(k.id, "case")
                        and k.upos == "NOUN" and k.lemma.lower() not in g.lex.time_words), None)
        if content is None and lemma in g.lex.object_content_verbs and obj is not None and obj.id > v.id \
                and not g.negated(v) \
                and obj.upos in ("NOUN", "PROPN") and obj.lemma.lower() not in RELATIVE \
                and obj.lemma.lower() not in g.lex.time_words:  # "state media reported Saturday": when
            content, how = g.span(g.sent.subtree_ids(obj.id)), "nsubj-obj"  # "X cited the report"
        if content is None and lemma in g.lex.judgement_verbs and obj is not None and obj.id > v.id \
                and (obj.upos in ("NOUN", "PROPN") or (obj.upos == "PRON" and obj.lemma.lower() not in RELATIVE)) \
                and (judged(g, v, obj) or written_judgement(g, v)):  # "accused them of failing to share ..."
            content, how = g.span(g.sent.subtree_ids(obj.id) | judged(g, v, obj)), "nsubj-obj"
        if content is None and lemma in g.lex.topic_verbs and obj is None and g.kid(v.id, "nsubj") is not None:
            topic = next((k for k in g.kids(v.id, "obl") if k.id > v.id and k.upos in ("NOUN", "PROPN")
                          and k.lemma.lower() not in g.lex.time_words
                          and g.case_of(k) in ("on", "about")), None)  # "KCNA reported on the drill, which ..."
            if topic is not None:
                content, how = g.span(g.sent.subtree_ids(topic.id) - {c.id for c in g.kids(topic.id, "case")}), "nsubj-obj"
        if content is None and passive and lemma in g.lex.topic_verbs and g.agent_of(v) is not None:
            done = g.kid(v.id, *PASS_SUBJ)  # "The sentences were reported by X": what was reported
            if done is not None and (done.upos == "NOUN" and any(
                    d.lemma.lower() in g.lex.reported_again for d in g.kids(done.id, "det"))  # is what was told before
                    or done.upos == "PRON" and done.lemma.lower() in DEMONSTRATIVES):  # "This was reported by BelTA."
                content, how = g.span(g.sent.subtree_ids(done.id)), "passive-agent"
        if content is None:
            return False
    elif lemma in g.lex.quote_only_verbs and how not in ("parataxis", "nsubj-ccomp"):
        return True
    if how == "xcomp" and passive:
        g.add(v, None, content, "sourceless", "sourceless", stance=stance, confidence=SOURCELESS.confidence)
        return True
    if passive and how == "nsubj-obj":
        return True  # "journalists were denied visas": a passive with an object is an action, not a report
    if passive:
        agent = g.agent_of(v)
        source = g.mention(agent, drop={c.id for c in g.kids(agent.id, "case")}) if agent else None
        if source is None:
            g.add(v, None, content, "sourceless", "sourceless", stance=stance, confidence=SOURCELESS.confidence)
            return True
        g.add(v, source, content, "passive-agent", "speech", stance=stance, confidence=PASSIVE_AGENT.confidence)
        return True
    subj = g.subject(v) or g.participle_subject(v)
    if subj is not None and subj.head == v.id and g.kids(subj.id, "case"):
        return True  # "In a message posted Friday, X said": a phrase with a preposition speaks for no one
    if subj is None and how == "parataxis" or (subj is None and v.deprel == "parataxis"):
        # "…, said Batchelder." with the name parsed as object
        obj = g.kid(v.id, "obj")
        if obj is not None and obj.id > v.id and obj.upos in ("PROPN", "NOUN", "PRON"):
            subj = obj
    given = g.kid(v.id, *SUBJ)
    surface = given is not None and given.lemma.lower() in g.lex.time_words  # subject() looked elsewhere
    before = g.sent.word(v.id - 1) if v.id > 1 else None
    if subj is not None and v.deprel == "conj" and subj.head != v.id and before is not None \
            and before.upos in ("NOUN", "PROPN") and ids is not None and before.id in ids and not g.in_quote(before):
        subj, surface = before, True  # "... when a quake struck, state media said.": the noun phrase the
        # content swallowed right before the cue speaks, not the subject of the clause it was joined to;
        ids, how = {w.id for w in g.sent.words if w.id < v.id}, "surface"  # what it said: all before it
    if subj is not None and g.in_quote(subj) and not g.in_quote(v):
        subj, surface = g.speaker_outside_quotes(v), True  # the parser took a word of the quotation
    if subj is not None and subj.lemma.lower() in g.lex.time_words:
        subj, surface = g.speaker_outside_quotes(v), True  # "…, said Hollande Friday": a date is nobody
    if subj is None:
        return False
    others: list[Word] = []
    if surface:  # the parse put the speaker somewhere odd: read its noun phrase from the surface
        np_ids = g.surface_np(subj, v)
        source = g.surface_mention(np_ids, subj)
        if ids is not None and ids & np_ids:  # the content's subtree swallowed the speaker
            content = g.span(contiguous_run(g.sent, {i for i in ids if i < min(np_ids)}
                                               if min(np_ids) < v.id else ids - np_ids))
            if content is None:
                return False
    else:
        drop = g.sent.subtree_ids(v.id) if subj.id in g.sent.subtree_ids(v.id) and subj.head != v.id else set()
        with_case = {c.id for c in g.kids(subj.id, "case") if c.lemma.lower() == "with"}
        if v.head == subj.id and with_case:  # "with the news agency stressing ...": the agency alone
            drop |= g.sent.subtree_ids(v.id) | with_case
        if subj.head == 0:  # the subject noun made the root: keep only what precedes it
            drop |= {i for k in g.sent.children(subj.id) if k.id > subj.id for i in g.sent.subtree_ids(k.id)}
        others = conjoined_speakers(g, subj, v)
        if others:  # "Both Japan's defense ministry and KCNA said ...": one attribution per speaker
            drop = drop | {i for k in others for i in g.sent.subtree_ids(k.id)} \
                | {i for i in g.sent.subtree_ids(subj.id) if g.sent.word(i).lemma.lower() in PRECONJUNCTIONS}
        source = g.mention(subj, drop=drop - {subj.id} if drop else None)
    pattern = "controlled" if g.kid(v.id, *SUBJ) is None and how != "surface" else how
    role: Role = "artefact" if source and source.issuer else "speech"
    conf = CONFIDENCE[pattern]
    g.add(v, source, content, pattern, role, stance=stance, confidence=conf)
    for k in others:
        g.add(v, g.mention(k, drop={c.id for c in g.kids(k.id, "cc")}), content, pattern, "speech",
              stance=stance, confidence=conf)
    return True


def closing_participle(g: Grammar, v: Word) -> bool:
    """"Y, the state-run KUNA news agency reported." with the cue parsed as a participle on the
    noun before it (a reduced relative): the cue ends the sentence right after that noun, and a
    comma opens the noun phrase, so the noun phrase is the speaker, not a reported thing."""
    if not v.deprel.startswith("acl") or v.head != v.id - 1 or g.kids(v.id):
        return False
    rest = [w for w in g.sent.words if w.id > v.id]
    if any(w.upos != "PUNCT" for w in rest):
        return False
    start = min(i for i in g.sent.subtree_ids(v.head) if g.sent.word(i).upos != "PUNCT")
    return start > 1 and g.sent.word(start - 1).text == ","


PRECONJUNCTIONS = frozenset({"both", "either", "neither"})


def quoted_word_of(g: Grammar, span: TextSpan, w: Word) -> bool:
    """The quotation is a part of w's phrase with words of the phrase outside it (a quoted
    word or two of an object: 'a "significant" withdrawal')."""
    words = [g.sent.word(i) for i in g.sent.subtree_ids(w.id) if g.sent.word(i).upos != "PUNCT"]
    if not words:
        return False
    start, end = min(x.start for x in words), max(x.end for x in words)
    outside = [x for x in words if x.end <= span.start or x.start >= span.end]
    return start <= span.start and span.end <= end + 1 and bool(outside)


DEMONSTRATIVES = frozenset({"this", "that"})


def written_judgement(g: Grammar, v: Word) -> bool:
    """A judgement verb whose subject is a statement or a document ("The article condemned a new
    anniversary"): a text can only judge in words, with or without the judgement beside the object."""
    subj = g.subject(v)
    return subj is not None and subj.upos == "NOUN" and subj.lemma.lower() in g.lex.nouns


def judged(g: Grammar, v: Word, obj: Word) -> set[int]:
    """The judgement beside a judgement verb's object ("as a provocation", "for the
    shortages", "on militants": the verb's own prepositions in `judgement_verbs`), on the
    verb or on the object; empty when there is none."""
    cases = g.lex.judgement_verbs.get(v.lemma.lower(), frozenset())
    for k in [*g.kids(v.id, "obl", "advcl", "xcomp"), *g.kids(obj.id, "nmod", "acl")]:
        if k.id > obj.id and k.lemma.lower() not in g.lex.time_words \
                and any(c.lemma.lower() in cases for c in g.kids(k.id, "case", "mark")):
            return g.sent.subtree_ids(k.id)  # "as a provocation", "as politically motivated"
    return set()


def conjoined_speakers(g: Grammar, subj: Word, v: Word) -> list[Word]:
    """Nominal conjuncts of the subject before the cue ("X and Y said")."""
    def outlet(ids: set[int]) -> bool:  # "... and North Korea's official Korean Central News Agency"
        return any(g.sent.word(i).lemma.lower() in g.lex.outlet_nouns for i in ids)

    conj = [k for k in g.kids(subj.id, "conj") if k.upos in ("PROPN", "NOUN") and k.id < v.id and not g.in_quote(k)]
    parts = [g.sent.subtree_ids(k.id) for k in conj]
    own = g.sent.subtree_ids(subj.id) - {i for ids in parts for i in ids}
    parts.append(own)
    # one attribution per speaker only where one of them is an outlet, which has a chain of its own
    # ("Syrian state media and a monitoring group reported": two channels); "Mr. Grassley and
    # Mr. Leahy said" is one source, as newsrooms and PolNeAR read it
    if not conj or not any(outlet(ids) for ids in parts):
        return []
    return conj


def quotation_then_cue(g: Grammar, v: Word, stance: Stance) -> bool:
    """'"Y," said X, who ...' / '"Y," X said ...': a quotation closed by a comma right
    before the cue clause is the content, whatever the parser made of it; the speaker is
    the noun phrase between the quotation and the cue, or right after the cue."""
    if v.xpos == "VBG":
        return False  # '... before the "flood season," adding the province's farms are watered ...': a
        # participle's speaker is its clause's subject, never the noun after it
    words = g.sent.words
    i = v.id - 2  # index of the word before the cue
    np_ids: set[int] = set()
    if i >= 0 and words[i].text not in CLOSING_TOKENS:
        # '"Y," Sen. Jane Roe (D-Ore.), a member of the panel, said': the speaker stands between
        k = i
        while k >= 0 and words[k].text not in CLOSING_TOKENS and not g.in_quote(words[k]) and i - k < 30:
            k -= 1
        segment = words[k + 1 : i + 1]
        while segment and segment[-1].text in (",", "—"):
            segment.pop()
        if k < 1 or not segment or segment[0].upos not in ("PROPN", "NOUN", "PRON", "DET", "ADJ") \
                or not any(w.upos in ("PROPN", "NOUN", "PRON") for w in segment) \
                or any(w.upos in ("VERB", "AUX") and w.xpos not in ("VBG", "VBN") and not g.in_relative(w)
                       for w in segment):
            return False
        np_ids = {w.id for w in segment}
        i = k
    if i < 1 or words[i].text not in CLOSING_TOKENS or words[i - 1].text != ",":
        return False
    quote = next(((a, b) for a, b in g.quotes if b == words[i].end), None)
    if quote is None and not any(a < words[i].end for a, _ in g.quotes):
        quote = (words[0].start, words[i].end)  # a quotation opened in an earlier sentence
    if quote is None or g.in_quote(v):
        return False
    if not np_ids:  # '"Y," said X': the first noun phrase after the cue
        after = next((w for w in words[v.id : v.id + 3] if w.upos in ("PROPN", "NOUN", "PRON")), None)
        if after is None or after.lemma.lower() in g.lex.time_words:
            return False
        np_ids = g.surface_np(after, v)
    roots = [g.sent.word(k) for k in sorted(np_ids) if g.sent.word(k).head not in np_ids
             and g.sent.word(k).upos in ("PROPN", "NOUN", "PRON")]
    head = roots[0] if len(roots) == 1 else None  # "the North Korean leader": "leader", not "North"
    head = head or next((g.sent.word(k) for k in sorted(np_ids)
                         if g.sent.word(k).upos in ("PROPN", "NOUN", "PRON")
                         and (k + 1 not in np_ids or g.sent.word(k + 1).upos not in ("PROPN", "NOUN"))), None)
    if head is None or head.lemma.lower() in g.lex.time_words:
        return False
    source = g.surface_mention(np_ids, head)
    start = quote[0]
    before = next((w for w in reversed(words) if w.end <= quote[0]), None)
    if before is not None and words[0].start < quote[0] and before.upos != "PUNCT":
        start = words[0].start  # 'X was convicted of posting articles with "reactionary contents," the agency
        # reported': a quoted phrase inside a clause; the clause up to it is what was reported
    content = TextSpan(text=g.text[start : quote[1]], start=start, end=quote[1])
    g.add(v, source, content, "parataxis", "speech", kind="direct", stance=stance, confidence=PARATAXIS.confidence)
    return True
