"""Paragraph-level parse cache: re-parse only the paragraphs an edit touched.

The page re-checks the whole article after every (debounced) edit.  Parsing is most of a
check's time, and an edit changes one paragraph; so the text is cut at blank lines, each
paragraph is parsed on its own (``Parser.parse`` of the same model, as the CLI uses), and
its parse is kept in memory keyed by the paragraph's exact text.  The paragraphs' parses
are then shifted to their place in the article and numbered in order: the same
``ParsedDocument`` a whole-text parse gives (stanza never lets a sentence cross a blank
line; ``tests/test_serve_api.py`` checks that the report is byte-identical to the CLI's).

The parser's sentence repair (``provenance.nlp.sentences``) may join a sentence to the
next across a blank line when the first ends in a quotation closed by a comma, ``?`` or
``!`` or in a title abbreviation (``“We are lost,”`` / ``Trump said.``); such a paragraph
is parsed together with the one after it, so the result stays that of a whole-text parse.
Text with a paragraph longer than the parser's chunk size is parsed whole, as the CLI does.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from provenance.nlp.doc import ParsedDocument, Sentence
from provenance.nlp.parser import CHUNK_CHARS, Parser
from provenance.nlp.sentences import TITLE_ABBREVIATIONS

_BREAK = re.compile(r"\n[ \t]*\n\s*")  # a blank line (and the whitespace around it)
# a paragraph ending where the sentence repair may join the next paragraph's first sentence
_GLUE = re.compile(r"(?:[,?!][\"'\u201d\u2019\u00bb]+|\b(?:" + "|".join(sorted(TITLE_ABBREVIATIONS)) + r")\.?)\s*$")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph with any non-blank text, in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK.finditer(text):
        if text[pos:m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def parse_units(text: str) -> list[tuple[int, int]]:
    """The paragraphs, with each paragraph the sentence repair may join to the next merged
    with it: the pieces parsed (and cached) one by one."""
    units: list[tuple[int, int]] = []
    glue = False
    for start, end in paragraph_spans(text):
        if glue and units:
            units[-1] = (units[-1][0], end)
        else:
            units.append((start, end))
        glue = _GLUE.search(text, start, end) is not None
    return units


def _shift(sentences: list[Sentence], offset: int, first_index: int) -> list[Sentence]:
    if offset == 0:
        return [s if s.index == first_index + i else s.model_copy(update={"index": first_index + i})
                for i, s in enumerate(sentences)]
    out = []
    for i, s in enumerate(sentences):
        words = [w.model_copy(update={"start": w.start + offset, "end": w.end + offset}) for w in s.words]
        out.append(Sentence(index=first_index + i, start=s.start + offset, end=s.end + offset, words=words))
    return out


@dataclass
class ParseStats:
    paragraphs: int = 0
    reused: int = 0  # paragraphs whose parse came from the cache

    @property
    def parsed(self) -> int:
        return self.paragraphs - self.reused


class ParagraphParser:
    """Parses text paragraph by paragraph through ``parser`` (no disk cache of its own),
    keeping the most recent ``max_entries`` paragraph parses in memory.  Not thread-safe
    for parsing (stanza is not): callers hold one lock around ``parse``."""

    def __init__(self, parser: Parser, max_entries: int = 1024) -> None:
        self.parser = parser
        self.model_id = parser.model_id
        self.max_entries = max_entries
        self._cache: OrderedDict[str, list[Sentence]] = OrderedDict()
        self._lock = threading.Lock()

    def _key(self, paragraph: str) -> str:
        return hashlib.sha256(f"{self.model_id}\0{paragraph}".encode()).hexdigest()

    def _get(self, key: str) -> list[Sentence] | None:
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
            return hit

    def _put(self, key: str, sentences: list[Sentence]) -> None:
        with self._lock:
            self._cache[key] = sentences
            self._cache.move_to_end(key)
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)

    def __len__(self) -> int:
        return len(self._cache)

    def parse(self, text: str) -> tuple[ParsedDocument, ParseStats]:
        spans = parse_units(text)
        stats = ParseStats(paragraphs=len(spans))
        if any(end - start > CHUNK_CHARS for start, end in spans):
            return self.parser.parse(text), stats  # the parser's own chunking, as the CLI
        sentences: list[Sentence] = []
        for start, end in spans:
            paragraph = text[start:end]
            key = self._key(paragraph)
            local = self._get(key)
            if local is None:
                local = list(self.parser.parse(paragraph).sentences)
                self._put(key, local)
            else:
                stats.reused += 1
            sentences.extend(_shift(local, start, len(sentences)))
        return ParsedDocument(model_id=self.model_id, sentences=sentences), stats


__all__ = ["ParagraphParser", "ParseStats", "paragraph_spans", "parse_units"]
