"""The headline's rules of carried attribution: which body sentence a headline rests on, and
whether it credits the story to a state outlet (used by ``chain.carry.statement_chains``)."""
from __future__ import annotations

import re

from provenance.chain.build import SPEAKER_CLASSES, StatementChain, is_state_itself
from provenance.chain.paths import WORDS, state_media_only_paths, through_media
from provenance.nlp.doc import ParsedDocument
from provenance.quotes import headline_quotations
from provenance.report import Attribution

HEADLINE_CREDIT_WINDOW = 3  # sentences after a headline credited to "Daily" that may name the outlet
def headline_told_by_lede(head: StatementChain | None, lede: StatementChain | None) -> bool:
    """"Russia says it downed drones" over "Russia's Defence Ministry said ...": a state speaking
    in the headline is the lede's official speaker of that state, through whatever channel the
    lede names or was credited with after it (none, "told Reuters", "..., TASS reported"), not
    the state outlet the article cites elsewhere."""
    if head is None or lede is None or not lede.paths:
        return False
    speakers = [p[-1] for p in head.paths if p]
    if not speakers or not all(is_state_itself(n) for n in speakers):
        return False
    country = speakers[0].country
    return all(p and p[-1].source_class in SPEAKER_CLASSES and p[-1].country == country for p in lede.paths)


def topic_before_colon(head_atts: list[Attribution], body_atts: list[list[Attribution]]) -> bool:
    """"Harvest Festival: Laos frees 300 prisoners", "Graft: ex-governor gets ten years": a headline
    whose only attribution is a colon after a name no one could identify, which speaks nowhere
    in the body, is a topic and its story, not a speaker: the headline sums up its lede."""
    if not head_atts or not all(a.pattern == "speaker-colon" and a.source is not None
                                and a.source.source_class == "unknown" and a.source.entity_id is None
                                for a in head_atts):
        return False
    names = {w.lower() for a in head_atts if a.source is not None for w in WORDS.findall(a.source.text)}
    return not any(names & {w.lower() for w in WORDS.findall(b.source.text)}
                   for atts in body_atts for b in atts if b.source is not None)


GENERIC_CREDITS = frozenset({"daily", "paper", "newspaper", "agency", "media", "report", "reports", "television",
                             "tv", "broadcaster", "radio", "wire"})


def generic_headline_credit(head: StatementChain | None) -> bool:
    """"... ideals: Daily", "China paper blasts report": a headline credited to an outlet named
    only by its kind, which no one could identify: the outlet the body names."""
    if head is None or not head.paths:
        return False
    origins = [p[-1] for p in head.paths if p]
    return bool(origins) and all(n.source_class == "unknown" and not n.is_media and _generic_outlet(n.name)
                                 for n in origins) and all(len(p) == 1 for p in head.paths)


GENERIC_MODIFIERS = frozenset({"state", "official", "state-run", "state-owned", "party", "top", "the", "a"})


def _generic_outlet(name: str) -> bool:
    """"Daily", "state media", "China paper": an outlet's kind, with at most a country's name or
    a word of ownership before it ("maritime agency" is a body, not an outlet)."""
    words = name.split()
    return bool(words) and words[-1].lower() in GENERIC_CREDITS \
        and all(w.lower() in GENERIC_MODIFIERS or w[:1].isupper() for w in words[:-1])


