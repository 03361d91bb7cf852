"""Extracted attributions → report attributions: each source resolved to an entity, the
confidence lowered by how sure the resolution is."""

from __future__ import annotations

from provenance.extract.mention import Extracted
from provenance.report import Attribution
from provenance.resolve.entities import Resolver, source_span


def resolve_attributions(found: list[Extracted], resolver: Resolver) -> list[Attribution]:
    atts: list[Attribution] = []
    for ex in found:
        source = None
        conf = ex.confidence
        if ex.source is not None:
            res = resolver.resolve(ex.source)
            source = source_span(ex.source, res, artefact=ex.role == "artefact")
            conf *= res.confidence if res.match != "exact" else 1.0
        channel = None
        if ex.channel is not None:
            channel = source_span(ex.channel, resolver.resolve(ex.channel), artefact=False)
        atts.append(Attribution(cue=ex.cue, source=source, content=ex.content, kind=ex.kind,
                                embedded_in=ex.embedded_in, stance=ex.stance, pattern=ex.pattern,
                                channel=channel, confidence=round(min(1.0, conf), 3)))
    return atts
