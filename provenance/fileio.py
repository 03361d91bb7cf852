"""Writing reports: a report is either complete on disk or not there at all, and writing
one never destroys what the output path points at.

- A regular file (or a new one) is written atomically: a temporary file in the same
  folder (``.NAME.PID.XXXXXXXX.tmp``), then a rename.  SIGINT/SIGTERM are held back while
  the temporary file exists (``provenance.signals.deferred``), so an interrupt never
  leaves it behind; temporary files of a run that was killed (``kill -9``: its PID is
  gone) are removed by the next write into that folder.
- A symbolic link is followed: the file it points to is replaced (the link stays a link);
  a link to nothing is refused.
- A FIFO or a character device (``-o /dev/stdout``, ``-o /dev/null``) is written through,
  never replaced by a regular file; a block device, a socket or a directory is refused.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import tempfile
from pathlib import Path

from provenance.errors import UserError, display_name

__all__ = ["clean_stale_temporaries", "write_atomic"]

_TEMP = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]{8}\.tmp$")  # what mkstemp makes with our prefix


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # another user's process (or cannot tell): leave its files alone
    return True


def clean_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files that a killed run left in ``folder`` (their writer's PID
    no longer runs); the files removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP.match(entry.name)
        if not m or not entry.is_file(follow_symlinks=False) or _pid_alive(int(m.group(1))):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


_cleaned: set[str] = set()  # folders already cleaned by this process


def _cannot(path: Path, why: str) -> UserError:
    return UserError(f"cannot write {display_name(str(path))}: {why}")


def _target(path: Path) -> tuple[Path, bool]:
    """Where to write and whether to write through (not atomically); UserError for a path
    that must not be replaced."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return path, False
    except OSError as exc:
        raise _cannot(path, exc.strerror or str(exc)) from None
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise _cannot(path, "it is a symbolic link to a missing file") from None
        except OSError as exc:
            raise _cannot(path, exc.strerror or str(exc)) from None
        if stat.S_ISREG(st.st_mode):
            return Path(os.path.realpath(path)), False  # replace the file the link points to
    if stat.S_ISREG(st.st_mode):
        return path, False
    if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
        return path, True
    if stat.S_ISDIR(st.st_mode):
        raise _cannot(path, "it is a directory")
    kind = "a block device" if stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a file"
    raise _cannot(path, f"it is {kind}; refusing to replace it")


def _write_through(path: Path, data: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
    except OSError as exc:
        raise _cannot(path, exc.strerror or str(exc)) from None


def write_atomic(path: Path, data: str) -> None:
    """Write text to ``path``: atomically (a temporary file in the same folder, then a
    rename), or through a FIFO or character device; see the module's docstring."""
    from provenance import signals

    path, through = _target(Path(path))
    if through:
        _write_through(path, data)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot(path, exc.strerror or str(exc)) from None
    folder = os.path.abspath(path.parent)
    if folder not in _cleaned:
        _cleaned.add(folder)
        clean_stale_temporaries(path.parent)
    with signals.deferred():  # no interrupt between creating the temporary file and the try
        try:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
        except OSError as exc:
            raise _cannot(path, exc.strerror or str(exc)) from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(data)
                if hasattr(os, "fchmod"):  # mkstemp makes 0600; a report is an ordinary file
                    os.fchmod(fh.fileno(), 0o666 & ~_umask())
            os.replace(tmp, path)
        except BaseException as exc:  # also KeyboardInterrupt / SIGTERM: no temp file is left
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):  # disk full, target is a directory, ...
                raise _cannot(path, exc.strerror or str(exc)) from None
            raise
