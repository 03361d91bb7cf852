"""provenance.nlp.speedups gives exactly stanza's output (no timing assertions)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from provenance.nlp import speedups

ce = pytest.importorskip("stanza.models.common.chuliu_edmonds")

# sizes include the root: 2-4 are sentences of 1-3 words
SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 10, 13, 17, 25, 40, 64, 100]


@pytest.fixture(autouse=True)
def stanza_originals() -> Iterator[None]:
    """stanza's own helpers in place for each test (the originals call each other through
    module globals, so they must not be patched while compared); state restored after."""
    was = speedups.installed()
    speedups.uninstall()
    yield
    if was:
        speedups.install()


def outcome(fn: Callable[[np.ndarray], Any], scores: np.ndarray) -> tuple[Any, ...]:
    """What a decoder does with its own copy of ``scores``: result or exception, plus
    the array as the decoder left it (stanza's chuliu_edmonds prepares it in place)."""
    mine = scores.copy()
    try:
        result = fn(mine)
    except Exception as e:  # noqa: BLE001  (compared, not swallowed)
        return ("raised", type(e), str(e), mine.tobytes())
    return ("ok", result.dtype, result.tobytes(), mine.tobytes())


def score_matrices(seed: int) -> Iterator[np.ndarray]:
    """Random arc-score matrices like the parser's, and harsher ones full of ties."""
    rng = np.random.default_rng(seed)
    for n in SIZES:
        logits = rng.normal(size=(n, n)).astype(np.float32)
        np.fill_diagonal(logits, -np.inf)  # as GraphParser masks self-arcs
        with np.errstate(divide="ignore", invalid="ignore"):
            shifted = logits - logits.max(axis=1, keepdims=True)
            yield (shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))).astype(np.float32)  # log-softmax
        yield rng.normal(size=(n, n))  # float64, no masking
        yield rng.integers(-3, 1, size=(n, n)).astype(np.float64)  # many ties
        yield rng.integers(-2, 1, size=(n, n)).astype(np.float32)  # more ties, float32
        yield np.full((n, n), -1.0)  # every arc tied
        tied_rows = np.repeat(rng.normal(size=(1, n)), n, axis=0)  # every row the same
        yield tied_rows
        sparse = rng.normal(size=(n, n))
        sparse[rng.random((n, n)) < 0.4] = -np.inf  # arcs ruled out
        yield sparse
        cyclic = rng.normal(size=(n, n)) - 5.0  # every word prefers its neighbour: long cycles
        for i in range(1, n):
            cyclic[i, i % (n - 1) + 1] = 0.0
        yield cyclic


@pytest.mark.parametrize("seed", range(12))
def test_chuliu_edmonds_one_root_matches_stanza(seed: int) -> None:
    checked = 0
    for scores in score_matrices(seed):
        assert outcome(speedups.chuliu_edmonds_one_root, scores) == outcome(ce.chuliu_edmonds_one_root, scores)
        checked += 1
    assert checked == 8 * len(SIZES)


@pytest.mark.parametrize("seed", range(12))
def test_chuliu_edmonds_matches_stanza_including_in_place_preparation(seed: int) -> None:
    for scores in score_matrices(seed):
        assert outcome(speedups.chuliu_edmonds, scores) == outcome(ce.chuliu_edmonds, scores)


def test_tiny_sentences_decode_as_stanza_does() -> None:
    """1-3 words (plus root), including all-tied scores; a matrix with only the root fails
    stanza's one-root assertion, and ours fails the same way."""
    cases = [np.zeros((1, 1)), np.array([[0.0, -1.0], [-0.5, -np.inf]]), np.zeros((3, 3)), np.ones((4, 4))]
    rng = np.random.default_rng(7)
    cases += [rng.integers(-1, 1, size=(n, n)).astype(np.float32) for n in (2, 3, 4) for _ in range(50)]
    for scores in cases:
        assert outcome(speedups.chuliu_edmonds_one_root, scores) == outcome(ce.chuliu_edmonds_one_root, scores)
        assert outcome(speedups.chuliu_edmonds, scores) == outcome(ce.chuliu_edmonds, scores)
    assert outcome(speedups.chuliu_edmonds_one_root, np.zeros((1, 1)))[1] is AssertionError


def test_one_root_leaves_its_input_alone() -> None:
    scores = np.random.default_rng(3).normal(size=(9, 9)).astype(np.float32)
    before = scores.copy()
    speedups.chuliu_edmonds_one_root(scores)
    assert np.array_equal(scores, before) and scores.dtype == np.float32


def _tarjan_outcome(fn: Callable[[np.ndarray], list[np.ndarray]], tree: np.ndarray) -> list[tuple[Any, ...]]:
    return [(c.dtype, c.shape, c.tobytes()) for c in fn(tree.copy())]


