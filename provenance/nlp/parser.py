"""Text → typed parse, through one stanza Pipeline per process and the parse cache."""

from __future__ import annotations

import functools
import re
import time
from importlib.metadata import version

from loguru import logger

from provenance.gc_tuning import freeze_long_lived
from provenance.nlp.doc import ParsedDocument, Sentence, from_stanza, remap_offsets
from provenance.nlp.models import ModelSpec, check_available, pipeline_kwargs
from provenance.nlp.sentences import REPAIR
from provenance.quotes import SENTENCE_CLOSING_MARKS
from provenance.store.parses import ParseCache, cache_key
from provenance.unicodefmt import without_format

# Text is parsed in chunks of whole paragraphs of at most this many characters, so that a
# huge input never becomes one huge batch; a single paragraph longer than this (a
# "sentence" of tens of thousands of words) is cut at whitespace.
CHUNK_CHARS = 20_000
# Within a chunk, a run of text with no sentence end (". ", "! ", "? " or a newline) longer
# than this many characters or tokens is cut into pieces of at most that size, each parsed
# on its own: the dependency parser's time and memory grow with the square (and its tree
# decoding with the cube) of a sentence's length, so a 30,000-word run-on "sentence" would
# otherwise take many gigabytes.  Real sentences are far shorter; text within bounds is
# parsed exactly as before.
MAX_SENTENCE_CHARS = 1_500
MAX_SENTENCE_TOKENS = 120
_BOUNDARY = re.compile(r"[.!?\u2026][" + re.escape(SENTENCE_CLOSING_MARKS) + r")\]]*(?=\s)|\n")
_TOKEN = re.compile(r"\w+|[^\w\s]")


@functools.lru_cache(maxsize=1)
def stanza_version() -> str:
    return version("stanza")


@functools.lru_cache(maxsize=4)
def load_pipeline(spec: ModelSpec):  # type: ignore[no-untyped-def]  # stanza.Pipeline
    """Build the stanza Pipeline once per process (per model)."""
    check_available(spec)
    started = time.perf_counter()
    import stanza  # heavy: imports torch

    from provenance.nlp import speedups

    speedups.install()  # faster, output-identical tree decoding (docs/benchmarks.md)
    pipeline = stanza.Pipeline(**pipeline_kwargs(spec))
    # The model is hundreds of thousands of long-lived objects: keep them out of the cyclic
    # garbage collector's full collections, which otherwise cost 0.2-0.3 s each (benchmarks).
    freeze_long_lived()
    logger.info(f"model {spec.model_id} loaded in {time.perf_counter() - started:.1f}s")
    return pipeline


