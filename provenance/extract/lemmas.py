"""Lemmas of lexicon verbs the parser's lemmatizer did not know.

The bundled lemmatizer is a dictionary: a form it never saw keeps itself as its lemma
("insisted" -> "insisted"), and the cue lexicon, which lists lemmas, would miss the cue.
A verb whose lemma is its own form gets back the lexicon lemma its regular inflection
stands for ("insisted" -> "insist", "noted" -> "note", "admitting" -> "admit",
"testifies" -> "testify"); every other word is left as the parser gave it.
"""

from __future__ import annotations

from provenance.extract.lexicon import CueLexicon
from provenance.nlp.doc import Sentence


def _bases(form: str) -> list[str]:
    """Candidate base forms of a regularly inflected English verb form."""
    out: list[str] = []
    for suffix in ("ied", "ies"):
        if form.endswith(suffix):
            out.append(form[:-3] + "y")
    if form.endswith("ed"):
        out += [form[:-2], form[:-1]]
        if len(form) > 4 and form[-3] == form[-4]:
            out.append(form[:-3])  # admitted -> admit
    if form.endswith("ing"):
        out += [form[:-3], form[:-3] + "e"]
        if len(form) > 5 and form[-4] == form[-5]:
            out.append(form[:-4])  # admitting -> admit
    if form.endswith("es"):
        out.append(form[:-2])
    if form.endswith("s"):
        out.append(form[:-1])
    return out


def lexicon_lemma(form: str, lemma: str, known: frozenset[str]) -> str:
    low = form.lower()
    if lemma.lower() != low or low in known:
        return lemma
    return next((base for base in _bases(low) if base in known), lemma)


def with_lexicon_lemmas(sent: Sentence, lex: CueLexicon) -> Sentence:
    """The sentence with unknown inflections of lexicon verbs lemmatised (itself if none)."""
    known = lex.verb_lemmas
    changed = {w.id: lemma for w in sent.words
               if w.upos in ("VERB", "AUX") and (lemma := lexicon_lemma(w.text, w.lemma, known)) != w.lemma}
    if not changed:
        return sent
    words = [w.model_copy(update={"lemma": changed[w.id]}) if w.id in changed else w for w in sent.words]
    return Sentence(index=sent.index, start=sent.start, end=sent.end, words=words)
