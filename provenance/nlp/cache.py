"""On-disk cache of parses, keyed by (text hash, model id, stanza version).

Entries are the JSON of the typed view (``ParsedDocument``), so a cache hit needs neither
torch nor the model.  Writes are atomic (temp file + rename).  A corrupt or foreign entry
is ignored (and rebuilt by the caller), never fatal.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from loguru import logger
from pydantic import ValidationError

from provenance.cache_dirs import parse_cache_dir
from provenance.nlp.doc import ParsedDocument

CACHE_FORMAT = "4"  # bump when parsing code changes what a parse holds


def cache_key(text: str, model_id: str, stanza_version: str) -> str:
    h = hashlib.sha256()
    for part in (CACHE_FORMAT, model_id, stanza_version, text):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


class ParseCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or parse_cache_dir()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, model_id: str) -> ParsedDocument | None:
        path = self._path(key)
        try:
            data = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            logger.warning(f"parse cache: unreadable entry {path} ({exc}); re-parsing")
            return None
        try:
            doc = ParsedDocument.model_validate_json(data)
        except ValidationError:
            logger.warning(f"parse cache: corrupt entry {path}; re-parsing")
            return None
        if doc.model_id != model_id:
            logger.warning(f"parse cache: foreign entry {path}; re-parsing")
            return None
        return doc

    def put(self, key: str, doc: ParsedDocument) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(doc.model_dump_json())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:  # a read-only or full cache must not stop a check
            logger.warning(f"parse cache: cannot write {path} ({exc})")
