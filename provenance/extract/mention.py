"""The extract stage's output: attributions found in one sentence, before resolution."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from provenance.report import AttributionKind, Stance, TextSpan

Role = Literal["speech", "relay", "channel", "according_to", "artefact", "sourceless"]


class Mention(BaseModel):
    """A source as written: its span, the sentence and head word it hangs on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    span: TextSpan
    sentence: int
    head: int  # word id of the head
    head_lemma: str
    upos: str
    is_pronoun: bool = False
    # for artefacts ("photos released by KCNA", "KCNA's report"), who issued them
    issuer: Mention | None = None


class Extracted(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sentence: int
    cue: TextSpan
    cue_lemma: str
    cue_word: int  # word id of the cue's head word
    source: Mention | None
    content: TextSpan | None
    kind: AttributionKind
    stance: Stance
    pattern: str
    role: Role
    embedded_in: int | None = None  # index in the sentence's list of the relaying attribution
    channel: Mention | None = None  # the outlet the source addressed ("told TASS")
    confidence: float = Field(ge=0.0, le=1.0)
