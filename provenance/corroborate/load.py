"""Reading JSON reports (``provenance check --format json``; ``provenance.report_io``) and
the ``--config`` file."""

from __future__ import annotations

from pathlib import Path

from provenance.corroborate.models import CrossArticleConfig
from provenance.errors import ConfigError
from provenance.report_io import read_reports

__all__ = ["load_config", "read_reports"]


def load_config(path: Path | None) -> CrossArticleConfig:
    """The cross-article configuration: YAML or JSON with ``corroboration:`` and
    ``fidelity:`` sections (defaults when ``path`` is None).  ConfigError names the file
    and the offending key."""
    if path is None:
        return CrossArticleConfig()
    import yaml
    from pydantic import ValidationError

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    try:
        return CrossArticleConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = ".".join(map(str, err["loc"])) or "(top level)"
        raise ConfigError(f"{path}: {loc}: {err['msg']}") from exc
