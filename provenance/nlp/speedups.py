"""Faster drop-in replacements for stanza's pure-Python dependency-tree decoding.

stanza decodes each sentence's arc scores into a tree with Chu-Liu-Edmonds
(``stanza.models.common.chuliu_edmonds``).  Its cycle finder (``tarjan``) is a
general strongly-connected-components search written as an explicit Python call
stack, with numpy scalar indexing at every step, and it runs once per cycle
contraction; an under-trained parser leaves many cycles (about 17 contractions per
sentence on news text with the bundled model), so decoding was ~20 % of parse time.

The replacements here give the same trees, bit for bit, for every input (and the same
relations: see ``GraphParser.predict`` below):

- ``tarjan``: a head array is a functional graph (one head per node), whose only
  non-trivial strongly connected components are its simple cycles, and stanza's
  search meets each cycle when its outer loop reaches the cycle's lowest index, so
  cycles come out ordered by their lowest index.  That is found by walking each
  node's head chain once, in plain Python lists.
- ``chuliu_edmonds``: the same contraction sequence (always the cycle stanza would
  pop: the one with the highest lowest index) and the same float operations in the
  same order, so ties and rounding are unchanged; only the overhead goes
  (no ``np.pad``, no boolean-mask copies, no per-contraction re-preparation of rows
  that are already prepared, no ``tarjan`` list of arrays when one cycle is needed).
- ``chuliu_edmonds_one_root``: the same root re-weighting around the faster search.
- ``GraphParser.decode_graph_predictions``: the same heads and labels, read with
  ``tolist()`` instead of one numpy scalar per word (heads become plain ``int``;
  stanza's ``Word.head`` setter converts to ``int`` either way).
- ``GraphParser.predict``: skips the per-arc label log-softmax (batch x len x len x
  labels) that stanza's ``forward`` computes for the head-constraint repair even when
  the repair is off (as it is in provenance's pipeline); with the repair on, stanza's
  own code runs.  And it decodes the trees before scoring relations, then scores a
  relation only for each word's chosen head instead of for every (word, candidate head)
  pair (about half of the parser's time went on those scores).  The heads are stanza's
  bit for bit; a relation score is the same biaffine form summed in another order, so
  only an exact tie between two relations could come out differently: none did on
  111,000 words (EWT dev and test, the seed and 84 PolNeAR dev articles; the CoNLL-U
  was identical).
- ``CompositeVocab.id2unit`` (UFeats strings from the tagger): memoised per vocab.
- ``BaseVocab.map`` (characters and words to ids before each model): ``unit2id``
  inlined, for vocabs that do not change ``unit2id``/``normalize_unit``.

``install()`` patches these into the modules and classes that look them up
(including the ``from ... import chuliu_edmonds_one_root`` copies in
``stanza.models.depparse.model`` and ``.head_constraints``); ``uninstall()`` puts
stanza's originals back.  Both are idempotent.  Measured effect and the command:
docs/benchmarks.md, "Tree decoding speed-ups"; equivalence: tests/test_speedups.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from loguru import logger

_ORIGINALS: dict[tuple[str, str], Any] = {}
_installed = False


# --------------------------------------------------------------------------- cycles


def _cycles(heads: list[int]) -> list[list[int]]:
    """The simple cycles (length > 1) of the functional graph ``i -> heads[i]``, each
    as its sorted node list, ordered by lowest node (stanza's ``tarjan`` order)."""
    n = len(heads)
    state = [0] * n  # 0 unseen, 1 on the current walk, 2 finished
    found: list[list[int]] = []
    for start in range(n):
        if state[start]:
            continue
        path: list[int] = []
        v = start
        while state[v] == 0:
            state[v] = 1
            path.append(v)
            v = heads[v]
        if state[v] == 1:  # the walk closed on itself: path[path.index(v):] is a cycle
            cycle = path[path.index(v) :]
            if len(cycle) > 1:
                cycle.sort()
                found.append(cycle)
        for u in path:
            state[u] = 2
    # the cycle met by a walk need not be met at its lowest node; order as stanza does
    found.sort(key=lambda c: c[0])
    return found


def _last_cycle(heads: list[int]) -> list[int] | None:
    """The cycle stanza's ``chuliu_edmonds`` contracts next: ``tarjan(tree).pop()``."""
    cycles = _cycles(heads)
    return cycles[-1] if cycles else None


def _valid_heads(tree: np.ndarray) -> bool:
    if tree.ndim != 1 or not np.issubdtype(tree.dtype, np.integer):
        return False
    return tree.size == 0 or (int(tree.min()) >= 0 and int(tree.max()) < tree.size)


def tarjan(tree: np.ndarray) -> list[np.ndarray]:
    """Drop-in for ``stanza.models.common.chuliu_edmonds.tarjan``: the cycles of a head
    array as boolean masks, in stanza's order.  Anything that is not a 1-D array of
    in-range integer heads goes to stanza's own implementation."""
    if not _valid_heads(tree):
        return _original(("chuliu_edmonds", "tarjan"))(tree)
    masks: list[np.ndarray] = []
    for cycle in _cycles(tree.tolist()):
        mask = np.zeros(tree.shape, dtype=bool)
        mask[cycle] = True
        masks.append(mask)
    return masks


# ------------------------------------------------------------------ Chu-Liu-Edmonds


def _prepare_scores(scores: np.ndarray) -> None:
    """stanza's ``prepare_scores``: no self-loops, row 0 only points at itself."""
    np.fill_diagonal(scores, -float("inf"))
    scores[0] = -float("inf")
    scores[0, 0] = 0


def _contract(
    tree: np.ndarray, cycle: list[int], scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """stanza's ``process_cycle`` for a prepared ``scores``, with the contracted matrix
    returned already prepared (its only unprepared cell is the new diagonal corner)."""
    n = scores.shape[0]
    cycle_locs = np.array(cycle, dtype=np.intp)
    noncycle_mask = np.ones(n, dtype=bool)
    noncycle_mask[cycle_locs] = False
    noncycle_locs = noncycle_mask.nonzero()[0]
    # exactly stanza's arithmetic: same operands, same order, same dtype
    cycle_scores = scores[cycle_locs, tree[cycle_locs]]
    cycle_score = cycle_scores.sum()
    cycle_rows = scores[cycle_locs]
    noncycle_rows = scores[noncycle_locs]
    metanode_head_scores = cycle_rows[:, noncycle_locs] - cycle_scores[:, None] + cycle_score
    metanode_dep_scores = noncycle_rows[:, cycle_locs]
    metanode_heads = metanode_head_scores.argmax(axis=0)
    metanode_deps = metanode_dep_scores.argmax(axis=1)
    k = len(noncycle_locs)
    arange = np.arange(k)
    subscores = np.empty((k + 1, k + 1), dtype=scores.dtype)
    subscores[:k, :k] = noncycle_rows[:, noncycle_locs]
    subscores[k, :k] = metanode_head_scores[metanode_heads, arange]
    subscores[:k, k] = metanode_dep_scores[arange, metanode_deps]
    # stanza pads with 0 and then re-prepares: the diagonal and row 0 of the copied
    # block are already prepared, and row 0's new cell is the max of -inf cells
    subscores[k, k] = -float("inf")
    return subscores, cycle_locs, noncycle_locs, metanode_heads, metanode_deps


def _expand(
    tree: np.ndarray,
    contracted_tree: np.ndarray,
    cycle_locs: np.ndarray,
    noncycle_locs: np.ndarray,
    metanode_heads: np.ndarray,
    metanode_deps: np.ndarray,
) -> np.ndarray:
    """stanza's ``expand_contracted_tree``."""
    k = len(contracted_tree) - 1
    cycle_head = contracted_tree[k]
    inner = contracted_tree[:k]
    new_tree = np.empty_like(tree)
    from_noncycle = inner < k
    new_tree[noncycle_locs[from_noncycle]] = noncycle_locs[inner[from_noncycle]]
    from_cycle = ~from_noncycle
    new_tree[noncycle_locs[from_cycle]] = cycle_locs[metanode_deps[from_cycle]]
    new_tree[cycle_locs] = tree[cycle_locs]
    new_tree[cycle_locs[metanode_heads[cycle_head]]] = noncycle_locs[cycle_head]
    return new_tree


def chuliu_edmonds(scores: np.ndarray) -> np.ndarray:
    """Drop-in for ``stanza.models.common.chuliu_edmonds.chuliu_edmonds`` (which, like
    this, prepares ``scores`` in place): the maximum spanning tree as a head array."""
    _prepare_scores(scores)
    tree = np.argmax(scores, axis=1)
    stack: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    cycle = _last_cycle(tree.tolist())
    while cycle is not None:
        subscores, cycle_locs, noncycle_locs, metanode_heads, metanode_deps = _contract(tree, cycle, scores)
        stack.append((tree, cycle_locs, noncycle_locs, metanode_heads, metanode_deps))
        scores = subscores
        tree = scores.argmax(axis=1)
        cycle = _last_cycle(tree.tolist())
    while stack:
        outer, cycle_locs, noncycle_locs, metanode_heads, metanode_deps = stack.pop()
        tree = _expand(outer, tree, cycle_locs, noncycle_locs, metanode_heads, metanode_deps)
    return tree


def chuliu_edmonds_one_root(scores: np.ndarray) -> np.ndarray:
    """Drop-in for ``stanza.models.common.chuliu_edmonds.chuliu_edmonds_one_root``:
    the tree with exactly one arc to the root; ``scores`` is left untouched."""
    scores = scores.astype(np.float64)  # a copy, as stanza's copy().astype()
    min_score = scores[np.isfinite(scores)].min()
    scores[:, 0] = scores[:, 0] + (min_score * scores.shape[0])
    tree = chuliu_edmonds(scores)
    roots_to_try = np.where(np.equal(tree[1:], 0))[0] + 1
    assert len(roots_to_try) == 1, "Rescaling by the lowest score should have prevented using multiple root edges"
    return tree


# ------------------------------------------------------------ depparse post-processing


def decode_graph_predictions(
    vocab: Any, batch_size: int, preds: Sequence[Any], sentlens: Sequence[int], resolve_head_constraints: bool = False
) -> list[list[list[Any]]]:
    """Drop-in for ``GraphParser.decode_graph_predictions`` (a staticmethod)."""
    if resolve_head_constraints:  # rare path: stanza's own code (it looks up our CLE)
        original = _original(("GraphParser", "decode_graph_predictions"))
        return original(vocab, batch_size, preds, sentlens, resolve_head_constraints=True)
    pred_tokens: list[list[list[Any]]] = []
    for i in range(batch_size):
        length = sentlens[i]
        tree = chuliu_edmonds_one_root(preds[0][i][:length, :length])
        heads: list[int] = tree[1:].tolist()
        labels = preds[1][i]
        label_ids = labels[np.arange(1, length), tree[1:]].tolist() if length > 1 else []
        deprels = vocab.unmap(label_ids)
        pred_tokens.append([[heads[j], deprels[j]] for j in range(length - 1)])
    return pred_tokens


def _plain_forward(model: Any) -> bool:
    """Whether ``model(...)`` is exactly ``GraphParser.forward``: no subclass override,
    no module hooks (which a direct ``forward_scores`` call would skip)."""
    import torch.nn.modules.module as torch_module
    from stanza.models.depparse.model import GraphParser

    return (
        type(model).forward is GraphParser.forward
        and type(model).forward_scores is GraphParser.forward_scores
        and not (model._forward_hooks or model._forward_pre_hooks)
        and not (torch_module._global_forward_hooks or torch_module._global_forward_pre_hooks)
    )


def graph_parser_predict(
    self: Any, *inputs: Any, resolve_head_constraints: bool = False, **kwargs: Any
) -> list[list[list[Any]]]:
    """Drop-in for ``GraphParser.predict``.  stanza's ``forward`` also returns the
    log-softmax of every arc's label scores (a batch x len x len x labels tensor), which
    only the head-constraint repair reads; without the repair it is skipped.  The
    tensors that are used come from the same torch operations on the same inputs."""
    original = _original(("GraphParser", "predict"))
    if resolve_head_constraints or kwargs or self.training or len(inputs) != 15 or not _plain_forward(self):
        return original(self, *inputs, resolve_head_constraints=resolve_head_constraints, **kwargs)
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

    word = inputs[0]
    sentlens = inputs[12]
    if _pairwise_deep_biaffine(self):
        return _predict_labels_for_chosen_heads(self, inputs, sentlens)
    unlabeled_scores, deprel_scores, _, _, _ = self.forward_scores(*inputs)
    preds = [
        F.log_softmax(unlabeled_scores, 2).detach().cpu().numpy(),
        deprel_scores.max(3)[1].detach().cpu().numpy() + VOCAB_PREFIX_SIZE,
    ]
    return self.decode_graph_predictions(self.vocab["deprel"], word.size(0), preds, sentlens, resolve_head_constraints=False)


def _pairwise_deep_biaffine(model: Any) -> bool:
    """Whether the relation scorer is stanza's ``DeepBiaffineScorer`` over a
    ``PairwiseBiaffineScorer`` (every stanza graph parser without arc embeddings), the
    shape ``_predict_labels_for_chosen_heads`` knows how to score pair by pair."""
    from stanza.models.common.biaffine import DeepBiaffineScorer, PairwiseBiaffineScorer, PairwiseBilinear

    deep = model._modules.get("deprel")
    return (
        not model.args.get("use_arc_embedding")
        and type(deep) is DeepBiaffineScorer
        and type(deep.scorer) is PairwiseBiaffineScorer
        and type(deep.scorer.W_bilin) is PairwiseBilinear
        and not (deep._forward_hooks or deep._forward_pre_hooks)
    )


class _CaptureInputs:
    """Stands in for the relation scorer during ``forward_scores``: keeps its inputs and
    computes nothing (the scores for every head of every word are what is skipped)."""

    def __init__(self) -> None:
        self.inputs: tuple[Any, Any] | None = None

    def __call__(self, input1: Any, input2: Any) -> None:
        self.inputs = (input1, input2)


def _predict_labels_for_chosen_heads(model: Any, inputs: Sequence[Any], sentlens: Sequence[int]) -> list[list[list[Any]]]:
    """``GraphParser.predict`` that scores relations only for the arcs of the decoded
    trees.  stanza scores every relation for every (word, candidate head) pair, a batch x
    len x len x relations tensor, and then reads one cell per word; here the trees are
    decoded first and the same biaffine scorer (same weights, same activations) is
    evaluated for one pair per word.  The heads are stanza's, bit for bit; the relation
    scores are the same sums taken in another order, so a relation can differ only where
    two relations tie to the last float bits (none did on the 111,000 words checked:
    docs/benchmarks.md)."""
    import torch
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

    capture = _CaptureInputs()
    deep = model._modules["deprel"]
    # nn.Module refuses a plain callable as a child module: swap it in the dict directly
    model._modules["deprel"] = capture
    try:
        unlabeled_scores, _, _, _, _ = model.forward_scores(*inputs)
    finally:
        model._modules["deprel"] = deep
    assert capture.inputs is not None
    arc_scores = F.log_softmax(unlabeled_scores, 2).detach().cpu().numpy()
    rows_n: list[int] = []
    rows_dep: list[int] = []
    rows_head: list[int] = []
    heads_per_sentence: list[list[int]] = []
    for i in range(len(sentlens)):
        length = sentlens[i]
        heads: list[int] = chuliu_edmonds_one_root(arc_scores[i][:length, :length])[1:].tolist()
        heads_per_sentence.append(heads)
        rows_n.extend([i] * len(heads))
        rows_dep.extend(range(1, length))
        rows_head.extend(heads)
    label_ids: list[int] = []
    if rows_n:
        with torch.no_grad():
            input1, input2 = capture.inputs
            n = torch.tensor(rows_n)
            x1 = deep.dropout(deep.hidden_func(deep.W1(input1[n, torch.tensor(rows_dep)])))
            x2 = deep.dropout(deep.hidden_func(deep.W2(input2[n, torch.tensor(rows_head)])))
            x1 = torch.cat([x1, x1.new_ones(x1.size(0), 1)], 1)
            x2 = torch.cat([x2, x2.new_ones(x2.size(0), 1)], 1)
            bilinear = deep.scorer.W_bilin
            size1, size2, relations = bilinear.weight.shape
            intermediate = (x1 @ bilinear.weight.reshape(size1, size2 * relations)).view(-1, size2, relations)
            scores = torch.bmm(x2.unsqueeze(1), intermediate).squeeze(1) + bilinear.bias
            label_ids = (scores.argmax(1) + VOCAB_PREFIX_SIZE).tolist()
    deprels = model.vocab["deprel"].unmap(label_ids)
    pred_tokens: list[list[list[Any]]] = []
    at = 0
    for heads in heads_per_sentence:
        pred_tokens.append([[head, deprels[at + j]] for j, head in enumerate(heads)])
        at += len(heads)
    return pred_tokens


def _composite_id2unit(self: Any, id: Any) -> Any:  # noqa: A002  (stanza's parameter name)
    """Memoised ``CompositeVocab.id2unit``: the tagger asks for the same few UFeats
    strings over and over.  Strings are immutable, so sharing them is safe; a vocab
    without a separator returns a fresh list each time and is not memoised."""
    key = tuple(id) if isinstance(id, Iterable) else id
    cache: dict[Any, str] | None = self.__dict__.get("_provenance_id2unit")
    if cache is not None:
        try:
            return cache[key]
        except (KeyError, TypeError):
            pass
    result = _original(("CompositeVocab", "id2unit"))(self, id)
    if isinstance(result, str):
        if cache is None:
            cache = self.__dict__["_provenance_id2unit"] = {}
        try:
            cache[key] = result
        except TypeError:  # unhashable parts: nothing to remember
            pass
    return result


def _vocab_map(self: Any, units: Iterable[Any]) -> list[Any]:
    """``BaseVocab.map`` with ``BaseVocab.unit2id`` inlined (one Python call per
    character was most of the lemmatiser's and parser's input preparation).  A vocab
    whose class changes ``unit2id`` or ``normalize_unit`` takes stanza's path."""
    from stanza.models.common.vocab import UNK, BaseVocab

    cls = type(self)
    if cls.unit2id is not BaseVocab.unit2id or cls.normalize_unit is not BaseVocab.normalize_unit:
        return _original(("BaseVocab", "map"))(self, units)  # type: ignore[no-any-return]
    table = self._unit2id
    if self.lower:
        units = [u if u is None else u.lower() for u in units]
    return [table[u] if u in table else table[UNK] for u in units]


# ---------------------------------------------------------------------- installation


def _targets() -> list[tuple[tuple[str, str], Any, str, Any]]:
    """(key, owner, attribute, replacement) for every patched lookup site."""
    from stanza.models.common import chuliu_edmonds as ce
    from stanza.models.common.vocab import BaseVocab, CompositeVocab
    from stanza.models.depparse import head_constraints as hc
    from stanza.models.depparse import model as dm

    return [
        (("chuliu_edmonds", "tarjan"), ce, "tarjan", tarjan),
        (("chuliu_edmonds", "chuliu_edmonds"), ce, "chuliu_edmonds", chuliu_edmonds),
        (("chuliu_edmonds", "chuliu_edmonds_one_root"), ce, "chuliu_edmonds_one_root", chuliu_edmonds_one_root),
        # `from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root` sites
        (("depparse.model", "chuliu_edmonds_one_root"), dm, "chuliu_edmonds_one_root", chuliu_edmonds_one_root),
        (("head_constraints", "chuliu_edmonds_one_root"), hc, "chuliu_edmonds_one_root", chuliu_edmonds_one_root),
        (
            ("GraphParser", "decode_graph_predictions"),
            dm.GraphParser,
            "decode_graph_predictions",
            staticmethod(decode_graph_predictions),
        ),
        (("GraphParser", "predict"), dm.GraphParser, "predict", graph_parser_predict),
        (("CompositeVocab", "id2unit"), CompositeVocab, "id2unit", _composite_id2unit),
        (("BaseVocab", "map"), BaseVocab, "map", _vocab_map),
    ]


def _original(key: tuple[str, str]) -> Any:
    """stanza's own function for a patched lookup site (unwrapping a staticmethod),
    whether or not the speed-ups are installed."""
    raw = _ORIGINALS.get(key)
    if raw is None:
        owner, attr = next((o, a) for k, o, a, _ in _targets() if k == key)
        raw = owner.__dict__[attr] if isinstance(owner, type) else getattr(owner, attr)
    return raw.__func__ if isinstance(raw, staticmethod) else raw


def install() -> None:
    """Patch the faster helpers into stanza (idempotent)."""
    global _installed
    if _installed:
        return
    for key, owner, attr, replacement in _targets():
        # the raw class attribute, so a staticmethod goes back as one
        _ORIGINALS[key] = owner.__dict__[attr] if isinstance(owner, type) else getattr(owner, attr)
        setattr(owner, attr, replacement)
    _installed = True
    logger.debug("stanza tree-decoding speed-ups installed")


def uninstall() -> None:
    """Put stanza's original helpers back (idempotent)."""
    global _installed
    if not _installed:
        return
    for key, owner, attr, _ in _targets():
        setattr(owner, attr, _ORIGINALS[key])
    _ORIGINALS.clear()
    _installed = False
    logger.debug("stanza tree-decoding speed-ups removed")


def installed() -> bool:
    return _installed
