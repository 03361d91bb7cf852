"""What the carry rules share: the predicates on a statement chain's paths, and the word pattern
they compare texts with."""
from __future__ import annotations

import re

from provenance.chain.build import STATE_MEDIA, Node, StatementChain

WORDS = re.compile(r"\w+")  # the words of a text, as the carry rules compare them


def through_media(sc: StatementChain) -> bool:
    """Does any path of the chain pass through a news outlet?"""
    return any(n.is_media for p in sc.paths for n in p)


def state_media_only_paths(paths: list[list[Node]]) -> bool:
    """Does every path pass through state media?"""
    return all(any(n.source_class in STATE_MEDIA for n in p) for p in paths)