def headline_speaker_relayed(head: StatementChain | None, lede: StatementChain | None,
                             head_atts: list[Attribution], lede_text: str) -> bool:
    """"Saudi crown prince accuses traders ..." over "Saudi Crown Prince Mohammed bin Salman
    accused traders ..., the Saudi Press Agency reported": the headline's speaker, heard with no channel, is
    the lede's, heard through the outlet the lede names (every word naming the headline's
    speaker is in the lede; an unidentified speaker's words in the lede's unidentified speaker's)."""
    if head is None or lede is None or not head.paths or not lede.paths:
        return False
    if through_media(head) or not through_media(lede):
        return False
    unnamed = all(p and p[-1].source_class == "unknown" and not p[-1].is_media for p in head.paths)
    if unnamed and all(p and p[-1].source_class == "unknown" and not p[-1].is_media for p in lede.paths):
        # "Mountain herders deny ..." over "Herders in the mountain villages denied ..., the state
        # newspaper X reported": the headline's unidentified speaker in the lede speaker's words
        lede_names = {w.lower() for p in lede.paths for w in WORDS.findall(p[-1].name)}
        return all({w.lower() for w in WORDS.findall(p[-1].name)} <= lede_names for p in head.paths)
    if not all(p and p[-1].source_class in SPEAKER_CLASSES and not is_state_itself(p[-1]) for p in lede.paths):
        return False
    if unnamed:
        # "North Korea's Kim says ..." over "North Korean leader Kim Jong Un has said ..., KCNA
        # reported": a name the headline gives alone, unresolved there, is part of the lede
        # speaker's name
        lede_names = {w.lower() for p in lede.paths for w in WORDS.findall(p[-1].name)}
        return all(p[-1].name.istitle() and {w.lower() for w in WORDS.findall(p[-1].name)} <= lede_names
                   for p in head.paths)
    if not all(p and p[-1].source_class in SPEAKER_CLASSES and not is_state_itself(p[-1]) for p in head.paths):
        return False
    lede_words = {w.lower() for w in WORDS.findall(lede_text)}
    named = [{w.lower() for w in WORDS.findall(a.source.text)} for a in head_atts if a.source is not None]
    return bool(named) and all(words and words <= lede_words for words in named)


GENERIC_CREDIT_END = re.compile(r"[:\-\u2013\u2014]\s*(?:state\s+)?(?:" + "|".join(sorted(GENERIC_CREDITS)) + r")\s*$",
                                re.IGNORECASE)  # "...: report", "... - state media" 


def credited_to_state_media(head: StatementChain | None, head_atts: list[Attribution], head_text: str) -> bool:
    """"Belarus charges 15 over fuel smuggling: report", "...: KCNA": a headline that credits its
    story to an outlet (a credit the extractor read, or a bare kind such as ": report"), which
    the chain shows to be state media: the article retells that outlet's report."""
    return head is not None and bool(head.paths) \
        and (any(a.pattern == "headline-credit" for a in head_atts) or GENERIC_CREDIT_END.search(head_text) is not None) \
        and state_media_only_paths(head.paths)


def quoted_in(text: str, parsed: ParsedDocument, own: list[StatementChain | None], headline: int) -> int | None:
    """The first attributed body sentence holding words the headline quotes ("Strikes hit a
    unit 'that housed militia'" ... "a monitor said the strikes hit a depot that housed
    militia"): the headline's quotation is that speaker's."""
    sents = parsed.sentences
    quoted = [WORDS.findall(q.lower()) for q in headline_quotations(text[sents[headline].start : sents[headline].end])]
    if not quoted:
        return None
    for j, sent in enumerate(sents):
        if j == headline or own[j] is None:
            continue
        body = WORDS.findall(text[sent.start : sent.end].lower())
        if any(q and _in_order(q, body) for q in quoted):
            return j
    return None



def _in_order(words: list[str], body: list[str]) -> bool:
    """Every quoted word in the body, in the quotation's order (a headline may drop a word:
    'that housed militia' ... "that also housed militia fighters")."""
    it = iter(body)
    return all(w in it for w in words)


def unnamed_outlet(sc: StatementChain, outlet_nouns: frozenset[str]) -> bool:
    """Every speaker of the chain is an outlet no one identified, by a description only ("one of
    the country's most widely read newspapers", "Leading daily")."""
    def described(name: str) -> bool:  # ("a maritime agency" is a body; "a news agency" an outlet;
        words = name.lower().split()  # "local media", "newspapers" are many outlets, not one)
        if not words or words[-1] == "media" or (words[-1].endswith("s") and words[0] != "one"):
            return False
        last = words[-1].rstrip("s")
        return last in outlet_nouns and (last != "agency" or "news" in words)

    speakers = [p[-1] for p in sc.paths if p]
    return bool(speakers) and all(n.source_class == "unknown" and described(n.name)
                                  for n in speakers)
