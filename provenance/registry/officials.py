"""Officials without registry entries: titled persons and state bodies (class official_body).

"North Korea's Culture Minister Sung Jong-gyu" -> official of KP, role "Culture Minister",
person "Sung Jong-gyu"; "Russian Ambassador to North Korea Alexandr Matsegora" -> RU (the
sending state: a country after "to"/"in" is the receiving state); "a foreign ministry
spokesperson" -> the article's country; "the Pentagon" -> US. The word lists are data
(rules/registry/titles.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance.registry.geo import CountryHit, CountryMatcher
from provenance.registry.normalise import slug, surface_key
from provenance.registry.schema import Kind, RegistryEntry, SourceMatch, TitlesFile

_NAME_TOKEN = r"(?:[A-Z][\w'’.\-]*|(?:bin|bint|ibn|al|el|de|da|di|van|von|der|le|la|du)(?:(?=\s+[A-Z])|-[A-Z][\w'’.\-]*))"  # "al Rashid", "al-Rashid"
_PERSON = re.compile(rf"^[\s,]*({_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*)")
_TRAIL = " ,;:'’"


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    word: str
    kind: Kind
    context_default: bool
    person: bool


def _word_regex(words: list[str], flags: int) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![\w])({alternation})(?:['’]s)?(?![\w])", flags)


_PORTFOLIO = re.compile(r"\b(?:of|for)\b", re.IGNORECASE)  # "Minister of Information", "... for Media Affairs"
STATE_BODY_WORDS = frozenset({"authorities", "government"})  # a country's: the state's government itself


class OfficialMatcher:
    def __init__(self, titles: TitlesFile, countries: CountryMatcher) -> None:
        self.countries = countries
        self._person = {t.word.casefold(): t for t in titles.person_titles}
        self._body = {t.word.casefold(): t for t in titles.bodies}
        self._titles = _word_regex([t.word for t in titles.person_titles] + [t.word for t in titles.bodies], re.IGNORECASE)
        self._inst = {i.name: i for i in titles.institutions}
        self._inst_re = _word_regex(list(self._inst), 0)
        lower = [w for w in titles.not_official if not w.isupper()]
        upper = [w for w in titles.not_official if w.isupper()]
        self._media_lower = _word_regex(lower, re.IGNORECASE) if lower else None
        self._media_upper = _word_regex(upper, 0) if upper else None
        markers = "|".join(re.escape(m) for m in titles.receiving_state_markers) or "to"
        self._receiving = re.compile(rf"\b(?:{markers})\s+$", re.IGNORECASE)

    def state(self, mention: str, contexts: tuple[str, ...] = ()) -> SourceMatch | None:
        """A country or its capital as a speaker ("Russia denied", "Pyongyang says"): that
        state's government, an official body of the country; never a person.  The names and
        capitals are data (``countries.yaml``: names and metonyms)."""
        text = surface_key(mention)
        hit = self.countries.whole(text)
        if hit is None and mention.rstrip(" \t\r\n'’\"”").endswith("."):
            hit = self.countries.whole(text + ".")  # "U.S.", "D.P.R.K.": the key lost the final period
        if hit is None:  # "the North" in a story about the Koreas
            hit = next((h for c in contexts if (h := self.countries.whole_contextual(mention.strip(), c)) is not None), None)
        if hit is None:
            return None
        country = hit.code
        name = self.countries.names.get(country, country)
        entry = RegistryEntry.model_validate(
            {
                "id": f"official_{country.lower()}_government",
                "name": f"Government of {name}",
                "country": country,
                "kind": "government_body",
                "class": "official_body",
                "owner": f"State: {name}",
                "basis": [f"{hit.form!r} ({hit.kind} in rules/registry/countries.yaml) speaks for the state"],
                "confidence": "medium",
            }
        )
        return SourceMatch(entry=entry, score=90.0, match="title", matched=hit.form, role="government",
                           country_source="mention")

    def _title_hits(self, text: str) -> list[_Hit]:
        hits = []
        for m in self._titles.finditer(text):
            key = m.group(1).casefold()
            t = self._person.get(key)
            if t is not None:
                hits.append(_Hit(m.start(1), m.end(1), m.group(1), t.kind, t.context_default, True))
            else:
                b = self._body[key]
                hits.append(_Hit(m.start(1), m.end(1), m.group(1), b.kind, b.context_default, False))
        return hits

    def person_title_words(self) -> frozenset[str]:
        """The one-word person titles ("minister", "spokesman"), lower case."""
        return frozenset(k for k in self._person if " " not in k)

    def _media_after(self, text: str, start: int) -> bool:
        """Every media word of ``text`` comes after ``start``, behind "of" or "for" (a person's
        title before it: the media are the minister's portfolio, "Minister of State for Media
        Affairs"; not "the official Lao Dawn newspaper", where "official" is an adjective)."""
        found = [m.start() for r in (self._media_lower, self._media_upper) if r for m in r.finditer(text)]
        return bool(found) and min(found) >= start and _PORTFOLIO.search(text[start : min(found)]) is not None

    def is_media(self, text: str) -> bool:
        return bool(
            (self._media_lower and self._media_lower.search(text))
            or (self._media_upper and self._media_upper.search(text))
        )

    def match(self, mention: str, context: str | None = None) -> SourceMatch | None:
        text = surface_key(mention)
        if not text:
            return None
        titles = self._title_hits(text)
        if self.is_media(text) and not (titles and titles[0].person and self._media_after(text, titles[0].end)):
            return None  # "the state news agency", not "Minister of State for Media Affairs X"
        insts = [(m.start(1), m.end(1), self._inst[m.group(1)]) for m in self._inst_re.finditer(text)]
        if not titles and not insts:
            return None
        persons = [h for h in titles if h.person]
        head = persons[0] if persons else (titles[-1] if titles else None)

        # Country: an explicit country term that is not a receiving state ("Ambassador to X").
        country_hits = [h for h in self.countries.find_all(text, context) if h.kind != "institution"]
        first_title = min((h.start for h in titles), default=len(text))
        own: list[CountryHit] = []
        for h in country_hits:
            if h.start > first_title and self._receiving.search(text[: h.start]):
                continue
            own.append(h)
        country: str | None = None
        source: str | None = None
        if own:
            country, source = own[0].code, "mention"
        elif insts:
            country, source = insts[0][2].country, "mention"
        elif head is not None and head.context_default and context:
            country, source = context, "context"

        # Kind and role.
        if head is not None:
            kind: Kind = head.kind
            role_start = 0
            for h in own:
                if h.end <= head.start:
                    role_start = max(role_start, h.end)
            for _s, e, _i in insts:
                if e <= head.start:
                    role_start = max(role_start, e)
            prefix = text[role_start: head.start]
            det = None
            for det in re.finditer(r"\b(?:a|an|the|its|his|her|their|one|some|senior|top|unnamed|unidentified|anonymous)\s+", prefix, re.IGNORECASE):
                pass
            if det is not None:
                role_start += det.end()
            role_end = head.end
            if head.person:
                after = text[head.end:]
                recv = re.match(r"\s+(?:to|in|at|for)\s+", after, re.IGNORECASE)
                if recv:
                    rest = after[recv.end():]
                    hit = self.countries.leading(rest, context)
                    if hit is not None:
                        role_end = head.end + recv.end() + hit.end
                    else:
                        un = re.match(r"(?:the\s+)?(?:(?:UN|United Nations|EU|European Union|NATO|IAEA|WHO)\b"
                                      r"|International Atomic Energy Agency(?:\s+\(IAEA\))?)", rest)
                        if un:
                            role_end = head.end + recv.end() + un.end()
            else:
                role_end = len(text)
            role = text[role_start:role_end].strip(_TRAIL)
            person = None
            if head.person:
                pm = _PERSON.match(text[role_end:])
                if pm:
                    person = pm.group(1).strip(_TRAIL) or None
        else:
            s, e, inst = insts[0]
            kind = inst.kind
            role = inst.name
            person = None
        if not role:
            role = head.word if head is not None else "official"
        if role.count("(") > role.count(")"):
            role += ")"  # the surface key cut the bracket's end: "... Security Service (FSB)"
        if text.count("(") > text.count(")"):
            text += ")"

        if source == "mention":
            confidence, score = "high", 100.0
        elif source == "context":
            confidence, score = "medium", 80.0
        else:
            confidence, score = "low", 60.0
        if head is not None and head.word.casefold() in STATE_BODY_WORDS and country is not None:
            role = "government"  # "Cuban authorities", "Kazakhstan's authorities": the state's government
        ident = f"official_{(country or 'xx').lower()}_{slug(role) or 'official'}"[:96].rstrip("_")
        head_word = head.word if head is not None else insts[0][2].name
        entry = RegistryEntry.model_validate(
            {
                "id": ident,
                "name": text,
                "country": country,
                "kind": kind,
                "class": "official_body",
                "owner": f"State: {self.countries.names.get(country, country)}" if country else None,
                "basis": [f"Title or body {head_word!r} (rules/registry/titles.yaml) names an office of a state"],
                "confidence": confidence,
            }
        )
        return SourceMatch(
            entry=entry,
            score=score,
            match="title",
            matched=head_word,
            role=role,
            person=person,
            country_source=source,  # type: ignore[arg-type]
        )
