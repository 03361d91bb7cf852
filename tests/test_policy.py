"""Policy checks, the evaluate entry point and suppression comments, on hand-built Reports."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from report_fixtures import make_report

from provenance.article import Article, Span
from provenance.policy import (
    Config,
    apply_policy,
    build_baseline,
    evaluate,
    failing,
    filter_findings,
    findings_by_severity,
    load_rules,
)
from provenance.errors import ConfigError
from provenance.policy.detectors import fingerprint
from provenance.policy.loader import RulePack
from provenance.report import Attribution, ChainLink, Report, SourceSpan, Statement, TextSpan

# --------------------------------------------------------------------------- builders

_COMMENT = re.compile(r"<!--.*?-->", re.S)
KCNA = {"name": "KCNA", "class": "state_controlled", "entity_id": "kcna", "entity_type": "organisation"}
YONHAP = {"name": "Yonhap", "class": "independent", "entity_id": "yonhap", "entity_type": "organisation"}
IANS = ChainLink(name="IANS", source_class="independent", role="publisher")
KCNA_LINK = ChainLink(name="KCNA", source_class="state_controlled", role="origin")
STATE_CHAIN = [IANS, ChainLink(name="Yonhap", source_class="independent", role="relay"), KCNA_LINK]


class Doc:
    """An article text and the statements an attribution engine would have found in it."""

    def __init__(self, text: str, *, paragraphs: bool = True) -> None:
        self.text = text
        self.use_paragraphs = paragraphs
        self.statements: list[Statement] = []
        self._cursor = 0

    def _find(self, needle: str, lo: int, hi: int | None = None) -> int:
        pos = self.text.find(needle, lo, hi)
        assert pos >= 0, f"{needle!r} not in text"
        return pos

    def att(self, sentence_start: int, sentence_end: int | None, cue: str, source: str | None = None,
            entity: dict | None = None, **kw) -> Attribution:
        if kw.get("carried"):  # a carried attribution points at an earlier sentence
            sentence_start, sentence_end = 0, None
        c = self._find(cue, sentence_start, sentence_end)
        src = None
        if source is not None:
            s = self._find(source, sentence_start, sentence_end)
            info = entity or {"name": source, "class": "unknown"}
            src = SourceSpan(text=source, start=s, end=s + len(source), **info)
        kw.setdefault("kind", "indirect")
        kw.setdefault("pattern", "nsubj-ccomp")
        kw.setdefault("confidence", 0.9)
        return Attribution(cue=TextSpan(text=cue, start=c, end=c + len(cue)), source=src, content=None, **kw)

    def stmt(self, sentence: str, atts=(), *, verdict: str = "reporter", sm: bool | None = None,
             chain=None, carried: bool = False, headline: bool = False, lede: bool = False,
             confidence: float = 0.8) -> Statement:
        start = self._find(sentence, self._cursor)
        end = start + len(sentence)
        self._cursor = end
        line = self.text.count("\n", 0, start) + 1
        column = start - (self.text.rfind("\n", 0, start) + 1) + 1
        attributions = [self.att(start, end, *a[:2], **(a[2] if len(a) > 2 else {})) for a in atts]
        st = Statement(
            index=len(self.statements), start=start, end=end, line=line, column=column, text=sentence,
            attributions=attributions, chain=chain if chain is not None else [IANS], verdict=verdict,
            state_media_only=(verdict == "state_media_only") if sm is None else sm, carried=carried,
            confidence=confidence, is_headline=headline, is_lede=lede,
        )
        self.statements.append(st)
        return st

    def article(self) -> Article:
        blanked = _COMMENT.sub(lambda m: re.sub(r"\S", " ", m.group(0)), self.text)
        paras = []
        if self.use_paragraphs:
            for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", blanked):
                if m.group(0).strip():
                    s = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
                    e = m.start() + len(m.group(0).rstrip())
                    paras.append(Span(start=s, end=e, text=self.text[s:e]))
        return Article(path="doc.md", format="markdown", source_text=self.text, text=blanked, paragraphs=paras)

    def report(self) -> Report:
        return make_report("doc.md", self.statements, format="markdown", characters=len(self.text))


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_rules()


def run(doc: Doc, pack: RulePack, *codes: str, config: Config | None = None):
    findings = evaluate(doc.report(), doc.article(), pack, config=config)
    return [f for f in findings if not codes or f.code in codes]


def only(pack: RulePack, *codes: str) -> RulePack:
    out = RulePack()
    for c in codes:
        out.add(pack.get(c), pack.files[c])
    return out


# --------------------------------------------------------------------------- SRC201


def test_src201_carried_state_media_claim(pack):
    doc = Doc("North Korea test-fired a missile, the KCNA reported. The missile flew for 86 minutes.")
    doc.stmt("North Korea test-fired a missile, the KCNA reported.", [("reported", "the KCNA", {"entity": KCNA})],
             verdict="state_media_only", chain=STATE_CHAIN)
    carried = doc.stmt("The missile flew for 86 minutes.", [("reported", None, {"carried": True})],
                       verdict="state_media_only", chain=STATE_CHAIN, carried=True, confidence=0.6)
    [f] = run(doc, pack, "SRC201")
    assert (f.start, f.end, f.statement) == (carried.start, carried.end, 1)
    assert f.rule == "state-media-claim-unattributed" and f.severity == "warning"
    assert "KCNA" in f.message and f.confidence == 0.6
    assert (f.line, f.column, f.end_line, f.end_column) == (1, carried.start + 1, 1, carried.end + 1)


def test_src201_no_attribution_at_all_and_not_state_media(pack):
    doc = Doc("The missile flew far. Seoul condemned it.")
    doc.stmt("The missile flew far.", verdict="state_media_only", chain=STATE_CHAIN, carried=True)
    doc.stmt("Seoul condemned it.", verdict="reporter")
    assert [f.statement for f in run(doc, pack, "SRC201")] == [0]


def test_src201_own_attribution_or_quote_continuation_is_fine(pack):
    text = ('"It is important to guide relations," the KCNA quoted him as saying. '
            '"It is necessary to expand the exchange." The agency said more.')
    doc = Doc(text)
    doc.stmt('"It is important to guide relations," the KCNA quoted him as saying.',
             [("quoted", "the KCNA", {"entity": KCNA, "kind": "direct"})], verdict="state_media_only")
    doc.stmt('"It is necessary to expand the exchange."', verdict="state_media_only", carried=True)
    doc.stmt("The agency said more.", [("said", "The agency", {"entity": KCNA})], verdict="state_media_only")
    assert run(doc, pack, "SRC201") == []


# --------------------------------------------------------------------------- SRC202


def test_src202_lede_and_headline(pack):
    doc = Doc("Kim inspects destroyer\n\nKim Jong-un inspected a destroyer, state media reported.\n\nMore text here.")
    doc.stmt("Kim inspects destroyer", verdict="state_media_only", chain=STATE_CHAIN, headline=True)
    doc.stmt("Kim Jong-un inspected a destroyer, state media reported.",
             [("reported", "state media", {"entity": KCNA})], verdict="state_media_only", chain=STATE_CHAIN,
             lede=True)
    doc.stmt("More text here.", verdict="state_media_only", chain=STATE_CHAIN)
    found = run(doc, pack, "SRC202")
    assert [(f.statement, f.severity) for f in found] == [(0, "error"), (1, "error")]
    assert found[0].message.startswith("The headline rests only on state media (IANS → Yonhap → KCNA)")
    assert found[1].message.startswith("The lede ")


def test_src202_independent_lede_is_fine(pack):
    doc = Doc("North Korea fired a missile, South Korea's military said.")
    doc.stmt("North Korea fired a missile, South Korea's military said.",
             [("said", "South Korea's military")], verdict="official", lede=True)
    assert run(doc, pack, "SRC202") == []


# --------------------------------------------------------------------------- SRC203


def test_src203_factive_cue_on_state_media(pack):
    doc = Doc("Pyongyang (IANS) North Korea has test-fired a new missile, the KCNA revealed on Monday.")
    doc.stmt("North Korea has test-fired a new missile, the KCNA revealed on Monday.",
             [("revealed", "the KCNA", {"entity": KCNA, "stance": "factive", "confidence": 0.7})],
             verdict="state_media_only")
    [f] = run(doc, pack, "SRC203")
    assert doc.text[f.start:f.end] == "revealed"
    assert f.message == ("State media (KCNA) reported with the factive verb “revealed”, which presents the "
                         "claim as established fact")
    assert f.confidence == 0.7


def test_src203_neutral_or_independent_is_fine_person_in_state_statement_is_not(pack):
    text = ("North Korea fired a missile, the KCNA said. Seoul's ministry confirmed the launch. "
            "Kim admitted the failure, the KCNA reported.")
    doc = Doc(text)
    doc.stmt("North Korea fired a missile, the KCNA said.", [("said", "the KCNA", {"entity": KCNA})],
             verdict="state_media_only")
    doc.stmt("Seoul's ministry confirmed the launch.",
             [("confirmed", "Seoul's ministry", {"entity": {"name": "MND", "class": "official_body"},
                                                 "stance": "factive"})], verdict="official")
    doc.stmt("Kim admitted the failure, the KCNA reported.",
             [("reported", "the KCNA", {"entity": KCNA}),
              ("admitted", "Kim", {"entity": {"name": "Kim Jong-un", "class": "person"}, "stance": "factive"})],
             verdict="state_media_only")
    [f] = run(doc, pack, "SRC203")
    assert (f.statement, doc.text[f.start:f.end]) == (2, "admitted")
    assert "(Kim Jong-un)" in f.message


# --------------------------------------------------------------------------- QUO402


def test_quo402_quote_without_speaker(pack):
    text = 'The launch came before the summit. "This is a grave provocation that threatens peace."'
    doc = Doc(text)
    doc.stmt("The launch came before the summit.")
    doc.stmt('"This is a grave provocation that threatens peace."')
    [f] = run(doc, pack, "QUO402")
    assert doc.text[f.start:f.end] == '"This is a grave provocation that threatens peace."'
    assert "(8 words)" in f.message


def test_quo402_attributed_carried_short_or_unbalanced_are_fine(pack):
    text = ('"This is a grave provocation," the minister said. "We will respond to it."\n\n'
            'He called it "a provocation". The "grave threat to the peninsula.')
    doc = Doc(text)
    doc.stmt('"This is a grave provocation," the minister said.', [("said", "the minister")])
    doc.stmt('"We will respond to it."', carried=True)
    doc.stmt('He called it "a provocation".')
    doc.stmt('The "grave threat to the peninsula.')
    assert run(doc, pack, "QUO402") == []


def test_quo402_quote_over_several_sentences_with_speaker_at_the_end(pack):
    text = '"We are ready. We will respond to any provocation," the minister said.'
    doc = Doc(text)
    doc.stmt('"We are ready.')
    doc.stmt('We will respond to any provocation," the minister said.', [("said", "the minister")])
    assert run(doc, pack, "QUO402") == []
    bare = Doc('"We are ready. We will respond to any provocation."')
    bare.stmt('"We are ready.')
    bare.stmt('We will respond to any provocation."')
    [f] = run(bare, pack, "QUO402")
    assert (f.start, f.end, f.statement) == (0, len(bare.text), 0) and "(9 words)" in f.message


def test_quotes_in_comments_left_by_ingest_are_ignored(pack):
    text = '<!-- provenance: ignore[ATT101] reason="sources verified by our desk" -->\nTroops moved, sources said.'
    doc = Doc(text)
    doc.stmt(text[: text.index("\n")])
    doc.stmt("Troops moved, sources said.", [("said", "sources")])
    article = doc.article().model_copy(update={"text": text})  # as if ingest had kept the comment
    found = evaluate(doc.report(), article, pack)
    assert [(f.code, f.suppression is not None) for f in found] == [("ATT101", True)]


def test_quo402_source_less_attribution_still_flags(pack):
    doc = Doc('"We will never give up our weapons," it was reported.')
    doc.stmt('"We will never give up our weapons," it was reported.', [("reported", None)])
    assert len(run(doc, pack, "QUO402")) == 1


def test_quo402_min_words_option(pack):
    rule = pack.get("QUO402").model_copy(update={"options": {"min_words": 2}})
    small = RulePack()
    small.add(rule, pack.files["QUO402"])
    doc = Doc('He called it "a provocation" again.')
    doc.stmt('He called it "a provocation" again.')
    assert len(run(doc, small)) == 1


# --------------------------------------------------------------------------- ATT101


def test_att101_vague_and_sourceless(pack):
    text = ("North Korea will send troops, sources close to the talks said. "
            "Kim's daughter reportedly attended. Kim spoke, the KCNA said. Officials at the ministry declined.")
    doc = Doc(text)
    doc.stmt("North Korea will send troops, sources close to the talks said.",
             [("said", "sources close to the talks")])
    doc.stmt("Kim's daughter reportedly attended.", [("reportedly", None, {"kind": "other"})])
    doc.stmt("Kim spoke, the KCNA said.", [("said", "the KCNA", {"entity": KCNA})])
    doc.stmt("Officials at the ministry declined.", [("declined", "Officials at the ministry")])
    found = run(doc, pack, "ATT101")
    assert [(f.statement, doc.text[f.start:f.end], f.severity) for f in found] == [
        (0, "sources close to the talks", "info"),
        (1, "reportedly", "info"),
        (3, "Officials at the ministry", "info"),
    ]
    assert "no named source" in found[1].message


def test_att101_resolved_or_carried_is_fine(pack):
    doc = Doc("Experts said it. The officials said more.")
    doc.stmt("Experts said it.", [("said", "Experts", {"entity": {"name": "KINU", "class": "independent",
                                                                 "entity_id": "kinu"}})])
    doc.stmt("The officials said more.", [("said", "The officials", {"carried": True})])
    assert run(doc, pack, "ATT101") == []


# --------------------------------------------------------------------------- CHN301


def test_chn301_citing_unnamed_sources(pack):
    doc = Doc("North Korea executed an official, Yonhap reported, citing unnamed sources.")
    doc.stmt("North Korea executed an official, Yonhap reported, citing unnamed sources.",
             [("reported", "Yonhap", {"entity": YONHAP}),
              ("citing", "unnamed sources", {"embedded_in": 0, "pattern": "relay", "kind": "other"})])
    [f] = run(doc, pack, "CHN301")
    assert doc.text[f.start:f.end] == "citing"
    assert f.message == "Relay without an origin (Yonhap): “unnamed sources” is not an origin"


@pytest.mark.parametrize(("origin", "fires"), [("emergency officials", False), ("military officials", False),
                                              ("senior officials", True), ("officials", True),
                                              ("diplomatic sources", True)])
def test_chn301_officials_of_a_named_service_are_an_origin(pack, origin, fires):
    """"citing emergency officials" says whose officials they are (ATT101 still calls it
    vague); "citing senior officials" or any "sources" names no origin."""
    text = f"Ten people were on board, TASS reported, citing {origin}."
    doc = Doc(text)
    doc.stmt(text, [("reported", "TASS", {}),
                    ("citing", origin, {"embedded_in": 0, "pattern": "relay", "kind": "other"})])
    assert len(run(doc, pack, "CHN301")) == (1 if fires else 0)


def test_chn301_quoting_a_known_origin_is_fine(pack):
    doc = Doc("The meeting took place, reports Yonhap, quoting the Korean Central News Agency (KCNA).")
    doc.stmt("The meeting took place, reports Yonhap, quoting the Korean Central News Agency (KCNA).",
             [("reports", "Yonhap", {"entity": YONHAP}),
              ("quoting", "the Korean Central News Agency (KCNA)", {"entity": KCNA, "embedded_in": 0,
                                                                    "pattern": "relay"})],
             verdict="state_media_only", chain=STATE_CHAIN)
    assert run(doc, pack, "CHN301") == []


def test_chn301_missing_inner_source_chain_end_and_unresolved_option(pack):
    text = ("Troops moved, Yonhap said, quoting. Troops massed, Yonhap reported. "
            "Ships sailed, Yonhap said, citing the Rodong Sinmun.")
    doc = Doc(text)
    doc.stmt("Troops moved, Yonhap said, quoting.",
             [("said", "Yonhap", {"entity": YONHAP}), ("quoting", None, {"embedded_in": 0, "pattern": "relay"})])
    doc.stmt("Troops massed, Yonhap reported.", [("reported", "Yonhap", {"entity": YONHAP})],
             chain=[IANS, ChainLink(name="Yonhap", source_class="independent", role="relay")])
    doc.stmt("Ships sailed, Yonhap said, citing the Rodong Sinmun.",
             [("said", "Yonhap", {"entity": YONHAP}), ("citing", "the Rodong Sinmun", {"pattern": "relay"})])
    found = run(doc, pack, "CHN301")
    assert [(f.statement, doc.text[f.start:f.end][:13]) for f in found] == [(0, "quoting"), (1, "Troops massed")]
    assert "names no source" in found[0].message and "ends at a relay" in found[1].message
    rule = pack.get("CHN301").model_copy(update={"options": {"flag_unresolved": True}})
    strict = RulePack()
    strict.add(rule, pack.files["CHN301"])
    assert [f.statement for f in run(doc, strict)] == [0, 1, 2]


# --------------------------------------------------------------------------- QUO401


def _quo401(text: str, pack: RulePack, paragraphs: bool = True):
    doc = Doc(text, paragraphs=paragraphs)
    return doc, run(doc, only(pack, "QUO401"))


def test_quo401_examples_of_the_rule_file(pack):
    rule = pack.get("QUO401")
    for snippet in rule.examples.flagged:
        assert len(_quo401(snippet, pack)[1]) == 1, snippet
    for snippet in rule.examples.ok:
        assert _quo401(snippet, pack)[1] == [], snippet


def test_quo401_points_at_the_unpaired_mark(pack):
    text = 'First paragraph is fine.\n\n"We will respond," he said. "Soon, he added.\n\nLast one.'
    doc, [f] = _quo401(text, pack)
    assert f.start == text.index('"Soon') and f.end == f.start + 1
    assert (f.line, f.column) == (3, text.index('"Soon') - text.index('"We') + 1)
    assert "3 straight" in f.message and f.statement is None


def test_quo401_curly_and_continued_quotes(pack):
    assert _quo401("He said \u201cno\u201d and \u201cnever.\n\nNext paragraph.", pack)[1] != []
    assert _quo401("He said no\u201d twice.", pack)[1] != []
    continued = "\u201cWe will go on,\n\n\u201cand on,\n\n\u201cand end here,\u201d he said."
    assert _quo401(continued, pack)[1] == []
    straight = '"We will go on,\n\n"and end here," he said.'
    assert _quo401(straight, pack)[1] == []
    assert _quo401(straight, pack, paragraphs=False)[1] == []
    rule = pack.get("QUO401").model_copy(update={"options": {"allow_continued": False}})
    strict = RulePack()
    strict.add(rule, pack.files["QUO401"])
    assert len(run(Doc(continued), strict)) == 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hs.text(alphabet='ab "\u201c\u201d\n.<!->', max_size=60))
def test_quo401_never_crashes(pack, text):
    doc = Doc(text, paragraphs=False)
    for f in run(doc, pack):
        assert 0 <= f.start <= f.end <= len(text)


# --------------------------------------------------------------------------- findings


def _two_paragraph_doc(prefix: str = "") -> Doc:
    text = prefix + "Troops will move, sources said.\n\nKim spoke, officials said."
    doc = Doc(text)
    doc.stmt("Troops will move, sources said.", [("said", "sources")])
    doc.stmt("Kim spoke, officials said.", [("said", "officials")])
    return doc


def test_findings_sorted_and_fingerprints_stable_across_moves(pack):
    a = run(_two_paragraph_doc(), pack)
    b = run(_two_paragraph_doc("Headline\n\nAn added paragraph.\n\n"), pack)
    assert [f.code for f in a] == ["ATT101", "ATT101"]
    assert [f.start for f in a] == sorted(f.start for f in a)
    assert [f.fingerprint for f in a] == [f.fingerprint for f in b]
    assert [f.line for f in a] == [1, 3] and [f.line for f in b] == [5, 7]
    assert len({f.fingerprint for f in a}) == 2 and re.fullmatch(r"[0-9a-f]{16}", a[0].fingerprint)
    assert fingerprint("ATT101", "A  b") == fingerprint("ATT101", "a b")


def test_config_disable_filters_and_failing(pack):
    doc = Doc("Kim inspected a destroyer, sources said.")
    doc.stmt("Kim inspected a destroyer, sources said.", [("said", "sources", {"confidence": 0.4})],
             verdict="state_media_only", lede=True, confidence=0.9)
    codes = lambda fs: [f.code for f in fs]  # noqa: E731
    assert codes(run(doc, pack)) == ["SRC202", "ATT101"]
    assert codes(run(doc, pack, config=Config(disable=["vague-attribution"]))) == ["SRC202"]
    assert codes(run(doc, pack, config=Config(min_severity="warning"))) == ["SRC202"]
    assert codes(run(doc, pack, config=Config(min_confidence=0.5))) == ["SRC202"]
    found = run(doc, pack)
    assert codes(failing(found, "error")) == ["SRC202"]
    assert codes(failing(found, "info")) == ["SRC202", "ATT101"]
    assert failing(found, "never") == []
    assert findings_by_severity(found) == {"error": 1, "info": 1, "warning": 0}
    assert codes(filter_findings(found, min_severity="error")) == ["SRC202"]
    with pytest.raises(Exception, match="unknown rule 'SRC999'"):
        run(doc, pack, config=Config(disable=["SRC999"]))


@pytest.mark.parametrize(
    ("disable", "left"),
    [
        (["SRC"], ["ATT101"]),
        (["src2"], ["ATT101"]),
        (["SRC20"], ["ATT101"]),
        (["ATT"], ["SRC202"]),
        (["ATT1", "SRC202"], []),
        (["QUO", "CHN", "PRV"], ["SRC202", "ATT101"]),
        (["headline-state-media-only"], ["ATT101"]),
    ],
)
def test_config_disable_by_family_prefix(pack, disable, left):
    doc = Doc("Kim inspected a destroyer, sources said.")
    doc.stmt("Kim inspected a destroyer, sources said.", [("said", "sources")], verdict="state_media_only", lede=True)
    assert [f.code for f in run(doc, pack, config=Config(disable=disable))] == left


@pytest.mark.parametrize("selector", ["XYZ", "SRC9", "PV1", "PV101", "PV105", "S"])
def test_config_disable_unknown_selector(pack, selector):
    doc = Doc("Kim inspected a destroyer, sources said.")
    with pytest.raises(ConfigError, match=f"disable: unknown rule '{selector}'"):
        run(doc, pack, config=Config(disable=[selector]))


def test_disabled_rule_in_pack_does_not_run(pack):
    small = RulePack()
    small.add(pack.get("ATT101").model_copy(update={"enabled": False}), pack.files["ATT101"])
    assert run(_two_paragraph_doc(), small) == []


# --------------------------------------------------------------------------- suppressions

REASON = 'reason="confirmed by our Seoul bureau"'


def _suppressed_doc(comment_before_first: str, comment_before_second: str = "", tail: str = "") -> Doc:
    text = (f"{comment_before_first}\nTroops will move, sources said.\n\n{comment_before_second}\n"
            f"Kim spoke, officials said.\n\nShips sailed, observers said.{tail}")
    doc = Doc(text)
    doc.stmt("Troops will move, sources said.", [("said", "sources")])
    doc.stmt("Kim spoke, officials said.", [("said", "officials")])
    doc.stmt("Ships sailed, observers said.", [("said", "observers")])
    return doc


def _state(findings):
    return [(f.code, f.statement, f.suppression.justification if f.suppression else None) for f in findings]


def test_ignore_applies_to_next_paragraph_only(pack):
    doc = _suppressed_doc(f"<!-- provenance: ignore[ATT101] {REASON} -->")
    found = run(doc, pack)
    assert _state(found) == [
        ("ATT101", 0, "confirmed by our Seoul bureau"),
        ("ATT101", 1, None),
        ("ATT101", 2, None),
    ]
    assert found[0].suppression.kind == "inSource"


def test_ignore_by_rule_name_with_curly_reason(pack):
    doc = _suppressed_doc("", "<!-- provenance: ignore[vague-attribution] reason=\u201cchecked\u201d -->")
    assert _state(run(doc, pack)) == [("ATT101", 0, None), ("ATT101", 1, "checked"), ("ATT101", 2, None)]


def test_ignore_without_article_paragraphs_uses_blank_lines(pack):
    doc = _suppressed_doc(f"<!-- provenance: ignore[ATT101] {REASON} -->")
    doc.use_paragraphs = False
    assert [s for _, _, s in _state(run(doc, pack))] == ["confirmed by our Seoul bureau", None, None]


def test_disable_enable_range(pack):
    doc = _suppressed_doc(f"<!-- provenance: disable[ATT101] {REASON} -->",
                          "<!-- provenance: enable[ATT101] -->")
    assert [s for _, _, s in _state(run(doc, pack))] == ["confirmed by our Seoul bureau", None, None]
    doc = _suppressed_doc("", f"<!-- provenance: disable[ATT101,SRC201] {REASON} -->")
    found = run(doc, pack)
    assert _state(found) == [
        ("ATT101", 0, None),
        ("PRV901", None, None),  # SRC201 had nothing to suppress
        ("ATT101", 1, "confirmed by our Seoul bureau"),
        ("ATT101", 2, "confirmed by our Seoul bureau"),
    ]
    assert found[1].message.startswith("Suppression comment disable[SRC201] suppressed nothing")


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ("<!-- provenance: ignore[ATT101] -->", "has no reason"),
        ('<!-- provenance: ignore[ATT101] reason="  " -->', "has no reason"),
        ('<!-- provenance: ignore reason="x" -->', "names no rule"),
        ('<!-- provenance: ignore[] reason="x" -->', "names no rule"),
        ('<!-- provenance: ignore[SRC999] reason="x" -->', "names unknown rule 'SRC999'"),
        ('<!-- provenance: ignore[PV105] reason="x" -->', "names unknown rule 'PV105'"),
        ('<!-- provenance: ignore[XYZ] reason="x" -->', "names unknown rule 'XYZ'"),
        ('<!-- provenance: ignore[ATT,SRC9] reason="x" -->', "names unknown rule 'SRC9'"),
        ('<!-- provenance: skip[ATT101] reason="x" -->', "has unknown action 'skip'"),
        ("<!-- provenance: ignore ATT101 because -->", "cannot be read"),
        ("<!-- provenance: enable[ATT101] -->", "has no matching disable"),
    ],
)
def test_invalid_directive_is_reported_and_suppresses_nothing(pack, comment, problem):
    doc = _suppressed_doc(comment)
    found = run(doc, pack)
    assert [(f.code, f.suppression) for f in found if f.code == "ATT101"] == [("ATT101", None)] * 3
    [meta] = [f for f in found if f.code == "PRV901"]
    assert problem in meta.message and meta.severity == "warning"
    assert doc.text[meta.start:meta.end] == comment and meta.line == 1 and meta.statement is None


def test_ignore_and_disable_by_family_prefix(pack):
    doc = _suppressed_doc(f"<!-- provenance: ignore[att] {REASON} -->")
    assert [s for _, _, s in _state(run(doc, pack))] == ["confirmed by our Seoul bureau", None, None]
    doc = _suppressed_doc(f"<!-- provenance: disable[ATT1] {REASON} -->", "<!-- provenance: enable[ATT] -->")
    assert [s for _, _, s in _state(run(doc, pack))] == ["confirmed by our Seoul bureau", None, None]
    # enable[ATT101] closes the ATT101 part of disable[ATT]; the rest of the family stays off
    doc = _suppressed_doc(f"<!-- provenance: disable[ATT] {REASON} -->", "<!-- provenance: enable[ATT101] -->")
    assert [s for _, _, s in _state(run(doc, pack))] == ["confirmed by our Seoul bureau", None, None]


def test_prefix_is_unused_only_when_none_of_its_rules_was_suppressed(pack):
    # SRC202 fires on the lede, SRC201 and SRC203 do not: ignore[SRC] is used, not reported
    text = f"<!-- provenance: ignore[SRC] {REASON} -->\nKim inspected a destroyer, sources said."
    doc = Doc(text)
    doc.stmt("Kim inspected a destroyer, sources said.", [("said", "sources")], verdict="state_media_only", lede=True)
    assert _state(run(doc, pack)) == [("SRC202", 0, "confirmed by our Seoul bureau"), ("ATT101", 0, None)]
    # no SRC finding at all: reported once, by the prefix as written, not once per SRC rule
    doc = _suppressed_doc(f"<!-- provenance: ignore[src2,ATT101] {REASON} -->")
    [meta] = [f for f in run(doc, pack) if f.code == "PRV901"]
    assert "ignore[SRC2] suppressed nothing" in meta.message
    # a prefix whose rules did not run is not reported either
    assert [f.code for f in run(doc, pack, config=Config(disable=["SRC"]))].count("PRV901") == 0
    # naming the meta family never reports itself
    doc = _suppressed_doc(f"<!-- provenance: disable[PRV] {REASON} -->")
    assert [f.code for f in run(doc, pack)].count("PRV901") == 0


def test_unused_ignore_and_its_suppression(pack):
    doc = _suppressed_doc(f"<!-- provenance: ignore[SRC203,ATT101] {REASON} -->")
    found = run(doc, pack)
    [meta] = [f for f in found if f.code == "PRV901"]
    assert "ignore[SRC203] suppressed nothing" in meta.message
    # a PRV901 finding can itself be suppressed; that comment is not reported as unused
    doc = _suppressed_doc(f"<!-- provenance: disable[PRV901] {REASON} -->\n"
                          f"<!-- provenance: ignore[SRC203] {REASON} -->")
    metas = [f for f in run(doc, pack) if f.code == "PRV901"]
    assert len(metas) == 1 and metas[0].suppression is not None


def test_ignore_at_the_end_has_nothing_to_apply_to(pack):
    doc = _suppressed_doc("", tail=f"\n\n<!-- provenance: ignore[ATT101] {REASON} -->\n")
    [meta] = [f for f in run(doc, pack) if f.code == "PRV901"]
    assert "has no paragraph after it" in meta.message and meta.line == 9


def test_unused_not_reported_for_rules_that_did_not_run(pack):
    doc = _suppressed_doc(f"<!-- provenance: ignore[SRC203,ATT101] {REASON} -->")
    assert [f.code for f in run(doc, pack, config=Config(disable=["SRC203"]))].count("PRV901") == 0


def test_unused_not_reported_for_cross_article_rules(pack):
    # QUO403 / QUO404 findings are added after the article's rules, by the cross-article
    # stage (provenance.corroborate.stage), which applies the comment itself
    doc = _suppressed_doc(f"<!-- provenance: ignore[QUO403,ATT101] {REASON} -->")
    assert [f.code for f in run(doc, pack)].count("PRV901") == 0


def test_prv901_examples_of_the_rule_file(pack):
    rule = pack.get("PRV901")
    flagged = Doc(rule.examples.flagged[0])
    flagged.stmt("North Korea fired a ballistic missile on Thursday, South Korea's Joint Chiefs of Staff said.",
                 [("said", "South Korea's Joint Chiefs of Staff", {"entity": {"name": "JCS", "class": "official_body",
                                                                              "entity_id": "jcs"}})],
                 verdict="official", lede=True)
    assert [f.code for f in run(flagged, pack)] == ["PRV901"]
    ok = Doc(rule.examples.ok[0])
    ok.stmt("North Korea is preparing to send more troops to Russia, sources said.", [("said", "sources")])
    assert _state(run(ok, pack)) == [("ATT101", 0, "sources verified by our Seoul desk")]


def test_apply_policy_with_baseline(pack):
    doc = _suppressed_doc(f"<!-- provenance: ignore[ATT101] {REASON} -->")
    plain = evaluate(doc.report(), doc.article(), pack)
    baseline = build_baseline({"./doc.md": [plain[1]]})
    report = apply_policy(doc.report(), doc.article(), pack, baseline=baseline)
    assert [f.suppression.kind if f.suppression else None for f in report.findings] == ["inSource", "external", None]
    assert report.summary.findings_by_severity == {"error": 0, "info": 1, "warning": 0}


def test_finding_json_round_trip(pack):
    doc = _suppressed_doc(f"<!-- provenance: ignore[ATT101] {REASON} -->")
    report = doc.report().model_copy(update={"findings": run(doc, pack)})
    again = Report.model_validate_json(report.to_json())
    assert again.findings == report.findings
    assert '"kind": "inSource"' in report.to_json()
