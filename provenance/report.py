"""The report: one pydantic model that every renderer (json, text, html, sarif, github) reads.

The JSON form is the versioned contract (``SCHEMA_VERSION``); its JSON Schema is generated
from these models into ``provenance/schemas/report-v1.json`` (a test fails on drift).
Offsets are 0-based, end-exclusive character offsets into the file's decoded text; lines
and columns are 1-based.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

SCHEMA_VERSION = "1.1"  # 1.1: verdict "unresolved"; state-affiliated origins count as state media

# The one definition of a source's class: the five a registry entry can carry
# (``provenance.registry.schema``), and the two the resolver adds for what no entry classifies.
RegistryClass = Literal[
    "state_controlled",
    "state_affiliated",
    "public_service",
    "independent",
    "official_body",
]
SourceClass = Literal[RegistryClass, "person", "unknown"]
Verdict = Literal["state_media_only", "official", "independent", "mixed", "unresolved", "reporter"]
AttributionKind = Literal["direct", "indirect", "mixed", "according_to", "other"]
Stance = Literal["neutral", "distancing", "factive"]
Severity = Literal["error", "warning", "info"]
ChainRole = Literal["publisher", "relay", "origin", "speaker"]
Relation = Literal["corroboration", "repetition", "other"]
CorroborationStatus = Literal["corroborated", "repetition", "uncorroborated"]
QuoteVerdict = Literal["verbatim", "altered", "not_found"]


def _known_construction(name: str) -> str:
    from provenance.extract.declare import known_construction  # the declarations import this module

    return known_construction(name)


# A construction declared in provenance/extract/constructions/ (docs/constructions.md).
ConstructionName = Annotated[str, AfterValidator(_known_construction)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class TextSpan(_Model):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class SourceSpan(TextSpan):
    """Who: the source mention as written, and what it resolved to."""

    name: str  # resolved display name ("KCNA", "Kim Jong-un"); the mention text when unresolved
    source_class: SourceClass = Field(alias="class")
    entity_id: str | None = None  # registry id when matched
    country: str | None = None  # ISO 3166-1 alpha-2 of the controlling state
    entity_type: Literal["person", "organisation", "artefact", "unknown"] = "unknown"
    match: str | None = None  # how it was matched: exact | normalised | fuzzy | title | descriptor | antecedent
    antecedent: TextSpan | None = None  # the earlier mention a pronoun or description resolved to


class Attribution(_Model):
    cue: TextSpan
    source: SourceSpan | None  # None: source-less ("it was reported", "reportedly")
    content: TextSpan | None
    kind: AttributionKind
    embedded_in: int | None = None  # index (in the same list) of the attribution relaying this one
    stance: Stance = "neutral"
    pattern: ConstructionName  # which construction found it (docs/constructions.md)
    channel: SourceSpan | None = None  # the outlet the source addressed ("told TASS"), when named
    carried: bool = False  # inherited from a previous sentence (continuation)
    confidence: float = Field(ge=0.0, le=1.0)


class ChainLink(_Model):
    name: str
    source_class: SourceClass = Field(alias="class")
    role: ChainRole
    entity_id: str | None = None
    country: str | None = None


# --------------------------------------------------------------------------- cross-article evidence
# Filled by the cross-article stage (``provenance check --corroborate / --originals``,
# ``provenance.corroborate.attach``); re-exported by ``provenance.corroborate.schema``.


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
    status: CorroborationStatus
    matches: list[CorroborationMatch] = Field(default_factory=list)


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


class Statement(_Model):
    index: int
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    text: str
    attributions: list[Attribution]
    chain: list[ChainLink]
    verdict: Verdict
    state_media_only: bool
    carried: bool = False
    confidence: float = Field(ge=0.0, le=1.0)
    is_headline: bool = False
    is_lede: bool = False
    # cross-article evidence: left out of the JSON while unset, so a report checked
    # without --corroborate / --originals reads exactly as before
    corroboration: Corroboration | None = None  # state-media-only statements, with --corroborate
    quote_checks: list[QuoteCheck] = Field(default_factory=list)  # with --originals

    @model_serializer(mode="wrap")
    def _omit_unset_evidence(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            if self.corroboration is None:
                data.pop("corroboration", None)
            if not self.quote_checks:
                data.pop("quote_checks", None)
        return data


class Suppression(_Model):
    kind: Literal["inSource", "external"]  # inline comment, or a baseline entry
    justification: str


class Finding(_Model):
    code: str  # stable rule code, e.g. "SRC201"
    rule: str  # kebab-case rule name
    severity: Severity
    message: str
    statement: int | None  # index into Report.statements
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    fingerprint: str  # content fingerprint (stable across line moves)
    confidence: float = Field(ge=0.0, le=1.0)
    suppression: Suppression | None = None


class DocumentInfo(_Model):
    path: str
    format: Literal["text", "markdown", "html"]
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    place: str | None = None
    byline: str | None = None
    sources_list: list[TextSpan] = Field(default_factory=list)
    characters: int
    words: int
    warnings: list[str] = Field(default_factory=list)


class ToolInfo(_Model):
    name: str = "provenance"
    version: str


class ModelInfo(_Model):
    id: str  # e.g. "bundled:en_bundled-2026.11" or "stanza:en:default"
    stanza_version: str


class Summary(_Model):
    statements: int
    attributions: int
    verdicts: dict[str, int]  # verdict -> count (every verdict present, sorted by name)
    sources_by_class: dict[str, list[str]]  # class -> sorted distinct source names
    findings_by_severity: dict[str, int]


class Report(_Model):
    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo
    model: ModelInfo
    document: DocumentInfo
    statements: list[Statement]
    findings: list[Finding] = Field(default_factory=list)
    summary: Summary

    def to_json(self) -> str:
        """The canonical JSON form: by alias, stable key order, trailing newline."""
        return self.model_dump_json(by_alias=True, indent=2) + "\n"



def summarise(statements: list[Statement], findings_by_severity: dict[str, int] | None = None) -> Summary:
    """The report's summary: counts of statements, attributions, verdicts, sources by class."""
    verdicts = {v: 0 for v in sorted(get_args(Verdict))}
    by_class: dict[str, set[str]] = {}
    n_att = 0
    for s in statements:
        verdicts[s.verdict] += 1
        for a in s.attributions:
            n_att += 1
            if a.source is not None:
                by_class.setdefault(a.source.source_class, set()).add(a.source.name)
    return Summary(
        statements=len(statements), attributions=n_att, verdicts=verdicts,
        sources_by_class={k: sorted(v) for k, v in sorted(by_class.items())},
        findings_by_severity=findings_by_severity or {"error": 0, "warning": 0, "info": 0},
    )
