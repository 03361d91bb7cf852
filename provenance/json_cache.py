"""A folder of JSON entries, one pydantic model per key: what the parse cache and the
analysis cache share.

Writes are atomic (temp file + rename), so an interrupted run never leaves a half-written
entry.  An unreadable or corrupt entry is logged and treated as a miss (the caller rebuilds
and overwrites it), never fatal; a cache that cannot be written (read-only, full) only
warns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Generic, TypeVar

from loguru import logger
from pydantic import BaseModel, ValidationError

from provenance.errors import UserError
from provenance.fileio import write_atomic

M = TypeVar("M", bound=BaseModel)


class JsonCache(Generic[M]):
    def __init__(self, directory: Path, model: type[M], label: str) -> None:
        self.directory = directory
        self.model = model
        self.label = label  # names the cache in warnings ("parse cache")

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> M | None:
        path = self.path(key)
        try:
            data = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            logger.warning(f"{self.label}: unreadable entry {path} ({exc}); rebuilding it")
            return None
        try:
            return self.model.model_validate_json(data)
        except ValidationError:
            logger.warning(f"{self.label}: corrupt entry {path}; rebuilding it")
            return None

    def put(self, key: str, value: M) -> None:
        try:
            write_atomic(self.path(key), value.model_dump_json())
        except UserError as exc:  # a read-only or full cache must not stop a check
            logger.warning(f"{self.label}: {exc}")
