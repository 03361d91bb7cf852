#!/usr/bin/env python3
"""Coreference of reporting-verb subjects, measured on UD English GUM (gold parse, gold chains).

    .venv/bin/python scripts/eval_coref.py                  # train and dev
    .venv/bin/python scripts/eval_coref.py --split dev -v   # one split, list every error

What is scored.  In every sentence, a *reporting-verb subject* is the ``nsubj`` or
``nsubj:pass`` of a verb whose lemma is a reporting verb of the cue lexicon
(``rules/cues.yaml``: ``verbs`` and ``quote_verbs``).  It is scored when it is

* a third-person pronoun (he, she, it, they), or ``I`` / ``we`` inside a quotation; or
* a definite noun phrase: a common-noun head with the determiner the / this / that;

and when its gold mention (GUM ``Entity=`` in MISC: the smallest mention containing the
subject's head word) belongs to a chain with an earlier mention (an anaphor: there is
something to resolve to).  First mentions, cataphora and ``I`` / ``we`` / ``you`` of the
narrator are not scored (they are reported as "not anaphoric"); nor is an ``I`` / ``we``
inside a quotation the narrator speaks (its chain has the narrator's ``I`` / ``we`` outside
quotation marks before it: 'I was like "Why would I stop?"').

How it is run.  The project's own ``Resolver`` walks each document on its GOLD parse
exactly as the pipeline does: sentence by sentence, the sources the extractor finds are
resolved (and remembered), then the scored subjects the extractor missed, then
``observe_sentence``.

The rule.  A resolution is *correct* when the antecedent span it returns heads a gold
mention of the subject's entity: the head word of the span (the word in it whose syntactic
head, in the gold parse, lies outside it) is inside a mention of the subject's chain.  A resolution without an
antecedent span (a registry or title match) is correct when its name shares a word with a
mention of the gold chain.  Anything else resolved is *wrong*; ``unresolved`` is counted
apart.  Accuracy = correct / scored (unresolved counts against it).

The data lives in ``../shared/ud`` and is never committed.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.extract.lexicon import CueLexicon, load_lexicon  # noqa: E402
from provenance.extract.mention import Mention  # noqa: E402
from provenance.extract.run import extract_sentence  # noqa: E402
from provenance.nlp.conllu import read_conllu  # noqa: E402
from provenance.nlp.doc import ParsedDocument, Sentence, Word  # noqa: E402
from provenance.registry import Registry  # noqa: E402
from provenance.report import TextSpan  # noqa: E402
from provenance.resolve.entities import Resolution, Resolver  # noqa: E402

from provenance.resolve.countries import article_countries  # noqa: E402

UD = ROOT.parent / "shared" / "ud"
SPLITS = {"train": "en_gum-ccby-train.conllu", "dev": "en_gum-ccby-dev.conllu"}
THIRD_PERSON = {"he", "she", "it", "they"}
FIRST_PERSON = {"i", "we"}
DEFINITE = {"the", "this", "that"}
SUBJ_RELS = {"nsubj", "nsubj:pass"}
OPEN = re.compile(r"\((\d+)-([^()]*)(\)?)")
CLOSE = re.compile(r"(\d+)\)")


@dataclass(frozen=True)
class GoldMention:
    sentence: int
    first: int  # word ids, inclusive
    last: int
    entity: str


@dataclass
class Item:
    doc: str
    kind: str  # pronoun | definite
    text: str
    outcome: str  # correct | wrong | unresolved
    antecedent: str
    gold: str = ""  # the nearest earlier mention of the gold chain (for -v)


def split_documents(path: Path) -> list[tuple[str, str]]:
    docs: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id"):
            docs.append((line.split("=", 1)[1].strip(), []))
        if docs:
            docs[-1][1].append(line)
    return [(name, "\n".join(lines) + "\n") for name, lines in docs]


def gold_mentions(conllu: str) -> list[GoldMention]:
    """The GUM bracket annotation: ``(ID-etype-...`` opens a mention, ``ID)`` closes it,
    ``(ID-...)`` is a one-word mention (fields never hold raw parentheses: %28 / %29)."""
    out: list[GoldMention] = []
    sent = -1
    stack: dict[str, list[int]] = {}
    for line in conllu.splitlines():
        if not line:
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        wid = int(cols[0])
        if wid == 1:
            sent += 1
            stack = {}
        misc = next((m[7:] for m in cols[9].split("|") if m.startswith("Entity=")), None)
        if misc is None:
            continue
        for m in OPEN.finditer(misc):
            eid = m.group(1)
            if m.group(3):
                out.append(GoldMention(sent, wid, wid, eid))
            else:
                stack.setdefault(eid, []).append(wid)
        rest = OPEN.sub(" ", misc)
        for m in CLOSE.finditer(rest):
            eid = m.group(1)
            if stack.get(eid):
                out.append(GoldMention(sent, stack[eid].pop(), wid, eid))
    return out


def cue_subjects(sent: Sentence, lex: CueLexicon) -> list[Word]:
    verbs = set(lex.verb_stance) | set(lex.quote_verbs)
    out = []
    for w in sent.words:
        if w.deprel in SUBJ_RELS and w.head:
            v = sent.word(w.head)
            if v.upos == "VERB" and v.lemma.lower() in verbs:
                out.append(w)
    return out


def inside_quotation(text: str, sent: Sentence, w: Word) -> bool:
    """Odd number of quotation marks between the sentence start and the word (or curly
    quotes left open)."""
    before = text[sent.start : w.start]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def kind_of(text: str, sent: Sentence, w: Word) -> str | None:
    low = w.text.lower()
    if w.upos == "PRON":
        if low in THIRD_PERSON:
            return "pronoun"
        if low in FIRST_PERSON and inside_quotation(text, sent, w):
            return "pronoun"
        return None
    if w.upos == "NOUN" and any(k.deprel == "det" and k.lemma.lower() in DEFINITE for k in sent.children(w.id)):
        return "definite"
    return None


def narrators_quotation(text: str, parsed: ParsedDocument, gold: list[GoldMention], g: GoldMention,
                        w: Word) -> bool:
    """An I / we inside a quotation the narrator speaks ('I was like "Why would I stop?"'):
    its chain has the narrator's own I / we outside quotation marks before it, so it is the
    narrator's, which is not scored."""
    if w.text.lower() not in FIRST_PERSON:
        return False
    for o in gold:
        if o.entity != g.entity or (o.sentence, o.first) >= (g.sentence, g.first) or o.first != o.last:
            continue
        s = parsed.sentences[o.sentence]
        k = s.word(o.first)
        if k.text.lower() in FIRST_PERSON | {"me", "us", "my", "our"} and not inside_quotation(text, s, k):
            return True
    return False


