"""A speaker quoted with no channel speaks through the state outlet the article cites for its
country (chain.build.ChainBuilder.state_channel_for)."""

from __future__ import annotations

from provenance.chain.build import ChainBuilder, Node
from provenance.report import Attribution, SourceSpan, TextSpan

CUE = TextSpan(text="said", start=0, end=4)


def att(name: str, cls: str, country: str | None, entity: str | None, embedded_in: int | None = None,
        channel: tuple[str, str, str] | None = None) -> Attribution:
    src = SourceSpan(text=name, start=0, end=len(name), name=name, source_class=cls, entity_id=entity, country=country)
    via = None
    if channel is not None:
        via = SourceSpan(text=channel[0], start=0, end=1, name=channel[0], source_class=channel[1], entity_id=channel[2])
    return Attribution(cue=CUE, source=src, content=None, kind="indirect", embedded_in=embedded_in,
                       pattern="nsubj-ccomp", confidence=0.9, channel=via)


KCNA = ("KCNA", "state_controlled", "KP", "kcna")
YONHAP = ("Yonhap", "independent", "KR", "yonhap")
GOV = ("Government of North Korea", "official_body", "KP", "official_kp_government")
MINISTER = ("Choe Son-hui", "official_body", "KP", None)


def builder_for(article: list[list[Attribution]]) -> ChainBuilder:
    b = ChainBuilder(Node("IANS", "independent", "ians", "IN", True))
    for atts in article:
        b.learn_relays(atts)
        b.learn_state_channels(atts)
    return b


def names(b: ChainBuilder, atts: list[Attribution], opening: bool = False) -> list[str]:
    return [link.name for link in b.build(atts, opening).chain]


def test_a_state_speaking_in_the_headline_speaks_through_its_state_media() -> None:
    b = builder_for([[att(*KCNA)]])
    assert names(b, [att(*GOV)], opening=True) == ["IANS", "KCNA", "Government of North Korea"]
    assert names(b, [att(*GOV)], opening=False) == ["IANS", "Government of North Korea"]  # a standing position


def test_an_official_only_when_the_article_quotes_them_through_state_media() -> None:
    quoted = builder_for([[att(*KCNA), att(*MINISTER, embedded_in=0)]])
    assert names(quoted, [att(*MINISTER)]) == ["IANS", "KCNA", "Choe Son-hui"]
    never = builder_for([[att(*KCNA)]])
    assert names(never, [att(*MINISTER)]) == ["IANS", "Choe Son-hui"]


def test_after_a_relay_that_passes_the_outlet_on_and_not_through_another_channel() -> None:
    b = builder_for([[att(*YONHAP), att(*KCNA, embedded_in=0)]])  # "reports Yonhap, quoting KCNA"
    assert names(b, [att(*YONHAP), att(*GOV, embedded_in=0)], opening=True) == \
        ["IANS", "Yonhap", "KCNA", "Government of North Korea"]
    told_reuters = att(*GOV, channel=("Reuters", "independent", "reuters"))
    assert names(b, [told_reuters], opening=True) == ["IANS", "Reuters", "Government of North Korea"]


def test_the_publisher_is_never_a_channel_nor_a_state_channel() -> None:
    b = ChainBuilder(Node("KCNA", "state_controlled", "kcna", "KP", True))
    b.learn_state_channels([att(*KCNA)])
    told_kcna = att(*MINISTER, channel=("KCNA", "state_controlled", "kcna"))
    chain = b.build([told_kcna], opening=True)
    assert [link.name for link in chain.chain] == ["KCNA", "Choe Son-hui"]
    assert [[n.name for n in p] for p in chain.paths] == [["Choe Son-hui"]]  # verdict: official, not state media


def test_a_state_speaking_in_the_lede_takes_no_outlet_cited_only_paragraphs_later() -> None:
    """"Ruritania said it had broken up a smuggling ring", officials quoted first-hand, and state
    television cited only in the eighth sentence: the lede is not that outlet's story."""
    from provenance.chain.build import OPENING_CHANNEL_WINDOW

    early, late = ChainBuilder(Node("IANS", "independent", "ians", "IN", True)), \
        ChainBuilder(Node("IANS", "independent", "ians", "IN", True))
    early.learn_state_channels([att(*KCNA)], OPENING_CHANNEL_WINDOW)
    late.learn_state_channels([att(*KCNA)], OPENING_CHANNEL_WINDOW + 1)
    assert names(early, [att(*GOV)], opening=True) == ["IANS", "KCNA", "Government of North Korea"]
    assert names(late, [att(*GOV)], opening=True) == ["IANS", "Government of North Korea"]
