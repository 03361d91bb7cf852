#!/usr/bin/env python3
"""Train the bundled stanza English model from the UD data in ../shared/ud/.

Reproducible, offline and resumable:

* data: EWT train + the CC-BY part of GUM train (concatenated), EWT dev for model
  selection.  The test sets are never read: stanza's prep scripts want a test file, so
  they are handed a copy of EWT dev under that name.
* every stage calls stanza's own training code (``python -m stanza.models.X``) with a
  fixed seed; the parser resumes from its checkpoint when the command is rerun (the
  tagger, which stanza cannot resume, continues from its best saved weights), a
  finished stage is skipped (``WORK/state.json``), and ``--deadline-min`` ends a stage
  after that many minutes, keeping the best model saved so far (stanza saves the best dev
  score as it goes).
* ``--lane`` splits the stages into two groups that can run side by side on a 2-core
  machine, one torch thread each.

Usage (see docs/model.md and provenance/models/en_bundled/MODEL_CARD.md for the runs):

    nohup python scripts/train_model.py --lane a > build/train-a.log 2>&1 &
    nohup python scripts/train_model.py --lane b --retag > build/train-b.log 2>&1 &
    python scripts/train_model.py --install      # copy the best models into the package
    python scripts/train_model.py --save-checkpoints   # the parser checkpoint, for the next session
"""
from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UD = ROOT.parent / "shared" / "ud"
PACKAGE_MODEL = ROOT / "provenance" / "models" / "en_bundled"
# Where a run that spans sessions leaves its progress in git (build/ is not committed):
# the parser's full checkpoint (weights + optimizer) and, for the tagger and the tokenizer,
# the shipped model.
COMMITTED_CHECKPOINTS = {
    "depparse": ROOT / "training" / "checkpoints" / "depparse-checkpoint.pt",
    "pos": PACKAGE_MODEL / "pos.pt",
    "tokenize": PACKAGE_MODEL / "tokenize.pt",
}
# Stages that stanza cannot resume from a checkpoint: a rerun continues from the best saved
# model's weights instead (scripts/resume_training.py).
RESUMED_FROM_WEIGHTS = ("pos", "tokenize")
SEED = "1234"
# Which tags the parser trains on: "in" (gold, stanza's prep output) or "retag" (the
# tagger's predictions, written by scripts/retag_conllu.py; see --retag).
PARSER_TAGS = {"kind": "in"}
# The tagger's learning rate when set (--tagger-lr: a lower rate to fine-tune a tagger whose
# dev score has levelled off at stanza's default 0.003); None keeps stanza's default.
TAGGER_LR: dict[str, str | None] = {"lr": None}
# The step at which the parser switches to stanza's second optimizer (Adam, lr 2e-4) when
# set (--parser-second-stage-at); None keeps stanza's default (step 10,000, or on a stall).
PARSER_SECOND_STAGE: dict[str, str | None] = {"step": None}
SHORT = "en_ewt"
# The pretrained word vectors the tagger and the parser read when set (--vectors, a stanza
# pretrain file from scripts/build_vectors.py); None trains them with --no_pretrain.
VECTORS: dict[str, str | None] = {"file": None}


def _word_vectors() -> list[str]:
    return ["--wordvec_pretrain_file", VECTORS["file"]] if VECTORS["file"] else ["--no_pretrain"]


def _train_and_dev(d: str, stage: str, kind: str = "in") -> list[str]:
    """A stage's prepared training and development files (stanza's prep-script names)."""
    return ["--train_file", f"{d}/{stage}/en_ewt.train.{kind}.conllu", "--eval_file", f"{d}/{stage}/en_ewt.dev.{kind}.conllu"]


@dataclass(frozen=True)
class Stage:
    lane: str  # "a" or "b": the stages of one lane train one after another
    module: str  # the stanza training module
    file: str  # the model file, under the save folder
    args: Callable[[str], list[str]]  # the training arguments, given the prepared data folder


