"""The countries an article is about: the context that resolves descriptors ("the North's state
media", "the ministry") to a registry entry."""

from __future__ import annotations

from collections import Counter

from provenance.nlp.doc import ParsedDocument
from provenance.registry import Registry
from provenance.resolve.publisher import dateline_country

NAME_WEIGHT = 1  # one capitalised word naming a country or its people ("Russia", "Korean")
PAIR_WEIGHT = 2  # two such words together ("North Korea", "South Korean")
PLACE_WEIGHT = 1  # the dateline's place


def article_countries(text: str, parsed: ParsedDocument, registry: Registry, place: str | None) -> list[str]:
    """Countries the article is about, most mentioned first (ties by code)."""
    counts: Counter[str] = Counter()
    for sent in parsed.sentences:
        for w in sent.words:
            if w.upos in ("PROPN", "ADJ") and w.text[:1].isupper():
                cc = registry.country_of(w.text)
                if cc:
                    counts[cc] += NAME_WEIGHT
        for a, b in zip(sent.words, sent.words[1:]):
            if a.upos in ("PROPN", "ADJ") and b.upos in ("PROPN", "ADJ"):
                cc = registry.country_of(f"{a.text} {b.text}")
                if cc:
                    counts[cc] += PAIR_WEIGHT
    cc = dateline_country(place, registry)  # "MOSCOW", "DAMASCUS, Syria": in any case
    if cc:
        counts[cc] += PLACE_WEIGHT
    return [cc for cc, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
