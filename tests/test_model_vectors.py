"""Word vectors in a model directory (pretrain.pt) and the script that adds a vector input
to a model trained without one (no trained model needed)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import torch

from provenance.nlp.models import PROCESSORS, model_files, parse_model_option, pipeline_kwargs

ROOT = Path(__file__).resolve().parents[1]


def _model_dir(tmp_path: Path, with_vectors: bool) -> Path:
    d = tmp_path / ("with" if with_vectors else "without")
    d.mkdir()
    for p in PROCESSORS:
        (d / f"{p}.pt").write_bytes(p.encode())
    if with_vectors:
        (d / "pretrain.pt").write_bytes(b"vectors")
    return d


def test_vectors_are_handed_to_the_tagger_and_the_parser_only_when_present(tmp_path):
    with_spec = parse_model_option(str(_model_dir(tmp_path, True)))
    without_spec = parse_model_option(str(_model_dir(tmp_path, False)))
    kw = pipeline_kwargs(with_spec)
    assert kw["pos_pretrain_path"] == kw["depparse_pretrain_path"] == str(with_spec.directory / "pretrain.pt")
    assert not any(k.endswith("_pretrain_path") for k in pipeline_kwargs(without_spec))
    assert [f.name for f in model_files(with_spec.directory)][-1] == "pretrain.pt"
    assert "pretrain.pt" not in [f.name for f in model_files(without_spec.directory)]


def test_model_id_covers_the_vectors(tmp_path):
    d = _model_dir(tmp_path, False)
    before = parse_model_option(str(d)).model_id
    (d / "pretrain.pt").write_bytes(b"vectors")
    from provenance.nlp import models

    models._files_digest.cache_clear()
    assert parse_model_option(str(d)).model_id != before


def _add_pretrain_module():
    spec = importlib.util.spec_from_file_location("add_pretrain", ROOT / "scripts" / "add_pretrain.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _saved(lstm: str, in_size: int) -> dict:
    g = torch.Generator().manual_seed(0)
    model = {"drop_replacement": torch.rand(in_size, generator=g)}
    for suffix in ("lstm.0.lstm.weight_ih_l0", "lstm.0.lstm.weight_ih_l0_reverse", "highway.0.weight", "gate.0.weight"):
        model[f"{lstm}.{suffix}"] = torch.rand(8, in_size, generator=g)
    model[f"{lstm}.lstm.1.lstm.weight_ih_l0"] = torch.rand(8, 6, generator=g)
    return {"model": model, "config": {"pretrain": False, "transformed_dim": 3, "word_emb_dim": 2},
            "optimizer_state_dict": {"x": 1}, "scheduler_state_dict": {"x": 1},
            "dev_score_history": [0.8], "global_step": 13250, "last_best_step": 13000}


@pytest.mark.parametrize("kind,lstm,offset", [("pos", "taggerlstm", 2), ("depparse", "parserlstm", 0)])
def test_added_vector_input_starts_with_zero_weight(tmp_path, kind, lstm, offset):
    mod = _add_pretrain_module()
    vectors = tmp_path / "pretrain.pt"
    torch.save({"emb": torch.ones(10, 4), "vocab": {}}, vectors)
    saved = _saved(lstm, in_size=5)
    out = mod.add_pretrain(kind, saved, vectors)
    for name, old in saved["model"].items():
        new = out["model"][name]
        if name == f"{lstm}.lstm.1.lstm.weight_ih_l0":
            assert torch.equal(new, old)  # later layers untouched
            continue
        assert new.shape[-1] == old.shape[-1] + 3
        assert torch.equal(new[..., offset:offset + 3], torch.zeros_like(new[..., offset:offset + 3]))
        assert torch.equal(torch.cat([new[..., :offset], new[..., offset + 3:]], -1), old)
    assert out["model"]["trans_pretrained.weight"].shape == (3, 4)
    assert out["config"]["pretrain"] is True and out["config"]["wordvec_pretrain_file"] == str(vectors)
    assert "optimizer_state_dict" not in out and "scheduler_state_dict" not in out
    assert out["dev_score_history"] == [] and out["last_best_step"] == 13250


def test_a_model_that_reads_vectors_already_is_refused(tmp_path):
    mod = _add_pretrain_module()
    saved = _saved("parserlstm", 5)
    saved["config"]["pretrain"] = True
    with pytest.raises(SystemExit):
        mod.add_pretrain("depparse", saved, tmp_path / "unused.pt")
