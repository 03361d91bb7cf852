"""Audit inputs → partitions (planned on the client), and partitions → records (read on a worker).

Three kinds of input: a directory (or a single file) of article files; a JSONL or JSONL.gz
file with one JSON object per line (``id``, ``text``, optional ``publisher``, ``date``,
``url``, ``format``); a Parquet file with the same columns.  The plan is a list of
:class:`Partition`, each small to send (paths and line or row ranges, never article text),
in a fixed order, each with a key (a digest of what it covers and of the files' size and
modification time) so that a rerun can tell a finished partition from a stale one.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from provenance.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
DEFAULT_MAX_PARTITION = 100  # articles per partition at most, by default
TARGET_PARTITIONS = 64  # ... and at least this many partitions when there are enough articles
_MONTH = re.compile(r"^(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Meta:
    """What the input (a field, a manifest row) says about an article."""

    publisher: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass
class Partition:
    index: int
    kind: Literal["files", "jsonl", "parquet"]
    source: str  # the input it comes from (a directory, a JSONL or Parquet file)
    files: list[tuple[str, Meta]] = field(default_factory=list)  # kind "files": (path, manifest metadata)
    path: str = ""  # kind jsonl / parquet: the file
    start: int = 0  # jsonl: first line (1-based); parquet: first row (0-based)
    stop: int = 0  # jsonl: last line + 1; parquet: last row + 1
    offset: int = 0  # jsonl (not gzip): byte offset of line ``start``
    key: str = ""

    @property
    def size(self) -> int:
        return len(self.files) if self.kind == "files" else self.stop - self.start

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@dataclass
class Record:
    """One article as read on a worker: text (JSONL, Parquet) or a file path to load."""

    article_id: str
    source: str
    line: int | None = None  # JSONL line (1-based) or Parquet row (0-based)
    path: str | None = None  # an article file
    text: str | None = None
    fmt: str | None = None
    meta: Meta = field(default_factory=Meta)
    error: str | None = None  # the record could not be read (a malformed JSONL line)


def normalise_date(value: object) -> str | None:
    """An input's date as ``YYYY-MM-DD`` when it reads as one (else as written, stripped)."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    from provenance.ingest.dates import to_iso

    return to_iso(text) or text


def month_of(date: str | None) -> str | None:
    """``YYYY-MM`` of an ISO date, else None."""
    m = _MONTH.match(date or "")
    return f"{m.group(1)}-{m.group(2)}" if m and 1 <= int(m.group(2)) <= 12 else None


def _text_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# --- the metadata manifest ----------------------------------------------------------------------


