"""Baseline: accept the findings an archive already has, report only new ones.

A baseline is a JSON file of entries ``{path, code, fingerprint, count, rule, message}``
sorted by (path, code, fingerprint).  A finding matches an entry with the same document
path, code and fingerprint; up to ``count`` findings match one entry.  Entry paths are
relative to the folder of the configuration that applies to the document (the project
root; the working directory when there is none), so that a check run from any folder
matches: ``Baseline.root`` (set by the CLI) is that folder.  Fingerprints hash the rule code and the normalised
statement, cue and source text, so moving text around (or editing other paragraphs)
does not break the match; editing the flagged statement does.

``write_baseline`` records every finding not suppressed in the article itself; matching
findings are then suppressed with ``kind: external``.  ``prune_baseline`` drops the entries
(and counts) that no current finding matches, for the documents given; entries of other
documents are kept.  An unreadable or invalid baseline is a ConfigError (exit 2).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from provenance import jsonload
from provenance.errors import ConfigError, UserError
from provenance.report import Finding, Suppression

BASELINE_VERSION = 1
JUSTIFICATION = "baseline"


class BaselineEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    code: str
    fingerprint: str
    count: int = Field(1, ge=1)
    rule: str = ""  # for reading only
    message: str = ""  # for reading only

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.code, self.fingerprint)


class Baseline(BaseModel):
    model_config = ConfigDict(extra="forbid")

    baseline_version: int = BASELINE_VERSION
    tool: str = "provenance"
    entries: list[BaselineEntry] = Field(default_factory=list)

    _root: Path | None = PrivateAttr(None)  # entry paths are relative to it (None: paths as given)

    @property
    def root(self) -> Path | None:
        return self._root

    def with_root(self, root: Path | None) -> Baseline:
        """A copy whose entry paths are read relative to ``root``."""
        out = self.model_copy()
        out._root = Path(root) if root is not None else None
        return out

    def key_path(self, document_path: str) -> str:
        """The entry path that stands for ``document_path`` (a report's path)."""
        return relative_path(document_path, self._root) if self._root is not None else normalise_path(document_path)

    def counts(self) -> Counter[tuple[str, str, str]]:
        c: Counter[tuple[str, str, str]] = Counter()
        for e in self.entries:
            c[e.key] += e.count
        return c

    def to_json(self) -> str:
        return json.dumps(self.model_dump(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def normalise_path(path: str) -> str:
    p = path.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p


def relative_path(path: str, root: Path) -> str:
    """``path`` (relative to the working directory, or absolute) relative to ``root``, with
    ``/``; a path outside ``root`` (or ``<stdin>``) is only normalised."""
    if path.startswith("<"):
        return path
    absolute = os.path.abspath(path)
    absolute = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    try:
        rel = os.path.relpath(absolute, os.path.realpath(root))
    except ValueError:  # another drive
        return normalise_path(path)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return normalise_path(path)
    return normalise_path(rel)


def _counts(findings_by_path: Mapping[str, Iterable[Finding]]) -> tuple[Counter, dict]:
    counts: Counter[tuple[str, str, str]] = Counter()
    info: dict[tuple[str, str, str], tuple[str, str]] = {}
    for path, findings in findings_by_path.items():
        for f in findings:
            if f.suppression is not None and f.suppression.kind == "inSource":
                continue
            key = (normalise_path(path), f.code, f.fingerprint)
            counts[key] += 1
            prev = info.get(key)
            info[key] = (f.rule, f.message) if prev is None else min(prev, (f.rule, f.message))
    return counts, info


def _make(counts: Counter, info: dict) -> Baseline:
    entries = [
        BaselineEntry(path=k[0], code=k[1], fingerprint=k[2], count=n, rule=info.get(k, ("", ""))[0],
                      message=info.get(k, ("", ""))[1])
        for k, n in sorted(counts.items())
        if n > 0
    ]
    return Baseline(entries=entries)


def build_baseline(findings_by_path: Mapping[str, Iterable[Finding]]) -> Baseline:
    """A baseline of every finding not suppressed in the article."""
    return _make(*_counts(findings_by_path))


def write_baseline(findings_by_path: Mapping[str, Iterable[Finding]], path: Path) -> Baseline:
    """Build a baseline and write it to ``path`` (deterministic JSON)."""
    baseline = build_baseline(findings_by_path)
    save_baseline(baseline, path)
    return baseline


def save_baseline(baseline: Baseline, path: Path) -> None:
    """Write atomically (``provenance.fileio.write_atomic``: never half a baseline, and a
    symlink, FIFO or device at ``path`` is not replaced by a regular file)."""
    from provenance.fileio import write_atomic

    try:
        write_atomic(Path(path), baseline.to_json())
    except UserError as exc:
        raise ConfigError(f"{exc}") from None


def load_baseline(path: Path) -> Baseline:
    """Read a baseline; a missing, unreadable or invalid file is a ConfigError."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read baseline: {exc}") from exc
    try:
        data = jsonload.loads(text)
    except jsonload.JSONLimitError as exc:
        line = f":{exc.lineno}" if exc.lineno else ""
        raise ConfigError(f"{path}{line}: invalid baseline JSON: {exc.msg}") from None
    try:
        baseline = Baseline.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = ".".join(map(str, err["loc"])) or "(top level)"
        raise ConfigError(f"{path}: invalid baseline: {loc}: {err['msg']}") from exc
    if baseline.baseline_version != BASELINE_VERSION:
        raise ConfigError(
            f"{path}: baseline_version {baseline.baseline_version} is not supported (expected {BASELINE_VERSION})"
        )
    return baseline


def apply_baseline(findings: Iterable[Finding], baseline: Baseline, document_path: str) -> list[Finding]:
    """Suppress (``kind: external``) the findings of ``document_path`` the baseline holds.
    Findings already suppressed in the article are left as they are."""
    path = baseline.key_path(document_path)
    left = Counter({k: n for k, n in baseline.counts().items() if k[0] == path})
    out: list[Finding] = []
    for f in findings:
        key = (path, f.code, f.fingerprint)
        if f.suppression is None and left[key] > 0:
            left[key] -= 1
            f = f.model_copy(update={"suppression": Suppression(kind="external", justification=JUSTIFICATION)})
        out.append(f)
    return out


def prune_baseline(baseline: Baseline, findings_by_path: Mapping[str, Iterable[Finding]]) -> Baseline:
    """Keep only what still matches: for each document in ``findings_by_path``, an entry's
    count is cut to the number of current matching findings; other documents are kept."""
    current, info = _counts(findings_by_path)
    checked = {normalise_path(p) for p in findings_by_path}
    counts: Counter[tuple[str, str, str]] = Counter()
    for key, n in baseline.counts().items():
        counts[key] = min(n, current[key]) if key[0] in checked else n
    old_info = {e.key: (e.rule, e.message) for e in baseline.entries}
    return _make(counts, {**info, **old_info})


def matches_none(baseline: Baseline, document_paths: Iterable[str]) -> bool:
    """Whether the baseline looks written for another folder: none of its entries is for
    one of ``document_paths``, though an entry names a file of the same name (``a.txt``
    against ``articles/a.txt``).  A run over new files only is not flagged."""
    keys = {baseline.key_path(p) for p in document_paths}
    if not baseline.entries or any(e.path in keys for e in baseline.entries):
        return False
    names = {k.rsplit("/", 1)[-1] for k in keys}
    return any(e.path.rsplit("/", 1)[-1] in names for e in baseline.entries)


def unmatched(baseline: Baseline, findings_by_path: Mapping[str, Iterable[Finding]]) -> int:
    """How many baseline counts no longer match (what ``prune`` would drop)."""
    before = sum(baseline.counts().values())
    return before - sum(prune_baseline(baseline, findings_by_path).counts().values())
