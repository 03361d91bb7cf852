"""What a statement's chain passes through: the predicates on its paths that the carry rules share."""
from __future__ import annotations

from provenance.chain.build import STATE_MEDIA, Node, StatementChain


def through_media(sc: StatementChain) -> bool:
    """Does any path of the chain pass through a news outlet?"""
    return any(n.is_media for p in sc.paths for n in p)


def state_media_only_paths(paths: list[list[Node]]) -> bool:
    """Does every path pass through state media?"""
    return all(any(n.source_class in STATE_MEDIA for n in p) for p in paths)
