"""The output folder: one Parquet file per partition and table, written atomically, and a
marker per finished partition (written last) so that a rerun skips it.

    OUT/articles/part-00000.parquet   … statements/, attributions/, chains/, findings/, errors/
    OUT/_partitions/part-00000.json   {"key": …, "articles": …}: the partition is complete
    OUT/audit.json                    what was run (inputs, options, partitions)
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from provenance.audit.tables import SCHEMAS, TABLES
from provenance.errors import UserError
from provenance.fileio import write_atomic

MARKERS = "_partitions"
_PART = re.compile(r"^part-(\d{5,})\.(parquet|json)$")
_TEMP = re.compile(r"^\.part-\d{5,}\.(parquet|json)\..*\.tmp$")


def write_parquet_atomic(path: Path, table: pa.Table) -> None:
    """Write ``table`` to ``path`` via a temp file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def marker_path(out: Path, name: str) -> Path:
    return out / MARKERS / f"{name}.json"


def is_done(out: Path, name: str, key: str) -> bool:
    """A partition is finished when its marker names the same key and every table file exists."""
    try:
        data = json.loads(marker_path(out, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict) or data.get("key") != key:
        return False
    return all((out / table / f"{name}.parquet").is_file() for table in TABLES)


def write_partition(out: Path, name: str, key: str, tables: dict[str, pa.Table], stats: dict[str, Any]) -> None:
    """Every table's file, then the marker: a crash in between leaves the partition unfinished."""
    marker_path(out, name).unlink(missing_ok=True)
    for table in TABLES:
        write_parquet_atomic(out / table / f"{name}.parquet", tables[table])
    write_atomic(marker_path(out, name), json.dumps({"key": key, **stats}, sort_keys=True) + "\n")


def remove_stale(out: Path, names: set[str]) -> int:
    """Delete part files of partitions no longer planned, and temp files a crash left; how many."""
    removed = 0
    for folder in [*TABLES, MARKERS]:
        d = out / folder
        if not d.is_dir():
            continue
        for p in d.iterdir():
            m = _PART.match(p.name)
            if (m and p.name.rsplit(".", 1)[0] not in names) or _TEMP.match(p.name):
                p.unlink(missing_ok=True)
                removed += 1
    return removed


def part_files(out: Path, table: str) -> list[Path]:
    d = Path(out) / table
    return sorted(p for p in d.glob("part-*.parquet")) if d.is_dir() else []


def read_table(out: Path | str, table: str, columns: list[str] | None = None) -> pa.Table:
    """One table, every partition in order (an empty table with its schema when there are none)."""
    files = part_files(Path(out), table)
    schema = SCHEMAS[table]
    if columns is not None:
        schema = pa.schema([schema.field(c) for c in columns])
    if not files:
        return schema.empty_table()
    return pa.concat_tables([pq.read_table(f, columns=columns) for f in files])
