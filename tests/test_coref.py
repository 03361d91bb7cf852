"""Coreference of reporting-verb subjects: one hand-parsed CoNLL-U fixture per rule of
provenance/resolve/entities.py (the GUM figure is in docs/accuracy.md, from
scripts/eval_coref.py)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from provenance.extract.mention import Mention
from provenance.nlp.conllu import read_conllu
from provenance.registry import Registry
from provenance.report import Attribution, Report, TextSpan
from provenance.resolve.entities import Resolution, Resolver
from provenance.resolve.words import load_coref_words


def _source(report: Report, statement: int, cue: str = "said") -> Attribution:
    return next(a for a in report.statements[statement].attributions if a.cue.text == cue)


def _resolve_word(name: str, sentence: int, word: int) -> Resolution:
    """Walk the fixture as the pipeline does and resolve one word as a source mention."""
    text, parsed = read_conllu((FIXTURES / f"{name}.conllu").read_text(encoding="utf-8"))
    resolver = Resolver(text, parsed, Registry.load(), [])
    for sent in parsed.sentences:
        if sent.index == sentence:
            w = sent.word(word)
            mention = Mention(span=TextSpan(text=w.text, start=w.start, end=w.end), sentence=sent.index,
                              head=w.id, head_lemma=w.lemma.lower(), upos=w.upos, is_pronoun=w.upos == "PRON")
            return resolver.resolve(mention)
        resolver.observe_sentence(sent)
    raise AssertionError("no such sentence")


def test_he_and_she_agree_in_gender(fixture_report):
    # "Minister Olga Lyubimova met President John Smith ... He said ... She said"
    r = fixture_report("coref_gender")
    he, she = _source(r, 1).source, _source(r, 2).source
    assert he is not None and he.name == "John Smith" and he.match == "antecedent"
    assert she is not None and she.name == "Olga Lyubimova" and she.match == "antecedent"


def test_the_subject_is_more_salient_than_the_object(fixture_report):
    # "Ambassador Pak Ki-nam met Ri Son-gwon on Monday. He said ...": neither name has a
    # known gender; the subject wins
    src = _source(fixture_report("coref_salience"), 1).source
    assert src is not None and src.name == "Pak Ki-nam"


def test_it_is_an_organisation_and_they_a_plural_noun_for_people(fixture_report):
    # "Mr. Tan met residents near the plant, and KCNA covered the visit. It said ... They said ..."
    r = fixture_report("coref_it_they")
    it, they = _source(r, 1).source, _source(r, 2).source
    assert it is not None and it.name == "KCNA" and it.source_class == "state_controlled"
    # a common noun names nobody: the source keeps its own words, the antecedent says who
    assert they is not None and they.match == "antecedent"
    assert they.antecedent is not None and they.antecedent.text == "residents"


def test_a_pronoun_never_points_back_to_a_title_less_common_noun():
    # "The meeting lasted two hours. It said nothing ...": "the meeting" is not a speaker
    res = _resolve_word("coref_common_noun", 1, 1)
    assert res.match == "unresolved"


def test_the_paper_is_a_newspaper_and_the_agency_a_news_agency(fixture_report):
    # "KCNA said ..., and the Rodong Sinmun printed a map. The agency said ... The paper said ..."
    r = fixture_report("coref_paper")
    agency, paper = _source(r, 1).source, _source(r, 2).source
    assert agency is not None and agency.name == "KCNA"
    assert paper is not None and paper.name == "Rodong Sinmun"


def test_an_unknown_paper_never_inherits_the_agency_named_before(fixture_report):
    # "KCNA said ... The paper said ...": no newspaper was named; the paper is not KCNA
    src = _source(fixture_report("coref_unknown_paper"), 1).source
    assert src is not None and src.name != "KCNA" and src.source_class == "unknown"


def test_we_inside_a_quotation_is_the_quotations_speaker():
    # '"We will respond," said the minister, Choe Son-hui.' after a sentence about Kim Yo-jong
    res = _resolve_word("coref_quote_speaker", 1, 2)
    assert res.match == "antecedent"
    assert res.entity.name == "Choe Son-hui"


def test_a_definite_description_points_back_to_the_same_or_a_synonymous_head(fixture_report):
    # "A study by the institute found ... The report said ...": study and report are listed
    # together in rules/coref.yaml
    src = _source(fixture_report("coref_definite_same_head"), 1).source
    assert src is not None and src.match == "antecedent" and src.name == "The report"
    assert src.antecedent is not None and src.antecedent.text.startswith("study")


def test_gender_and_noun_lists_load_from_the_rules():
    words = load_coref_words()
    assert words.gender_of_word("spokeswoman") == "f"
    assert words.gender_of_word("Mr.") == "m"
    assert "report" in words.synonyms("study")
    assert words.head_kinds["paper"] == frozenset({"newspaper"})


def test_he_or_she_may_point_back_to_a_common_noun_for_a_person(fixture_report):
    # "The doctor examined the boy for an hour. She said ...": not the boy (male), the doctor
    src = _source(fixture_report("coref_people_noun"), 1).source
    assert src is not None and src.match == "antecedent"
    assert src.antecedent is not None and src.antecedent.text == "doctor"


def test_they_may_point_back_to_a_collective_noun(fixture_report):
    # "The family of the missing sailor met the governor on Friday. They said ..."
    src = _source(fixture_report("coref_they_collective"), 1).source
    assert src is not None and src.match == "antecedent"
    assert src.antecedent is not None and src.antecedent.text.startswith("family")


def test_the_narrators_i_outside_a_quotation_is_nobody_named(fixture_report):
    # "Mayor Ana Ortiz spoke ... I asked her about the budget, and she said ...": "I" is the
    # writer, not the mayor; "she" still is
    assert _resolve_word("coref_narrator_i", 1, 1).match == "unresolved"
    src = _source(fixture_report("coref_narrator_i"), 1).source
    assert src is not None and src.name == "Ana Ortiz"


def test_a_definite_description_may_point_back_within_its_sentence(fixture_report):
    # "There is a woman at the gate, and the woman says ..."
    src = _source(fixture_report("coref_same_sentence_definite"), 0, "says").source
    assert src is not None and src.match == "antecedent"
    assert src.antecedent is not None and src.antecedent.text.startswith("woman")


def test_an_indefinite_outlet_is_a_new_one(fixture_report):
    # "Iranian state television reported ... A British maritime agency said ...": not Iran's
    # state television
    src = _source(fixture_report("coref_indefinite_outlet"), 1).source
    assert src is not None and src.match == "unresolved" and src.source_class == "unknown"


def test_a_bracketed_acronym_is_a_name_token() -> None:
    from provenance.resolve.entities import _name_tokens

    assert {"partido", "verde", "pv2"} <= _name_tokens("Partido Verde 2 (PV2)")


def test_they_may_point_back_to_a_plural_name(fixture_report):
    # "The Moravians settled in the valley long ago. They say ..."
    src = _source(fixture_report("coref_they_plural_name"), 1, "say").source
    assert src is not None and src.match == "antecedent" and src.name == "Moravians"


def test_it_points_back_to_a_thing_that_carries_words(fixture_report):
    # "Workers hung a banner over the factory gate on Monday. It said ..."
    src = _source(fixture_report("coref_it_text_noun"), 1).source
    assert src is not None and src.match == "antecedent"
    assert src.antecedent is not None and src.antecedent.text == "banner"


def test_the_city_points_back_to_the_place_named_before(fixture_report):
    # "Tourists flock to Lindhaven every summer. The city says ..."
    src = _source(fixture_report("coref_place_noun"), 1, "says").source
    assert src is not None and src.match == "antecedent" and src.name == "Lindhaven"


def test_those_people_point_back_to_people_named_by_another_plural_noun(fixture_report):
    # "The farmers and the fishermen met in the square. Those people say ..."
    src = _source(fixture_report("coref_group_head"), 1, "say").source
    assert src is not None and src.match == "antecedent"
    assert src.antecedent is not None and src.antecedent.text == "farmers"


def test_a_pronoun_before_the_subject_points_forward_to_it():
    # "Wang Yi arrived in Moscow on Monday. After his talks with Ri Son-gwon, Sergei Lavrov said
    # ...": "his" is Lavrov's, not Wang Yi's
    res = _resolve_word("coref_cataphora", 1, 2)
    assert res.match == "antecedent" and res.entity.name == "Sergei Lavrov"


def test_we_in_a_quotation_the_writer_speaks_is_nobody_named():
    # 'Mayor Ana Ortiz arrived an hour late. "We cannot wait any longer," I told her.': the writer
    # speaks the quotation, so "We" is not the mayor
    assert _resolve_word("coref_writer_quotation", 1, 2).match == "unresolved"


def test_a_subject_pronoun_is_not_a_name_in_its_own_clause(fixture_report):
    # "For Peter Walsh, a fisherman in Lindhaven, Omar Haddad was a hero. He said Haddad had
    # saved the harbour ...": Haddad is named inside the clause "He" governs, so He is Walsh
    src = _source(fixture_report("coref_name_in_clause"), 1).source
    assert src is not None and src.match == "antecedent" and src.name == "Peter Walsh"


def test_they_may_be_a_state_named_just_before(fixture_report):
    # "The new pipeline angered Russia. On Monday, they said ...": no people or
    # organisation nearby, so the state (its government)
    src = _source(fixture_report("coref_they_country"), 1).source
    assert src is not None and src.name == "Government of Russia" and src.match == "antecedent"


# Antecedents this session's rules find (each fixture's text in its comment):
ANTECEDENTS = [
    # "When someone calls the hotline, they say the office never answers."
    pytest.param("coref_they_someone", 0, "say", "someone", id="singular-they-someone"),
    # "A local company bought the land last year, and they say the sale was legal."
    pytest.param("coref_they_company", 0, "say", "local company", id="they-a-company"),
    # "The Dorran Assembly named three managers ... The Assembly managers said ...": the
    # managers named before, not the Assembly
    pytest.param("coref_people_same_head", 1, "said", "three managers", id="people-named-again"),
    # "A regional water board tested the river in May. The board team says ..."
    pytest.param("coref_group_of_body", 1, "says", "regional water board", id="group-of-a-body"),
    # "The study's authors said ... printed in the Coastal Medical Journal ... Schools have not
    # changed the menus. They said ...": the authors spoke, the journal was only named
    pytest.param("coref_speaker_goes_on", 3, "said", "study's authors", id="someone-who-spoke"),
]


@pytest.mark.parametrize("fixture,statement,cue,antecedent", ANTECEDENTS)
def test_the_source_points_back_to(fixture_report, fixture, statement, cue, antecedent):
    src = _source(fixture_report(fixture), statement, cue).source
    assert src is not None and src.match == "antecedent"
    assert src.antecedent is not None and src.antecedent.text == antecedent


def test_a_pronoun_is_not_someone_named_in_the_quotation_it_speaks(fixture_report):
    # 'Ambassador Reza Karimi arrived in Vienna on Monday. "Peter Hall is wrong about our
    # enrichment work," he said.': he speaks of Hall, so he is Karimi
    src = _source(fixture_report("coref_not_in_own_quotation"), 1).source
    assert src is not None and src.name == "Reza Karimi"


def test_the_newspaper_is_the_outlet_a_description_identified(fixture_report):
    # "..., the ruling Communist Party newspaper Granma said. ..., the newspaper said": the
    # registry's Granma, with its class, not a name-only Granma of unknown class
    src = _source(fixture_report("coref_the_newspaper_after_described_outlet"), 1).source
    assert src is not None and src.name == "Granma" and src.source_class == "state_controlled"


def test_a_title_case_headline_gives_no_names_to_point_back_to():
    # "he" never resolves to "Smuggling Wave" of "Port Guards Step Up Patrols to Counter Smuggling Wave"
    from provenance.nlp.conllu import read_conllu
    from provenance.resolve.entities import _title_case

    def sentence(words: str):
        rows = "\n".join(f"{i}\t{w}\t{w}\tPROPN\tNNP\t_\t0\tdep\t_\t_" for i, w in enumerate(words.split(), 1))
        return read_conllu(f"# text = {words}\n{rows}\n\n")[1].sentences[0]

    assert _title_case(sentence("Port Guards Step Up Patrols to Counter Smuggling Wave"))
    assert not _title_case(sentence("The harbour police said Oleg Marin would speak on Tuesday"))
    assert not _title_case(sentence("Oleg Marin said"))  # too short to tell
