"""Quote fidelity: direct quotations compared with the original texts of their sources.

Originals are ``.txt`` files in a directory.  ``originals.yaml`` in that directory maps
file names to the source(s) each file belongs to (a name or registry id, or a list of
them)::

    kcna-2025-06-30.txt: KCNA
    speech.txt: [Kim Jong-un, kp-person-kim-jong-un]

A file the mapping does not name belongs to the source named by its stem
(``KCNA.txt`` -> "KCNA"; underscores read as spaces).

A quotation is each stretch between quotation marks inside the content span of a
``direct`` or ``mixed`` attribution (a ``direct`` content without marks is the quotation
itself).  It is checked against the originals of the sources in its statement's chain
(origin or speaker links, and the attribution's own source), matched by registry id or
case-insensitive name.  The quotation is located with
``rapidfuzz.fuzz.partial_ratio_alignment`` after normalisation (case, whitespace, quotation
marks, dashes, ellipses) and compared word by word (``difflib.SequenceMatcher``):

* ``verbatim`` -- score >= ``verbatim_score`` (98) and no number or negation changed;
* ``altered`` -- score >= ``altered_score`` (75), with the word-level diff;
* ``not_found`` -- below.

A quotation with an ellipsis ("..." or "…") is checked fragment by fragment: the words left
out are the reporter's cut, not an alteration.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz

from provenance.quotes import FIDELITY_DOUBLE, FIDELITY_DROPPED, FIDELITY_SINGLE
from provenance.corroborate.schema import FidelityConfig, QuoteCheck, WordDiff
from provenance.corroborate.text import NEGATIONS, NUMBER_WORDS
from provenance.errors import ConfigError, InputError
from provenance.report import Attribution, ChainLink, Report, Statement
from provenance.yamlfile import line_of, load_yaml, strip_lines

MAPPING_FILE = "originals.yaml"

# opening mark -> closing marks it pairs with
_DOUBLE = FIDELITY_DOUBLE
_SINGLE = FIDELITY_SINGLE
_DROP = FIDELITY_DROPPED  # marks removed before comparing
_CHAR_MAP = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2026": "..."}
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|\u2026)\s*")
_EDGE = " \t\r\n,.;:!?-\u2013\u2014"
_WORD_KEY = re.compile(r"^[^\w]+|[^\w]+$", re.UNICODE)
_RANK = {"verbatim": 0, "altered": 1, "not_found": 2}


# --------------------------------------------------------------------------- originals


@dataclass(frozen=True)
class Original:
    """One original text and the sources (names or registry ids) it belongs to."""

    name: str  # file name, relative to the originals directory
    sources: tuple[str, ...]
    text: str

    @cached_property
    def normalised(self) -> tuple[str, list[int]]:
        return normalise(self.text)

    def belongs_to(self, link: ChainLink) -> bool:
        keys = {_key(link.name)} | ({_key(link.entity_id)} if link.entity_id else set())
        return any(_key(s) in keys for s in self.sources)


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def load_originals(directory: Path) -> list[Original]:
    """The ``.txt`` files of ``directory`` (sorted by name) with their sources."""

    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory of originals")
    mapping: dict[str, tuple[str, ...]] = {}
    mfile = directory / MAPPING_FILE
    if mfile.exists():
        raw = load_yaml(mfile, "originals mapping")
        data = {} if raw is None else strip_lines(raw)
        if not isinstance(data, dict):
            raise ConfigError(f"{mfile}:1: expected a mapping of file names to source names")
        for fname, value in data.items():
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
                raise ConfigError(f"{mfile}:{line_of(raw, (fname,))}: {fname}: expected a source name or a list of source names")
            mapping[str(fname)] = tuple(v.strip() for v in values)
    out: list[Original] = []
    present = {p.name for p in directory.glob("*.txt")} | {p.stem for p in directory.glob("*.txt")}
    for fname in sorted(set(mapping) - present):
        from loguru import logger

        logger.warning("{}: {} is not a .txt file in {}; ignored", mfile, fname, directory)
    for path in sorted(directory.glob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read original: {exc}") from exc
        sources = mapping.get(path.name) or mapping.get(path.stem) or (path.stem.replace("_", " "),)
        out.append(Original(path.name, sources, text))
    return out


# --------------------------------------------------------------------------- quotations


@dataclass(frozen=True)
class Quote:
    text: str
    start: int  # document offsets
    end: int


def _stretches(text: str, pairs: dict[str, str], single: bool) -> list[tuple[int, int]]:
    """(start, end) of the text between paired marks; an unclosed one runs to the end."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in pairs and not (single and i > 0 and text[i - 1].isalnum()):
            closers = pairs[ch]
            j = i + 1
            while j < n:
                if text[j] in closers and not (single and j + 1 < n and text[j + 1].isalnum()):
                    break
                j += 1
            out.append((i + 1, j))
            i = j + 1
            continue
        i += 1
    return out


