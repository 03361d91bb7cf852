"""Attribution patterns on hand-annotated CoNLL-U (no parser errors involved).

One fixture per construction of the attribution engine; each asserts cue, source and
content, and where it matters the kind, nesting, chain and verdict.
"""

from __future__ import annotations

from provenance.report import Attribution, Report


def only(report: Report, sentence: int = 0) -> Attribution:
    atts = report.statements[sentence].attributions
    assert len(atts) == 1, [a.cue.text for a in atts]
    return atts[0]


def chain(report: Report, sentence: int = 0) -> list[str]:
    return [link.name for link in report.statements[sentence].chain]


def test_nsubj_ccomp(fixture_report):
    r = fixture_report("nsubj_ccomp")
    a = only(r)
    assert (a.cue.text, a.source.text, a.content.text) == ("said", "Reuters", "that the talks had failed")
    assert a.kind == "indirect" and a.pattern == "nsubj-ccomp"
    assert a.source.source_class == "independent"
    assert chain(r) == ["IANS", "Reuters"]
    assert r.statements[0].verdict == "independent"


def test_direct_quote_cue_at_end_and_floating_continuation(fixture_report):
    r = fixture_report("direct_end_floating")
    assert r.statements[0].attributions == []  # "spoke in Moscow" reports nothing
    a = only(r, 1)
    assert (a.cue.text, a.source.text) == ("said", "Lavrov")
    # the quotation the cue clause interrupts goes on in the next sentence: one content, as
    # PolNeAR annotates it (the cue clause inside); still a direct quotation
    assert a.content.text == '"The talks failed," Lavrov said. "We will try again."'
    assert a.kind == "direct"
    assert a.source.name == "Sergei Lavrov" and a.source.source_class == "official_body"
    floating = r.statements[2]
    assert floating.attributions == [] and floating.carried
    assert [c.name for c in floating.chain] == chain(r, 1)
    assert floating.verdict == r.statements[1].verdict == "official"


def test_direct_quote_cue_at_start(fixture_report):
    a = only(fixture_report("direct_start"))
    assert (a.cue.text, a.source.text) == ("said", "Lavrov")
    assert a.content.text == '"The talks failed."' and a.kind == "direct"


def test_mixed_quote(fixture_report):
    a = only(fixture_report("mixed"))
    assert a.content.text == 'the talks had been "a complete failure."'
    assert a.kind == "mixed"


def test_according_to(fixture_report):
    r = fixture_report("according_to")
    a = only(r)
    assert (a.cue.text, a.source.text, a.content.text) == ("according to", "Reuters", "The talks failed")
    assert a.kind == "according_to"


def test_relay_reports_x_quoting_y(fixture_report):
    r = fixture_report("relay_quoting")
    reports, quoting = r.statements[0].attributions
    assert (reports.cue.text, reports.source.text) == ("reports", "Yonhap")
    assert reports.content.text == "The meeting took place on Sunday"
    assert quoting.cue.text == "quoting" and quoting.embedded_in == 0 and quoting.kind == "other"
    assert quoting.source.text == "the Korean Central News Agency (KCNA)"
    assert quoting.source.source_class == "state_controlled"
    assert chain(r) == ["IANS", "Yonhap", "KCNA"]
    assert [c.role for c in r.statements[0].chain] == ["publisher", "relay", "origin"]
    assert r.statements[0].state_media_only


def test_quoted_him_as_saying(fixture_report):
    r = fixture_report("quoted_as_saying")
    quoted, saying = r.statements[1].attributions
    assert (quoted.cue.text, quoted.source.text, quoted.kind) == ("quoted", "the KCNA", "direct")
    assert quoted.content.text == '"It is important,"'
    assert (saying.cue.text, saying.source.text, saying.embedded_in) == ("saying", "him", 0)
    assert saying.source.name == "Kim Jong-un" and saying.source.antecedent is not None
    assert chain(r, 1)[-1] == "Kim Jong-un" and r.statements[1].state_media_only


