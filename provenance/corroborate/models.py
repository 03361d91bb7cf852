"""Result and configuration models of the cross-article stage (corroboration, quote fidelity).

They live here, not in ``provenance/report.py``: the report contract stays as it is, and
``provenance.corroborate.attach`` adds the results to a report's JSON form under a
``cross_article`` key.  All models forbid unknown fields.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from provenance.report import AttributionKind, ChainLink, SourceClass, Verdict

CROSS_ARTICLE_VERSION = "1.0"

Relation = Literal["corroboration", "repetition", "other"]
Status = Literal["corroborated", "repetition", "uncorroborated"]
QuoteVerdict = Literal["verbatim", "altered", "not_found"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# --------------------------------------------------------------------------- configuration


class CorroborationConfig(_Model):
    """How state-media-only statements are matched against the other articles of a batch."""

    min_score: float = Field(80.0, ge=0, le=100, description="least rapidfuzz token-set ratio (0-100) of the normalised claims")
    min_shared_tokens: int = Field(3, ge=1, description="least number of content words both claims share")
    entity_agreement: bool = Field(True, description="reject pairs naming different people, places, days (each side names one the other lacks)")
    number_agreement: bool = Field(True, description="reject pairs with different numbers (each side has a number the other lacks)")
    strict_numbers: bool = Field(False, description="numbers must be identical whenever either side has one")
    negation_agreement: bool = Field(True, description="reject pairs where only one side is negated")
    support_classes: list[SourceClass] = Field(
        default_factory=lambda: ["independent", "public_service", "official_body"],
        description="source classes that corroborate when a match's chain ends at them "
        "(official bodies and public service only of another state than the state media's)",
    )
    reporter_counts: bool = Field(True, description="a match with no attribution is its publisher's own reporting and can corroborate")
    max_matches: int = Field(20, ge=1, description="matches listed per statement (corroborations first, best score first)")


class FidelityConfig(_Model):
    """How direct quotations are checked against the sources' original texts."""

    verbatim_score: float = Field(98.0, ge=0, le=100, description="least alignment score for 'verbatim'")
    altered_score: float = Field(75.0, ge=0, le=100, description="least alignment score for 'altered'; below: 'not_found'")
    min_quote_words: int = Field(2, ge=1, description="shorter quotations (scare quotes) are not checked")
    kinds: list[AttributionKind] = Field(default_factory=lambda: ["direct", "mixed"], description="attribution kinds whose quotations are checked")


class CrossArticleConfig(_Model):
    """The ``--config`` file of ``provenance corroborate`` (YAML or JSON)."""

    corroboration: CorroborationConfig = Field(default_factory=CorroborationConfig)
    fidelity: FidelityConfig = Field(default_factory=FidelityConfig)


# --------------------------------------------------------------------------- corroboration


class CorroborationMatch(_Model):
    """A statement of another article that says the same thing."""

    path: str  # the other article's document path
    statement: int  # index into that report's statements
    text: str  # that statement's text
    claim: str  # the part compared (its attribution content, or the statement)
    score: float  # token-set ratio, 0-100
    relation: Relation  # corroboration: reaches an independent / other-state source; repetition: same state's media
    verdict: Verdict  # that statement's verdict
    basis: ChainLink | None = None  # the chain link that decided the relation
    chain: list[str] = Field(default_factory=list)  # that statement's chain, names publisher first


class Corroboration(_Model):
    """One state-media-only statement and what the rest of the batch says about it."""

    path: str
    statement: int
    text: str
    claim: str  # the part compared
    state_media: list[str]  # names of the state media in its chain, sorted
    countries: list[str]  # their countries, sorted
    status: Status
    matches: list[CorroborationMatch] = Field(default_factory=list)


# --------------------------------------------------------------------------- quote fidelity


class WordDiff(_Model):
    """One change between the original and the quotation (difflib opcodes over words)."""

    op: Literal["replace", "delete", "insert"]  # delete: in the original, not in the quote
    original: list[str]
    quoted: list[str]


class QuoteCheck(_Model):
    """A direct quotation compared with the original text of its source."""

    path: str
    statement: int
    attribution: int  # index into the statement's attributions (the first carrying this quote)
    quote: str  # the quoted words as printed (without the quotation marks)
    start: int = Field(ge=0)  # document offsets of the quoted words
    end: int = Field(ge=0)
    source: str  # the chain link the original belongs to
    original: str | None  # the original file compared (the best one when several)
    verdict: QuoteVerdict
    score: float  # partial-alignment score, 0-100
    original_text: str | None = None  # the aligned stretch of the original
    original_start: int | None = None  # its offsets in the original file's text
    original_end: int | None = None
    diff: list[WordDiff] = Field(default_factory=list)
    numbers_changed: bool = False
    negation_changed: bool = False
