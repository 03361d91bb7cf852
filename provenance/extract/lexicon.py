"""The cue lexicon (``rules/cues.yaml``) as a validated model."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from provenance.report import AttributionKind, Stance
from provenance.rules_location import rules_dir
from provenance.yamlfile import load_yaml, validate


def _lower_word(word: str) -> str:
    """A lexicon entry matched against lower-cased lemmas or forms: an upper-case letter or
    surrounding space would never match, so it is an error rather than a silent no-op."""
    if not word or word != word.strip() or word != word.lower():
        raise ValueError(f"must be a non-empty lower-case word without surrounding space, not {word!r}")
    return word


LowerWord = Annotated[str, AfterValidator(_lower_word)]


class Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")

    words: list[str] = Field(min_length=1)
    kind: AttributionKind


class StanceVerbs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    neutral: list[str]
    distancing: list[str]
    factive: list[str]


class CueLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verbs: StanceVerbs
    # Word lists the constructions only test for membership are held as sets.
    nouns: frozenset[LowerWord]
    artefact_nouns: frozenset[LowerWord]
    artefact_verbs: frozenset[LowerWord]
    relay_participles: frozenset[LowerWord]
    quote_verbs: frozenset[LowerWord]
    channel_participles: frozenset[LowerWord]
    frames: list[Frame]
    adverbs: frozenset[LowerWord]
    vague_sources: list[str]
    idioms: list[str] = []
    object_content_verbs: frozenset[LowerWord] = frozenset()
    judgement_verbs: dict[LowerWord, frozenset[LowerWord]] = {}
    issuer_nouns: frozenset[LowerWord] = frozenset()
    editorial_labels: frozenset[LowerWord] = frozenset()
    # Word lists of the constructions (provenance/extract/constructions/), held as sets because
    # the patterns only test membership.  They default to empty so an older rule pack without
    # them still loads (it then lacks the refinements they bring).
    infinitive_content_verbs: frozenset[LowerWord] = frozenset()
    quote_only_verbs: frozenset[LowerWord] = frozenset()
    clause_gerunds: frozenset[LowerWord] = frozenset()
    clause_only_verbs: frozenset[LowerWord] = frozenset()
    addressee_verbs: frozenset[LowerWord] = frozenset()
    claim_nouns: frozenset[LowerWord] = frozenset()
    time_words: frozenset[LowerWord] = frozenset()
    mistagged_cue_forms: dict[LowerWord, LowerWord] = {}
    outlet_nouns: frozenset[LowerWord] = frozenset()
    speaking_verbs: frozenset[LowerWord] = frozenset()
    medium_prepositions: frozenset[LowerWord] = frozenset()
    broadcast_verbs: frozenset[LowerWord] = frozenset()
    remark_verbs: frozenset[LowerWord] = frozenset()
    appearance_verbs: frozenset[LowerWord] = frozenset()
    habitual_adverbs: frozenset[LowerWord] = frozenset()
    charge_verbs: frozenset[LowerWord] = frozenset()
    showing_verbs: frozenset[LowerWord] = frozenset()
    publication_places: frozenset[LowerWord] = frozenset()
    topic_verbs: frozenset[LowerWord] = frozenset()
    contradicting_verbs: frozenset[LowerWord] = frozenset()
    not_sources: frozenset[LowerWord] = frozenset()
    evidence_nouns: frozenset[LowerWord] = frozenset()
    reporter_openers: frozenset[LowerWord] = frozenset()
    another_account_openers: frozenset[LowerWord] = frozenset()
    reporter_phrases: tuple[str, ...] = ()
    first_hand_occasions: tuple[str, ...] = ()
    reported_again: frozenset[LowerWord] = frozenset()
    named_outlet_modifiers: frozenset[LowerWord] = frozenset()

    @functools.cached_property
    def verb_stance(self) -> dict[str, Stance]:
        table: dict[str, Stance] = {}
        for stance in ("neutral", "distancing", "factive"):
            for lemma in getattr(self.verbs, stance):
                table[lemma] = stance  # type: ignore[assignment]
        return table

    @functools.cached_property
    def verb_lemmas(self) -> frozenset[str]:
        """Every verb lemma the lexicon names (reporting, quoting, relaying, channel, artefact, charging)."""
        return frozenset(self.verb_stance) | self.quote_verbs | self.relay_participles \
            | self.channel_participles | self.artefact_verbs | self.charge_verbs

    @functools.cached_property
    def document_nouns(self) -> frozenset[str]:
        """Nouns naming a statement or a document ("statement", "report", "cable")."""
        return self.nouns | self.artefact_nouns

    @functools.cached_property
    def trigger_lemmas(self) -> frozenset[str]:
        """Lemmas any declared construction family starts from."""
        from provenance.extract.declare import trigger_words

        return trigger_words(self)[0]

    @functools.cached_property
    def trigger_forms(self) -> frozenset[str]:
        """Lower-case forms any declared construction family starts from."""
        from provenance.extract.declare import trigger_words

        return trigger_words(self)[1]

    def stance_of(self, lemma: str) -> Stance | None:
        return self.verb_stance.get(lemma.lower())


def load_lexicon(path: Path | None = None) -> CueLexicon:
    path = path or rules_dir() / "cues.yaml"
    return _load(str(path))


@functools.lru_cache(maxsize=4)
def _load(path: str) -> CueLexicon:
    return validate(CueLexicon, load_yaml(path, "cue lexicon"), path)