def test_was_quoted_by_x_as_saying(fixture_report):
    r = fixture_report("quoted_by_passive")
    quoted, saying = r.statements[0].attributions
    assert (quoted.cue.text, quoted.source.text) == ("quoted", "the KCNA")
    assert (saying.cue.text, saying.source.text, saying.embedded_in) == ("saying", "Kim", 0)
    assert saying.content.text == "that the visit was important"


def test_cited_y_as_saying(fixture_report):
    r = fixture_report("cited_as_saying")
    cited, saying = r.statements[0].attributions
    assert (cited.cue.text, cited.source.text) == ("cited", "The KCNA")
    assert (saying.source.text, saying.embedded_in, saying.content.text) == ("Kim", 0, "that ties were strong")


def test_statement_carried_by(fixture_report):
    r = fixture_report("statement_carried_by")
    carried, said = r.statements[0].attributions
    assert (carried.cue.text, carried.source.text, carried.kind) == ("carried", "KCNA", "other")
    assert (said.cue.text, said.source.text, said.embedded_in) == ("said", "The ministry", 0)
    assert said.content.text == "that the test succeeded"
    assert r.statements[0].state_media_only


def test_it_was_reported(fixture_report):
    r = fixture_report("passive_sourceless")
    a = only(r)
    assert a.source is None and a.cue.text == "reported" and a.content.text == "that the test succeeded"
    assert r.statements[0].verdict == "unresolved"  # attributed, but to no one


def test_x_was_reported_to(fixture_report):
    a = only(fixture_report("reported_to"))
    assert a.source is None
    assert a.content.text == "The leader was reported to have visited the site"


def test_reportedly(fixture_report):
    a = only(fixture_report("reportedly"))
    assert (a.cue.text, a.source) == ("reportedly", None)
    assert "succeeded" in a.content.text


def test_artefact_released_by(fixture_report):
    r = fixture_report("artefact_released_by")
    a = only(r)
    assert (a.cue.text, a.source.text) == ("showed", "Photos released by the KCNA")
    assert a.source.entity_type == "artefact" and a.source.source_class == "state_controlled"
    assert a.content.text == "that Kim attended"
    assert r.statements[0].state_media_only


def test_statement_from_ministry(fixture_report):
    a = only(fixture_report("artefact_statement_from"))
    assert (a.cue.text, a.source.text) == ("said", "A statement from the ministry")
    assert a.source.entity_type == "artefact"


def test_possessive_report(fixture_report):
    a = only(fixture_report("possessive_report"))
    assert a.source.text == "Yonhap's report" and "Yonhap" in a.source.name


def test_citing_officials(fixture_report):
    r = fixture_report("citing_officials")
    reported, citing = r.statements[0].attributions
    assert (reported.cue.text, reported.source.text) == ("reported", "Reuters")
    assert (citing.cue.text, citing.source.text, citing.embedded_in) == ("citing", "officials", 0)


def test_pronoun_resolves_to_titled_person(fixture_report):
    r = fixture_report("pronoun_source")
    a = only(r, 1)
    assert a.source.text == "She" and a.source.name == "Olga Lyubimova"
    assert a.source.source_class == "official_body" and a.source.country == "RU"


def test_relay_set_up_once_applies_later(fixture_report):
    r = fixture_report("relay_chain_applies_later")
    first = chain(r, 0)
    assert first[:2] == ["IANS", "Yonhap"]
    assert chain(r, 1) == first  # "the KCNA said" gets the Yonhap relay too
    a = only(r, 2)
    assert a.source.text == "The news agency" and a.source.match == "antecedent"
    assert chain(r, 2) == first and r.statements[2].state_media_only


def test_multi_sentence_quote_with_cue_at_the_end(fixture_report):
    r = fixture_report("quote_cue_at_end_multi")
    first, second = r.statements
    a = only(r, 1)
    assert (a.cue.text, a.source.text) == ("said", "Lavrov")
    assert first.attributions == [] and first.carried
    assert [c.name for c in first.chain] == [c.name for c in second.chain]


def test_cue_split_from_its_quotation_by_the_tokenizer(fixture_report):
    r = fixture_report("split_quote_cue")
    assert len(r.statements) == 1  # "Trump said." joins the quotation it closes
    a = only(r)
    assert (a.cue.text, a.source.text, a.content.text, a.kind) == ("said", "Trump", '"I finished it,"', "direct")


