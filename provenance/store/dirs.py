"""Where provenance keeps what it can rebuild: parses, analyses, and data read from YAML.

``PROVENANCE_CACHE_DIR`` when set (the parse cache uses it as is, the analysis cache its
``analyses/`` folder, the YAML data cache its ``yaml/`` folder), else the user cache dir
(``…/provenance/parses``, ``…/provenance/analyses``, ``…/provenance/yaml``).
"""

from __future__ import annotations

import os
from pathlib import Path


def _env_dir() -> Path | None:
    env = os.environ.get("PROVENANCE_CACHE_DIR")
    return Path(env) if env else None


def _user_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("provenance"))


def parse_cache_dir() -> Path:
    env = _env_dir()
    return env if env is not None else _user_dir() / "parses"


def yaml_cache_dir() -> Path:
    return (_env_dir() or _user_dir()) / "yaml"


def analysis_cache_dir() -> Path:
    return (_env_dir() or _user_dir()) / "analyses"
