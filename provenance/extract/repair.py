"""Repair parser attachments that are wrong in a way the sentence itself shows.

The bundled parser makes a few mistakes around sources often enough to lose attributions,
and each leaves a shape no correct parse has:

* **A fronted participle's object as a subject**: "Citing the governor, IRNA reported ..."
  with "governor" and "IRNA" both ``nsubj`` of "reported": the phrase right after the
  opening relaying participle ("citing", "quoting") is that participle's object.
* **A title read as an adjective**: "MENA cited an unnamed health official as saying ..."
  with "health" the object and "official" an adjective hung on the verb: the title word
  right after the noun is the phrase's head, the noun its compound.
* **A name split in a phrase**: "quoted as saying by Radio Pakistan" with "Radio" and
  "Pakistan" two obliques of "saying": a capitalised name right after another, on the same
  head with the same relation and no preposition of its own, is the rest of that name.
* **The speaker read as the quotation's apposition**: '"It is the managers' fault," a woman
  surnamed Li said' with "woman" an ``appos`` of the quotation's predicate and the cue left
  without a subject: the noun right after the closing quotation mark is the cue's subject.
* **The cue's subject on the content**: "Xinhua, citing a statement, said Guo had been
  detained" with "Xinhua" and "Guo" both subjects of "detained" and "said" left without one:
  the subject before the cue is the cue's (with the participle clause between them).
* **A hyphenated participle read as a verb**: "State-run online news media said ..." with
  "run" a clause of its own on the cue: the modifier (with "State") belongs to the subject
  phrase that follows it.
* **A split subject**: "the newspaper Granma reported ..." with both "newspaper" and
  "Granma" attached to the verb as ``nsubj`` (a verb has one subject). The name right after
  the common noun's phrase becomes that noun's ``appos``, as in "the newspaper, Granma";
  after a name ("President Vladimir" + "Putin") it is the rest of that name (``flat``).
* **The content's subject on the cue**: "Fruit and seafood led the growth, the agency said"
  with "Fruit" and "agency" both ``nsubj`` of "said": the first goes to the subject-less
  clause between them.
* **A floating quantifier**: "The dock workers all received bonuses, SANA said" with
  "workers" on "said" and "all" the subject of "received": the noun phrase becomes the
  clause's subject and "all" its determiner.
* **A relative pronoun on the cue**: "a boat, which SANA said was the largest" with "which"
  and "SANA" both subjects of "said": "which" becomes the subject of the clause "said"
  introduces.
* **A clause on a date**: "X reported last month that ..." with the that-clause a relative
  clause of "month": the clause becomes the cue's complement.
* **A clause on the medium**: "X said on Rossiya 24 television that prices would rise" with
  the that-clause a relative clause of "television" whose "that" is its object though the
  clause has its own subject: the clause becomes the cue's complement.
* **A that-clause as parataxis**: "IRNA reported on Monday that although the toll was high,
  most were treated" with the clause after "that" attached as ``parataxis``: a clause
  opened by "that" is the cue's complement.
* **A name tagged as a verb**: "Pyongyang denounced ..." with the subject "Pyongyang"
  tagged VBG: a capitalised subject the lemmatizer did not know becomes a proper noun.
* **An opening quotation mark read as a possessive**: "N. Korea calls allied drills
  'rehearsal for invasion'" with the "'" before "rehearsal" tagged as the possessive "'s" of
  "drills" (a space before it, none after: it opens a quotation). It becomes punctuation;
  "drills" takes the quoted phrase's place, and the quoted phrase becomes what "calls" (or
  another labelling verb) names it, or an apposition of "drills".
* **A name read as the verb**: "Beijing warned on Monday that ..." with "Beijing" tagged
  as a verb and made the root, the cue hanging under it. A capitalised first word that the
  lemmatizer did not know (its lemma keeps the capital), directly followed by a finite
  reporting verb attached to it, is the cue's subject: the cue becomes the root.

* **A titled document read as a clause**: 'An editorial "Rivers are not roads" in the Global
  Times said ...' with the title parsed as the verb's complement (or the document as a
  compound of the title's first word): the document becomes the verb's subject, the title
  its apposition, "in" the outlet its nmod.

Each repair changes only the words of the shape it names; sentences without it are
returned as they were (the same objects).
"""

from __future__ import annotations

from provenance.extract.lemmas import lexicon_lemma
from provenance.extract.lexicon import CueLexicon
from provenance.nlp.doc import ParsedDocument, Sentence, Word
from provenance.quotes import CLOSING_MARKS, OPENING_MARKS

