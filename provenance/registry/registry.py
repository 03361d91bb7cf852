"""The source registry: who is who, and how a mention string finds its entry."""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from rapidfuzz import fuzz, process

from provenance.errors import ConfigError
from provenance.registry.geo import CountryHit, CountryMatcher
from provenance.registry.loader import (
    RegistryData,
    alias_keys,
    case_sensitive_words,
    is_case_sensitive,
    read_registry,
)
from provenance.registry.schema import GenericDescriptor, MatchingFile, RegistryEntry, SourceMatch
from provenance.registry.memo import BoundedMemo
from provenance.registry.normalise import norm_key, surface_key
from provenance.registry.officials import OfficialMatcher

SCORE_STRIPPED = 95.0  # matched after stripping modifiers ("state-run KCNA")
SCORE_DESCRIPTOR = 90.0
SCORE_GENERIC = 80.0
_POSSESSIVE_START = re.compile(r"^\s*['’]s?\b")
_PAREN = re.compile(r"\s*\(([^()]*)\)?")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9][a-z0-9.-]*\.[a-z]{2,})(?:[/:?#].*)?$", re.IGNORECASE)


def default_registry_dir() -> Path:
    """The registry shipped with the package (the repository's ``rules/registry``)."""
    try:
        candidate = Path(str(importlib.resources.files("provenance.rules") / "registry"))
        if candidate.is_dir():
            return candidate
    except (ModuleNotFoundError, TypeError, ValueError):
        pass
    import provenance

    return Path(provenance.__file__).resolve().parent.parent / "rules" / "registry"


Hits = tuple[tuple[int, bool], ...]  # (entry index, regular alias?)


# the kind of outlet words say ("state television" is a broadcaster, "Meskel Broadcasting" too)
KIND_WORDS = {"tv": "broadcaster", "television": "broadcaster", "broadcasting": "broadcaster", "radio": "broadcaster",
              "broadcaster": "broadcaster", "agency": "news_agency", "newspaper": "newspaper", "daily": "newspaper",
              "paper": "newspaper"}


def outlet_kind(words: str) -> str | None:
    """The kind of outlet the last kind word of ``words`` names, or None."""
    return next((KIND_WORDS[w] for w in reversed(words.lower().replace("-", " ").split()) if w in KIND_WORDS), None)


_NAME_JOINERS = frozenset({"of", "de", "al", "el", "and", "&"})  # lower-case words inside a name
# an outlet described by its owner after "of": "the mouthpiece of the ruling party", "the official
# newspaper of the Communist Party"
_OUTLET_OF = re.compile(r"^(?:the\s+|a\s+|an\s+)?(?P<kind>(?:[\w-]+\s+)?(?:mouthpiece|newspaper|daily|news agency|"
                        r"broadcaster|television|organ))\s+of\s+(?P<owner>.+)$", re.IGNORECASE)
_TV_WORD = re.compile(r"\b(?:TV|Television)\b")  # the two spellings of one kind word in a name
_ARTICLES = frozenset({"the", "a", "an"})
_NOT_QUALIFIERS = frozenset({"of", "in", "on", "at", "for", "by", "with", "to", "from", "and", "or", "but", "its", "their"})
QUALIFIERS_MAX = 3  # lower-case words that may qualify a descriptor ("an influential Chinese state newspaper")
_THE_COUNTRYS = re.compile(r"^(?:the\s+)?(?:country|nation|state|kingdom|republic|regime)['’]s\s+", re.IGNORECASE)
# "state television in his country", "state media in the country": the story's country, after the descriptor
_IN_THE_COUNTRY = re.compile(r"\s+in\s+(?:the|his|her|their|its)\s+(?:country|nation|kingdom|republic)$", re.IGNORECASE)

# an acronym written in title case, one part or two joined by a hyphen: "Itar-Tass", "Sana"
_TITLED_ACRONYM = re.compile(r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]{2,})?")


OWNED_PREFIX_WORDS = 4  # words an owner's phrase may take before an outlet's name ("the Iranian judiciary's")


class Registry:
    """Entries plus precomputed indexes. Build with :meth:`load`."""

    def __init__(self, data: RegistryData) -> None:
        assert data.countries and data.titles and data.matching
        self.directory = data.directory
        self.entries: tuple[RegistryEntry, ...] = tuple(loc.entry for loc in data.entries)
        self.superseded: dict[str, str] = dict(data.superseded)
        self._by_id = {e.id: e for e in self.entries}
        self.matching: MatchingFile = data.matching
        self.countries = CountryMatcher(data.countries, data.titles.institutions)
        self._officials = OfficialMatcher(data.titles, self.countries)
        self._person_titles = self._officials.person_title_words()
        self._build_indexes()

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: Path | str | None = None) -> "Registry":
        """The default registry (cached) or the registry folder at ``path``.

        Raises :class:`provenance.errors.ConfigError` naming file and line when the folder
        does not validate.
        """
        if path is None:
            return _default_registry()
        return cls._from_dir(Path(path))

    @classmethod
    def _from_dir(cls, directory: Path) -> "Registry":
        data = read_registry(directory)
        if data.issues:
            first = str(data.issues[0])
            more = len(data.issues) - 1
            raise ConfigError(first + (f" (and {more} more problem{'s' if more > 1 else ''}; run 'provenance sources validate')" if more else ""))
        return cls(data)

    def _build_indexes(self) -> None:
        cs_words = case_sensitive_words(self.matching)
        surface: dict[str, dict[int, bool]] = defaultdict(dict)
        normal: dict[str, dict[int, bool]] = defaultdict(dict)
        descriptors: dict[str, list[int]] = defaultdict(list)
        domains: dict[str, int] = {}
        fuzzy_keys: dict[str, int] = {}
        for i, e in enumerate(self.entries):
            for alias, regular in [(a, True) for a in e.forms()] + [(a, False) for a in e.ambiguous_aliases]:
                s, n = alias_keys(alias)
                surface[s][i] = surface[s].get(i, False) or regular
                if not is_case_sensitive(alias, cs_words):
                    normal[n][i] = normal[n].get(i, False) or regular
                    if regular:
                        fuzzy_keys.setdefault(n, i)
            for d in e.descriptors:
                key = norm_key(d)
                if i not in descriptors[key]:
                    descriptors[key].append(i)
            for dom in e.domains:
                domains.setdefault(dom.lower(), i)
        self._surface: dict[str, Hits] = {k: tuple(v.items()) for k, v in surface.items()}
        self._normal: dict[str, Hits] = {k: tuple(v.items()) for k, v in normal.items()}
        self._descriptors = dict(descriptors)
        self._domains = domains
        # fuzzy candidates: normalised alias -> entry, prefiltered by 3-letter token prefixes
        stop = {norm_key(w) for w in self.matching.index_stopwords}
        self._stop = stop
        self._fuzzy_keys = list(fuzzy_keys)
        self._fuzzy_entry = [fuzzy_keys[k] for k in self._fuzzy_keys]
        prefix: dict[str, set[int]] = defaultdict(set)
        for j, key in enumerate(self._fuzzy_keys):
            for tok in key.split():
                if len(tok) >= 3 and tok not in stop:
                    prefix[tok[:3]].add(j)
        self._prefix = {k: frozenset(v) for k, v in prefix.items()}
        self._synthetic: dict[tuple[str, str], RegistryEntry] = {}
        self._country_of: BoundedMemo[tuple[str, str | None], str | None] = BoundedMemo()
        self._fuzzy_memo: BoundedMemo[str, tuple[str, float, int, tuple[int, ...]] | None] = BoundedMemo()
        self._classes_by_country = {(e.country, e.source_class) for e in self.entries}
        self._generic: dict[str, list[GenericDescriptor]] = defaultdict(list)
        for gd in self.matching.generic_descriptors:
            self._generic[norm_key(gd.pattern)].append(gd)
        self._fillers = frozenset(norm_key(w) for w in self.matching.descriptor_fillers)
        self._channel_words = frozenset(w.lower() for w in self.matching.channel_words)
        self._negations = frozenset(w.lower() for w in self.matching.descriptor_negations)
        self._kind_words = frozenset(w for suffix in self.matching.strip_suffixes for w in suffix.lower().split())
        self._descriptor_openers = frozenset(  # "state-run", "pro-government" (not "state": "State Security Committee")
            w for gd in self.matching.generic_descriptors if gd.pattern[:1].islower()
            and "-" in (w := gd.pattern.split()[0].lower()))
        mods = sorted({m.strip() for m in self.matching.strip_modifiers}, key=lambda m: (-len(m), m))
        sufs = sorted({m.strip() for m in self.matching.strip_suffixes}, key=lambda m: (-len(m), m))
        self._strip_prefix = re.compile(r"^(?:the\s+)?(?:" + "|".join(re.escape(m) for m in mods) + r")[\s,]+", re.IGNORECASE) if mods else None
        self._strip_suffix = re.compile(r"[\s,]+(?:" + "|".join(re.escape(m) for m in sufs) + r")$", re.IGNORECASE) if sufs else None

    # ------------------------------------------------------------------ access
    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[RegistryEntry]:
        return iter(self.entries)

    def get(self, entry_id: str) -> RegistryEntry | None:
        """The entry with this id (an id superseded by a curated entry gives that entry)."""
        entry = self._by_id.get(entry_id)
        if entry is None and entry_id in self.superseded:
            entry = self._by_id.get(self.superseded[entry_id])
        return entry

    def find(self, source_class: str | None = None, country: str | None = None) -> list[RegistryEntry]:
        out = [
            e
            for e in self.entries
            if (source_class is None or e.source_class == source_class)
            and (country is None or e.country == country or e.published_in == country)
        ]
        return sorted(out, key=lambda e: (e.country or "", e.id))

    def country_name(self, code: str) -> str | None:
        return self.countries.names.get(code)

    # ------------------------------------------------------------------ matching
    def country_of(self, text: str, context: str | None = None) -> str | None:
        """The first country named in ``text``: "North Korean" -> "KP", "Russia's" -> "RU".

        With ``context`` (the article's country) contextual names count too: "the North"
        is KP in a KP or KR context.
        """
        return self._country_of.get((text, context), lambda: self.countries.first(text, context))

    def lookup(self, mention: str, country: str | None = None) -> SourceMatch | None:
        """Resolve a mention ("KCNA's", "the Rodong Sinmun", "the North's state media").

        ``country`` is the article's country context (ISO alpha-2); it resolves ambiguous
        aliases and enables descriptors. Returns None when nothing matches.
        """
        text = mention.strip()
        if not text:
            return None
        m = self._direct(text, country)
        if m is None and len(text) >= 4 and text.isupper() and text.isalpha():
            m = self._direct(text.capitalize(), country)  # "PETRA", "BELTA": a name written in capitals
        if m is None and "-" in text and _TITLED_ACRONYM.fullmatch(text):
            m = self._direct(text.upper(), country)  # "Itar-Tass": an acronym of two parts in title case
        if m is not None:
            return m
        if "(" in text:  # "Korean Central News Agency (KCNA)": the name, then what is in brackets
            base = _PAREN.sub(" ", text).strip()
            inner = _PAREN.search(text)
            for part in (base, inner.group(1).strip() if inner else ""):
                if part and part != text:
                    m = self._direct(part, country) or (self._stripped(part, country) if part == base else None)
                    if m is not None:  # ("the army-owned Myawaddy Television (MWD)": stripped of its modifier too)
                        m.match = "normalised" if m.match == "exact" else m.match
                        return m
        owned = _OUTLET_OF.match(text)
        if owned is not None:  # "the mouthpiece of the North's ruling party": "the North's ruling party mouthpiece"
            m = self.lookup(f"{owned.group('owner')} {owned.group('kind')}", country)
            if m is not None and m.entry is not None and m.entry.source_class not in ("official_body", "person"):
                return m
        dom = _DOMAIN.match(text)
        if dom and " " not in text:
            m = self._domain(dom.group(1).lower())
            if m is not None:
                return m
        n = norm_key(text)
        if not n:
            return None
        m = self._name_before_descriptor(text, country)
        if m is not None:
            return m
        ctx = self.country_of(text, country) or country
        if ctx is not None:
            m = self._descriptor(n, ctx) or self._generic_descriptor(n, ctx) or self._country_descriptor(text, country) \
                or self._filled_descriptor(n, ctx)
            bare = _IN_THE_COUNTRY.sub("", _THE_COUNTRYS.sub("", text))  # "the country's official news agency",
            # "state television in his country": the story's country
            if m is None and bare != text and (nb := norm_key(bare)):
                m = self._descriptor(nb, ctx) or self._generic_descriptor(nb, ctx)
            if m is None and n.split()[0] in ("a", "an") and len(n.split()) > 1:
                # "a state-run daily": one outlet of the class the descriptor names
                na = n.split(" ", 1)[1]
                m = self._descriptor(na, ctx) or self._generic_descriptor(na, ctx)
            if m is None:
                m = self._qualified_descriptor(text, ctx, country)
            if m is not None:
                return m
        m = self._stripped(text, country)
        if m is not None:
            return m
        m = self._in_country(text) or self._country_inside(text)
        if m is not None:
            return m
        m = self._owned_name(text, country)
        if m is not None:
            return m
        m = self._described_name(text, ctx)
        if m is not None:
            return m
        return self._fuzzy(n, country, self.named_countries(text))

    def _described_name(self, text: str, ctx: str | None) -> SourceMatch | None:
        """"state-affiliated Meskel Broadcasting", "the state-run Dimsum TV": a name the registry
        does not hold, after words that say it is state media (they and "media", or they and the
        kind words after the name, are a generic descriptor): an outlet of that name, of the
        class the descriptor gives, of the story's country."""
        words = text.split()
        if words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        if words and words[0][:1].isupper() and words[0].lower() in self._descriptor_openers:
            words = [words[0].lower(), *words[1:]]  # "Pro-government Sham FM radio said": the sentence's first word
        first = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
        if first is None or first == 0 or ctx is None:
            return None
        last = max(i for i, w in enumerate(words) if w[:1].isupper())
        name = " ".join(words[first : last + 1])
        prefix, kind = " ".join(words[:first]), " ".join(words[last + 1 :])
        prefix = " ".join([prefix.split()[0], *(w for w in prefix.split()[1:] if w.lower() not in self._fillers)])
        # ("the state-run online Binh Son newspaper": "online" is a filler, descriptor_fillers)
        if any(not w[:1].isupper() and w.lower() not in _NAME_JOINERS for w in words[first : last + 1]) \
                or any(ch in name for ch in ",;:") or self.countries.whole(name) is not None \
                or all(w.lower() in KIND_WORDS for w in name.split()):  # "state TV station": no name
            return None  # one name, not a country's ("state media in Syria", "the state-run Lao
            # newspaper" are read elsewhere; "the official Lao Dawn newspaper" names one)
        if self._direct(name, ctx) is not None:
            return None  # "state media KCNA": a name the registry holds, found by its other readings
        stripped = [prefix.rsplit(" ", 1)[0]] if prefix.split()[-1].lower() in self._channel_words else []
        for descriptor in ([f"{prefix} {kind}"] if kind else []) + [f"{prefix} media", *stripped]:
            gd = self.state_description(descriptor, ctx)  # "the state television channel Delta News": its prefix
            # itself, without "channel", is the descriptor
            if gd is None:
                continue
            cc = gd.country or ctx
            entry = RegistryEntry.model_validate({
                "id": f"{cc.lower()}_described_{norm_key(name).replace(' ', '_')}",
                "name": name, "country": cc, "kind": outlet_kind(f"{prefix} {name} {kind}") or "other", "class": gd.source_class,
                "basis": [(f"Described in the article as {prefix!r} (generic descriptor {gd.pattern!r}, "
                           "rules/registry/matching.yaml); not in the registry")],
                "confidence": "low"})
            return SourceMatch(entry, SCORE_GENERIC, "descriptor", matched=text, country_source="context")
        return None

    def state_description(self, words: str, ctx: str, strong: bool = False) -> GenericDescriptor | None:
        """The generic descriptor ``words`` are in the story's country ``ctx`` ("state-run media",
        "state-affiliated media"), when it names state media (``strong``: not one of the weak
        ones, "state television", that also describe public broadcasters)."""
        return next((g for g in self._generic.get(norm_key(words), ())
                     if (not g.when or ctx in g.when) and self.country_name(g.country or ctx) is not None
                     and g.source_class in ("state_controlled", "state_affiliated")
                     and not (strong and g.confidence == "low")), None)

    def _owned_name(self, text: str, country: str | None) -> SourceMatch | None:
        """"the Iranian judiciary's Mizan news agency", "the Guards-affiliated Tasnim news agency":
        an outlet's name at the end of a phrase that opens with its determiner or its owner's
        possessive, after that possessive or a lower-case modifier (never after a capitalised
        word: "the Hindustan Times" is not "The Times"; nor in "Photos released by the KCNA")."""
        words = text.split()
        possessive = ("'s", "\u2019s", "s'", "s\u2019")
        pronouns = ("its", "their", "his", "her", "our")  # "in its Global New Light of Myanmar newspaper"
        if not words or not (words[0].lower() in ("the", "a", "an", *pronouns) or words[0].endswith(possessive)):
            return None  # the phrase opens with its determiner or its owner ("Photos released by ..." does not)
        for i in range(1, min(len(words), OWNED_PREFIX_WORDS + 1)):
            if any(w.endswith((",", ";", ":")) for w in words[:i]):
                break  # "head Sulaiman Maila, reports AFP": a clause, not an owner's outlet
            cut = words[i - 1]
            owner = cut.endswith(possessive) or cut.lower() in pronouns
            after_hyphen = cut.rsplit("-", 1)[1] if "-" in cut else ""
            modifier = not cut[:1].isupper() or (len(after_hyphen) >= 3 and not after_hyphen[:1].isupper())
            # ("Guards-affiliated", "state-run"; not "Rooz-e" of "Rooz-e Khabar", a name's own part)
            if not (owner or modifier) or cut.lower() in ("the", "a", "an"):
                continue
            tail = " ".join(words[i:])
            m = self._direct(tail, country) or self._stripped(tail, country)
            named = self.named_countries(" ".join(words[:i]))
            if m is not None and m.entry is not None and named and m.entry.country not in named:
                continue  # "the Iranian newspaper X": never an outlet of another country
            if m is not None and m.entry is not None:
                m.match = "normalised"
                return m
        return None

    def _in_country(self, text: str) -> SourceMatch | None:
        """"State media in Vietnam", "state television in Iran": a descriptor followed by the
        country it belongs to."""
        head, sep, tail = text.rpartition(" in ")
        words = tail.split()
        while len(words) > 1 and words[0][:1].islower():  # "in military-ruled Myanmar", "in war-torn Syria"
            words = words[1:]
        hit = self.countries.whole(" ".join(words)) if sep and head.strip() else None
        if hit is None:
            return None
        n = norm_key(head)
        return (self._descriptor(n, hit.code) or self._generic_descriptor(n, hit.code)) if n else None

    def named_countries(self, text: str) -> set[str]:
        """The countries a mention names itself ("Taiwan's defence ministry" -> {"TW"})."""
        return {h.code for h in self.countries.find_all(text) if h.kind != "institution"}

    def official(self, mention: str, country: str | None = None) -> SourceMatch | None:
        """A titled person or state body as an ``official_body`` of its state.

        Registry entries of class official_body come first ("the Russian Defence Ministry");
        otherwise a synthetic entry is built from title words (rules/registry/titles.yaml).
        ``country`` is the article's country context.
        """
        m = self.lookup(mention, country)
        if m is not None and m.match != "fuzzy":
            if m.entry is not None and m.entry.source_class == "official_body":
                return m
            if m.entry is None and m.candidates and all(c.source_class == "official_body" for c in m.candidates):
                return m
        return self._officials.match(mention, country)

    def state_speaker(self, mention: str, contexts: tuple[str, ...] = ()) -> SourceMatch | None:
        """A country or capital named as a speaker ("Russia", "Pyongyang", "Washington"): the
        government of that state (an ``official_body``), never a person. ``contexts``: the
        article's countries, for names that mean a state only in some stories ("the North")."""
        return self._officials.state(mention, contexts)

    def answer(self, mention: str, country: str | None = None) -> tuple[SourceMatch | None, str | None]:
        """What ``provenance sources lookup`` answers: the lookup, then officials and states;
        an "ambiguous" match with a single candidate (an alias that is also an ordinary word,
        such as "Sputnik" or "KCTV", which the pipeline reads only with context) is answered
        with that entry and a note."""
        match = self.lookup(mention, country)
        if match is None:
            match = self.official(mention, country) or self.state_speaker(mention)
        if match is not None and match.entry is None and len(match.candidates) == 1:
            entry = match.candidates[0]
            how = "exact" if match.matched == mention.strip() else "normalised"
            note = (f"{match.matched or mention!r} is also an ordinary word or name: in an article it is read "
                    f"as {entry.name} only where the context supports it")
            return SourceMatch(entry, match.score, how, matched=match.matched, country_source="entry"), note  # type: ignore[arg-type]
        return match, None

    # ------------------------------------------------------------------ steps
    def _resolve(self, hits: Hits, country: str | None, how: str, matched: str, score: float) -> SourceMatch:
        if len(hits) == 1 and hits[0][1]:
            return SourceMatch(self.entries[hits[0][0]], score, how, matched=matched, country_source="entry")  # type: ignore[arg-type]
        candidates = [self.entries[i] for i, _r in hits]
        if country is not None:
            narrowed = [c for c in candidates if c.country == country or c.published_in == country]
            if len(narrowed) == 1:
                return SourceMatch(narrowed[0], score, how, matched=matched, country_source="context")  # type: ignore[arg-type]
            if narrowed:
                candidates = narrowed
        return SourceMatch(None, score, "ambiguous", candidates=candidates, matched=matched)

    def _direct(self, text: str, country: str | None, stripped: bool = False) -> SourceMatch | None:
        s = surface_key(text)
        hits = self._surface.get(s)
        if hits:
            how = "exact" if s == text and not stripped else "normalised"
            return self._resolve(hits, country, how, s, SCORE_STRIPPED if stripped else 100.0)
        n = norm_key(s)
        hits = self._normal.get(n)
        if hits:
            return self._resolve(hits, country, "normalised", n, SCORE_STRIPPED if stripped else 100.0)
        if _TV_WORD.search(text):  # "Myawaddy Television" for "Myawaddy TV", and back
            other = _TV_WORD.sub(lambda t: "Television" if t.group(0) == "TV" else "TV", text)
            hits = self._normal.get(norm_key(surface_key(other)))
            if hits:
                return self._resolve(hits, country, "normalised", norm_key(surface_key(other)),
                                     SCORE_STRIPPED if stripped else 100.0)
        return None

    def _domain(self, host: str) -> SourceMatch | None:
        parts = host.split(".")
        for k in range(len(parts) - 1):
            i = self._domains.get(".".join(parts[k:]))
            if i is not None:
                return SourceMatch(self.entries[i], 100.0, "exact", matched=".".join(parts[k:]), country_source="entry")
        return None

    def _descriptor(self, n: str, ctx: str) -> SourceMatch | None:
        idxs = self._descriptors.get(n)
        if not idxs:
            return None
        cands = [self.entries[i] for i in idxs if self.entries[i].country == ctx or self.entries[i].published_in == ctx]
        if not cands:
            return None
        if len(cands) == 1:
            return SourceMatch(cands[0], SCORE_DESCRIPTOR, "descriptor", matched=n, country_source="context")
        return SourceMatch(None, SCORE_DESCRIPTOR, "ambiguous", candidates=cands, matched=n)

    def _generic_descriptor(self, n: str, ctx: str) -> SourceMatch | None:
        for gd in self._generic.get(n, ()):
            if gd.when and ctx not in gd.when:
                continue
            cc = gd.country or ctx
            if self.country_name(cc) is None:
                continue
            # "state broadcaster" in a British story is the BBC, not state media: a generic
            # descriptor only stands for a state that has outlets of that class in the registry
            if gd.country is None and (cc, gd.source_class) not in self._classes_by_country:
                continue
            return SourceMatch(self._synthetic_media(gd, cc), SCORE_GENERIC, "descriptor", matched=gd.pattern, country_source="mention" if gd.country else "context")
        return None

    def _name_before_descriptor(self, text: str, country: str | None) -> SourceMatch | None:
        """"the TASS state news agency", "the RT state media group": an outlet's name, then
        lower-case words that describe it, ending in a kind word (`strip_suffixes` of
        matching.yaml) or "group": the named outlet."""
        words = text.split()
        if words and words[0].lower() == "the":
            words = words[1:]
        for k in range(len(words) - 1, 0, -1):
            head, tail = words[:k], words[k:]
            if not head[0][:1].isupper() or not all(w[:1].islower() for w in tail) \
                    or not (tail[-1].lower() in self._kind_words or tail[-1].lower() == "group"):
                continue
            m = self._direct(" ".join(head), country)
            if m is not None and m.entry is not None and m.entry.source_class not in ("official_body", "person"):
                m.match = "normalised"
                return m
        return None

    def _qualified_descriptor(self, text: str, ctx: str, country: str | None) -> SourceMatch | None:
        """"An influential Chinese state newspaper", "Tightly controlled state television": a
        descriptor after up to three lower-case words that only qualify it; a word that says the
        outlet is no longer, or not, the state's (``descriptor_negations``: "a former state
        newspaper", "foreign state media") stops it."""
        words = text.split()
        for i in range(1, min(QUALIFIERS_MAX, len(words) - 2) + 1):
            lead = words[i - 1]
            low = lead.lower()
            if (i > 1 and not lead[:1].islower()) or not lead.replace("-", "").isalpha() \
                    or (low in _ARTICLES and i > 1) or low in _NOT_QUALIFIERS or low in self._kind_words \
                    or any(part in self._negations for part in low.split("-")):
                return None  # "the official newspaper of ...": a kind word, then a phrase, no qualifier
            if words[i].lower() in _NOT_QUALIFIERS:
                return None
            rest = " ".join(words[i:])
            n = norm_key(rest)
            if n and not n.startswith(("the ", "a ", "an ")):
                m = self._descriptor(n, ctx) or self._generic_descriptor(n, ctx) \
                    or self._country_descriptor(rest, country) or self._filled_descriptor(n, ctx)
                if m is not None:
                    return m
        return None

    def _filled_descriptor(self, n: str, ctx: str) -> SourceMatch | None:
        """"state-run online news media", "state-run newspapers": a descriptor with filler words
        (``descriptor_fillers`` of matching.yaml) inside it, or its kind in the plural."""
        words = n.split()
        if len(words) < 2:
            return None
        fillers = self._fillers
        kept = [words[0], *(w for w in words[1:-1] if w not in fillers), words[-1]]
        tries = [" ".join(kept)]
        if kept[-1].endswith("s") and not kept[-1].endswith(("ss", "media")):
            tries.append(" ".join([*kept[:-1], kept[-1][:-1]]))  # "newspapers" -> "newspaper"
        for t in tries:
            if t != n:
                m = self._descriptor(t, ctx) or self._generic_descriptor(t, ctx)
                if m is not None:
                    return m
        return None

    def _country_descriptor(self, text: str, context: str | None = None) -> SourceMatch | None:
        """A generic descriptor after the name of a country in any form ("North Korea state
        media", "Vietnam's state-run media", "the Syrian state news agency", and with the
        article's country ``context`` "the North's state TV station"): the descriptor for the
        country the mention names, whatever the article is about."""
        hits = self._countries_in(text, context)
        if len(hits) != 1 or hits[0].start > 4:  # one country, at the start ("the ..." allowed)
            return None
        hit = hits[0]
        rest = _POSSESSIVE_START.sub("", text[hit.end:])
        n = norm_key(rest)
        if not n:
            return None
        found = self._descriptor(n, hit.code) or self._generic_descriptor(n, hit.code) \
            or self._filled_descriptor(n, hit.code)
        if found is None and hit.code in self.countries.all_media_state and n.split()[-1] == "media" \
                and not any(w[:1].isupper() for w in rest.split()):
            state = f"state {n}"  # "North Korean media": a country whose every outlet is the state's (one outlet,
            # "the North Korean broadcaster", points back to one named before)
            found = self._descriptor(state, hit.code) or self._generic_descriptor(state, hit.code)
        return found

    def _countries_in(self, text: str, context: str | None = None) -> list[CountryHit]:
        """The countries a mention names, each once ("North" inside "North Korea" is not one)."""
        hits = [h for h in self.countries.find_all(text, context) if h.kind != "institution"]
        return [h for h in hits if not any(o is not h and o.start <= h.start and h.end <= o.end
                                           and o.end - o.start > h.end - h.start for o in hits)]

    def _country_inside(self, text: str) -> SourceMatch | None:
        """A generic descriptor around the name of a country ("a state-owned Egyptian newspaper",
        "the official Syrian news agency"): tried after the registry's names, so that "the official
        Cuban News Agency" stays the agency it names."""
        hits = self._countries_in(text)
        if len(hits) != 1 or hits[0].start <= 4:
            return None
        hit = hits[0]
        n = norm_key(text[: hit.start] + " " + text[hit.end :])
        n = n.split(" ", 1)[1] if n.split(" ", 1)[0] in ("a", "an", "the") and " " in n else n
        return (self._descriptor(n, hit.code) or self._generic_descriptor(n, hit.code)) if n else None

    def _descriptor_kind(self, pattern: str) -> str:
        """What a generic descriptor names, without its country ("Iranian state TV" -> "state TV";
        "state television", "state-run daily"), for the unnamed outlet's display name."""
        lead = self.countries.leading(pattern)
        rest = _POSSESSIVE_START.sub("", pattern[lead.end:]) if lead is not None else pattern
        return rest.strip() or pattern

    def _synthetic_media(self, gd: GenericDescriptor, cc: str) -> RegistryEntry:
        key = (gd.pattern, cc)
        cached = self._synthetic.get(key)
        if cached is not None:
            return cached
        what = "state_media" if gd.source_class == "state_controlled" else "state_affiliated_media"
        entry = RegistryEntry.model_validate(
            {
                "id": f"{cc.lower()}_unnamed_{what}",
                "name": f"unnamed {self._descriptor_kind(gd.pattern)} ({self.country_name(cc)})",
                "country": cc,
                "kind": "other",
                "class": gd.source_class,
                "basis": [f"Generic descriptor {gd.pattern!r} (rules/registry/matching.yaml, from the research seed)"],
                "confidence": gd.confidence,
                "notes": gd.note,
            }
        )
        self._synthetic[key] = entry
        return entry

    def _stripped(self, text: str, country: str | None) -> SourceMatch | None:
        s = surface_key(text)
        required: str | None = None  # a stripped country term must agree with the entry
        seen = {s}
        if self._strip_suffix is not None and (m := self._strip_suffix.search(s)) and m.start() > 0:
            # the name before a kind word, whole: "Russia 24 TV channel" is "Russia 24" (the loop
            # below would read "Russia" as a country term first)
            names = [s[: m.start()]]
            last = s.rsplit(" ", 1)
            if len(last) == 2 and last[0] != names[0] and self._strip_suffix.search(" " + last[1]):
                names.append(last[0])  # "People's Daily newspaper": the kind is "newspaper" alone
            for name in names:
                hit = self._direct(name, country, stripped=True)
                if hit is None and _TITLED_ACRONYM.fullmatch(name):  # "Sana news agency": an acronym in title
                    hit = self._direct(name.upper(), country, stripped=True)  # case before a kind word
                if hit is not None:
                    return hit
        for _ in range(4):
            changed = False
            lead = self.countries.leading(s, country)
            if lead is not None and lead.end < len(s):
                rest = s[lead.end:].lstrip(" ,")
                if rest:
                    required, s, changed = lead.code, rest, True
            if self._strip_prefix is not None:
                m = self._strip_prefix.match(s)
                if m and m.end() < len(s):
                    s, changed = s[m.end():], True
            # the name as it stands before a kind word is cut ("Iran's English-language Press TV"
            # is "Press TV", not "Press")
            if changed and s not in seen and (hit := self._agreeing(s, required, country)) is not None:
                return hit
            if self._strip_suffix is not None:
                m = self._strip_suffix.search(s)
                if m and m.start() > 0:
                    s, changed = s[: m.start()], True
            if not changed or s in seen:
                break
            seen.add(s)
            hit = self._agreeing(s, required, country)
            if hit is not None:
                return hit
        return None

    def _agreeing(self, s: str, required: str | None, country: str | None) -> SourceMatch | None:
        """A stripped form's match, when it agrees with the country term stripped from it."""
        hit = self._direct(s, required or country, stripped=True)
        if hit is None or required is None:
            return hit
        if hit.entry is not None and required in (hit.entry.country, hit.entry.published_in):
            return hit
        if hit.entry is None:
            narrowed = [c for c in hit.candidates if required in (c.country, c.published_in)]
            if narrowed:
                hit.candidates = narrowed
                return hit
        return None

    def _fuzzy(self, n: str, country: str | None, named: set[str] | None = None) -> SourceMatch | None:
        """The closest alias; a fuzzy match never crosses a country the mention names
        ("Taiwan's defence ministry" is not Japan's Ministry of Defense)."""
        found = self._fuzzy_memo.get(n, lambda: self._fuzzy_best(n))
        if found is None:
            return None
        _key, score, entry_idx, others = found
        if set(n.split()) & self._person_titles - set(_key.split()):
            return None  # "Russian Foreign Minister Pavel Dorin" is a person, never "Russian Foreign Ministry"
        if self._supplies_a_country(n, _key):
            return None
        if named:
            keep = [i for i in (entry_idx, *others)
                    if self.entries[i].country in named or self.entries[i].published_in in named]
            if not keep:
                return None
            entry_idx, others = keep[0], tuple(keep[1:])
        if others:
            cands = [self.entries[entry_idx]] + [self.entries[i] for i in others]
            if country is not None:
                narrowed = [c for c in cands if country in (c.country, c.published_in)]
                if len(narrowed) == 1:
                    return SourceMatch(narrowed[0], float(score), "fuzzy", matched=_key, country_source="context")
            return SourceMatch(None, float(score), "ambiguous", candidates=cands, matched=_key)
        return SourceMatch(self.entries[entry_idx], float(score), "fuzzy", matched=_key, country_source="entry")

    def _supplies_a_country(self, n: str, key: str) -> bool:
        """Whether the alias ``key`` names a country with a word the mention ``n`` lacks and
        does not misspell ("ruritanian foreign ministry" against "ukrainian foreign ministry")."""
        words = n.split()
        cutoff = self.matching.fuzzy_country_word_cutoff
        for token in set(key.split()) - set(words):
            if self.named_countries(token.title()) and not any(fuzz.ratio(token, w) >= cutoff for w in words):
                return True
        return False

    def _fuzzy_best(self, n: str) -> tuple[str, float, int, tuple[int, ...]] | None:
        """The closest alias key to ``n`` (matched key, score, entry index) and the other
        entries within the margin (sorted), whatever the country: a lookup tries each of
        the article's countries in turn, and this part does not depend on it."""
        if len(n) < self.matching.fuzzy_min_length:
            return None
        pool: set[int] = set()
        for tok in n.split():
            if len(tok) >= 3 and tok not in self._stop:
                pool |= self._prefix.get(tok[:3], frozenset())
        if not pool:
            return None
        choices = {j: self._fuzzy_keys[j] for j in pool}
        cutoff = self.matching.fuzzy_cutoff
        best = process.extractOne(n, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        key, score, j = best
        entry_idx = self._fuzzy_entry[j]
        margin = self.matching.fuzzy_margin
        rivals = process.extract(n, choices, scorer=fuzz.ratio, score_cutoff=max(0.0, score - margin), limit=8)
        others = {self._fuzzy_entry[r[2]] for r in rivals} - {entry_idx}
        return key, score, entry_idx, tuple(sorted(others))


@functools.lru_cache(maxsize=1)
def _default_registry() -> Registry:
    return Registry._from_dir(default_registry_dir())
