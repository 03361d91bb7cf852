"""Where the default rule pack (the repository's ``rules/`` folder) is installed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def rules_dir() -> Path:
    """The ``rules/`` folder: packaged as ``provenance.rules``, or the repository's own."""
    try:
        packaged = Path(str(resources.files("provenance.rules")))
        if (packaged / "cues.yaml").exists():
            return packaged
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "rules"
