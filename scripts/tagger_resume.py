#!/usr/bin/env python3
"""Run stanza's tagger training, continuing from a saved tagger instead of from scratch.

stanza 1.15's tagger has no checkpoint/resume option.  This wrapper makes the training
loop start from the weights of ``--resume_from FILE`` (a tagger saved by an earlier run
with the same data and sizes; the optimizer starts afresh), then hands every other
argument to ``python -m stanza.models.tagger`` unchanged.  Used by scripts/train_model.py.
"""
from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if "--resume_from" not in argv:
        raise SystemExit("usage: tagger_resume.py --resume_from TAGGER.pt [stanza tagger args...]")
    i = argv.index("--resume_from")
    resume_from = argv[i + 1]
    del argv[i : i + 2]

    import stanza.models.tagger as tagger

    base = tagger.Trainer

    class ResumingTrainer(base):  # type: ignore[misc, valid-type]
        def __init__(self, args=None, vocab=None, pretrain=None, model_file=None, device=None,
                     foundation_cache=None):
            if model_file is None:
                model_file = resume_from  # first construction: start from the saved weights
            super().__init__(args=args, vocab=vocab, pretrain=pretrain, model_file=model_file,
                             device=device, foundation_cache=foundation_cache)

    tagger.Trainer = ResumingTrainer
    tagger.main(argv)


if __name__ == "__main__":
    main()
