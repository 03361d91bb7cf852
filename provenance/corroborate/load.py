"""Reading JSON reports (``provenance check --format json``; ``provenance.report_io``) and
the ``--config`` file."""

from __future__ import annotations

from pathlib import Path

from provenance.corroborate.schema import CrossArticleConfig
from provenance.errors import ConfigError
from provenance.report_io import read_reports

__all__ = ["load_config", "read_reports"]


def load_config(path: Path | None) -> CrossArticleConfig:
    """The cross-article configuration: YAML or JSON with ``corroboration:`` and
    ``fidelity:`` sections (defaults when ``path`` is None).  ConfigError names the file
    and the offending key."""
    if path is None:
        return CrossArticleConfig()
    from pydantic import ValidationError

    from provenance.yamlfile import read_yaml

    path = Path(path)
    data = read_yaml(path, "configuration")
    try:
        return CrossArticleConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = ".".join(map(str, err["loc"])) or "(top level)"
        raise ConfigError(f"{path}: {loc}: {err['msg']}") from exc
