"""Registry YAML files, once read, kept as JSON under the cache dir (``yaml_cache_dir``).

PyYAML builds its Python objects in Python: the 590 KB of ``rules/registry/`` take about
0.4 s to read, on every run, where the same data as JSON takes 0.01 s.  An entry is keyed
by the SHA-256 of the file's bytes (and of this module's format), so an edited file is
simply read again; an entry is written only when JSON gives back exactly the data YAML
gave (no dates, no non-string keys); a corrupt, unreadable or unwritable cache is ignored,
never fatal.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from loguru import logger

from provenance.cache_dirs import yaml_cache_dir
from provenance.errors import UserError
from provenance.fileio import write_atomic

YAML_CACHE_FORMAT = b"1"  # bump when the YAML loader changes what it returns for the same bytes


def _entry(raw: bytes, directory: Path) -> Path:
    key = hashlib.sha256(YAML_CACHE_FORMAT + b"\0" + raw).hexdigest()
    return directory / key[:2] / f"{key}.json"


def load_yaml_cached(path: Path, load: Callable[[Path], Any], directory: Path | None = None) -> Any:
    """``load(path)``, or what it gave for the same bytes before.  Errors of ``load``
    (unreadable file, YAML syntax) propagate unchanged; nothing is cached for them."""
    raw = path.read_bytes()
    entry = _entry(raw, directory or yaml_cache_dir())
    try:
        return json.loads(entry.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        logger.debug(f"yaml cache: ignoring entry {entry} ({exc})")
    data = load(path)
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        if json.loads(text) == data:
            write_atomic(entry, text)
    except (TypeError, ValueError):  # not plain JSON data (a date, a non-string key): read it as YAML each time
        pass
    except (OSError, UserError) as exc:  # a read-only or full cache
        logger.debug(f"yaml cache: cannot write {entry} ({exc})")
    return data
