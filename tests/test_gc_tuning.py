"""The collector settings a run uses (provenance/gc_tuning.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from provenance.gc_tuning import GC_THRESHOLDS, tune_collector


@pytest.fixture()
def restore_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_tune_collector_raises_the_young_threshold(restore_thresholds: None) -> None:
    gc.set_threshold(700, 10, 10)  # CPython's defaults
    tune_collector()
    assert gc.get_threshold() == GC_THRESHOLDS


def test_tune_collector_never_lowers_or_enables(restore_thresholds: None) -> None:
    gc.set_threshold(GC_THRESHOLDS[0] * 2, 5, 5)
    tune_collector()
    assert gc.get_threshold() == (GC_THRESHOLDS[0] * 2, 5, 5)
    gc.set_threshold(0)  # collection switched off by the embedding program: left so
    tune_collector()
    assert gc.get_threshold()[0] == 0


def test_a_checker_tunes_the_collector(restore_thresholds: None) -> None:
    from provenance.check import Checker, CheckOptions

    gc.set_threshold(700, 10, 10)
    Checker(CheckOptions(use_cache=False))
    assert gc.get_threshold()[0] >= GC_THRESHOLDS[0]
