"""A folder of cache entries, one per key, each verified on read.

An entry is two parts in one file::

    {"key": "<the key it was written for>", "sha256": "<of the payload>"}\\n
    <payload: JSON>

It lives at ``DIR/KEY[:2]/KEY.json``, but its place is not trusted: an entry is used only
when its header names the key asked for and its payload has the recorded digest.  So an
entry copied or moved to another key, truncated, edited or replaced by ``null`` is a miss
(logged, then rebuilt and overwritten by the caller), never used and never fatal.  Writes
are atomic (temp file + rename): an interrupted run never leaves a half-written entry.  A
cache that cannot be written (read-only, full) only warns.

``EntryStore`` holds text payloads (the YAML data cache stores plain JSON);
``JsonCache`` one pydantic model per key (the parse cache and the analysis cache).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Generic, TypeVar

from loguru import logger
from pydantic import BaseModel, ValidationError

from provenance.errors import UserError
from provenance.fileio import write_atomic

M = TypeVar("M", bound=BaseModel)


def _digest(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class EntryStore:
    def __init__(self, directory: Path, label: str) -> None:
        self.directory = directory
        self.label = label  # names the cache in log lines ("parse cache")

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def miss(self, path: Path, why: str) -> None:
        logger.warning(f"{self.label}: {why} entry {path}; rebuilding it")

    def read(self, key: str) -> str | None:
        """The payload written for ``key``, or None (a miss) when there is no such entry or
        the entry does not prove it holds what was written for ``key``."""
        path = self.path(key)
        try:
            data = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.miss(path, f"unreadable ({exc})")
            return None
        head, sep, payload = data.partition("\n")
        try:
            header = json.loads(head) if sep else None
        except ValueError:
            header = None
        if not isinstance(header, dict) or not isinstance(header.get("sha256"), str):
            self.miss(path, "corrupt")
            return None
        if header.get("key") != key:
            self.miss(path, "foreign (written for another key)")
            return None
        if header["sha256"] != _digest(payload):
            self.miss(path, "corrupt (payload does not match its digest)")
            return None
        return payload

    def write(self, key: str, payload: str) -> None:
        header = json.dumps({"key": key, "sha256": _digest(payload)})
        path = self.path(key)
        try:
            write_atomic(path, f"{header}\n{payload}")
        except UserError as exc:  # a read-only or full cache must not stop a check
            logger.warning(f"{self.label}: {exc}")


class JsonCache(Generic[M]):
    """One pydantic model per key; a payload the model rejects is a miss too."""

    def __init__(self, directory: Path, model: type[M], label: str) -> None:
        self.entries = EntryStore(directory, label)
        self.model = model

    @property
    def directory(self) -> Path:
        return self.entries.directory

    def path(self, key: str) -> Path:
        return self.entries.path(key)

    def get(self, key: str) -> M | None:
        payload = self.entries.read(key)
        if payload is None:
            return None
        try:
            return self.model.model_validate_json(payload)
        except ValidationError:
            self.entries.miss(self.path(key), "corrupt")
            return None

    def put(self, key: str, value: M) -> None:
        self.entries.write(key, value.model_dump_json())
