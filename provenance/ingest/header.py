"""The article's head: leading metadata lines, headline, byline, date line and dateline.

Everything here is syntax (how news copy is laid out), not editorial data: which outlets
are state media is the registry's business, not this module's.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from provenance.ingest.dates import DATE, FULL_DATE, ISO, ISO_TIME, MONTH
from provenance.quotes import SENTENCE_CLOSING_MARKS
from provenance.rules_location import rules_dir
from provenance.yamlfile import load_yaml

# Leading "key value" / "key: value" metadata: key -> kind of value.
#   date: one date (ISO or "June 30, 2025"); url: one URL; token: one word;
#   line: the rest of the line.
METADATA_KEYS: dict[str, str] = {
    "date": "date", "published": "date", "updated": "date",
    "url": "url", "link": "url",
    "lang": "token", "language": "token", "id": "token",
    "title": "line", "headline": "line", "author": "line", "byline": "line",
    "source": "line", "publisher": "line", "section": "line", "category": "line", "tags": "line",
}  # fmt: skip
METADATA_ALIASES = {"link": "url", "lang": "language", "headline": "title", "byline": "author"}

_KEY_RE = re.compile(
    r"(?P<key>" + "|".join(sorted(METADATA_KEYS, key=len, reverse=True)) + r")(?P<sep>[ \t]*:[ \t]*|[ \t]+)",
    re.I,
)
_VALUE_RE = {
    "date": re.compile(rf"(?:{FULL_DATE}|{ISO}{ISO_TIME})(?=\s|$)"),
    "url": re.compile(r"(?:https?://|www\.)\S+(?=\s|$)", re.I),
    "token": re.compile(r"[\w][\w.:/-]{0,63}(?=\s|$)"),
    "line": re.compile(r"[^\n]*\S"),
}


@dataclass
class MetaEntry:
    key: str  # normalised (lower-case, aliases resolved)
    value: str
    start: int  # the key's start
    value_start: int
    value_end: int


def metadata_prefix(src: str, start: int) -> tuple[int, list[MetaEntry]]:
    """Leading metadata entries from ``start``: ``date 2025-06-30``, ``Title: ...``.

    Several may share a line (`` date 2025-06-30 url https://...``) when their values are
    single tokens; a free-text value runs to the end of its line.  Without a colon the key
    must be written in lower case.  Returns the offset after the last entry and the entries.
    """
    entries: list[MetaEntry] = []
    pos = end = start
    n = len(src)
    while True:
        p = pos
        while p < n and src[p] in " \t\n":
            p += 1
        m = _KEY_RE.match(src, p)
        if not m:
            break
        colon = ":" in m.group("sep")
        key = m.group("key")
        if not colon and not key.islower():
            break
        kind = METADATA_KEYS[key.lower()]
        line_end = src.find("\n", m.end())
        line_end = n if line_end < 0 else line_end
        vm = _VALUE_RE[kind].match(src, m.end(), line_end)
        if not vm or not vm.group(0).strip():
            break
        norm = METADATA_ALIASES.get(key.lower(), key.lower())
        entries.append(MetaEntry(norm, " ".join(vm.group(0).split()), p, vm.start(), vm.end()))
        pos = end = vm.end()
    return end, entries


# --- byline -------------------------------------------------------------------------------

_BY = re.compile(r"(?:By|BY|by)[ \t]+(?=\S)")
_OUTLET_SEP = re.compile(r"[ \t]*(?:\||/|[ \t][-–—]{1,2}[ \t]|--|—|–)[ \t]*|[ \t]+(?:for|of)[ \t]+(?=[A-Z])")
_NAME_SPLIT = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]*&[ \t]*)")
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[.'’-][^\W\d_]*)*\.?$")
_NAME_JOINERS = frozenset("de da del della di do dos das du des la le van von der den ter bin ibn al el st.".split())
_ROLE_WORDS = frozenset(
    "staff writer writers correspondent correspondents reporter reporters editor editors "
    "contributor contributing senior chief bureau special political foreign news desk in "
    "and team".split()
)
_OUTLET_WORDS = frozenset(
    "press news agency times post journal wire service network media herald tribune guardian "
    "telegraph daily broadcasting television radio tv gazette chronicle review observer "
    "report reports online".split()
)
_CAPS_NAMES_THEN_OUTLET = re.compile(
    r"((?:[A-Z][A-Z.'’-]*[ \t]+(?:AND[ \t]+)?){1,5}[A-Z][A-Z.'’-]+)[ \t]+([A-Z][a-z][\w.&'’ -]*)$"
)
_OUTLET_WORD = re.compile(r"[\w][\w.&'’-]*$")


def _is_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 5:
        return False
    if not _NAME_WORD.match(words[0]):
        return False
    return all(_NAME_WORD.match(w) or w.lower() in _NAME_JOINERS for w in words)


def _is_role(part: str) -> bool:
    words = part.lower().split()
    return bool(words) and all(w in _ROLE_WORDS for w in words)


def _is_outlet(part: str, strict: bool) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 6 or not all(_OUTLET_WORD.match(w) for w in words):
        return False
    if not strict:
        return words[0][0].isupper() or words[0][0].isdigit() or (len(words) == 1 and len(words[0]) <= 5)
    if len(words) == 1:
        return words[0][0].isupper() or len(words[0]) <= 5
    if words[0] == "The" or any(w.lower() in _OUTLET_WORDS for w in words):
        return True
    return all(w.isupper() for w in words)


@dataclass
class Byline:
    names: str
    outlet: str | None
    outlet_start: int = 0  # offsets relative to the line given to parse_byline
    outlet_end: int = 0


def parse_byline(line: str) -> Byline | None:
    """``By Jane Doe, AFP`` / ``By Jane Doe and John Roe | Reuters`` / ``By JANE DOE``."""
    if len(line) > 160:
        return None
    m = _BY.match(line)
    if not m:
        return None
    rest_start = m.end()
    rest = line[rest_start:].rstrip()
    if rest.endswith(".") and not re.search(r"\b\w{1,3}\.$", rest):
        return None
    outlet: tuple[int, int] | None = None
    sm = _OUTLET_SEP.search(rest)
    names_part = rest
    if sm:
        names_part = rest[: sm.start()]
        o = rest[sm.end() :].strip()
        if not o or not _is_outlet(o, strict=False):
            return None
        os_ = rest_start + sm.end()
        outlet = (os_, os_ + len(rest[sm.end() :].rstrip()))
    if not outlet:
        caps = _CAPS_NAMES_THEN_OUTLET.match(names_part)
        if caps:  # AP style: "By JANE DOE Associated Press"
            names_part = caps.group(1)
            start = rest_start + caps.start(2)
            outlet = (start, start + len(caps.group(2).rstrip()))
    parts = [p for p in _NAME_SPLIT.split(names_part.strip()) if p]
    if not outlet and len(parts) >= 2 and "," in names_part:
        last = parts[-1]
        tail = names_part.rstrip()
        if _is_outlet(last, strict=True) and tail.endswith(last) and not _is_role(last):
            comma = names_part.rfind(",", 0, len(tail) - len(last) + 1)
            if comma >= 0 and not names_part[comma + 1 : len(tail) - len(last)].strip():
                start = rest_start + len(tail) - len(last)
                outlet = (start, start + len(last))
                parts = parts[:-1]
    names = [p for p in parts if not _is_role(p)]
    if not names or not all(_is_name(p) for p in names):
        return None
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if outlet:
        return Byline(joined, " ".join(line[outlet[0] : outlet[1]].split()), outlet[0], outlet[1])
    return Byline(joined, None)


def bare_byline(line: str) -> str | None:
    """``Jane Doe`` / ``Jane Doe and John Roe``: a line of names only, without "By" (a byline
    when a dateline follows it; the caller checks that)."""
    if len(line) > 120 or line.rstrip().endswith((".", ":", "?", "!")):
        return None
    parts = [p for p in _NAME_SPLIT.split(line.strip()) if p]
    if not parts or not all(_is_name(p) and len(p.split()) >= 2 for p in parts):
        return None
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# --- date line ----------------------------------------------------------------------------

_DATE_LINE = re.compile(
    rf"(?:(?i:published|updated|posted|last\s+updated|first\s+published)(?:\s+on)?\s*:?\s*)?"
    rf"(?P<date>{FULL_DATE})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+\(?[A-Z]{2,5}\)?)?)?\s*$"
)


def date_line(line: str) -> str | None:
    """The date of a line that holds only a date (``June 30, 2025``, ``Updated: 2025-06-30``)."""
    if len(line) > 200:
        return None
    m = _DATE_LINE.match(line.strip())
    return m.group("date") if m else None


# --- dateline -----------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Þ"
_PWORD = rf"[{_UPPER}][\w.'’\-]*"
_JOIN = r"(?:de|da|del|di|do|dos|das|du|des|la|le|el|al|am|an|der|den|von|van|upon|on|sur|of)"
_PLACE = rf"{_PWORD}(?:[ ]+(?:{_JOIN}[ ]+)?{_PWORD}){{0,3}}"
_OUTLET = r"[^\W_][\w.&'’ /-]{0,40}?"
_DATELINE = re.compile(
    rf"""(?P<place>{_PLACE})
    (?:,[ \t]*(?!{MONTH}\s)(?P<region>{_PLACE})(?=[ \t]*(?:,|\(|--|[-–—])))?
    (?:,?[ \t]+(?P<date>{DATE}))?
    (?:,[ \t]*(?P<bare>[A-Z][A-Z&]{{1,9}})(?=[ \t]*(?:--|[-–—])))?
    (?:[ \t]*\((?P<outlet>{_OUTLET})(?:,[ \t]*{_OUTLET})*\)|\.?[ \t]*/(?P<slashed>{_OUTLET})/\.?)?
    (?P<sep>[ \t]*(?:--|[-–—:|•·]))?
    [ \t]*""",
    re.X,
)
_NOT_PLACE = frozenset(
    "the a an in on at but and he she it they we this that these those according as after "
    "before when while if by for from with his her their our its there here "
    "sources source exclusive analysis update updated breaking watch opinion editorial comment".split()
)
_NOT_OUTLET = frozenset(
    "file left right pictured centre center photo video updated above below top bottom front "
    "back inset".split()
) | {"file photo", "reuters photo", "ap photo", "afp photo"}


@functools.lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Countries and their capitals and major cities as the registry writes them
    (rules/registry/countries.yaml): the places a mixed-case dateline may name ("Dubai:",
    "Peshawar:")."""
    data = load_yaml(rules_dir() / "registry" / "countries.yaml", "country list", cached=True)
    return frozenset(name for c in data.get("countries", []) for name in
                     [c.get("name", ""), *c.get("names", []), *c.get("metonyms", []), *c.get("cities", [])] if name)


@dataclass
class Dateline:
    end: int  # offset (relative to the text given) where the body starts
    place: str
    date: str | None  # the date as written ("June 30")
    outlet: str | None
    outlet_start: int = 0
    outlet_end: int = 0
    own_line: bool = False  # "Damascus - MENA" on a line of its own (read only under a headline)


# a dateline that is a line of its own: "Damascus - MENA", "KUWAIT -- KUNA" (an agency's acronym)
_DATELINE_LINE = re.compile(r"(?P<place>[A-Z][A-Za-z.'’]*(?: [A-Z][A-Za-z.'’]*){0,3})[ \t]+(?:-{1,2}|–|—)[ \t]+"
                            r"(?P<outlet>[A-Z][A-Z&]{1,9})[ \t]*(?:\r?\n|$)")


# a place, a date and an agency's acronym as a line of its own: "Baku, September 27, AZERTAC"
_DATED_LINE = re.compile(rf"(?P<place>[A-Z][A-Za-z.'’]*(?: [A-Z][A-Za-z.'’]*){{0,3}}),[ \t]*(?P<date>{DATE}),[ \t]*"
                         r"(?P<outlet>[A-Z][A-Z&]{1,9})[ \t]*(?:\r?\n|$)")
# a place, a date and an outlet, each closed by a full stop or a slash: "Baku. 27 June. REPORT.AZ/"
_DOTTED_DATED = re.compile(rf"(?P<place>[A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+){{0,2}})\.[ \t]+(?P<date>{DATE})\.[ \t]+"
                           r"(?P<outlet>[A-Z][A-Za-z&]*(?:\.[A-Za-z]{2,})?)[ \t]*/[ \t]*")
# an outlet's name and a slash opening the first paragraph: "Shafaq News / The command said ..."
_SLASH_CREDIT = re.compile(r"(?P<outlet>[A-Z][A-Za-z&'’-]*(?: [A-Z][A-Za-z&'’-]*){0,3})[ \t]+/[ \t]+(?=[A-Z\"“])")
_CREDIT_KIND_WORDS = frozenset({"news", "agency", "tv", "press", "post", "times", "daily", "online", "media"})
# a place in capitals on a line of its own under the headline: "BEIJING"
_PLACE_LINE = re.compile(r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})[ \t]*(?:\r?\n|$)")
# a place, a full stop and the agency, all in capitals: "ASTANA. KAZINFORM - ..."
_DOTTED = re.compile(r"(?P<place>[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2})\.[ \t]+(?P<outlet>[A-Z][A-Z&]{1,14})"
                     r"[ \t]*(?:-{1,2}|–|—)[ \t]+(?=\S)")
# a known place and a full stop opening the first paragraph: "Hanoi. Floods have ..."
_PLACE_DOT = re.compile(r"(?P<place>[A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+){0,2})\.[ \t]+(?=[A-Z])")
# a credit with no place before it: "(Reuters) - ...", "(AP) — ..."
_PLACELESS = re.compile(r"\((?P<outlet>[A-Z][A-Za-z&.]*(?: [A-Z][A-Za-z&.]*){0,3})(?:,[ \t]*[A-Z][A-Za-z&.]*)*\)"
                        r"[ \t]*(?:-{1,2}|–|—)[ \t]+(?=\S)")


def parse_dateline(text: str) -> Dateline | None:
    """``Seoul, June 30 (IANS)``, ``WASHINGTON (Reuters) -``, ``PARIS (AFP) –``,
    ``BEIJING, Jan. 5 (Xinhua) --``, ``WASHINGTON, March 3 (Reuters) —``, ``KYIV, Ukraine (AP) —``,
    ``WASHINGTON —``, ``ALMATY (AFP, REUTERS) –`` (the first credit is the outlet), ``Tehran, Aug 21, IRNA –``, ``ASTANA. KAZINFORM -``, ``Baku. 27 June. REPORT.AZ/``, ``Hanoi.`` (a known place and a full stop) at the start of ``text`` (the first body
    paragraph); ``Damascus - MENA``, ``Baku, September 27, AZERTAC`` and ``BEIJING`` (a known place
    in capitals) as a line of its own; ``(Reuters) -`` and ``Shafaq News /`` with no place (the place is then empty)."""
    line = _DATELINE_LINE.match(text)
    if line is not None and line.group("place").split()[0].lower() not in _NOT_PLACE:
        return Dateline(line.end(), line.group("place"), None, line.group("outlet"),
                        line.start("outlet"), line.end("outlet"), own_line=True)
    stops = _DOTTED_DATED.match(text)
    if stops is not None and stops.group("place").split()[0].lower() not in _NOT_PLACE:
        return Dateline(stops.end(), stops.group("place"), stops.group("date"), stops.group("outlet"),
                        stops.start("outlet"), stops.end("outlet"))
    dated = _DATED_LINE.match(text)
    if dated is not None and dated.group("place").split()[0].lower() not in _NOT_PLACE:
        return Dateline(dated.end(), dated.group("place"), dated.group("date"), dated.group("outlet"),
                        dated.start("outlet"), dated.end("outlet"), own_line=True)
    alone = _PLACE_LINE.match(text)
    if alone is not None and alone.group("place").casefold() in {p.casefold() for p in known_places()}:
        return Dateline(alone.end(), alone.group("place"), None, None, own_line=True)
    dotted = _DOTTED.match(text)
    if dotted is not None and dotted.group("place").split()[0].lower() not in _NOT_PLACE:
        return Dateline(dotted.end(), dotted.group("place"), None, dotted.group("outlet"),
                        dotted.start("outlet"), dotted.end("outlet"))
    dot = _PLACE_DOT.match(text)
    if dot is not None and dot.group("place") in known_places():
        return Dateline(dot.end(), dot.group("place"), None, None)
    slash = _SLASH_CREDIT.match(text)
    if slash is not None and (slash.group("outlet").split()[-1].lower() in _CREDIT_KIND_WORDS
                              or (slash.group("outlet").isupper() and len(slash.group("outlet")) > 1)):
        return Dateline(slash.end(), "", None, slash.group("outlet"), slash.start("outlet"), slash.end("outlet"))
    bare = _PLACELESS.match(text)
    if bare is not None and bare.group("outlet").lower() not in _NOT_OUTLET:
        return Dateline(bare.end(), "", None, bare.group("outlet"), bare.start("outlet"), bare.end("outlet"))
    m = _DATELINE.match(text)
    if not m:
        return None
    place = " ".join(m.group("place").split())
    if place.split()[0].lower() in _NOT_PLACE:
        return None
    outlet = m.group("outlet") or m.group("slashed") or m.group("bare")  # "(Xinhua)", TASS's "./TASS/.", IRNA's ", IRNA –"
    region = m.group("region")
    bare_region = outlet is None and region is not None and m.group("sep") and re.fullmatch(r"[A-Z][A-Z&]{1,9}", region) \
        and not place.isupper()  # ("WASHINGTON, DC —" is a place and its state)
    if bare_region:  # "Tehran, IRNA – ...": the agency where a region would stand
        outlet = region
    date = m.group("date")
    sep = (m.group("sep") or "").strip()
    letters = [c for c in place if c.isalpha()]
    all_caps = len(letters) >= 2 and all(c.isupper() for c in letters)
    if outlet is not None:
        outlet = " ".join(outlet.split())
        if not outlet or outlet.lower() in _NOT_OUTLET or len(outlet.split()) > 5:
            return None
        if date is None and not sep and not all_caps:
            return None
    elif date is not None:
        if not sep:
            return None
    else:  # "WASHINGTON —", "MOSCOW:", "Dubai: A Saudi official has said ..." (Gulf papers' style)
        mixed_colon = sep == ":" and place in known_places() and m.end() < len(text) and text[m.end()].isupper()
        # "Pyongyang, North Korea - ...": a known place and its country in mixed case before a dash
        mixed_dash = sep in ("-", "--", "–", "—") and place in known_places() and region is not None \
            and " ".join(region.split()) in known_places()
        if sep not in ("-", "--", "–", "—", ":", "•", "·") or not (all_caps or mixed_colon or mixed_dash):
            return None
        raw_sep = m.group("sep")
        if sep == "-" and not raw_sep[:1].isspace():
            return None
    end = m.end()
    if end < len(text) and text[end].isalnum() and not text[end - 1].isspace():
        return None  # "WASHINGTON-based": the separator was part of a word
    if region and not bare_region:
        place = f"{place}, {' '.join(region.split())}"
    if outlet is not None:
        group = next(g for g in ("outlet", "slashed", "bare", "region") if m.group(g))
        return Dateline(end, place, date, outlet, m.start(group), m.end(group))
    return Dateline(end, place, date, None)


# --- headline -----------------------------------------------------------------------------


def looks_like_headline(line: str) -> bool:
    """A short line without final punctuation, bar the full stop of initials ("... with U.S.")
    (the caller checks a blank line follows)."""
    s = line.strip()
    if not s or len(s) > 160 or len(s.split()) > 25:
        return False
    if not any(c.isalpha() for c in s) or s[0].islower():
        return False
    if ((s[-1] in ".,;:" and not _ENDS_IN_INITIALS.search(s)) or s.endswith(tuple("." + m for m in SENTENCE_CLOSING_MARKS))) \
            and not _title_case(s):
        return False  # (a full stop that ends "U.S." ends no sentence: "... grain quota talks with U.S.";
        # nor a quotation's in a line in title case: 'President Says “We Are Ready To Talk.”')
    return not s.startswith(("*", "-", "•", "|", ">", "<"))


def _title_case(line: str) -> bool:
    """Every word of four letters or more capitalised, and at least four of them: a headline's case."""
    words = [w.strip("\"'“”‘’«»()[],.:;!?") for w in line.split()]
    long = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    return len(long) >= 4 and all(w[:1].isupper() for w in long)


_ENDS_IN_INITIALS = re.compile(r"(?:\b[A-Z]\.){2,}$")
