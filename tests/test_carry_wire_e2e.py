"""End to end with the bundled model: wire-copy carry rules that need the article's paragraphs
(a fixture's sentences are one paragraph, so these are read from text)."""

from __future__ import annotations

import json

import pytest

from provenance.cli.main import main

pytestmark = pytest.mark.model

FLOATING = """Envoy says talks will go on

TEHRAN, June 2 (Reuters) - Talks on the grain deal will continue next week, Ambassador Leila Farrokhi was quoted by IRNA as saying on Sunday.

Farrokhi linked the delay to technical problems at the port.

"The experts need more time. We are not in a hurry."
"""


def _report(tmp_path, text: str) -> dict:
    src = tmp_path / "article.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "article.json"
    assert main(["check", str(src), "--format", "json", "--output", str(out), "--fail-on", "never", "-q"]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_quotation_standing_alone_is_the_speaker_the_sentence_before_names(tmp_path):
    """'"The experts need more time."' in a paragraph of its own, after "Farrokhi linked the
    delay to ...": Farrokhi's words, quoted through IRNA as before (no QUO402)."""
    report = _report(tmp_path, FLOATING)
    quote = next(s for s in report["statements"] if s["text"].startswith('"The experts'))
    assert [link["name"] for link in quote["chain"]][-2:] == ["IRNA", "Leila Farrokhi"]
    assert quote["state_media_only"] is True
    assert not [f for f in report["findings"] if f["code"] == "QUO402"]


def test_a_dateline_in_capitals_gives_the_storys_country(tmp_path):
    """"AMMAN:" puts the story in Jordan: "the state news agency Petra" is Jordan's agency,
    not the ancient city."""
    report = _report(tmp_path, "Minister warns on water use\n\nAMMAN: The water minister called on "
                               "farmers to cut water use by a fifth, the state news agency Petra reported.\n")
    lede = report["statements"][1]
    assert any(link["name"] == "Jordan News Agency" for link in lede["chain"])


DECREE = """Emir dissolves parliament

KUWAIT CITY, March 3 (Reuters) - The emir issued a decree on Monday dissolving parliament, the Kuwait News Agency (KUNA) reported.

The decree sets new elections within two months.

The order also calls for a review of the electoral law.

The decree did not say when the review would end.
"""


def test_a_document_met_again_speaks_through_the_outlet_that_reported_it(tmp_path):
    """"The decree sets ..." in a paragraph of its own, after KUNA reported the decree: what the
    decree says reached the article through KUNA; "The order also calls for" speaks through
    KUNA too; "did not say" is the reporter's aside."""
    report = _report(tmp_path, DECREE)
    sets, order, aside = report["statements"][2:5]
    assert sets["text"].startswith("The decree sets") and sets["state_media_only"] is True
    assert "Kuwait News Agency" in [link["name"] for link in sets["chain"]]
    assert order["text"].startswith("The order") and order["state_media_only"] is True
    assert aside["text"].startswith("The decree did not say") and aside["state_media_only"] is False


CREDITED = """Belarus charges 15 over fuel smuggling: report

MINSK, May 7 (Reuters) - Belarusian prosecutors on Tuesday charged 15 people with smuggling fuel across the border, the state news agency BelTA reported.

In Grodno police detained six suspects at a depot.

The government accuses the network of costing the budget millions.

Lawyers for the suspects did not immediately comment.
"""


@pytest.mark.parametrize("headline, carried", [("Belarus charges 15 over fuel smuggling: report", True),
                                               ("Belarus charges 15 over fuel smuggling", False)])
def test_an_article_credited_to_a_state_outlet_retells_its_report(tmp_path, headline, carried):
    """Under a headline that credits the story to a state outlet (": report", resolved to the
    BelTA report the lede cites), a paragraph of event narration in the simple past ("In Grodno
    police detained six suspects") goes on with that report; background in the present and the
    reporter's asides do not. Without the credit the paragraph break ends the carry."""
    report = _report(tmp_path, CREDITED.replace("Belarus charges 15 over fuel smuggling: report", headline))
    by_start = {s["text"].split()[1]: s for s in report["statements"]}
    assert by_start["Grodno"]["state_media_only"] is carried
    assert by_start["government"]["state_media_only"] is False
    assert by_start["for"]["state_media_only"] is False


ACTOR = """Court jails seven over arms sales

BEIJING, May 7 (Reuters) - A provincial court on Tuesday sentenced seven men to prison for selling weapons, the official Xinhua news agency reported.

The Hengshan court ordered the seizure of their property. It fined the men a total of two million yuan. The country has executed thousands for such crimes.

The court jailed two of the men in March for theft.

Police arrested a further suspect at a depot.
"""

DECREES = """King names new security chief

RIYADH (Reuters) - King Faisal issued a decree on Thursday creating a border agency, the state news agency SPA said.

He appointed Khaled al-Omari as head of the stock exchange.

Officials opened the agency's first office on Thursday.
"""


def test_the_actor_of_a_state_outlets_account_goes_on_with_it(tmp_path):
    """A paragraph whose subject is the actor of what the state outlet reported ("A provincial
    court sentenced ... / The Hengshan court ordered ...", "King Faisal issued ... / He appointed
    ...") tells more of that account; a sentence with a month or a year ("in March")
    is older news, another subject ("Police arrested ...") is not the account's, and the present
    perfect two sentences after the carried one is still background (the report it rests on
    was in the past)."""
    report = _report(tmp_path, ACTOR)
    by_start = {" ".join(s["text"].split()[:2]): s for s in report["statements"]}
    assert by_start["The Hengshan"]["state_media_only"] is True
    assert "Xinhua" in [link["name"] for link in by_start["The Hengshan"]["chain"]]
    assert by_start["It fined"]["state_media_only"] is True
    assert by_start["The country"]["state_media_only"] is False
    assert by_start["The court"]["state_media_only"] is False
    assert by_start["Police arrested"]["state_media_only"] is False
    report = _report(tmp_path, DECREES)
    by_start = {" ".join(s["text"].split()[:2]): s for s in report["statements"]}
    assert by_start["He appointed"]["state_media_only"] is True
    assert by_start["Officials opened"]["state_media_only"] is False


AUTHORITY = """Emir creates water authority

DOHA (Reuters) - Qatar's emir issued a decree on Monday creating a national water authority, the state news agency QNA said.

The authority, to be chaired by engineer Saad Rahimi, would run the desalination plants, QNA said.

Municipal utilities would report to the new body.

The emir also issued a decree on Monday naming a new planning minister.

It would be the first such body in the region.

An authority in Bahrain issued a similar decree.
"""


def test_a_state_outlets_account_goes_on_in_its_future_and_with_an_earlier_actor(tmp_path):
    """"Municipal utilities would report to ..." right after QNA's account is that account's future
    (reported speech shifted back); "The emir also issued ..." goes on with the actor of the
    account two statements back (QNA's accounts in a row are one account); "It would be the
    first ..." is the reporter's comment, and "An authority in Bahrain" is not the account's
    authority."""
    report = _report(tmp_path, AUTHORITY)
    by_start = {" ".join(s["text"].split()[:2]): s for s in report["statements"]}
    assert by_start["Municipal utilities"]["state_media_only"] is True
    assert by_start["The emir"]["state_media_only"] is True
    assert by_start["It would"]["state_media_only"] is False
    assert by_start["An authority"]["state_media_only"] is False  # "an": someone new, not the account's actor


HEIR = """Emir names new cabinet chief

DUBAI, United Arab Emirates (AP) - The emir on Sunday picked a new prime minister, a month after dissolving parliament.

Sheikh Fahad Al Salem will head the new cabinet, the state-run KUNA news agency reported.

Sheikh Fahad, 64, previously served as oil minister.
"""


def test_an_agency_credited_after_the_lede_and_a_former_post_as_background(tmp_path):
    """The lede states the news flatly and the next sentence credits KUNA (read although the parser
    hung "reported" on the agency as a participle): the lede rests on KUNA; "previously served"
    is background in the reporter's voice, not more of KUNA's account."""
    report = _report(tmp_path, HEIR)
    by_start = {" ".join(s["text"].split()[:2]): s for s in report["statements"]}
    assert by_start["The emir"]["state_media_only"] is True
    assert by_start["Sheikh Fahad"]["state_media_only"] is True
    assert by_start["Sheikh Fahad,"]["state_media_only"] is False


BETWEEN = """Emirates jails nine men over arms plot

ABU DHABI, May 4 (Reuters) - The official news agency WAM quoted the interior ministry as saying in a statement that nine men were sentenced in Abu Dhabi on Tuesday.

The charges included smuggling weapons and forming a cell.

The ministry added that the verdicts were final.

The Gulf state has jailed dozens of people on security charges since 2013.
"""


def test_a_sentence_between_two_statements_of_one_state_account_is_that_account(tmp_path):
    """A paragraph with no attribution between two of one outlet's statements from one origin
    (WAM quoting the ministry, then the ministry again) goes on with that account; background
    after it ("since 2013") stays the reporter's."""
    statements = _report(tmp_path, BETWEEN)["statements"]
    between = next(s for s in statements if s["text"].startswith("The charges included"))
    assert between["state_media_only"] is True and between["carried"] is True
    background = next(s for s in statements if s["text"].startswith("The Gulf state"))
    assert background["state_media_only"] is False


CUT_HEADLINE = """Rocket Attack Near Airport Kills Two: State Media

DAMASCUS (Reuters) - Two people were killed on Wednesday. Rescue work went on into the night, the state news agency SANA reported.
"""


def test_a_headline_the_splitter_cut_mid_line_is_one_statement_with_its_credit(tmp_path):
    """The bundled splitter ends a "sentence" after "Kills" (no punctuation, the next word on
    the same line): the headline is one statement, credited to the state media it names."""
    report = _report(tmp_path, CUT_HEADLINE)
    head = report["statements"][0]
    assert head["text"] == "Rocket Attack Near Airport Kills Two: State Media"
    assert head["state_media_only"] is True and not head["carried"]
    assert report["statements"][1]["text"] == "Two people were killed on Wednesday."


def test_a_name_the_splitter_cut_mid_line_is_one_name(tmp_path):
    """"The Jakarta | Post said ...", "Interior Secretary Ramon | Cruz ordered ...": the cut-off
    front of a name is part of it; the paper is a paper (its city is no speaker), and the
    secretary's order is no report."""
    report = _report(tmp_path, "Flights cancelled as storm nears\n\nThe Jakarta Post said about 80 flights were "
                               "cancelled. Interior Secretary Ramon Cruz ordered officials to evacuate villages.\n")
    paper, order = report["statements"][1], report["statements"][2]
    assert paper["text"].startswith("The Jakarta Post said")
    assert paper["chain"][-1]["name"] == "Jakarta Post" and paper["verdict"] == "unresolved"
    assert order["text"].startswith("Interior Secretary Ramon Cruz") and order["attributions"] == []


def test_a_month_abbreviation_the_splitter_took_for_a_full_stop_keeps_its_day(tmp_path):
    """The bundled splitter ends a sentence after "Feb." and makes "15." one of its own: the
    day belongs to the sentence, which is one statement with its credit."""
    report = _report(tmp_path, "Rostami rejects US remarks\n\nNavy commander Ali Rostami rejected the remarks of US "
                               "officials, the Tasnim news agency reported on Feb. 15. He spoke in Tehran.\n")
    texts = [s["text"] for s in report["statements"]]
    assert texts[1].endswith("reported on Feb. 15.") and "15." not in texts[2:]
    assert report["statements"][1]["state_media_only"] is True
