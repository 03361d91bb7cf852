#!/usr/bin/env python3
"""End-to-end scores of a parsing model on UD English EWT (dev or test).

Raw text is rebuilt from the gold file's ``# text`` lines (sentences of a paragraph joined
by a space, paragraphs and documents by a blank line), parsed with provenance's parse layer
(the same code as ``provenance parse``, no cache), written as CoNLL-U and scored with the
CoNLL 2018 evaluator that stanza ships (``stanza.models.common.utils.ud_scores``).

    python scripts/eval_model.py --split test [--model bundled] [--threads 2]

``--gold-sentences`` parses each gold sentence on its own instead (the text of every
``# text`` line as a paragraph of its own, stanza's ``tokenize_no_ssplit``): the tokens are
still the model's, the sentence boundaries are gold, so the difference from the normal run
is what sentence splitting costs.

Prints one JSON object (scores in %, words/s, seconds).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UD = ROOT.parent / "shared" / "ud"


def raw_text(gold: Path) -> str:
    paras: list[list[str]] = [[]]
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc") or line.startswith("# newpar"):
            if paras[-1]:
                paras.append([])
        elif line.startswith("# text = "):
            paras[-1].append(line[len("# text = "):])
    return "\n\n".join(" ".join(p) for p in paras if p) + "\n"


def gold_sentences_text(gold: Path) -> str:
    """Every gold sentence's text as a paragraph of its own."""
    lines = gold.read_text(encoding="utf-8").splitlines()
    return "\n\n".join(line[len("# text = "):] for line in lines if line.startswith("# text = ")) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--model", default="bundled")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N characters (quick checks)")
    ap.add_argument("--record", action="store_true", help="write the scores into the model's model.json")
    ap.add_argument("--gold-sentences", action="store_true",
                    help="parse each gold sentence on its own (what sentence splitting costs)")
    args = ap.parse_args()
    if args.record and (args.gold_sentences or args.limit):
        ap.error("--record records the end-to-end run only (no --gold-sentences, no --limit)")

    import torch

    torch.set_num_threads(args.threads)
    from stanza.models.common.utils import ud_scores

    from provenance.nlp.conllu import to_conllu
    from provenance.nlp.models import parse_model_option
    from provenance.nlp.parser import Parser, load_pipeline

    gold = UD / f"en_ewt-ud-{args.split}.conllu"
    text = gold_sentences_text(gold) if args.gold_sentences else raw_text(gold)
    if args.limit:
        text = text[: args.limit]
    spec = parse_model_option(args.model)
    t0 = time.perf_counter()
    if args.gold_sentences:
        import stanza

        from provenance.nlp import speedups
        from provenance.nlp.doc import from_stanza
        from provenance.nlp.models import pipeline_kwargs

        speedups.install()
        pipeline = stanza.Pipeline(**{**pipeline_kwargs(spec), "tokenize_no_ssplit": True})
    else:
        load_pipeline(spec)
    load_s = time.perf_counter() - t0
    parser = Parser(spec, use_cache=False)
    t0 = time.perf_counter()
    parsed = from_stanza(pipeline(text), spec.model_id, text=text) if args.gold_sentences else parser.parse(text)
    parse_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        sys_file = Path(tmp) / "system.conllu"
        sys_file.write_text(to_conllu(parsed, text), encoding="utf-8")
        result = {"split": args.split, "model": parser.model_id, "gold_sentences": args.gold_sentences,
                  "words": parsed.word_count,
                  "load_s": round(load_s, 2), "parse_s": round(parse_s, 1),
                  "words_per_s": round(parsed.word_count / parse_s, 1), "threads": args.threads}
        if not args.limit:
            ev = ud_scores(str(gold), str(sys_file))
            for metric in ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS"):
                result[metric] = round(100 * ev[metric].f1, 2)
    print(json.dumps(result))
    if args.record and not args.limit:
        card = spec.directory / "model.json"
        info = json.loads(card.read_text()) if card.exists() else {}
        info.setdefault("scores", {})[f"ewt_{args.split}_end_to_end"] = {
            k: result[k] for k in ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS")}
        card.write_text(json.dumps(info, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
