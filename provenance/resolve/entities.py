"""Resolve source mentions to entities: anaphora first, then the registry.

Deterministic rules over the parse, walking the article in order:

* pronouns (he, she, him, her, it, its, they, them) → the most recent compatible entity
  (person for he/she, organisation for it, either for they);
* descriptions ("the agency", "the news agency", "the minister", "the North Korean leader")
  → the most recent entity whose head noun or title matches;
* short names ("Kim") → the person first named in full ("Kim Jong-un");
* names, acronyms and descriptors → registry lookup (exact, normalised, fuzzy), descriptors
  only with the article's country context;
* titled people and ministries → officials of their state.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from provenance.extract.mention import Mention
from provenance.nlp.doc import ParsedDocument, Sentence, Word
from provenance.registry import Registry, RegistryEntry, SourceMatch
from provenance.report import SourceClass, SourceSpan, TextSpan

MEDIA_CLASSES = {"state_controlled", "state_affiliated", "public_service", "independent"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "i", "me", "we", "us"}
THING_PRONOUNS = {"it", "its"}
GROUP_PRONOUNS = {"they", "them", "their"}
OUTLET_NOUNS = {"agency", "media", "newspaper", "broadcaster", "outlet", "daily", "paper",
                "channel", "network", "station", "television", "radio", "wire", "service"}
ORG_NOUNS = OUTLET_NOUNS | {"ministry", "government", "office", "department", "committee", "party",
                            "council", "army", "military", "embassy", "administration", "authorities",
                            "commission", "company", "group", "organization", "organisation",
                            "police", "court", "parliament", "assembly", "agency"}
TITLE_NOUNS = {"leader", "minister", "president", "ambassador", "spokesperson", "spokesman",
               "spokeswoman", "premier", "chairman", "chairwoman", "secretary", "governor", "mayor",
               "general", "official", "envoy", "diplomat", "senator", "lawmaker", "king", "queen",
               "chancellor", "director", "chief", "commander", "representative", "deputy", "head",
               "prosecutor", "judge", "candidate", "nominee", "adviser", "advisor", "aide", "ceo",
               "founder", "professor", "analyst", "expert", "officer", "manager", "speaker", "sen.",
               "rep.", "gov.", "gen.", "dr.", "mr.", "mrs.", "ms."}
# dependents left out of a noun phrase: below its head, and below any other word
NP_HEAD_CUT = frozenset({"acl", "advcl", "parataxis", "conj", "cc", "punct", "case", "ccomp", "dep"})
NP_CUT = frozenset({"acl", "advcl", "ccomp", "parataxis"})
ENTITY_NOUNS = TITLE_NOUNS | ORG_NOUNS  # common nouns that can head a source mention
PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z.&-]{1,12})\)")


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


@dataclass
class Resolution:
    entity: Entity
    match: str  # exact | normalised | fuzzy | descriptor | title | antecedent | name | unresolved
    antecedent: TextSpan | None = None
    confidence: float = 1.0


def _name_tokens(name: str) -> set[str]:
    return {t for t in re.split(r"[\s\-]+", name.lower()) if len(t) > 1}


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
    for t in texts:
        for cc in countries:
            match = registry.lookup(t, country=cc)
            if match is not None and match.entry is not None:
                return match.entry, match.match
    return None


@functools.lru_cache(maxsize=65536)
def _cached_official(registry: Registry, text: str) -> "SourceMatch | None":
    return registry.official(text)


class Resolver:
    """Walks the article sentence by sentence, remembering who was mentioned."""

    def __init__(self, text: str, parsed: ParsedDocument, registry: Registry,
                 countries: list[str]) -> None:
        self.text = text
        self.parsed = parsed
        self.registry = registry
        self.countries = countries
        self.history: list[tuple[int, Entity, TextSpan]] = []  # (offset, entity, mention span)
        self._chains: dict[tuple[int, int, int], str] = {}  # (sentence index, start, word id) -> name

    # ----- mention tracking -------------------------------------------------------
    def observe_sentence(self, sent: Sentence) -> None:
        """Record the named people and organisations of a sentence (for later anaphora)."""
        for w in sent.words:
            if w.upos not in ("PROPN", "NOUN") or w.deprel in ("compound", "fixed", "goeswith") \
                    or w.deprel.startswith("flat"):
                continue
            if w.upos == "NOUN" and w.lemma.lower() not in ENTITY_NOUNS:
                continue
            span = self._np_span(sent, w)
            if span is None:
                continue
            res = self._resolve_name(sent, w, span)
            if res is not None and res.match != "unresolved":
                self._remember(span, res.entity)

    def _remember(self, span: TextSpan, entity: Entity) -> None:
        for _, known, _ in self.history:
            if known.name == entity.name:
                known.titles |= entity.titles
                entity = known
                break
        self.history.append((span.start, entity, span))

    def _np_span(self, sent: Sentence, w: Word) -> TextSpan | None:
        ids = {w.id}
        frontier = [w.id]
        while frontier:
            h = frontier.pop()
            skip = NP_HEAD_CUT if h == w.id else NP_CUT
            for k in sent.children(h):
                if k.deprel.partition(":")[0] in skip:
                    continue
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
            if sent.word(i).lemma.lower() in TITLE_NOUNS:
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
        start, end = sent.word(run[0]).start, sent.word(run[-1]).end
        return self.text[start:end]

    # ----- lookups --------------------------------------------------------------
    def _lookup(self, text: str) -> tuple[RegistryEntry, str] | None:
        return _cached_lookup(self.registry, text, tuple(self.countries))

    def _resolve_name(self, sent: Sentence, w: Word, span: TextSpan) -> Resolution | None:
        """Resolve a (non-pronoun) noun phrase by registry, title and name rules."""
        head_lemma = w.lemma.lower()
        found = self._lookup(span.text)
        if found is None and w.upos == "PROPN":
            found = self._lookup(self._name_chain(sent, w))
        if found is not None:
            entry, how = found
            return Resolution(_entity_from_entry(entry), how, confidence=0.95 if how == "exact" else 0.85)
        name_word = w if w.upos == "PROPN" else self._name_after_title(sent, w)
        if name_word is not None:
            w = name_word
            chain = self._name_chain(sent, w)
            earlier = self._person_by_name(chain)
            official = _cached_official(self.registry, span.text)
            if earlier is not None and len(_name_tokens(chain)) <= len(earlier.tokens):
                return Resolution(earlier, "name", confidence=0.85)
            if official is not None and official.entry is not None:
                ent = _entity_from_entry(official.entry, "person")
                ent.name = getattr(official, "person", None) or chain
                ent.tokens = _name_tokens(chain) | _name_tokens(ent.name)
                ent.titles = {t for t in _name_tokens(span.text) if t in TITLE_NOUNS}
                return Resolution(ent, "title", confidence=0.8)
            if self.registry.country_of(chain) is not None:
                return None  # a country or demonym, not a source
            etype = "person" if self._looks_like_person(sent, w) else "unknown"
            ent = Entity(name=chain, entity_type=etype, source_class="person" if etype == "person" else "unknown",
                         tokens=_name_tokens(chain),
                         titles={t for t in _name_tokens(span.text) if t in TITLE_NOUNS})
            return Resolution(ent, "name" if etype == "person" else "unresolved", confidence=0.6)
        if head_lemma in TITLE_NOUNS or head_lemma in ORG_NOUNS:
            official = _cached_official(self.registry, span.text)
            if official is not None and official.entry is not None and head_lemma not in TITLE_NOUNS:
                ent = _entity_from_entry(official.entry, "organisation")
                ent.name = span.text
                return Resolution(ent, "title", confidence=0.7)
        return None

    def _name_after_title(self, sent: Sentence, w: Word) -> Word | None:
        """"leader Kim Jong-un" parsed with the title as head: the name hanging after it."""
        if w.lemma.lower() not in TITLE_NOUNS:
            return None
        for k in sent.children(w.id):
            if k.id > w.id and k.upos == "PROPN" and k.deprel.split(":")[0] in ("flat", "appos", "compound", "nmod", "dep"):
                return k
        return None

    def _looks_like_person(self, sent: Sentence, w: Word) -> bool:
        if any(k.lemma.lower() in TITLE_NOUNS for k in sent.children(w.id)):
            return True
        chain = self._name_chain(sent, w)
        parts = chain.split()
        return 2 <= len(parts) <= 4 and all(p[:1].isupper() for p in parts)

    def _person_by_name(self, chain: str) -> Entity | None:
        toks = _name_tokens(chain)
        if not toks:
            return None
        for _, ent, _ in reversed(self.history):
            if ent.entity_type == "person" and toks <= ent.tokens:
                return ent
        return None

    def _recent(self, before: int, want: str, titles: set[str] | None = None,
                outlet: bool = False) -> tuple[Entity, TextSpan] | None:
        for off, ent, span in reversed(self.history):
            if off >= before:
                continue
            if want == "person" and ent.entity_type != "person":
                continue
            if want == "organisation" and ent.entity_type != "organisation":
                continue
            if outlet and ent.source_class not in MEDIA_CLASSES:
                continue
            if titles and not (titles & ent.titles):
                continue
            return ent, span
        return None

    # ----- the entry point ------------------------------------------------------
    def resolve(self, mention: Mention) -> Resolution:
        sent = self.parsed.sentences[mention.sentence]
        w = sent.word(mention.head)
        low = w.text.lower()
        if mention.issuer is not None:
            inner = self.resolve(mention.issuer)
            ent = inner.entity
            return Resolution(ent, inner.match, inner.antecedent or mention.issuer.span, inner.confidence * 0.95)
        if mention.is_pronoun:
            want = "person" if low in PERSON_PRONOUNS else "organisation" if low in THING_PRONOUNS else "any"
            found = self._recent(mention.span.start, want)
            if found is None and want == "organisation":
                found = self._recent(mention.span.start, "any")
            if found is not None:
                return Resolution(found[0], "antecedent", found[1], confidence=0.75)
            return self._unresolved(mention, "unknown")
        head = mention.head_lemma
        if w.upos != "PROPN" and head in OUTLET_NOUNS:
            found = self._lookup(mention.span.text)
            if found is not None:
                return Resolution(_entity_from_entry(found[0]), found[1], confidence=0.85)
            hit = self._recent(mention.span.start, "organisation", outlet=True)
            if hit is not None:
                return Resolution(hit[0], "antecedent", hit[1], confidence=0.75)
        if w.upos != "PROPN" and head in TITLE_NOUNS and self._is_definite(sent, w):
            hit = self._recent(mention.span.start, "person", titles={head})
            if hit is not None:
                return Resolution(hit[0], "antecedent", hit[1], confidence=0.75)
        res = self._resolve_name(sent, w, mention.span)
        if res is not None:
            self._remember(mention.span, res.entity)
            return res
        official = _cached_official(self.registry, mention.span.text)
        if official is not None and official.entry is not None:
            etype = "person" if head in TITLE_NOUNS else "organisation"
            ent = _entity_from_entry(official.entry, etype)
            ent.name = mention.span.text
            return Resolution(ent, "title", confidence=0.7)
        return self._unresolved(mention, "person" if w.upos == "PROPN" else "unknown")

    def _is_definite(self, sent: Sentence, w: Word) -> bool:
        return any(k.deprel == "det" and k.lemma.lower() in ("the", "this", "that") for k in sent.children(w.id))

    def _unresolved(self, mention: Mention, etype: str) -> Resolution:
        ent = Entity(name=mention.span.text, entity_type=etype,
                     source_class="person" if etype == "person" else "unknown")
        return Resolution(ent, "unresolved", confidence=0.5)


def source_span(mention: Mention, res: Resolution, artefact: bool) -> SourceSpan:
    ent = res.entity
    return SourceSpan(
        text=mention.span.text, start=mention.span.start, end=mention.span.end,
        name=ent.name, source_class=ent.source_class, entity_id=ent.entity_id, country=ent.country,
        entity_type="artefact" if artefact else ent.entity_type,  # type: ignore[arg-type]
        match=res.match, antecedent=res.antecedent,
    )
