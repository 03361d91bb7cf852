"""Readings from the surface, for parses that are wrong: a cue tagged as a noun ("Trump says …"
with "says" a plural noun), subject-verb inversion read as an object ("…, reports Yonhap"), and a
speaker noun phrase next to a cue the parser left without dependents."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import CONTENT_RELS, PASS_SUBJ, RELATIVE, SUBJ, Grammar, rel
from provenance.extract.mention import Mention
from provenance.nlp.doc import Word
from provenance.quotes import CLOSE, STRAIGHT
from provenance.report import TextSpan

SURFACE = construction("surface", family="mistagged-cue", confidence=0.5, fixture="slip_reports_yonhap_as_object", doc="""
    Reads: The noun phrase next to a cue and the clause on its other side, read from the word order when
        the parse gives the cue no usable subject or content: a cue form tagged as a noun ("Trump says
        ...", `mistagged_cue_forms`; "..., Mehr News Agency reports.", "..., state media report." closing
        the sentence), an inverted "…, reports Yonhap" or "…, reports the state news
        agency BelTA." parsed with the name or the description as object, or
        a reporting verb the parser left without dependents ("Y, X said (to reporters)", "Y, X, a
        description, said", "... where
        experts say ...", "Y, a statement carried by the KCNA said"), or joined to the clause before it with the speaker inside that clause
        ("At least 11 people were killed when a quake struck, state media said.").
    Example: The meeting took place on Sunday, reports Yonhap, quoting KCNA.
    Not read: A cue inside a quotation, a hypothetical cue, a time word as the speaker ("Wednesday
        said"), a cue form that is the object of a verb ("denied casualty reports").
""")


def add_mistagged(g: Grammar, v: Word, source: Mention, content: TextSpan | None) -> None:
    """Record a surface reading of a cue form: the lexicon gives the lemma the form stands for."""
    lemma = g.lex.mistagged_cue_forms[v.text.lower()]
    g.add(v, source, content, "surface", "speech", stance=g.lex.stance_of(lemma) or "neutral",
          confidence=SURFACE.confidence, cue=TextSpan(text=v.text, start=v.start, end=v.end), cue_lemma=lemma)


@family("mistagged-cue", summary="Cue forms the tagger read as nouns (`mistagged_cue_forms`).",
        trigger=Trigger(forms="mistagged_cue_forms", upos=("NOUN", "PROPN"), unconsumed=True),
        emits=("surface",), after=("speech-verb",))
def mistagged_cue(g: Grammar, v: Word) -> None:
    """"Trump says voter fraud ..." with "says" tagged as a plural noun: read the surface,
    a subject noun phrase right before the cue form and the clause after it."""
    words = g.sent.words
    i = v.id - 1  # index of v in words
    if i > 0 and words[i - 1].text == ",":
        mistagged_inverted(g, v)
        return
    head = g.sent.word(v.head) if v.head else None
    if all(w.upos == "PUNCT" for w in words[i + 1 :]) and i > 1 and words[i - 1].upos in ("NOUN", "PROPN"):
        # "…, Kazinform News Agency reports.", "…, state television reports." closing the sentence,
        # whatever the parse hung it on: a name, or a phrase with an outlet noun, after a comma
        j = i - 1
        while j > 0 and words[j - 1].upos in ("PROPN", "NOUN", "ADJ", "DET") and words[j - 1].text != ",":
            j -= 1
        run = words[j:i]
        named = run[-1].upos == "PROPN" and all(w.upos in ("PROPN", "NOUN") for w in run)
        if j > 1 and words[j - 1].text == "," and (named or any(w.lemma.lower() in g.lex.outlet_nouns for w in run)):
            mistagged_closing(g, v, words[j:i], words[: j - 1])
            return
    if v.text.lower() == g.lex.mistagged_cue_forms[v.text.lower()]:
        return  # "The KCNA report did not say ...": a base form is a noun unless it closes the sentence
    if head is not None and v.deprel.split(":")[0] in ("obj", "iobj", "obl", "nmod") and head.upos == "VERB":
        return  # "denied casualty reports and said ...": the noun is a verb's argument, as tagged
    if head is not None and v.deprel == "nsubj" and head.upos == "VERB" and head.id > v.id \
            and (g.lex.stance_of(head.lemma) is not None or head.lemma.lower() in g.lex.quote_verbs):
        return  # "Russian news reports later cited a police source as saying ...": the reports' own cue
    before = words[i - 1] if i > 0 else None
    if before is None or not (before.upos in ("PROPN", "NOUN", "PRON") or before.lemma.lower() in g.lex.outlet_nouns):
        return  # "Cuban daily reports ...": an outlet noun the tagger took for an adjective
    j = i - 1
    while j > 0 and words[j - 1].upos in ("PROPN", "NOUN", "ADJ", "DET", "NUM") and words[j - 1].text != ",":
        j -= 1
    subject = words[j:i]
    rest = [w for w in words[i + 1 :]]
    if any(w.text.lower() in g.lex.nouns for w in subject[-1:]):
        return
    if all(w.upos == "PUNCT" for w in rest) and j > 1 and words[j - 1].text == ",":
        mistagged_closing(g, v, subject, words[: j - 1])  # "…, Mehr News Agency reports."
        return
    if sum(1 for w in rest if w.upos != "PUNCT") < 3:
        return
    if not any(w.upos in ("VERB", "AUX") for w in rest):
        return
    add_mistagged(g, v, run_mention(g, subject), g.span({w.id for w in rest}))


def run_mention(g: Grammar, run: list[Word]) -> Mention:
    """The speaker a run of words read from the surface names, headed by its last word."""
    span = TextSpan(text=g.text[run[0].start : run[-1].end], start=run[0].start, end=run[-1].end)
    head = run[-1]
    return Mention(span=span, sentence=g.sent.index, head=head.id, head_lemma=head.lemma.lower(),
                   upos=head.upos, is_pronoun=head.upos == "PRON")


def mistagged_closing(g: Grammar, v: Word, subject: list[Word], before: list[Word]) -> None:
    """"Customs officers have seized 3,000 litres of diesel, Mehr News Agency reports." with "reports" tagged as a
    noun closing the sentence: the name before it speaks, the clause before the comma is what
    it said (a clause with a verb of its own, outside any quotation)."""
    if not any(w.upos in ("VERB", "AUX") and not g.in_quote(w) for w in before) or g.in_quote(v):
        return
    if not all(w.upos in ("PROPN", "NOUN", "ADJ", "DET") for w in subject) or subject[-1].upos not in ("PROPN", "NOUN"):
        return
    content = g.span({w.id for w in before})
    if content is None:
        return
    add_mistagged(g, v, run_mention(g, subject), content)


def inverted_object(g: Grammar, v: Word) -> bool:
    """A finite cue verb right after a comma, with no subject, whose object is the name
    right after it: subject-verb inversion the parser read as an object."""
    if v.xpos not in ("VBZ", "VBD") or v.id < 2 or g.sent.word(v.id - 1).text != ",":
        return False
    if v.text.lower() not in g.lex.mistagged_cue_forms or g.kid(v.id, *SUBJ, *PASS_SUBJ) is not None:
        return False
    nxt = next((k for k in g.sent.children(v.id) if k.id == v.id + 1), None)
    return (nxt is not None and rel(nxt) == "obj" and nxt.upos == "PROPN") or inverted_description(g, v) is not None


def inverted_description(g: Grammar, v: Word) -> Word | None:
    """"…, reports the state news agency BelTA.": the object of an inverted cue is a noun
    phrase headed by an outlet or issuer noun ("agency", "ministry") or a name after "the"
    ("reports The Associated Press"), right after the cue and
    closing the clause ("…, claims 'foreign agents' of Britain and France set fires" is what is
    claimed)."""
    obj = g.kid(v.id, "obj")
    if obj is None or obj.upos not in ("NOUN", "PROPN") or v.lemma.lower() in g.lex.addressee_verbs:
        return None  # "..., told the agency": whom it was told, not who told it
    ids = g.sent.subtree_ids(obj.id)
    if min(ids) != v.id + 1:
        return None
    after = next((w for w in g.sent.words if w.id == max(ids) + 1), None)
    if after is not None and after.upos != "PUNCT":
        return None
    if obj.upos == "PROPN":  # "…, reports The Associated Press."
        return obj if g.sent.word(v.id + 1).upos == "DET" else None
    return obj if obj.lemma.lower() in g.lex.outlet_nouns | g.lex.issuer_nouns else None


def mistagged_inverted(g: Grammar, v: Word) -> None:
    """"…, reports Yonhap, quoting …" with "reports" tagged as a noun, or with the name read
    as its object; "…, reports the state news agency BelTA." with the description as object."""
    words = g.sent.words
    i = v.id - 1
    described = inverted_description(g, v) if v.upos == "VERB" else None
    if described is not None:
        ids = g.sent.subtree_ids(described.id)
        content = g.span({w.id for w in words[: i - 1]})
        source_span = g.span(ids)
        if content is not None and source_span is not None:
            add_mistagged(g, v, Mention(span=source_span, sentence=g.sent.index, head=described.id,
                                        head_lemma=described.lemma.lower(), upos=described.upos), content)
        return
    k = i + 1
    while k < len(words) and words[k].upos == "PROPN":
        k += 1
    if k == i + 1 or (k < len(words) and words[k].upos != "PUNCT"):
        return
    names = words[i + 1 : k]
    content = g.span({w.id for w in words[: i - 1]})
    if content is None:
        return
    span = TextSpan(text=g.text[names[0].start : names[-1].end], start=names[0].start, end=names[-1].end)
    source = Mention(span=span, sentence=g.sent.index, head=names[-1].id,
                     head_lemma=names[-1].lemma.lower(), upos="PROPN")
    add_mistagged(g, v, source, content)


def surface_forward(g: Grammar, v: Word) -> None:
    """"… where experts say some judges are eager …" read from the surface when the parse
    gave the cue neither subject nor content: the noun phrase right before the cue and
    the clause after it."""
    if g.hypothetical(v) or v.lemma.lower() in g.lex.quote_only_verbs | {"call", "tell", "ask"} or g.in_quote(v):
        return
    if g.kid(v.id, *SUBJ, *PASS_SUBJ, *CONTENT_RELS, "obj") is not None:
        return
    words = g.sent.words
    before = words[v.id - 2] if v.id >= 2 else None
    if before is None or before.upos not in ("PROPN", "NOUN", "PRON") or g.in_quote(before) \
            or before.lemma.lower() in g.lex.time_words | RELATIVE:
        return
    if v.xpos == "VBN" and v.deprel.startswith("acl") and v.head == before.id:
        return  # "In a statement posted on its account, ...": a participle describing the noun
    rest = [w for w in words[v.id:] if not (w.upos == "PUNCT" and w.id == len(words))]
    if sum(1 for w in rest if w.upos != "PUNCT") < 3 or not any(w.upos in ("VERB", "AUX") for w in rest):
        return
    if rest and rest[0].upos == "PUNCT":
        return  # "…, experts say, …": an inserted cue, not this shape
    np_ids = g.surface_np(before, v)
    g.add(v, g.surface_mention(np_ids, before), g.span({w.id for w in rest}), "surface", "speech",
             stance=g.lex.stance_of(v.lemma) or "neutral", confidence=SURFACE.confidence)


def relay_comma(g: Grammar, v: Word) -> int:
    """Where the cue's own words end: at a comma before a relay participle ("..., X reported on
    Wednesday, citing the statistics office"), the relay being an attribution of its own."""
    words = g.sent.words
    for k in range(v.id, len(words) - 1):
        if words[k].text == "," and words[k + 1].lemma.lower() in g.lex.relay_participles:
            return k
    return len(words)


TITLE_PREPOSITIONS = frozenset({"of", "to", "for", "at"})
NEGATING_DETERMINERS = frozenset({"no", "none"})


def in_title(words: list[Word], j: int) -> bool:
    """A preposition inside a title, between two capitalised words ("Ambassador to the DPRK",
    "Minister of Foreign Affairs", "spokesman for the Ministry")."""
    if words[j].upos != "ADP" or words[j].text.lower() not in TITLE_PREPOSITIONS or j == 0 or j + 1 >= len(words):
        return False
    after = words[j + 2] if words[j + 1].upos == "DET" and j + 2 < len(words) else words[j + 1]
    return words[j - 1].text[:1].isupper() and words[j - 1].upos in ("PROPN", "NOUN") and after.text[:1].isupper()


def surface_clause(g: Grammar, v: Word) -> None:
    """"Y, X said (to reporters)." read from the surface when the parse has no usable
    subject or content for the cue: a noun phrase right before the cue, a comma or a
    closing quotation mark before that, and at most a short object or adverbial after."""
    if g.hypothetical(v) or v.lemma.lower() in g.lex.quote_only_verbs | {"call"}:
        return
    words = g.sent.words
    after = [w for w in words[v.id:relay_comma(g, v)] if w.upos != "PUNCT"]
    # a short object or adverbial; after "told", the outlet told ("the official news agency SANA")
    if len(after) > (8 if v.lemma.lower() in g.lex.addressee_verbs else 4) \
            or any(w.upos in ("VERB", "AUX", "SCONJ") for w in after):
        return
    i = v.id - 2  # index of the word before the cue
    if i >= 3 and words[i].text == "," and words[i - 2].text == "," and words[i - 1].text.isupper() \
            and words[i - 1].upos == "PROPN" and len(words[i - 1].text) <= 8:
        i -= 3  # "Y, the Saudi Press Agency, SPA, reported.": the name, its acronym set off by commas
    elif i >= 3 and words[i].text == "," and (k := described_apart(words, i)) is not None:
        i = k - 1  # "Y, the People's Daily, the party's flagship newspaper, said": the name before its description
    j = i
    while j >= 0 and (words[j].upos in ("PROPN", "NOUN", "ADJ", "DET", "NUM", "PRON")
                      or words[j].text in ("-", "'s", "’s", ".", ")")
                      or in_title(words, j) or between_speakers(words, j) or on_a_date(g, words, j)
                      or carried_by(g, words, j)
                      or (j > 0 and words[j - 1].text == "-")):  # "state-run" with "run" tagged as a verb
        if words[j].text == ")":  # "the Korean Central News Agency (KCNA) said": skip the bracket
            opening = next((o for o in range(j - 1, max(-1, j - 6), -1) if words[o].text == "("), None)
            if opening is None:
                break
            j = opening
        j -= 1
    if j == i or j < 1 or not (words[j].text == "," or words[j].text[-1:] in (STRAIGHT, CLOSE)):
        return
    np_words = words[j + 1 : i + 1]
    if not any(w.upos in ("PROPN", "NOUN", "PRON") for w in np_words) or np_words[0].upos == "ADP" \
            or np_words[0].lemma.lower() in RELATIVE:  # "Y, which the leadership declared Z": a relative clause
        return
    if np_words[0].text.lower() in NEGATING_DETERMINERS:
        return  # "Quake Injures 700, No Deaths Reported": what was not reported, no speaker
    content = g.span({w.id for w in words[: j + (0 if words[j].text == "," else 1)]})
    if content is None:
        return
    while len(np_words) > 2 and on_a_date(g, np_words, len(np_words) - 2):  # "the agency on Tuesday"
        np_words = np_words[:-2]
    parts = speakers(g, np_words)
    if any(part[-1].lemma.lower() in g.lex.time_words for part in parts):
        return
    for part in parts:  # "Iranian state television and a British maritime agency said": one each
        head = next((w for w in reversed(part) if w.upos in ("PROPN", "NOUN", "PRON")), part[-1])
        span = TextSpan(text=g.text[part[0].start : part[-1].end], start=part[0].start, end=part[-1].end)
        source = Mention(span=span, sentence=g.sent.index, head=head.id, head_lemma=head.lemma.lower(),
                         upos=head.upos, is_pronoun=head.upos == "PRON")
        g.add(v, source, content, "surface", "speech", stance=g.lex.stance_of(v.lemma) or "neutral",
              confidence=SURFACE.confidence)


def described_apart(words: list[Word], i: int) -> int | None:
    """The index of the comma opening a description set off by commas that ends at the comma
    ``i`` ("the People's Daily, the ruling party's flagship newspaper,"): a noun phrase of common
    words after a name; None when there is none."""
    k = next((k for k in range(i - 1, max(-1, i - 10), -1) if words[k].text == ","), None)
    if k is None or k > i - 3 or k < 2 or not words[k - 1].text[:1].isupper():
        return None
    inner = words[k + 1 : i]
    if inner[0].upos != "DET" or inner[-1].upos != "NOUN" or not all(
            w.upos in ("DET", "ADJ", "NOUN", "NUM", "PART", "VERB") or w.text in ("'s", "’s", "-") for w in inner):
        return None
    return k


def carried_by(g: Grammar, words: list[Word], j: int) -> bool:
    """A channel participle and its "by" inside the speaker's noun phrase ("Y, a statement
    carried by the KCNA said"): the outlet named after them speaks."""
    low = words[j].text.lower()
    if low == "by":
        return j > 0 and words[j - 1].lemma.lower() in g.lex.channel_participles
    return words[j].xpos == "VBN" and words[j].lemma.lower() in g.lex.channel_participles \
        and j + 1 < len(words) and words[j + 1].text.lower() == "by"


def on_a_date(g: Grammar, words: list[Word], j: int) -> bool:
    """A preposition before a date between the speaker and the cue ("the Vietnam News Agency
    on Tuesday reported")."""
    return words[j].upos == "ADP" and j + 1 < len(words) and words[j + 1].lemma.lower() in g.lex.time_words


def between_speakers(words: list[Word], j: int) -> bool:
    """"and" between two noun phrases of the speaker run ("state television and a British
    agency")."""
    return words[j].lemma.lower() == "and" and 0 < j < len(words) - 1 \
        and words[j - 1].upos in ("PROPN", "NOUN") and words[j + 1].upos in ("DET", "ADJ", "PROPN", "NOUN")


def speakers(g: Grammar, np_words: list[Word]) -> list[list[Word]]:
    """The speaker run split at "and" where one of the parts is a news outlet (each outlet has a
    chain of its own, as ``speech_verb.conjoined_speakers`` reads it); else the whole run."""
    parts: list[list[Word]] = [[]]
    for w in np_words:
        if w.lemma.lower() == "and" and parts[-1]:
            parts.append([])
        else:
            parts[-1].append(w)
    parts = [p for p in parts if p]
    nouns = all(any(w.upos in ("PROPN", "NOUN") for w in p) for p in parts)
    outlet = any(w.lemma.lower() in g.lex.outlet_nouns or w.upos == "PROPN" and w.text.isupper() for p in parts for w in p)
    if len(parts) > 1 and nouns and outlet:
        return parts
    return [np_words]
