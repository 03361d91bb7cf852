"""The tokenize postprocessor that rejoins sentence splits inside an attribution."""

from __future__ import annotations

from provenance.nlp.sentences import REPAIR, join_split_sentences


def test_title_split_from_its_name_is_rejoined_and_glued():
    sents = [["“", "Fine", ",", "”", "Rep", "."], ["Jane", "Roe", "said", "."]]
    assert join_split_sentences(sents) == [["“", "Fine", ",", "”", "Rep.", "Jane", "Roe", "said", "."]]


def test_title_token_with_its_stop_is_rejoined():
    assert join_split_sentences([["Ask", "Dr."], ["Smith", "."]]) == [["Ask", "Dr.", "Smith", "."]]


def test_quotation_closed_by_a_comma_is_rejoined():
    sents = [["“", "We", "won", ",", "”"], ["she", "said", "."]]
    assert join_split_sentences(sents) == [["“", "We", "won", ",", "”", "she", "said", "."]]


def test_question_mark_quotation_rejoined_only_before_a_lower_case_cue():
    asked = [["“", "Why", "?", "”"], ["he", "asked", "."]]
    assert join_split_sentences(asked) == [["“", "Why", "?", "”", "he", "asked", "."]]
    new = [["“", "Why", "?", "”"], ["The", "vote", "failed", "."]]
    assert join_split_sentences(new) == new


def test_ordinary_sentences_and_final_commas_are_left_alone():
    sents = [["It", "rained", "."], ["Hi", "all", ","], ["We", "met", "."]]
    assert join_split_sentences(sents) == sents
    # a title word that is not abbreviated ("Gen" as a name) needs its stop and a capital after it
    assert join_split_sentences([["Gen", "Z", "votes", "."]]) == [["Gen", "Z", "votes", "."]]


def test_a_three_part_name_split_before_its_short_last_syllable_is_rejoined():
    sents = [["Leader", "Kim", "Jong"], ["Un", "said", "so", "."]]
    assert join_split_sentences(sents) == [["Leader", "Kim", "Jong", "Un", "said", "so", "."]]
    # a headline in title case before a sentence opening with a short English word stays apart
    title = [["Kim", "Visits", "Farm"], ["In", "a", "statement", ",", "KCNA", "said", "so", "."]]
    assert join_split_sentences(title) == title
    # one capitalised word is not a name in progress
    assert join_split_sentences([["Reuters"], ["Ju", "said", "."]]) == [["Reuters"], ["Ju", "said", "."]]


def test_mwt_tokens_pass_through():
    sents = [["I", ("can't", True), "go", ",", "”"], ["he", "said", "."]]
    assert join_split_sentences(sents) == [["I", ("can't", True), "go", ",", "”", "he", "said", "."]]


def test_repair_can_be_switched_off_for_one_retry():
    sents = [["“", "No", ",", "”"], ["she", "said", "."]]
    with REPAIR.disabled():
        assert REPAIR(sents) == sents
    assert REPAIR(sents) == [["“", "No", ",", "”", "she", "said", "."]]


def test_a_passage_stanza_cannot_realign_is_parsed_without_the_repair():
    from provenance.nlp import parser

    seen: list[bool] = []

    class FakePipeline:
        def __call__(self, text: str) -> str:
            seen.append(REPAIR.enabled)
            if REPAIR.enabled:
                raise ValueError("Could not find word |Rep.| starting from char_offset 3")
            return "doc"

    assert parser._run(FakePipeline(), ["Rep . Roe said ."]) == ["doc"]
    assert seen == [True, False] and REPAIR.enabled


def test_curly_possessive_of_a_name_is_split():
    sents = [["on", "Trump’s", "claim"], ["the", ("Obama’s", True), "plan"]]
    assert join_split_sentences(sents) == [["on", "Trump", "’s", "claim"], ["the", "Obama", "’s", "plan"]]


def test_straight_apostrophe_possessive_is_split_too():
    assert join_split_sentences([["Pagliano's", "plan"]]) == [["Pagliano", "'s", "plan"]]


def test_be_contractions_the_expander_knows_are_left_to_it():
    sents = [[("It’s", True), "over", "."], [("That's", True), "it"], [("he’s", True), "here"]]
    assert join_split_sentences(sents) == sents


def test_possessive_of_a_common_noun_is_split():
    """The bundled expander returned "agency's" and "party’s" whole, as plural nouns: the
    owner is a word of its own, as the training data has it ("the agency's report said")."""
    sents = [["the", ("agency's", True), "report"], ["the", ("party’s", True), "paper"]]
    assert join_split_sentences(sents) == [["the", "agency", "'s", "report"], ["the", "party", "’s", "paper"]]
    kept = [[("Everything's", True), "fine"], [("there’s", True), "more"]]
    assert join_split_sentences(kept) == kept
