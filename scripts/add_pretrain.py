#!/usr/bin/env python3
"""Give a trained stanza tagger or parser (trained with ``--no_pretrain``) a pretrained word-vector input.

    python scripts/add_pretrain.py {pos,depparse} IN.pt OUT.pt --pretrain VECTORS.pt

stanza's tagger and parser concatenate their word inputs (learned embeddings, pretrained
vectors through a linear map, character model, tags) before the first LSTM layer.  Rather
than train a model with vectors from scratch (days of CPU here), this adds the vector
input to a trained model so that its outputs do not change: the new input's columns in the
first layer's weights (LSTM, highway and gate) start at zero, the linear map of the vectors
gets stanza's usual initialisation, and training then continues from there (the weights
learn to use the vectors).  IN.pt may be a model file or the parser's full checkpoint; the
optimizer and scheduler state and the dev history are dropped (the shapes changed, and
the old dev scores are not comparable), so the continued run's first evaluation becomes
its best.  Used by scripts/train_model.py (``--vectors``).
"""
from __future__ import annotations

import argparse
import math
from pathlib import Path

import torch

# Where the pretrained input sits in the concatenated input (stanza 1.15: the parser puts
# it first, the tagger after the learned word embedding) and which module takes that input.
LAYOUT = {
    "depparse": {"lstm": "parserlstm", "offset": lambda cfg: 0},
    "pos": {"lstm": "taggerlstm", "offset": lambda cfg: cfg["word_emb_dim"]},
}


def _insert_columns(t: torch.Tensor, offset: int, width: int) -> torch.Tensor:
    zeros = torch.zeros(*t.shape[:-1], width, dtype=t.dtype)
    return torch.cat([t[..., :offset], zeros, t[..., offset:]], dim=-1)


def add_pretrain(kind: str, saved: dict, pretrain_file: Path) -> dict:
    cfg = saved["config"]
    if cfg.get("pretrain"):
        raise SystemExit("the model already reads pretrained vectors")
    emb = torch.load(pretrain_file, map_location="cpu", weights_only=True)["emb"]
    emb = torch.as_tensor(emb)
    width = cfg["transformed_dim"]
    offset = LAYOUT[kind]["offset"](cfg)
    lstm = LAYOUT[kind]["lstm"]
    model = dict(saved["model"])
    first_layer = [f"{lstm}.lstm.0.lstm.weight_ih_l0", f"{lstm}.lstm.0.lstm.weight_ih_l0_reverse",
                   f"{lstm}.highway.0.weight", f"{lstm}.gate.0.weight", "drop_replacement"]
    for name in first_layer:
        model[name] = _insert_columns(model[name], offset, width)
    gen = torch.Generator().manual_seed(1234)
    bound = 1.0 / math.sqrt(emb.shape[1])  # nn.Linear's default initialisation
    model["trans_pretrained.weight"] = (torch.rand(width, emb.shape[1], generator=gen) * 2 - 1) * bound
    out = dict(saved, model=model, config=dict(cfg, pretrain=True, wordvec_pretrain_file=str(pretrain_file)))
    for key in ("optimizer_state_dict", "scheduler_state_dict"):
        out.pop(key, None)
    if "dev_score_history" in out:
        out["dev_score_history"] = []
        out["last_best_step"] = out.get("global_step", 0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=sorted(LAYOUT))
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--pretrain", type=Path, required=True)
    args = ap.parse_args()
    saved = torch.load(args.src, map_location="cpu", weights_only=False)
    out = add_pretrain(args.kind, saved, args.pretrain.resolve())
    tmp = args.dest.with_suffix(".tmp")
    torch.save(out, tmp)
    tmp.replace(args.dest)


if __name__ == "__main__":
    main()
