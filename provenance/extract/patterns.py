"""Attribution patterns over Universal Dependencies.

Each pattern reads one parsed sentence and yields ``Extracted`` attributions:

* ``nsubj-ccomp``      X said (that) Y
* ``parataxis``        Y, X said  /  "Y," said X  (the cue hangs on the content's verb)
* ``controlled``       ..., saying Y  (the speaker is the subject of the governing verb)
* ``quote-as``         X quoted/cited Y as saying Z;  Y was quoted by X as saying Z
* ``relay``            ..., quoting/citing X  (X is the earlier source of a relayed claim)
* ``channel``          ... said in a statement carried/published by X
* ``according-to``     according to X
* ``sourceless``       it was reported that ...;  X was reported to ...;  reportedly
* ``artefact``         photos released by X showed ...;  X's report said ...
* ``quote-fallback``   X said, with the content a quotation elsewhere in the sentence
"""

from __future__ import annotations

from provenance.extract.lemmas import with_lexicon_lemmas
from provenance.extract.lexicon import CueLexicon
from provenance.extract.model import Extracted, Mention, Role
from provenance.extract.spans import quote_regions, quoted_share, words_span, contiguous_run
from provenance.nlp.doc import Sentence, Word
from provenance.report import AttributionKind, Stance, TextSpan

SUBJ = ("nsubj", "nsubj:outer")
PASS_SUBJ = ("nsubj:pass", "csubj:pass")
CONTENT_RELS = ("ccomp", "csubj")
# The lexical word lists (infinitive-content, quote-only and clause-only verbs, clause
# gerunds, addressee verbs, claim nouns, time words, mistagged cue forms) live in
# rules/cues.yaml and are read from the CueLexicon (``self.lex``).  What stays here is
# closed-class grammar, not something an editor tunes: modal auxiliaries (with the
# tokenizer's "wo"/"ca" of "won't"/"can't"), relative and personal pronouns, quotation
# characters, and UD relation names.
MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "must", "shall", "wo", "ca"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "it", "we", "i", "you"})
QUOTE_CHARS_SET = frozenset("\"“”‘’'«»")
CLOSING_QUOTE_TOKENS = frozenset({"”", '"', "''", "’"})
ACL_DOCUMENT_VERBS = frozenset({"take", "issue", "provide", "obtain"})  # "a photo taken by", "a statement issued by"
QUOTE_GAP = 40  # characters allowed between a cue clause and the quotation it introduces


def _rel(w: Word) -> str:
    return w.deprel.split(":")[0]


