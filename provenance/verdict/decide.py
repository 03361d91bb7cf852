"""Verdict per statement, from the documentary origins its chains reach.

A statement's chains run from the publisher through every relay to an origin (the last media
link of a path, else its speaker).  Relays do not change a verdict: Yonhap passing on KCNA
keeps a claim state-media-only.  The verdict is the same wherever the links were found (the
sentence itself, a carried attribution, a headline, anaphora).  Every verdict is defined in
``VERDICT_MEANING`` (shown in the HTML legend and docs/reports.md).
"""

from __future__ import annotations

from provenance.chain.build import Node, StatementChain
from provenance.report import Verdict

# Classes that count as state media for the verdict (the class itself is shown in the chain).
STATE_MEDIA = frozenset({"state_controlled", "state_affiliated"})
UNKNOWN = "unknown"

# verdict -> (label, short label, meaning); one definition for the legend, the docs and the tooltips
VERDICT_MEANING: dict[str, tuple[str, str, str]] = {
    "state_media_only": (
        "state media only", "state media",
        "every documentary origin of the statement is state media (state-controlled or state-affiliated), "
        "whatever relays passed it on"),
    "mixed": (
        "mixed", "mixed",
        "state media is one of several origins, beside at least one that is not state media"),
    "official": (
        "official", "official",
        "an official body or government speaking with no media channel in between, not via state media"),
    "independent": (
        "independent", "indep.",
        "independent or public-service media, or a person quoted first-hand; no state media"),
    "unresolved": (
        "unresolved", "unresolved",
        "attributed, but the source is not identified (an unknown outlet, an unresolved pronoun or "
        "description, or no source at all: \u201creportedly\u201d); no state media"),
    "reporter": (
        "reporter", "reporter",
        "no attribution, own or carried: the article's own voice"),
}

UNATTRIBUTED: tuple[Verdict, float] = ("reporter", 0.9)


def path_origin(path: list[Node]) -> Node | None:
    """The documentary origin of one path: its last media link, else its speaker.  An
    organisation no one could identify after a medium that is not state media (an unknown
    outlet or body relayed by an agency) is the origin itself: unknown, never the relay's
    class.  After a state medium the state medium stays the origin: it is the only record of
    the claim that can be identified."""
    media = [i for i, n in enumerate(path) if n.is_media]
    if not media:
        return path[-1] if path else None
    last = path[media[-1]]
    if last.source_class not in STATE_MEDIA:
        after = [n for n in path[media[-1] + 1 :] if not n.identified]
        if after:
            return after[-1]
    return last


def decide(paths: list[list[Node]]) -> tuple[Verdict, float]:
    """The verdict of an attributed statement (its paths may be empty: a source-less report)."""
    origins = [o for o in (path_origin(p) for p in paths) if o is not None]
    classes = {o.source_class for o in origins}
    state = classes & STATE_MEDIA
    other = classes - STATE_MEDIA - {UNKNOWN}
    if state and not other and UNKNOWN not in classes:
        return "state_media_only", 0.9
    if state:  # beside state media, another origin, known or not (an unknown outlet may be independent)
        return "mixed", 0.8 if other else 0.6
    if not other:
        return "unresolved", 0.5 if origins else 0.7
    if other <= {"official_body"}:
        return "official", 0.85
    return "independent", 0.8


def statement_verdict(chain: StatementChain, attributed: bool) -> tuple[Verdict, float]:
    """The verdict of a statement with its (own or carried) chain."""
    return decide(chain.paths) if (attributed or chain.carried) and not chain.own_voice else UNATTRIBUTED