# Model sizes chosen for CPU speed (see ../shared/design/stanza-training.md and docs/model.md).
STAGES: dict[str, Stage] = {
    "tokenize": Stage(lane="a", module="stanza.models.tokenizer", file="tokenize/en_ewt_tokenizer.pt", args=lambda d: [
        "--txt_file", f"{d}/tokenize/en_ewt.train.txt",
        "--label_file", f"{d}/tokenize/en_ewt-ud-train.toklabels",
        "--dev_txt_file", f"{d}/tokenize/en_ewt.dev.txt",
        "--dev_label_file", f"{d}/tokenize/en_ewt-ud-dev.toklabels",
        "--dev_conll_gold", f"{d}/tokenize/en_ewt.dev.gold.conllu",
        "--mwt_json_file", f"{d}/tokenize/en_ewt-ud-dev-mwt.json",
        "--lang", "en", "--shorthand", SHORT, "--max_seqlen", "300",
        "--steps", "3000", "--eval_steps", "250",
    ]),
    "mwt": Stage(lane="a", module="stanza.models.mwt_expander", file="mwt/en_ewt_mwt_expander.pt", args=lambda d: [
        *_train_and_dev(d, "mwt"),
        "--gold_file", f"{d}/mwt/en_ewt.dev.gold.conllu",
        "--lang", "en", "--shorthand", SHORT, "--dict_only",
    ]),
    "lemma": Stage(lane="a", module="stanza.models.lemmatizer", file="lemma/en_ewt_lemmatizer.pt", args=lambda d: [
        *_train_and_dev(d, "lemma"),
        "--shorthand", SHORT, "--dict_only",
    ]),
    "pos": Stage(lane="a", module="stanza.models.tagger", file="pos/en_ewt_nopretrain_tagger.pt", args=lambda d: [
        *_train_and_dev(d, "pos"),
        "--lang", "en", "--shorthand", SHORT, *_word_vectors(),
        "--char_hidden_dim", "100", "--deep_biaff_hidden_dim", "100",
        "--composite_deep_biaff_hidden_dim", "50", "--batch_size", "50",
        "--word_cutoff", "2", "--max_steps", "20000", "--eval_interval", "250",
        "--fix_eval_interval", *(["--lr", TAGGER_LR["lr"]] if TAGGER_LR["lr"] else []),
    ]),
    "depparse": Stage(lane="b", module="stanza.models.parser", file="depparse/en_ewt_nopretrain_parser.pt", args=lambda d: [
        *_train_and_dev(d, "depparse", PARSER_TAGS["kind"]),
        "--lang", "en", "--shorthand", SHORT, *_word_vectors(),
        "--char_hidden_dim", "100", "--char_emb_dim", "50",
        "--hidden_dim", "200", "--num_layers", "2", "--deep_biaff_hidden_dim", "100",
        "--no_linearization", "--no_distance", "--batch_size", "2000",
        "--word_cutoff", "2", "--max_steps", "20000", "--eval_interval", "250",
        "--checkpoint_interval", "250",
        *(["--second_optim_start_step", PARSER_SECOND_STAGE["step"]] if PARSER_SECOND_STAGE["step"] else []),
    ]),
}
PREP = [("tokenizer", []), ("mwt", []), ("pos", []), ("lemma", ["--gold"]), ("depparse", ["--gold"])]


def log(msg: str) -> None:
    sys.stderr.write(f"[train {time.strftime('%H:%M:%S')}] {msg}\n")
    sys.stderr.flush()


