"""The cyclic garbage collector, set for provenance's runs (measured in docs/benchmarks.md).

A check builds tens of thousands of small objects per article (the parse's words, the
report's models), nearly all of them acyclic, and drops them when the article is done.
With CPython's default thresholds (700, 10, 10) the collector runs a young collection
every 700 new objects and scans the survivors again and again, which made reading the
cached parses several times slower than validating them.  A run therefore lets a young
generation grow to ``GC_THRESHOLDS[0]`` objects first, as type checkers and other batch
tools do; and what lives for the whole run (the model, the registry, the rules) is
frozen out of the collector once it is loaded.
"""

from __future__ import annotations

import gc

GC_THRESHOLDS = (100_000, 50, 50)


def tune_collector() -> None:
    """Raise the collector's thresholds to ``GC_THRESHOLDS`` (never lowers them)."""
    current = gc.get_threshold()
    if current[0] and current[0] < GC_THRESHOLDS[0]:
        gc.set_threshold(*GC_THRESHOLDS)


def freeze_long_lived() -> None:
    """Move every object alive now out of the collector's reach (``gc.freeze``): call it
    once what lives for the whole run has been loaded."""
    gc.freeze()