def load_manifest(path: Path) -> dict[str, Meta]:
    """``--metadata FILE.csv``: columns ``path`` (relative to the CSV's folder, or absolute),
    ``publisher``, ``date`` and optional ``url``; keyed by absolute normalised path."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read --metadata {path}: {getattr(exc, 'strerror', None) or exc}") from None
    reader = csv.DictReader(io.StringIO(raw))
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    if "path" not in columns:
        raise InputError(f"{path}: the metadata CSV needs a 'path' column (and publisher, date, url)")
    base = Path(path).resolve().parent
    out: dict[str, Meta] = {}
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): v for k, v in row.items()}
        name = (row.get("path") or "").strip()
        if not name:
            raise InputError(f"{path}, line {number}: empty path")
        key = os.path.normcase(os.path.abspath(base / name))
        if key in out:
            raise InputError(f"{path}, line {number}: {name} is listed twice")
        out[key] = Meta(publisher=_text_or_none(row.get("publisher")), date=normalise_date(row.get("date")),
                        url=_text_or_none(row.get("url")))
    return out


# --- planning -----------------------------------------------------------------------------------


def _kind(path: Path) -> Literal["files", "jsonl", "parquet"]:
    name = path.name.lower()
    if path.is_dir() or name.endswith(ARTICLE_SUFFIXES):
        return "files"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    raise InputError(f"{path}: not a directory, an article file ({', '.join(ARTICLE_SUFFIXES)}), "
                     f"JSONL ({', '.join(JSONL_SUFFIXES)}) or Parquet ({', '.join(PARQUET_SUFFIXES)})")


def _article_files(root: Path, exclude: Path | None = None) -> list[Path]:
    if root.is_file():
        return [root]
    skip = os.path.abspath(exclude) + os.sep if exclude is not None else None
    found = sorted(p for p in root.rglob("*")
                   if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(root).parts)
                   and not (skip and os.path.abspath(p).startswith(skip)))
    if not found:
        raise InputError(f"{root}: no articles found (looked for {', '.join(ARTICLE_SUFFIXES)})")
    return found


def _open_binary(path: str) -> io.BufferedIOBase:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")  # noqa: SIM115


def _jsonl_line_offsets(path: str) -> tuple[int, list[int]]:
    """Number of lines, and the byte offset of each line start (plain files; gzip: empty)."""
    if path.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as fh:
                return sum(1 for _ in fh), []
        except (OSError, EOFError) as exc:
            raise InputError(f"cannot read {path}: {exc}") from None
    offsets: list[int] = []
    pos = 0
    with open(path, "rb") as fh:
        for line in fh:
            offsets.append(pos)
            pos += len(line)
    return len(offsets), offsets


def _parquet_rows(path: str) -> int:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # noqa: BLE001  (pyarrow raises several kinds)
        raise InputError(f"cannot read {path} as Parquet: {str(exc).splitlines()[0] if str(exc) else exc}") from None
    names = set(meta.schema.names)
    missing = {"id", "text"} - names
    if missing:
        raise InputError(f"{path}: Parquet input needs the columns id and text (missing: {', '.join(sorted(missing))})")
    return int(meta.num_rows)


def default_partition_size(total: int) -> int:
    """At most DEFAULT_MAX_PARTITION articles per partition, and about TARGET_PARTITIONS
    partitions for smaller archives (so that every worker gets work); from the number of
    articles only, so that a rerun plans the same partitions."""
    return max(1, min(DEFAULT_MAX_PARTITION, math.ceil(total / TARGET_PARTITIONS)))


def _stat(path: str) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns]


def plan(inputs: list[str], partition_size: int | None = None, manifest: dict[str, Meta] | None = None,
         fingerprint: str = "", exclude: Path | None = None) -> list[Partition]:
    """The partitions of ``inputs``, in input order (directories sorted, the ``exclude``
    folder, the output, skipped), numbered from 0."""
    units: list[tuple[str, str, object]] = []  # (kind, source, data) before cutting into partitions
    counts: list[int] = []
    seen: set[str] = set()
    for name in inputs:
        path = Path(name)
        if not path.exists():
            raise InputError(f"no such file or directory: {name}")
        kind = _kind(path)
        if kind == "files":
            files = [str(p) for p in _article_files(path, exclude)]
            files = [f for f in files if os.path.abspath(f) not in seen]
            seen.update(os.path.abspath(f) for f in files)
            units.append((kind, name, files))
            counts.append(len(files))
        elif kind == "jsonl":
            lines, offsets = _jsonl_line_offsets(name)
            units.append((kind, name, (lines, offsets)))
            counts.append(lines)
        else:
            rows = _parquet_rows(name)
            units.append((kind, name, rows))
            counts.append(rows)
    size = partition_size or default_partition_size(sum(counts))
    manifest = manifest or {}
    parts: list[Partition] = []
    for kind, source, data in units:
        if kind == "files":
            files = data  # type: ignore[assignment]
            for i in range(0, len(files), size):
                chunk = files[i:i + size]
                metas = [manifest.get(os.path.normcase(os.path.abspath(f)), Meta()) for f in chunk]
                parts.append(Partition(len(parts), "files", source, files=list(zip(chunk, metas))))
        elif kind == "jsonl":
            lines, offsets = data  # type: ignore[misc]
            for i in range(0, lines, size):
                parts.append(Partition(len(parts), "jsonl", source, path=source, start=i + 1,
                                       stop=min(lines, i + size) + 1, offset=offsets[i] if offsets else 0))
        else:
            rows = data  # type: ignore[assignment]
            for i in range(0, rows, size):
                parts.append(Partition(len(parts), "parquet", source, path=source, start=i, stop=min(rows, i + size)))
    for part in parts:
        part.key = partition_key(part, fingerprint)
    return parts


def partition_key(part: Partition, fingerprint: str) -> str:
    if part.kind == "files":
        what: object = [[f, _stat(f) if os.path.exists(f) else None, meta.__dict__] for f, meta in part.files]
    else:
        what = [part.path, _stat(part.path), part.start, part.stop]
    data = json.dumps([part.kind, what, fingerprint], sort_keys=True, default=str)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


# --- reading (on a worker) ----------------------------------------------------------------------


def _jsonl_record(source: str, number: int, raw: bytes) -> Record | None:
    fallback = f"{source}:{number}"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Record(fallback, source, number, error=f"{source}, line {number}: not valid UTF-8 "
                                                      f"(byte 0x{raw[exc.start]:02x} at column {exc.start + 1})")
    if number == 1:
        line = line.removeprefix("\ufeff")
    if not line.strip():
        return None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return Record(fallback, source, number, error=f"{source}, line {number}: not valid JSON ({exc.msg}, column {exc.colno})")
    if not isinstance(data, dict):
        return Record(fallback, source, number, error=f"{source}, line {number}: expected a JSON object, got {type(data).__name__}")
    ident = data.get("id")
    article_id = str(ident) if isinstance(ident, (str, int)) and str(ident).strip() else fallback
    text = data.get("text")
    if not isinstance(text, str):
        return Record(article_id, source, number, error=f"{source}, line {number}: no 'text' string")
    fmt = data.get("format")
    return Record(article_id, source, number, text=text, fmt=fmt if isinstance(fmt, str) else None,
                  meta=Meta(publisher=_text_or_none(data.get("publisher")), date=normalise_date(data.get("date")),
                            url=_text_or_none(data.get("url"))))


def _jsonl_records(part: Partition) -> Iterator[Record]:
    with _open_binary(part.path) as fh:
        if part.offset:
            fh.seek(part.offset)
            number = part.start
        else:
            number = 1
        for line in fh:
            if number >= part.stop:
                break
            if number >= part.start:
                record = _jsonl_record(part.source, number, line)
                if record is not None:
                    yield record
            number += 1


def _parquet_records(part: Partition) -> Iterator[Record]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(part.path)
    meta = pf.metadata
    columns = [c for c in ("id", "text", "publisher", "date", "url", "format") if c in meta.schema.names]
    groups, first, row = [], None, 0
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        if row + n > part.start and row < part.stop:
            groups.append(g)
            first = row if first is None else first
        row += n
    table = pf.read_row_groups(groups, columns=columns) if groups else None
    if table is None:
        return
    table = table.slice(part.start - (first or 0), part.stop - part.start)
    for offset, data in enumerate(table.to_pylist()):
        number = part.start + offset
        fallback = f"{part.source}:{number}"
        ident = data.get("id")
        article_id = str(ident) if ident is not None and str(ident).strip() else fallback
        text = data.get("text")
        if not isinstance(text, str):
            yield Record(article_id, part.source, number, error=f"{part.source}, row {number}: no text")
            continue
        fmt = data.get("format")
        yield Record(article_id, part.source, number, text=text, fmt=fmt if isinstance(fmt, str) else None,
                     meta=Meta(publisher=_text_or_none(data.get("publisher")), date=normalise_date(data.get("date")),
                               url=_text_or_none(data.get("url"))))


def records(part: Partition) -> Iterator[Record]:
    """The articles of a partition, in order (a malformed one as a Record with ``error``)."""
    if part.kind == "files":
        for path, meta in part.files:
            yield Record(path, part.source, None, path=path, meta=meta)
    elif part.kind == "jsonl":
        yield from _jsonl_records(part)
    else:
        yield from _parquet_records(part)
