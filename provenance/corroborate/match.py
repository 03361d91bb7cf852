"""Corroboration across a batch of reports.

Each state-media-only statement is matched against every statement of the *other* reports
of the batch.  A match counts as

* ``corroboration`` when the matching statement's chain ends at (origin or speaker; the
  publisher itself for a statement with no attribution) a source of a supporting class
  (independent outlets; public-service media and official bodies of another state than the
  state media's), and passes through no state media of that state;
* ``repetition`` when its chain passes through the same state's media (same country, or the
  same outlet), or ends at an official or person of that state;
* ``other`` otherwise (another state's media, unknown sources, people).

The statement is ``corroborated`` when one match corroborates, ``repetition`` when it is
only repeated, else ``uncorroborated``.

Matching: the claim (each attribution's content span, else the statement text) is
normalised (``provenance.corroborate.text``).  An inverted index of content words is the
prefilter: only candidates sharing at least ``min_shared_tokens`` distinct words with the
query (overlaps counted with ``numpy.bincount`` over the postings) are scored, in one
``rapidfuzz.process.extract`` call per query with the token-set ratio and
``score_cutoff=min_score``; the pairs above it then go through the agreement gates: the
same named entities, the same numbers, the same polarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from provenance.corroborate.schema import Corroboration, CorroborationConfig, CorroborationMatch, Relation
from provenance.corroborate.text import Features, conflict, features, resolve_entities
from provenance.report import ChainLink, Report, Statement

STATE_CLASSES = ("state_controlled", "state_affiliated")
_RELATION_ORDER = {"corroboration": 0, "repetition": 1, "other": 2}


def is_state_media_only(st: Statement) -> bool:
    return st.state_media_only or st.verdict == "state_media_only"


def claim_texts(st: Statement) -> list[str]:
    """What a statement claims: its attributions' distinct content spans (longest first), or
    the statement text when none has one."""
    seen: dict[str, None] = {}
    for a in st.attributions:
        if a.content is not None and a.content.text.strip():
            seen.setdefault(a.content.text.strip(), None)
    texts = sorted(seen, key=lambda t: (-len(t), t))
    return texts or [st.text]


@dataclass(frozen=True)
class StateMedia:
    """The state media a state-media-only statement rests on."""

    names: frozenset[str]  # casefolded
    ids: frozenset[str]
    countries: frozenset[str]
    display: tuple[str, ...]

    @classmethod
    def of(cls, st: Statement) -> StateMedia:
        links: list[tuple[str, str | None, str | None]] = []
        for link in st.chain:
            if link.source_class in STATE_CLASSES:
                links.append((link.name, link.entity_id, link.country))
        for a in st.attributions:
            s = a.source
            if s is not None and s.source_class in STATE_CLASSES:
                links.append((s.name, s.entity_id, s.country))
        return cls(
            names=frozenset(n.casefold() for n, _, _ in links),
            ids=frozenset(i for _, i, _ in links if i),
            countries=frozenset(c.upper() for _, _, c in links if c),
            display=tuple(sorted({n for n, _, _ in links})),
        )

    def same_state_media(self, link: ChainLink) -> bool:
        if link.source_class not in STATE_CLASSES:
            return False
        return (
            (link.country is not None and link.country.upper() in self.countries)
            or (link.entity_id is not None and link.entity_id in self.ids)
            or link.name.casefold() in self.names
        )

    def same_state(self, link: ChainLink) -> bool:
        return link.country is not None and link.country.upper() in self.countries


def classify(state: StateMedia, chain: Sequence[ChainLink], config: CorroborationConfig) -> tuple[Relation, ChainLink | None]:
    """How a matching statement with this chain relates to the state media's claim."""
    for link in chain:
        if state.same_state_media(link):
            return "repetition", link
    grounding = [link for link in chain if link.role in ("origin", "speaker")]
    if not grounding:
        if not config.reporter_counts or not chain:
            return "other", chain[-1] if chain else None
        grounding = [chain[0]]
    for link in grounding:
        if link.source_class in config.support_classes and (link.source_class == "independent" or not state.same_state(link)):
            return "corroboration", link
    for link in grounding:
        if state.same_state(link):
            return "repetition", link
    return "other", grounding[-1]


@dataclass
class _Entry:
    doc: int  # index of the report in the batch
    statement: Statement
    claim: str
    feats: Features
    entities: frozenset[str] = frozenset()


