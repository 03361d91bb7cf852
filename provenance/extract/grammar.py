"""The shared grammar every construction reads one parsed sentence with.

A :class:`Grammar` wraps one sentence of the typed parse view: dependents by relation, the
speaker of a verb (subject, controller, agent), the content of a cue (complement clause,
parataxis, quotation), noun phrases read from the surface when the parse is wrong, and
``add``, which records an attribution.  It also holds what the passes share: ``found`` (the
attributions so far), ``by_cue`` (cue word id → index in ``found``) and ``consumed`` (words
already read as a cue).  Constructions (``provenance/extract/constructions/``) hold no state.
"""

from __future__ import annotations

from provenance.extract.lexicon import CueLexicon
from provenance.extract.mention import Extracted, Mention, Role
from provenance.extract.spans import (
    contiguous_run,
    quote_regions,
    quoted_share,
    words_span,
)
from provenance.nlp.doc import Sentence, Word
from provenance.quotes import (
    CLOSE,
    CLOSING_MARKS,
    CLOSING_TOKENS,
    OPENING_MARKS,
    STRAIGHT,
)
from provenance.report import AttributionKind, Stance, TextSpan

SUBJ = ("nsubj", "nsubj:outer")
PASS_SUBJ = ("nsubj:pass", "csubj:pass")
CONTENT_RELS = ("ccomp", "csubj")
# The lexical word lists (infinitive-content, quote-only and clause-only verbs, clause
# gerunds, addressee verbs, claim nouns, time words, mistagged cue forms) live in
# rules/cues.yaml and are read from the CueLexicon (``g.lex``).  What stays here is
# closed-class grammar, not something an editor tunes: modal auxiliaries (with the
# tokenizer's "wo"/"ca" of "won't"/"can't"), relative and personal pronouns, and UD
# relation names.  Quotation characters live in provenance/quotes.py.
MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "must", "shall", "wo", "ca"})
NEGATIONS = frozenset({"not", "n't", "never"})
CONTENT_CLIMB = 3  # clauses a participle may hang below the reported clause it follows
SENTENCE_CASE_WORDS = 2  # lower-case words of four letters or more that make a sentence sentence-cased, not a title
RELATIVE = frozenset({"who", "which", "that", "whom"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "it", "we", "i", "you"})
ACL_DOCUMENT_VERBS = frozenset({"take", "issue", "provide", "obtain"})  # "a photo taken by", "a statement issued by"
QUOTE_GAP = 40  # characters allowed between a cue clause and the quotation it introduces
CLAUSE_BREAKS = (",", "\u2014", "--", "-", "\u2013")  # what may stand between a clause and a cue clause


def rel(w: Word) -> str:
    """The universal part of a word's relation ("obl" of "obl:tmod")."""
    return w.deprel.split(":")[0]