def _chunks(text: str) -> list[tuple[int, int]]:
    """Split text into (start, end) chunks at paragraph breaks, each ≤ CHUNK_CHARS."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + CHUNK_CHARS)
        if end < n:
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind("\n", start, end)
            if cut <= start:
                m = None
                for m in re.finditer(r"\s", text[start:end]):
                    pass
                cut = start + m.start() if m and m.start() > 0 else end
            end = cut
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    return spans


def _too_long(text: str, start: int, end: int) -> bool:
    if end - start > MAX_SENTENCE_CHARS:
        return True
    return end - start > MAX_SENTENCE_TOKENS and len(_TOKEN.findall(text, start, end)) > MAX_SENTENCE_TOKENS


def _cut_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run-on span into pieces of at most MAX_SENTENCE_CHARS / MAX_SENTENCE_TOKENS,
    at the last whitespace that fits (at a token boundary, or hard, when there is none)."""
    pieces: list[tuple[int, int]] = []
    piece = start
    count = 0
    last_space = -1  # end of the last whitespace gap inside the current piece
    for m in _TOKEN.finditer(text, start, end):
        if m.start() > piece and text[m.start() - 1].isspace():
            last_space = m.start()
        count += 1
        while count > MAX_SENTENCE_TOKENS or m.end() - piece > MAX_SENTENCE_CHARS:
            if last_space > piece:
                cut = last_space
            elif m.start() > piece:
                cut = m.start()
            else:  # one token longer than the limit
                cut = piece + MAX_SENTENCE_CHARS
            pieces.append((piece, cut))
            piece = cut
            last_space = -1
            count = len(_TOKEN.findall(text, piece, m.end()))
            if m.end() - piece <= MAX_SENTENCE_CHARS and count <= MAX_SENTENCE_TOKENS:
                break
    if piece < end:
        pieces.append((piece, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The chunk as one piece, unless it holds a run-on "sentence": then the text around
    each run-on stays whole and the run-on itself is cut (see MAX_SENTENCE_CHARS)."""
    out: list[tuple[int, int]] = []
    done = run = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _too_long(text, run, m.end()):
            if text[done:run].strip():
                out.append((done, run))
            out.extend(_cut_run(text, run, m.end()))
            done = m.end()
        run = m.end()
    if _too_long(text, run, end):
        if text[done:run].strip():
            out.append((done, run))
        out.extend(_cut_run(text, run, end))
        done = end
    if done == start:
        return [(start, end)]
    if text[done:end].strip():
        out.append((done, end))
    return out


def _run(pipeline, texts: list[str]) -> list:  # type: ignore[no-untyped-def]  # stanza Documents
    """Parse texts as one batch, with the sentence repair; without it when stanza cannot
    map a repaired passage back to its characters."""
    try:
        return _process(pipeline, texts)
    except ValueError as err:  # stanza: "Could not find word |...| starting from char_offset"
        logger.warning(f"sentence repair skipped for a passage stanza could not re-align ({str(err)[:80]})")
        with REPAIR.disabled():
            return _process(pipeline, texts)


def _process(pipeline, texts: list[str]) -> list:  # type: ignore[no-untyped-def]
    # one text (the usual case) goes through pipeline(); a run-on "sentence", cut into
    # pieces, goes through stanza as one batch
    return [pipeline(texts[0])] if len(texts) == 1 else pipeline.bulk_process(texts)


class Parser:
    """Parses article text with one model; uses the cache unless ``use_cache`` is False."""

    def __init__(self, spec: ModelSpec, use_cache: bool = True, cache: ParseCache | None = None) -> None:
        self.spec = spec
        self.model_id = spec.model_id
        self.cache = (cache or ParseCache()) if use_cache else None
        self.last_hit = False

    def parse(self, text: str) -> ParsedDocument:
        key = cache_key(text, self.model_id, stanza_version())
        if self.cache is not None:
            cached = self.cache.get(key, self.model_id)
            if cached is not None:
                self.last_hit = True
                return cached
        self.last_hit = False
        doc = self._parse_uncached(text)
        if self.cache is not None:
            self.cache.put(key, doc)
        return doc

    def _parse_uncached(self, text: str) -> ParsedDocument:
        """Format characters (zero-width space, soft hyphen, bidi controls) are left out of
        what stanza reads, so "K\u200bCNA" is the word "KCNA"; offsets still point into ``text``."""
        clean, origin = without_format(text)
        doc = self._parse_clean(clean)
        return doc if origin is None else remap_offsets(doc, origin)

    def _parse_clean(self, text: str) -> ParsedDocument:
        if not text.strip():
            return ParsedDocument(model_id=self.model_id, sentences=[])
        pipeline = load_pipeline(self.spec)
        sentences: list[Sentence] = []
        for start, end in _chunks(text):
            pieces = _pieces(text, start, end)
            parts = list(zip((s for s, _ in pieces), _run(pipeline, [text[s:e] for s, e in pieces])))
            for offset, doc in parts:
                for s in from_stanza(doc, self.model_id, offset=offset, text=doc.text).sentences:
                    sentences.append(s.model_copy(update={"index": len(sentences)}))
        return ParsedDocument(model_id=self.model_id, sentences=sentences)
