"""Editorial rules as data: one YAML file per rule, validated by this model."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

from provenance.report import Severity

# Rule codes: a three-letter family and a number, never reused (ATT1xx attribution, SRC2xx
# source/registry outcomes, CHN3xx chain shape, QUO4xx quotations, PRV9xx tool meta).
CODE_RE = re.compile(r"[A-Z]{3}\d{3}")
# A family prefix selects every rule whose code starts with it: "SRC" or "SRC2".
PREFIX_RE = re.compile(r"[A-Z]{3}\d{0,2}")


class RuleDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    what: str
    why: str
    example: str
    instead: str  # what to write instead


class RuleExamples(BaseModel):
    model_config = ConfigDict(extra="forbid")

    flagged: list[str] = Field(min_length=1)  # article snippets the rule must flag
    ok: list[str] = Field(min_length=1)  # snippets it must not flag
    # cross_article rules: source name -> the source's original text that the examples'
    # quotations are compared with (tests/test_corroborate.py)
    originals: dict[str, str] = Field(default_factory=dict)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str  # stable, never reused: family prefix + number, e.g. "SRC201"
    name: str  # kebab-case
    severity: Severity
    message: str  # template, str.format fields: {source}, {cue}, {verdict}, {text}...
    # name of the detector function in provenance.policy.detectors; ``check:`` is its older name
    detector: str = Field(validation_alias=AliasChoices("detector", "check"))
    doc: RuleDoc
    examples: RuleExamples
    options: dict[str, Any] = Field(default_factory=dict)
    enabled: bool = True
    # article: the detector finds it in one article (its examples run through the whole
    # pipeline, tests/test_rule_examples.py); cross_article: the findings come from the
    # cross-article stage (provenance check --originals / --corroborate, provenance
    # corroborate), the detector is a placeholder, and the examples are tested with
    # hand-built reports in tests/test_corroborate.py
    stage: Literal["article", "cross_article"] = "article"

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not CODE_RE.fullmatch(v):
            raise ValueError("code must be three capital letters and three digits, like SRC201")
        return v

    @field_validator("name")
    @classmethod
    def _kebab(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", v):
            raise ValueError("name must be kebab-case")
        return v
