"""Headlines and transcripts: "Pence: Flowers won't be at debate", "WALLACE: Let's start"."""

from __future__ import annotations

from provenance.extract.declare import Trigger, construction, family
from provenance.extract.grammar import Grammar
from provenance.extract.mention import Mention
from provenance.quotes import DOUBLE_MARKS, SINGLE_MARKS
from provenance.report import TextSpan

SPEAKER_COLON = construction("speaker-colon", family="speaker-colon", confidence=0.6, fixture="speaker_colon", doc="""
    Reads: A short proper name (at most three words, or a name in capitals; "Al-Rashid" is one word)
        opening the sentence and followed by a colon and at least three words: the name is the speaker,
        the rest the content.
    Example: Lavrov: talks with Kyiv are over
    Not read: An editor's label (`editorial_labels`: "Correction:", "UPDATE:"), a common noun, a name of
        more than three words.
""")

LEADING_MARKS = frozenset(DOUBLE_MARKS + SINGLE_MARKS)  # quotation marks before a transcript's speaker
NAME_JOINERS = frozenset({"-", "'", "’"})


@family("speaker-colon", summary="A name and a colon opening the sentence.",
        trigger=Trigger(sentence=True), emits=("speaker-colon",), after=("cite-object",))
def speaker_colon(g: Grammar) -> None:
    """Headlines and transcripts: "Pence: Flowers won't be at debate", "WALLACE: Let's start"."""
    words = g.sent.words
    lead = [w for w in words[:7]]
    k = 0
    while k < len(lead) and lead[k].upos == "PUNCT" and lead[k].text in LEADING_MARKS:
        k += 1
    colon = next((i for i in range(k + 1, min(len(lead), k + 6)) if lead[i].text == ":"), None)
    if colon is None or colon + 1 >= len(words):
        return
    speaker = lead[k:colon]
    # "Al-Rashid": a hyphen or apostrophe written inside the name joins its parts
    joined = {w.id for w in speaker if w.text in NAME_JOINERS and g.text[w.start - 1 : w.start].strip()
              and g.text[w.end : w.end + 1].strip()}
    name = [w for w in speaker if w.id not in joined]
    if not name or len(name) > 3 or any(w.upos != "PROPN" and not w.text.isupper() for w in name):
        return
    if any(w.text.lower().strip("'’s") in g.lex.editorial_labels for w in speaker):
        return  # "Correction: ...", "UPDATE: ..." are the editor's lines
    rest = {w.id for w in words[colon + 1 :]}
    content = g.span(rest)
    if content is None or sum(1 for w in words[colon + 1 :] if w.upos != "PUNCT") < 3:
        return
    head = next((w for w in speaker if w.head not in {x.id for x in speaker}), speaker[-1])
    span = TextSpan(text=g.text[speaker[0].start : speaker[-1].end], start=speaker[0].start, end=speaker[-1].end)
    source = Mention(span=span, sentence=g.sent.index, head=head.id, head_lemma=head.lemma.lower(),
                     upos=head.upos, is_pronoun=False)
    col = words[colon]
    g.add(col, source, content, "speaker-colon", "speech",
             cue=TextSpan(text=col.text, start=col.start, end=col.end), confidence=SPEAKER_COLON.confidence)
