"""CoNLL-U in and out, through stanza's own reader and writer."""

from __future__ import annotations

from pathlib import Path

from provenance.errors import InputError
from provenance.nlp.doc import ParsedDocument, Word, from_stanza

CONLLU_MODEL_ID = "conllu"


def read_conllu(conllu: str, source: str = "<conllu>") -> tuple[str, ParsedDocument]:
    """Parse CoNLL-U text into (document text, typed view); no model is loaded.

    The text is rebuilt by stanza from the ``# text`` comments (or SpaceAfter), so that
    offsets in the view index into it.
    """
    from stanza.utils.conll import CoNLL, CoNLLError

    try:
        doc = CoNLL.conll2doc(input_str=conllu, reconstruct_text=True)
    except (CoNLLError, ValueError, IndexError) as exc:
        raise InputError(f"{source}: not valid CoNLL-U ({exc})") from None
    text = doc.text or ""
    return text, from_stanza(doc, CONLLU_MODEL_ID)


def read_conllu_file(path: Path) -> tuple[str, ParsedDocument]:
    try:
        data = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not valid UTF-8") from None
    return read_conllu(data, str(path))


def to_conllu(parsed: ParsedDocument, text: str) -> str:
    """Write the typed view as CoNLL-U (readable by stanza's ``CoNLL.conll2doc``).

    Each sentence gets ``# sent_id`` and ``# text``; MISC holds SpaceAfter=No where the next
    token follows without a space, and ``SpacesAfter`` on a sentence's last token where a line
    break follows it (character offsets are rebuilt from ``# text`` on reading).  Words of a multi-word
    token are written as plain words (the surface token is kept in ``# text``).
    """
    lines: list[str] = []
    for n, sent in enumerate(parsed.sentences):
        nxt_sent = parsed.sentences[n + 1] if n + 1 < len(parsed.sentences) else None
        gap = text[sent.words[-1].end : nxt_sent.start] if nxt_sent is not None and sent.words else ""
        # a line break between sentences (after a headline) is kept: "Kills Two" may be one line, two sentences
        line_break = "\n" in gap and not gap.strip()
        sent_text = " ".join(text[sent.start : sent.end].split())
        lines.append(f"# sent_id = {sent.index + 1}")
        lines.append(f"# text = {sent_text}")
        words = sent.words
        i = 0
        while i < len(words):
            w = words[i]
            # words sharing one token's offsets form a multi-word token
            j = i
            while j + 1 < len(words) and (words[j + 1].start, words[j + 1].end) == (w.start, w.end):
                j += 1
            nxt = words[j + 1] if j + 1 < len(words) else None
            space_after = nxt is None or nxt.start > w.end
            misc = [] if space_after else ["SpaceAfter=No"]
            if nxt is None and line_break:
                misc = [f"SpacesAfter={_escape_space(gap)}"]
            if j > i:
                lines.append(f"{w.id}-{words[j].id}\t{text[w.start:w.end]}\t_\t_\t_\t_\t_\t_\t_\t{'|'.join(misc) or '_'}")
                for k in range(i, j + 1):
                    lines.append(_word_line(words[k], "_"))
            else:
                lines.append(_word_line(w, "|".join(misc) or "_"))
            i = j + 1
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


def _escape_space(space: str) -> str:
    """Whitespace as CoNLL-U's ``SpacesAfter`` writes it (``\\n``, ``\\s``, ``\\t``, ``\\r``)."""
    return space.replace("\\", "\\\\").replace(" ", "\\s").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def _word_line(w: Word, misc: str) -> str:
    form = w.text.replace("\t", " ") or "_"
    lemma = w.lemma.replace("\t", " ") or "_"
    return f"{w.id}\t{form}\t{lemma}\t{w.upos}\t{w.xpos}\t{w.feats}\t{w.head}\t{w.deprel}\t_\t{misc}"