SUBJECTS = ("nsubj", "nsubj:pass")


def _reporting(w: Word, lex: CueLexicon) -> bool:
    """A reporting verb of the lexicon, by the lemma it would get were its inflection unknown to
    the lemmatizer (the repairs run before ``extract.lemmas`` does)."""
    return w.upos == "VERB" and lex.stance_of(lexicon_lemma(w.text, w.lemma, lex.verb_lemmas)) is not None


def _two_subjects(sent: Sentence) -> list[tuple[Word, Word, Word]]:
    """(verb, first subject, second subject) for each verb the parser gave two subjects."""
    out = []
    for v in sent.words:
        subjects = [k for k in sent.children(v.id) if k.deprel in SUBJECTS]
        if len(subjects) == 2:
            out.append((v, subjects[0], subjects[1]))
    return out


def _split_subject(sent: Sentence) -> dict[int, dict[str, object]]:
    changes: dict[int, dict[str, object]] = {}
    for v, first, name in _two_subjects(sent):
        if first.upos == "DET" and first.lemma.lower() in ("the", "a", "an") \
                and min(sent.subtree_ids(name.id)) == first.id + 1:
            # "The (North) Korean Central TV Broadcasting Station said": the article, cut off from its
            # noun by a bracket, is its determiner, not a subject of its own
            changes[first.id] = {"head": name.id, "deprel": "det"}
            continue
        if first.upos not in ("NOUN", "PROPN") or name.upos != "PROPN" \
                or name.id != max(sent.subtree_ids(first.id)) + 1 \
                or any(k.deprel in ("ccomp", "parataxis") and first.id < k.id < name.id for k in sent.children(v.id)):
            continue  # ("Local reports that ... could not be confirmed, Rashki said": a clause, then the speaker)
        # "the newspaper Granma": the name beside the noun; "President Vladimir Putin": one name
        changes[name.id] = {"head": first.id, "deprel": "appos" if first.upos == "NOUN" else "flat"}
    return changes