class Grammar:
    """One sentence, the helpers every construction reads it with, and what they found."""

    def __init__(self, text: str, sent: Sentence, lex: CueLexicon, headline: bool = False) -> None:
        self.text = text
        self.sent = sent
        self.lex = lex
        self.headline = headline  # the sentence is the article's headline (its own conventions)
        self.quotes = quote_regions(text, sent.start, sent.end)
        self.found: list[Extracted] = []
        self.by_cue: dict[int, int] = {}  # cue word id -> index in found
        self.consumed: set[int] = set()

    def kids(self, wid: int, *rels: str) -> list[Word]:
        return [w for w in self.sent.children(wid) if not rels or w.deprel in rels or rel(w) in rels]

    def kid(self, wid: int, *rels: str) -> Word | None:
        found = self.kids(wid, *rels)
        return found[0] if found else None

    def mention(self, w: Word, drop: set[int] | None = None) -> Mention | None:
        ids = self.sent.subtree_ids(w.id) - (drop or set()) - self.time_phrases(w) - self.reporting_relatives(w)
        span = words_span(self.text, self.sent, ids, keep_quotes=False)
        if span is None:
            return None
        issuer = self.issuer_of(w)
        return Mention(
            span=span, sentence=self.sent.index, head=w.id, head_lemma=w.lemma.lower(), upos=w.upos,
            is_pronoun=w.upos == "PRON" or w.text.lower() in SPEAKER_PRONOUNS, issuer=issuer,
        )

    def reporting_relatives(self, w: Word) -> set[int]:
        """A relative or participle clause on a source that relays ("the state news agency SANA,
        which cited a military source", "military bloggers, citing a fleet commander"): an
        attribution of its own, not part of the name.  A relative clause
        of speech ("economists who argue that ...") stays: its cue's source is the relative
        pronoun's antecedent, and the span with it is what PolNeAR annotates."""
        out: set[int] = set()
        for k in self.sent.children(w.id):
            lemma = k.lemma.lower()
            if k.deprel in ("acl:relcl", "acl") and k.id > w.id and (lemma in self.lex.quote_verbs or lemma in self.lex.relay_participles):
                below = self.sent.subtree_ids(k.id)
                out |= below
                comma = min(below) - 1
                if comma > w.id and self.sent.word(comma).text == ",":
                    out.add(comma)
        return out

    def time_phrases(self, w: Word) -> set[int]:
        """Words of time adverbials inside w's noun phrase ("the TASS news agency on Thursday",
        "North Korea on Monday"): a date is not part of a source's name."""
        out: set[int] = set()
        for i in self.sent.subtree_ids(w.id) - {w.id}:
            k = self.sent.word(i)
            if k.lemma.lower() in self.lex.time_words and rel(k) in ("nmod", "obl", "appos", "compound") \
                    and k.head != 0 and k.id > w.id:
                out |= self.sent.subtree_ids(k.id)
            elif k.lemma.lower() in self.lex.time_words and k.deprel == "compound" and k.head == w.id \
                    and k.upos == "NOUN" and any(d.deprel == "det" and d.id < k.id for d in self.kids(w.id, "det")):
                # "..., the day U.S. officials said": the day is when, not who
                out |= self.sent.subtree_ids(k.id) | {d.id for d in self.kids(w.id, "det") if d.id < k.id}
        return out

    def issuer_of(self, w: Word) -> Mention | None:
        """Who issued an artefact: "photos released by X", "X's report", "a statement from X",
        "police reports", "a commentary in the People's Daily", "footage on state broadcaster CCTV",
        "pictures on X's website"."""
        lemma = w.lemma.lower()
        if lemma not in self.lex.nouns and lemma not in self.lex.artefact_nouns:
            return None
        if w.upos == "PROPN" and not self.headline and w.text[:1].isupper():
            return None  # "The Manila Bulletin said": a paper's name, not a bulletin issued by Manila
        for k in self.sent.children(w.id):
            if k.deprel.startswith("acl") and k.lemma.lower() in self.lex.channel_participles | ACL_DOCUMENT_VERBS:
                agent = self.agent_of(k)
                if agent is not None:
                    return self.mention(agent)
                went_out_on = next(  # "a statement read on state television": the outlet it went out on
                    (o for o in self.kids(k.id, "obl") if self.case_of(o) == "on"
                     and k.lemma.lower() in self.lex.channel_participles and o.lemma.lower() not in self.lex.time_words
                     and (o.upos == "PROPN" or (o.lemma.lower() in self.lex.outlet_nouns and any(
                         m.lemma.lower() in self.lex.named_outlet_modifiers for m in self.kids(o.id, "compound", "amod"))))
                     and o.lemma.lower() not in self.lex.publication_places), None)  # (not "on social media",
                # nor "on television": no outlet named)
                if went_out_on is not None:
                    return self.mention(went_out_on, drop={c.id for c in self.kids(went_out_on.id, "case")})
            if k.deprel.startswith("nmod") and self.case_of(k) in ("on", "in") \
                    and k.lemma.lower() in self.lex.publication_places:
                owner = self.publisher_of_place(k)  # "pictures on state television's website"
                if owner is not None:
                    return owner
            compound = k.deprel == "compound" and k.id < w.id and (
                k.upos == "PROPN" or k.lemma.lower() in self.lex.issuer_nouns  # "police reports", "a KCNA report",
                or (lemma in self.lex.artefact_nouns and k.lemma.lower() in self.lex.outlet_nouns))  # "state TV footage"
            in_outlet = k.deprel.startswith("nmod") and (
                self.case_of(k) == "in" or (self.case_of(k) == "on" and lemma in self.lex.artefact_nouns)) and (
                k.upos == "PROPN" or k.lemma.lower() in self.lex.outlet_nouns)  # "a commentary in the People's
            # Daily", "footage on state broadcaster CCTV" (a statement "on" something is its topic)
            if compound or in_outlet or k.deprel == "nmod:poss" \
                    or (k.deprel.startswith("nmod") and self.case_of(k) in ("from", "by", "of")):
                if k.upos in ("PROPN", "NOUN", "PRON"):
                    ids = self.sent.subtree_ids(k.id) - {c.id for c in self.kids(k.id, "case")}
                    head = k
                    if compound and lemma in self.lex.artefact_nouns:  # "State TV footage": every modifier before
                        mods = [c for c in self.sent.children(w.id) if c.deprel in ("compound", "amod") and c.id < w.id]
                        ids = {i for c in mods for i in self.sent.subtree_ids(c.id)}
                        head = mods[-1]  # it, headed by the one nearest the artefact ("TV")
                    for place in self.kids(head.id, "nmod"):  # "a statement by city police on their website"
                        if self.case_of(place) in ("on", "in") and place.lemma.lower() in self.lex.publication_places:
                            ids -= self.sent.subtree_ids(place.id)
                    while compound and min(ids) > 1 and (prev := self.sent.word(min(ids) - 1)).head == w.id \
                            and prev.upos in ("ADJ", "PROPN") and prev.text[:1].isupper():
                        ids.add(prev.id)  # "a Korean Central News Agency report": "Korean" hangs on "report"
                    span = words_span(self.text, self.sent, ids, keep_quotes=False)
                    if span is not None:
                        return Mention(span=span, sentence=self.sent.index, head=head.id,
                                       head_lemma=head.lemma.lower(), upos=head.upos,
                                       is_pronoun=head.upos == "PRON")
        return self.outlet_after_title(w)

    def outlet_after_title(self, w: Word) -> Mention | None:
        """'An editorial "Rivers are not roads" in the Global Times said': a document with
        its title in quotation marks, then "in" an outlet (the parse hangs the outlet on the title)."""
        words = self.sent.words
        pos = next((i for i, x in enumerate(words) if x.id == w.id), None)
        if pos is None or pos + 1 >= len(words) or words[pos + 1].text not in OPENING_MARKS:
            return None
        close = next((i for i in range(pos + 2, len(words)) if words[i].text in CLOSING_MARKS), None)
        if close is None or close + 2 >= len(words) or words[close + 1].lemma.lower() != "in" \
                or words[close + 1].deprel != "case":
            return None
        k = self.sent.word(words[close + 1].head)
        if k.id <= words[close + 1].id or not (k.upos == "PROPN" or k.lemma.lower() in self.lex.outlet_nouns):
            return None
        ids = self.sent.subtree_ids(k.id) - {c.id for c in self.kids(k.id, "case")}
        span = words_span(self.text, self.sent, ids, keep_quotes=False)
        if span is None:
            return None
        return Mention(span=span, sentence=self.sent.index, head=k.id, head_lemma=k.lemma.lower(), upos=k.upos)

    def publisher_of_place(self, place: Word) -> Mention | None:
        """Whose website, page or channel it is: its possessor ("state television's website"),
        its of-phrase ("the website of the ministry") or a proper name before it ("the KCNA
        website")."""
        kids = self.sent.children(place.id)
        for k in kids:
            glued = k.deprel == "compound" and k.text.lower().endswith(("'s", "\u2019s"))  # "television's" one token
            owner = k.deprel == "nmod:poss" or (k.deprel.startswith("nmod") and self.case_of(k) == "of") \
                or (k.deprel == "compound" and k.id < place.id and k.upos == "PROPN") or glued
            if not owner or k.upos not in ("PROPN", "NOUN"):
                continue
            ids = self.sent.subtree_ids(k.id) - {c.id for c in self.kids(k.id, "case")}
            if glued:  # its modifiers hang on the place: "Syrian state television's website"
                ids |= {i for j in kids if j.id < k.id and j.deprel not in ("det", "case")
                        for i in self.sent.subtree_ids(j.id)}
            span = words_span(self.text, self.sent, ids, keep_quotes=False)
            if span is not None and glued:  # "ministry's" -> "ministry"
                span = TextSpan(text=span.text[:-2], start=span.start, end=span.end - 2)
            if span is not None:
                return Mention(span=span, sentence=self.sent.index, head=k.id,
                               head_lemma=k.lemma.lower().removesuffix("'s").removesuffix("\u2019s"), upos=k.upos)
        return None

    def case_of(self, w: Word) -> str:
        c = self.kid(w.id, "case")
        return c.lemma.lower() if c else ""

    def agent_of(self, v: Word) -> Word | None:
        for k in self.sent.children(v.id):
            if k.deprel == "obl:agent" or (rel(k) == "obl" and self.case_of(k) == "by"):
                return k
        return None

    def is_passive(self, v: Word) -> bool:
        """A passive needs its auxiliary ("was reported"), or is a reduced relative
        ("the claims reported by X"); a stray nsubj:pass alone is a parser slip."""
        if self.kids(v.id, "aux:pass"):
            return True
        if v.deprel == "conj" and v.xpos == "VBN" and v.head and not self.kids(v.id, *SUBJ, *PASS_SUBJ, "aux") \
                and self.kids(v.head, "aux:pass"):
            return True  # "was arrested and accused of ...": the conjunct shares the passive
        return v.deprel.startswith("acl") and v.xpos == "VBN" and not self.kids(v.id, *SUBJ, *PASS_SUBJ)

    def subject(self, v: Word, depth: int = 0) -> Word | None:
        """The speaker: nsubj, or the controller of a subject-less participle/conjunct."""
        s = self.kid(v.id, *SUBJ) or (None if self.is_passive(v) else self.kid(v.id, *PASS_SUBJ))
        near = [k for k in self.kids(v.id, *SUBJ) if k.id < v.id and max(self.sent.subtree_ids(k.id)) == v.id - 1
                and not self.kids(k.id, "case") and s is not None and k.id != s.id
                and (k.upos != "PROPN" or any(w.upos in ("VERB", "AUX") or w.text == ":" for w in self.sent.words
                                              if max(self.sent.subtree_ids(s.id)) < w.id < k.id))]
        if near:
            s = near[0]  # 'Claims ... were "pure fiction", the RIA news agency quoted ...': the subject
            # right before the cue speaks ("...: RIA cites minister"); the first one is the content's (not a phrase with a preposition,
            # "Six in 10 voters", nor a place set off by a comma, "Stacy Baker of Columbia, South Carolina")
        if s is not None and s.upos == "VERB":  # "State-run IRIB television said" with "run" a second subject
            s = next((k for k in self.kids(v.id, *SUBJ) if k.upos in ("NOUN", "PROPN", "PRON")), s)
        if s is not None and s.lemma.lower() in self.lex.time_words:  # "Wednesday said": a date is nobody
            named = next((k for k in self.kids(s.id, "appos") if k.upos in ("PROPN", "NOUN")), None)
            s = named or self.speaker_outside_quotes(v)  # "Earlier Tuesday, Samir Fawzy, head of ..., told"
        if s is not None:
            if s.lemma.lower() in RELATIVE and v.deprel.startswith("acl") and v.head:
                return self.sent.word(v.head)
            return s
        if depth == 0 and (teller := self.content_teller(v)) is not None:
            return self.subject(teller, depth + 1)  # "X said that Ruritania had no plans ..., stressing ...": X
        if depth == 0 and v.deprel.split(":")[0] == "acl" and v.head and v.xpos == "VBG" \
                and any(c.deprel == "case" and c.lemma.lower() == "with" for c in self.sent.children(v.head)):
            return self.sent.word(v.head)  # "..., with the official news agency stressing ...": the agency
        if depth < 4 and v.head and (depth > 0 or v.deprel.split(":")[0] in ("xcomp", "advcl", "conj", "acl")):
            head = self.sent.word(v.head)
            if self.is_passive(head) and v.deprel.split(":")[0] != "conj":
                return self.kid(head.id, *PASS_SUBJ)
            if v.upos != "VERB" and depth > 0 and head.upos not in ("VERB", "AUX", "NOUN", "ADJ"):
                return None
            return self.subject(head, depth + 1)
        return None

    def in_quote(self, w: Word) -> bool:
        return any(a <= w.start and w.end <= b for a, b in self.quotes)

    def speaker_outside_quotes(self, v: Word) -> Word | None:
        """The nominal right after ('…," said Clyburn') or right before ('…," Clyburn said') the cue."""
        words = self.sent.words
        after = [w for w in words[v.id:] if not self.in_quote(w)]
        for w in after[:6]:
            if w.upos in ("PROPN", "NOUN", "PRON") and w.lemma.lower() not in self.lex.time_words:
                return self.np_head_from(w)
            if w.upos in ("PUNCT", "VERB") and w.text not in ("(",):
                break
        before = [w for w in words[: v.id - 1] if not self.in_quote(w)]
        depth = 0  # inside a parenthesis: "Rep. John Mica (R-Fla.) said"
        for w in reversed(before[-12:]):
            if w.text == ")":
                depth += 1
            elif w.text == "(" and depth:
                depth -= 1
            elif depth:
                continue
            elif w.upos in ("PROPN", "NOUN", "PRON") and w.lemma.lower() not in self.lex.time_words:
                return self.np_head_from(w)
            elif w.upos == "PUNCT":
                break
        return None

    def surface_np(self, w: Word, cue: Word) -> set[int]:
        """The words of w's noun phrase read from the surface: nominal words next to it outside
        quotations, up to the cue, with a parenthesis such as "(D-Wis.)" after a name."""
        words = self.sent.words

        def nominal(x: Word) -> bool:
            return (x.id != cue.id and not self.in_quote(x) and x.lemma.lower() not in self.lex.time_words
                    and (x.upos in ("PROPN", "NOUN", "ADJ", "DET", "NUM") or x.text in ("-", "'s", "’s", ".")))

        lo = hi = w.id - 1  # indexes into words
        while lo > 0 and nominal(words[lo - 1]):
            lo -= 1
        while True:
            if hi + 1 < len(words) and nominal(words[hi + 1]):
                hi += 1
            elif hi + 1 < len(words) and words[hi + 1].text == "(":
                close = next((k for k in range(hi + 2, min(len(words), hi + 10)) if words[k].text == ")"), None)
                if close is None or cue.id - 1 <= close:
                    break
                hi = close
            else:
                break
        while lo < w.id - 1 and words[lo].upos == "PUNCT":  # no leading "-" or "."
            lo += 1
        return {x.id for x in words[lo : hi + 1]}

    def surface_mention(self, ids: set[int], head: Word) -> Mention | None:
        span = words_span(self.text, self.sent, ids, keep_quotes=False)
        if span is None:
            return None
        return Mention(span=span, sentence=self.sent.index, head=head.id, head_lemma=head.lemma.lower(),
                       upos=head.upos, is_pronoun=head.upos == "PRON" or head.text.lower() in SPEAKER_PRONOUNS)

    def np_head_from(self, w: Word) -> Word:
        """Climb flat/compound/appos links to the head of the noun phrase w belongs to."""
        seen = set()
        while w.head and w.deprel.split(":")[0] in ("flat", "compound", "amod", "det", "nmod") and w.id not in seen:
            seen.add(w.id)
            head = self.sent.word(w.head)
            if head.upos not in ("PROPN", "NOUN", "PRON") or self.in_quote(head) != self.in_quote(w):
                break
            w = head
        return w

    def is_gerund(self, v: Word) -> bool:
        return v.xpos == "VBG" or v.feat("VerbForm") == "Ger" or (v.text.lower().endswith("ing") and v.upos == "VERB")

    def content_teller(self, v: Word) -> Word | None:
        """A reporting participle after a comma ("..., stressing that ...", "..., adding ...") that the
        parse hung on the verb of a reported clause: the verb that reports that clause, whose
        speaker goes on speaking (not the clause's own subject)."""
        if v.xpos != "VBG" or v.deprel.split(":")[0] not in ("advcl", "conj") or not v.head \
                or self.lex.stance_of(v.lemma) is None or v.id < 2 or self.sent.word(v.id - 1).text != ",":
            return None
        cur = self.sent.word(v.head)
        for _ in range(CONTENT_CLIMB):  # up through the reported clause's own clauses ("... to join the war")
            if cur.deprel.split(":")[0] == "ccomp" and cur.head:
                teller = self.sent.word(cur.head)
                return teller if teller.upos == "VERB" and self.lex.stance_of(teller.lemma) is not None else None
            if cur.deprel.split(":")[0] not in ("advcl", "conj", "xcomp") or not cur.head:
                return None
            cur = self.sent.word(cur.head)
        return None

    def participle_subject(self, v: Word) -> Word | None:
        """", saying/expressing ..." with no subject of its own: the sentence's subject."""
        if not self.is_gerund(v) or v.deprel == "root":
            return None
        root = next((w for w in self.sent.words if w.head == 0), None)
        if root is not None:
            s = self.kid(root.id, *SUBJ)
            if s is not None and s.id < v.id:
                return s
        found = next((w for w in self.sent.words if w.id < v.id and (w.deprel in SUBJ or (
            w.deprel in PASS_SUBJ and not self.is_passive(self.sent.word(w.head))))), None)
        if found is None and root is not None and root.upos in ("NOUN", "PROPN") and root.id < v.id:
            return root  # a parse that made the subject noun the root of the sentence
        return found

    def following_clause(self, v: Word) -> set[int] | None:
        """", saying they ..." misparsed: the words after the gerund up to the next cue clause."""
        if not self.is_gerund(v) or v.lemma.lower() not in self.lex.clause_gerunds:
            return None
        ids: set[int] = set()
        later_cues = [w for w in self.sent.words if w.id > v.id and w.upos == "VERB" and self.lex.stance_of(w.lemma)]
        stop = len(self.sent.words) + 1
        if later_cues:
            commas = [w.id for w in self.sent.words if v.id < w.id < later_cues[0].id and w.text == ","]
            stop = commas[-1] if commas else later_cues[0].id
        for w in self.sent.words:
            if v.id < w.id < stop:
                ids.add(w.id)
        return ids if sum(1 for i in ids if self.sent.word(i).upos != "PUNCT") >= 3 else None

    def relaying(self, k: Word) -> bool:
        """A relaying participle ("citing ...", "quoting ..."): the source a report passes on."""
        return k.xpos == "VBG" and k.lemma.lower() in self.lex.relay_participles

    def conj_cue_content(self, v: Word) -> set[int]:
        """"Y, the commander of X said on Wednesday" with the cue parsed as a conjunct of Y's
        verb (no "and"): the content is the clause before the comma that opens the speaker."""
        if v.deprel != "conj" or not v.head or v.head > v.id or self.kids(v.id, "cc") \
                or any(k.deprel in CONTENT_RELS for k in self.sent.children(v.id)):
            return set()
        subj = self.kid(v.id, "nsubj")
        if subj is None or subj.id > v.id:
            return set()
        first = min(self.sent.subtree_ids(subj.id))
        if first < 3 or self.sent.word(first - 1).text != ",":
            return set()
        head = self.sent.word(v.head)
        return contiguous_run(self.sent, {i for i in self.sent.subtree_ids(head.id) - self.sent.subtree_ids(v.id)
                                          if i < first - 1})

    def content_ids(self, v: Word, allow_xcomp: bool) -> tuple[set[int] | None, str]:
        if v.deprel == "parataxis" and v.head and v.head < v.id and self.sent.word(v.id - 1).upos == "PUNCT":
            # '"Y," said X, ...': the content is the clause before the cue, whatever hangs after it
            head = self.sent.word(v.head)
            ids = contiguous_run(self.sent, self.sent.subtree_ids(head.id) - self.sent.subtree_ids(v.id))
            if ids and max(ids) < v.id:
                return ids, "parataxis"
        conj = self.conj_cue_content(v)
        if conj:
            return conj, "parataxis"
        subjects = self.kids(v.id, *SUBJ)
        late = next((k for k in subjects if k.id > v.id), None)
        if late is not None and any(k.id < v.id for k in subjects) and not any(self.in_quote(k) for k in subjects) \
                and any(k.deprel in CONTENT_RELS and k.id > late.id for k in self.sent.children(v.id)):
            # "KCNA said Kim, who chairs the commission, toured the shipyard" with "Kim" a second
            # subject of the cue: the content is all that follows the cue
            return contiguous_run(self.sent, {w.id for w in self.sent.words if w.id > v.id}), "nsubj-ccomp"
        contents = [k for k in self.sent.children(v.id) if k.deprel in CONTENT_RELS and not self.relaying(k)]
        # "state media said citing a military source": who, not what; 'An editorial "China not
        # deluded" in X said that ...': a title before the cue parsed as a second clause, the
        # content is the one after it
        later = [k for k in contents if k.id > v.id]
        for k in (later[:1] if len(contents) > 1 and later and any(
                k.id < v.id and self.in_quote(k) for k in contents) else contents):
            if k.deprel in CONTENT_RELS:
                ids = self.sent.subtree_ids(k.id)
                obj = next((o for o in self.kids(v.id, "obj") if v.id < o.id < k.id), None)
                if obj is not None and v.lemma.lower() not in self.lex.addressee_verbs and k.id > v.id \
                        and self.kid(k.id, *SUBJ, *PASS_SUBJ) is None:
                    ids = ids | self.sent.subtree_ids(obj.id)  # the clause's subject, parsed as the cue's object
                return ids, "nsubj-ccomp"
        if v.lemma.lower() in self.lex.addressee_verbs:  # "told the Reuters news agency she had seen
            for addressee in self.kids(v.id, "obj", "iobj"):  # smoke", the content parsed as a relative
                for r in self.sent.children(addressee.id):  # clause on the addressee, with no relative word
                    told = self.kid(r.id, *SUBJ)
                    if r.deprel == "acl:relcl" and r.id > addressee.id and told is not None and told.upos == "PRON" \
                            and told.lemma.lower() not in RELATIVE and told.id == min(self.sent.subtree_ids(r.id)):
                        return self.sent.subtree_ids(r.id), "nsubj-ccomp"
        for k in self.sent.children(v.id):  # "noted that ..." parsed as a conjunct
            if k.id > v.id and rel(k) in ("conj", "advcl", "dep", "obj") and any(
                    m.deprel == "mark" and m.lemma.lower() in ("that", "whether", "if") and m.id < k.id
                    and m.id == min(self.sent.subtree_ids(k.id))  # the clause opens with it: not "areas that ..."
                    for m in self.sent.children(k.id)):
                return self.sent.subtree_ids(k.id), "nsubj-ccomp"
        if allow_xcomp:
            x = self.kid(v.id, "xcomp")
            obj = self.kid(v.id, "obj")
            if x is None and obj is not None and obj.id > v.id:  # "urged shipping firms to file routes" with
                x = next((k for k in self.kids(obj.id, "acl")  # the infinitive hung on the object
                          if any(m.deprel == "mark" and m.lemma.lower() == "to" for m in self.sent.children(k.id))), None)
                if x is not None:
                    return self.sent.subtree_ids(obj.id), "xcomp"
            if x is None and obj is not None and obj.id > v.id and not self.is_passive(v):  # "urged the people
                # of the province to cooperate" with the infinitive a clause of the verb's own, after its object
                # (not "were denied visas to cover the case")
                x = next((k for k in self.kids(v.id, "advcl") if k.id > obj.id and k.upos == "VERB"
                          and any(m.deprel == "mark" and m.lemma.lower() == "to" and m.id == k.id - 1
                                  for m in self.sent.children(k.id))), None)
                if x is not None:
                    return self.sent.subtree_ids(obj.id) | self.sent.subtree_ids(x.id), "xcomp"
            if x is not None:
                ids = self.sent.subtree_ids(x.id)
                subj = self.kid(v.id, *PASS_SUBJ)
                if subj is not None:  # "X was reported to have ..." : X belongs to the content
                    ids |= self.sent.subtree_ids(subj.id)
                return ids, "xcomp"
        closing = None
        for k in self.kids(v.id, "parataxis"):
            if self.closing_cue_clause(k, v):
                closing = k  # "Y denied that Z, X said": X's clause reports v's, it is not v's content
                continue
            if k.upos in ("VERB", "AUX", "ADJ", "NOUN", "PROPN") and k.id not in self.by_cue:
                return self.sent.subtree_ids(k.id), "parataxis"
        if closing is not None:
            return self.clause_before(v, closing), "nsubj-ccomp"
        if v.lemma.lower() == "express":
            o = self.kid(v.id, "obj")
            if o is not None:
                return self.sent.subtree_ids(o.id), "nsubj-obj"
        if v.head and v.deprel in ("parataxis", "ccomp") and not self.is_gerund(v) \
                and not (v.deprel == "ccomp" and self.lex.stance_of(self.sent.word(v.head).lemma) is not None
                         and not self.closing_cue_clause(v, self.sent.word(v.head))):
            # ('"Y," X said' with the cue hung on Y); a clause that is what a cue reports is not that
            # cue's ("X ordered ..., VNA said"), unless it closes the sentence with a subject of its own
            head = self.sent.word(v.head)
            ids = self.sent.subtree_ids(head.id) - self.sent.subtree_ids(v.id)
            return contiguous_run(self.sent, ids), "parataxis"
        stated = self.statement_clause(v)
        if stated:
            return stated, "nsubj-ccomp"
        trailing = self.trailing_clause_content(v)
        if trailing:
            return trailing, "parataxis"
        following = self.following_clause(v)
        if following:
            return following, "controlled"
        return None, ""

    def closing_cue_clause(self, k: Word, v: Word) -> bool:
        """Is ``k`` (a dependent of ``v``) a cue clause closing the sentence after a comma:
        "…, TASS said." with its own subject?"""
        if k.id < v.id or self.lex.stance_of(k.lemma) is None or self.kid(k.id, *SUBJ) is None:
            return False
        below = self.sent.subtree_ids(k.id)
        first = min((i for i in below if self.sent.word(i).upos != "PUNCT"), default=k.id)
        if first < 2:
            return False
        before = self.sent.word(first - 1).text
        if before in CLOSING_TOKENS and first > 2:  # '"...," the agency reported': the comma inside the quotation
            before = self.sent.word(first - 2).text
        if before not in CLAUSE_BREAKS:
            return False
        return all(w.id in below or w.upos == "PUNCT" for w in self.sent.words if w.id > first)

    def clause_before(self, v: Word, closing: Word) -> set[int] | None:
        """v's clausal content read from the surface when the parse lost it: from a "that"
        ("whether", "if") after v up to the comma before the closing cue clause."""
        stop = min(i for i in self.sent.subtree_ids(closing.id) if self.sent.word(i).upos != "PUNCT") - 1  # the comma
        start = next((w.id for w in self.sent.words if v.id < w.id < stop and w.upos == "SCONJ"
                      and w.lemma.lower() in ("that", "whether", "if")), None)
        if start is None:
            return None
        ids = {w.id for w in self.sent.words if start <= w.id < stop}
        return ids if any(self.sent.word(i).upos in ("VERB", "AUX") for i in ids) else None

    def trailing_relay(self, v: Word) -> set[int]:
        """The words of a relaying participle clause right after v's clause, wherever the parser
        hung it ("…, TASS reported, citing the company's deputy chief")."""
        nxt = [w for w in self.sent.words if w.id > max(self.sent.subtree_ids(v.id)) and w.upos != "PUNCT"]
        if nxt and nxt[0].lemma.lower() in self.lex.relay_participles and nxt[0].upos == "VERB":
            return self.sent.subtree_ids(nxt[0].id)
        return set()

    def statement_clause(self, v: Word) -> set[int] | None:
        """"said in a statement (carried by X) that …", "said in a video posted on state television
        that …", "told The Associated Press that …" with the that-clause hung on the statement or
        image noun, the participle, the outlet or the addressee: the words from "that" to the end of
        the cue's clause."""
        for k in self.kids(v.id, "obl", "iobj", "obj"):
            if k.id < v.id:
                continue
            if rel(k) == "obl" and (self.case_of(k) != "in"
                                    or k.lemma.lower() not in self.lex.document_nouns) \
                    and not self.clause_marked_on(k):
                continue
            if rel(k) in ("iobj", "obj") and v.lemma.lower() not in self.lex.addressee_verbs:
                continue
            below = sorted(self.sent.subtree_ids(k.id))
            that = next((i for i in below if i > k.id and self.sent.word(i).lemma.lower() == "that"), None)
            if that is None:
                return None
            ids = {i for i in self.sent.subtree_ids(v.id) if i >= that}
            if any(self.sent.word(i).upos in ("VERB", "AUX") for i in ids):
                return ids
        return None

    def clause_marked_on(self, k: Word) -> bool:
        """"said at a briefing that Moscow was open ...": a clause with a subject of its own,
        opened by the conjunction "that", that the parser hung on the noun as a relative
        clause (in a true relative clause "that" is the subject or object, not a marker)."""
        for c in self.kids(k.id, "acl"):
            that = next((m for m in self.kids(c.id) if m.lemma.lower() == "that"
                         and (m.deprel == "mark" or m.upos == "SCONJ")), None)  # (SCONJ "that" hung as obj)
            if that is not None and that.id == min(self.sent.subtree_ids(c.id)) and self.kid(c.id, *SUBJ, *PASS_SUBJ):
                return True
        return False

    def trailing_clause_content(self, v: Word) -> set[int] | None:
        """"Y, X said." however the parser attached the cue clause: when the cue's own clause
        (its subject, the cue, what hangs after it) closes the sentence after a comma, the
        content is what comes before that comma."""
        subj = self.kid(v.id, *SUBJ, *PASS_SUBJ)
        if subj is not None and subj.lemma.lower() in RELATIVE or (
                self.kid(v.id, "obj") is not None and v.lemma.lower() not in self.lex.addressee_verbs):
            return None  # "…, which first reported the story": a relative clause with its own object
        start = min((i for i in self.sent.subtree_ids(subj.id) if self.sent.word(i).upos != "PUNCT"), default=subj.id) \
            if subj is not None and subj.id < v.id else v.id  # (a comma the parser hung on the subject is not its)
        below = self.sent.subtree_ids(v.id) | self.trailing_relay(v)
        if any(w.id > v.id and w.id not in below and w.upos != "PUNCT" for w in self.sent.words):
            return None
        before = [w for w in self.sent.words if w.id < start]
        if not before:
            return None
        last = before[-1].text
        if last not in CLAUSE_BREAKS and last[-1:] not in (",", STRAIGHT, CLOSE):
            return None
        ids = {w.id for w in before}
        return ids if any(w.upos in ("VERB", "AUX", "NOUN", "ADJ", "PROPN") for w in before) else None

    def quote_near(self, v: Word) -> TextSpan | None:
        """The closest quotation in the sentence that does not contain the cue."""
        best = None
        for a, b in self.quotes:
            if a <= v.start < b:
                continue
            dist = v.start - b if b <= v.start else a - v.end
            if best is None or dist < best[0]:
                best = (dist, a, b)
        if best is None or best[0] > QUOTE_GAP:
            return None
        return TextSpan(text=self.text[best[1] : best[2]], start=best[1], end=best[2])

    def kind_of(self, content: TextSpan | None) -> AttributionKind:
        if content is None or not self.quotes:
            return "indirect"
        share = quoted_share(self.text, content, self.quotes)
        if share >= 0.85:
            return "direct"
        if share > 0.0:
            return "mixed"
        return "indirect"

    def cue_span(self, v: Word) -> TextSpan:
        start, end = v.start, v.end
        for k in self.kids(v.id, "compound:prt"):
            start, end = min(start, k.start), max(end, k.end)
        return TextSpan(text=self.text[start:end], start=start, end=end)

    def add(self, v: Word, source: Mention | None, content: TextSpan | None, pattern: str,
            role: Role, kind: AttributionKind | None = None, stance: Stance = "neutral",
            confidence: float = 0.8, cue: TextSpan | None = None, embedded_in: int | None = None,
            cue_lemma: str | None = None) -> int:
        """Record an attribution whose cue is word ``v`` (``cue`` overrides the cue's span,
        ``cue_lemma`` its lemma); ``v`` is consumed.  Returns its index in ``found``."""
        self.found.append(Extracted(
            sentence=self.sent.index, cue=cue or self.cue_span(v), cue_lemma=cue_lemma or v.lemma.lower(), cue_word=v.id,
            source=source, content=content, kind=kind or self.kind_of(content), stance=stance,
            pattern=pattern, role=role, embedded_in=embedded_in, confidence=confidence,
        ))
        self.by_cue[v.id] = len(self.found) - 1
        self.consumed.add(v.id)
        return len(self.found) - 1

    def span(self, ids: set[int] | None) -> TextSpan | None:
        return words_span(self.text, self.sent, ids) if ids else None

    def name_part(self, v: Word) -> bool:
        """"in the city of Port Said", "Abu Said said": a capitalised cue form right after a proper
        name, inside a sentence written in sentence case, is part of that name (in a title-case
        headline, "Putin Says ...", it is a cue)."""
        if not v.text[:1].isupper() or v.id < 2:
            return False
        before = self.sent.word(v.id - 1)
        lower = sum(1 for w in self.sent.words if w.text.isalpha() and len(w.text) > 3 and w.text[:1].islower())
        return before.upos == "PROPN" and before.text[:1].isupper() and lower >= SENTENCE_CASE_WORDS

    def negated(self, v: Word) -> bool:
        """"did not mention", "never said": a verb with a negating adverb."""
        return any(k.lemma.lower() in ("not", "never") for k in self.kids(v.id, "advmod"))

    def hypothetical(self, v: Word) -> bool:
        """"will announce", "cannot comment", "would order", "did not say", "(wants) to say", "without
        mentioning", an imperative
        ("Tell that to ..."), an idiom ("it is worth noting") or a deed charged ("convicted of
        posting ..."): not reported speech."""
        if any((k.deprel == "aux" and k.lemma.lower() in MODALS) or (k.deprel == "mark" and k.lemma.lower() in ("to", "without"))
               or (k.deprel == "advmod" and k.lemma.lower() in NEGATIONS and k.id < v.id
                   and not self.negates_adverb(k))
               for k in self.sent.children(v.id)):
            return True  # "did not say how ...": nothing was said
        if v.deprel == "conj" and v.xpos == "VB" and v.head and not self.kids(v.id, *SUBJ) \
                and self.kids(v.head, "mark") and self.sent.word(v.head).xpos == "VB" and self.hypothetical(self.sent.word(v.head)):
            return True  # "difficult to check figures and confirm statements": the infinitive goes on
        first = next((w for w in self.sent.words if w.upos != "PUNCT"), None)
        if first is v and v.xpos == "VB" and self.kid(v.id, *SUBJ) is None:
            return True
        return self.in_idiom(v) or self.charged_deed(v)

    def charged_deed(self, v: Word) -> bool:
        """"was convicted of posting articles", "jailed for writing about ...": a verb of speaking
        in the deed someone is charged with or punished for (`charge_verbs`) reports nothing."""
        return v.xpos == "VBG" and v.deprel.split(":")[0] in ("advcl", "acl") and v.head is not None and v.head > 0 \
            and self.sent.word(v.head).lemma.lower() in self.lex.charge_verbs \
            and any(k.deprel in ("mark", "case") and k.lemma.lower() in ("of", "for", "with")
                    for k in self.sent.children(v.id))

    def negates_adverb(self, neg: Word) -> bool:
        """"Not surprisingly, they said ...", "Not only did it say ...": a negation that opens
        the sentence before an adverb negates the adverb, not the verb it hangs from."""
        first = next((w for w in self.sent.words if w.upos != "PUNCT"), None)
        after = next((w for w in self.sent.words if w.id == neg.id + 1), None)
        return first is neg and after is not None and after.upos == "ADV"

    def in_idiom(self, v: Word) -> bool:
        lowered = self.text[self.sent.start : self.sent.end].lower()
        for idiom in self.lex.idioms:
            at = lowered.find(idiom)
            while at >= 0:
                if self.sent.start + at <= v.start and v.end <= self.sent.start + at + len(idiom):
                    return True
                at = lowered.find(idiom, at + 1)
        return False

    def clause_after_cue(self, v: Word) -> set[int] | None:
        """What hangs after a say-type cue whose clause the tagger broke up ("said the union
        expected production to improve", with "expected" tagged as an adjective): the
        cue's dependents after it, when they hold a verb."""
        ids: set[int] = set()
        for k in self.sent.children(v.id):
            if k.id > v.id and k.upos != "PUNCT" and rel(k) not in ("obl", "advmod", "mark", "cc", "conj"):
                ids |= self.sent.subtree_ids(k.id)
            elif k.id > v.id and rel(k) == "conj" and ids and not self.kids(k.id, "cc", *SUBJ):
                ids |= self.sent.subtree_ids(k.id)  # "said buyers ... had placed": no "and", no subject of its own
        relatives = {j for i in ids if self.sent.word(i).deprel == "acl:relcl" for j in self.sent.subtree_ids(i)}
        if not ids or not any(self.sent.word(i).upos in ("VERB", "AUX") for i in ids - relatives):
            return None  # "claimed a record harvest in a year that farmers said was a failure": no clause of its own
        return contiguous_run(self.sent, {i for i in ids if i > v.id})

    def in_relative(self, w: Word) -> bool:
        """A verb of a relative clause on the speaker ("X, who runs Y,")."""
        return w.deprel.startswith("acl") or any(k.lemma.lower() in RELATIVE for k in self.sent.children(w.id))