@pytest.mark.parametrize("seed", range(8))
def test_tarjan_matches_stanza_on_random_head_arrays(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for n in [1, 2, 3, 4, 5, 8, 13, 30, 80]:
        for _ in range(40):
            tree = rng.integers(0, n, size=n)
            if rng.random() < 0.7:
                tree[0] = 0  # the decoder's own trees; otherwise any functional graph
            assert _tarjan_outcome(speedups.tarjan, tree) == _tarjan_outcome(ce.tarjan, tree)


def test_tarjan_examples_from_stanza_docstring() -> None:
    assert speedups.tarjan(np.array([0, 4, 4, 4, 0])) == []
    assert speedups.tarjan(np.array([0, 2, 0, 4, 2, 2])) == []
    (cycle,) = speedups.tarjan(np.array([0, 3, 1, 2]))
    assert cycle.tolist() == [False, True, True, True]
    # several cycles come out in stanza's order (by lowest member)
    tree = np.array([0, 5, 6, 4, 3, 1, 2])
    assert _tarjan_outcome(speedups.tarjan, tree) == _tarjan_outcome(ce.tarjan, tree)
    assert [np.flatnonzero(c).tolist() for c in speedups.tarjan(tree)] == [[1, 5], [2, 6], [3, 4]]


def test_tarjan_hands_odd_input_to_stanza() -> None:
    tree = np.array([0, 1.0, 2.0])  # floats: not a head array
    assert _tarjan_outcome(speedups.tarjan, tree) == _tarjan_outcome(ce.tarjan, tree)


class _Labels:
    """Stands in for the deprel vocab: unmap ids to strings."""

    def __init__(self, n: int) -> None:
        self.names = [f"rel{i}" for i in range(n)]

    def unmap(self, ids: list[Any]) -> list[str]:
        return [self.names[i] for i in ids]


@pytest.mark.parametrize("seed", range(4))
def test_decode_graph_predictions_matches_stanza(seed: int) -> None:
    from stanza.models.depparse.model import GraphParser

    rng = np.random.default_rng(seed)
    sentlens = [int(x) for x in rng.integers(2, 30, size=9)] + [2, 3, 4]
    width = max(sentlens)
    arcs = rng.normal(size=(len(sentlens), width, width)).astype(np.float32)
    arcs[:, np.arange(width), np.arange(width)] = -np.inf
    labels = rng.integers(4, 40, size=(len(sentlens), width, width))
    preds = [arcs, labels]
    vocab = _Labels(40)
    ours = speedups.decode_graph_predictions(vocab, len(sentlens), preds, sentlens)
    theirs = GraphParser.decode_graph_predictions(vocab, len(sentlens), preds, sentlens)
    assert [[[int(h), d] for h, d in s] for s in theirs] == ours
    assert all(type(h) is int for s in ours for h, _ in s)


def test_composite_vocab_memo_matches_stanza() -> None:
    from stanza.models.common.vocab import CompositeVocab

    sents = [[["w", "Case=Nom|Number=Sing"], ["w", "Mood=Ind|Tense=Past|VerbForm=Fin"], ["w", "_"]]]
    vocab = CompositeVocab(sents, "en", idx=1, sep="|", keyed=True)
    ids = [vocab.unit2id(w[1]) for w in sents[0]] + [[2] * len(vocab._id2unit)]
    expected = [vocab.id2unit(i) for i in ids]
    got = [speedups._composite_id2unit(vocab, i) for i in ids * 3]  # misses, then hits
    assert got == expected * 3
    assert expected[2] == "_" == expected[3]


def test_vocab_map_matches_stanza() -> None:
    from stanza.models.common.vocab import CompositeVocab
    from stanza.models.lemma.vocab import Vocab

    chars = Vocab("the quick brown fox said", "en")
    lower = Vocab("the quick brown fox said", "en", lower=True)
    units = list("The QUICK fox, said Zoë") + ["<SOS>", None]
    for vocab in (chars, lower):
        assert speedups._vocab_map(vocab, units[:-1] if vocab is lower else units) == vocab.map(
            units[:-1] if vocab is lower else units
        )
    composite = CompositeVocab([[["w", "A=1|B=2"]]], "en", idx=1, sep="|", keyed=True)  # own unit2id
    assert speedups._vocab_map(composite, ["A=1", "B=2|A=1", "_"]) == composite.map(["A=1", "B=2|A=1", "_"])


def test_install_patches_every_lookup_site_and_uninstall_restores() -> None:
    from stanza.models.common.vocab import BaseVocab, CompositeVocab
    from stanza.models.depparse import head_constraints as hc
    from stanza.models.depparse import model as dm

    before = (ce.tarjan, ce.chuliu_edmonds, ce.chuliu_edmonds_one_root, dm.chuliu_edmonds_one_root,
              hc.chuliu_edmonds_one_root, dm.GraphParser.__dict__["decode_graph_predictions"],
              dm.GraphParser.predict, CompositeVocab.id2unit, BaseVocab.map)
    speedups.install()
    speedups.install()  # idempotent
    assert dm.chuliu_edmonds_one_root is speedups.chuliu_edmonds_one_root
    assert hc.chuliu_edmonds_one_root is speedups.chuliu_edmonds_one_root
    assert ce.tarjan is speedups.tarjan and ce.chuliu_edmonds is speedups.chuliu_edmonds
    assert dm.GraphParser.decode_graph_predictions is speedups.decode_graph_predictions
    assert dm.GraphParser.predict is speedups.graph_parser_predict
    speedups.uninstall()
    speedups.uninstall()
    after = (ce.tarjan, ce.chuliu_edmonds, ce.chuliu_edmonds_one_root, dm.chuliu_edmonds_one_root,
             hc.chuliu_edmonds_one_root, dm.GraphParser.__dict__["decode_graph_predictions"],
             dm.GraphParser.predict, CompositeVocab.id2unit, BaseVocab.map)
    assert after == before
    assert isinstance(dm.GraphParser.__dict__["decode_graph_predictions"], staticmethod)


TEXT = (
    "Seoul (IANS) North Korea's state media said on Tuesday that leader Kim Jong-un had "
    "inspected a new weapons test, Yonhap reported, quoting KCNA. \"We will never give up,\" "
    "Kim was quoted as saying. Officials in Washington declined to comment.\n\n"
    "The ministry said talks would continue. Analysts, who asked not to be named, told "
    "reporters the test was a signal to Seoul and Tokyo."
)


@pytest.mark.model
def test_bundled_model_parse_is_identical_with_and_without_the_speedups() -> None:
    torch = pytest.importorskip("torch")
    from provenance.nlp.conllu import to_conllu
    from provenance.nlp.models import ModelSpec
    from provenance.nlp.parser import Parser, load_pipeline

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        spec = ModelSpec(kind="bundled")
        load_pipeline(spec)  # installs the speed-ups
        parser = Parser(spec, use_cache=False)
        speedups.uninstall()
        original = to_conllu(parser.parse(TEXT), TEXT)
        speedups.install()
        faster = to_conllu(parser.parse(TEXT), TEXT)
    finally:
        torch.set_num_threads(threads)
    assert faster == original
    assert original.count("\n1\t") >= 5  # several sentences really were parsed


def _bundled_parser():  # type: ignore[no-untyped-def]
    from provenance.nlp.models import ModelSpec
    from provenance.nlp.parser import Parser, load_pipeline

    spec = ModelSpec(kind="bundled")
    pipeline = load_pipeline(spec)  # installs the speed-ups
    return Parser(spec, use_cache=False), pipeline.processors["depparse"].trainer.model


@pytest.mark.model
def test_relations_are_scored_only_for_the_decoded_arcs(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the speed-ups the relation scorer never runs over every (word, head) pair:
    the pairwise scorer's forward is not called, the chosen-heads path is."""
    from provenance.nlp.conllu import to_conllu

    parser, model = _bundled_parser()
    speedups.install()
    pairwise_calls: list[int] = []
    chosen_calls: list[int] = []
    real = speedups._predict_labels_for_chosen_heads

    def spy(*args: Any, **kwargs: Any) -> Any:
        chosen_calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(speedups, "_predict_labels_for_chosen_heads", spy)
    real_forward = model.deprel.scorer.forward

    def counted(a: Any, b: Any) -> Any:
        pairwise_calls.append(1)
        return real_forward(a, b)

    monkeypatch.setattr(model.deprel.scorer, "forward", counted)
    out = to_conllu(parser.parse(TEXT), TEXT)
    assert chosen_calls and not pairwise_calls
    assert "\tnsubj\t" in out and "\troot\t" in out  # relations were still assigned


@pytest.mark.model
def test_a_hooked_relation_scorer_takes_stanzas_path() -> None:
    """A forward hook on the relation scorer (someone inspecting it) must see it run:
    the chosen-heads shortcut steps aside, and the parse is unchanged."""
    from provenance.nlp.conllu import to_conllu

    parser, model = _bundled_parser()
    speedups.install()
    shortcut = to_conllu(parser.parse(TEXT), TEXT)
    seen: list[tuple[int, ...]] = []
    handle = model.deprel.register_forward_hook(lambda _m, _i, out: seen.append(tuple(out.shape)))
    try:
        hooked = to_conllu(parser.parse(TEXT), TEXT)
    finally:
        handle.remove()
    assert seen and all(len(shape) == 4 for shape in seen)  # batch x len x len x relations
    assert hooked == shortcut
    assert not speedups._pairwise_deep_biaffine(type("NotAParser", (), {"_modules": {}, "args": {}})())
