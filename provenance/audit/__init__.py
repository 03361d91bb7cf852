"""`provenance audit`: archive-scale provenance on Dask.

Articles (directories of files, JSONL / JSONL.gz, Parquet) are planned into partitions;
each partition runs on a Dask worker through the same :class:`provenance.check.Checker`
as ``provenance check`` and comes back as Arrow tables (``articles``, ``statements``,
``attributions``, ``chains``, ``findings``, ``errors``) that the client writes as one
Parquet file per partition and table, atomically; a rerun skips finished partitions.
``provenance audit summary DIR`` turns the tables into CSV files and a self-contained
HTML page of charts.  Needs the ``audit`` extra (``pip install provenance[audit]``).
"""

from __future__ import annotations

from provenance.audit.options import AuditOptions

__all__ = ["AuditOptions"]
