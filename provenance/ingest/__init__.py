"""Ingest: an article file (plain text, Markdown or HTML) -> :class:`provenance.article.Article`.

Offsets are 0-based, end-exclusive character offsets into ``Article.source_text`` (the
decoded file with a leading BOM dropped and universal newlines, as
``open(path, encoding="utf-8-sig").read()`` gives it); ``Article.text`` has the same
length with everything that is not article body blanked.  See docs/ingest.md.
"""

from provenance.ingest.reader import DEFAULT_MAX_BYTES, article_from_text, load_article

__all__ = ["DEFAULT_MAX_BYTES", "article_from_text", "load_article"]