def make_mention(text: str, sent: Sentence, w: Word) -> Mention:
    if w.upos == "PRON":
        ids = {w.id}
    else:
        ids = {i for i in sent.subtree_ids(w.id)
               if sent.word(i).deprel.split(":")[0] not in ("acl", "punct") or i == w.id}
        ids = set(range(min(ids), max(ids) + 1)) & sent.subtree_ids(w.id)
    words = sorted((sent.word(i) for i in ids), key=lambda x: x.start)
    start, end = words[0].start, words[-1].end
    span = TextSpan.model_construct(text=text[start:end], start=start, end=end)
    return Mention(span=span, sentence=sent.index, head=w.id, head_lemma=w.lemma.lower(), upos=w.upos,
                   is_pronoun=w.upos == "PRON")


def char_span(parsed: ParsedDocument, g: GoldMention) -> tuple[int, int]:
    s = parsed.sentences[g.sentence]
    return s.word(g.first).start, s.word(g.last).end


def mention_of(gold: list[GoldMention], sent: int, wid: int) -> GoldMention | None:
    found = [g for g in gold if g.sentence == sent and g.first <= wid <= g.last]
    return min(found, key=lambda g: (g.last - g.first, g.first)) if found else None


def score(res: Resolution, subject: GoldMention, gold: list[GoldMention], parsed: ParsedDocument,
          text: str) -> tuple[str, str]:
    if res.match == "unresolved":
        return "unresolved", ""
    ant = res.antecedent
    chain = [g for g in gold if g.entity == subject.entity and g != subject]
    if ant is None:
        words = {t for t in re.split(r"\W+", res.entity.name.lower()) if len(t) > 2}
        for g in chain:
            a, b = char_span(parsed, g)
            if words & {t for t in re.split(r"\W+", text[a:b].lower())}:
                return "correct", res.entity.name
        return "wrong", res.entity.name
    root = span_root(parsed, ant.start, ant.end)
    label = f"{ant.text} @{ant.start}"
    if root is not None and any(g.sentence == root[0] and g.first <= root[1] <= g.last for g in chain):
        return "correct", label
    return "wrong", label


