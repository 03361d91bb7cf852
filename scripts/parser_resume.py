#!/usr/bin/env python3
"""Run stanza's parser training so that a resumed run keeps the checkpoint's vocabulary.

stanza 1.15 rebuilds the vocabulary from the training file on every start, also when it
continues from a checkpoint; the checkpoint's model keeps its own.  With the same data the
two agree; with changed data (the parser moved to predicted tags, see
``scripts/retag_conllu.py``) words, tags and lemmas would silently get other embedding ids.
This wrapper makes the training data loader use the vocabulary stored in the checkpoint,
then hands every argument to ``python -m stanza.models.parser`` unchanged.

When the dev file changed too (gold tags -> predicted tags), the checkpoint's dev scores
are not comparable with the new ones: stanza would never save a "best" model again and
would stop or switch optimizers as if training had stalled.  The checkpoint's dev history,
best step and learning-rate scheduler are then reset before training continues (the
weights and the optimizer state are kept).  Used by
``scripts/train_model.py`` whenever the parser resumes.
"""
from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if "--checkpoint_save_name" not in argv:
        raise SystemExit("usage: parser_resume.py [stanza parser args...] --checkpoint_save_name CKPT")
    ckpt = argv[argv.index("--checkpoint_save_name") + 1]

    import os

    import torch
    import stanza.models.parser as parser
    from stanza.models.pos.vocab import MultiVocab

    if os.path.exists(ckpt):
        saved = torch.load(ckpt, map_location="cpu", weights_only=False)
        eval_file = argv[argv.index("--eval_file") + 1]
        if os.path.basename(saved["config"]["eval_file"]) != os.path.basename(eval_file):
            saved["config"]["eval_file"] = eval_file
            saved["dev_score_history"] = []
            saved["last_best_step"] = saved["global_step"]
            saved.pop("scheduler_state_dict", None)
            tmp = ckpt + ".tmp"
            torch.save(saved, tmp)
            os.replace(tmp, ckpt)
            print(f"parser_resume: dev file changed to {eval_file}; dev history reset at step "
                  f"{saved['global_step']}", file=sys.stderr)
        saved_vocab = MultiVocab.load_state_dict(saved["vocab"])
        base = parser.DataLoader

        def loader(doc, batch_size, args, pretrain, vocab=None, **kwargs):  # type: ignore[no-untyped-def]
            return base(doc, batch_size, args, pretrain, vocab=vocab if vocab is not None else saved_vocab, **kwargs)

        parser.DataLoader = loader  # type: ignore[assignment]
    parser.main(argv)


if __name__ == "__main__":
    main()
