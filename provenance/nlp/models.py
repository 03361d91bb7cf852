"""Which stanza model to use: the bundled one, official stanza models, or a directory.

``--model bundled`` (default): the English model shipped in ``provenance/models/en_bundled``.
``--model stanza:en[:package]``: official stanza models already installed in the stanza
resources directory (``STANZA_RESOURCES_DIR``, else stanza's default).  Nothing is ever
downloaded: when they are absent the error names the command that downloads them.
``--model PATH``: a directory holding stanza model files named ``tokenize.pt``, ``mwt.pt``,
``pos.pt``, ``lemma.pt``, ``depparse.pt`` (the layout of the bundled model), and
``pretrain.pt`` (the word vectors the tagger and the parser read) when they were trained
with vectors.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from provenance.errors import ModelNotAvailable, UserError
from provenance.nlp.sentences import REPAIR

BUNDLED_DIR = Path(__file__).resolve().parent.parent / "models" / "en_bundled"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
# Word vectors shared by the tagger and the parser, in a model directory whose models were
# trained with them (stanza's pretrain file; scripts/build_vectors.py builds the bundled one).
PRETRAIN_FILE = "pretrain.pt"
PRETRAIN_READERS = ("pos", "depparse")


@dataclass(frozen=True)
class ModelSpec:
    kind: str  # "bundled" | "stanza" | "path"
    lang: str = "en"
    package: str = "default"
    directory: Path = field(default=BUNDLED_DIR)

    @property
    def model_id(self) -> str:
        """Names the model and its exact files (the parse cache is keyed on it)."""
        if self.kind == "stanza":
            return f"stanza:{self.lang}:{self.package}"
        card = self.directory / "model.json"
        version = ""
        if card.exists():
            try:
                version = json.loads(card.read_text(encoding="utf-8")).get("version", "")
            except (OSError, ValueError):
                version = ""
        base = "bundled" if self.kind == "bundled" else f"path:{self.directory.name}"
        digest = _files_digest(self.directory)
        return ":".join(p for p in (base, version, digest) if p)


def model_files(directory: Path) -> list[Path]:
    """The model files of a directory in the bundled layout that exist: one per processor, then the vectors."""
    names = [f"{p}.pt" for p in PROCESSORS] + [PRETRAIN_FILE]
    return [directory / n for n in names if (directory / n).exists()]


@functools.lru_cache(maxsize=8)
def _files_digest(directory: Path) -> str:
    h = hashlib.sha256()
    for f in model_files(directory):
        h.update(f.read_bytes())
    return h.hexdigest()[:10]


def stanza_resources_dir() -> Path:
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    # stanza's own default (stanza.resources.common.DEFAULT_MODEL_DIR), computed
    # without importing stanza so that errors stay fast.
    return Path(user_cache_dir("stanza")) / "resources"


def parse_model_option(value: str) -> ModelSpec:
    value = value.strip()
    if value in ("", "bundled"):
        return ModelSpec(kind="bundled")
    if value.startswith("stanza:"):
        parts = value.split(":")
        if len(parts) not in (2, 3) or not parts[1]:
            raise UserError(f"--model {value}: expected stanza:LANG or stanza:LANG:PACKAGE")
        package = parts[2] if len(parts) == 3 and parts[2] else "default"
        return ModelSpec(kind="stanza", lang=parts[1], package=package, directory=stanza_resources_dir())
    path = Path(value).expanduser()
    if not path.is_dir():
        raise UserError(f"--model {value}: not 'bundled', 'stanza:LANG[:PACKAGE]' or an existing directory")
    return ModelSpec(kind="path", directory=path.resolve())


def check_available(spec: ModelSpec) -> None:
    """Raise ModelNotAvailable, with the way to get the model, when files are missing."""
    if spec.kind == "stanza":
        resources = spec.directory / "resources.json"
        lang_dir = spec.directory / spec.lang
        if not resources.exists() or not lang_dir.is_dir():
            raise ModelNotAvailable(
                f"official stanza models for '{spec.lang}' are not installed in {spec.directory}; "
                f"download them (needs internet) with: python -c \"import stanza; "
                f"stanza.download('{spec.lang}', model_dir='{spec.directory}', package='{spec.package}', "
                f"processors='tokenize,mwt,pos,lemma,depparse')\""
            )
        return
    missing = [p for p in PROCESSORS if not (spec.directory / f"{p}.pt").exists()]
    if missing:
        where = "the bundled model" if spec.kind == "bundled" else str(spec.directory)
        raise ModelNotAvailable(
            f"{where} lacks {', '.join(m + '.pt' for m in missing)} in {spec.directory}; "
            "train it with scripts/train_model.py or pass --model"
        )


def pipeline_kwargs(spec: ModelSpec) -> dict[str, object]:
    """Keyword arguments for ``stanza.Pipeline``; never lets stanza download anything."""
    common: dict[str, object] = {
        "processors": ",".join(PROCESSORS),
        "download_method": None,
        "use_gpu": False,
        "logging_level": "WARN",
        "tokenize_no_ssplit": False,
        "pos_batch_size": 3000,
        "depparse_batch_size": 3000,
        "tokenize_postprocessor": REPAIR,  # rejoins sentences split inside an attribution
    }
    if spec.kind == "stanza":
        return {"lang": spec.lang, "dir": str(spec.directory), "package": spec.package, **common}
    paths = {f"{p}_model_path": str(spec.directory / f"{p}.pt") for p in PROCESSORS}
    vectors = spec.directory / PRETRAIN_FILE
    if vectors.exists():
        paths.update({f"{p}_pretrain_path": str(vectors) for p in PRETRAIN_READERS})
    return {
        "lang": "en",
        "dir": str(spec.directory),
        "resources_filepath": str(BUNDLED_DIR / "resources.json"),
        **paths,
        **common,
    }