def quotations(attribution: Attribution) -> list[Quote]:
    """The quoted stretches inside the attribution's content span (edge punctuation trimmed)."""
    content = attribution.content
    if content is None or not content.text.strip():
        return []
    text = content.text
    spans = _stretches(text, _DOUBLE, single=False) or _stretches(text, _SINGLE, single=True)
    if not spans and attribution.kind == "direct":
        spans = [(0, len(text))]
    out = []
    for s, e in spans:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e > s:
            out.append(Quote(text[s:e], content.start + s, content.start + e))
    return out


# --------------------------------------------------------------------------- alignment


def normalise(text: str) -> tuple[str, list[int]]:
    """Comparison form (casefolded, quotation marks dropped, whitespace collapsed, dashes and
    ellipses unified) and, for each of its characters, the offset it came from."""
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                idx.append(i)
            continue
        rep = _CHAR_MAP.get(ch) or unicodedata.normalize("NFKC", ch).casefold()
        for c in rep:
            out.append(c)
            idx.append(i)
    while out and out[-1] == " ":
        out.pop()
        idx.pop()
    return "".join(out), idx


def _word_key(word: str) -> str:
    return _WORD_KEY.sub("", word)


def _is_number(word: str) -> bool:
    k = _word_key(word).lower()
    return bool(k) and (k[0].isdigit() or k in NUMBER_WORDS)


def _is_negation(word: str) -> bool:
    k = _word_key(word).lower().replace("\u2019", "'")
    return k in NEGATIONS or k.endswith("n't")


@dataclass
class _Fragment:
    score: float
    start: int | None = None  # offsets in the original's text
    end: int | None = None
    diff: tuple[WordDiff, ...] = ()