class SentenceMatcher:
    """Runs every pattern over one sentence."""

    def __init__(self, text: str, sent: Sentence, lex: CueLexicon) -> None:
        self.text = text
        self.sent = sent
        self.lex = lex
        self.quotes = quote_regions(text, sent.start, sent.end)
        self.found: list[Extracted] = []
        self.by_cue: dict[int, int] = {}  # cue word id -> index in found
        self.consumed: set[int] = set()

    # ----- helpers ---------------------------------------------------------------
    def kids(self, wid: int, *rels: str) -> list[Word]:
        return [w for w in self.sent.children(wid) if not rels or w.deprel in rels or _rel(w) in rels]

    def kid(self, wid: int, *rels: str) -> Word | None:
        found = self.kids(wid, *rels)
        return found[0] if found else None

    def mention(self, w: Word, drop: set[int] | None = None) -> Mention | None:
        ids = self.sent.subtree_ids(w.id) - (drop or set())
        # a source stops before a relative clause that contains the cue itself
        span = words_span(self.text, self.sent, ids, keep_quotes=False)
        if span is None:
            return None
        issuer = self.issuer_of(w)
        return Mention(
            span=span, sentence=self.sent.index, head=w.id, head_lemma=w.lemma.lower(), upos=w.upos,
            is_pronoun=w.upos == "PRON" or w.text.lower() in SPEAKER_PRONOUNS, issuer=issuer,
        )

    def issuer_of(self, w: Word) -> Mention | None:
        """Who issued an artefact: "photos released by X", "X's report", "a statement from X"."""
        lemma = w.lemma.lower()
        if lemma not in self.lex.nouns and lemma not in self.lex.artefact_nouns:
            return None
        for k in self.sent.children(w.id):
            if k.deprel.startswith("acl") and k.lemma.lower() in self.lex.channel_participles | ACL_DOCUMENT_VERBS:
                agent = self.agent_of(k)
                if agent is not None:
                    return self.mention(agent)
            if k.deprel == "nmod:poss" or (k.deprel.startswith("nmod") and self._case(k) in ("from", "by", "of")):
                if k.upos in ("PROPN", "NOUN", "PRON"):
                    ids = self.sent.subtree_ids(k.id) - {c.id for c in self.kids(k.id, "case")}
                    span = words_span(self.text, self.sent, ids, keep_quotes=False)
                    if span is not None:
                        return Mention(span=span, sentence=self.sent.index, head=k.id,
                                       head_lemma=k.lemma.lower(), upos=k.upos,
                                       is_pronoun=k.upos == "PRON")
        return None

    def _case(self, w: Word) -> str:
        c = self.kid(w.id, "case")
        return c.lemma.lower() if c else ""

    def agent_of(self, v: Word) -> Word | None:
        for k in self.sent.children(v.id):
            if k.deprel == "obl:agent" or (_rel(k) == "obl" and self._case(k) == "by"):
                return k
        return None

    def is_passive(self, v: Word) -> bool:
        """A passive needs its auxiliary ("was reported"), or is a reduced relative
        ("the claims reported by X"); a stray nsubj:pass alone is a parser slip."""
        if self.kids(v.id, "aux:pass"):
            return True
        return v.deprel.startswith("acl") and v.xpos == "VBN" and not self.kids(v.id, *SUBJ, *PASS_SUBJ)

    def subject(self, v: Word, depth: int = 0) -> Word | None:
        """The speaker: nsubj, or the controller of a subject-less participle/conjunct."""
        s = self.kid(v.id, *SUBJ) or (None if self.is_passive(v) else self.kid(v.id, *PASS_SUBJ))
        if s is not None and s.lemma.lower() in self.lex.time_words:  # "Wednesday said": a date is nobody
            s = self.speaker_outside_quotes(v)
        if s is not None:
            if s.lemma.lower() in RELATIVE and v.deprel.startswith("acl") and v.head:
                return self.sent.word(v.head)
            return s
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
                return self._np_head_from(w)
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
                return self._np_head_from(w)
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

    def _np_head_from(self, w: Word) -> Word:
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

    def content_ids(self, v: Word, allow_xcomp: bool) -> tuple[set[int] | None, str]:
        if v.deprel == "parataxis" and v.head and v.head < v.id and self.sent.word(v.id - 1).upos == "PUNCT":
            # '"Y," said X, ...': the content is the clause before the cue, whatever hangs after it
            head = self.sent.word(v.head)
            ids = contiguous_run(self.sent, self.sent.subtree_ids(head.id) - self.sent.subtree_ids(v.id))
            if ids and max(ids) < v.id:
                return ids, "parataxis"
        for k in self.sent.children(v.id):
            if k.deprel in CONTENT_RELS:
                ids = self.sent.subtree_ids(k.id)
                obj = next((o for o in self.kids(v.id, "obj") if v.id < o.id < k.id), None)
                if obj is not None and v.lemma.lower() not in self.lex.addressee_verbs and k.id > v.id \
                        and self.kid(k.id, *SUBJ, *PASS_SUBJ) is None:
                    ids = ids | self.sent.subtree_ids(obj.id)  # the clause's subject, parsed as the cue's object
                return ids, "nsubj-ccomp"
        for k in self.sent.children(v.id):  # "noted that ..." parsed as a conjunct
            if k.id > v.id and _rel(k) in ("conj", "advcl", "dep", "obj") and any(
                    m.deprel == "mark" and m.lemma.lower() in ("that", "whether", "if") and m.id < k.id
                    for m in self.sent.children(k.id)):
                return self.sent.subtree_ids(k.id), "nsubj-ccomp"
        if allow_xcomp:
            x = self.kid(v.id, "xcomp")
            if x is not None:
                ids = self.sent.subtree_ids(x.id)
                subj = self.kid(v.id, *PASS_SUBJ)
                if subj is not None:  # "X was reported to have ..." : X belongs to the content
                    ids |= self.sent.subtree_ids(subj.id)
                return ids, "xcomp"
        for k in self.kids(v.id, "parataxis"):
            if k.upos in ("VERB", "AUX", "ADJ", "NOUN", "PROPN") and k.id not in self.by_cue:
                return self.sent.subtree_ids(k.id), "parataxis"
        if v.lemma.lower() == "express":
            o = self.kid(v.id, "obj")
            if o is not None:
                return self.sent.subtree_ids(o.id), "nsubj-obj"
        if v.head and v.deprel in ("parataxis", "ccomp") and not self.is_gerund(v):
            head = self.sent.word(v.head)
            ids = self.sent.subtree_ids(head.id) - self.sent.subtree_ids(v.id)
            return contiguous_run(self.sent, ids), "parataxis"
        trailing = self.trailing_clause_content(v)
        if trailing:
            return trailing, "parataxis"
        following = self.following_clause(v)
        if following:
            return following, "controlled"
        return None, ""

    def trailing_clause_content(self, v: Word) -> set[int] | None:
        """"Y, X said." however the parser attached the cue clause: when the cue's own clause
        (its subject, the cue, what hangs after it) closes the sentence after a comma, the
        content is what comes before that comma."""
        subj = self.kid(v.id, *SUBJ, *PASS_SUBJ)
        if subj is not None and subj.lemma.lower() in RELATIVE or self.kid(v.id, "obj") is not None:
            return None  # "…, which first reported the story": a relative clause with its own object
        start = min(self.sent.subtree_ids(subj.id)) if subj is not None and subj.id < v.id else v.id
        below = self.sent.subtree_ids(v.id)
        if any(w.id > v.id and w.id not in below and w.upos != "PUNCT" for w in self.sent.words):
            return None
        before = [w for w in self.sent.words if w.id < start]
        if not before:
            return None
        last = before[-1].text
        if last not in (",", "\u2014", "--", "-", "\u2013") and last[-1:] not in (",", '"', "\u201d"):
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
            confidence: float = 0.8, cue: TextSpan | None = None, embedded_in: int | None = None) -> int:
        self.found.append(Extracted(
            sentence=self.sent.index, cue=cue or self.cue_span(v), cue_lemma=v.lemma.lower(), cue_word=v.id,
            source=source, content=content, kind=kind or self.kind_of(content), stance=stance,
            pattern=pattern, role=role, embedded_in=embedded_in, confidence=confidence,
        ))
        self.by_cue[v.id] = len(self.found) - 1
        self.consumed.add(v.id)
        return len(self.found) - 1

    def span(self, ids: set[int] | None) -> TextSpan | None:
        return words_span(self.text, self.sent, ids) if ids else None

    # ----- patterns ------------------------------------------------------------
    def run(self) -> list[Extracted]:
        lex = self.lex
        # (word, lower-case lemma, lower-case form), computed once for all the passes below
        # Only words some pattern starts from: most words start none.
        trig_lemmas, trig_forms = lex.trigger_lemmas, lex.trigger_forms
        words = []
        for w in self.sent.words:
            lemma, form = w.lemma.lower(), w.text.lower()
            if lemma in trig_lemmas or form in trig_forms:
                words.append((w, lemma, form))
        for v, lemma, _ in words:
            if lemma in lex.quote_verbs and v.upos == "VERB":
                self.quote_as(v)
        for v, lemma, _ in words:
            if v.id not in self.consumed and v.upos in ("VERB", "AUX") and lex.stance_of(lemma) is not None:
                self.speech_verb(v)
        for v, _, form in words:
            if v.id not in self.consumed and v.upos in ("NOUN", "PROPN") and form in lex.mistagged_cue_forms:
                self.mistagged_cue(v)
        for v, lemma, _ in words:
            if v.id not in self.consumed and v.upos == "VERB" and lemma in lex.artefact_verbs:
                self.artefact_verb(v)
        for v, lemma, _ in words:
            if v.id not in self.consumed and lemma in lex.relay_participles and v.upos == "VERB":
                self.relay(v)
        for v, lemma, _ in words:
            if v.id not in self.consumed and v.upos == "VERB" and lemma in lex.channel_participles:
                self.channel(v)
        for v, lemma, _ in words:
            if v.id not in self.consumed and lemma in lex.quote_verbs and v.upos == "VERB" \
                    and self.kid(v.id, *SUBJ) is not None and self.kid(v.id, "obj") is not None:
                self.cites_object(v)
        self.speaker_colon()
        for v, lemma, _ in words:
            if v.upos == "NOUN" and lemma in lex.claim_nouns:
                self.noun_cue(v)
        for v, _, form in words:
            if form == "according":
                self.according_to(v)
            elif form in lex.adverbs and v.upos == "ADV":
                self.adverb(v)
        self.nest()
        return self.found

    def hypothetical(self, v: Word) -> bool:
        """"will announce", "cannot comment", "would order", "(wants) to say", an imperative
        ("Tell that to ...") or an idiom ("it is worth noting"): not reported speech."""
        if any((k.deprel == "aux" and k.lemma.lower() in MODALS) or (k.deprel == "mark" and k.lemma.lower() == "to")
               for k in self.sent.children(v.id)):
            return True
        first = next((w for w in self.sent.words if w.upos != "PUNCT"), None)
        if first is v and v.xpos == "VB" and self.kid(v.id, *SUBJ) is None:
            return True
        return self.in_idiom(v)

    def in_idiom(self, v: Word) -> bool:
        lowered = self.text[self.sent.start : self.sent.end].lower()
        for idiom in self.lex.idioms:
            at = lowered.find(idiom)
            while at >= 0:
                if self.sent.start + at <= v.start and v.end <= self.sent.start + at + len(idiom):
                    return True
                at = lowered.find(idiom, at + 1)
        return False

    def speech_verb(self, v: Word) -> None:
        if not self.structured_speech_verb(v):
            self.surface_clause(v)
        if v.id not in self.consumed:
            self.surface_forward(v)

    def surface_forward(self, v: Word) -> None:
        """"… where experts say some judges are eager …" read from the surface when the parse
        gave the cue neither subject nor content: the noun phrase right before the cue and
        the clause after it."""
        if self.hypothetical(v) or v.lemma.lower() in self.lex.quote_only_verbs | {"call", "tell", "ask"} or self.in_quote(v):
            return
        if self.kid(v.id, *SUBJ, *PASS_SUBJ, *CONTENT_RELS, "obj") is not None:
            return
        words = self.sent.words
        before = words[v.id - 2] if v.id >= 2 else None
        if before is None or before.upos not in ("PROPN", "NOUN", "PRON") or self.in_quote(before) \
                or before.lemma.lower() in self.lex.time_words | RELATIVE:
            return
        rest = [w for w in words[v.id:] if not (w.upos == "PUNCT" and w.id == len(words))]
        if sum(1 for w in rest if w.upos != "PUNCT") < 3 or not any(w.upos in ("VERB", "AUX") for w in rest):
            return
        if rest and rest[0].upos == "PUNCT":
            return  # "…, experts say, …": an inserted cue, not this shape
        np_ids = self.surface_np(before, v)
        self.add(v, self.surface_mention(np_ids, before), self.span({w.id for w in rest}), "surface", "speech",
                 stance=self.lex.stance_of(v.lemma) or "neutral", confidence=0.5)

    def surface_clause(self, v: Word) -> None:
        """"Y, X said (to reporters)." read from the surface when the parse has no usable
        subject or content for the cue: a noun phrase right before the cue, a comma or a
        closing quotation mark before that, and at most a short object or adverbial after."""
        if self.hypothetical(v) or v.lemma.lower() in self.lex.quote_only_verbs | {"call"}:
            return
        words = self.sent.words
        after = [w for w in words[v.id:] if w.upos != "PUNCT"]
        if len(after) > 4 or any(w.upos in ("VERB", "AUX", "SCONJ") for w in after):
            return
        i = v.id - 2  # index of the word before the cue
        j = i
        while j >= 0 and (words[j].upos in ("PROPN", "NOUN", "ADJ", "DET", "NUM", "PRON")
                          or words[j].text in ("-", "'s", "’s", ".")):
            j -= 1
        if j == i or j < 1 or not (words[j].text == "," or words[j].text[-1:] in ('"', "”")):
            return
        np_words = words[j + 1 : i + 1]
        if not any(w.upos in ("PROPN", "NOUN", "PRON") for w in np_words):
            return
        content = self.span({w.id for w in words[: j + (0 if words[j].text == "," else 1)]})
        if content is None:
            return
        head = next((w for w in reversed(np_words) if w.upos in ("PROPN", "NOUN", "PRON")), np_words[-1])
        if head.lemma.lower() in self.lex.time_words:
            return
        span = TextSpan(text=self.text[np_words[0].start : np_words[-1].end], start=np_words[0].start,
                        end=np_words[-1].end)
        source = Mention(span=span, sentence=self.sent.index, head=head.id, head_lemma=head.lemma.lower(),
                         upos=head.upos, is_pronoun=head.upos == "PRON")
        self.add(v, source, content, "surface", "speech", stance=self.lex.stance_of(v.lemma) or "neutral",
                 confidence=0.5)

    def structured_speech_verb(self, v: Word) -> bool:
        """The dependency patterns; False when the parse gave them nothing to work with."""
        lemma = v.lemma.lower()
        if self.hypothetical(v):
            return True
        if self.inverted_object(v):  # "…, reports Yonhap, quoting …" parsed with Yonhap as object
            self.mistagged_inverted(v)
            return True
        if lemma == "call":
            self.call_for(v)
            return True
        stance = self.lex.stance_of(lemma) or "neutral"
        if self.quotation_then_cue(v, stance):
            return True
        passive = self.is_passive(v)
        ids, how = self.content_ids(v, allow_xcomp=lemma in self.lex.infinitive_content_verbs)
        content = self.span(ids)
        if content is None:
            content = self.quote_near(v) if v.deprel != "ccomp" else None
            how = "quote-fallback"
            obj = self.kid(v.id, "obj")
            if content is None and lemma in self.lex.clause_only_verbs and obj is not None and obj.id > v.id:
                content, how = self.span(self.clause_after_cue(v)), "nsubj-ccomp"  # "said the union expected …"
            if content is None and lemma in self.lex.object_content_verbs and obj is not None and obj.id > v.id \
                    and obj.upos in ("NOUN", "PROPN") and obj.lemma.lower() not in RELATIVE:
                content, how = self.span(self.sent.subtree_ids(obj.id)), "nsubj-obj"  # "X cited the report"
            if content is None:
                return False
        elif lemma in self.lex.quote_only_verbs and how not in ("parataxis", "nsubj-ccomp"):
            return True
        if how == "xcomp" and passive:
            self.add(v, None, content, "sourceless", "sourceless", stance=stance, confidence=0.7)
            return True
        if passive:
            agent = self.agent_of(v)
            source = self.mention(agent, drop={c.id for c in self.kids(agent.id, "case")}) if agent else None
            if source is None:
                self.add(v, None, content, "sourceless", "sourceless", stance=stance, confidence=0.7)
                return True
            self.add(v, source, content, "passive-agent", "speech", stance=stance, confidence=0.8)
            return True
        subj = self.subject(v) or self.participle_subject(v)
        if subj is not None and subj.head == v.id and self.kids(subj.id, "case"):
            return True  # "In a message posted Friday, X said": a phrase with a preposition speaks for no one
        if subj is None and how == "parataxis" or (subj is None and v.deprel == "parataxis"):
            # "…, said Batchelder." with the name parsed as object
            obj = self.kid(v.id, "obj")
            if obj is not None and obj.id > v.id and obj.upos in ("PROPN", "NOUN", "PRON"):
                subj = obj
        given = self.kid(v.id, *SUBJ)
        surface = given is not None and given.lemma.lower() in self.lex.time_words  # subject() looked elsewhere
        if subj is not None and self.in_quote(subj) and not self.in_quote(v):
            subj, surface = self.speaker_outside_quotes(v), True  # the parser took a word of the quotation
        if subj is not None and subj.lemma.lower() in self.lex.time_words:
            subj, surface = self.speaker_outside_quotes(v), True  # "…, said Hollande Friday": a date is nobody
        if subj is None:
            return False
        if surface:  # the parse put the speaker somewhere odd: read its noun phrase from the surface
            np_ids = self.surface_np(subj, v)
            source = self.surface_mention(np_ids, subj)
            if ids is not None and ids & np_ids:  # the content's subtree swallowed the speaker
                content = self.span(contiguous_run(self.sent, {i for i in ids if i < min(np_ids)}
                                                   if min(np_ids) < v.id else ids - np_ids))
                if content is None:
                    return False
        else:
            drop = self.sent.subtree_ids(v.id) if subj.id in self.sent.subtree_ids(v.id) and subj.head != v.id else set()
            if subj.head == 0:  # the subject noun made the root: keep only what precedes it
                drop |= {i for k in self.sent.children(subj.id) if k.id > subj.id for i in self.sent.subtree_ids(k.id)}
            source = self.mention(subj, drop=drop - {subj.id} if drop else None)
        pattern = "controlled" if self.kid(v.id, *SUBJ) is None else how
        role: Role = "artefact" if source and source.issuer else "speech"
        conf = {"nsubj-ccomp": 0.9, "parataxis": 0.85, "controlled": 0.8, "xcomp": 0.75,
                "nsubj-obj": 0.7, "quote-fallback": 0.6}.get(pattern, 0.7)
        self.add(v, source, content, pattern, role, stance=stance, confidence=conf)
        return True

    def quotation_then_cue(self, v: Word, stance: Stance) -> bool:
        """'"Y," said X, who ...' / '"Y," X said ...': a quotation closed by a comma right
        before the cue clause is the content, whatever the parser made of it; the speaker is
        the noun phrase between the quotation and the cue, or right after the cue."""
        words = self.sent.words
        i = v.id - 2  # index of the word before the cue
        np_ids: set[int] = set()
        if i >= 0 and words[i].text not in CLOSING_QUOTE_TOKENS:
            # '"Y," Sen. Jane Roe (D-Ore.), a member of the panel, said': the speaker stands between
            k = i
            while k >= 0 and words[k].text not in CLOSING_QUOTE_TOKENS and not self.in_quote(words[k]) and i - k < 30:
                k -= 1
            segment = words[k + 1 : i + 1]
            while segment and segment[-1].text in (",", "—"):
                segment.pop()
            if k < 1 or not segment or segment[0].upos not in ("PROPN", "NOUN", "PRON", "DET", "ADJ") \
                    or not any(w.upos in ("PROPN", "NOUN", "PRON") for w in segment) \
                    or any(w.upos in ("VERB", "AUX") and w.xpos not in ("VBG", "VBN") and not self._in_relative(w)
                           for w in segment):
                return False
            np_ids = {w.id for w in segment}
            i = k
        if i < 1 or words[i].text not in CLOSING_QUOTE_TOKENS or words[i - 1].text != ",":
            return False
        quote = next(((a, b) for a, b in self.quotes if b == words[i].end), None)
        if quote is None and not any(a < words[i].end for a, _ in self.quotes):
            quote = (words[0].start, words[i].end)  # a quotation opened in an earlier sentence
        if quote is None or self.in_quote(v):
            return False
        if not np_ids:  # '"Y," said X': the first noun phrase after the cue
            after = next((w for w in words[v.id : v.id + 3] if w.upos in ("PROPN", "NOUN", "PRON")), None)
            if after is None or after.lemma.lower() in self.lex.time_words:
                return False
            np_ids = self.surface_np(after, v)
        head = next((self.sent.word(k) for k in sorted(np_ids)
                     if self.sent.word(k).upos in ("PROPN", "NOUN", "PRON")
                     and (k + 1 not in np_ids or self.sent.word(k + 1).upos not in ("PROPN", "NOUN"))), None)
        if head is None or head.lemma.lower() in self.lex.time_words:
            return False
        source = self.surface_mention(np_ids, head)
        content = TextSpan(text=self.text[quote[0] : quote[1]], start=quote[0], end=quote[1])
        self.add(v, source, content, "parataxis", "speech", kind="direct", stance=stance, confidence=0.85)
        return True

    def clause_after_cue(self, v: Word) -> set[int] | None:
        """What hangs after a say-type cue whose clause the tagger broke up ("said the union
        expected production to improve", with "expected" tagged as an adjective): the
        cue's dependents after it, when they hold a verb."""
        ids: set[int] = set()
        for k in self.sent.children(v.id):
            if k.id > v.id and k.upos != "PUNCT" and _rel(k) not in ("obl", "advmod", "mark", "cc", "conj"):
                ids |= self.sent.subtree_ids(k.id)
        if not ids or not any(self.sent.word(i).upos in ("VERB", "AUX") for i in ids):
            return None
        return contiguous_run(self.sent, {i for i in ids if i > v.id})

    def _in_relative(self, w: Word) -> bool:
        """A verb of a relative clause on the speaker ("X, who runs Y,")."""
        return w.deprel.startswith("acl") or any(k.lemma.lower() in RELATIVE for k in self.sent.children(w.id))

    def mistagged_cue(self, v: Word) -> None:
        """"Trump says voter fraud ..." with "says" tagged as a plural noun: read the surface,
        a subject noun phrase right before the cue form and the clause after it."""
        words = self.sent.words
        i = v.id - 1  # index of v in words
        if i > 0 and words[i - 1].text == ",":
            self.mistagged_inverted(v)
            return
        if i == 0 or words[i - 1].upos not in ("PROPN", "NOUN", "PRON"):
            return
        j = i - 1
        while j > 0 and words[j - 1].upos in ("PROPN", "NOUN", "ADJ", "DET", "NUM") and words[j - 1].text != ",":
            j -= 1
        subject = words[j:i]
        rest = [w for w in words[i + 1 :]]
        if sum(1 for w in rest if w.upos != "PUNCT") < 3 or any(w.text.lower() in self.lex.nouns for w in subject[-1:]):
            return
        if not any(w.upos in ("VERB", "AUX") for w in rest):
            return
        span = TextSpan(text=self.text[subject[0].start : subject[-1].end], start=subject[0].start, end=subject[-1].end)
        head = subject[-1]
        source = Mention(span=span, sentence=self.sent.index, head=head.id, head_lemma=head.lemma.lower(),
                         upos=head.upos, is_pronoun=head.upos == "PRON")
        lemma = self.lex.mistagged_cue_forms[v.text.lower()]
        self.found.append(Extracted(
            sentence=self.sent.index, cue=TextSpan(text=v.text, start=v.start, end=v.end), cue_lemma=lemma,
            cue_word=v.id, source=source, content=self.span({w.id for w in rest}),
            kind=self.kind_of(self.span({w.id for w in rest})), stance=self.lex.stance_of(lemma) or "neutral",
            pattern="surface", role="speech", confidence=0.5,
        ))
        self.by_cue[v.id] = len(self.found) - 1
        self.consumed.add(v.id)

    def inverted_object(self, v: Word) -> bool:
        """A finite cue verb right after a comma, with no subject, whose object is the name
        right after it: subject-verb inversion the parser read as an object."""
        if v.xpos not in ("VBZ", "VBD") or v.id < 2 or self.sent.word(v.id - 1).text != ",":
            return False
        if v.text.lower() not in self.lex.mistagged_cue_forms or self.kid(v.id, *SUBJ, *PASS_SUBJ) is not None:
            return False
        nxt = next((k for k in self.sent.children(v.id) if k.id == v.id + 1), None)
        return nxt is not None and _rel(nxt) == "obj" and nxt.upos == "PROPN"

    def mistagged_inverted(self, v: Word) -> None:
        """"…, reports Yonhap, quoting …" with "reports" tagged as a noun."""
        words = self.sent.words
        i = v.id - 1
        k = i + 1
        while k < len(words) and words[k].upos == "PROPN":
            k += 1
        if k == i + 1 or (k < len(words) and words[k].upos != "PUNCT"):
            return
        names = words[i + 1 : k]
        content = self.span({w.id for w in words[: i - 1]})
        if content is None:
            return
        span = TextSpan(text=self.text[names[0].start : names[-1].end], start=names[0].start, end=names[-1].end)
        source = Mention(span=span, sentence=self.sent.index, head=names[-1].id,
                         head_lemma=names[-1].lemma.lower(), upos="PROPN")
        lemma = self.lex.mistagged_cue_forms[v.text.lower()]
        self.found.append(Extracted(
            sentence=self.sent.index, cue=TextSpan(text=v.text, start=v.start, end=v.end), cue_lemma=lemma,
            cue_word=v.id, source=source, content=content, kind=self.kind_of(content),
            stance=self.lex.stance_of(lemma) or "neutral", pattern="surface", role="speech", confidence=0.5,
        ))
        self.by_cue[v.id] = len(self.found) - 1
        self.consumed.add(v.id)

    def noun_cue(self, v: Word) -> None:
        """"Trump's claim that …", "the ministry's statement that …": a reporting noun with a
        possessor (the source) and a that-clause (the content)."""
        poss = self.kid(v.id, "nmod:poss")
        clause = next((k for k in self.sent.children(v.id) if _rel(k) in ("acl", "ccomp", "appos")
                       and any(m.deprel == "mark" and m.lemma.lower() == "that" for m in self.sent.children(k.id))), None)
        if poss is None or clause is None:
            return
        source = self.mention(poss, drop={c.id for c in self.kids(poss.id, "case")})
        self.add(v, source, self.span(self.sent.subtree_ids(clause.id)), "noun-that", "speech",
                 stance=self.lex.stance_of(v.lemma) or "neutral", confidence=0.7)

    def call_for(self, v: Word) -> None:
        """"X called for / called on Y to ..." (naming uses, "what he called X", are not cues)."""
        target = next((k for k in self.sent.children(v.id) if _rel(k) == "obl" and self._case(k) in ("for", "on")
                       and self.kid(k.id, "case").id == v.id + 1), None)  # type: ignore[union-attr]
        if target is None:  # "called for reducing ...", with "for" parsed as the clause's marker
            target = next((k for k in self.sent.children(v.id) if _rel(k) in ("advcl", "xcomp", "ccomp")
                           and any(m.deprel == "mark" and m.lemma.lower() == "for" and m.id == v.id + 1
                                   for m in self.sent.children(k.id))), None)
        subj = self.subject(v)
        if subj is None or self.is_passive(v) or v.deprel.startswith("acl"):
            return
        if target is None:  # "X called Y a liar": labelling someone is an attribution too
            objs = self.kids(v.id, "obj")
            obj = objs[0] if objs else None
            label = self.kid(v.id, "xcomp") or (objs[1] if len(objs) > 1 else None)  # parsers give two objects
            if obj is None or obj.id < v.id or obj.lemma.lower() in RELATIVE | {"what"}:
                return
            if label is None:  # the label hung on the object: "called the charges unsubstantiated / “lies”"
                label = next((k for k in self.sent.children(obj.id) if k.id > obj.id and (
                    (_rel(k) in ("acl", "amod") and k.upos in ("ADJ", "VERB") and k.xpos in ("JJ", "VBN"))
                    or (_rel(k) == "appos" and self.in_quote(k)))), None)
                if label is None:
                    label = next((w for w in self.sent.words if w.id > obj.id and _rel(w) == "appos"
                                  and self.in_quote(w) and w.id in self.sent.subtree_ids(obj.id)), None)
            if label is None:
                return
            ids = self.sent.subtree_ids(obj.id) | self.sent.subtree_ids(label.id)
            self.add(v, self.mention(subj), self.span(ids), "call-label", "speech", confidence=0.7)
            return
        case = next((c for c in self.kids(target.id, "case", "mark") if c.id == v.id + 1), None)
        ids = self.sent.subtree_ids(target.id) - ({case.id} if case else set())
        x = self.kid(v.id, "xcomp")
        if x is not None and x.id != target.id:
            ids |= self.sent.subtree_ids(x.id)
        cue = TextSpan(text=self.text[v.start : case.end], start=v.start, end=case.end) if case and case.id == v.id + 1 else None
        self.add(v, self.mention(subj), self.span(ids), "call-for", "speech", confidence=0.75, cue=cue)

    def quote_as(self, v: Word) -> None:
        """X quoted Y as saying Z  /  Y was quoted by X as saying Z."""
        inner = None
        for k in self.sent.children(v.id):
            if _rel(k) in ("advcl", "xcomp", "obl", "conj") and self.kid(k.id, "mark") is not None \
                    and self.kid(k.id, "mark").lemma.lower() == "as" and self.lex.stance_of(k.lemma) is not None:  # type: ignore[union-attr]
                inner = k
                break
        if inner is None:
            return
        passive = self.is_passive(v)
        if passive:
            speaker_w = self.kid(v.id, *PASS_SUBJ)
            agent = self.agent_of(v)
            outer_src = self.mention(agent, drop={c.id for c in self.kids(agent.id, "case")}) if agent else None
        else:
            speaker_w = self.kid(v.id, "obj")
            subj = self.subject(v)
            outer_src = self.mention(subj) if subj else None
        speaker = self.mention(speaker_w) if speaker_w else None
        ids, _ = self.content_ids(inner, allow_xcomp=False)
        if not ids:
            ids, _ = self.content_ids(v, allow_xcomp=False)
        content = self.span(ids) or self.quote_near(v)
        outer_i = None
        if outer_src is not None:
            outer_i = self.add(v, outer_src, content, "quote-as", "relay", stance="neutral", confidence=0.85)
        self.add(inner, speaker, content, "quote-as", "speech",
                 stance=self.lex.stance_of(inner.lemma) or "neutral", confidence=0.85 if speaker else 0.6,
                 embedded_in=outer_i)
        self.consumed.add(v.id)

    def relay(self, v: Word) -> None:
        """..., quoting/citing X: X is the earlier source of the claim the head reports."""
        obj = self.kid(v.id, "obj")
        if obj is None or not v.head:
            return
        head = self.sent.word(v.head)
        source = self.mention(obj)
        if head.id not in self.by_cue:  # "…, reports Yonhap, quoting …" with "quoting" hung elsewhere
            before = [cid for cid in self.by_cue if v.id - 4 <= cid < v.id]
            if before:
                head = self.sent.word(max(before))
        if head.id in self.by_cue:
            outer = self.found[self.by_cue[head.id]]
            self.add(v, source, outer.content, "relay", "relay", kind="other", confidence=0.85,
                     embedded_in=self.by_cue[head.id])
            return
        ids = contiguous_run(self.sent, self.sent.subtree_ids(head.id) - self.sent.subtree_ids(v.id))
        self.add(v, source, self.span(ids), "relay", "relay", kind="other", confidence=0.7)

    def cites_object(self, v: Word) -> None:
        """X cited/quoted Y (no "as saying"): Y is what X put forward."""
        subj = self.kid(v.id, *SUBJ)
        obj = self.kid(v.id, "obj")
        if subj is None or obj is None:
            return
        self.add(v, self.mention(subj), self.span(self.sent.subtree_ids(obj.id)), "cite-object", "speech",
                 confidence=0.7)

    def speaker_colon(self) -> None:
        """Headlines and transcripts: "Pence: Flowers won't be at debate", "WALLACE: Let's start"."""
        words = self.sent.words
        lead = [w for w in words[:7]]
        k = 0
        while k < len(lead) and lead[k].upos == "PUNCT" and lead[k].text in QUOTE_CHARS_SET:
            k += 1
        colon = next((i for i in range(k + 1, min(len(lead), k + 6)) if lead[i].text == ":"), None)
        if colon is None or colon + 1 >= len(words):
            return
        speaker = lead[k:colon]
        if not speaker or len(speaker) > 3 or any(w.upos != "PROPN" and not w.text.isupper() for w in speaker):
            return
        if any(w.text.lower().strip("'’s") in self.lex.editorial_labels for w in speaker):
            return  # "Correction: ...", "UPDATE: ..." are the editor's lines
        rest = {w.id for w in words[colon + 1 :]}
        content = self.span(rest)
        if content is None or sum(1 for w in words[colon + 1 :] if w.upos != "PUNCT") < 3:
            return
        head = next((w for w in speaker if w.head not in {x.id for x in speaker}), speaker[-1])
        span = TextSpan(text=self.text[speaker[0].start : speaker[-1].end], start=speaker[0].start, end=speaker[-1].end)
        source = Mention(span=span, sentence=self.sent.index, head=head.id, head_lemma=head.lemma.lower(),
                         upos=head.upos, is_pronoun=False)
        col = words[colon]
        self.add(col, source, content, "speaker-colon", "speech",
                 cue=TextSpan(text=col.text, start=col.start, end=col.end), confidence=0.6)

    def channel(self, v: Word) -> None:
        """... in a statement carried by X: X is the channel of the speaker's words."""
        if not v.deprel.startswith("acl") or not v.head:
            return
        noun = self.sent.word(v.head)
        if noun.lemma.lower() not in self.lex.nouns:
            return
        agent = self.agent_of(v)
        if agent is None or not noun.head:
            return
        verb = self.sent.word(noun.head)
        if verb.id not in self.by_cue or noun.deprel.startswith("nsubj"):
            return
        inner_i = self.by_cue[verb.id]
        inner = self.found[inner_i]
        source = self.mention(agent, drop={c.id for c in self.kids(agent.id, "case")})
        idx = self.add(v, source, inner.content, "channel", "channel", kind="other", confidence=0.8)
        inner.embedded_in = idx

    def artefact_verb(self, v: Word) -> None:
        """photos released by X showed ... (only when the artefact names its issuer)."""
        subj = self.kid(v.id, *SUBJ)
        source = None
        if subj is None:  # "Photos released by X showed": the participle clause before the cue
            for k in self.sent.children(v.id):
                if k.id < v.id and k.lemma.lower() in self.lex.channel_participles and self.kid(k.id, *PASS_SUBJ, *SUBJ):
                    source = self.reduced_relative_artefact(k, v)
                    if source is not None:
                        break
        if source is None and subj is None and v.head:  # ... or parsed with "released" as the verb
            head = self.sent.word(v.head)
            source = self.reduced_relative_artefact(head, v)
        elif subj is not None and subj.lemma.lower() in self.lex.document_nouns:
            source = self.mention(subj)
        if source is None or source.issuer is None:
            return
        ids, _ = self.content_ids(v, allow_xcomp=False)
        if not ids:
            o = self.kid(v.id, "obj")
            ids = self.sent.subtree_ids(o.id) if o else None
        content = self.span(ids)
        if content is None:
            return
        stance = "factive" if v.lemma.lower() == "reveal" else "neutral"
        self.add(v, source, content, "artefact", "artefact", kind="other", stance=stance, confidence=0.75)

    def reduced_relative_artefact(self, participle: Word, v: Word) -> Mention | None:
        """"Photos released by X" as a clause of its own: the artefact and its issuer."""
        art = self.kid(participle.id, *PASS_SUBJ, *SUBJ)
        agent = self.agent_of(participle) or self.kid(participle.id, "obl")
        if participle.lemma.lower() not in self.lex.channel_participles or art is None or agent is None:
            return None
        if art.lemma.lower() not in self.lex.document_nouns or not art.id < participle.id < v.id:
            return None
        ids = self.sent.subtree_ids(art.id) | {participle.id} | self.sent.subtree_ids(agent.id)
        span = words_span(self.text, self.sent, ids, keep_quotes=False)
        issuer = self.mention(agent, drop={c.id for c in self.kids(agent.id, "case")})
        if span is None:
            return None
        return Mention(span=span, sentence=self.sent.index, head=art.id, head_lemma=art.lemma.lower(),
                       upos=art.upos, issuer=issuer)

    def according_to(self, v: Word) -> None:
        to = next((w for w in self.sent.words if w.id == v.id + 1 and w.text.lower() == "to"), None)
        if to is None:
            return
        x = self.sent.word(v.head) if v.head else None
        if x is None or x.id < v.id or x.upos not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
            # a parse that does not hang "according" on its object: take the noun phrase after "to"
            x = self._np_after(to.id)
            if x is None:
                return
        cue_end = to.end if to else v.end
        cue = TextSpan(text=self.text[v.start:cue_end], start=v.start, end=cue_end)
        drop = {v.id} | ({to.id} if to else set())
        source = self.mention(x, drop=drop)
        phrase = {i for i in self.sent.subtree_ids(x.id) | drop if self.sent.word(i).upos != "PUNCT"}
        lo, hi = min(phrase), max(phrase)
        words = self.sent.words
        if all(w.upos == "PUNCT" for w in words if w.id > hi) and lo > 1 and \
                self.sent.word(lo - 1).text in (",", "\u2014", "--", "("):
            self.add(v, source, self.span({w.id for w in words if w.id < lo - 1}), "according-to",
                     "according_to", kind="according_to", confidence=0.9, cue=cue)
            return
        if lo == 1 and hi < len(words) and self.sent.word(hi + 1).text == ",":
            self.add(v, source, self.span({w.id for w in words if w.id > hi + 1}), "according-to",
                     "according_to", kind="according_to", confidence=0.9, cue=cue)
            return
        host = self.sent.word(x.head) if x.head else None
        if host is not None and host.id not in drop and v.id not in self.sent.subtree_ids(host.id) - self.sent.subtree_ids(x.id):
            ids = self.sent.subtree_ids(host.id) - self.sent.subtree_ids(x.id)
        else:  # the parse hangs things oddly: the content is the rest of the sentence
            ids = {w.id for w in self.sent.words} - self.sent.subtree_ids(x.id) - drop
        content = self.span(contiguous_run(self.sent, ids))
        self.add(v, source, content, "according-to", "according_to", kind="according_to",
                 confidence=0.9, cue=cue)

    def _np_after(self, wid: int) -> Word | None:
        """The head of the noun phrase starting after word ``wid`` (up to punctuation)."""
        run = []
        for w in self.sent.words[wid:]:
            if w.upos == "PUNCT" and w.text not in ("'s", "’s"):
                break
            run.append(w)
        ids = {w.id for w in run}
        heads = [w for w in run if w.head not in ids and w.upos in ("NOUN", "PROPN", "PRON")]
        return heads[0] if heads else next((w for w in reversed(run) if w.upos in ("NOUN", "PROPN")), None)

    def adverb(self, v: Word) -> None:
        if not v.head:
            return
        host = self.sent.word(v.head)
        ids = self.sent.subtree_ids(host.id) - {v.id}
        stance: Stance = "distancing" if v.text.lower() in ("allegedly", "purportedly", "supposedly", "ostensibly") else "neutral"
        self.add(v, None, self.span(ids), "sourceless", "sourceless", kind="other", stance=stance, confidence=0.7)

    def nest(self) -> None:
        """Link attributions whose cue lies inside another's content (innermost container)."""
        for i, a in enumerate(self.found):
            if a.embedded_in is not None:
                continue
            best: tuple[int, int] | None = None
            for j, b in enumerate(self.found):
                if i == j or b.content is None or b.role == "relay":
                    continue
                if b.content.start <= a.cue.start and a.cue.end <= b.content.end:
                    if a.content is not None and a.content.start <= b.cue.start < a.content.end:
                        continue
                    if self.same_speaker(a, b):  # "X said Y because …, she said": one claim, not a relay
                        continue
                    size = b.content.end - b.content.start
                    if best is None or size < best[0]:
                        best = (size, j)
            if best is not None and not self._would_cycle(i, best[1]):
                a.embedded_in = best[1]

    def same_speaker(self, inner: Extracted, outer: Extracted) -> bool:
        """The outer source is a personal pronoun picking up the inner, earlier source."""
        if inner.source is None or outer.source is None or not outer.source.is_pronoun:
            return False
        pron = outer.source.head_lemma
        return pron in ("he", "she", "they") and not inner.source.is_pronoun and inner.source.span.end <= outer.source.span.start

    def _would_cycle(self, child: int, parent: int) -> bool:
        seen = set()
        p: int | None = parent
        while p is not None and p not in seen:
            if p == child:
                return True
            seen.add(p)
            p = self.found[p].embedded_in
        return False


def extract_sentence(text: str, sent: Sentence, lex: CueLexicon) -> list[Extracted]:
    """All attributions of one sentence, outer ones first; ``embedded_in`` indexes the list."""
    found = SentenceMatcher(text, with_lexicon_lemmas(sent, lex), lex).run()
    depth = []
    for a in found:
        d, p, seen = 0, a.embedded_in, set()
        while p is not None and p not in seen:
            seen.add(p)
            d += 1
            p = found[p].embedded_in
        depth.append(d)
    order = sorted(range(len(found)), key=lambda i: (depth[i], found[i].cue.start))
    new_index = {old: new for new, old in enumerate(order)}
    out = []
    for old in order:
        a = found[old]
        emb = new_index[a.embedded_in] if a.embedded_in is not None else None
        out.append(a.model_copy(update={"embedded_in": emb}))
    return out