# ---- parser slips the patterns survive (each fixture is a realistic wrong parse) ----


def test_cue_inside_a_quotation_is_quoted_speech(fixture_report):
    said, says = fixture_report("quoted_cue_inside_quote").statements[0].attributions
    assert (said.cue.text, said.source.text, said.kind, said.embedded_in) == ("said", "she", "direct", None)
    assert (says.cue.text, says.embedded_in) == ("says", 0)  # speech within the quoted speech


def test_future_or_modal_cue_is_not_a_report(fixture_report):
    assert fixture_report("modal_not_reported").statements[0].attributions == []


def test_call_on_is_a_cue_but_a_phone_call_is_not(fixture_report):
    r = fixture_report("call_on")
    a = only(r, 0)
    assert (a.cue.text, a.source.text) == ("called on", "Palmieri")
    assert a.content.text.startswith("Trump to stop attacking")
    assert r.statements[1].attributions == []


def test_speaker_label_split_from_its_line(fixture_report):
    r = fixture_report("speaker_label_split")
    assert len(r.statements) == 1
    a = only(r)
    assert (a.cue.text, a.source.text, a.content.text) == (":", "WALLACE", "Let us start with the news")


def test_cue_verb_tagged_as_noun(fixture_report):
    a = only(fixture_report("slip_mistagged_says"))
    assert (a.cue.text, a.source.text, a.content.text) == ("says", "Trump", "voter fraud is rampant")
    assert a.pattern == "surface" and a.confidence <= 0.5


def test_final_cue_clause_read_from_the_surface(fixture_report):
    # a real parse from the bundled model: "told" hangs on "reporters" as amod
    a = only(fixture_report("slip_cue_as_amod"))
    assert (a.cue.text, a.source.text) == ("told", "South Korean Foreign Minister Cho Tae-yul")
    assert a.content.text.startswith('"This is a grave provocation') and a.kind == "direct"
    assert a.source.name == "Cho Tae-yul" and a.source.country == "KR"


def test_inverted_cue_tagged_as_noun_still_relays(fixture_report):
    # a real parse from the bundled model: "reports" tagged NOUN, "quoting" hung on "took"
    r = fixture_report("slip_reports_as_noun")
    reports, quoting = r.statements[0].attributions
    assert (reports.cue.text, reports.source.text, reports.pattern) == ("reports", "Yonhap", "surface")
    assert (quoting.cue.text, quoting.embedded_in) == ("quoting", 0)
    assert chain(r) == ["IANS", "Yonhap", "KCNA"]


def test_reporting_noun_with_possessor_and_that_clause(fixture_report):
    a = only(fixture_report("noun_claim_that"))
    assert (a.cue.text, a.source.text, a.content.text) == ("claim", "Trump's", "that crime is rising")
    assert a.stance == "distancing"


def test_seed_sentences_misparsed_by_the_bundled_model(fixture_report):
    # real parses: the subject noun made the root; "released" a clause of "showed"
    r = fixture_report("slip_seed_participle_and_artefact")
    expressing = only(r, 0)
    assert (expressing.cue.text, expressing.source.text) == ("expressing", "The North Korean leader")
    assert "the current visit would further raise" in expressing.content.text
    showed = only(r, 1)
    assert (showed.cue.text, showed.source.text, showed.source.name) == ("showed", "Photos released by the KCNA", "KCNA")


def test_called_someone_something_but_not_what_he_called(fixture_report):
    r = fixture_report("called_label")
    a = only(r, 0)
    assert (a.cue.text, a.source.text, a.content.text) == ("called", "Clinton", "the plan a disaster")
    assert r.statements[1].attributions == []


def test_inverted_subject_parsed_as_object(fixture_report):
    # a real parse from the bundled model: "said Batchelder" with Batchelder as obj
    a = only(fixture_report("slip_inverted_subject_as_object"))
    assert (a.cue.text, a.source.text) == ("said", "Batchelder")
    assert a.content.text.endswith("the losses would outstrip the gains")