def prepare(work: Path) -> None:
    """Lay out the UD files the way stanza's prep scripts expect and run them once."""
    done = work / "data" / ".prepared"
    if done.exists():
        return
    # Two lanes started side by side share the work folder: one prepares, the other waits.
    work.mkdir(parents=True, exist_ok=True)
    with open(work / ".prepare.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            _prepare_locked(work, done)


def _prepare_locked(work: Path, done: Path) -> None:
    tb = work / "ud" / "UD_English-EWT"
    tb.mkdir(parents=True, exist_ok=True)
    with open(tb / "en_ewt-ud-train.conllu", "w", encoding="utf-8") as out:
        for name in ("en_ewt-ud-train.conllu", "en_gum-ccby-train.conllu"):
            out.write((UD / name).read_text(encoding="utf-8"))
    shutil.copy(UD / "en_ewt-ud-dev.conllu", tb / "en_ewt-ud-dev.conllu")
    # stanza's prep wants a test file; it gets dev again so the test set is never touched.
    shutil.copy(UD / "en_ewt-ud-dev.conllu", tb / "en_ewt-ud-test.conllu")
    env = dict(os.environ, UDBASE=str(work / "ud"), DATA_ROOT=str(work / "data"))
    for kind, extra in PREP:
        log(f"prepare {kind}")
        subprocess.run([sys.executable, "-m", f"stanza.utils.datasets.prepare_{kind}_treebank",
                        "UD_English-EWT", *extra], env=env, check=True, cwd=work)
    done.touch()


def retag(work: Path, tagger: Path) -> None:
    """Write the parser's train and dev files with predicted tags and lemmas (once)."""
    data = work / "data" / "depparse"
    for split in ("train", "dev"):
        dest = data / f"en_ewt.{split}.retag.conllu"
        if dest.exists():
            continue
        log(f"retag {split} with {tagger}")
        subprocess.run([sys.executable, str(ROOT / "scripts" / "retag_conllu.py"),
                        str(data / f"en_ewt.{split}.in.conllu"), str(dest),
                        "--pos", str(tagger), "--lemma", str(work / "models" / STAGES["lemma"].file)
                        if (work / "models" / STAGES["lemma"].file).exists() else str(PACKAGE_MODEL / "lemma.pt")],
                       check=True, env=dict(os.environ, OMP_NUM_THREADS="1"))


def run_stage(name: str, work: Path, threads: int, deadline_min: float | None, resume: bool = True) -> None:
    spec = STAGES[name]
    state_file = work / "state.json"
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    if state.get(name) == "done":
        log(f"{name}: already done, skipped")
        return
    save_dir = work / "models"
    target = save_dir / spec.file
    sub = Path(spec.file).parent
    cmd = [sys.executable, "-m", spec.module, *spec.args(str(work / "data")),
           "--save_dir", str(save_dir / sub), "--save_name", Path(spec.file).name,
           "--seed", SEED]
    committed = COMMITTED_CHECKPOINTS.get(name)
    if resume and committed is not None and committed.exists():
        # a fresh machine: pick up where the committed run stopped
        dest = save_dir / sub / ("checkpoint.pt" if name == "depparse" else Path(spec.file).name)
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(committed, dest)
            log(f"{name}: resuming from committed {committed.relative_to(ROOT)}")
        shipped = PACKAGE_MODEL / "depparse.pt"
        if name == "depparse" and not target.exists() and shipped.exists():
            # the committed run's best model (what --install shipped): stanza reloads it when
            # it switches to its second optimizer, which a run resumed past the switch does at once
            shutil.copy(shipped, target)
            log(f"{name}: best model so far from the shipped {shipped.relative_to(ROOT)}")
    if VECTORS["file"] and name in ("pos", "depparse"):
        for saved in (target, save_dir / sub / "checkpoint.pt"):
            add_vector_input(name, saved)
    if name in RESUMED_FROM_WEIGHTS and target.exists():
        kept = target.with_name("resume-from.pt")
        shutil.copy(target, kept)
        cmd = [sys.executable, str(ROOT / "scripts" / "resume_training.py"), spec.module,
               "--resume_from", str(kept), *cmd[3:]]
    if name == "depparse":
        checkpoint = save_dir / sub / "checkpoint.pt"
        cmd += ["--checkpoint_save_name", str(checkpoint)]
        if checkpoint.exists():
            # keep the checkpoint's vocabulary (stanza would rebuild it from the data)
            cmd = [sys.executable, str(ROOT / "scripts" / "parser_resume.py"), *cmd[3:]]
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    log(f"{name}: {' '.join(cmd)}")
    start = time.time()
    proc = subprocess.Popen(cmd, env=env, cwd=work)
    try:
        proc.wait(timeout=deadline_min * 60 if deadline_min else None)
        status = "done" if proc.returncode == 0 else f"failed rc={proc.returncode}"
    except subprocess.TimeoutExpired:
        proc.terminate()
        proc.wait()
        status = "stopped at deadline"
    log(f"{name}: {status} after {time.time() - start:.0f}s; model {'present' if target.exists() else 'missing'}")
    if status == "done" or (status == "stopped at deadline" and target.exists()):
        state = json.loads(state_file.read_text()) if state_file.exists() else {}
        state[name] = "done" if status == "done" else "partial"
        state_file.write_text(json.dumps(state, indent=1))


def add_vector_input(name: str, saved: Path) -> None:
    """Give a saved model trained without vectors the --vectors input (scripts/add_pretrain.py)."""
    import torch

    if not saved.exists() or torch.load(saved, map_location="cpu", weights_only=False)["config"].get("pretrain"):
        return
    log(f"{name}: adding the word-vector input to {saved}")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "add_pretrain.py"), name, str(saved), str(saved),
                    "--pretrain", str(VECTORS["file"])], check=True)


