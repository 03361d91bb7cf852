"""Descriptions that name no one, settled once the whole article is resolved.

Two conventions of agency copy point forward, not back, so the sentence-by-sentence
resolver cannot settle them when it meets them:

* **State media by description**: "Syrian state media says ..." in the headline, "state
  media reported" in the lede, and the state outlet named further down ("the official news
  agency SANA"). A description of a country's state media stands for the one state outlet
  of that country the article names, when it names exactly one of that kind.
* **The headline's speaker**: "..., Russian envoy says" over a lede quoting "Russian
  Ambassador to the DPRK Oleg Tsvetkov". A headline speaker described by a title only is
  the one person the lede quotes, when the lede quotes exactly one.

* **The headline's surname**: "Al-Rashid: ..." over a lede quoting "Transport Minister Ali
  al-Rashid": a headline speaker named by a surname is the one person of the lede with
  that surname.

* **The speaker who goes on**: "'...,' KCNA reported. '...,' it added." A pronoun speaking
  with "added" or "continued" in the sentence right after another attribution is that
  attribution's speaker when the pronoun fits it (it: an organisation; he or she: a person).

* **The speaker, not its relay**: "Nournews said ..., according to Reuters. '...,' it said":
  an "it" speaking right after a sentence that relays one organisation through another is the
  organisation relayed.

* **Not what the speaker spoke of**: "A monitoring group in London said the Coastal Guard
  Corps kept depots there. It said ...": an "it" the resolver pointed into what the sentence
  before reports, or into the words that describe its speaker ("in London"), is that
  sentence's speaker (an organisation, or a source of unknown kind); so is the "it" of the next
  sentence that points where that one did ("It said ... ¶ It also warned ...").

* **The lede's titled speaker**: "..., the commander of the navy said" in the
  lede, named in the next attributed sentence ("Navy Commander Dariush Hamedi told ..."): the
  description is that person, when exactly one speaker there bears the same title.

* **A country's media by description**: a description of a country's media that neither
  says "state" nor names an outlet ("Iranian media", "local media") names no one, with two
  exceptions, where the article itself says who they are. "Domestic media reported" in an
  article that calls that country's media state-run elsewhere ("State-run media said") is
  that state media (``domestic``, ``local`` and ``national`` are the article's own country).
  "..., Russian news agencies reported." followed within two sentences by the agencies by
  name ("A TASS report ...") is those agencies when every agency of that country the article
  names is state media. An outlet that is not state media, or none named, leaves it
  unidentified.

* **One outlet of a country, described**: "Vietnam's top newspaper said ...", then "The
  editorial in Nhan Dan said ...": a description of one outlet of a country by
  its kind ("newspaper", "daily", "news agency", "broadcaster") is the one outlet of that
  country and kind the article names, whatever its class; two such outlets, or none, leave it
  unidentified.

A description that stays unsettled keeps what the resolver gave it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from provenance.quotes import OPENING_MARKS
from provenance.registry.registry import outlet_kind
from provenance.report import Attribution, SourceSpan, TextSpan
from provenance.resolve.entities import MEDIA_KINDS, last_name_word
from provenance.resolve.words import load_coref_words

STATE_MEDIA = frozenset({"state_controlled", "state_affiliated"})
PERSON_CLASSES = frozenset({"person", "official_body"})
GOING_ON = frozenset({"added", "adds", "continued", "continues"})
GOING_ON_BACK = 3  # sentences back ("..., the paper said. ¶ "..." ¶ "...," it added.") the speaker who goes on spoke
PRONOUN_TYPES = {"it": "organisation", "he": "person", "she": "person"}


# "Russian news agencies", "Iranian media", "domestic media", "local newspapers": a country's
# media, described (the owner capitalised; domestic / local / national: the article's own)
_MEDIA_DESCRIPTION = re.compile(
    r"(?:[Tt]he\s+)?(?:(?P<home>domestic|local|national)|(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?))"
    r"\s+(?:(?:news|media|main|major|leading|official)\s+)?"
    r"(?:(?P<agencies>agencies)|media|outlets|newspapers|papers|press|reports|broadcasters|television|TV)")
AGENCIES_NAMED_WITHIN = 2  # sentences after "Russian news agencies" that may name them
# "Vietnam's top newspaper", "the country's main daily", "a Chinese news agency": one outlet of a
# country, by its kind (the owner capitalised, or the article's own country)
_OUTLET_DESCRIPTION = re.compile(
    r"(?:(?:[Tt]he|[Aa]n?)\s+)?(?:(?P<home>country's|country’s|nation's|nation’s)|(?P<owner>[A-Z][\w.-]*?)(?:'s|’s)?)"
    r"\s+(?:(?:top|main|major|leading|biggest|largest|flagship|influential|popular|widely\s+read)\s+)*"
    r"(?P<kind>newspaper|paper|daily|news\s+agency|broadcaster)")
DESCRIBED_KINDS = {"newspaper": "newspaper", "paper": "newspaper", "daily": "newspaper",
                   "news agency": "news_agency", "broadcaster": "broadcaster"}


REPORT_BACK = 2  # sentences back the outlet whose report "the report" is may have reported


def _reporting_outlet(before: list[list[Attribution]], k: int,
                      kind_of: Callable[[str], str | None]) -> SourceSpan | None:
    """The outlet "The report said ..." is the report of: the last outlet that reported something in
    the sentences just before ("..., the state television channel Delta News reported. The report
    said ..."); none when a report was named there as a source itself ("A UN report said ...": the
    same report goes on)."""
    for j in range(k - 1, max(-1, k - 1 - REPORT_BACK), -1):
        for b in reversed(before[j]):
            x = b.source
            if x is None or b.embedded_in is not None:
                continue
            if "report" in x.text.lower():
                return None
            if x.source_class in STATE_MEDIA or (x.entity_id and kind_of(x.entity_id) in MEDIA_KINDS):
                return x  # an outlet: state media (a described one too), or one the registry holds
    return None


def _home_of(a: Attribution, country_of: Callable[[str], str | None]) -> str | None:
    """The country "the country's main newspaper" is of: the first named in what it said ("North
    Korea will close the office ..., the country's main newspaper said"), else none."""
    return country_of(a.content.text) if a.content is not None else None


def _unnamed_state_media(s: SourceSpan) -> bool:
    return s.source_class in STATE_MEDIA and (s.entity_id or "").endswith("_unnamed_state_media")



def _settled(s: SourceSpan, to: SourceSpan) -> SourceSpan:
    """The description ``s`` resolved to the named source ``to`` (its antecedent)."""
    return s.model_copy(update={"name": to.name, "source_class": to.source_class, "entity_id": to.entity_id,
                                "country": to.country, "entity_type": to.entity_type, "match": "antecedent",
                                "antecedent": TextSpan(text=to.text, start=to.start, end=to.end)})


def settle_descriptions(per_sentence: list[list[Attribution]], headline: int | None,
                        kind_of: Callable[[str], str | None],
                        named_outlets: Sequence[tuple[int, SourceSpan]] = (),
                        country_of: Callable[[str], str | None] = lambda _: None,
                        home: str | None = None) -> list[list[Attribution]]:
    """The attributions with their unnamed descriptions settled (see the module's docstring);
    ``kind_of``: a registry id's kind of outlet ("news_agency", "broadcaster", ...);
    ``named_outlets``: every registry outlet the article names, with its sentence index;
    ``country_of``: the country a word names ("Russian" -> "RU"); ``home``: the article's
    own country."""
    media = _media_by_country(per_sentence, named_outlets, kind_of)
    named: dict[str, dict[str, SourceSpan]] = {}  # country -> registry id -> a source naming it
    for atts in per_sentence:
        for s in (x for a in atts for x in (a.source, a.channel)):  # a source, or the outlet told
            if s is not None and s.source_class in STATE_MEDIA and s.country and s.entity_id \
                    and not _unnamed_state_media(s):
                named.setdefault(s.country, {}).setdefault(s.entity_id, s)
    lede = next((k for k in range(len(per_sentence)) if k != headline and per_sentence[k]), None)
    if lede is not None:
        per_sentence = per_sentence[:lede] + [_lede_title_named(per_sentence, lede)] + per_sentence[lede + 1:]
    out: list[list[Attribution]] = []
    for k, atts in enumerate(per_sentence):
        settled: list[Attribution] = []
        for a in atts:
            s = a.source
            if s is not None and _unnamed_state_media(s):
                kind = outlet_kind(s.text)  # "state television" is a broadcaster
                outlets = [o for i, o in named.get(s.country or "", {}).items() if kind is None or kind_of(i) == kind]
                if len(outlets) == 1:
                    a = a.model_copy(update={"source": _settled(s, outlets[0])})
            elif s is not None and s.source_class == "unknown" and s.entity_id is None \
                    and (found := _country_media(s, k, media, country_of, _home_of(a, country_of) or home,
                                                 kind_of)) is not None:
                a = a.model_copy(update={"source": _settled(s, found)})
            elif s is not None and k > 0 and s.entity_id is None and s.source_class == "unknown" \
                    and s.text.lower() in load_coref_words().report_itself and (outlet := _reporting_outlet(out, k, kind_of)) is not None:
                a = a.model_copy(update={"source": _settled(s, outlet)})
            elif s is not None and k > 0 and a.cue.text.lower() in GOING_ON and s.text.lower() in PRONOUN_TYPES:
                last = next((j for j in range(k - 1, max(-1, k - 1 - GOING_ON_BACK), -1) if out[j]), k - 1)
                before = [b.source for b in out[last] if b.source is not None and b.embedded_in is None]
                if len(before) == 1 and before[0].entity_type == PRONOUN_TYPES[s.text.lower()] \
                        and before[0].entity_id != s.entity_id:
                    a = a.model_copy(update={"source": _settled(s, before[0])})
            elif s is not None and k > 0 and s.text.lower() == "it" and (inner := _relayed_by(out[k - 1], s)) is not None:
                if inner.name != s.name:  # "X said ..., according to Reuters. ... it said"
                    a = a.model_copy(update={"source": _settled(s, inner)})
            elif s is not None and k > 0 and s.text.lower() == "it" and s.antecedent is not None:
                before = [b for b in out[k - 1] if b.source is not None and b.embedded_in is None]
                prev = before[0] if len(before) == 1 else None
                was = [b for b in per_sentence[k - 1] if b.source is not None and b.embedded_in is None]
                if prev is not None and prev.source is not None and prev.content is not None \
                        and prev.source.name != s.name and prev.source.entity_type in ("organisation", "unknown") \
                        and (prev.content.start <= s.antecedent.start < prev.content.end
                             or (prev.source.start < s.antecedent.start < prev.source.end)):
                    a = a.model_copy(update={"source": _settled(s, prev.source)})
                elif len(was) == 1 and len(now := [b.source for b in out[k - 1] if b.source is not None
                                                  and b.embedded_in is None]) == 1 \
                        and (it := was[0].source) is not None and (spoke := now[0]) is not None \
                        and it.text.lower() == "it" and it.name == s.name != spoke.name:
                    a = a.model_copy(update={"source": _settled(s, spoke)})  # the "it" before pointed
                    # where this one does and was settled: "It said ... It also warned ..."
            elif s is not None and k == headline and lede is not None and (_title_only(s) or _ends_in_title(s)):
                people = {p.name: p for p in (b.source for b in per_sentence[lede])
                          if p is not None and p.entity_type == "person" and p.source_class in PERSON_CLASSES}
                if len(people) > 1:  # "Navy Chief" is the one of "the commander of the navy"
                    own = set(s.text.lower().split()) - load_coref_words().title_nouns
                    people = {n: p for n, p in people.items() if own & set(p.text.lower().replace("'s", "").split())}
                if len(people) == 1:
                    a = a.model_copy(update={"source": _settled(s, next(iter(people.values())))})
            elif s is not None and k == headline and lede is not None and s.entity_id is None \
                    and s.source_class in ("unknown", "person"):
                # "Al-Rashid: ..." over a lede quoting "Transport Minister Ali al-Rashid"
                same = [p for p in (b.source for b in per_sentence[lede]) if p is not None and p is not s
                        and p.entity_type == "person" and last_name_word(p.name) == last_name_word(s.text)]
                if len(same) == 1 and same[0].name != s.name:
                    a = a.model_copy(update={"source": _settled(s, same[0])})
            settled.append(a)
        out.append(settled)
    return out


def _media_by_country(per_sentence: list[list[Attribution]], outlets: Sequence[tuple[int, SourceSpan]],
                      kind_of: Callable[[str], str | None]) -> dict[str, list[tuple[int, SourceSpan]]]:
    """The media each country's outlets are named by in the article, in reading order: the
    registry outlets named anywhere, and the sources and channels that are outlets (a
    description of state media included)."""
    found: list[tuple[int, SourceSpan]] = list(outlets)
    for k, atts in enumerate(per_sentence):
        found += [(k, x) for a in atts for x in (a.source, a.channel) if x is not None and x.country
                  and (_unnamed_state_media(x) or (x.entity_id and kind_of(x.entity_id) in MEDIA_KINDS))]
    media: dict[str, list[tuple[int, SourceSpan]]] = {}
    for k, x in sorted(found, key=lambda kx: (kx[0], kx[1].start)):
        media.setdefault(x.country or "", []).append((k, x))
    return media


def _country_media(s: SourceSpan, k: int, media: dict[str, list[tuple[int, SourceSpan]]],
                   country_of: Callable[[str], str | None], home: str | None,
                   kind_of: Callable[[str], str | None]) -> SourceSpan | None:
    """The state outlet a description of a country's media stands for (see the module's
    docstring), or None."""
    one = _OUTLET_DESCRIPTION.fullmatch(s.text.strip())
    if one is not None:
        country = home if one.group("home") else country_of(one.group("owner"))
        kind = DESCRIBED_KINDS[" ".join(one.group("kind").split())]
        outlets = {x.entity_id: x for _, x in media.get(country or "", [])
                   if x.entity_id and not _unnamed_state_media(x) and kind_of(x.entity_id) == kind}
        return next(iter(outlets.values())) if len(outlets) == 1 else None
    m = _MEDIA_DESCRIPTION.fullmatch(s.text.strip())
    if m is None:
        return None
    country = home if m.group("home") else country_of(m.group("owner"))
    named = media.get(country or "", [])
    if not named or any(x.source_class not in STATE_MEDIA for _, x in named):
        return None
    if m.group("agencies"):  # "Russian news agencies ...", then "A TASS report ..."
        agencies = [x for j, x in named if k <= j <= k + AGENCIES_NAMED_WITHIN and x.entity_id
                    and not _unnamed_state_media(x)]
        return agencies[0] if agencies else None
    described = [x for _, x in named if _unnamed_state_media(x)]  # "state-run media", the article's words
    return described[0] if described and m.group("home") else None


LEDE_NAMED_WITHIN = 2  # attributed statements after the lede that may name its titled speaker
RANK_WORDS = frozenset({"deputy", "vice", "former", "acting", "assistant", "ex"})


def _title_word(text: str) -> str | None:
    """The title a description is headed by ("commander" of "the commander of Iran's navy"):
    its last title noun before any "of"."""
    words = text.lower().split(" of ")[0].replace("-", " ").split()
    return next((w for w in reversed(words) if w in load_coref_words().title_nouns), None)


def _lede_title_named(per_sentence: list[list[Attribution]], lede: int) -> list[Attribution]:
    """"..., the commander of the navy said." in the lede, then "Navy Commander Dariush
    Hamedi told ..." in the next attributed sentence: agency copy names the
    lede's titled speaker in the paragraph after; the description is that person (same title,
    no rank word such as "deputy" in one and not the other)."""
    out: list[Attribution] = []
    later = [k for k in range(lede + 1, len(per_sentence)) if per_sentence[k]][:LEDE_NAMED_WITHIN]
    for a in per_sentence[lede]:
        s = a.source
        title = _title_word(s.text) if s is not None and _title_only(s) and s.antecedent is None else None
        if s is not None and title is not None:
            rank = RANK_WORDS & set(s.text.lower().split())
            named = {p.name: p for k in later for p in (b.source for b in per_sentence[k])
                     if p is not None and p.entity_type == "person" and p.name != p.text
                     and title in p.text.lower().replace("-", " ").split()
                     and RANK_WORDS & set(p.text.lower().split()) == rank}
            if len(named) == 1:
                a = a.model_copy(update={"source": _settled(s, next(iter(named.values())))})
        out.append(a)
    return out


def _relayed_by(before: list[Attribution], s: SourceSpan) -> SourceSpan | None:
    """The organisation the sentence before quoted through a relay, when there is one
    ("Nournews said ..., according to Reuters. '...,' it said": Nournews speaks on, not the
    wire that relayed it, nor anything else the resolver found); "the ministry said ... in a
    statement tweeted by WAM. ..., it said": the ministry.  Not a body named inside the words
    the outlet is quoted with ('"The directorate announced ...," the official Petra news agency
    said. It said ...': Petra goes on)."""
    pairs = [c.source for i, b in enumerate(before) if b.source is not None
             and b.source.entity_type == "organisation" and b.embedded_in is None
             for c in before if c.embedded_in == i and c.source is not None
             and c.source.entity_type == "organisation" and c.source.name != b.source.name
             and not (b.content is not None and b.content.text[:1] in OPENING_MARKS
                      and b.content.start <= c.source.start < b.content.end)]
    return pairs[0] if len(pairs) == 1 else None


def _ends_in_title(s: SourceSpan) -> bool:
    """A credit that is a title, though capitalised like a name ("...: Navy Chief")."""
    words = s.text.lower().split()
    return s.antecedent is None and len(words) >= 2 and words[-1] in load_coref_words().title_nouns


def _title_only(s: SourceSpan) -> bool:
    """A speaker described by a title and no name ("Russian envoy", "top government
    spokesman"): resolved by title, its name the description's own words."""
    return s.match == "title" and s.entity_type == "person" and s.name == s.text

