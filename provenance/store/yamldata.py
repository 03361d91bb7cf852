"""Data files, once read from YAML, kept as JSON under the cache dir (``yaml_cache_dir``).

PyYAML builds its Python objects in Python: the 590 KB of ``rules/registry/`` take about
0.4 s to read, on every run, where the same data as JSON takes 0.01 s.  An entry is keyed
by the SHA-256 of the file's bytes (and of this module's format), so an edited file is
simply read again (``provenance.yamlfile.load_yaml(..., cached=True)`` reads through this
cache); an entry is written only when JSON gives back exactly the data YAML gave (no
dates, no non-string keys); entries are verified like every cache entry
(``provenance.store.entries``), and a missing, corrupt, foreign, unreadable or unwritable
entry is a miss, never fatal.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from provenance.store.dirs import yaml_cache_dir
from provenance.store.entries import EntryStore

YAML_CACHE_FORMAT = b"2"  # bump when the YAML loader changes what it returns for the same bytes


def yaml_key(raw: bytes) -> str:
    return hashlib.sha256(YAML_CACHE_FORMAT + b"\0" + raw).hexdigest()


def load_cached(raw: bytes, parse: Callable[[], Any], directory: Path | None = None) -> Any:
    """``parse()`` (which reads ``raw``), or what it gave for the same bytes before.  Errors
    of ``parse`` propagate unchanged; nothing is cached for them."""
    key = yaml_key(raw)
    store = EntryStore(directory or yaml_cache_dir(), "yaml cache")
    payload = store.read(key)
    if payload is not None:
        try:
            return json.loads(payload)
        except ValueError:  # a digest collision is not a real case, but never fatal
            store.miss(store.path(key), "corrupt")
    data = parse()
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        if json.loads(text) == data:
            store.write(key, text)
    except (TypeError, ValueError):  # not plain JSON data (a date, a non-string key): read it as YAML each time
        pass
    return data