def span_root(parsed: ParsedDocument, start: int, end: int) -> tuple[int, int] | None:
    """The head word of a character span: the word inside it whose head lies outside it."""
    for s in parsed.sentences:
        if s.start <= start < s.end + 1:
            ids = {w.id for w in s.words if w.start >= start and w.end <= end}
            for w in s.words:
                if w.id in ids and w.head not in ids:
                    return s.index, w.id
            return None
    return None


def evaluate_document(name: str, conllu: str, registry: Registry, lex: CueLexicon) -> tuple[list[Item], int]:
    text, parsed = read_conllu(conllu, name)
    gold = gold_mentions(conllu)
    countries = article_countries(text, parsed, registry, None)
    resolver = Resolver(text, parsed, registry, countries)
    items: list[Item] = []
    not_anaphoric = 0
    for sent in parsed.sentences:
        extracted = extract_sentence(text, sent, lex)
        resolved: dict[int, Resolution] = {}
        for ex in extracted:
            if ex.source is not None:
                res = resolver.resolve(ex.source)
                if ex.source.issuer is None:
                    resolved.setdefault(ex.source.head, res)
        for w in cue_subjects(sent, lex):
            kind = kind_of(text, sent, w)
            if kind is None:
                continue
            res = resolved.get(w.id)
            if res is None:
                res = resolved[w.id] = resolver.resolve(make_mention(text, sent, w))
            g = mention_of(gold, sent.index, w.id)
            if g is None or not any(o.entity == g.entity and (o.sentence, o.first) < (g.sentence, g.first)
                                    for o in gold) or narrators_quotation(text, parsed, gold, g, w):
                not_anaphoric += 1
                continue
            outcome, ant = score(res, g, gold, parsed, text)
            prior = max((o for o in gold if o.entity == g.entity and (o.sentence, o.first) < (g.sentence, g.first)),
                        key=lambda o: (o.sentence, o.first))
            a, b = char_span(parsed, prior)
            items.append(Item(name, kind, w.text if w.upos == "PRON" else make_mention(text, sent, w).span.text,
                              outcome, ant, text[a:b][:60]))
        resolver.observe_sentence(sent)
    return items, not_anaphoric


def report(split: str, items: list[Item], not_anaphoric: int) -> None:
    print(f"{split}: {len(items)} mentions scored ({not_anaphoric} subjects not anaphoric, not scored)")
    for kind in ("pronoun", "definite", "all"):
        sel = [i for i in items if kind == "all" or i.kind == kind]
        c = Counter(i.outcome for i in sel)
        n = len(sel)
        acc = c["correct"] / n if n else 0.0
        print(f"  {kind:9s} accuracy {acc:.3f}  (n={n}: correct {c['correct']}, wrong {c['wrong']}, "
              f"unresolved {c['unresolved']})")
    genres = sorted({i.doc.split("_")[1] for i in items})
    parts = []
    for g in genres:
        sel = [i for i in items if i.doc.split("_")[1] == g]
        parts.append(f"{g} {sum(i.outcome == 'correct' for i in sel)}/{len(sel)}")
    print("  by genre: " + ", ".join(parts))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=[*SPLITS, "both"], default="both")
    ap.add_argument("--data", type=Path, default=UD, help="folder of the GUM CoNLL-U files")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every wrong or unresolved mention")
    args = ap.parse_args(argv)
    registry, lex = Registry.load(), load_lexicon()
    splits = list(SPLITS) if args.split == "both" else [args.split]
    everything: list[Item] = []
    total_na = 0
    for split in splits:
        path = args.data / SPLITS[split]
        if not path.is_file():
            print(f"error: no such file: {path}", file=sys.stderr)
            return 2
        items: list[Item] = []
        na = 0
        docs = split_documents(path)
        for k, (name, conllu) in enumerate(docs, 1):
            print(f"\r{split}: document {k}/{len(docs)}", end="", file=sys.stderr, flush=True)
            got, n = evaluate_document(name, conllu, registry, lex)
            items += got
            na += n
        print(file=sys.stderr)
        if args.verbose:
            for i in items:
                if i.outcome != "correct":
                    print(f"  [{i.outcome}] {i.doc}: {i.kind} {i.text!r} -> {i.antecedent!r} (gold: {i.gold!r})")
        report(split, items, na)
        everything += items
        total_na += na
    if len(splits) > 1:
        report("train+dev", everything, total_na)
    return 0


if __name__ == "__main__":
    sys.exit(main())
