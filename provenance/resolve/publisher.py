"""The article's publisher as the first link of every chain."""

from __future__ import annotations

from provenance.article import Article
from provenance.chain.build import Node
from provenance.registry import Registry
from provenance.resolve.entities import MEDIA_CLASSES, display_name


def publisher_node(article: Article, registry: Registry) -> Node | None:
    """The registry entry of the article's publisher, or an unknown outlet of that name."""
    if not article.publisher:
        return None
    m = registry.lookup(article.publisher, dateline_country(article.place, registry))  # "ANKARA (AA)": Anadolu
    if m is not None and m.entry is not None:
        e = m.entry
        return Node(display_name(e), e.source_class, e.id, e.country, e.source_class in MEDIA_CLASSES)
    return Node(article.publisher, "unknown", None, None, True)


def dateline_country(place: str | None, registry: Registry) -> str | None:
    """The country of a dateline's place ("ANKARA", "DAMASCUS, Syria"), when the registry knows it."""
    if not place:
        return None
    for part in [place, *place.split(",")]:
        part = part.strip()
        for form in (part, part.title()):
            cc = registry.country_of(form)
            if cc:
                return cc
    return None
