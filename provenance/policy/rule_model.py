"""Editorial rules as data: one YAML file per rule, validated by this model."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from provenance.report import Severity


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


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str  # stable, e.g. "PV101"
    name: str  # kebab-case
    severity: Severity
    message: str  # template, str.format fields: {source}, {cue}, {verdict}, {text}...
    check: str  # name of the check function in provenance.policy.checks
    doc: RuleDoc
    examples: RuleExamples
    options: dict[str, Any] = Field(default_factory=dict)
    enabled: bool = True

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not re.fullmatch(r"PV\d{3}", v):
            raise ValueError("code must look like PV123")
        return v

    @field_validator("name")
    @classmethod
    def _kebab(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", v):
            raise ValueError("name must be kebab-case")
        return v
