"""The detectors behind the editorial rules: pure functions over a Report and its Article.

Detection is code, policy is data: each rule file (``rules/editorial/*.yaml``) names one
detector here by ``detector:``, fills its message template from the fields the detector
provides, and may tune the detector's ``options`` (unknown options are an error when the rule loads).

A detector is ``func(ctx: DetectorContext, rule: Rule) -> list[Hit]``; ``Hit`` is a finding
before the rule's code, severity and message are applied (see ``engine.evaluate``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from provenance.policy.rule_schema import Rule
from provenance.quotes import (
    Block,
    balance,
    covered,
    opens_with_quote,
    paragraphs,
    quote_spans,
    word_count,
)
from provenance.report import Attribution, Report, Statement

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_NON_SPACE = re.compile(r"\S")

# Fields every message template may use (values describe the statement concerned).
COMMON_FIELDS = frozenset({"text", "verdict", "chain", "origin"})


@dataclass
class Hit:
    """One place a detector fires."""

    start: int
    end: int
    statement: int | None
    fields: dict[str, Any]  # message template values (COMMON_FIELDS are added for statements)
    content: str  # what the fingerprint hashes besides the code; parts joined by "\x1f"
    confidence: float = 1.0


@dataclass(frozen=True)
class DetectorSpec:
    name: str
    func: Callable[[DetectorContext, Rule], list[Hit]]
    fields: frozenset[str]  # message fields this detector provides (besides COMMON_FIELDS)
    options: dict[str, Any]  # option defaults; a rule may override any of them
    doc: str = ""


DETECTORS: dict[str, DetectorSpec] = {}


def detector(name: str, *, fields: tuple[str, ...] = (), options: dict[str, Any] | None = None):
    """Register a detector function under ``name``."""

    def deco(func: Callable[[DetectorContext, Rule], list[Hit]]):
        DETECTORS[name] = DetectorSpec(name, func, frozenset(fields), dict(options or {}), (func.__doc__ or "").strip())
        return func

    return deco


@dataclass
class DetectorContext:
    """What every detector reads, with derived data computed once."""

    report: Report
    article: Any  # provenance.article.Article (or anything with .text/.source_text/.paragraphs)
    _opts: dict[str, dict[str, Any]] = field(default_factory=dict)

    @cached_property
    def text(self) -> str:
        """The article body text, with HTML comments (suppression comments among them)
        blanked in case ingest left them: their quotation marks are not the article's."""
        text = getattr(self.article, "text", None) or getattr(self.article, "source_text", "") or ""
        return _HTML_COMMENT.sub(lambda m: _NON_SPACE.sub(" ", m.group(0)), text)

    @cached_property
    def blocks(self) -> list[Block]:
        return paragraphs(self.article)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return quote_spans(self.text, self.blocks)

    def options(self, rule: Rule) -> dict[str, Any]:
        spec = DETECTORS[rule.detector]
        return {**spec.options, **rule.options}

    def statement_at(self, offset: int) -> Statement | None:
        for st in self.report.statements:
            if st.start <= offset < st.end:
                return st
        return None


# --------------------------------------------------------------------------- helpers


