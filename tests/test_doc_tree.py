"""The per-sentence dependency index behind ``Sentence.children`` / ``subtree_ids``."""

from __future__ import annotations

import random

from provenance.nlp.doc import ParsedDocument, Sentence, Word


def _words(heads: list[int]) -> list[Word]:
    return [
        Word(id=i + 1, text=f"w{i}", lemma=f"w{i}", upos="X", xpos="_", feats="_", head=h, deprel="dep",
             start=i, end=i + 1)
        for i, h in enumerate(heads)
    ]


def _children_walk(words: list[Word], word_id: int) -> list[Word]:  # the helper before the index
    return [w for w in words if w.head == word_id]


def _subtree_walk(words: list[Word], word_id: int) -> set[int]:  # the helper before the index
    ids = {word_id}
    frontier = [word_id]
    while frontier:
        head = frontier.pop()
        for w in words:
            if w.head == head and w.id not in ids:
                ids.add(w.id)
                frontier.append(w.id)
    return ids


def test_index_gives_what_the_walk_gave_in_the_same_order():
    rng = random.Random(7)
    for _ in range(400):
        n = rng.randint(1, 130)
        # mostly trees, sometimes heads anywhere (cycles, out of range): the walk's result stands
        heads = [rng.randint(0, n + 2) if rng.random() < 0.1 else rng.randint(0, i) for i in range(n)]
        words = _words(heads)
        sent = Sentence(index=0, start=0, end=n, words=words)
        for wid in range(0, n + 3):
            assert list(sent.children(wid)) == _children_walk(words, wid)
            got, want = sent.subtree_ids(wid), _subtree_walk(words, wid)
            assert got == want
            assert list(got) == list(want)  # same set layout: the same iteration order downstream


def test_results_cannot_corrupt_the_index():
    sent = Sentence(index=0, start=0, end=3, words=_words([2, 0, 2]))
    assert isinstance(sent.children(2), tuple)  # immutable: shared, never copied
    sent.subtree_ids(2).discard(1)
    assert [w.id for w in sent.children(2)] == [1, 3]
    assert sent.subtree_ids(2) == {1, 2, 3}


def test_index_is_not_data_and_never_stale():
    words = _words([2, 0, 2])
    a = Sentence(index=0, start=0, end=3, words=words)
    b = Sentence(index=0, start=0, end=3, words=words)
    a.subtree_ids(2)  # builds a's index only
    assert a == b
    assert a.model_dump() == b.model_dump() and a.model_dump_json() == b.model_dump_json()
    doc = ParsedDocument(model_id="m", sentences=[a])
    assert ParsedDocument.model_validate_json(doc.model_dump_json()) == doc
    # a copy with other words (as sentence repair makes) gets its own index
    c = a.model_copy(update={"words": _words([0, 1, 1])})
    assert c.subtree_ids(1) == {1, 2, 3} and [w.id for w in c.children(1)] == [2, 3]
    assert a.subtree_ids(2) == {1, 2, 3} and a.children(1) == ()
    # a copy with the same words (a new index number) shares nothing it should not
    d = a.model_copy(update={"index": 5})
    assert d.subtree_ids(2) == {1, 2, 3} and d.index == 5