def install(work: Path, dest: Path = PACKAGE_MODEL) -> None:
    """Copy the best model of each stage into the package (or another folder)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name, spec in STAGES.items():
        src = work / "models" / spec.file
        if not src.exists():
            if (PACKAGE_MODEL / f"{name}.pt").exists():  # a stage this run did not train
                if dest != PACKAGE_MODEL:
                    shutil.copy(PACKAGE_MODEL / f"{name}.pt", dest / f"{name}.pt")
                log(f"kept the shipped {name}.pt (not trained in {work})")
                continue
            raise SystemExit(f"missing {src}: train stage {name} first")
        shutil.copy(src, dest / f"{name}.pt")
        log(f"installed {name}.pt ({src.stat().st_size / 1e6:.1f} MB)")
    if VECTORS["file"]:
        shutil.copy(VECTORS["file"], dest / "pretrain.pt")
        log(f"installed pretrain.pt ({Path(VECTORS['file']).stat().st_size / 1e6:.1f} MB)")
    if dest != PACKAGE_MODEL:
        shutil.copy(PACKAGE_MODEL / "resources.json", dest / "resources.json")
    card = dest / "model.json"
    info = json.loads(card.read_text()) if card.exists() else {}
    info.update({
        "version": time.strftime("%Y.%m.%d"),
        "trained": time.strftime("%Y-%m-%d"),
        "data": "UD English EWT train (CC BY-SA 4.0) + UD English GUM CC-BY genres train (CC BY 4.0); "
                "model selection on EWT dev",
        "stanza": __import__("importlib.metadata").metadata.version("stanza"),
        "config": {name: " ".join(spec.args("DATA")) for name, spec in STAGES.items()},
        # end-to-end scores are re-measured by scripts/eval_model.py --record; the rest stay
        "scores": {k: v for k, v in info.get("scores", {}).items() if not k.endswith("_end_to_end")},
    })
    card.write_text(json.dumps(info, indent=1, sort_keys=True) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "training")
    ap.add_argument("--lane", choices=["a", "b", "all"], default="all")
    ap.add_argument("--stages", nargs="*", help="run only these stages")
    ap.add_argument("--threads", type=int, default=1, help="torch threads per stage")
    ap.add_argument("--deadline-min", type=float, default=None, help="stop each stage after N minutes")
    ap.add_argument("--fresh", action="store_true", help="ignore the committed checkpoints (train from scratch)")
    ap.add_argument("--save-checkpoints", action="store_true",
                    help="copy the parser checkpoint to training/checkpoints/ (to commit a run that spans sessions)")
    ap.add_argument("--retag", action="store_true",
                    help="train the parser on predicted tags (the shipped tagger's, or --tagger)")
    ap.add_argument("--tagger", type=Path, default=PACKAGE_MODEL / "pos.pt", help="tagger used by --retag")
    ap.add_argument("--tagger-lr", help="the tagger's learning rate (stanza's default: 0.003); "
                    "pass it to --install too, so that the recorded config shows it")
    ap.add_argument("--parser-second-stage-at", metavar="STEP",
                    help="switch the parser to stanza's second optimizer at this step (default 10,000); "
                    "pass it to --install too")
    ap.add_argument("--vectors", type=Path, help="pretrained word vectors for the tagger and the parser "
                    "(a stanza pretrain file, scripts/build_vectors.py); a model trained without them gets "
                    "the input added (scripts/add_pretrain.py); pass it to --install too")
    ap.add_argument("--install", action="store_true", help="copy the trained models into the package")
    ap.add_argument("--dest", type=Path, default=PACKAGE_MODEL, help="where --install copies the models")
    args = ap.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.retag:
        PARSER_TAGS["kind"] = "retag"
    TAGGER_LR["lr"] = args.tagger_lr
    PARSER_SECOND_STAGE["step"] = args.parser_second_stage_at
    VECTORS["file"] = str(args.vectors.resolve()) if args.vectors else None
    if args.install:
        install(work, args.dest)
        return
    if args.save_checkpoints:
        src = work / "models" / "depparse" / "checkpoint.pt"
        if not src.exists():
            raise SystemExit(f"missing {src}: no parser checkpoint in {work}")
        COMMITTED_CHECKPOINTS["depparse"].parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, COMMITTED_CHECKPOINTS["depparse"])
        log(f"saved {COMMITTED_CHECKPOINTS['depparse'].relative_to(ROOT)}")
        return
    prepare(work)
    if args.retag:
        retag(work, args.tagger.resolve())
    names = args.stages or [n for n, s in STAGES.items() if args.lane in ("all", s.lane)]
    for name in names:
        run_stage(name, work, args.threads, args.deadline_min, resume=not args.fresh)


if __name__ == "__main__":
    main()
