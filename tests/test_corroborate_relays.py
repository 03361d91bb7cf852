"""Corroboration follows the chains (end to end, bundled model): two articles that relay the same
TASS claim through different agencies only repeat it; an independent confirmation corroborates."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.check import Checker, CheckOptions
from provenance.corroborate import corroborate

REUTERS = """Russia to open rail link to Iran in March - TASS

MOSCOW (Reuters) - Russia will open a new freight rail link to Iran in March, the TASS news agency reported on Monday, citing the transport ministry.
"""
AP = """Russia plans rail link to Iran

MOSCOW (AP) — Russia will open a new freight rail link to Iran in March, the state news agency TASS said.
"""
AFP = """Iran says rail link with Russia to open in March

TEHRAN (AFP) - A new freight rail link between Russia and Iran will open in March, Iranian railway officials told AFP on Tuesday.
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("relays")
    checker = Checker(CheckOptions(model="bundled"))
    out = {}
    for name, text in (("reuters.txt", REUTERS), ("ap.txt", AP), ("afp.txt", AFP)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        out[name] = checker.check_path(path).report
    return out


def _lede(report: object) -> object:
    return next(s for s in report.statements if "rail link" in s.text and not s.is_headline)  # type: ignore[attr-defined]


def test_both_relays_are_state_media_only(reports: dict[str, object]) -> None:
    for name in ("reuters.txt", "ap.txt"):
        assert _lede(reports[name]).verdict == "state_media_only", name


def test_a_second_relay_of_the_same_origin_only_repeats(reports: dict[str, object]) -> None:
    result = corroborate([reports["reuters.txt"], reports["ap.txt"]])
    statuses = {c.status for cs in result.values() for c in cs}
    assert statuses and "corroborated" not in statuses
    assert "repetition" in statuses


def test_an_independent_confirmation_corroborates(reports: dict[str, object]) -> None:
    result = corroborate([reports["reuters.txt"], reports["afp.txt"]])
    assert any(c.status == "corroborated" for cs in result.values() for c in cs)