def _object_of_a_fronted_participle(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """"Citing the governor, IRNA reported ..." with "governor" and "IRNA" both subjects of
    "reported": the first subject, right after the opening relaying participle, is its object."""
    changes: dict[int, dict[str, object]] = {}
    for v, first, _second in _two_subjects(sent):
        participle = next((k for k in sent.children(v.id) if k.deprel == "advcl" and k.xpos == "VBG"
                           and lexicon_lemma(k.text, k.lemma, lex.verb_lemmas).lower() in lex.relay_participles
                           and k.id < first.id), None)
        if participle is None or participle.id != min(w.id for w in sent.words if w.upos != "PUNCT") \
                or min(sent.subtree_ids(first.id)) != participle.id + 1:
            continue
        changes[first.id] = {"head": participle.id, "deprel": "obj"}
    return changes


TITLE_WORDS = frozenset({"official", "officials"})


def _title_read_as_adjective(sent: Sentence) -> dict[int, dict[str, object]]:
    """"MENA cited an unnamed health official as saying ..." with "health" the verb's object
    and "official" an adjective hung on the verb: "official" heads the phrase, "health" is its
    compound."""
    changes: dict[int, dict[str, object]] = {}
    for w in sent.words:
        if w.lemma.lower() not in TITLE_WORDS and w.text.lower() not in TITLE_WORDS or w.upos != "ADJ" \
                or w.id < 2 or w.deprel not in ("xcomp", "obj", "dep"):
            continue
        noun = sent.word(w.id - 1)
        if noun.upos != "NOUN" or noun.head != w.head or noun.deprel not in ("obj", "nsubj", "iobj"):
            continue
        changes[w.id] = {"head": noun.head, "deprel": noun.deprel, "upos": "NOUN",
                         "xpos": "NNS" if w.text.lower().endswith("s") else "NN"}
        changes[noun.id] = {"head": w.id, "deprel": "compound"}
        for k in sent.children(noun.id):  # "an unnamed" belongs to the whole phrase
            if k.id < noun.id:
                changes[k.id] = {"head": w.id}
    return changes


def _name_split_in_a_phrase(sent: Sentence) -> dict[int, dict[str, object]]:
    """"quoted as saying by Radio Pakistan" with "Radio" and "Pakistan" both obliques of
    "saying": the second name, with no case marker of its own, is ``flat`` on the first."""
    changes: dict[int, dict[str, object]] = {}
    for w in sent.words:
        if w.upos != "PROPN" or w.id < 2 or w.deprel.split(":")[0] not in ("obl", "nmod", "obj"):
            continue
        first = sent.word(w.id - 1)
        if first.upos != "PROPN" or first.head != w.head or first.deprel != w.deprel or not w.text[:1].isupper() \
                or any(k.deprel == "case" for k in sent.children(w.id)):
            continue
        changes[w.id] = {"head": first.id, "deprel": "flat"}
    return changes


QUOTE_TOKENS = frozenset(OPENING_MARKS) | frozenset(CLOSING_MARKS) | {"``", "''"}


def _speaker_read_as_apposition(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """'"It is the managers' fault," a woman surnamed Li said' with "woman" an apposition of
    "fault" and "said" without a subject: the phrase after the closing quotation mark is the
    cue's subject."""
    changes: dict[int, dict[str, object]] = {}
    for v in sent.words:
        if not _reporting(v, lex) \
                or any(k.deprel in SUBJECTS for k in sent.children(v.id)):
            continue
        for c in sent.children(v.id):
            if c.deprel != "ccomp" or c.id > v.id:
                continue
            speaker = next((a for a in sent.children(c.id) if a.deprel == "appos" and a.upos in ("NOUN", "PROPN")
                            and c.id < a.id < v.id), None)
            if speaker is None:
                continue
            start = min(i for i in sent.subtree_ids(speaker.id) if sent.word(i).upos != "PUNCT")
            before = [w for w in sent.words if w.id < start][-2:]
            if any(w.text in QUOTE_TOKENS for w in before):
                changes[speaker.id] = {"head": v.id, "deprel": "nsubj"}
                break
    return changes


def _cue_subject_on_the_content(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """"Xinhua, citing a statement, said Guo had been detained" with "Xinhua" and "Guo" both
    subjects of "detained", the clause "said" introduces, and "said" without a subject: the
    first subject (before the cue) is the cue's, and so are the words between it and the cue."""
    changes: dict[int, dict[str, object]] = {}
    for c, first, second in _two_subjects(sent):
        if not c.head or c.deprel != "ccomp":
            continue
        cue = sent.word(c.head)
        if not _reporting(cue, lex) or not first.id < cue.id < second.id \
                or any(k.deprel in SUBJECTS for k in sent.children(cue.id)):
            continue
        changes[first.id] = {"head": cue.id, "deprel": "nsubj"}
        for k in sent.children(c.id):  # ", citing a statement from prosecutors," belongs to "said"
            if first.id < k.id < cue.id:
                changes[k.id] = {"head": cue.id}
    return changes


HYPHEN_PARTICIPLES = frozenset({"run", "owned", "controlled", "backed", "funded", "affiliated", "linked", "managed",
                                "operated", "aligned", "allied"})


def _hyphenated_modifier_as_verb(sent: Sentence) -> dict[int, dict[str, object]]:
    """"State-run online news media said ..." with "run" parsed as a verb hung on the cue: the
    participle is an adjective of the subject phrase right after it (or of the name after it,
    with its preposition: "on state-run VTV")."""
    changes: dict[int, dict[str, object]] = {}
    for w in sent.words:
        if w.upos != "VERB" or w.text.lower() not in HYPHEN_PARTICIPLES or w.id < 3 \
                or sent.word(w.id - 1).text not in ("-", "\u2010", "\u2011"):
            continue
        subj = next((k for k in sent.words if k.id > w.id and k.deprel in SUBJECTS and k.head == w.head
                     and min(sent.subtree_ids(k.id)) == w.id + 1), None)
        if subj is not None:
            changes[w.id] = {"head": subj.id, "deprel": "amod", "upos": "ADJ", "xpos": "JJ"}
            continue
        # "... said in remarks aired on state-run VTV" with "run" a clause of the cue and the name
        # its dependent: the name, with its preposition, is the phrase the participle modifies
        name = next((k for k in sent.children(w.id) if k.id == w.id + 1 and k.upos in ("PROPN", "NOUN")
                     and any(c.deprel == "case" for c in sent.children(k.id))), None)
        if name is not None and w.head and w.deprel in ("ccomp", "xcomp", "advcl", "parataxis", "conj", "nmod", "obl"):
            changes[name.id] = {"head": w.head, "deprel": w.deprel if w.deprel in ("nmod", "obl") else "obl"}
            changes[w.id] = {"head": name.id, "deprel": "amod", "upos": "ADJ", "xpos": "JJ"}
    return changes


def _subject_of_the_content(sent: Sentence) -> dict[int, dict[str, object]]:
    """"Fruit and seafood led the growth, the agency said" with both "Fruit" and "agency"
    attached to "said" as nsubj: the first subject belongs to the subject-less clausal
    complement that follows it, before the second."""
    changes: dict[int, dict[str, object]] = {}
    for v, first, second in _two_subjects(sent):
        clause = next((k for k in sent.children(v.id) if k.deprel in ("ccomp", "parataxis")
                       and first.id < k.id < second.id), None)
        if second.id > v.id:
            continue  # "KCNA monitored in Seoul said Kim ...": the second "subject" is after the cue
        if clause is None and max(sent.subtree_ids(second.id)) == v.id - 1:
            # "Network members, the news agency said, had ...": the cue clause set off by commas
            # inside the content; the first subject is the subject-less clause's after the cue
            clause = next((k for k in sent.children(v.id) if k.deprel in ("ccomp", "parataxis") and k.id > v.id
                           and not any(c.deprel in SUBJECTS for c in sent.children(k.id))), None)
            first_end = max(sent.subtree_ids(first.id))
            comma = sent.word(first_end).text == "," or (first_end + 1 < second.id and sent.word(first_end + 1).text == ",")
            if clause is not None and comma:
                changes[first.id] = {"head": clause.id}
            continue
        if clause is None or any(k.deprel in SUBJECTS for k in sent.children(clause.id)):
            continue
        if max((i for i in sent.subtree_ids(first.id) if sent.word(i).upos != "PUNCT"), default=first.id) > clause.id:
            continue
        changes[first.id] = {"head": clause.id}
    return changes


def _content_subject_after_the_cue(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """"Markov said the alleged couriers used hidden compartments ..." with "couriers" a second subject of
    "said" and "used" a participle modifying it: the noun is the subject of the reported clause,
    the verb (a past form) its predicate and the cue's complement (a cue that has none)."""
    changes: dict[int, dict[str, object]] = {}
    for v, first, second in _two_subjects(sent):
        if not (first.id < v.id < second.id) or not _reporting(v, lex) or second.upos not in ("NOUN", "PROPN") \
                or any(k.deprel in ("ccomp", "xcomp", "parataxis") for k in sent.children(v.id)):
            continue
        verb = next((k for k in sent.children(second.id) if k.deprel == "acl" and k.id > second.id
                     and k.upos == "VERB" and k.xpos in ("VBD", "VBN")
                     and k.id == max(i for i in sent.subtree_ids(second.id) if i < k.id) + 1), None)
        if verb is None or not any(k.deprel in ("obj", "xcomp", "ccomp") for k in sent.children(verb.id)) \
                or any(k.deprel.startswith("obl") and any(c.lemma.lower() == "by" for c in sent.children(k.id))
                       for k in sent.children(verb.id)):
            continue  # "..., a statement carried by the KCNA said": a participle with its agent modifies the noun
        changes[verb.id] = {"head": v.id, "deprel": "ccomp", "xpos": "VBD"}
        changes[second.id] = {"head": verb.id, "deprel": "nsubj"}
    return changes


def _a_date(sent: Sentence, w: Word, lex: CueLexicon) -> bool:
    """A date or a time ("July 15", "15", "Monday"): a number, or a phrase with a time word."""
    return any(sent.word(i).upos == "NUM" or sent.word(i).lemma.lower() in lex.time_words
               for i in sent.subtree_ids(w.id))


FRAME_RELS = (*SUBJECTS, "obj", "conj", "nmod", "obl", "appos")  # what a closing frame's speaker was parsed as


def _after_a_comma(sent: Sentence, w: Word) -> bool:
    """Does the phrase ``w`` heads open right after a comma?"""
    first = min(i for i in sent.subtree_ids(w.id) if sent.word(i).upos != "PUNCT")
    return first >= 2 and sent.word(first - 1).text == ","


def _closing_frame_read_as_conjunct(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """"The engineers were detained ..., the head of the security service, Ivan Markov, said on
    Monday." with "said" a subject-less conjunct of the main verb and the speaker a second
    subject (an object, a conjunct, a modifier) of the clause before: after a comma, a noun phrase that ends right
    before the reporting verb (commas aside) is its subject, the verb the sentence's root and
    the clause before what was said."""
    changes: dict[int, dict[str, object]] = {}
    root = next((w for w in sent.words if w.head == 0), None)
    if root is None:
        return changes
    for c in sent.children(root.id):
        if c.deprel != "conj" or not _reporting(c, lex) or c.id < root.id \
                or any(k.deprel in (*SUBJECTS, "ccomp", "xcomp", "parataxis")
                       or (k.deprel == "obj" and not _a_date(sent, k, lex)) for k in sent.children(c.id)):
            continue  # ("said July 15": a date parsed as the object)
        before = c.id - 1
        while before > 0 and sent.word(before).upos == "PUNCT":
            before -= 1
        # the phrase that opens after the comma, not one it ends ("readiness ..., the agency")
        speaker = next((w for w in sent.words if w.upos in ("NOUN", "PROPN") and w.deprel.split(":")[0] in FRAME_RELS
                        and max(i for i in sent.subtree_ids(w.id) if sent.word(i).upos != "PUNCT") == before
                        and w.id < c.id and _after_a_comma(sent, w)), None)
        if speaker is None:
            continue
        changes[c.id] = {"head": 0, "deprel": "root"}
        changes[root.id] = {"head": c.id, "deprel": "ccomp"}
        changes[speaker.id] = {"head": c.id, "deprel": "nsubj"}
        for k in sent.children(root.id):  # the sentence's closing punctuation goes with the new root
            if k.upos == "PUNCT" and k.id == len(sent.words):
                changes[k.id] = {"head": c.id}
        break
    return changes


FLOATING_QUANTIFIERS = frozenset({"all", "both", "each"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})


def _floating_quantifier(sent: Sentence) -> dict[int, dict[str, object]]:
    """"The dock workers all received bonuses, SANA said" with "workers" on "said" and the
    quantifier "all" as the subject of "received": the noun phrase is the clause's subject,
    the quantifier its determiner."""
    changes: dict[int, dict[str, object]] = {}
    for v, first, second in _two_subjects(sent):
        clause = next((k for k in sent.children(v.id) if k.deprel in ("ccomp", "parataxis")
                       and first.id < k.id < second.id), None)
        if clause is None:
            continue
        quant = next((k for k in sent.children(clause.id) if k.deprel in SUBJECTS), None)
        if quant is None or quant.lemma.lower() not in FLOATING_QUANTIFIERS \
                or quant.id != max(sent.subtree_ids(first.id)) + 1:
            continue
        changes[first.id] = {"head": clause.id, "deprel": quant.deprel}
        changes[quant.id] = {"head": first.id, "deprel": "det"}
    return changes


def _relative_on_the_cue(sent: Sentence) -> dict[int, dict[str, object]]:
    """"a patrol boat, which SANA said was the largest" with both "which" and "SANA" as
    subjects of "said": the relative pronoun is the subject of the subject-less clause the
    cue introduces, as in "which, SANA said, was the largest"."""
    changes: dict[int, dict[str, object]] = {}
    for v, first, second in _two_subjects(sent):
        if first.lemma.lower() not in RELATIVE_PRONOUNS or first.upos != "PRON" or not v.deprel.startswith("acl"):
            continue
        clause = next((k for k in sent.children(v.id) if k.deprel == "ccomp" and k.id > v.id), None)
        if clause is None:  # the clause hung elsewhere ("..., which X said was the biggest" as parataxis)
            clause = _clause_starting_at(sent, v.id + 1)
            if clause is None or v.id in sent.subtree_ids(clause.id):
                continue
            changes[clause.id] = {"head": v.id, "deprel": "ccomp"}
        if any(k.deprel in SUBJECTS for k in sent.children(clause.id)):
            changes.pop(clause.id, None)
            continue
        passive = any(k.deprel == "aux:pass" for k in sent.children(clause.id))
        changes[first.id] = {"head": clause.id, "deprel": "nsubj:pass" if passive else "nsubj"}
    return changes


def _clause_starting_at(sent: Sentence, start: int) -> Word | None:
    """The predicate of a clause (a verb, or a word with a copula) whose phrase begins at word
    ``start``, attached as parataxis, conj or ccomp."""
    for k in sent.words:
        if k.deprel.split(":")[0] in ("parataxis", "conj", "ccomp") \
                and min(sent.subtree_ids(k.id)) == start \
                and (k.upos == "VERB" or any(c.deprel == "cop" for c in sent.children(k.id))):
            return k
    return None


def _name_as_verb(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    words = [w for w in sent.words if w.upos != "PUNCT"]
    if len(words) < 3:
        return {}
    first, cue = words[0], words[1]
    if first.head != 0 or cue.head != first.id or cue.id != first.id + 1:
        return {}
    if not first.text[:1].isupper() or first.lemma != first.text or first.upos == "PROPN":
        return {}
    if cue.xpos not in ("VBD", "VBZ", "VBP", "VBN") or lex.stance_of(cue.lemma) is None:
        return {}
    changes: dict[int, dict[str, object]] = {
        first.id: {"head": cue.id, "deprel": "nsubj", "upos": "PROPN", "xpos": "NNP"},
        cue.id: {"head": 0, "deprel": "root"},
    }
    for k in sent.children(first.id):
        if k.id != cue.id:
            changes[k.id] = {"head": cue.id, "deprel": k.deprel if k.deprel != "xcomp" else "ccomp"}
    return changes


def _clause_on_a_date(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """"The Yomiuri Shimbun reported last month that the party was divided" with the
    that-clause hung on "month" as a relative clause: the clause is the cue's complement."""
    changes: dict[int, dict[str, object]] = {}
    for c in sent.words:
        if not c.head or c.deprel.split(":")[0] != "acl":
            continue
        date = sent.word(c.head)
        if date.lemma.lower() not in lex.time_words or not date.head or date.deprel.split(":")[0] not in ("obl", "nmod"):
            continue
        cue = sent.word(date.head)
        if cue.upos != "VERB" or lex.stance_of(cue.lemma) is None or cue.id > date.id:
            continue
        if any(k.deprel == "mark" and k.lemma.lower() == "that" and k.id == date.id + 1 for k in sent.children(c.id)):
            changes[c.id] = {"head": cue.id, "deprel": "ccomp"}
    return changes


def _clause_on_the_medium(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """"The minister said on Rossiya 24 television that prices would rise" with the that-clause
    hung on "television" (or on an apposition after it: "in Lanzhou, the provincial capital,
    that ...") as a relative clause whose "that" is an object or a marker, though the clause has
    a subject of its own: the clause is the cue's complement (a cue that has none)."""
    changes: dict[int, dict[str, object]] = {}
    for c in sent.words:
        if not c.head or c.deprel != "acl:relcl":
            continue
        noun, cue = sent.word(c.head), sent.word(c.head)
        while cue.head and cue.deprel.split(":")[0] in ("obl", "nmod", "appos") and cue.upos in ("NOUN", "PROPN", "NUM"):
            cue = sent.word(cue.head)  # "... in Lanzhou, the provincial capital, that ...": through the apposition too
        if cue is noun or cue.upos != "VERB" or lex.stance_of(cue.lemma) is None or cue.id > noun.id:
            continue
        if any(k.deprel in ("ccomp", "xcomp") or (k.deprel == "parataxis" and k.id > cue.id)
               for k in sent.children(cue.id)):
            continue
        kids = sent.children(c.id)
        first = min(i for i in sent.subtree_ids(c.id) if sent.word(i).upos != "PUNCT")
        that = next((k for k in kids if k.lemma.lower() == "that" and k.id == first), None)
        if that is None or that.deprel not in ("obj", "mark") or not any(k.deprel in SUBJECTS for k in kids):
            continue
        changes[c.id] = {"head": cue.id, "deprel": "ccomp"}
        changes[that.id] = {"deprel": "mark", "upos": "SCONJ", "xpos": "IN"}
        for k in sent.children(cue.id):  # "... that X was absurd and that Y would respond", "... that those
            # held were planning attacks and had been arrested": the conjoined clause is reported too
            kk = sent.children(k.id)
            if k.deprel == "conj" and k.id > c.id and (any(m.deprel == "mark" and m.text.lower() == "that" for m in kk)
                                                       or not any(m.deprel in SUBJECTS for m in kk)):
                changes[k.id] = {"head": c.id, "deprel": "conj"}
    return changes


def _that_clause_as_parataxis(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """"IRNA reported on Monday that although the toll was high, most were treated" with the
    clause attached to the cue as parataxis: a clause opened by "that" (its ``mark``) is the
    cue's complement (a cue that has none)."""
    changes: dict[int, dict[str, object]] = {}
    for c in sent.words:
        if not c.head or c.deprel != "parataxis":
            continue
        cue = sent.word(c.head)
        if not _reporting(cue, lex) or cue.id > c.id \
                or any(k.deprel == "ccomp" for k in sent.children(cue.id)):
            continue
        first = sent.word(min(sent.subtree_ids(c.id)))
        if first.text.lower() == "that" and first.deprel == "mark":
            changes[c.id] = {"head": cue.id, "deprel": "ccomp"}
    return changes


def _content_read_as_conjunct(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """"Xinhua said more than 12,000 firefighters had joined the search" with the reported clause
    attached to the cue as a conjunct: a verb conjoined with no conjunction of its own ("and",
    "but") to a reporting verb that has a subject and no complement, whose clause starts right
    after the cue or its phrases of place or medium ("announced in the party newspaper X that
    ...", a "that" the parse gave a relative clause inside it becoming the clause's marker), is the
    cue's complement."""
    changes: dict[int, dict[str, object]] = {}
    for c in sent.words:
        if not c.head or c.deprel != "conj" or c.upos not in ("VERB", "AUX", "ADJ"):
            continue
        cue = sent.word(c.head)
        kids = sent.children(cue.id)
        if not _reporting(cue, lex) or cue.id > c.id or not any(k.deprel in SUBJECTS for k in kids) \
                or any(k.deprel in ("ccomp", "xcomp", "obj") for k in kids) \
                or any(k.deprel == "cc" for k in sent.children(c.id)):
            continue
        start = min(sent.subtree_ids(c.id))
        phrases = {i for k in kids if k.deprel.split(":")[0] in ("obl", "advmod") and cue.id < k.id < start
                   for i in sent.subtree_ids(k.id)}  # "announced in the party newspaper X that ..."
        if start == cue.id + 1:
            changes[c.id] = {"head": cue.id, "deprel": "ccomp"}
        elif start > cue.id + 1 and all(i in phrases for i in range(cue.id + 1, start)) \
                and sent.word(start).text.lower() == "that":  # "that" taken for a relative clause's object
            changes[c.id] = {"head": cue.id, "deprel": "ccomp"}
            changes[start] = {"head": c.id, "deprel": "mark", "upos": "SCONJ", "xpos": "IN"}
    return changes


def _participle_on_the_content(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """"The ministry said preliminary information pointed to a gas leak, adding that ..." with
    "adding" hung on the reported clause: a reporting participle after a comma that closes the
    cue's complement (itself reporting no clause) speaks for the cue's subject; it is the cue's."""
    changes: dict[int, dict[str, object]] = {}
    for p in sent.words:
        if not p.head or p.deprel != "advcl" or p.xpos != "VBG" or not _reporting(p, lex):
            continue
        content = sent.word(p.head)
        if content.deprel != "ccomp" or not content.head or (_reporting(content, lex) and any(
                k.deprel in ("ccomp", "parataxis") and k.id != p.id for k in sent.children(content.id))):
            continue  # ("..., the minister told reporters that ..., adding": the minister adds)
        cue = sent.word(content.head)
        comma = sent.word(p.id - 1) if p.id > 1 else None
        if _reporting(cue, lex) and any(k.deprel in SUBJECTS for k in sent.children(cue.id)) \
                and comma is not None and comma.text == "," and cue.id < content.id < p.id:
            changes[p.id] = {"head": cue.id}
    return changes


def _name_tagged_as_verb(sent: Sentence) -> dict[int, dict[str, object]]:
    """A subject tagged as a verb or adjective ("Pyongyang denounced ..." with "Pyongyang" a
    VBG) that the lemmatizer did not know (its lemma keeps the capital): a name."""
    return {w.id: {"upos": "PROPN", "xpos": "NNP"} for w in sent.words
            if w.deprel in SUBJECTS and w.upos in ("VERB", "ADJ", "ADV") and w.text[:1].isupper()
            and w.lemma == w.text and not sent.children(w.id)}


LABEL_VERBS = frozenset({"call", "label", "brand", "dub", "term"})


def _quote_read_as_possessive(sent: Sentence) -> dict[int, dict[str, object]]:
    changes: dict[int, dict[str, object]] = {}
    for q in sent.words:
        if q.text not in ("'", "‘") or q.deprel != "case" or not q.head or q.id == 1 or q.id == len(sent.words):
            continue
        before, after = sent.word(q.id - 1), sent.word(q.id + 1)
        if before.end >= q.start or q.end != after.start:
            continue  # "the drills' end": no space before it, a possessive indeed
        owner = sent.word(q.head)
        if owner.deprel != "nmod:poss" or not owner.head or max(sent.subtree_ids(owner.id)) != q.id:
            continue
        quoted = sent.word(owner.head)  # the quoted phrase's head, which must start right after the mark
        if quoted.id < after.id or after.id not in sent.subtree_ids(quoted.id):
            continue
        verb = sent.word(quoted.head) if quoted.head else None
        changes[q.id] = {"upos": "PUNCT", "xpos": "``", "deprel": "punct", "head": quoted.id}
        changes[owner.id] = {"head": quoted.head, "deprel": quoted.deprel}
        if verb is not None and verb.upos == "VERB" and verb.lemma.lower() in LABEL_VERBS and quoted.deprel == "obj":
            changes[quoted.id] = {"deprel": "xcomp"}  # "calls the drills 'a rehearsal'"
        else:
            changes[quoted.id] = {"head": owner.id, "deprel": "appos"}
    return changes


def _titled_document(sent: Sentence, lex: CueLexicon) -> dict[int, dict[str, object]]:
    """'An editorial "Rivers are not roads" in the Global Times said that ...': a document noun,
    its title in quotation marks, "in" an outlet, then the reporting verb. The parser reads the
    title as a clause (the verb's complement, or the document as a compound of its first
    word): the document becomes the verb's subject, the title its apposition, the outlet its
    nmod."""
    words = sent.words
    for i, n in enumerate(words[:-4]):
        if n.upos != "NOUN" or n.lemma.lower() not in lex.document_nouns or words[i + 1].text not in OPENING_MARKS:
            continue
        close = next((j for j in range(i + 2, len(words)) if words[j].text in CLOSING_MARKS), None)
        if close is None or close + 2 >= len(words) or words[close + 1].lemma.lower() != "in":
            continue
        title = set(range(words[i + 2].id, words[close].id))
        outlet = next((words[j] for j in range(close + 2, min(len(words), close + 7))
                       if words[j].upos == "PROPN" or words[j].lemma.lower() in lex.outlet_nouns), None)
        if outlet is None:
            continue
        after = next((words[j] for j in range(outlet.id, len(words)) if words[j].upos != "PROPN"), None)
        if after is None or after.upos != "VERB" or lex.stance_of(after.lemma) is None:
            continue
        roots = [sent.word(t) for t in title if sent.word(t).head not in title]
        if len(roots) != 1 or any(k.deprel in SUBJECTS and k.id not in title and k.id != n.id
                                  for k in sent.children(after.id)):
            continue
        changes: dict[int, dict[str, object]] = {
            n.id: {"head": after.id, "deprel": "nsubj"},
            roots[0].id: {"head": n.id, "deprel": "appos"},
            outlet.id: {"head": n.id, "deprel": "nmod"},
            words[i + 1].id: {"head": roots[0].id, "deprel": "punct"},
            words[close].id: {"head": roots[0].id, "deprel": "punct"},
            words[close + 1].id: {"head": outlet.id, "deprel": "case"},
        }
        for k in words[:i]:  # "An" hung on the title's first word
            if k.head in title and k.upos in ("DET", "ADJ"):
                changes[k.id] = {"head": n.id, "deprel": "det" if k.upos == "DET" else "amod"}
        return changes
    return {}


def _apply(sent: Sentence, changes: dict[int, dict[str, object]]) -> Sentence:
    words: list[Word] = [w.model_copy(update=changes[w.id]) if w.id in changes else w for w in sent.words]
    return sent.model_copy(update={"words": words})


def repair_attachments(parsed: ParsedDocument, lex: CueLexicon) -> ParsedDocument:
    """The document with the repairs above applied; the same object when none applies."""
    sentences: list[Sentence] = []
    changed = False
    for sent in parsed.sentences:
        for repair in (lambda s: _object_of_a_fronted_participle(s, lex), _title_read_as_adjective,
                       _name_split_in_a_phrase, lambda s: _speaker_read_as_apposition(s, lex),
                       lambda s: _cue_subject_on_the_content(s, lex), _hyphenated_modifier_as_verb,
                       _split_subject, _subject_of_the_content, lambda s: _content_subject_after_the_cue(s, lex),
                       lambda s: _closing_frame_read_as_conjunct(s, lex), _floating_quantifier, _relative_on_the_cue,
                       lambda s: _name_as_verb(s, lex), _name_tagged_as_verb,
                       lambda s: _clause_on_a_date(s, lex), lambda s: _clause_on_the_medium(s, lex),
                       lambda s: _that_clause_as_parataxis(s, lex), lambda s: _content_read_as_conjunct(s, lex),
                       lambda s: _participle_on_the_content(s, lex),
                       _quote_read_as_possessive,
                       lambda s: _titled_document(s, lex)):
            changes = repair(sent)
            if changes:
                sent = _apply(sent, changes)
                changed = True
        sentences.append(sent)
    if not changed:
        return parsed
    return ParsedDocument(model_id=parsed.model_id, sentences=sentences)
