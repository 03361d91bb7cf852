"""Wire-copy heads: page furniture, datelines in agency styles, the publisher from the dateline."""

from __future__ import annotations

import pytest

from provenance.ingest.boilerplate import load_boilerplate
from provenance.ingest.header import parse_dateline
from provenance.registry import Registry
from provenance.resolve.publisher import dateline_country

from provenance.ingest import article_from_text


def test_furniture_lines_are_blanked_and_never_the_headline() -> None:
    src = ("Go to Contents\n\nDrills to resume next month: Yonhap\n\nBy Kim Min-ji\n\n"
           "SEOUL, Oct. 10 (Yonhap) -- The drills will resume, the ministry said.\n\n"
           "Advertisement\n\n(Reporting by Jane Roe; Editing by John Poe)\n\n(END)\n")
    a = article_from_text(src)
    assert a.title is not None and a.title.text == "Drills to resume next month: Yonhap"
    assert a.publisher == "Yonhap" and a.byline == "Kim Min-ji"
    for furniture in ("Go to Contents", "Advertisement", "Reporting by", "(END)"):
        assert furniture not in a.text
    assert a.source_text == src  # offsets still point into the file


def test_boilerplate_needs_the_whole_line() -> None:
    bp = load_boilerplate()
    assert bp.matches("  Go to Contents ") and bp.matches("--IANS") and bp.matches("jmk/rsc")
    assert not bp.matches("Go to Contents of the report, the minister said.")
    assert not bp.matches("Related news")  # a trailer heading the sources reader needs


def test_credits_and_page_metadata_are_never_claims() -> None:
    src = ("Minsk plans a new metro line\n\n"
           "AFP | Minsk | Updated: 02-03-2024 10:12 IST | Created: 02-03-2024 09:58 IST\n\n"
           "Belarus will build a new metro line, BelTA reported.\n\n"
           '"Work starts in spring," BelTA quoted the mayor as saying. (Reporting by Ana Roe; Editing by Tom Poe)\n\n'
           "Writing by Ana Roe; Editing by Tom Poe\n")
    a = article_from_text(src)
    for furniture in ("Updated:", "Reporting by", "Writing by", "Editing"):
        assert furniture not in a.text
    assert "quoted the mayor as saying." in a.text  # the prose before an inline credit stays
    bp = load_boilerplate()
    assert not bp.matches("Reporting by the agency suggests the toll has risen.")
    assert not bp.matches("Kim hails the test | Asia | Reuters")
    assert bp.tail("The mayor (who took office in May) said so.") is None
    assert bp.tail('The work will go on, he added. (AFP)') is not None  # a wire's credit closing the paragraph
    assert bp.matches("(Reuters)")
    assert bp.tail("The deal was signed with the agency (AFP) in Paris.") is None


def test_a_line_of_names_before_the_dateline_is_the_byline() -> None:
    src = ("Minsk plans a new metro line\n\nAna Roe\n\n"
           "MINSK, March 3 (Reuters) - Belarus will build a new metro line, BelTA reported.\n")
    a = article_from_text(src)
    assert a.byline == "Ana Roe" and a.publisher == "Reuters" and "Ana Roe" not in a.text
    # a short line of names that no dateline follows is left to the body
    b = article_from_text("Minsk plans a new metro line\n\nAna Roe\n\nBelarus will build a line, BelTA said.\n")
    assert b.byline is None


def test_agency_datelines() -> None:
    d = parse_dateline("MOSCOW, December 5. /TASS/. The Kremlin said nothing.")
    assert d is not None and (d.place, d.date, d.outlet) == ("MOSCOW", "December 5", "TASS")
    d = parse_dateline("MOSCOW: Russian Railways will launch a train.")
    assert d is not None and d.place == "MOSCOW" and d.outlet is None
    assert parse_dateline("Moscow: the talks ended.") is None  # a place in capitals only
    d = parse_dateline("YANGON \u2022 The junta's media announced a ban.")  # a bullet after the place
    assert d is not None and d.place == "YANGON" and d.outlet is None


def test_a_wire_credit_with_no_place_is_the_dateline() -> None:
    d = parse_dateline("(Reuters) - The ministry warned papers on Wednesday.")
    assert d is not None and (d.place, d.outlet, d.end) == ("", "Reuters", 12)
    assert parse_dateline("(File photo) - The ministry warned papers.") is None
    assert parse_dateline("(Updated) - The ministry warned papers.") is None
    a = article_from_text("Ministry warns papers\n\n(Reuters) - The ministry warned papers on Wednesday.\n")
    assert a.publisher == "Reuters" and a.place is None