def _agree(q: _Entry, c: _Entry, config: CorroborationConfig) -> bool:
    qt, ct = q.feats.token_set, c.feats.token_set
    if len(qt & ct) < config.min_shared_tokens:
        return False
    if config.negation_agreement and q.feats.negated != c.feats.negated:
        return False
    if config.number_agreement:
        qn, cn = q.feats.numbers, c.feats.numbers
        if config.strict_numbers and (qn or cn) and qn != cn:
            return False
        if conflict(qn - cn, cn - qn):
            return False
    if config.entity_agreement and conflict(q.entities - ct, c.entities - qt):
        return False
    return True


def corroborate(reports: Sequence[Report], config: CorroborationConfig | None = None) -> dict[str, list[Corroboration]]:
    """Corroboration of every state-media-only statement of the batch, by document path
    (sorted; every report of the batch has a key).  A report whose path was already seen
    in the batch is ignored.  Pure and deterministic."""
    config = config or CorroborationConfig()
    docs: list[Report] = []
    seen_paths: set[str] = set()
    for r in reports:
        if r.document.path not in seen_paths:
            seen_paths.add(r.document.path)
            docs.append(r)

    entries: list[_Entry] = []
    queries: list[int] = []  # indexes into entries
    for d, report in enumerate(docs):
        for st in report.statements:
            for claim in claim_texts(st):
                e = _Entry(d, st, claim, features(claim))
                if is_state_media_only(st):
                    queries.append(len(entries))
                entries.append(e)
    known_names: set[str] = set()
    common_words: set[str] = set()
    for e in entries:
        known_names |= e.feats.entities
        common_words |= e.feats.lowercase
    for e in entries:
        e.entities = resolve_entities(e.feats, known_names, common_words)

    # prefilter: an inverted index of content words; only pairs sharing min_shared_tokens
    # distinct words are scored (rapidfuzz token-set ratio with score_cutoff)
    post_lists: dict[str, list[int]] = {}
    for ci, e in enumerate(entries):
        for tok in e.feats.token_set:
            post_lists.setdefault(tok, []).append(ci)
    postings = {tok: np.asarray(ids, dtype=np.int32) for tok, ids in post_lists.items()}
    doc_of = np.asarray([e.doc for e in entries], dtype=np.int32)
    keys = [e.feats.key for e in entries]
    best: dict[tuple[int, int], dict[tuple[int, int], tuple[float, _Entry]]] = {}
    for qi in queries:
        q = entries[qi]
        if len(q.feats.token_set) < config.min_shared_tokens:
            continue
        shared = np.bincount(np.concatenate([postings[t] for t in q.feats.token_set]), minlength=len(entries))
        cands = np.flatnonzero((shared >= config.min_shared_tokens) & (doc_of != q.doc))
        if not len(cands):
            continue
        idx = cands.tolist()
        hits = process.extract(q.feats.key, [keys[i] for i in idx], scorer=fuzz.token_set_ratio,
                               score_cutoff=config.min_score, limit=None)
        for _, score, k in sorted(hits, key=lambda h: h[2]):
            c = entries[idx[k]]
            if score < config.min_score or not _agree(q, c, config):
                continue
            slot = best.setdefault((q.doc, q.statement.index), {})
            key = (c.doc, c.statement.index)
            if key not in slot or score > slot[key][0]:
                slot[key] = (score, c)

    out: dict[str, list[Corroboration]] = {r.document.path: [] for r in docs}
    for d, report in enumerate(docs):
        for st in report.statements:
            if not is_state_media_only(st):
                continue
            state = StateMedia.of(st)
            matches: list[CorroborationMatch] = []
            for (cd, _), (score, c) in best.get((d, st.index), {}).items():
                relation, basis = classify(state, c.statement.chain, config)
                matches.append(
                    CorroborationMatch(
                        path=docs[cd].document.path,
                        statement=c.statement.index,
                        text=c.statement.text,
                        claim=c.claim,
                        score=round(score, 1),
                        relation=relation,
                        verdict=c.statement.verdict,
                        basis=basis,
                        chain=[link.name for link in c.statement.chain],
                    )
                )
            matches.sort(key=lambda m: (_RELATION_ORDER[m.relation], -m.score, m.path, m.statement))
            relations = {m.relation for m in matches}
            status = "corroborated" if "corroboration" in relations else "repetition" if "repetition" in relations else "uncorroborated"
            out[report.document.path].append(
                Corroboration(
                    path=report.document.path,
                    statement=st.index,
                    text=st.text,
                    claim=claim_texts(st)[0],
                    state_media=list(state.display),
                    countries=sorted(state.countries),
                    status=status,
                    matches=matches[: config.max_matches],
                )
            )
    return {path: out[path] for path in sorted(out)}
