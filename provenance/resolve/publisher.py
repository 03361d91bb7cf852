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
    m = registry.lookup(article.publisher)
    if m is not None and m.entry is not None:
        e = m.entry
        return Node(display_name(e), e.source_class, e.id, e.country, e.source_class in MEDIA_CLASSES)
    return Node(article.publisher, "unknown", None, None, True)