def test_a_place_in_capitals_on_a_line_of_its_own_is_the_dateline() -> None:
    d = parse_dateline("BEIJING\n\nAt least 11 people were killed.")
    assert d is not None and (d.place, d.outlet, d.own_line) == ("BEIJING", None, True)
    assert parse_dateline("UPDATE\n\nAt least 11 people were killed.") is None  # not a known place
    a = article_from_text("Quake kills 11 in China\n\nBEIJING\n\nAt least 11 people were killed, state media said.\n")
    assert a.place == "BEIJING" and "BEIJING" not in a.text  # blanked: no statement of its own


def test_a_headline_opening_with_a_country_and_a_colon_is_no_dateline() -> None:
    """"Russia: Two held over ..." as the first line is the headline (its "Russia:" a speaker or
    a topic), not a Gulf-style "Dubai: ..." dateline; the body's "MOSCOW --" is the dateline."""
    a = article_from_text("Russia: Two held over depot fire\n\nMOSCOW -- Two men have been held over a fire at a fuel depot, "
                          "investigators said.\n")
    assert a.title is not None and a.title.text == "Russia: Two held over depot fire"
    assert a.place == "MOSCOW"
    b = article_from_text("Dubai: A Saudi official has said the talks will resume.\n")
    assert b.place == "Dubai"  # a body line in the Gulf papers' style is still a dateline


def test_publisher_alias_resolved_by_the_dateline_country() -> None:
    registry = Registry.load()
    assert dateline_country("ANKARA", registry) == "TR"
    assert dateline_country("DAMASCUS, Syria", registry) == "SY"
    assert dateline_country(None, registry) is None


def test_a_dateline_on_a_line_of_its_own_under_the_headline() -> None:
    """"Damascus - MENA" as its own paragraph (Arab agencies' style) names the publisher; the same
    shape as the first line is a headline with its credit, never a dateline."""
    a = article_from_text("Army says engineers cleared mines near border\n\nDamascus - MENA\n\n"
                          "Army engineers cleared mines near the border on Sunday, SANA said.\n")
    assert a.publisher == "MENA" and a.place == "Damascus"
    assert "Damascus - MENA" not in a.text and a.text.lstrip().startswith("Army says")
    h = article_from_text("Kim Visits Moscow - KCNA\n\nKim arrived in Moscow on Monday, KCNA said.\n")
    assert h.title is not None and h.title.text == "Kim Visits Moscow - KCNA" and h.publisher is None
    assert parse_dateline("Damascus - MENA\n") is not None and parse_dateline("Damascus - the agency said\n") is None


def test_a_dated_dateline_on_a_line_of_its_own_names_the_publisher() -> None:
    """"Baku, September 27, AZERTAC" as its own paragraph (the agency's style): place, date and
    the agency's acronym, the body under it; a sentence that merely starts the same way is none."""
    a = article_from_text("Leader chaired meeting of council\n\nBaku, September 27, AZERTAC\n\n"
                          "The president chaired a meeting of the council on Monday.\n")
    assert a.publisher == "AZERTAC" and a.place == "Baku"
    assert "September 27, AZERTAC" not in a.text
    assert parse_dateline("Baku, September 27, the agency said the talks ended.\n") is None


def test_a_dateline_of_full_stops_and_a_slash_names_the_publisher() -> None:
    """"Baku. 27 June. REPORT.AZ/" (Azerbaijani agencies' style): place, date and outlet, the
    body right after the slash."""
    text = 'Baku. 27 June. REPORT.AZ/ "We will not allow it," the president said.'
    d = parse_dateline(text)
    assert d is not None and (d.place, d.date, d.outlet) == ("Baku", "27 June", "REPORT.AZ")
    assert text[d.end:].startswith('"We will')
    plain = parse_dateline("Baku. 27 June. The president said the talks were over.")
    assert plain is None or plain.outlet is None  # no slash: no outlet


def test_an_outlet_and_a_slash_opening_the_body_names_the_publisher() -> None:
    """"Shafaq News / The command said ..." (an outlet's name, a slash, the body): the publisher,
    when the name ends in a kind word or is an acronym; "Iran / Iraq border ..." is no credit."""
    text = "Shafaq News / The command said on Saturday that the police were in charge."
    d = parse_dateline(text)
    assert d is not None and (d.place, d.outlet) == ("", "Shafaq News") and text[d.end:].startswith("The command")
    assert parse_dateline("Iran / Iraq border crossings reopened on Saturday.") is None


