"""On-disk cache of the analyse stage's output (the report before policy), so that a
re-check of an unchanged article skips extraction, resolution and chaining as well as
parsing, the way ruff skips unchanged files.

The key covers everything the analysis reads: the parse's key (text, model id, stanza
version), the whole ingested article (text, metadata, offsets), and a fingerprint of the
code and data that analyse it (every file of the ``provenance`` package but the model
weights, which the model id covers, and every file of the rule pack: cue lexicon,
registry).  Policy (rules, config, baselines) runs on every check and is not cached.
Entries are stored like parses (``provenance.store.entries``: atomic writes, each entry
verified against the key it was written for, a wrong or corrupt entry is rebuilt);
``--no-cache`` bypasses both caches.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from provenance.article import Article
from provenance.report import Report
from provenance.rules_location import rules_dir
from provenance.store.dirs import analysis_cache_dir
from provenance.store.entries import JsonCache

ANALYSIS_FORMAT = "2"  # bump when what an entry holds changes shape (2: verified entries)
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the provenance package
_SKIPPED_DIRS = {"__pycache__", "models"}  # bytecode; model weights (covered by the model id)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and not _SKIPPED_DIRS.intersection(p.relative_to(root).parts))


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 over the package's code and data files and the rule pack's files (once per process)."""
    h = hashlib.sha256()
    for root in (PACKAGE_DIR, rules_dir()):
        for p in _files(root):
            h.update(str(p.relative_to(root)).encode("utf-8"))
            h.update(b"\0")
            h.update(p.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def analysis_key(parse_key: str, article: Article) -> str:
    h = hashlib.sha256()
    for part in (ANALYSIS_FORMAT, code_fingerprint(), parse_key, article.model_dump_json()):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


class AnalysisCache:
    def __init__(self, directory: Path | None = None) -> None:
        self._store = JsonCache(directory or analysis_cache_dir(), Report, "analysis cache")

    def get(self, key: str) -> Report | None:
        return self._store.get(key)

    def put(self, key: str, report: Report) -> None:
        self._store.put(key, report)
