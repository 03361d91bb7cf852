"""Text → typed parse, through one stanza Pipeline per process and the parse cache."""

from __future__ import annotations

import functools
import re
import time
from importlib.metadata import version

from loguru import logger

from provenance.nlp.cache import ParseCache, cache_key
from provenance.nlp.doc import ParsedDocument, Sentence, from_stanza
from provenance.nlp.models import ModelSpec, check_available, pipeline_kwargs

# Text is parsed in chunks of whole paragraphs of at most this many characters, so that a
# huge input never becomes one huge batch; a single paragraph longer than this (a
# "sentence" of tens of thousands of words) is cut at whitespace.
CHUNK_CHARS = 20_000


def stanza_version() -> str:
    return version("stanza")


@functools.lru_cache(maxsize=4)
def load_pipeline(spec: ModelSpec):  # type: ignore[no-untyped-def]  # stanza.Pipeline
    """Build the stanza Pipeline once per process (per model)."""
    check_available(spec)
    started = time.perf_counter()
    import stanza  # heavy: imports torch

    pipeline = stanza.Pipeline(**pipeline_kwargs(spec))
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
        if not text.strip():
            return ParsedDocument(model_id=self.model_id, sentences=[])
        pipeline = load_pipeline(self.spec)
        sentences: list[Sentence] = []
        for start, end in _chunks(text):
            part = from_stanza(pipeline(text[start:end]), self.model_id, offset=start)
            for s in part.sentences:
                sentences.append(s.model_copy(update={"index": len(sentences)}))
        return ParsedDocument(model_id=self.model_id, sentences=sentences)
