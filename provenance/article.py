"""The ingest stage's output: an article's text with its metadata.

Offsets everywhere in provenance are 0-based, end-exclusive character offsets into the
decoded text of the input file (``Article.source_text``).  Ingestion never shifts text:
``Article.text`` has exactly the same length as ``source_text``, with everything that is
not article body (metadata lines, a dateline, HTML markup, scripts, a "Sources" list)
replaced by whitespace, so any offset found in ``text`` is an offset into the file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ArticleFormat = Literal["text", "markdown", "html"]


class Span(BaseModel):
    """A stretch of the article: ``text == source_text[start:end]``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Directive(Span):
    """A suppression directive: an HTML comment ``<!-- provenance: ... -->`` found in the
    article (any format).  ``text`` is the whole comment as written (``source_text[start:end]``);
    ``body`` is what follows ``provenance:``, stripped.  Ingest only records directives (and
    blanks them in ``Article.text``); their meaning is parsed elsewhere."""

    body: str = ""


class Article(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    format: ArticleFormat
    source_text: str
    text: str  # same length as source_text; non-body characters blanked to whitespace
    title: Span | None = None
    date: str | None = None  # ISO date when one was found (metadata line or dateline)
    publisher: str | None = None  # from the dateline/byline, or --publisher
    publisher_span: Span | None = None
    place: str | None = None  # dateline place ("Seoul")
    byline: str | None = None  # author name(s)
    metadata: dict[str, str] = Field(default_factory=dict)  # leading "key value" lines
    sources_list: list[Span] = Field(default_factory=list)  # a Wikinews-style "Sources" section
    paragraphs: list[Span] = Field(default_factory=list)  # body paragraphs, in order
    warnings: list[str] = Field(default_factory=list)
    directives: list[Directive] = Field(default_factory=list)  # <!-- provenance: ... --> comments
