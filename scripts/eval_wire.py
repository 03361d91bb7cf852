#!/usr/bin/env python3
"""State-media-only and attribution accuracy on real wire copy judged sentence by sentence.

    python scripts/eval_wire.py SET [--keep DIR | --reports DIR] [--verbose]

SET is a folder of articles kept outside the repository (third-party text is never
committed): ``SET/**/NN.txt`` with its gold in ``gold/NN.tsv`` beside it. A gold file has a
header line and one line per sentence, tab-separated::

    opening  smo  attributed  origin  chain  note

``opening`` is the sentence's first words exactly as in the article; ``smo`` is 1 when the
sentence's claim rests only on state media (the project's verdict); ``attributed`` is 1 when
the claim has a source other than the article's own voice; ``origin`` lists the accepted
spellings of that source, separated by ``|``. ``docs/accuracy.md`` says how the sets were
built.

Each article is checked with the same code as ``provenance check --format json`` (or its
report is read from ``--reports DIR/<relative path>.json``, as written by another commit's
``provenance check``), and each gold sentence is matched to the statement whose text starts
with its opening (else the first that contains it). Scores, micro-averaged over the set:
state-media-only P / R / F1 (a statement's ``state_media_only``), and attribution P / R / F1
(a predicted attribution is a statement whose verdict is not ``reporter``; it is right when
the gold sentence is attributed and the chain's origin is one of the gold spellings, or is the
registry entry that one of the gold spellings names exactly, by one of its names or the
short name in brackets after one: ``Petra`` in the gold and the entry named ``Jordan News
Agency (Petra)`` in the report). A gold sentence that matches no
statement counts as neither state-media-only nor attributed.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class GoldSentence:
    opening: str
    smo: bool
    attributed: bool
    origins: list[str]


@dataclass
class Counts:
    smo_tp: int = 0
    smo_fp: int = 0
    smo_fn: int = 0
    att_gold: int = 0
    att_pred: int = 0
    att_right: int = 0
    unmatched: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("smo_tp", "smo_fp", "smo_fn", "att_gold", "att_pred", "att_right", "unmatched"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def die(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def read_gold(path: Path) -> list[GoldSentence]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if not header or header[0].strip() != "opening":
            die(f"{path}: the first line must be the header (opening, smo, attributed, origin, ...)")
        for number, row in enumerate(reader, start=2):
            if not row or not row[0].strip():
                continue
            if len(row) < 4:
                die(f"{path}:{number}: expected at least 4 tab-separated columns, found {len(row)}")
            origins = [o.strip() for o in row[3].split("|") if o.strip()]
            rows.append(GoldSentence(row[0].strip(), row[1].strip() == "1", row[2].strip() == "1", origins))
    return rows


def origin_link(statement: dict) -> dict:
    """Where the chain starts: its last link (the speaker where one is named, else the
    documentary origin), never the publisher; an empty dict when there is none."""
    chain = [link for link in statement.get("chain") or [] if link.get("role") != "publisher"]
    return chain[-1] if chain else {}


def registered_forms(entity_id: str | None) -> set[str]:
    """The names under which the registry lists an entry (normalised); empty for none."""
    if not entity_id:
        return set()
    from provenance.registry import Registry

    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = Registry.load()
    entry = _REGISTRY.get(entity_id)
    if entry is None:
        return set()
    forms = [*entry.forms(), entry.name]
    forms += [inner for form in forms for inner in re.findall(r"\(([^()]+)\)", form)]
    return {norm(form) for form in forms}


_REGISTRY = None


def origin_matches(link: dict, spellings: list[str]) -> bool:
    got = norm(str(link.get("name") or ""))
    if not got:
        return False
    forms = registered_forms(link.get("entity_id"))
    for spelling in spellings:
        want = norm(spelling)
        if want and (want == got or want in got or (len(got) >= 4 and got in want) or want in forms):
            return True
    return False


_DATELINE_LEAD = re.compile(r"^.{2,80}?(?:\s-{1,2}|:)\s+")  # "SEOUL (Reuters) - ", "PLACE, date -- ", "PLACE: "


def match(opening: str, statements: list[dict]) -> dict | None:
    want = norm(opening)
    texts = [norm(s.get("text", "")) for s in statements]
    for statement, text in zip(statements, texts):
        if text.startswith(want):
            return statement
    for statement, text in zip(statements, texts):
        if want in text:
            return statement
    rest = _DATELINE_LEAD.sub("", want, count=1)
    if rest != want and len(rest.split()) >= 3:  # an opening copied with its dateline, which the
        return match(rest, statements)  # statement's text leaves out ("SEOUL (Reuters) - ...")
    return None


def score_article(name: str, gold: list[GoldSentence], report: dict) -> Counts:
    counts = Counts()
    statements = report.get("statements", [])
    for sentence in gold:
        statement = match(sentence.opening, statements)
        if statement is None:
            counts.unmatched += 1
            counts.errors.append(f"{name}: no statement for {sentence.opening!r}")
        smo = bool(statement and statement.get("state_media_only"))
        attributed = bool(statement and statement.get("verdict") != "reporter")
        link = origin_link(statement) if statement else {}
        origin = str(link.get("name") or "")
        if smo and sentence.smo:
            counts.smo_tp += 1
        elif smo:
            counts.smo_fp += 1
            counts.errors.append(f"{name}: smo FP {sentence.opening!r} ({statement.get('verdict')}, {origin})")
        elif sentence.smo:
            counts.smo_fn += 1
            verdict = statement.get("verdict") if statement else "unmatched"
            counts.errors.append(f"{name}: smo FN {sentence.opening!r} ({verdict}, {origin or '-'})")
        counts.att_gold += sentence.attributed
        counts.att_pred += attributed
        if attributed and sentence.attributed and origin_matches(link, sentence.origins):
            counts.att_right += 1
        elif attributed or sentence.attributed:
            counts.errors.append(
                f"{name}: attribution {sentence.opening!r} gold={'|'.join(sentence.origins) or '-'}"
                f" got={origin or '-'} ({statement.get('verdict') if statement else 'unmatched'})")
    return counts


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("set", type=Path, help="folder of NN.txt articles with gold/NN.tsv beside them")
    parser.add_argument("--keep", type=Path, help="write each report here (relative path + .json)")
    parser.add_argument("--reports", type=Path, help="score the reports already in this folder")
    parser.add_argument("--model", default="bundled")
    parser.add_argument("--verbose", action="store_true", help="list every error (only the totals without it)")
    args = parser.parse_args()
    if not args.set.is_dir():
        die(f"{args.set}: not a folder")
    pairs = [(a, a.parent / "gold" / (a.stem + ".tsv")) for a in sorted(args.set.rglob("*.txt"))]
    pairs = [(a, g) for a, g in pairs if g.exists()]
    if not pairs:
        die(f"{args.set}: no article with a gold/NN.tsv beside it")
    sys.path.insert(0, str(ROOT))
    checker = None
    if args.reports is None:
        from provenance.check import Checker, CheckOptions

        checker = Checker(CheckOptions(model=args.model))
    total = Counts()
    for number, (article, gold_path) in enumerate(pairs, start=1):
        rel = article.relative_to(args.set).with_suffix(".json")
        if checker is None:
            path = args.reports / rel
            if not path.exists():
                die(f"{path}: no report")
            report = json.loads(path.read_text(encoding="utf-8"))
        else:
            print(f"[{number}/{len(pairs)}] {rel.with_suffix('')}", file=sys.stderr)
            text = checker.check_path(article).report.to_json()
            report = json.loads(text)
            if args.keep:
                (args.keep / rel).parent.mkdir(parents=True, exist_ok=True)
                (args.keep / rel).write_text(text, encoding="utf-8")
        counts = score_article(str(rel.with_suffix("")), read_gold(gold_path), report)
        total.add(counts)
    sp, sr, sf = prf(total.smo_tp, total.smo_tp + total.smo_fp, total.smo_tp + total.smo_fn)
    ap, ar, af = prf(total.att_right, total.att_pred, total.att_gold)
    if args.verbose:
        for line in total.errors:
            print(line)
    print(f"articles {len(pairs)}; gold sentences unmatched {total.unmatched}")
    print(f"state-media-only P {sp:.3f} R {sr:.3f} F1 {sf:.3f} "
          f"(tp {total.smo_tp} fp {total.smo_fp} fn {total.smo_fn})")
    print(f"attribution      P {ap:.3f} R {ar:.3f} F1 {af:.3f} "
          f"(right {total.att_right} predicted {total.att_pred} gold {total.att_gold})")


if __name__ == "__main__":
    main()
