"""Statements from parsed sentences: repair the tokenizer's splits around attributions.

* News quotes end with the closing quotation mark and then the cue ("… I finished it,”
  Trump said."); sentence splitters often cut after the quotation mark, leaving "Trump
  said." alone.  Such a fragment is joined to the sentence before it, its root attached to
  that sentence's root as ``parataxis`` — the shape of "Y, X said".
* Transcripts and headlines put the speaker before a colon ("WALLACE: Let's start …");
  splitters often cut after the colon.  A sentence that is only such a label is joined to
  the sentence after it.
* A line cut where no sentence ends: "Israeli Strike On Syria Kills | Two: State Media" (a
  headline, whose words are all capitalised), "Interior Secretary Ramon | Cruz ordered ...".
  A sentence that ends in a word, with no punctuation, followed on the same line by the next,
  is one sentence with it; when the cut-off part is all names before a name, it is the front
  of that name (its root a ``compound`` of the name's first word).
"""

from __future__ import annotations

from provenance.quotes import CLOSING_MARKS, DOUBLE_MARKS, SINGLE_CLOSE
from provenance.extract.lexicon import CueLexicon
from provenance.nlp.doc import ParsedDocument, Sentence, Word

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
    return text[sent.start : sent.end].rstrip().endswith(tuple(CLOSING_MARKS + SINGLE_CLOSE))


def _is_speaker_label(sent: Sentence) -> bool:
    words = [w for w in sent.words if w.text not in DOUBLE_MARKS]
    if len(words) < 2 or len(words) > 4 or words[-1].text != ":":
        return False
    return all(w.upos == "PROPN" or w.text.isupper() for w in words[:-1])


def _cut_mid_line(text: str, a: Sentence, b: Sentence, title_end: int | None) -> bool:
    """``a`` ends in a word (no punctuation closes it) and ``b`` goes on on the same line (not
    past the end of the headline)."""
    last = text[a.start : a.end].rstrip()
    if title_end is not None and a.end <= title_end <= b.start:
        return False
    return bool(last) and last[-1].isalnum() and "\n" not in text[a.end : b.start]


MONTH_ABBREVIATIONS = frozenset({"jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.",
                                 "nov.", "dec."})


MONTH_DAY_WORDS = 3  # "15." or "15, 2016.": a day alone, not "6. Russian President Putin said ..."


def _cut_after_a_month(text: str, a: Sentence, b: Sentence) -> bool:
    """``a`` ends in a month's abbreviation ("... on Feb.") and ``b``, on the same line, opens
    with its day and nothing more ("15."): the splitter took the abbreviation's full stop for a
    sentence's end."""
    last = text[a.start : a.end].rstrip().rsplit(None, 1)
    return bool(last) and last[-1].lower() in MONTH_ABBREVIATIONS and 0 < len(b.words) <= MONTH_DAY_WORDS \
        and b.words[0].text[:1].isdigit() and "\n" not in text[a.end : b.start]


def _front_of_a_name(a: Sentence, b: Sentence) -> bool:
    """``a`` is all capitalised words of a name, after an article ("Interior Secretary Ramon",
    "The Jakarta", "Human Rights") and ``b`` opens with a capitalised word ("Cruz", "Post",
    "Watch", whatever the tagger made of it)."""
    words = [w for w in a.words if w.upos != "PUNCT"]
    if words and words[0].upos == "DET":
        words = words[1:]
    return bool(words) and bool(b.words) and all(w.upos in ("PROPN", "NOUN", "ADJ") and w.text[:1].isupper()
                                                 for w in words) \
        and b.words[0].upos in ("PROPN", "NOUN", "VERB") and b.words[0].text[:1].isupper()


def _join(a: Sentence, b: Sentence, root_of: str = "a") -> Sentence:
    """One sentence of a's words then b's; the other part's root hangs on the kept root (with
    ``root_of="name"``, a's root is a compound of b's first word, and the words of the name are
    proper nouns)."""
    offset = len(a.words)
    root_a = next((w.id for w in a.words if w.head == 0), 1)
    root_b = next((w.id for w in b.words if w.head == 0), 1) + offset
    words: list[Word] = []
    for w in a.words:
        if w.head == 0 and root_of == "name":
            head, rel = offset + 1, "compound"
        elif w.head == 0 and root_of == "b":
            head, rel = root_b, "dep"
        else:
            head, rel = w.head, w.deprel
        tag = {"upos": "PROPN", "xpos": "NNP"} if root_of == "name" and w.upos in ("NOUN", "ADJ") else {}
        words.append(w.model_copy(update={"head": head, "deprel": rel, **tag}))  # "Human Rights" of "... Watch"
    for w in b.words:
        if w.head == 0 and root_of in ("a", "name"):
            head, rel = (root_a, "parataxis") if root_of == "a" else (0, "root")
        else:
            head, rel = (w.head + offset if w.head else 0), w.deprel
        tag = {"upos": "PROPN", "xpos": "NNP"} if root_of == "name" and w.id == 1 else {}  # "Post" of "The Jakarta Post"
        words.append(Word(**{**w.model_dump(), "id": w.id + offset, "head": head, "deprel": rel, **tag}))
    return Sentence(index=a.index, start=a.start, end=b.end, words=words)


def merge_cue_fragments(text: str, parsed: ParsedDocument, lex: CueLexicon,
                        title_end: int | None = None) -> ParsedDocument:
    """The parse with the fragments above joined; ``title_end``: where the headline ends."""
    sentences: list[Sentence] = []
    for sent in parsed.sentences:
        if sentences and _is_cue_fragment(sent, lex) and _ends_with_quote(text, sentences[-1]):
            sentences[-1] = _join(sentences[-1], sent)
        elif sentences and _is_speaker_label(sentences[-1]) and "\n" not in text[sentences[-1].end : sent.start]:
            sentences[-1] = _join(sentences[-1], sent, root_of="b")
        elif sentences and _cut_after_a_month(text, sentences[-1], sent):
            sentences[-1] = _join(sentences[-1], sent)
        elif sentences and _cut_mid_line(text, sentences[-1], sent, title_end):
            sentences[-1] = _join(sentences[-1], sent, "name" if _front_of_a_name(sentences[-1], sent) else "a")
        else:
            sentences.append(sent.model_copy(update={"index": len(sentences)}))
    if len(sentences) == len(parsed.sentences):
        return parsed
    return ParsedDocument(model_id=parsed.model_id, sentences=sentences)
