"""What every worker needs to check articles exactly as ``provenance check`` would."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from provenance import __version__


class AuditOptions(BaseModel):
    """The check options of an audit (sent to every worker; part of each partition's key,
    so that a rerun with other options recomputes the partitions)."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    model: str = "bundled"
    use_cache: bool = False  # the parse and analysis caches (off: an archive is read once)
    rule_dirs: list[str] = Field(default_factory=list)
    config: Any = None  # provenance.policy.config.Config (findings thresholds), or None
    publisher: str | None = None  # for articles whose input names none (as --publisher of check)
    encoding: str | None = None
    max_bytes: int = 2_000_000
    log_level: str = "WARNING"  # the workers' log level (not part of the key)

    def check_options(self):  # type: ignore[no-untyped-def]  # provenance.check.CheckOptions
        from provenance.check import CheckOptions

        return CheckOptions(model=self.model, use_cache=self.use_cache, publisher=None, encoding=self.encoding,
                            max_bytes=self.max_bytes, rule_dirs=[Path(d) for d in self.rule_dirs],
                            config=self.config)

    def fingerprint(self) -> str:
        """A digest of everything that changes the tables (tool version included)."""
        config = self.config.model_dump(mode="json") if self.config is not None else None
        data: dict[str, Any] = {
            "version": __version__, "model": self.model, "rule_dirs": self.rule_dirs, "config": config,
            "publisher": self.publisher, "encoding": self.encoding, "max_bytes": self.max_bytes,
        }
        return hashlib.sha1(json.dumps(data, sort_keys=True, default=str).encode("utf-8")).hexdigest()