def test_quote_then_said_x_then_participle(fixture_report):
    # a real parse: "said" has the trailing "speaking of ..." as ccomp and "Caddell" as obj
    r = fixture_report("slip_quote_cue_with_trailing_participle")
    a = only(r, 1)
    assert (a.cue.text, a.source.text) == ("said", "Caddell")
    assert a.content.text == "“This is in their heads. This is in their consciousness,”"  # the whole quotation
    assert r.statements[0].carried  # the quotation's first sentence carries the attribution back


def test_a_pronoun_repeating_the_speaker_is_not_a_relay(fixture_report):
    atts = fixture_report("same_speaker_not_nested").statements[0].attributions
    assert [(a.cue.text, a.source.text, a.embedded_in) for a in atts] == [("said", "Lavrov", None), ("said", "he", None)]


def test_a_date_is_never_the_speaker(fixture_report):
    atts = fixture_report("date_subject").statements[0].attributions
    assert [(a.cue.text, a.source.text) for a in atts] == [("said", "Hollande")]


def test_speaker_with_party_and_state_after_a_quotation(fixture_report):
    # the parser hung "Sen. Jane Roe" inside the quotation and made "Monday" the subject
    a = only(fixture_report("slip_speaker_with_party_state"))
    assert (a.cue.text, a.source.text) == ("said", "Sen. Jane Roe (D-Ore.)")
    assert a.content.text == "“The budget is a disgrace to every taxpayer,”"
    assert a.kind == "direct"


def test_idioms_imperatives_and_editorial_labels_are_not_reports(fixture_report):
    r = fixture_report("not_reports_idiom_imperative_label")
    assert len(r.statements) == 3
    assert [a.cue.text for s in r.statements for a in s.attributions] == []


def test_a_prepositional_phrase_parsed_as_subject_speaks_for_no_one(fixture_report):
    # "In a message posted Friday": the parser made "message" the subject of "posted"
    atts = fixture_report("slip_phrase_as_subject").statements[0].attributions
    assert [(a.cue.text, a.source.text, a.embedded_in) for a in atts] == [("said", "Cruz", None)]


def test_inverted_reports_x_parsed_as_object_still_relays(fixture_report):
    # a real parse from the word-vector model: "reports" a VBZ advcl with Yonhap as its obj
    r = fixture_report("slip_reports_yonhap_as_object")
    reports = next(a for a in r.statements[0].attributions if a.cue.text == "reports")
    assert (reports.source.text, reports.pattern) == ("Yonhap", "surface")
    assert chain(r) == ["IANS", "Yonhap", "KCNA"]


def test_a_possessive_apostrophe_is_not_an_opening_quotation_mark():
    # "The soldiers' families said ...": no space before the "'", so the repair for an opening
    # quotation mark read as a possessive (slip_quote_read_as_possessive) leaves it alone
    from provenance.extract.repair import _quote_read_as_possessive
    from provenance.nlp.conllu import read_conllu

    rows = [("The", "the", "DET", "DT", 2, "det", "_"), ("soldiers", "soldier", "NOUN", "NNS", 4, "nmod:poss", "SpaceAfter=No"),
            ("'", "'s", "PART", "POS", 2, "case", "_"), ("families", "family", "NOUN", "NNS", 5, "nsubj", "_"),
            ("said", "say", "VERB", "VBD", 0, "root", "_"), ("the", "the", "DET", "DT", 7, "det", "_"),
            ("pay", "pay", "NOUN", "NN", 9, "nsubj", "_"), ("was", "be", "AUX", "VBD", 9, "cop", "_"),
            ("late", "late", "ADJ", "JJ", 5, "ccomp", "SpaceAfter=No"), (".", ".", "PUNCT", ".", 5, "punct", "_")]
    conllu = "# text = The soldiers' families said the pay was late.\n" + "".join(
        f"{i}\t{f}\t{lem}\t{u}\t{x}\t_\t{h}\t{d}\t_\t{m}\n" for i, (f, lem, u, x, h, d, m) in enumerate(rows, 1)) + "\n"
    _, parsed = read_conllu(conllu)
    assert _quote_read_as_possessive(parsed.sentences[0]) == {}
