"""A bounded memo for the registry's pure lookups (same question, same answer)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

MEMO_SIZE = 50_000  # answers kept per memo (the names of a batch repeat; a long batch must not grow it unbounded)


class BoundedMemo(Generic[K, V]):
    """Answers by key, computed once; when ``size`` answers are kept it starts again."""

    __slots__ = ("_answers", "size")

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self._answers: dict[K, V] = {}
        self.size = size

    def get(self, key: K, compute: Callable[[], V]) -> V:
        answers = self._answers
        if key in answers:
            return answers[key]
        if len(answers) >= self.size:
            answers.clear()
        value = answers[key] = compute()
        return value

    def clear(self) -> None:
        self._answers.clear()

    def __len__(self) -> int:
        return len(self._answers)
