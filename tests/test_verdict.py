"""Statement verdicts from whole chains, with the meanings docs/reports.md and the HTML legend give."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.chain.build import Node, StatementChain
from provenance.verdict.decide import VERDICT_MEANING, decide, statement_verdict

KCNA = Node("KCNA", "state_controlled", "kp-kcna", "KP", True)
IZVESTIA = Node("Izvestia", "state_affiliated", "ru-izvestia", "RU", True)
YONHAP = Node("Yonhap", "independent", "kr-yonhap", "KR", True)
REUTERS = Node("Reuters", "independent", "reuters", "GB", True)
MINISTRY = Node("Ministry of Defense", "official_body", "jp-mod", "JP", False)
COURIER = Node("the Daily Courier", "unknown", None, None, True)
KIM = Node("Kim Jong-un", "person", None, "KP", False)
VILLAGER = Node("Rogelio Valdes", "unknown", None, None, False)  # a person the registry does not know
HERALD = Node("the Coastal Herald", "unknown", None, None, False, identified=False)  # an unknown outlet, relayed


@pytest.mark.parametrize(("paths", "verdict"), [
    ([[YONHAP, KCNA, KIM]], "state_media_only"),  # an independent relay passing on state media
    ([[IZVESTIA]], "state_media_only"),  # state-affiliated counts as state media
    ([[KCNA], [IZVESTIA]], "state_media_only"),
    ([[KCNA], [REUTERS]], "mixed"),
    ([[KCNA], [MINISTRY]], "mixed"),
    ([[KCNA], [COURIER]], "mixed"),  # an unknown outlet beside state media may be independent
    ([[MINISTRY], [REUTERS]], "independent"),  # no state media: never mixed
    ([[MINISTRY]], "official"),
    ([[REUTERS]], "independent"),
    ([[KIM]], "independent"),  # a person quoted first-hand
    ([[COURIER]], "unresolved"),  # an unknown outlet never inherits a class
    ([[YONHAP, HERALD]], "unresolved"),  # ... nor the class of the medium that relays it
    ([[KCNA, HERALD]], "state_media_only"),  # state media, the only record that can be identified
    ([[KCNA, VILLAGER]], "state_media_only"),  # a person quoted by state media: state media is the record
    ([[YONHAP, VILLAGER]], "independent"),
    ([[]], "unresolved"),  # "reportedly": attributed to no one
])
def test_decide(paths: list[list[Node]], verdict: str) -> None:
    assert decide(paths)[0] == verdict


def test_unattributed_is_the_reporters_voice_and_carried_is_not() -> None:
    assert statement_verdict(StatementChain(chain=[]), attributed=False)[0] == "reporter"
    carried = StatementChain(chain=[], carried=True, paths=[[YONHAP, KCNA]])
    assert statement_verdict(carried, attributed=False)[0] == "state_media_only"


def test_every_verdict_is_defined_in_the_docs() -> None:
    from typing import get_args

    from provenance.report import Verdict

    assert set(VERDICT_MEANING) == set(get_args(Verdict))
    docs = (Path(__file__).resolve().parent.parent / "docs" / "reports.md").read_text(encoding="utf-8")
    for verdict, (_, _, meaning) in VERDICT_MEANING.items():
        assert f"| `{verdict}` | {meaning} |" in docs