def normalise(text: str) -> str:
    """Case-, width- and whitespace-insensitive form used in fingerprints."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    return " ".join(text.split()).casefold()


def fingerprint(code: str, *parts: str) -> str:
    """sha256 over the code and normalised content, first 16 hex digits."""
    payload = "\x1f".join([code, *(normalise(p) for p in parts)])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def is_state_media_only(st: Statement) -> bool:
    return st.state_media_only or st.verdict == "state_media_only"


def chain_text(st: Statement) -> str:
    return " \u2192 ".join(link.name for link in st.chain)


def origin_name(st: Statement) -> str:
    for role in ("origin", "speaker", "relay"):
        names = [link.name for link in st.chain if link.role == role]
        if names:
            return names[0] if role == "origin" else names[-1]
    return st.chain[-1].name if st.chain else "unknown"


def common_fields(st: Statement | None) -> dict[str, Any]:
    if st is None:
        return {"text": "", "verdict": "", "chain": "", "origin": ""}
    return {"text": shorten(st.text), "verdict": st.verdict, "chain": chain_text(st), "origin": origin_name(st)}


def shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _attr_content(st: Statement, a: Attribution) -> str:
    source = a.source.name if a.source is not None else ""
    return f"{st.text}\x1f{a.cue.text}\x1f{source}"


def _source_words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.casefold())


def vague_head(text: str, heads: list[str], cut_words: list[str]) -> str | None:
    """The vague head word of a source mention ("sources close to the talks" -> "sources")."""
    words = _source_words(text)
    cuts = {c.casefold() for c in cut_words}
    for i, w in enumerate(words):
        if w in cuts:
            words = words[:i]
            break
    heads_set = {h.casefold() for h in heads}
    if words and words[-1] in heads_set:
        return words[-1]
    return None


def _own(st: Statement) -> list[tuple[int, Attribution]]:
    return [(i, a) for i, a in enumerate(st.attributions) if not a.carried]


# --------------------------------------------------------------------------- detectors


@detector("state_media_claim_unattributed", options={"quote_coverage": 0.8})
def state_media_claim_unattributed(ctx: DetectorContext, rule: Rule) -> list[Hit]:
    """A statement whose verdict is state media only, with no attribution of its own: every
    attribution it has is carried over from an earlier sentence (or it has none).  Exempt:
    the continuation of a direct quotation (at least ``quote_coverage`` of the statement's
    characters inside quotation marks), which the quotation marks already attribute."""
    opts = ctx.options(rule)
    hits: list[Hit] = []
    for st in ctx.report.statements:
        if not is_state_media_only(st) or _own(st):
            continue
        length = max(1, len(st.text.strip()))
        if covered(st.start, st.end, ctx.quotes) / length >= float(opts["quote_coverage"]):
            continue
        hits.append(Hit(st.start, st.end, st.index, {}, st.text, st.confidence))
    return hits


@detector("headline_state_media_only", fields=("position",))
def headline_state_media_only(ctx: DetectorContext, rule: Rule) -> list[Hit]:
    """The headline or the lede statement rests only on state media."""
    hits: list[Hit] = []
    for st in ctx.report.statements:
        if not (st.is_headline or st.is_lede) or not is_state_media_only(st):
            continue
        position = "headline" if st.is_headline else "lede"
        hits.append(Hit(st.start, st.end, st.index, {"position": position}, st.text, st.confidence))
    return hits


@detector(
    "state_media_factive_verb",
    fields=("cue", "source"),
    options={"source_classes": ["state_controlled"]},
)
def state_media_factive_verb(ctx: DetectorContext, rule: Rule) -> list[Hit]:
    """An attribution with a factive cue (stance ``factive``: revealed, confirmed, admitted)
    whose source is state media (class in ``source_classes``) or that sits in a statement
    resting only on state media; not one inside a direct quotation (the speaker's word, not
    the reporter's: '"The test proved ...," KCNA said')."""
    classes = set(ctx.options(rule)["source_classes"])
    hits: list[Hit] = []
    for st in ctx.report.statements:
        for _, a in _own(st):
            if a.stance != "factive" or any(qs <= a.cue.start < qe for qs, qe in ctx.quotes):
                continue
            state_source = a.source is not None and a.source.source_class in classes
            if not (state_source or is_state_media_only(st)):
                continue
            source = a.source.name if a.source is not None else origin_name(st)
            hits.append(
                Hit(a.cue.start, a.cue.end, st.index, {"cue": a.cue.text, "source": source},
                    _attr_content(st, a), a.confidence)
            )
    return hits


@detector("quote_without_speaker", fields=("quote", "words"), options={"min_words": 4})
def quote_without_speaker(ctx: DetectorContext, rule: Rule) -> list[Hit]:
    """A direct quotation of at least ``min_words`` words none of whose statements (a
    quotation may run over several sentences) has an attribution with a source or is
    carried over from an earlier attribution.  Quotations in paragraphs whose marks do not
    pair are skipped, as are quotations outside every statement."""
    min_words = int(ctx.options(rule)["min_words"])
    hits: list[Hit] = []
    for qs, qe in ctx.quotes:
        quote = ctx.text[qs:qe]
        n = word_count(quote)
        if n < min_words:
            continue
        sts = [st for st in ctx.report.statements if st.start < qe and qs < st.end]
        if not sts or any(st.carried or any(a.source is not None for a in st.attributions) for st in sts):
            continue
        first = sts[0]
        hits.append(
            Hit(qs, qe, first.index, {"quote": shorten(quote.strip(), 60), "words": n},
                "\x1f".join([*(st.text for st in sts), quote]), min(st.confidence for st in sts))
        )
    return hits


_VAGUE_HEADS = [
    "source", "sources", "official", "officials", "observer", "observers", "expert", "experts",
    "report", "reports", "analyst", "analysts", "insider", "insiders", "people", "person",
    "diplomat", "diplomats", "media",
]
_CUT_WORDS = ["who", "with", "familiar", "close", "at", "in", "from", "of", "on", "for", "briefed", "speaking"]


@detector("vague_attribution", fields=("cue", "who"), options={"vague_heads": _VAGUE_HEADS, "cut_words": _CUT_WORDS})
def vague_attribution(ctx: DetectorContext, rule: Rule) -> list[Hit]:
    """An attribution with no source ("it was reported", "reportedly"), or whose source is
    a vague description: unresolved (no registry entry, no antecedent) and headed by one of
    ``vague_heads`` once trailing modifiers (from the first of ``cut_words``) are dropped."""
    opts = ctx.options(rule)
    hits: list[Hit] = []
    for st in ctx.report.statements:
        for _, a in _own(st):
            if a.source is None:
                who = "no named source"
                start, end = a.cue.start, a.cue.end
            else:
                src = a.source
                if src.entity_id is not None or src.antecedent is not None:
                    continue
                head = vague_head(src.text, opts["vague_heads"], opts["cut_words"])
                if head is None:
                    continue
                who = f"\u201c{src.text}\u201d"
                start, end = src.start, src.end
            hits.append(
                Hit(start, end, st.index, {"cue": a.cue.text, "who": who}, _attr_content(st, a), a.confidence)
            )
    return hits


_PLAIN_MODIFIERS = ["the", "a", "an", "some", "several", "many", "few", "other", "two", "three", "four",
                    "five", "unnamed", "anonymous", "unidentified", "senior", "top", "high", "ranking",
                    "informed", "certain", "various"]


def vague_origin(text: str, opts: dict) -> bool:
    """A relayed source that names no origin: headed by a vague word ("citing sources",
    "quoting officials", "citing senior officials"), unless a word before a head other than
    the `anonymous_heads` says whose they are ("citing emergency officials": the emergency
    services; "citing a source in the fleet" still names no one)."""
    head = vague_head(text, opts["vague_heads"], opts["cut_words"])
    if head is None:
        return False
    if head in {h.casefold() for h in opts["anonymous_heads"]}:
        return True
    words = _source_words(text)
    before = words[: words.index(head)] if head in words else []
    plain = {m.casefold() for m in opts["plain_modifiers"]}
    return all(w in plain for w in before)


@detector(
    "relay_without_origin",
    fields=("relay", "problem"),
    options={
        "relay_cues": ["quoting", "citing"],
        "relay_patterns": ["relay"],
        "vague_heads": _VAGUE_HEADS,
        "cut_words": _CUT_WORDS,
        "anonymous_heads": ["source", "sources", "insider", "insiders", "report", "reports"],
        "plain_modifiers": _PLAIN_MODIFIERS,
        "flag_unresolved": False,
    },
)
def relay_without_origin(ctx: DetectorContext, rule: Rule) -> list[Hit]:
    """A relay whose origin is missing.  An attribution is *relayed* when it is embedded in
    another (``embedded_in`` set: the outer one is the relay) or when its construction is a
    relay (``pattern`` in ``relay_patterns`` or cue in ``relay_cues``: "citing X", "quoting
    X"; the relay is then the outer attribution or the statement's publisher).  It fires
    when the relayed source is missing (None), vague (``vague_origin``: as in
    ``vague-attribution``, but "emergency officials" names whose officials they are), or, with
    ``flag_unresolved``, not resolved to a registry entry; and once per statement whose
    attribution chain ends at a ``relay`` link with no origin after it."""
    opts = ctx.options(rule)
    relay_cues = {c.casefold() for c in opts["relay_cues"]}
    relay_patterns = set(opts["relay_patterns"])
    hits: list[Hit] = []
    for st in ctx.report.statements:
        fired = False
        for _, a in _own(st):
            relayed = a.embedded_in is not None or a.pattern in relay_patterns or a.cue.text.casefold() in relay_cues
            if not relayed:
                continue
            outer = None
            if a.embedded_in is not None and 0 <= a.embedded_in < len(st.attributions):
                outer = st.attributions[a.embedded_in]
            if outer is not None and outer.source is not None:
                relay = outer.source.name
            else:
                relay = st.chain[0].name if st.chain else "the publisher"
            src = a.source
            unresolved = src is not None and src.entity_id is None and src.antecedent is None
            if src is None:
                problem = f"\u201c{a.cue.text}\u201d names no source"
            elif unresolved and vague_origin(src.text, opts):
                problem = f"\u201c{src.text}\u201d is not an origin"
            elif opts["flag_unresolved"] and unresolved and src.source_class == "unknown":
                problem = f"\u201c{src.text}\u201d is not a known source"
            else:
                continue
            fired = True
            hits.append(
                Hit(a.cue.start, a.cue.end, st.index, {"relay": relay, "problem": problem},
                    _attr_content(st, a), a.confidence)
            )
        if not fired and st.chain and st.chain[-1].role == "relay" and not st.carried:
            last = st.chain[-1]
            problem = "the attribution chain ends at a relay"
            hits.append(Hit(st.start, st.end, st.index, {"relay": last.name, "problem": problem},
                            f"{st.text}\x1f{chain_text(st)}", st.confidence))
    return hits


@detector("unbalanced_quotes", fields=("detail",), options={"allow_continued": True})
def unbalanced_quotes(ctx: DetectorContext, rule: Rule) -> list[Hit]:
    """A paragraph whose quotation marks do not pair: an odd number of straight ``"``, or
    curly ``“`` and ``”`` that do not match.  With ``allow_continued``, a paragraph left open
    at its end is fine when the next paragraph opens with a quotation mark (news style for a
    quotation running over several paragraphs)."""
    allow_continued = bool(ctx.options(rule)["allow_continued"])
    text = ctx.text
    hits: list[Hit] = []
    blocks = ctx.blocks
    for k, block in enumerate(blocks):
        bal = balance(text, block.start, block.end)
        if bal.balanced:
            continue
        if bal.stray is None and allow_continued:
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            if nxt is not None and opens_with_quote(text, nxt.start, nxt.end):
                continue
        at = bal.stray if bal.stray is not None else bal.open_at_end
        assert at is not None
        parts = []
        if bal.straight % 2:
            parts.append(f'{bal.straight} straight \u201c"\u201d')
        if bal.opening != bal.closing or bal.stray is not None:
            parts.append(f"{bal.opening} \u201c and {bal.closing} \u201d")
        detail = ", ".join(parts) or "a quotation left open"
        st = ctx.statement_at(at)
        hits.append(Hit(at, at + 1, st.index if st else None, {"detail": detail}, text[block.start:block.end], 1.0))
    return hits


@detector("unused_suppression", fields=("problem", "directive"))
def unused_suppression(ctx: DetectorContext, rule: Rule) -> list[Hit]:
    """Placeholder: unused and invalid suppression comments are found by the engine
    (``provenance.policy.suppress``) after every other rule has run."""
    return []


# Placeholder for the cross-article rules (``stage: cross_article``): QUO403 quote-altered
# and QUO404 quote-not-found compare quotations with the sources' original texts, which one
# article does not have.  Their findings are made by ``provenance.corroborate.attach``
# (``provenance check --originals DIR``, ``provenance corroborate --originals DIR``).
QUOTE_FIDELITY_FIELDS = ("source", "original", "score", "flags", "changes", "quote")


@detector("quote_fidelity", fields=QUOTE_FIDELITY_FIELDS)
def quote_fidelity(ctx: DetectorContext, rule: Rule) -> list[Hit]:
    """Placeholder: quotations are compared with the sources' original texts by the
    cross-article stage (``provenance.corroborate``), not within one article."""
    return []
