"""Atomic file writes: a report is either complete on disk or not there at all."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

from provenance.errors import UserError


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str) -> None:
    """Write text to ``path`` via a temp file in the same folder and a rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
            if hasattr(os, "fchmod"):  # mkstemp makes 0600; a report is an ordinary file
                os.fchmod(fh.fileno(), 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:  # also KeyboardInterrupt / SIGTERM: no temp file is left
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # disk full, target is a directory, ...
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
