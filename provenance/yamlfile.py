"""Reading a YAML data file with errors that name the file (and the line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from provenance.errors import ConfigError


def read_yaml(path: Path | str, what: str = "file") -> Any:
    """The file's YAML data ({} for an empty file); ConfigError "PATH[:LINE]: ..." otherwise."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(f"{path}: cannot read {what}: {reason}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    return {} if data is None else data
