"""The one quotation module: every stage honours the same marks (guillemets included)."""

from __future__ import annotations

from provenance.extract.spans import quote_regions
from provenance.quotes import balance, headline_quotations, opens_as_close, quote_balance, quote_spans, text_blocks


def test_guillemets_pair_like_curly_quotes() -> None:
    text = "Lavrov said «the talks are over» on Monday."
    bal = balance(text, 0, len(text))
    assert bal.balanced and bal.spans == ((12, 32),)
    assert quote_spans(text, text_blocks(text)) == [(12, 32)]
    assert quote_regions(text, 0, len(text)) == [(12, 32)]


def test_mixed_marks_do_not_close_each_other() -> None:
    text = "He said “the talks» ended."
    bal = balance(text, 0, len(text))
    assert not bal.balanced


def test_sentence_balance_counts_every_paired_mark() -> None:
    assert quote_balance("«We will respond.") == 1
    assert quote_balance("Nothing else matters,» he said.") == -1
    assert quote_balance('"We will respond."') == 0
    assert quote_balance("“We will respond.") == 1


def test_headline_quotations_in_single_marks_and_not_apostrophes() -> None:
    assert headline_quotations("Strikes hit unit 'that housed militia'") == ["that housed militia"]
    assert headline_quotations("N. Korea's Kim calls Seoul's plan 'a farce'") == ["a farce"]
    assert headline_quotations("Kim calls drills \u201crehearsal for invasion\u201d") == ["rehearsal for invasion"]
    assert headline_quotations("Russia's envoy says talks are over") == []


def test_a_closing_mark_set_where_a_quotation_opens_opens_it():
    """Copy typed with ”…” at both ends: a ” after a space (or at the start) and before a letter
    opens the quotation; a ” after a word still closes one."""
    text = "\u201dThe pumps were old,\u201d a miner said."
    bal = balance(text, 0, len(text))
    assert bal.balanced and bal.spans == ((0, 21),)
    assert opens_as_close(text, 0) and not opens_as_close(text, 20)
    assert quote_balance("\u201dNobody checked the pumps.") == 1
    assert quote_balance("Nobody checked the pumps.\u201d") == -1
