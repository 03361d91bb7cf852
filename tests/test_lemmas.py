"""Lexicon lemmas for verb forms the dictionary lemmatizer left unchanged."""

from __future__ import annotations

from provenance.extract.lemmas import lexicon_lemma

KNOWN = frozenset({"insist", "note", "admit", "testify", "say", "cite", "argue"})


def test_regular_inflections_of_lexicon_verbs_get_their_lemma():
    assert lexicon_lemma("insisted", "insisted", KNOWN) == "insist"
    assert lexicon_lemma("Noted", "Noted", KNOWN) == "note"
    assert lexicon_lemma("admitting", "admitting", KNOWN) == "admit"
    assert lexicon_lemma("admitted", "admitted", KNOWN) == "admit"
    assert lexicon_lemma("testifies", "testifies", KNOWN) == "testify"
    assert lexicon_lemma("citing", "citing", KNOWN) == "cite"
    assert lexicon_lemma("argues", "argues", KNOWN) == "argue"


def test_known_lemmas_and_other_words_are_left_alone():
    assert lexicon_lemma("said", "say", KNOWN) == "say"  # the lemmatizer knew it
    assert lexicon_lemma("noted", "notice", KNOWN) == "notice"  # the parser's lemma wins
    assert lexicon_lemma("walked", "walked", KNOWN) == "walked"  # not a lexicon verb
    assert lexicon_lemma("notes", "notes", frozenset()) == "notes"
