"""On-disk cache of parses, keyed by (text hash, model id, stanza version).

Entries are the JSON of the typed view (``ParsedDocument``), so a cache hit needs neither
torch nor the model.  Writes are atomic (temp file + rename).  A corrupt or foreign entry
(another key's, another model's) is ignored (and rebuilt by the caller), never fatal
(``provenance.store.entries``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from loguru import logger

from provenance.nlp.doc import ParsedDocument
from provenance.store.dirs import parse_cache_dir
from provenance.store.entries import JsonCache

CACHE_FORMAT = "7"  # bump when parsing code changes what a parse holds (6: "Kim Jong | Un" joined;
# 7: a common noun's "'s" split off)


def cache_key(text: str, model_id: str, stanza_version: str) -> str:
    h = hashlib.sha256()
    for part in (CACHE_FORMAT, model_id, stanza_version, text):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


class ParseCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or parse_cache_dir()
        self._store = JsonCache(self.directory, ParsedDocument, "parse cache")

    def _path(self, key: str) -> Path:
        return self._store.path(key)

    def get(self, key: str, model_id: str) -> ParsedDocument | None:
        doc = self._store.get(key)
        if doc is not None and doc.model_id != model_id:
            logger.warning(f"parse cache: foreign entry {self._path(key)}; re-parsing")
            return None
        return doc

    def put(self, key: str, doc: ParsedDocument) -> None:
        self._store.put(key, doc)
