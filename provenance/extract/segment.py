"""Statements from parsed sentences: repair the tokenizer's split of a quotation from its cue.

News quotes end with the closing quotation mark and then the cue ("… I finished it,”
Trump said."); sentence splitters often cut after the quotation mark, leaving "Trump said."
alone.  Such a fragment is joined to the sentence before it, its root attached to that
sentence's root as ``parataxis`` — the shape of "Y, X said".
"""

from __future__ import annotations

from provenance.extract.lexicon import CueLexicon
from provenance.nlp.doc import ParsedDocument, Sentence, Word

CLOSING_QUOTES = ("”", '"', "’", "»")
MAX_FRAGMENT_WORDS = 8


def _is_cue_fragment(sent: Sentence, lex: CueLexicon) -> bool:
    content_words = [w for w in sent.words if w.upos != "PUNCT"]
    if not content_words or len(content_words) > MAX_FRAGMENT_WORDS:
        return False
    cues = [w for w in sent.words if w.upos in ("VERB", "AUX") and lex.stance_of(w.lemma) is not None]
    if not cues:
        return False
    return not any(k.deprel.split(":")[0] in ("ccomp", "xcomp", "parataxis", "csubj")
                   for c in cues for k in sent.children(c.id))


def _ends_with_quote(text: str, sent: Sentence) -> bool:
    return text[sent.start : sent.end].rstrip().endswith(CLOSING_QUOTES)


def _join(a: Sentence, b: Sentence) -> Sentence:
    offset = len(a.words)
    root_a = next((w.id for w in a.words if w.head == 0), 1)
    words = list(a.words)
    for w in b.words:
        head, rel = (root_a, "parataxis") if w.head == 0 else (w.head + offset, w.deprel)
        words.append(Word(**{**w.model_dump(), "id": w.id + offset, "head": head, "deprel": rel}))
    return Sentence(index=a.index, start=a.start, end=b.end, words=words)


def merge_cue_fragments(text: str, parsed: ParsedDocument, lex: CueLexicon) -> ParsedDocument:
    sentences: list[Sentence] = []
    for sent in parsed.sentences:
        if sentences and _is_cue_fragment(sent, lex) and _ends_with_quote(text, sentences[-1]):
            sentences[-1] = _join(sentences[-1], sent)
        else:
            sentences.append(sent.model_copy(update={"index": len(sentences)}))
    if len(sentences) == len(parsed.sentences):
        return parsed
    return ParsedDocument(model_id=parsed.model_id, sentences=sentences)