def test_two_wires_credited_in_one_dateline_the_first_publishes() -> None:
    text = "ALMATY (AFP, REUTERS) \u2013 The president said the border was open."
    d = parse_dateline(text)
    assert d is not None and (d.place, d.outlet) == ("ALMATY", "AFP") and text[d.end:].startswith("The president")
    d = parse_dateline("(AFP, Reuters) - The president said the border was open.")
    assert d is not None and (d.place, d.outlet) == ("", "AFP")
    a = article_from_text("Border open, president says\n\n" + text + "\n")
    assert a.publisher == "AFP" and "ALMATY (AFP, REUTERS)" not in a.text  # blanked: no speaker


def test_agency_after_a_comma_is_the_dateline_outlet() -> None:
    """IRNA's style: "Tehran, IRNA –" and "Tehran, Aug 21, IRNA –"; "WASHINGTON, DC —" stays a place."""
    for text, date in (("Tehran, IRNA – Iran said it would respond.", None),
                       ("Tehran, Aug 21, IRNA – Iran said it would respond.", "Aug 21")):
        d = parse_dateline(text)
        assert d is not None and (d.place, d.date, d.outlet) == ("Tehran", date, "IRNA")
        assert text[d.outlet_start:d.outlet_end] == "IRNA" and text[d.end:].startswith("Iran said")
    d = parse_dateline("WASHINGTON, DC — The president said.")
    assert d is not None and d.outlet is None and d.place == "WASHINGTON, DC"


def test_agency_after_a_full_stop_is_the_dateline_outlet() -> None:
    """Kazinform's style: "ASTANA. KAZINFORM - ..." (place, full stop, agency, all capitals);
    a place alone in capitals before a dash stays a place."""
    text = "ASTANA. KAZINFORM - The president said relations were good."
    d = parse_dateline(text)
    assert d is not None and (d.place, d.outlet) == ("ASTANA", "KAZINFORM")
    assert text[d.outlet_start:d.outlet_end] == "KAZINFORM" and text[d.end:].startswith("The president")
    d = parse_dateline("ASTANA - The president said relations were good.")
    assert d is not None and d.outlet is None and d.place == "ASTANA"


def test_a_known_place_and_a_full_stop_open_the_first_paragraph() -> None:
    """"Hanoi. Floods have cut ...": a known place and a full stop is a dateline; a word that is no
    known place is the story's own first sentence ("Floods. They came at night.")."""
    text = "Hanoi. Floods have cut off three villages in the north."
    d = parse_dateline(text)
    assert d is not None and d.place == "Hanoi" and d.outlet is None and text[d.end:].startswith("Floods")
    assert parse_dateline("Floods. They came at night and cut the road.") is None


@pytest.mark.parametrize(("text", "place"), [
    ("Dubai: A Saudi Foreign Ministry official has said that the report was false.", "Dubai"),
    ("Abu Dhabi: The ministry said on Monday that talks would resume.", "Abu Dhabi"),
    ("Lahore: The party chief said on Tuesday he would be sworn in next week.", "Lahore"),
    ("Sources: The talks have stalled.", None), ("Kim: We will not stop.", None),
])
def test_a_place_before_a_colon_in_mixed_case_opens_the_lede(text: str, place: str | None) -> None:
    """Gulf and South Asian papers write the dateline as "Dubai: ...", "Lahore: ..." (a place
    the registry's country list names, with its dateline ``cities``); a label ("Sources:") or a
    speaker ("Kim:") is not a place."""
    d = parse_dateline(text)
    assert (d.place if d else None) == place


@pytest.mark.parametrize(("text", "place"), [
    ("Kabul, Afghanistan - The ministry said the road was open.", "Kabul, Afghanistan"),
    ("Caracas, Venezuela – The government said talks would go on.", "Caracas, Venezuela"),
    ("Smith, Jones - The study says prices rose.", None),
])
def test_a_place_and_its_country_in_mixed_case_before_a_dash_open_the_lede(text: str, place: str | None) -> None:
    """"Kabul, Afghanistan - ..." (a known place and a known country, then a dash) is a dateline;
    two names that are no places are not."""
    d = parse_dateline(text)
    assert (d.place if d else None) == place


def test_a_headline_may_end_in_initials() -> None:
    """"... talks with U.S." ends in the full stop of initials, not of a sentence: still a headline;
    so is a line in title case whose quotation ends in a full stop; a line ending in a sentence's
    full stop is not."""
    a = article_from_text("Farm lobby seeks grain quota talks with U.S.\n\nThe lobby said talks would help.\n")
    assert a.title is not None and a.title.text == "Farm lobby seeks grain quota talks with U.S."
    b = article_from_text("The paper said talks ended.\n\nThe paper said more.\n")
    assert b.title is None
    c = article_from_text("Minister Says “Border Talks Will Resume Next Month.”\n\nThe minister told the agency so.\n")
    assert c.title is not None and c.title.text.startswith("Minister Says")
