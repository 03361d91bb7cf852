"""Date syntax found in metadata lines and datelines: ISO dates and English month names."""

from __future__ import annotations

import datetime as _dt
import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip

# A month name or abbreviation (optionally with a dot), case-insensitive, as a whole word.
MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![^\W\d_])\.?"
)
WEEKDAY = r"(?i:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?i:day)?\.?,?\s+"
DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[89]|20)\d\d(?!\d)"
ISO = r"(?:1[89]|20)\d\d-[01]\d-[0-3]\d(?!\d)"
ISO_TIME = r"(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?"

# "June 30", "Jan. 5, 2025", "30 June 2025", "2025-06-30" (the year optional in the first two).
DATE = rf"(?:{ISO}|(?:{WEEKDAY})?(?:{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|{DAY}\s+{MONTH}(?:,?\s+{YEAR})?))"
# The same, but only with a year: a date that can be written as ISO on its own.
FULL_DATE = (
    rf"(?:{ISO}{ISO_TIME}|{YEAR}/[01]?\d/[0-3]?\d(?!\d)"
    rf"|(?:{WEEKDAY})?(?:{MONTH}\s+{DAY},?\s+{YEAR}|{DAY}\s+{MONTH},?\s+{YEAR}))"
)

_ISO_RE = re.compile(r"((?:1[89]|20)\d\d)[-/]([01]?\d)[-/]([0-3]?\d)(?!\d)")
_MD_RE = re.compile(rf"({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+({YEAR}))?")
_DM_RE = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})(?:,?\s+({YEAR}))?")


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def parse_date(text: str) -> tuple[int | None, int, int] | None:
    """``(year or None, month, day)`` of the first date in ``text``, or None."""
    best: tuple[int, tuple[int | None, int, int]] | None = None
    for rx, kind in ((_ISO_RE, "iso"), (_MD_RE, "md"), (_DM_RE, "dm")):
        m = rx.search(text)
        if not m:
            continue
        if kind == "iso":
            value: tuple[int | None, int, int] = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
        elif kind == "md":
            month = _month(m.group(1))
            if month is None:
                continue
            value = (int(m.group(3)) if m.group(3) else None, month, int(m.group(2)))
        else:
            month = _month(m.group(2))
            if month is None:
                continue
            value = (int(m.group(3)) if m.group(3) else None, month, int(m.group(1)))
        if best is None or m.start() < best[0]:
            best = (m.start(), value)
    if best is None:
        return None
    year, month, day = best[1]
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return year, month, day


def iso_date(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def to_iso(text: str) -> str | None:
    """The first full date (with a year) in ``text`` as ``YYYY-MM-DD``, or None."""
    parsed = parse_date(text)
    return iso_date(*parsed) if parsed else None


def combine(month_day: tuple[int | None, int, int], reference_iso: str | None) -> str | None:
    """A dateline's month and day with the year taken from ``reference_iso`` (a metadata date).

    A dateline in late December read against a January reference date belongs to the
    previous year, and the other way round."""
    year, month, day = month_day
    if year is not None:
        return iso_date(year, month, day)
    if not reference_iso:
        return None
    ref = _dt.date.fromisoformat(reference_iso)
    candidates = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        iso = iso_date(y, month, day)
        if iso:
            candidates.append((abs((_dt.date.fromisoformat(iso) - ref).days), iso))
    return min(candidates)[1] if candidates else None
