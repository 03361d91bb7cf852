"""The typed view of a dependency parse that the rest of provenance reads.

Built from a stanza ``Document`` (parsed text, or CoNLL-U read with ``CoNLL.conll2doc``).
Character offsets are 0-based and end-exclusive, taken from stanza's Tokens (the words of a
multi-word token share their token's offsets).  ``head`` is the 1-based id of the head word
within the sentence (0 = root), as in CoNLL-U.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from stanza.models.common.doc import Document


class Word(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int  # 1-based within the sentence
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str  # CoNLL-U FEATS ("_" when empty)
    head: int  # 0 = root
    deprel: str
    start: int
    end: int

    def feat(self, name: str) -> str | None:
        for pair in self.feats.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


class Sentence(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    index: int
    start: int
    end: int
    words: list[Word]

    def word(self, word_id: int) -> Word:
        return self.words[word_id - 1]

    def _tree(self) -> _Tree:
        """The children of every word, built once per sentence (the helpers below run
        thousands of times per article).  Kept in the instance ``__dict__`` (not a field:
        not dumped, not compared) together with the ``words`` list it was built from, so a
        ``model_copy`` with other words never reads a stale index."""
        tree = self.__dict__.get("_tree_index")
        if tree is None or tree.words is not self.words:
            tree = _Tree(self.words)
            self.__dict__["_tree_index"] = tree
        return tree

    def children(self, word_id: int) -> tuple[Word, ...]:
        return self._tree().kids.get(word_id, ())

    def subtree_ids(self, word_id: int) -> set[int]:
        return set(self._tree().subtree(word_id))


class _Tree:
    """Per-sentence index: head id -> its dependents (in word order), and subtrees."""

    __slots__ = ("kids", "subtrees", "words")

    def __init__(self, words: list[Word]) -> None:
        self.words = words
        kids: dict[int, list[Word]] = {}
        for w in words:
            kids.setdefault(w.head, []).append(w)
        self.kids: dict[int, tuple[Word, ...]] = {h: tuple(ws) for h, ws in kids.items()}
        self.subtrees: dict[int, tuple[int, ...]] = {}

    def subtree(self, word_id: int) -> tuple[int, ...]:
        """The ids of ``word_id`` and everything below it, in the order the original walk
        added them (any cycle is cut, as before): ``set()`` of it is laid out, and so
        iterates, exactly like the set that walk built."""
        done = self.subtrees.get(word_id)
        if done is None:
            ids = {word_id}
            order = [word_id]
            frontier = [word_id]
            kids = self.kids
            while frontier:
                for w in kids.get(frontier.pop(), ()):
                    if w.id not in ids:
                        ids.add(w.id)
                        order.append(w.id)
                        frontier.append(w.id)
            done = self.subtrees[word_id] = tuple(order)
        return done


class ParsedDocument(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    model_id: str
    sentences: list[Sentence]

    @property
    def word_count(self) -> int:
        return sum(len(s.words) for s in self.sentences)


def _text_or(value: str | None, default: str = "_") -> str:
    return value if value not in (None, "") else default


def from_stanza(doc: Document, model_id: str, offset: int = 0, text: str | None = None) -> ParsedDocument:
    """Convert a stanza Document; ``offset`` is added to every character offset.

    With ``text`` (what the document was parsed from), a single-word token takes its form
    from the text itself: stanza writes ``<UNK>`` for some very long tokens (URLs)."""
    sentences: list[Sentence] = []
    for index, sent in enumerate(doc.sentences):
        words: list[Word] = []
        for token in sent.tokens:
            t_start = token.start_char if token.start_char is not None else 0
            t_end = token.end_char if token.end_char is not None else t_start
            single = len(token.words) == 1 and text is not None and t_end > t_start
            for w in token.words:
                words.append(
                    Word(
                        id=int(w.id),
                        text=text[t_start:t_end] if single else w.text,  # type: ignore[index]
                        lemma=_text_or(w.lemma, w.text),
                        upos=_text_or(w.upos, "X"),
                        xpos=_text_or(w.xpos),
                        feats=_text_or(w.feats),
                        head=int(w.head) if w.head is not None else 0,
                        deprel=_text_or(w.deprel, "dep"),
                        start=t_start + offset,
                        end=t_end + offset,
                    )
                )
        if not words:
            continue
        sentences.append(
            Sentence(index=len(sentences), start=words[0].start, end=words[-1].end, words=words)
        )
    return ParsedDocument(model_id=model_id, sentences=sentences)


def remap_offsets(doc: ParsedDocument, origin: list[int]) -> ParsedDocument:
    """``doc``, parsed from a text with characters left out, with its offsets moved into the
    full text: ``origin[i]`` is where character ``i`` of the parsed text sits in the full one
    (``provenance.unicodefmt.without_format``).  Word forms stay as parsed."""
    last = len(origin) - 1

    def start_of(i: int) -> int:
        return origin[min(i, last)] if origin else i

    def end_of(start: int, end: int) -> int:
        return origin[min(end - 1, last)] + 1 if end > start and origin else start_of(start)

    sentences = []
    for sent in doc.sentences:
        words = [w.model_copy(update={"start": start_of(w.start), "end": end_of(w.start, w.end)}) for w in sent.words]
        sentences.append(sent.model_copy(update={"start": words[0].start, "end": words[-1].end, "words": words}))
    return doc.model_copy(update={"sentences": sentences})
