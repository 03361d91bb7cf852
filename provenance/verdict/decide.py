"""Verdict per statement, from the origins its chains reach.

* ``state_media_only``: every documentary channel is state-controlled media (officials
  quoted only via state media included).  Relays (Yonhap passing on KCNA) do not clear
  it; several outlets of the same state count as one.
* ``official``: officials speaking with no media channel in between.
* ``independent``: every origin is independent or public-service media (or a person
  quoted first-hand).
* ``mixed``: state-controlled and other origins together.
* ``reporter``: the article's own voice (no attribution, or only source-less ones).
"""

from __future__ import annotations

from provenance.chain.build import Node, StatementChain
from provenance.report import Verdict


def path_origin(path: list[Node]) -> Node | None:
    """The documentary origin of one path: its last media link, else its speaker."""
    media = [n for n in path if n.is_media]
    if media:
        return media[-1]
    return path[-1] if path else None


def decide(paths: list[list[Node]]) -> tuple[Verdict, float]:
    origins = [o for o in (path_origin(p) for p in paths) if o is not None]
    if not origins:
        return "reporter", 0.9
    classes = {o.source_class for o in origins}
    if classes == {"unknown"}:
        return "reporter", 0.5
    known = classes - {"unknown"}
    if known == {"state_controlled"}:
        return "state_media_only", 0.9 if "unknown" not in classes else 0.6
    if "state_controlled" in known:
        return "mixed", 0.8
    if known <= {"official_body"}:
        return "official", 0.85
    if known <= {"independent", "public_service", "state_affiliated", "person"}:
        return "independent", 0.8
    return "mixed", 0.7


UNATTRIBUTED = ("reporter", 0.9)  # a sentence with no attribution, own or carried: the article's voice


def statement_verdict(chain: StatementChain, attributed: bool) -> tuple[Verdict, float]:
    """The verdict of a statement with its (own or carried) chain."""
    return decide(chain.paths) if (attributed or chain.carried) else UNATTRIBUTED
