#!/usr/bin/env python3
"""Run one of stanza's training programs, continuing from saved weights instead of from scratch.

    python scripts/resume_training.py MODULE --resume_from MODEL.pt [stanza args...]

stanza 1.15's tagger has no checkpoint/resume option, and its tokenizer's ``--load_name``
fails when training (``Trainer.load`` is called with too few arguments, and the optimizer
would be bound to the weights the load replaces).  This wrapper makes the training loop's
first ``Trainer`` start from the model in ``--resume_from`` (saved by an earlier run with
the same data and sizes; the optimizer starts afresh), then hands every other argument to
``python -m MODULE`` (``stanza.models.tagger`` or ``stanza.models.tokenizer``) unchanged.
The saved model's vocabulary must be the one the training data gives, or the weights would
be read with other ids: the wrapper stops with a message when they differ.  Used by
scripts/train_model.py.
"""
from __future__ import annotations

import importlib
import sys
from typing import Any

MODULES = ("stanza.models.tagger", "stanza.models.tokenizer")


def _vocab_state(vocab: Any) -> Any:
    return vocab.state_dict() if hasattr(vocab, "state_dict") else None


def main() -> None:
    argv = sys.argv[1:]
    if len(argv) < 3 or argv[0] not in MODULES or "--resume_from" not in argv:
        raise SystemExit(f"usage: resume_training.py {{{','.join(MODULES)}}} --resume_from MODEL.pt [stanza args...]")
    module = importlib.import_module(argv.pop(0))
    i = argv.index("--resume_from")
    resume_from = argv[i + 1]
    del argv[i : i + 2]

    base = module.Trainer

    class ResumingTrainer(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            first = not args and kwargs.get("model_file") is None
            if first:
                kwargs["model_file"] = resume_from  # the training loop's trainer: saved weights
            super().__init__(*args, **kwargs)
            data_vocab = kwargs.get("vocab")
            if first and data_vocab is not None and _vocab_state(data_vocab) != _vocab_state(self.vocab):
                raise SystemExit(f"{resume_from}: its vocabulary differs from the training data's; "
                                 "train from scratch (train_model.py --fresh)")

    module.Trainer = ResumingTrainer
    module.main(argv)


if __name__ == "__main__":
    main()
