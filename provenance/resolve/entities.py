"""Resolve source mentions to entities: anaphora first, then the registry.

Deterministic rules over the parse, walking the article in order:

* pronouns → the most salient compatible entity (salience: every earlier mention counts,
  subjects more than objects, halved per sentence back): he/she a person of that gender
  (from titles, given names and earlier pronouns), it an organisation, place or thing that
  is not a person, they an organisation or a plural noun for people, never a title-less
  common noun; I/we inside a quotation → the quotation's speaker;
* descriptions ("the agency", "the paper", "the minister", "the report") → the most recent
  entity whose head noun, title or registry kind matches (a paper is a newspaper, an agency
  a news agency; an unknown paper never becomes the state agency named earlier);
* short names ("Kim") → the person first named in full ("Kim Jong-un");
* names, acronyms and descriptors → registry lookup (exact, normalised, fuzzy), descriptors
  only with the article's country context;
* titled people and ministries → officials of their state.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from provenance.extract.lexicon import load_lexicon
from provenance.extract.mention import Mention
from provenance.nlp.doc import ParsedDocument, Sentence, Word
from provenance.quotes import quote_spans, text_blocks
from provenance.registry import Registry, RegistryEntry, SourceMatch
from provenance.report import SourceClass, SourceSpan, TextSpan
from provenance.resolve.words import CorefWords, load_coref_words

MEDIA_CLASSES = {"state_controlled", "state_affiliated", "public_service", "independent"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "i", "me", "we", "us"}
THING_PRONOUNS = {"it", "its"}
GROUP_PRONOUNS = {"they", "them", "their"}
MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
GROUP_WINDOW = 6  # sentences back that "they" looks for a group or an organisation
SPEAKER_FIRST = {"i", "me", "my", "we", "us", "our"}  # the quotation's speaker inside a quotation
TRACKED_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS | SPEAKER_FIRST
SPEAKER_FACTOR = 2.0  # a speaker's mention, when a pronoun that reports is resolved
LOOKBACK = 300  # mentions looked back over (bounded work on very long texts)
DEFINITE_DETS = {"the", "this", "that", "these", "those"}
SUBJECT_RELS = {"nsubj", "nsubj:pass", "nsubj:outer"}
OBJECT_RELS = {"obj", "iobj"}
# heads of a definite description of a non-state organisation named before ("the rights group")
MEDIA_KINDS = frozenset({"news_agency", "broadcaster", "newspaper", "magazine", "online", "media_group"})
NAMED_GROUP_WINDOW = 3
NOMINAL_RELS = frozenset({"nsubj", "obj", "iobj", "obl", "nmod", "appos", "conj"})
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "several", "some", "many", "other", "various", "numerous",
                                    "few", "two", "three", "four", "multiple", "foreign", "local", "international"})
# dependents left out of a noun phrase: below its head, and below any other word
NP_HEAD_CUT = frozenset({"acl", "advcl", "parataxis", "conj", "cc", "punct", "case", "ccomp", "dep",
                         "nsubj", "csubj", "cop", "mark", "aux", "expl"})  # (a predicate noun's clause is no part of it)
NP_CUT = frozenset({"acl", "advcl", "ccomp", "parataxis"})
PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9.&-]{1,12})\)")


@dataclass
class Entity:
    name: str
    entity_type: str  # person | organisation | artefact | unknown
    source_class: SourceClass
    entity_id: str | None = None
    country: str | None = None
    kind: str | None = None
    tokens: set[str] = field(default_factory=set)  # lower-cased name tokens
    titles: set[str] = field(default_factory=set)  # title / head nouns seen with it
    gender: str | None = None  # "f" | "m" | None (from titles, given names, pronouns)
    plural: bool = False
    nominal: bool = False  # a common-noun mention ("a report", "residents"): no name
    thing: bool = False  # "it" pointed back to it: not a person
    state: bool = False  # a country or capital speaking for its government ("Pyongyang says")


@dataclass
class Seen:
    """One mention of an entity in the article, in reading order."""

    offset: int
    entity: Entity
    span: TextSpan
    sentence: int
    weight: float  # salience of the mention: recency 100, subject +80, object +50
    pronoun: bool = False  # never shown as an antecedent: the entity's last named mention is
    head: str = ""  # the mention's head noun ("statement" of "in a statement", whoever issued it)
    speaker: bool = False  # the source of an attribution (resolved through ``resolve``)


@dataclass
class Resolution:
    entity: Entity
    match: str  # exact | normalised | fuzzy | descriptor | title | antecedent | name | unresolved
    antecedent: TextSpan | None = None
    confidence: float = 1.0


SUBJECT_WEIGHT = 180.0  # a subject's mention weight (recency 100 + subject 80)
LAST_SPEAKER_WINDOW = 2  # sentences back the organisation an "it" that reports may have spoken in


def _name_tokens(name: str) -> set[str]:
    return set(_name_token_list(name))


def _name_token_list(name: str) -> list[str]:
    """The lower-cased words of a name, in order ("Omar O'Brien's" -> omar, o'brien)."""
    toks = (t.rstrip("'’").removesuffix("'s").removesuffix("’s")
            for t in re.split(r"[\s\-()\[\],;:\"“”]+", name.lower()))
    return [t for t in toks if len(t) > 1]


def display_name(entry: RegistryEntry) -> str:
    """The name newsrooms use: the first Latin-script alias when it is shorter than the
    full name ("Yonhap" for Yonhap News Agency, "KCNA"), else the name."""
    first = next((a for a in entry.aliases if a.isascii() and "." not in a), None)
    return first if first and len(first) < len(entry.name) else entry.name


def _entity_from_entry(entry: RegistryEntry, etype: str | None = None) -> Entity:
    kind = entry.kind
    if etype is None:
        etype = "person" if kind == "official" else "organisation"
    return Entity(name=display_name(entry), entity_type=etype, source_class=entry.source_class,
                  entity_id=entry.id if kind != "official" else None, country=entry.country, kind=kind,
                  tokens=_name_tokens(entry.name) | {a.lower() for a in entry.aliases if len(a) <= 8})


@functools.lru_cache(maxsize=65536)
def _cached_lookup(registry: Registry, text: str, countries: tuple[str, ...]) -> tuple[RegistryEntry, str] | None:
    """Registry lookup of a mention: an acronym in parentheses first, then the text, then
    descriptors with the article's country context.  Cached: the registry is immutable and
    the same names recur across sentences and articles."""
    texts = [text]
    m = PAREN_ACRONYM.search(text)
    if m:
        texts = [m.group(1), PAREN_ACRONYM.sub("", text).strip()] + texts
    for t in texts:
        match = registry.lookup(t)
        if match is not None and match.entry is not None and match.match != "descriptor":
            return match.entry, match.match
        if match is not None and match.entry is None and len(match.candidates) == 1 and t.isupper() and " " not in t:
            return match.candidates[0], "ambiguous"  # "MENA said": an acronym with one outlet behind it
    for t in texts:
        for cc in countries:
            match = registry.lookup(t, country=cc)
            if match is not None and match.entry is not None:
                return match.entry, match.match
    return None


@functools.lru_cache(maxsize=65536)
def _cached_official(registry: Registry, text: str) -> "SourceMatch | None":
    return registry.official(text)


@functools.lru_cache(maxsize=65536)
def _cached_state(registry: Registry, text: str, contexts: tuple[str, ...] = ()) -> "SourceMatch | None":
    return registry.state_speaker(text, contexts)


class Resolver:
    """Walks the article sentence by sentence, remembering who was mentioned."""

    def __init__(self, text: str, parsed: ParsedDocument, registry: Registry,
                 countries: list[str], words: CorefWords | None = None) -> None:
        self.text = text
        self.parsed = parsed
        self.registry = registry
        self.countries = countries
        self.words = words or load_coref_words()
        lexicon = load_lexicon()
        self.document_nouns = lexicon.document_nouns
        self.channel_participles = lexicon.channel_participles
        self.time_words = lexicon.time_words | self.words.time_names
        self.history: list[Seen] = []
        self._by_name: dict[str, Entity] = {}  # the first named entity of each name
        self._cursor: dict[int, int] = {}  # sentence index -> how many of its words were observed
        self._chains: dict[tuple[int, int, int], str] = {}  # (sentence index, start, word id) -> name
        self._observed: set[tuple[int, int]] = set()  # (sentence index, word id) already recorded
        self._quotes: list[tuple[int, int]] | None = None
        self._resolving: set[tuple[int, int]] = set()  # guards the quotation-speaker recursion
        self._speaker_heads: dict[int, list[int]] = {}  # sentence index -> start of each source mention's head
        self._spoken: list[tuple[int, int]] = []  # the quotations the pronoun being resolved speaks

    def outlets_named(self) -> list[tuple[int, SourceSpan]]:
        """Every media outlet of the registry the article names, wherever it stands ("A RIA
        report used the word ..."), with its sentence index, in reading order."""
        found = [(seen.sentence, seen.span, seen.entity) for seen in self.history
                 if seen.entity.entity_id and not seen.pronoun and seen.entity.kind in MEDIA_KINDS]
        for sent in self.parsed.sentences:  # a name before a document noun: "a TASS report"
            for w in sent.words:
                head = sent.word(w.head) if w.head else None
                if w.upos != "PROPN" or w.deprel != "compound" or head is None \
                        or head.lemma.lower() not in self.document_nouns:
                    continue
                hit = self._lookup(w.text)
                if hit is not None and hit[1] != "ambiguous" and hit[0].kind in MEDIA_KINDS:
                    span = TextSpan.model_construct(text=w.text, start=w.start, end=w.end)
                    found.append((sent.index, span, _entity_from_entry(hit[0])))
        return [(k, SourceSpan.model_validate({"text": span.text, "start": span.start, "end": span.end, "name": e.name,
                                               "class": e.source_class, "entity_id": e.entity_id, "country": e.country,
                                               "entity_type": "organisation", "match": "exact"}))
                for k, span, e in sorted(found, key=lambda f: f[1].start)]

    # ----- mention tracking -------------------------------------------------------
    def observe_sentence(self, sent: Sentence, before: int | None = None) -> None:
        """Record the people, organisations, nouns and pronouns of a sentence (for later
        anaphora); with ``before``, only the words that start before that offset."""
        words = sent.words
        i = self._cursor.get(sent.index, 0)  # words before it were all looked at already
        while i < len(words):
            w = words[i]
            if before is not None and w.start >= before:
                break
            i += 1
            self._cursor[sent.index] = i
            if (sent.index, w.id) not in self._observed:
                self._observe_word(sent, w)

    def _observe_word(self, sent: Sentence, w: Word) -> None:
        key = (sent.index, w.id)
        if self._style(sent, w):
            return  # "His Highness": a style, no one's name (the name after it is observed on its own)
        if w.upos == "PRON":
            if w.text.lower() in TRACKED_PRONOUNS and w.deprel not in ("expl", "fixed"):
                self._observed.add(key)
                self._observe_pronoun(sent, w)
            return
        if w.upos == "ADJ" and w.text[:1].isupper() and w.deprel.split(":")[0] in NOMINAL_RELS \
                and any(k.upos == "PROPN" and k.deprel in ("compound", "flat", "nmod:poss") for k in sent.children(w.id)):
            w = w.model_copy(update={"upos": "PROPN"})  # "Amnesty International", "the People's Daily" with
            # "International" and "Daily" adjectives
        if w.upos not in ("PROPN", "NOUN") or w.deprel in ("compound", "fixed", "goeswith") \
                or w.deprel.startswith("flat") or w.lemma.lower() in self.time_words \
                or any(ch.isdigit() for ch in w.text):
            return  # dates and numbers are nobody
        self._observed.add(key)
        span = self._np_span(sent, w)
        if span is None:
            return
        outlet = self._named_outlet_seen(sent, w, span)
        if outlet is not None:  # "a commentary from the People's Daily newspaper": the outlet, for "the paper"
            self._remember(span, outlet, sent, w)
            return
        if w.upos == "NOUN" and w.lemma.lower() not in load_coref_words().entity_nouns and self._name_after_title(sent, w) is None:
            self._observe_nominal(sent, w, span)
            return
        found = self._definite(sent, w, span) if w.upos == "NOUN" else None
        if found is not None:
            self._remember(span, found[0], sent, w)
            return
        res = self._resolve_name(sent, w, span)
        if res is not None and res.match in ("name", "unresolved") and sent.index == 0 and _title_case(sent):
            return  # "Port Guards Step Up Patrols to Counter Smuggling Wave": a headline's capitals name no
            # one (a section heading inside a text, "The Old Stone Bridge", does name what follows)
        if res is not None:  # an unknown name too: a place or thing "it" may point back to
            self._remember(span, res.entity, sent, w)
        elif w.upos == "NOUN":
            self._observe_nominal(sent, w, span)

    def _named_outlet_seen(self, sent: Sentence, w: Word, span: TextSpan) -> Entity | None:
        """An outlet noun phrase that names a registry outlet ("the People's Daily newspaper",
        "the state news agency SANA") wherever it stands: that outlet, so that a later "the
        paper said" points back to it."""
        if w.upos != "NOUN" or w.lemma.lower() not in load_coref_words().outlet_nouns:
            return None
        found = self._lookup(span.text) or self._named_outlet(sent, w)
        if found is None or found[1] == "ambiguous":
            return None
        return _entity_from_entry(found[0])

    def _observe_same_head(self, sent: Sentence, w: Word) -> None:
        """Record the earlier nouns of ``w``'s sentence with its head noun (or a synonym), so
        that a definite description may point back within its sentence ("There is a woman at
        the gate, and the woman says ...")."""
        heads = self.words.synonyms(w.lemma.lower())
        for k in sent.words:
            if k.id >= w.id:
                break
            if k.upos == "NOUN" and k.lemma.lower() in heads and (sent.index, k.id) not in self._observed:
                self._observe_word(sent, k)

    def _observe_pronoun(self, sent: Sentence, w: Word) -> None:
        low = w.text.lower()
        span = TextSpan.model_construct(text=w.text, start=w.start, end=w.end)
        if low in SPEAKER_FIRST and self._quotation_of(w.start) is None:
            return  # the narrator's own I / we
        mention = Mention(span=span, sentence=sent.index, head=w.id, head_lemma=w.lemma.lower(),
                          upos=w.upos, is_pronoun=True)
        res = self._pronoun(mention, sent, w)
        if res is not None:
            self._remember(span, res.entity, sent, w)

    def _observe_nominal(self, sent: Sentence, w: Word, span: TextSpan) -> None:
        """A common-noun mention: the same noun with a definite article may point back to it
        ("a report ... the report"); a document with a named issuer stands for the issuer."""
        lemma = w.lemma.lower()
        if self._is_definite(sent, w):
            found = self._same_head(span.start, lemma, sent.index, plural=w.feat("Number") == "Plur")
            if found is not None:
                self._remember(span, found[0], sent, w)
                return
        issuer = self._issuer(sent, w)
        if issuer is not None:
            self._remember(span, issuer, sent, w)
            return
        ent = Entity(name=span.text, entity_type="unknown", source_class="unknown", titles={lemma},
                     plural=w.feat("Number") == "Plur", nominal=True,
                     gender=self.words.gender_of_word(lemma))
        self._remember(span, ent, sent, w)

    def _issuer(self, sent: Sentence, w: Word) -> Entity | None:
        """"KCNA's report", "a statement by the ministry", "a statement carried by the KCNA": the
        named issuer (or carrier) of a document; "X said in a statement": the speaker who spoke
        through it; "X issued a statement": X."""
        speaker = self._speaker_through(sent, w) or self._issued_by(sent, w)
        if speaker is not None:
            return speaker
        carriers = [a for k in sent.children(w.id)  # "a statement carried by the KCNA": the outlet that carried it
                    if k.deprel.startswith("acl") and k.lemma.lower() in self.channel_participles
                    for a in sent.children(k.id) if a.deprel.startswith("obl") and a.upos in ("PROPN", "NOUN")]
        for k in [*sent.children(w.id), *carriers]:
            if k.upos != "PROPN" and k not in carriers:
                continue
            case = next((c.lemma.lower() for c in sent.children(k.id) if c.deprel == "case"), "")
            if k.deprel == "nmod:poss" or (k.deprel.startswith(("nmod", "obl")) and case in ("by", "from")):
                kspan = self._np_span(sent, k)
                if kspan is None:
                    return None
                res = self._resolve_name(sent, k, kspan)
                if res is not None and res.match != "unresolved" and res.entity.entity_type == "organisation":
                    return self._known(res.entity)
        return None

    def _speaker_through(self, sent: Sentence, w: Word) -> Entity | None:
        """"The ministry said in a statement ...": the entity the reporting verb's subject was
        resolved to, so that a later "the statement said" points back to the ministry."""
        if not w.head or w.deprel.split(":")[0] != "obl" or w.lemma.lower() not in self.document_nouns:
            return None
        if not any(c.deprel == "case" and c.lemma.lower() in ("in", "through") for c in sent.children(w.id)):
            return None
        verb = sent.word(w.head)
        subj = next((k for k in sent.children(verb.id) if k.deprel == "nsubj"), None)
        if verb.upos != "VERB" or subj is None or subj.id > w.id:
            return None
        return self._resolved_subject(sent, subj)

    def _resolved_subject(self, sent: Sentence, subj: Word) -> Entity | None:
        """The named entity the subject ``subj`` of this sentence was resolved to (None for a
        common-noun mention or one not resolved yet)."""
        for seen in reversed(self.history[-LOOKBACK:]):
            if seen.sentence == sent.index and seen.span.start <= subj.start < seen.span.end:
                return None if seen.entity.nominal else seen.entity
        return None

    def _issued_by(self, sent: Sentence, w: Word) -> Entity | None:
        """"The government issued a statement ...": the subject of a verb that puts a document
        out (``channel_participles``: issued, released, published) is its issuer, so that "the
        statement said" points back to it."""
        if w.deprel != "obj" or not w.head or w.lemma.lower() not in self.document_nouns:
            return None
        verb = sent.word(w.head)
        subj = next((k for k in sent.children(verb.id) if k.deprel == "nsubj"), None)
        if verb.lemma.lower() not in self.channel_participles or subj is None or subj.id > w.id:
            return None
        return self._resolved_subject(sent, subj)

    def _known(self, entity: Entity) -> Entity:
        known = self._by_name.get(entity.name)
        return known if known is not None else entity

    def _remember(self, span: TextSpan, entity: Entity, sent: Sentence | None = None,
                  w: Word | None = None) -> None:
        if not entity.nominal:
            known = self._by_name.get(entity.name)
            if known is None:
                self._by_name[entity.name] = entity
            elif known is not entity:
                known.titles |= entity.titles
                known.gender = known.gender or entity.gender
                entity = known
        weight = 100.0
        if w is not None:
            if w.deprel in SUBJECT_RELS:
                weight += 80.0
            elif w.deprel in OBJECT_RELS:
                weight += 50.0
            self._observed.add((sent.index if sent is not None else -1, w.id))
        index = sent.index if sent is not None else self._sentence_at(span.start)
        if any(seen.offset == span.start and seen.entity is entity for seen in self.history[-8:]):
            return  # the same mention resolved twice (two cues share a source)
        # kept in reading order: a sentence's earlier words may be recorded after its cue's source
        pronoun = w is not None and w.upos == "PRON"
        if w is not None and sent is not None and not pronoun:
            span = self._np_span(sent, w) or span
        seen = Seen(span.start, entity, span, index, weight, pronoun, _head_noun(w))
        seen.speaker = self._spoke(seen)
        bisect.insort(self.history, seen, key=lambda seen: seen.offset)

    def _sentence_at(self, offset: int) -> int:
        for s in self.parsed.sentences:
            if s.start <= offset < s.end + 1:
                return s.index
        return len(self.parsed.sentences)

    def _np_span(self, sent: Sentence, w: Word) -> TextSpan | None:
        ids = {w.id}
        frontier = [w.id]
        while frontier:
            h = frontier.pop()
            skip = NP_HEAD_CUT if h == w.id else NP_CUT
            for k in sent.children(h):
                if k.deprel.partition(":")[0] in skip or k.id in ids:
                    continue  # (a cyclic hand-made parse must not loop)
                ids.add(k.id)
                frontier.append(k.id)
        words = sorted((sent.word(i) for i in ids), key=lambda x: x.start)
        while words and words[0].upos in ("PUNCT", "DET", "ADP"):
            words.pop(0)
        while words and words[-1].upos == "PUNCT":
            words.pop()
        if not words:
            return None
        start, end = words[0].start, words[-1].end
        # offsets straight from the parse: a valid span by construction
        return TextSpan.model_construct(text=self.text[start:end], start=start, end=end)

    def _name_chain(self, sent: Sentence, w: Word) -> str:
        """The proper name at the head: the head plus its flat/compound PROPN dependents."""
        key = (sent.index, sent.start, w.id)
        chain = self._chains.get(key)
        if chain is None:
            chain = self._chains[key] = self._find_name_chain(sent, w)
        return chain

    def _find_name_chain(self, sent: Sentence, w: Word) -> str:
        run = self._name_run(sent, w)
        return self.text[sent.word(run[0]).start : sent.word(run[-1]).end]

    def _name_run(self, sent: Sentence, w: Word) -> list[int]:
        """The word ids of the proper name at ``w`` (see ``_name_chain``)."""
        seen = {w.id}
        while w.head and w.deprel.split(":")[0] in ("flat", "compound") and w.head not in seen \
                and sent.word(w.head).upos == "PROPN" and w.head < w.id:  # "Valdes" of "Rogelio Valdes"
            w = sent.word(w.head)
            seen.add(w.id)
        ids = [w.id]
        frontier = [w.id]
        while frontier:  # flat/compound proper-noun dependents, however deeply chained
            h = frontier.pop()
            for k in sent.children(h):
                if k.upos == "PROPN" and k.deprel.split(":")[0] in ("flat", "compound"):
                    ids.append(k.id)
                    frontier.append(k.id)
        ids.sort()
        # keep the contiguous run that ends at (or contains) the head
        run = [w.id]
        for i in reversed([i for i in ids if i < w.id]):
            if sent.word(i).lemma.lower() in load_coref_words().title_nouns:
                break
            if i == run[0] - 1 or all(sent.word(g).upos == "PUNCT" for g in range(i + 1, run[0])):
                run.insert(0, i)
            else:
                break
        for i in [i for i in ids if i > w.id]:
            if i == run[-1] + 1 or all(sent.word(g).upos == "PUNCT" for g in range(run[-1] + 1, i)):
                run.append(i)
            else:
                break
        return self._name_particles_after(sent, run)

    def _name_particles_after(self, sent: Sentence, run: list[int]) -> list[int]:
        """"Tareq al-Mansouri" with "al" parsed as an apposition of the title: a name particle
        (``name_particles`` of ``rules/coref.yaml``) right after the name, then a capitalised word, goes on with it."""
        out = list(run)
        while True:
            nxt = out[-1] + 1
            if nxt > len(sent.words) or sent.word(nxt).text.lower() not in load_coref_words().name_particles:
                return out
            j = nxt + 1
            if j <= len(sent.words) and sent.word(j).text in ("-", "‐", "‑"):
                j += 1
            if j > len(sent.words) or sent.word(j).upos != "PROPN" or not sent.word(j).text[:1].isupper():
                return out
            out.extend(range(nxt, j + 1))

    def _full_name(self, sent: Sentence, w: Word) -> str:
        """The name of an organisation as written, beyond the proper nouns the tagger found:
        "United Nations" (not "Nations"), "Syrian Observatory for Human Rights"."""
        run = self._name_run(sent, w)
        run = self._name_modifiers_before(sent, run) + run
        run += self._name_complement_after(sent, w, run[-1])
        return self.text[sent.word(run[0]).start : sent.word(run[-1]).end]

    def _name_modifiers_before(self, sent: Sentence, run: list[int]) -> list[int]:
        """"United" of "United Nations", "Syrian" of "Syrian Observatory ...": capitalised
        modifiers the tagger did not read as part of the name, right before it."""
        out: list[int] = []
        i = run[0] - 1
        while i >= 1:
            k = sent.word(i)
            tagged_name = k.xpos in ("NNP", "NNPS") and k.upos == "ADJ"  # "The bank's Monetary Policy
            # Committee" with "Monetary" a proper adjective hung on "bank"
            if k.upos not in ("ADJ", "VERB", "PROPN") or not k.text[:1].isupper() or k.lemma.lower() in load_coref_words().title_nouns \
                    or (not tagged_name and (k.deprel.split(":")[0] not in ("amod", "compound")
                                             or (k.head not in run and k.head != sent.word(run[-1]).head))):
                break
            out.insert(0, i)
            i -= 1
        return out

    def _name_complement_after(self, sent: Sentence, w: Word, last: int) -> list[int]:
        """"for Human Rights" of "Observatory for Human Rights": a capitalised of/for phrase
        right after a name whose last word names an organisation (``not_person``)."""
        if sent.word(last).text.lower() not in self.words.not_person:
            return []
        for k in sent.children(w.id):
            ids = sorted(sent.subtree_ids(k.id))
            if k.deprel == "nmod" and k.upos == "PROPN" and ids and ids[0] == last + 1 \
                    and sent.word(ids[0]).text.lower() in ("of", "for") and ids == list(range(ids[0], ids[-1] + 1)) \
                    and all(sent.word(i).text[:1].isupper() for i in ids[1:]):
                return ids
        return []

    def _capitalised_start(self, sent: Sentence, w: Word) -> int:
        """The first of the capitalised words right before a proper-noun head, within its
        phrase (``w.id`` when there is none): a name the tagger split into an adjective and nouns."""
        below = sent.subtree_ids(w.id)
        start = w.id
        while start - 1 in below and sent.word(start - 1).text[:1].isupper() \
                and sent.word(start - 1).upos in ("PROPN", "ADJ", "NOUN"):
            start -= 1
        return start

    # ----- lookups --------------------------------------------------------------
    def _lookup(self, text: str) -> tuple[RegistryEntry, str] | None:
        return _cached_lookup(self.registry, text, tuple(self.countries))

    def _resolve_name(self, sent: Sentence, w: Word, span: TextSpan) -> Resolution | None:
        """Resolve a (non-pronoun) noun phrase by registry, title and name rules."""
        head_lemma = w.lemma.lower()
        found = self._lookup(span.text)
        if found is None:  # "Press TV, Iran's English-language state broadcaster,": the name, then its description
            for part in self._apposition_parts(sent, w):
                found = self._lookup(part)
                if found is not None:
                    break
        if found is None and ", " in span.text:  # the same, where the parse gave no apposition
            found = self._lookup(span.text.split(", ")[0])
        if found is None and w.upos == "PROPN":
            chain = self._name_chain(sent, w)
            start = self._capitalised_start(sent, w)
            run = self.text[sent.word(start).start : w.end] if start < w.id else None
            adjectives_only = all(sent.word(i).upos == "ADJ" for i in range(start, w.id))
            if run is not None and len(chain.split()) == 1 and adjectives_only:
                found = self._lookup(run)  # "the Korean Peninsula" is not the newspaper "The Peninsula"
            else:
                found = self._lookup(chain)
                if found is None and run is not None:  # "Korean Central Television" with "Korean" an adjective
                    found = self._lookup(run)
        if found is None and w.upos == "PROPN" and w.text[:1].isupper() and w.text[1:].islower():
            known = next((e for e in self._by_name.values() if e.name.isupper() and e.name.lower() == w.text.lower()
                          and e.source_class in MEDIA_CLASSES), None)
            if known is not None:  # "Sana's report" after "the state news agency SANA": the outlet, in title case
                return Resolution(known, "name", confidence=0.85)
        if found is not None:
            entry, how = found
            return Resolution(_entity_from_entry(entry), how, confidence=0.95 if how == "exact" else 0.85)
        person = self._person_after_of(sent, w) if head_lemma in load_coref_words().title_nouns else []
        if person:  # "Chief of the IAEA Rafael Grossi": the person the title's of-phrase ends with
            chain = self.text[sent.word(person[0]).start : sent.word(person[-1]).end]
            earlier = self._person_by_name(chain)
            if earlier is not None:
                return Resolution(earlier, "name", confidence=0.85)
            official = _cached_official(self.registry, span.text)  # "Minister of State for ...": an official
            if official is not None and official.entry is not None:
                ent = _entity_from_entry(official.entry, "person")
                ent.name, ent.tokens = chain, _name_tokens(chain)
                ent.titles, ent.gender = self._titles(sent, w, span), self._gender(span.text, chain)
                return Resolution(ent, "title", confidence=0.8)
            ent = Entity(name=chain, entity_type="person", source_class="person", tokens=_name_tokens(chain),
                         titles=self._titles(sent, w, span), gender=self._gender(span.text, chain))
            return Resolution(ent, "name", confidence=0.6)
        name_word = self._name_after_title(sent, w) if w.upos == "NOUN" or w.lemma.lower() in load_coref_words().title_nouns else None
        name_word = name_word or (w if w.upos == "PROPN" else None)
        if name_word is not None:
            w = name_word
            chain = _without_leading_titles(self._name_chain(sent, w))
            earlier = self._person_by_name(chain)
            official = _cached_official(self.registry, span.text)
            named = self.registry.named_countries(span.text)
            if earlier is not None and len(chain.split()) == 1 and self.registry.country_of(chain) is not None \
                    and last_name_word(earlier.name) != chain.lower():
                earlier = None  # "Iran" is the state, not "the commander of Iran's navy"
            if earlier is not None and named and earlier.country not in named:
                earlier = None  # "the Philippine Coast Guard" is not the China Coast Guard named before,
                # "the Estonian Foreign Ministry" not the (Russian) Foreign Ministry of no named country
            if earlier is not None and len(_name_tokens(chain)) <= len(earlier.tokens):
                earlier.titles |= self._titles(sent, w, span)  # "General X" after "junta chief X": "the
                return Resolution(earlier, "name", confidence=0.85)  # general" may point back to X now
            shorter = self._named_before_in_short(chain) if earlier is None and not named else None
            if shorter is not None:  # "Jan Novak said" after "President Novak said": the same person
                return Resolution(shorter, "name", confidence=0.85)
            if official is not None and official.entry is not None:
                body = getattr(official, "person", None) is None and (
                    bool(_name_tokens(chain) & load_coref_words().organisation_head_nouns) or official.entry.kind != "official")  # "the FSB"
                ent = _entity_from_entry(official.entry, "organisation" if body else "person")  # "the
                # Ministry of Interior" is a body an "it" may point back to; "President X" a person
                titled = getattr(official, "person", None)
                ent.name = _without_leading_titles(titled or chain)
                if body and titled is None and len(chain.split()) == 1 and _a_name(official.entry.name) \
                        and _name_tokens(chain) < _name_tokens(official.entry.name):
                    ent.name = official.entry.name  # "The Bahrain Foreign Ministry" with "Bahrain" a compound
                    # and "Foreign" an adjective: the body the registry names, not "Ministry"
                ent.tokens = _name_tokens(chain) | _name_tokens(ent.name)
                ent.titles = self._titles(sent, w, span)
                ent.gender = self._gender(span.text, chain)
                return Resolution(ent, "title", confidence=0.8)
            state = _cached_state(self.registry, span.text, tuple(self.countries))
            if state is not None and state.entry is not None:  # "Russia denied", "Pyongyang says",
                ent = _entity_from_entry(state.entry, "organisation")  # "the North" in a Korean story
                ent.state = True
                return Resolution(ent, "title", confidence=0.8)
            last = chain.split()[-1]
            paper = len(chain.split()) > 1 and last[:1].isupper() and last.lower() in load_coref_words().paper_name_heads
            if self.registry.country_of(chain) is not None and not paper:
                return None  # a demonym or a country inside a longer name, not a source
            outlet = paper or self._outlet_titles(sent, w, span) or last.lower() in load_coref_words().outlet_name_heads
            etype = "organisation" if outlet else "person" if self._looks_like_person(sent, w) else "unknown"
            if etype == "unknown" and (chain.split()[-1].lower() in load_coref_words().organisation_head_nouns
                                       or w.lemma.lower() in self.words.organisation_heads):
                etype = "organisation"  # "World Health Organization", "Hoang Long Group", "the Syrian
                # Observatory for Human Rights"
            acronyms = {a.lower() for a in PAREN_ACRONYM.findall(span.text)}  # "Partido Verde 2 (PV2)"
            ent = Entity(name=chain if etype == "person" else self._full_name(sent, w), entity_type=etype,
                         source_class="person" if etype == "person" else "unknown",
                         tokens=_name_tokens(chain) | acronyms,
                         plural=w.feat("Number") == "Plur" and w.xpos == "NNPS",
                         titles=self._titles(sent, w, span),
                         gender=self._gender(span.text, chain) if etype == "person" else None)
            return Resolution(ent, "name" if etype == "person" else "unresolved", confidence=0.6)
        if head_lemma in load_coref_words().title_nouns or head_lemma in load_coref_words().organisation_head_nouns:
            official = _cached_official(self.registry, span.text)
            if official is not None and official.entry is not None and head_lemma not in load_coref_words().title_nouns:
                ent = _entity_from_entry(official.entry, "organisation")
                ent.name = span.text
                return Resolution(ent, "title", confidence=0.7)
        return None

    def _titles(self, sent: Sentence, w: Word, span: TextSpan) -> set[str]:
        """A named mention's titles, for the definite descriptions that may point back to it:
        the title nouns in its words and what they imply ("Deputy Foreign Minister X": a
        diplomat), the noun of a description set beside it ("PAGASA, the state weather bureau"),
        and the outlet nouns describing it (see ``_outlet_titles``)."""
        titles = {t for t in _name_tokens(span.text) if t in load_coref_words().title_nouns} | set(self.words.implied_titles(span.text))
        words = span.text.replace("’s", " ").replace("'s", " ").split()
        titles |= {q for i, t in enumerate(words) if t.lower() in load_coref_words().title_nouns
                   and (q := self.words.qualified_title(words, i)) is not None}  # "Prime Minister X": a prime minister
        described = {k.lemma.lower() for k in sent.children(w.id) if k.deprel.split(":")[0] == "appos" and k.upos == "NOUN"}
        if w.head and w.deprel.split(":")[0] == "appos" and sent.word(w.head).upos == "NOUN":
            described.add(sent.word(w.head).lemma.lower())  # "the weather bureau, PAGASA"
        return titles | described | self._outlet_titles(sent, w, span)  # "PAGASA, the weather bureau": a bureau

    def _outlet_titles(self, sent: Sentence, w: Word, span: TextSpan) -> set[str]:
        """The outlet nouns that describe an unknown name, so that "the paper" can point back
        to it: in its own words ("the Moscow daily Vechernyaya Zarya") or set beside it
        ("The Rift Valley Tribune, a regional newspaper")."""
        words = [x for x in sent.words if span.start <= x.start and x.end <= span.end and x.id < w.id]
        around = [*words, *sent.children(w.id)]
        if w.head and w.deprel.split(":")[0] in ("appos", "flat", "compound"):
            around.append(sent.word(w.head))
        return {k.lemma.lower() for k in around if k.upos in ("NOUN", "ADJ") and k.lemma.lower() in load_coref_words().outlet_name_heads
                and (k.id < w.id or k.deprel.split(":")[0] == "appos" or k.id == w.head)}

    def _gender(self, span_text: str, name: str) -> str | None:
        """From a gendered title in the mention ("Mrs.", "spokeswoman"), else the given name."""
        for tok in re.split(r"[\s,]+", span_text):
            g = self.words.gender_of_word(tok.strip(".").lower()) or self.words.gender_of_word(tok.lower())
            if g is not None:
                return g
        parts = name.split()
        return self.words.gender_of_name(parts[0]) if len(parts) >= 1 else None

    def _name_after_title(self, sent: Sentence, w: Word) -> Word | None:
        """"leader Kim Jong-un" parsed with the title as head: the name hanging after it; for
        another common noun, a name set right after it ("business lobby Keidanren")."""
        title = w.lemma.lower() in load_coref_words().title_nouns
        rels = ("flat", "appos", "compound", "nmod", "dep") if title else ("flat", "appos")
        for k in sent.children(w.id):
            if k.id > w.id and k.upos == "PROPN" and k.deprel.split(":")[0] in rels \
                    and (title or k.id == w.id + 1 or (k.deprel == "appos" and k.id == w.id + 2
                                                        and sent.word(w.id + 1).text == ",")) \
                    and not any(c.deprel == "case" for c in sent.children(k.id)):  # not "Minister of Industry"
                return k
        return None

    def _apposition_parts(self, sent: Sentence, w: Word) -> list[str]:
        """A noun phrase with an apposition set off by commas: the words before it, then the
        apposition itself; empty when there is none."""
        appos = [k for k in sent.children(w.id) if k.deprel == "appos" and k.id > w.id
                 and sent.word(min(sent.subtree_ids(k.id)) - 1).text == ","]
        if not appos:
            return []
        inner = sent.subtree_ids(appos[0].id)
        core = [i for i in sorted(sent.subtree_ids(w.id)) if i < min(inner) and sent.word(i).upos != "PUNCT"]
        parts = [core, sorted(i for i in inner if sent.word(i).upos != "PUNCT")]
        return [self.text[sent.word(p[0]).start : sent.word(p[-1]).end] for p in parts if p]

    def _person_after_of(self, sent: Sentence, w: Word) -> list[int]:
        """The ids of a person's name that ends a title's of-phrase, where the parser hung it
        ("Chief of the IAEA Rafael Grossi", "Head of the agency Jane Roe"): proper nouns
        after the of-phrase's head, a given name first; empty when there is none."""
        for k in sent.children(w.id):
            if k.id < w.id or k.deprel.split(":")[0] != "nmod" \
                    or not any(c.deprel == "case" and c.lemma.lower() in ("of", "for") for c in sent.children(k.id)):
                continue  # "Minister of State for Water Affairs Rana Khouri": the name ends the for-phrase
            names = [c for c in sent.children(k.id)
                     if c.id > k.id and c.upos == "PROPN" and c.deprel.split(":")[0] in ("flat", "appos", "compound")]
            if not names:
                continue
            phrase = sent.subtree_ids(k.id)
            ids = sorted(i for i in phrase if i >= min(sent.subtree_ids(names[0].id)))
            before = ids[0] - 1  # the name runs straight on from the of-phrase ("..., Ri Chol Ho" is an apposition)
            if before not in phrase or sent.word(before).upos == "PUNCT":
                continue
            words = [sent.word(i).text.lower() for i in ids if sent.word(i).text != "-"]
            if 2 <= len(words) <= 4 and all(sent.word(i).upos == "PROPN" or sent.word(i).text == "-" for i in ids) \
                    and ids == list(range(ids[0], ids[-1] + 1)) \
                    and not any(x in self.words.not_person or x in load_coref_words().organisation_head_nouns or x in load_coref_words().outlet_name_heads for x in words):
                return ids
        return []

    def _looks_like_person(self, sent: Sentence, w: Word) -> bool:
        chain = self._name_chain(sent, w)
        parts = chain.split()
        if any(p.lower().strip(".,") in self.words.not_person for p in parts) \
                or (parts and parts[-1].lower().strip(".,") in load_coref_words().organisation_head_nouns):
            return False  # "Trinity College", "Isfahan Province", "the Missile Administration"
        if any(k.deprel == "case" and k.lemma.lower() in self.words.place_prepositions for k in sent.children(w.id)):
            return False  # "in Oklahoma": a place
        if any(k.lemma.lower() in load_coref_words().title_nouns for k in sent.children(w.id)):
            return True
        if parts and (self.words.gender_of_name(parts[0]) is not None
                      or self.words.gender_of_word(parts[0].rstrip(".").lower()) is not None):
            return True  # a given name, or "Mrs. Santa"
        return 2 <= len(parts) <= 4 and all(p[:1].isupper() for p in parts)

    def _person_by_name(self, chain: str) -> Entity | None:
        toks = _name_tokens(chain) - load_coref_words().honorifics  # "Mr Ri" is the Ri Chol Ho named before
        if not toks:
            return None
        for seen in reversed(self.history[-LOOKBACK:]):
            ent = seen.entity
            if ent.entity_type == "person" and not ent.nominal and toks <= ent.tokens:
                return ent
        return None

    def _named_before_in_short(self, chain: str) -> Entity | None:
        """A person named before by the last word of this fuller name alone, with or without
        titles ("President Novak", then "Jan Novak": ``_titled_surname``): the same person. Only the last word counts,
        so "Kim Yo Jong" is never the "Kim" named before."""
        toks = _name_tokens(chain) - load_coref_words().honorifics
        last = last_name_word(chain)
        if len(chain.split()) < 2 or not last:
            return None
        for seen in reversed(self.history[-LOOKBACK:]):
            ent = seen.entity
            if ent.entity_type == "person" and not ent.nominal and last_name_word(ent.name) == last \
                    and _titled_surname(ent.name) and last in toks:
                return ent
        return None

    def _recent(self, before: int, want: str, titles: set[str] | None = None,
                outlet: bool = False, kinds: frozenset[str] | None = None,
                head: str | None = None, qualified: str | None = None,
                countries: set[str] | None = None) -> tuple[Entity, TextSpan] | None:
        """The entity named last before ``before`` that fits; with ``qualified`` ("prime
        minister"), when someone named before holds that title, never one who holds another
        title of the same head ("foreign minister"); with ``countries`` (those a description
        names: "the DPRK leader"), never one of another country, by the registry or by the words
        it was named with ("U.S. President Donald Trump")."""
        last = qualified.split()[-1] if qualified else ""
        known = qualified is not None and any(qualified in seen.entity.titles for seen in self.history[-LOOKBACK:]
                                              if seen.offset < before)
        for seen in reversed(self.history[-LOOKBACK:]):
            off, ent, span = seen.offset, seen.entity, seen.span
            if off >= before or ent.nominal or seen.pronoun:
                continue
            if want == "person" and ent.entity_type != "person":
                continue
            if want == "organisation" and ent.entity_type != "organisation":
                continue
            if outlet and ent.source_class not in MEDIA_CLASSES:
                continue
            if titles and not (titles & ent.titles):
                continue
            if known and qualified not in ent.titles and any(t != qualified and t.endswith(" " + last) for t in ent.titles):
                continue  # "the prime minister" is not "Foreign Minister X"
            if countries and not ({ent.country} & countries if ent.country
                                  else not (self.registry.named_countries(span.text) - countries)):
                continue
            if kinds is not None and ent.kind not in kinds and ent.kind != "other" \
                    and not (head and head in ent.titles | ent.tokens):
                continue
            return ent, span
        return None

    def _recent_outlet(self, before: int, sentence: int, window: int = 2) -> tuple[Entity, TextSpan] | None:
        """The news outlet named last, within ``window`` sentences: the one whose report "the
        report" (a document never named as a noun before) is."""
        for seen in reversed(self.history[-LOOKBACK:]):
            if seen.offset >= before or seen.pronoun:
                continue
            if sentence - seen.sentence > window:
                return None
            if not seen.entity.nominal and seen.entity.source_class in MEDIA_CLASSES:
                return seen.entity, seen.span
        return None

    def _same_head(self, before: int, lemma: str, sentence: int, window: int = 10,
                   plural: bool | None = None, named: bool = False) -> tuple[Entity, TextSpan] | None:
        """The most recent mention, within ``window`` sentences, with ``lemma`` as its head noun
        or title ("a report ... the report", "Defence Ministry ... the ministry"), or a synonym
        listed in ``rules/coref.yaml`` ("a study ... the report")."""
        heads = self.words.synonyms(lemma)
        for seen in reversed(self.history[-LOOKBACK:]):
            if seen.offset >= before or seen.pronoun:
                continue
            if sentence - seen.sentence > window:
                return None
            ent = seen.entity
            if named and ent.nominal:
                continue  # only a named entity ("The Rift Valley Tribune, a regional newspaper")
            if plural is not None and ent.nominal and ent.plural != plural:
                continue  # "the city" is not "other cities"
            if heads & (ent.titles | {seen.head}) or (not ent.nominal and ent.entity_type == "organisation" and heads & ent.tokens):
                return ent, seen.span
        return None

    def _salient(self, before: int, sentence: int, fits, window: int | None = None,
                 speaking: bool = False) -> tuple[Entity, TextSpan] | None:  # type: ignore[no-untyped-def]
        """The compatible entity with the highest salience at ``before``: each earlier mention
        adds its weight (recency 100, subject +80, object +50; when a speaker is looked for,
        ``speaking``, a speaker's mention counts twice), halved per sentence back."""
        score: dict[int, float] = {}
        last: dict[int, tuple[Entity, TextSpan, int, bool]] = {}  # latest named mention (else pronoun)
        for seen in self.history[-LOOKBACK:]:
            if window is not None and sentence - seen.sentence > window:
                continue
            if any(a <= seen.offset < b for a, b in self._spoken):
                continue  # named in the words the pronoun's speaker says: someone else
            factor = float(fits(seen.entity)) if seen.offset < before else 0.0
            if not factor:
                continue
            key = id(seen.entity)
            distance = max(0, sentence - seen.sentence)
            weight = seen.weight * (SPEAKER_FACTOR if speaking and seen.speaker else 1.0)
            score[key] = score.get(key, 0.0) + factor * weight * 0.5 ** distance
            if key not in last or not seen.pronoun or last[key][3]:
                last[key] = (seen.entity, seen.span, seen.offset, seen.pronoun)
        if not score:
            return None
        best = max(score, key=lambda k: (score[k], last[k][2]))
        return last[best][0], last[best][1]

    # ----- pronouns -------------------------------------------------------------
    def _pronoun(self, mention: Mention, sent: Sentence, w: Word, speaker: bool = False) -> Resolution | None:
        """The antecedent of a pronoun; never someone named only in the quotation it speaks."""
        outer, self._spoken = self._spoken, self._quotes_spoken(sent, mention.span.start)
        try:
            return self._pronoun_of(mention, sent, w, speaker)
        finally:
            self._spoken = outer  # (a pronoun met inside the quotation while this one is resolved)

    def _pronoun_of(self, mention: Mention, sent: Sentence, w: Word, speaker: bool = False) -> Resolution | None:
        low = w.text.lower()
        start = mention.span.start
        self.observe_sentence(sent, before=start)
        bound = self._named_in_clause(sent, w)
        quoted = self._named_in_spoken()

        def free(fits):  # type: ignore[no-untyped-def]
            return lambda e: 0.0 if not e.nominal and (last_name_word(e.name) in bound or (
                e.entity_type == "person" and _name_tokens(e.name.split(",")[-1]) & quoted)) else fits(e)

        if low in SPEAKER_FIRST:
            quote = self._quotation_of(start)
            if quote is None:
                return None  # the narrator's own I / we: nobody named in the article
            said_by = self._quote_speaker_word(quote)
            if said_by is not None and said_by[1].text.lower() in SPEAKER_FIRST:
                return None  # a quotation the writer speaks ('"...," I told her')
            speaker = self._quote_speaker(said_by, (sent.index, w.id)) if said_by is not None else None
            if speaker is not None:
                return speaker
        if low in MALE_PRONOUNS | FEMALE_PRONOUNS:
            ahead = self._named_subject_after(sent, w)
            if ahead is not None:
                return ahead
            gender = "m" if low in MALE_PRONOUNS else "f"
            def fits(e: Entity) -> float:
                if e.plural or e.gender not in (None, gender):
                    return 0.0
                if not e.nominal and _name_tokens(e.name) & load_coref_words().organisation_head_nouns \
                        and (e.entity_type != "person" or e.name.split()[-1].lower() in load_coref_words().organisation_head_nouns):
                    return 0.0  # "the Ministry": a body is never "he" or "she" ("the deputy head of
                    # the Maritime Administration, Ri Chol Ho" is a person)
                if e.entity_type == "person" and not e.nominal:
                    return 1.0 if e.gender == gender else 0.8  # a known gender that agrees counts more
                if e.nominal:  # "the spokeswoman"; "the diplomat", "the doctor" count less than a name; a
                    # body or a group ("the ministry", "the whole group") is never "he" or "she"
                    return 1.0 if e.gender == gender else 0.5 if e.titles & load_coref_words().title_nouns \
                        or any(self._people_head(t) for t in e.titles) else 0.0
                # a name of unknown type that no "it" pointed back to (nor an acronym): perhaps a person
                return 0.5 if e.entity_type == "unknown" and not e.thing and not e.name.isupper() else 0.0
            found = self._salient(start, sent.index, free(fits), speaking=speaker)
            if found is not None:
                ent = found[0]
                if not ent.nominal:
                    ent.gender = ent.gender or gender
                if ent.entity_type == "unknown" and not ent.nominal:  # "he" says it is a person
                    ent.entity_type, ent.source_class = "person", "person"
        elif low in THING_PRONOUNS:
            # a named organisation nearby first when "it" reports ("KCNA ... it said"), not the
            # place or thing named in between; then whatever "it" fits
            found = (self._last_speaker(start, sent.index, free(lambda e: e.entity_type == "organisation"
                                                                and not e.nominal)) if speaker else None) \
                or (self._salient(start, sent.index, free(lambda e: e.entity_type == "organisation" and not e.nominal),
                                  window=3) if speaker else None) \
                or self._salient(start, sent.index, free(self._fits_it), speaking=speaker)
            if found is not None:
                found[0].thing = True
        elif low in GROUP_PRONOUNS:
            # "someone" earlier in the sentence (singular they); people named nearby by a plural
            # noun ("residents", "officials"), a collective noun ("the family", "a company") or a
            # plural name ("Democrats"); then an organisation; a state only when named in this or
            # the last sentence ("the pipeline angered Russia ... they said"): a country is mostly "it"
            found = self._indefinite_person(sent, w) \
                or self._salient(start, sent.index, free(self._group_of_people), window=2, speaking=speaker) \
                or self._salient(start, sent.index, free(lambda e: (e.entity_type == "organisation" and not e.nominal
                                                                    and not e.state)
                                                      or self._plural_people(e)), window=GROUP_WINDOW, speaking=speaker) \
                or self._salient(start, sent.index, free(lambda e: e.state), window=1)
        else:  # I / we of a quotation nobody was found to speak, "you": a person
            found = self._salient(start, sent.index, free(lambda e: e.entity_type == "person" and not e.nominal))
        if found is None:
            return None
        return Resolution(found[0], "antecedent", found[1], confidence=0.75)

    def _last_speaker(self, before: int, sentence: int, fits) -> tuple[Entity, TextSpan] | None:  # type: ignore[no-untyped-def]
        """"..., the official Vietnam News Agency said. ..., it said. ..., it said.": the "it" that
        reports is the organisation that spoke last, within the last ``LAST_SPEAKER_WINDOW``
        sentences, not an organisation only named in between ("the Paris-based Free
        Government of Vietnam"); shown by its last named mention. An organisation that was a
        subject since is left to salience."""
        for seen in reversed(self.history[-LOOKBACK:]):
            if seen.offset >= before:
                continue
            if sentence - seen.sentence > LAST_SPEAKER_WINDOW:
                return None
            if not seen.speaker:
                if seen.weight >= SUBJECT_WEIGHT and not seen.pronoun and fits(seen.entity):
                    return None  # "Rodong Sinmun devoted two pages to it. It said ...": the subject since
                continue
            if any(a <= seen.offset < b for a, b in self._spoken) or not fits(seen.entity):
                continue
            named = next((x for x in reversed(self.history[-LOOKBACK:]) if x.entity is seen.entity
                          and not x.pronoun and x.offset < before), None)
            return (seen.entity, named.span if named is not None else seen.span)
        return None

    def _indefinite_person(self, sent: Sentence, w: Word) -> tuple[Entity, TextSpan] | None:
        """"If someone says they saw it": the singular "they" of an unnamed person named
        earlier in the same sentence by an indefinite pronoun (``indefinite_people``)."""
        for k in reversed([k for k in sent.words if k.id < w.id]):
            if k.lemma.lower() in self.words.indefinite_people:
                span = TextSpan.model_construct(text=k.text, start=k.start, end=k.end)
                return Entity(name=k.text, entity_type="person", source_class="unknown", nominal=True), span
        return None

    def _named_in_clause(self, sent: Sentence, w: Word) -> set[str]:
        """The name words a subject pronoun stands over: those of every proper noun after it in
        its clause. "He said Haddad had saved the harbour": he is not Haddad (a name the subject pronoun
        governs never refers to what the pronoun refers to). Names before it are not
        governed: "When the ministry writes ..., it writes", "Omar Haddad, he said"."""
        if w.deprel not in SUBJECT_RELS or not w.head:
            return set()
        inside = sent.subtree_ids(w.head) - sent.subtree_ids(w.id)
        return {t for k in sent.words if k.id in inside and k.id > w.id and k.upos == "PROPN"
                for t in _name_tokens(k.text)}

    def _named_subject_after(self, sent: Sentence, w: Word) -> Resolution | None:
        """"After his talks with Ri, Lavrov said ...": a he/she in a phrase set before the
        sentence's subject, outside it, points forward to that subject when it is a person's
        name (cataphora), not back to someone named before."""
        root = next((k for k in sent.words if k.deprel == "root"), None)
        subj = next((k for k in sent.children(root.id) if k.deprel in ("nsubj", "nsubj:pass")), None) \
            if root is not None else None
        if subj is None or subj.upos != "PROPN" or subj.start <= w.start or self._quotation_of(w.start) is not None:
            return None
        k = w
        while k.head and k.head != root.id:  # type: ignore[union-attr]
            k = sent.word(k.head)
            if k.id == subj.id:
                return None  # inside the subject ("his brother Ivan")
        if k.deprel.split(":")[0] not in ("obl", "advcl", "nmod"):
            return None  # only a phrase set before the clause ("After his talks ...", "In her speech ...")
        span = self._np_span(sent, subj)
        res = self._resolve_name(sent, subj, span) if span is not None else None
        if res is None or res.entity.entity_type == "organisation" or res.entity.plural:
            return None
        gender = "m" if w.text.lower() in MALE_PRONOUNS else "f"
        if res.entity.gender not in (None, gender):
            return None
        res.entity.gender = gender
        if res.entity.entity_type == "unknown":
            res.entity.entity_type, res.entity.source_class = "person", "person"
        return Resolution(res.entity, "antecedent", span, confidence=0.7)

    def _people_noun(self, e: Entity) -> bool:
        """A common noun for people ("residents", "officials", "the minister"): a pronoun may
        point back to it; any other common noun is never a pronoun's antecedent."""
        return any(self._people_head(t) or t in load_coref_words().title_nouns or t in load_coref_words().organisation_head_nouns for t in e.titles)

    def _people_head(self, lemma: str) -> bool:
        """A noun lemma listed in ``people_nouns`` ("resident" of "residents")."""
        return lemma in self.words.people_nouns or lemma + "s" in self.words.people_nouns

    def _plural_people(self, e: Entity) -> bool:
        """People named by a plural common noun ("residents", "the farmers")."""
        return e.nominal and e.plural and self._people_noun(e)

    def _group_of_people(self, e: Entity) -> bool:
        """What "they" points back to nearby: people named by a plural or collective noun, or a
        plural name of no known kind ("the Moravians", "the Democrats")."""
        if e.nominal:
            return self._plural_people(e) or bool(e.titles & self.words.collective_nouns)
        return e.plural and e.entity_type == "unknown" and not e.thing

    def _fits_it(self, e: Entity) -> float:
        """"it": an organisation, place or thing that is not a person; an organisation or
        document noun counts half as much as a name."""
        if e.entity_type == "person" or e.gender is not None:
            return 0.0
        if not e.nominal:
            return 1.0
        return 0.5 if not e.plural and self._thing_noun(e) else 0.0

    def _thing_noun(self, e: Entity) -> bool:
        """A common noun "it" may point back to: an organisation, a document or a thing that
        carries words ("the ministry", "a report", "a banner"), never any other common noun
        ("the meeting ... it said" is nobody)."""
        return any(t in load_coref_words().organisation_head_nouns or t in self.document_nouns or t in self.words.text_nouns for t in e.titles)

    def _quotes_spoken(self, sent: Sentence, offset: int) -> list[tuple[int, int]]:
        """The quotations of a sentence that a pronoun outside them introduces ('"Peter Hall is
        wrong ...," he said': he is not Hall), one opened sentences before included."""
        if self._quotation_of(offset) is not None:
            return []
        return [(a, b) for a, b in self._quotes or () if sent.start < b <= offset]

    def _named_in_spoken(self) -> set[str]:
        """The name words of the quotations the pronoun being resolved speaks ('"Marco threw fuel
        on the fire. ...," he said': he is no one called Marco)."""
        out: set[str] = set()
        for a, b in self._spoken:
            for sent in self.parsed.sentences:
                if sent.end <= a or sent.start >= b:
                    continue
                out.update(t for k in sent.words if k.upos == "PROPN" and a <= k.start < b for t in _name_tokens(k.text))
        return out

    def _quotation_of(self, offset: int) -> tuple[int, int] | None:
        if self._quotes is None:
            self._quotes = quote_spans(self.text, text_blocks(self.text))
        return next(((s, e) for s, e in self._quotes if s < offset < e), None)

    def _quote_speaker_word(self, quote: tuple[int, int]) -> tuple[Sentence, Word] | None:
        """The subject that speaks a quotation: outside every quotation, of a verb outside it,
        in the sentences the quotation spans (the one nearest its end), else the sentence right
        after it."""
        qs, qe = quote
        sents = [s for s in self.parsed.sentences if s.start < qe and s.end > qs]
        if sents:
            after = sents[-1].index + 1
            if after < len(self.parsed.sentences):
                sents.append(self.parsed.sentences[after])
        best: tuple[int, Sentence, Word] | None = None
        for s in sents:
            for k in s.words:
                if k.deprel not in SUBJECT_RELS or not k.head or self._quotation_of(k.start) is not None:
                    continue
                verb = s.word(k.head)
                if verb.upos not in ("VERB", "AUX") or self._quotation_of(verb.start) is not None:
                    continue
                distance = min(abs(verb.start - qe), abs(verb.end - qs))
                if best is None or distance < best[0]:
                    best = (distance, s, k)
            if best is not None:
                break
        return (best[1], best[2]) if best is not None else None

    def _quote_speaker(self, said_by: tuple[Sentence, Word], asking: tuple[int, int]) -> Resolution | None:
        """The quotation's speaking subject (``_quote_speaker_word``) resolved; None when it
        cannot be (or is the word asking)."""
        s, k = said_by
        key = (s.index, k.id)
        if key in self._resolving or key == asking:
            return None
        self._resolving.add(key)
        try:
            span = TextSpan.model_construct(text=k.text, start=k.start, end=k.end) if k.upos == "PRON" \
                else self._np_span(s, k)
            if span is None:
                return None
            mention = Mention(span=span, sentence=s.index, head=k.id, head_lemma=k.lemma.lower(), upos=k.upos,
                              is_pronoun=k.upos == "PRON")
            res = self._resolve_quiet(mention)
        finally:
            self._resolving.discard(key)
        if res is None or res.match == "unresolved":
            return None
        return Resolution(res.entity, "antecedent", res.antecedent or span, confidence=0.75)

    def _resolve_quiet(self, mention: Mention) -> Resolution | None:
        """Resolve a mention without recording it (the speaker of a quotation, read ahead)."""
        sent = self.parsed.sentences[mention.sentence]
        w = sent.word(mention.head)
        if mention.is_pronoun:
            return self._pronoun(mention, sent, w)
        found = self._definite(sent, w, mention.span)
        if found is not None:
            return Resolution(found[0], "antecedent", found[1], confidence=0.75)
        return self._resolve_name(sent, w, mention.span)

    # ----- definite descriptions --------------------------------------------------
    def _definite(self, sent: Sentence, w: Word, span: TextSpan) -> tuple[Entity, TextSpan] | None:
        """"the agency", "the paper", "the minister", "the ministry" → the entity it points
        back to, by head noun, registry kind or title; None when nothing fits."""
        if w.upos != "NOUN" or not self._is_definite(sent, w):
            return None
        head = w.lemma.lower()
        start = span.start
        named = self._named_modifier(sent, w, start)
        if named is not None:
            return named
        if head in load_coref_words().outlet_nouns:
            kinds = self.words.head_kinds.get(head)
            return self._recent(start, "organisation", outlet=True, kinds=kinds, head=head) \
                or self._same_head(start, head, sent.index)
        if head in load_coref_words().title_nouns:
            return self._recent(start, "person", titles=self.words.titles_for(head, span.text),
                                qualified=self._qualified(sent, w, start),
                                countries=self.registry.named_countries(span.text)) \
                or self._same_head(start, head, sent.index)
        return self._same_head(start, head, sent.index, plural=w.feat("Number") == "Plur")

    def _qualified(self, sent: Sentence, w: Word, start: int) -> str | None:
        """The qualified title a description's words give its title head ("the prime minister")."""
        words = [k.text for k in sent.words if k.id <= w.id and k.start >= start]
        return self.words.qualified_title(words, len(words) - 1) if words else None

    def _names_itself(self, sent: Sentence, w: Word) -> bool:
        """A description with a proper name before its head ("the UK Maritime Trade Operations
        agency") or set beside it ("The state security service, the KNB,"): it names its
        own referent and points back to no one else."""
        return any(k.upos == "PROPN" and ((k.id < w.id and k.deprel.split(":")[0] in ("compound", "flat", "amod"))
                                          or (k.id > w.id and k.deprel == "appos"))
                   for k in sent.children(w.id))

    def _country_tv(self, mention: Mention, head: str) -> tuple[RegistryEntry, str] | None:
        """"Iran's international Persian-language Mehr television channel": a television
        channel of a country whose television the registry says is the state's ("Iran TV" is
        IRIB), though the channel's own name is unknown to it."""
        if head not in load_coref_words().tv_heads:
            return None
        countries = self.registry.named_countries(mention.span.text)
        if len(countries) != 1:
            return None
        name = self.registry.country_name(next(iter(countries)))
        return next((f for f in (self._lookup(f"{name} TV"), self._lookup(f"{name} television")) if f), None) \
            if name else None

    def _named_outlet(self, sent: Sentence, w: Word) -> tuple[RegistryEntry, str] | None:
        """"the state news agency SANA, which cited ...", "the BBC's Russian service": the registry
        name inside the phrase."""
        for k in sent.children(w.id):
            if k.upos == "PROPN" and (k.deprel.split(":")[0] in ("compound", "flat", "appos") or k.deprel == "nmod:poss"):
                # ... or whose service it is: "the BBC's Russian service" is the BBC
                found = self._lookup(self._name_chain(sent, k))
                if found is not None:
                    return found
        return None

    def _named_modifier(self, sent: Sentence, w: Word, before: int) -> tuple[Entity, TextSpan] | None:
        """"the M5S party", "the Xinhua agency": a definite description with a name in it is
        the entity of that name mentioned before."""
        names = [k for k in sent.children(w.id) if k.upos == "PROPN" and k.deprel.split(":")[0] in ("compound", "flat")]
        if not names:
            return None
        toks = set().union(*(_name_tokens(k.text) for k in names))
        if not toks:
            return None
        outlet = w.lemma.lower() in load_coref_words().outlet_name_heads  # "the North Korean broadcaster" is an outlet, never the state
        body = w.lemma.lower() in load_coref_words().organisation_head_nouns  # "the US embassy" is no person ("US President Donald Trump")
        for seen in reversed(self.history[-LOOKBACK:]):
            ent = seen.entity
            if seen.offset < before and not seen.pronoun and not ent.nominal and toks <= ent.tokens \
                    and (not outlet or ent.kind in MEDIA_KINDS or ent.source_class in MEDIA_CLASSES) \
                    and not (body and ent.entity_type == "person"):
                return ent, seen.span
        return None

    def _group_of_named_body(self, sent: Sentence, w: Word, before: int) -> tuple[Entity, TextSpan] | None:
        """"the agency ... the agency group says": a definite collective noun (``collective_nouns``)
        whose noun modifier names a body mentioned before is that body."""
        if w.lemma.lower() not in self.words.collective_nouns:
            return None
        for k in sent.children(w.id):
            if k.deprel == "compound" and k.upos == "NOUN":
                hit = self._same_head(before, k.lemma.lower(), sent.index)
                if hit is not None:
                    return hit
        return None

    # ----- the entry point ------------------------------------------------------
    def resolve(self, mention: Mention) -> Resolution:
        """The entity a source mention names; its mention is remembered as a speaker's (a
        pronoun that reports later prefers a speaker: "The authors say ... They say")."""
        head = self.parsed.sentences[mention.sentence].word(mention.head)
        self._speaker_heads.setdefault(mention.sentence, []).append(head.start)
        res = self._resolve_source(mention)
        if res.entity.entity_id and res.entity.source_class == "public_service" and self._called_state_media(mention, res):
            res.entity.source_class = "state_affiliated"  # "the state-run newspaper Tuoi Tre": a state-funded outlet
            # the article itself calls state-run is state media in it (its class shows as state-affiliated)
        if res.entity.entity_id and res.entity.source_class == "state_affiliated" and _called_private(mention.span.text, self.words.private_words):
            res.entity.source_class = "independent"  # "the private DHA agency": an outlet the registry counts as
            # state-affiliated that the article itself calls private is independent in it
        for seen in self.history[-LOOKBACK:]:
            if seen.sentence == mention.sentence and (seen.entity is res.entity or self._spoke(seen)):
                seen.speaker = True
        return res

    def _called_state_media(self, mention: Mention, res: Resolution) -> bool:
        """The words before an outlet's name say it is state media, strongly ("the state-run
        newspaper Tuoi Tre", "the state-owned X": a generic descriptor of the registry, with or without
        "media"; not the weak "state television")."""
        words = mention.span.text.split(res.entity.name)[0].strip()
        words = words[4:] if words.lower().startswith("the ") else words
        ctx = res.entity.country or (self.countries[0] if self.countries else None)
        return bool(words) and ctx is not None and any(
            self.registry.state_description(w, ctx, strong=True) is not None for w in (words, f"{words} media"))

    def _without_relative(self, mention: Mention, sent: Sentence, w: Word) -> Mention:
        """"..., said a state-run daily which added that ...": an outlet named without the relative
        clause that follows its head (the clause is kept in the source span, as PolNeAR marks
        it, but it is no part of the name the registry or an antecedent is looked up by; an
        unknown description keeps it: "a flash that wrongly announced a launch")."""
        cut: set[int] = set()
        for k in sent.children(w.id):
            if k.deprel == "acl:relcl" and k.id > w.id:
                cut |= sent.subtree_ids(k.id)
        if not cut:
            return mention
        words = [k for k in sent.words if mention.span.start <= k.start and k.end <= mention.span.end
                 and k.id not in cut and k.id < min(cut)]
        while words and words[-1].upos == "PUNCT":
            words.pop()
        if not words or words[-1].id < w.id:
            return mention
        start, end = words[0].start, words[-1].end
        span = TextSpan.model_construct(text=self.text[start:end], start=start, end=end)
        return mention.model_copy(update={"span": span})

    def _spoke(self, seen: Seen) -> bool:
        """Is the mention a source's (does it hold the head word of a source mention)?"""
        return any(seen.offset <= h < seen.span.end for h in self._speaker_heads.get(seen.sentence, ()))

    def _resolve_source(self, mention: Mention) -> Resolution:
        sent = self.parsed.sentences[mention.sentence]
        w = sent.word(mention.head)
        styled = self._styled_name(mention, sent, w)
        if styled is not None:  # "His Highness the Amir Sheikh Tamim bin Hamad Al-Thani": the name after the style
            mention, w = styled, sent.word(styled.head)
        elif self._style(sent, w):  # "His Highness stressed ...": the ruler named before, as "he" would be
            res = self._pronoun_word(sent, sent.word(w.id - 1), speaker=True)
            if res is not None:
                self._remember(mention.span, res.entity, sent, w)
                return _named_as(res, mention)
        if w.upos != "PROPN" and mention.head_lemma in load_coref_words().outlet_nouns:
            mention = self._without_relative(mention, sent, w)
        if w.upos == "NOUN" and self._is_definite(sent, w):
            self._observe_same_head(sent, w)  # "this girl ... the girl says"
        if mention.issuer is not None:
            inner = self.resolve(mention.issuer)
            ent = inner.entity
            if ent.entity_type == "organisation" and not ent.nominal and w.upos == "NOUN":
                self._remember(mention.span, ent, sent, w)  # "An editorial in X said ... The editorial": X's
            return Resolution(ent, inner.match, inner.antecedent or mention.issuer.span, inner.confidence * 0.95)
        partitive = self._partitive(mention, sent, w) or self._body_of(mention, sent, w)
        if partitive is not None:
            return partitive
        if mention.is_pronoun:
            res = self._pronoun(mention, sent, w, speaker=True)
            if res is not None:
                self._remember(mention.span, res.entity, sent, w)
                return _named_as(res, mention)
            return self._unresolved(mention, "unknown")
        head = mention.head_lemma
        if (w.upos != "PROPN" and head in load_coref_words().outlet_nouns) or self._bare_outlet(sent, w):
            found = self._lookup(mention.span.text) or self._named_outlet(sent, w) or self._country_tv(mention, head)
            if found is not None:
                ent = _entity_from_entry(found[0])
                if found[1] != "ambiguous":  # "the newspaper Granma ... the newspaper said": the outlet identified
                    self._remember(mention.span, ent, sent, w)
                return Resolution(ent, found[1], confidence=0.85)
            kinds = self.words.head_kinds.get(head)
            named = self._names_itself(sent, w)  # "The United Kingdom Maritime Trade Operations agency"
            hit = None if named or self._is_indefinite(sent, w) \
                else self._recent(mention.span.start, "organisation", outlet=True, kinds=kinds, head=head)
            if hit is None and not named and self._is_definite(sent, w):  # an outlet the registry does not know
                hit = self._same_head(mention.span.start, head, sent.index, named=True)
            countries = self.registry.named_countries(mention.span.text)
            first = mention.span.text.split()[0].lower() if mention.span.text.split() else ""
            if hit is not None and (w.feat("Number") == "Plur" and not self._is_definite(sent, w)
                                    or first in INDEFINITE_DETERMINERS  # "several media reports"
                                    or countries and hit[0].country not in countries):
                hit = None  # "Russian news agencies" are not the Saudi agency named before
            if hit is not None:
                self._remember(mention.span, hit[0], sent, w)
                return _named_as(Resolution(hit[0], "antecedent", hit[1], confidence=0.75), mention)
        bare_title = w.upos == "PROPN" and not any(k.upos == "PROPN" and k.deprel in ("compound", "flat")
                                                   for k in sent.children(w.id))  # "The President added"
        if (w.upos != "PROPN" or bare_title) and head in load_coref_words().title_nouns and self._is_definite(sent, w):
            hit = self._recent(mention.span.start, "person", titles=self.words.titles_for(head, mention.span.text),
                               qualified=self._qualified(sent, w, mention.span.start),
                               countries=self.registry.named_countries(mention.span.text))
            if hit is not None:
                self._remember(mention.span, hit[0], sent, w)
                return _named_as(Resolution(hit[0], "antecedent", hit[1], confidence=0.75), mention)
            hit = self._same_head(mention.span.start, head, sent.index, window=3)
            if hit is not None and (not hit[0].nominal or len(hit[0].name) > len(mention.span.text)):
                # "a Delhi Fire Services official ... The official said": the one introduced before,
                # named as introduced when no name was given
                self._remember(mention.span, hit[0], sent, w)
                ent = hit[0] if not hit[0].nominal else Entity(
                    name=_introduced_as(hit[0]), entity_type="person", source_class="unknown")
                return Resolution(ent, "antecedent", hit[1], confidence=0.7)
        if w.upos == "NOUN" and head in load_coref_words().state_body_nouns and self._is_definite(sent, w) \
                and not self._names_itself(sent, w) and len(self.words.implied_titles(mention.span.text)) == 0 \
                and all(k.deprel.split(":")[0] in ("det", "punct") for k in sent.children(w.id)):
            # "the ministry" after "the defence ministry": the body named before, not a new one
            hit = self._same_head(mention.span.start, head, sent.index)
            if hit is not None:
                self._remember(mention.span, hit[0], sent, w)
                return _named_as(Resolution(hit[0], "antecedent", hit[1], confidence=0.75), mention)
        if w.upos == "NOUN" and self._is_definite(sent, w):
            hit = (self._same_head(mention.span.start, head, sent.index, plural=True)
                   if w.feat("Number") == "Plur" and self._people_head(head) else None) \
                or self._named_modifier(sent, w, mention.span.start) \
                or self._group_of_named_body(sent, w, mention.span.start) \
                or self._named_group(sent, w, mention.span.start)
            if hit is not None:
                self._remember(mention.span, hit[0], sent, w)
                return _named_as(Resolution(hit[0], "antecedent", hit[1], confidence=0.75), mention)
        if w.upos == "NOUN" and head not in load_coref_words().entity_nouns and self._is_definite(sent, w):
            hit = self._same_head(mention.span.start, head, sent.index, plural=w.feat("Number") == "Plur")
            if hit is not None and hit[0].nominal and head in self.document_nouns and w.feat("Number") != "Plur":
                # "a KCNA report ... the report said": the report's issuer, when an outlet issued one
                hit = self._recent_outlet(mention.span.start, sent.index, window=2) or hit
            if hit is None and head in self.document_nouns and w.feat("Number") != "Plur":
                # "..., KCNA said. ..., according to the report"; "the media report" looks further back
                by_media = any(k.deprel == "compound" and k.lemma.lower() in load_coref_words().outlet_nouns for k in sent.children(w.id))
                hit = self._recent_outlet(mention.span.start, sent.index, window=10 if by_media else 2)
            if hit is None and head in self.words.place_nouns:  # "Lindhaven ... the city says"
                hit = self._salient(mention.span.start, sent.index, _place, window=3)
            if hit is None and head in self.words.group_heads and w.feat("Number") == "Plur":
                # "The farmers and the fishermen ... Those people say"
                hit = self._salient(mention.span.start, sent.index, self._plural_people, window=2)
            if hit is not None:
                self._remember(mention.span, hit[0], sent, w)
                return _named_as(Resolution(hit[0], "antecedent", hit[1], confidence=0.7), mention)
        res = self._resolve_name(sent, w, mention.span)
        if res is not None:
            self._remember(mention.span, res.entity, sent, w)
            return res
        official = _cached_official(self.registry, mention.span.text)
        if official is not None and official.entry is not None:
            etype = "person" if head in load_coref_words().title_nouns else "organisation"
            ent = _entity_from_entry(official.entry, etype)
            ent.name = mention.span.text
            ent.tokens |= _name_tokens(mention.span.text)  # "the deputy head of X, Ri Chol Ho" ... "Mr Ri"
            if etype == "person":
                ent.titles = {head}
            self._remember(mention.span, ent, sent, w)  # "a fire services official ... The official said",
            # "a military source ... The source added"
            return Resolution(ent, "title", confidence=0.7)
        return self._unresolved(mention, "person" if w.upos == "PROPN" else "unknown")

    def _pronoun_word(self, sent: Sentence, w: Word, speaker: bool = False) -> Resolution | None:
        """A pronoun inside a larger mention ("her" of "her office", "them" of "one of them")."""
        span = TextSpan.model_construct(text=w.text, start=w.start, end=w.end)
        inner = Mention(span=span, sentence=sent.index, head=w.id, head_lemma=w.lemma.lower(), upos=w.upos,
                        is_pronoun=True)
        return self._pronoun(inner, sent, w, speaker=speaker)

    def _style(self, sent: Sentence, w: Word) -> bool:
        """Is ``w`` a ruler's style after "His" or "Her" ("His Highness", coref.yaml ``styles``)?"""
        return w.lemma.lower() in load_coref_words().styles and w.id > 1 \
            and sent.word(w.id - 1).text.lower() in ("his", "her")

    def _styled_name(self, mention: Mention, sent: Sentence, w: Word) -> Mention | None:
        """A ruler's style ("His Highness", "His Majesty", coref.yaml ``styles``) heading the
        mention: the titled name right after it ("the Amir Sheikh Tamim bin Hamad Al-Thani",
        "King Abdullah II"), read from the words in order (the parse often splits it)."""
        if not self._style(sent, w):
            return None
        run: list[Word] = []
        for k in sent.words[w.id:]:  # the words after the style (ids are 1-based)
            if k.lemma.lower() == "the" and not run:
                continue
            if k.upos != "PROPN" and not (run and k.text in ("-", "II", "III")):
                break
            run.append(k)
        names = [k for k in run if k.upos == "PROPN"]
        if len(names) < 2:
            return None
        start, end = run[0].start, run[-1].end
        span = TextSpan.model_construct(text=self.text[start:end], start=start, end=end)
        return Mention(span=span, sentence=sent.index, head=names[-1].id, head_lemma=names[-1].lemma.lower(),
                       upos="PROPN", is_pronoun=False)

    def _named_group(self, sent: Sentence, w: Word, before: int) -> tuple[Entity, TextSpan] | None:
        """"Amnesty International denounced the trial. ... the rights group said", "the
        Britain-based monitor said": a definite group, watchdog or monitor is the non-state
        organisation named last (within ``NAMED_GROUP_WINDOW`` sentences), never an outlet, an
        official body, a state or a person (a registry entry is none of these: only a name the
        registry does not know is)."""
        if w.lemma.lower() not in load_coref_words().named_group_heads or self._names_itself(sent, w):
            return None

        def fits(e: Entity) -> float:
            return float(not e.nominal and not e.state and not e.plural and e.entity_type in ("organisation", "unknown")
                         and e.source_class == "unknown" and e.gender is None)

        return self._salient(before, sent.index, fits, window=NAMED_GROUP_WINDOW)

    def _body_of(self, mention: Mention, sent: Sentence, w: Word) -> Resolution | None:
        """"her office", "his ministry": the body of the person the possessive points back to
        ("Carmen Aguilar's office", an official body when she is an official)."""
        if w.upos != "NOUN" or w.lemma.lower() not in load_coref_words().organisation_head_nouns:
            return None
        poss = next((k for k in sent.children(w.id) if k.deprel == "nmod:poss" and k.upos == "PRON"
                     and k.text.lower() in ("his", "her", "their")), None)
        if poss is None:
            return None
        res = self._pronoun_word(sent, poss)
        if res is None or res.entity.nominal:
            return None
        owner = res.entity
        ent = Entity(name=f"{owner.name}'s {w.text}", entity_type="organisation", country=owner.country,
                     source_class="official_body" if owner.source_class == "official_body" else "unknown")
        return Resolution(ent, "antecedent", res.antecedent, res.confidence * 0.9)

    def _partitive(self, mention: Mention, sent: Sentence, w: Word) -> Resolution | None:
        """"one of them, Ravi Kumar": the name set beside it; "One of them, who spoke on condition
        of anonymity": one of the group "them" points back to ("Two residents of Al-Safira")."""
        one = w if w.lemma.lower() == "one" else sent.word(w.head) if w.head and w.deprel.startswith("nmod") else None
        if one is None or one.lemma.lower() != "one":
            return None
        name = next((k for k in sent.children(one.id) if k.deprel.split(":")[0] == "appos" and k.upos == "PROPN"), None)
        if name is not None:
            span = self._np_span(sent, name)
            res = self._resolve_name(sent, name, span) if span is not None else None
            if res is not None:
                self._remember(span, res.entity, sent, name)  # type: ignore[arg-type]
                return res
        group = next((k for k in sent.children(one.id) if k.deprel.startswith("nmod") and k.upos == "PRON"), None)
        if group is None:
            return None
        res = self._pronoun_word(sent, group, speaker=True)
        if res is None:
            return None
        if res.entity.nominal:  # one of a group named by a common noun: the group's words
            ent = Entity(name=_introduced_as(res.entity), entity_type=res.entity.entity_type,
                         source_class=res.entity.source_class)
            return Resolution(ent, "antecedent", res.antecedent, res.confidence * 0.9)
        return res

    def _is_indefinite(self, sent: Sentence, w: Word) -> bool:
        """"a British maritime security agency", "several media reports", "foreign media": a new
        entity, never one named before."""
        return any(k.deprel in ("det", "amod", "nummod") and k.lemma.lower() in INDEFINITE_DETERMINERS
                   for k in sent.children(w.id))

    def _bare_outlet(self, sent: Sentence, w: Word) -> bool:
        """"..., TV reported", "told TV": a broadcast word alone (``bare_outlet_nouns``), with no
        determiner or modifier, is the broadcaster the article named, as "the television" would be."""
        return w.text.lower() in self.words.bare_outlet_nouns and not any(
            k.deprel.split(":")[0] not in ("punct", "case", "cc") for k in sent.children(w.id))

    def _is_definite(self, sent: Sentence, w: Word) -> bool:
        return any(k.deprel == "det" and k.lemma.lower() in ("the", "this", "that") for k in sent.children(w.id))

    def _unresolved(self, mention: Mention, etype: str) -> Resolution:
        ent = Entity(name=mention.span.text, entity_type=etype,
                     source_class="person" if etype == "person" else "unknown")
        return Resolution(ent, "unresolved", confidence=0.5)


def _titled_surname(name: str) -> bool:
    """A name that is one word after a title ("President Novak", "Deputy Prime Minister Veremchuk",
    "Mr Ri"), not a given name and a surname ("Foreign Minister Sergei Lavrov")."""
    words = name.split()
    return len(words) == 1 or words[-2].lower().strip(".") in load_coref_words().title_nouns | load_coref_words().honorifics


def _without_leading_titles(chain: str) -> str:
    """"General Tomas Varga" of "Director General Tomas Varga": a name does not start with a
    title (two words at least are kept)."""
    words = chain.split()
    while len(words) > 2 and words[0].lower().strip(".") in load_coref_words().title_nouns:
        words = words[1:]
    return " ".join(words) if len(words) < len(chain.split()) else chain


def _called_private(text: str, private_words: frozenset[str]) -> bool:
    """The lower-case words before an outlet's name call it private ("the private DHA agency",
    "the privately owned Dogan news agency", "the independent daily X": ``private_words``)."""
    for word in text.split():
        if word[:1].isupper() and word.lower() not in ("the", "a", "an"):
            return False
        if word.lower() in private_words:
            return True
    return False


def last_name_word(name: str) -> str:
    """The last word of a name, lower-cased ("haddad" of "Omar Haddad", "ho" of "the deputy
    head of the Maritime Administration, Ri Chol Ho", "rashid" of "al-Rashid")."""
    words = _name_token_list(name)
    return words[-1] if words else ""


def _place(e: Entity) -> bool:
    """A named place: a country or capital, or a name of no known kind that no pronoun for a
    person or a group pointed back to."""
    return not e.nominal and (e.state or (e.entity_type == "unknown" and not e.plural and e.gender is None))


def _head_noun(w: Word | None) -> str:
    """The head noun a definite description may repeat: a common noun's lemma, or an
    organisation noun heading a name ("the Defence Ministry" ... "the ministry")."""
    if w is None:
        return ""
    lemma = w.lemma.lower()
    return lemma if w.upos == "NOUN" or (w.upos == "PROPN" and lemma in load_coref_words().organisation_head_nouns) else ""


def _introduced_as(e: Entity) -> str:
    """The words a common-noun entity was introduced with, up to a comma ("Two residents of
    the nearby town, reached by phone" -> "Two residents of the nearby town")."""
    return e.name.split(",")[0].strip()


def _named_as(res: Resolution, mention: Mention) -> Resolution:
    """A common-noun antecedent ("a statement", "residents") names nobody: a description keeps
    its own words; a pronoun ("they said") is named by the words its antecedent was
    introduced with, up to a comma ("Two residents of the nearby town of Al-Safira")."""
    if not res.entity.nominal:
        return res
    name = mention.span.text
    if mention.is_pronoun and res.entity.name:
        name = _introduced_as(res.entity) or name
    ent = Entity(name=name, entity_type=res.entity.entity_type, source_class=res.entity.source_class)
    return Resolution(ent, res.match, res.antecedent, res.confidence)


def _title_case(sent: Sentence) -> bool:
    """A line written in title case: nearly every word of four letters or more capitalised (in
    the headline, its capitals are no evidence of a name)."""
    long = [w.text for w in sent.words if len(w.text) >= 4 and w.text.isalpha()]
    return len(long) >= 4 and sum(t[:1].isupper() for t in long) >= 0.8 * len(long)


def _a_name(text: str) -> bool:
    """Words written as a name: each capitalised, bar a joining word inside ("Ministry of
    Justice", "Agriculture and Food Ministry"; not "and Food Ministry", nor "Ministry of Public
    Security carried by the agency")."""
    words = text.split()
    return bool(words) and words[0][:1].isupper() \
        and all(w[:1].isupper() or w in ("of", "and", "for", "the") for w in words[1:])


def source_span(mention: Mention, res: Resolution, artefact: bool) -> SourceSpan:
    ent = res.entity
    return SourceSpan(
        text=mention.span.text, start=mention.span.start, end=mention.span.end,
        name=ent.name, source_class=ent.source_class, entity_id=ent.entity_id, country=ent.country,
        entity_type="artefact" if artefact else ent.entity_type,  # type: ignore[arg-type]
        match=res.match, antecedent=res.antecedent,
    )
