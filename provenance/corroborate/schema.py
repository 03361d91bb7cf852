"""Configuration models of the cross-article stage (corroboration, quote fidelity), and
its result models re-exported.

The results (``Corroboration``, ``CorroborationMatch``, ``QuoteCheck``, ``WordDiff``) are
part of the report contract: they live in ``provenance/report.py`` (``Statement.corroboration``
and ``Statement.quote_checks``, filled by ``provenance.corroborate.attach``) and are
re-exported here.  All models forbid unknown fields.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from provenance.report import AttributionKind, SourceClass

# the result models, re-exported (explicit "X as X": they are part of this module's API)
from provenance.report import Corroboration as Corroboration
from provenance.report import CorroborationMatch as CorroborationMatch
from provenance.report import CorroborationStatus as Status
from provenance.report import QuoteCheck as QuoteCheck
from provenance.report import QuoteVerdict as QuoteVerdict
from provenance.report import Relation as Relation
from provenance.report import WordDiff as WordDiff

CROSS_ARTICLE_VERSION = "1.0"


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
