"""The extract stage for one sentence: every declared construction family, in its declared order.

This module knows no construction by name (stanza's ``Pipeline.process`` is the model: it
only loops over registered processors).  The families live in
``provenance/extract/constructions/`` and are ordered by ``provenance.extract.declare``.
"""

from __future__ import annotations

from provenance.extract.declare import ordered_families
from provenance.extract.grammar import Grammar
from provenance.extract.lemmas import with_lexicon_lemmas
from provenance.extract.lexicon import CueLexicon
from provenance.extract.mention import Extracted
from provenance.extract.nesting import link_nested, outer_first
from provenance.nlp.doc import Sentence


def extract_sentence(text: str, sent: Sentence, lex: CueLexicon, headline: bool = False) -> list[Extracted]:
    """All attributions of one sentence, outer ones first; ``embedded_in`` indexes the list.
    ``headline``: the sentence is the article's headline."""
    g = Grammar(text, with_lexicon_lemmas(sent, lex), lex, headline)
    trig_lemmas, trig_forms = lex.trigger_lemmas, lex.trigger_forms
    # (word, lower-case lemma, lower-case form) of the words some family starts from: most words start none
    words = []
    for w in g.sent.words:
        lemma, form = w.lemma.lower(), w.text.lower()
        if lemma in trig_lemmas or form in trig_forms:
            words.append((w, lemma, form))
    for fam in ordered_families():
        if fam.trigger.headline and not headline:
            continue
        if fam.trigger.sentence:
            fam.run(g)
            continue
        for v, lemma, form in words:
            if fam.starts_at(g, v, lemma, form):
                fam.run(g, v)
    link_nested(g.found, g.sent, g.lex.contradicting_verbs)
    return outer_first(g.found)