def _align(quote: str, original: Original, onorm: str, oidx: list[int], altered_score: float) -> _Fragment:
    q = normalise(quote)[0]
    if not q or not onorm:
        return _Fragment(0.0)
    al = fuzz.partial_ratio_alignment(q, onorm)
    if al is None:
        return _Fragment(0.0)
    score = float(al.score)
    if score < altered_score:
        return _Fragment(score)
    # word-level diff over the aligned window, widened so changed words at the edges are whole
    slack = max(12, len(q) // 4)
    ws = max(0, al.dest_start - slack)
    we = min(len(onorm), al.dest_end + slack)
    owords = [(m.start() + ws, m.end() + ws, m.group()) for m in re.finditer(r"\S+", onorm[ws:we])]
    if ws > 0 and owords and onorm[ws - 1] != " ":
        owords = owords[1:]  # a word cut by the window's left edge
    if we < len(onorm) and owords and onorm[we] != " ":
        owords = owords[:-1]
    qwords = q.split()
    sm = difflib.SequenceMatcher(None, [_word_key(w) for _, _, w in owords], [_word_key(w) for w in qwords], autojunk=False)
    ops = [list(op) for op in sm.get_opcodes()]
    while ops and ops[0][0] == "delete":
        ops.pop(0)
    while ops and ops[-1][0] == "delete":
        ops.pop()
    if not ops:
        return _Fragment(score)
    first, last = ops[0], ops[-1]
    if first[0] == "replace" and first[2] - first[1] > first[4] - first[3]:
        first[1] = first[2] - (first[4] - first[3])  # keep the original words next to the quote
    if last[0] == "replace" and last[2] - last[1] > last[4] - last[3]:
        last[2] = last[1] + (last[4] - last[3])
    i1, i2 = ops[0][1], ops[-1][2]
    diff = tuple(
        WordDiff(op=tag, original=[w for _, _, w in owords[a1:a2]], quoted=qwords[b1:b2])
        for tag, a1, a2, b1, b2 in ops
        if tag != "equal"
    )
    if i2 <= i1:
        return _Fragment(score, diff=diff)
    return _Fragment(score, oidx[owords[i1][0]], oidx[owords[i2 - 1][1] - 1] + 1, diff)


def _check_one(quote: Quote, original: Original, config: FidelityConfig) -> dict:
    onorm, oidx = original.normalised
    fragments = [f for f in _ELLIPSIS.split(quote.text) if f.strip(_EDGE)]
    results = [_align(f.strip(_EDGE), original, onorm, oidx, config.altered_score) for f in fragments] or [_Fragment(0.0)]
    score = min(r.score for r in results)
    diff = [d for r in results for d in r.diff]
    changed = [w for d in diff for w in (*d.original, *d.quoted)]
    numbers = any(_is_number(w) for w in changed)
    negation = any(_is_negation(w) for w in changed)
    if score >= config.verbatim_score and not numbers and not negation:
        verdict = "verbatim"
    elif score >= config.altered_score:
        verdict = "altered"
    else:
        verdict = "not_found"
    starts = [r.start for r in results if r.start is not None]
    ends = [r.end for r in results if r.end is not None]
    found = verdict != "not_found" and bool(starts) and bool(ends)
    if found:
        lo, hi = min(starts), max(ends)
        while lo < hi and (original.text[lo] in _EDGE or original.text[lo] in _DROP):
            lo += 1
        while hi > lo and (original.text[hi - 1] in _EDGE or original.text[hi - 1] in _DROP):
            hi -= 1
        starts, ends = [lo], [hi]
    return dict(
        original=original.name,
        verdict=verdict,
        score=round(score, 1),
        original_text=original.text[min(starts) : max(ends)] if found else None,
        original_start=min(starts) if found else None,
        original_end=max(ends) if found else None,
        diff=diff if verdict != "not_found" else [],
        numbers_changed=numbers and verdict != "not_found",
        negation_changed=negation and verdict != "not_found",
    )


def _candidate_links(st: Statement, attribution: Attribution) -> list[ChainLink]:
    links = [link for link in st.chain if link.role in ("origin", "speaker")]
    src = attribution.source
    if src is not None:
        links.append(ChainLink(name=src.name, source_class=src.source_class, role="speaker", entity_id=src.entity_id, country=src.country))
    return links


def check_quotes(report: Report, originals: Sequence[Original], config: FidelityConfig | None = None) -> list[QuoteCheck]:
    """Every checkable quotation of the report against the originals of its sources, in
    document order.  Quotations whose sources have no original are not listed."""
    config = config or FidelityConfig()
    out: list[QuoteCheck] = []
    seen: set[tuple[int, int]] = set()
    for st in report.statements:
        for ai, att in enumerate(st.attributions):
            if att.kind not in config.kinds:
                continue
            for quote in quotations(att):
                if (quote.start, quote.end) in seen or len(quote.text.split()) < config.min_quote_words:
                    continue
                pairs = _pairs(_candidate_links(st, att), originals)
                if not pairs:
                    continue
                seen.add((quote.start, quote.end))
                best = None
                for link, original in pairs:
                    r = _check_one(quote, original, config)
                    key = (_RANK[r["verdict"]], -r["score"], original.name, link.name)
                    if best is None or key < best[0]:
                        best = (key, link, r)
                assert best is not None
                _, link, r = best
                out.append(QuoteCheck(path=report.document.path, statement=st.index, attribution=ai, quote=quote.text,
                                      start=quote.start, end=quote.end, source=link.name, **r))
    out.sort(key=lambda c: (c.start, c.end, c.statement))
    return out


def _pairs(links: Iterable[ChainLink], originals: Sequence[Original]) -> list[tuple[ChainLink, Original]]:
    out: list[tuple[ChainLink, Original]] = []
    names: set[str] = set()
    for link in links:
        for original in originals:
            if original.name not in names and original.belongs_to(link):
                names.add(original.name)
                out.append((link, original))
    return out
