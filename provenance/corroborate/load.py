"""Reading JSON reports (``provenance check --format json``; ``provenance.report_io``) and
the ``--config`` file."""

from __future__ import annotations

from pathlib import Path

from provenance.corroborate.schema import CrossArticleConfig
from provenance.report_io import read_reports

__all__ = ["load_config", "read_reports"]


def load_config(path: Path | None) -> CrossArticleConfig:
    """The cross-article configuration: YAML or JSON with ``corroboration:`` and
    ``fidelity:`` sections (defaults when ``path`` is None).  ConfigError names the file
    and the offending key."""
    if path is None:
        return CrossArticleConfig()
    from provenance.yamlfile import load_yaml, validate

    return validate(CrossArticleConfig, load_yaml(path, "configuration"), path)
