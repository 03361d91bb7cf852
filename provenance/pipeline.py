"""Wires the stages for one article: parsed text → statements with chains and verdicts.

ingest (Article) → parse (ParsedDocument) → extract → resolve → chain → verdict → Report.
Policy (findings) and rendering are applied by the caller on the returned Report.
"""

from __future__ import annotations

from collections import Counter

from provenance import __version__
from provenance.article import Article
from provenance.chain.build import ChainBuilder, Node, StatementChain, inherits_channel, is_continuation
from provenance.extract.lexicon import CueLexicon
from provenance.extract.run import extract_sentence
from provenance.extract.mention import Extracted
from provenance.extract.segment import merge_cue_fragments
from provenance.nlp.doc import ParsedDocument
from provenance.nlp.parser import stanza_version
from provenance.registry import Registry
from provenance.report import (
    Attribution,
    DocumentInfo,
    ModelInfo,
    Report,
    Statement,
    Summary,
    TextSpan,
    ToolInfo,
)
from provenance.resolve.entities import MEDIA_CLASSES, Resolver, display_name, source_span
from provenance.quotes import quote_spans, text_blocks
from provenance.textpos import LineIndex
from provenance.verdict.decide import decide

VERDICTS = ("independent", "mixed", "official", "reporter", "state_media_only")


def article_countries(text: str, parsed: ParsedDocument, registry: Registry, place: str | None) -> list[str]:
    """Countries the article is about, most mentioned first (context for descriptors)."""
    counts: Counter[str] = Counter()
    for sent in parsed.sentences:
        for w in sent.words:
            if w.upos in ("PROPN", "ADJ") and w.text[:1].isupper():
                cc = registry.country_of(w.text)
                if cc:
                    counts[cc] += 1
        for a, b in zip(sent.words, sent.words[1:]):
            if a.upos in ("PROPN", "ADJ") and b.upos in ("PROPN", "ADJ"):
                cc = registry.country_of(f"{a.text} {b.text}")
                if cc:
                    counts[cc] += 2
    if place:
        cc = registry.country_of(place)
        if cc:
            counts[cc] += 1
    return [cc for cc, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def drop_quoted_cues(found: list[Extracted], quotations: list[tuple[int, int]]) -> list[Extracted]:
    """A cue inside someone's quotation ("… he's not as rich as he says," she said) is part
    of what is quoted, not an attribution the article makes: drop it unless it hangs on an
    attribution of its own sentence."""
    def quote_of(a: Extracted) -> tuple[int, int] | None:
        return next(((s, e) for s, e in quotations if s < a.cue.start and a.cue.end < e), None)

    def kept(a: Extracted) -> bool:
        q = quote_of(a)
        if q is None or a.pattern == "speaker-colon":
            return True
        seen: set[int] = set()
        p = a.embedded_in
        while p is not None and p not in seen:  # relayed by an attribution outside the quotation?
            seen.add(p)
            if quote_of(found[p]) != q:
                return True
            p = found[p].embedded_in
        return False

    keep = [kept(a) for a in found]
    if all(keep):
        return found
    index = {old: new for new, old in enumerate(i for i, k in enumerate(keep) if k)}
    out = []
    for i, a in enumerate(found):
        if keep[i]:
            emb = a.embedded_in
            while emb is not None and not keep[emb]:
                emb = found[emb].embedded_in
            out.append(a.model_copy(update={"embedded_in": index[emb] if emb is not None else None}))
    return out


def _quote_balance(piece: str) -> int:
    """+1 when the piece leaves a quotation open, -1 when it closes one opened before, else 0."""
    straight = piece.count('"') % 2
    curly = piece.count("“") - piece.count("”")
    if curly > 0 or (straight and piece.lstrip().startswith('"')):
        return 1
    if curly < 0 or straight:
        return -1
    return 0


def quote_closed_by(text: str, parsed: ParsedDocument, k: int, window: int = 4) -> int | None:
    """For a sentence that opens a quotation it does not close, the later sentence that
    closes it (a multi-sentence quote with the cue at the end)."""
    sents = parsed.sentences
    if _quote_balance(text[sents[k].start : sents[k].end]) != 1:
        return None
    for j in range(k + 1, min(len(sents), k + 1 + window)):
        bal = _quote_balance(text[sents[j].start : sents[j].end])
        if bal == -1:
            return j
        if bal == 1:
            return None
    return None


def publisher_node(article: Article, registry: Registry) -> Node | None:
    if not article.publisher:
        return None
    m = registry.lookup(article.publisher)
    if m is not None and m.entry is not None:
        e = m.entry
        return Node(display_name(e), e.source_class, e.id, e.country, e.source_class in MEDIA_CLASSES)
    return Node(article.publisher, "unknown", None, None, True)


def analyse(article: Article, parsed: ParsedDocument, registry: Registry, lexicon: CueLexicon) -> Report:
    text = article.source_text
    parsed = merge_cue_fragments(text, parsed, lexicon)
    countries = article_countries(text, parsed, registry, article.place)
    resolver = Resolver(text, parsed, registry, countries)

    quotations = quote_spans(text, text_blocks(article.text))

    # pass 1: extract and resolve, sentence by sentence
    per_sentence: list[list[Attribution]] = []
    for sent in parsed.sentences:
        atts: list[Attribution] = []
        for ex in drop_quoted_cues(extract_sentence(text, sent, lexicon), quotations):
            source = None
            conf = ex.confidence
            if ex.source is not None:
                res = resolver.resolve(ex.source)
                source = source_span(ex.source, res, artefact=ex.role == "artefact")
                conf *= res.confidence if res.match != "exact" else 1.0
            atts.append(Attribution(cue=ex.cue, source=source, content=ex.content, kind=ex.kind,
                                    embedded_in=ex.embedded_in, stance=ex.stance, pattern=ex.pattern,
                                    confidence=round(min(1.0, conf), 3)))
        resolver.observe_sentence(sent)
        per_sentence.append(atts)

    builder = ChainBuilder(publisher_node(article, registry))
    for atts in per_sentence:
        builder.learn_relays(atts)

    # pass 2: chains, continuation, verdicts
    lines = LineIndex(text)
    title = article.title
    statements: list[Statement] = []
    prev: StatementChain | None = None
    artefact_nouns = set(lexicon.artefact_nouns)
    lede_done = False
    own = [builder.build(atts) if atts else None for atts in per_sentence]
    for k, (sent, atts) in enumerate(zip(parsed.sentences, per_sentence)):
        sc = own[k]
        if sc is None:
            closer = quote_closed_by(text, parsed, k)
            if closer is not None and own[closer] is not None:
                sc = StatementChain(chain=own[closer].chain, carried=True, paths=own[closer].paths,
                                    confidence_factor=0.7, carried_from=closer)
            elif prev is not None and is_continuation(sent, text, prev.paths, artefact_nouns):
                sc = StatementChain(chain=prev.chain, carried=True, paths=prev.paths, confidence_factor=0.7,
                                    carried_from=len(statements) - 1)
            else:
                sc = builder.publisher_only()
        elif prev is not None:
            has_also = any(w.lemma.lower() in ("also", "further") and w.deprel == "advmod" for w in sent.words)
            inherited = inherits_channel(sc.paths, prev.paths, has_also)
            if inherited is not None:
                paths = [inherited + [n for n in p if ChainBuilder.key(n) not in {ChainBuilder.key(i) for i in inherited}]
                         for p in sc.paths]
                primary = max(paths, key=len)
                sc = StatementChain(chain=builder.links(primary), carried=True, paths=paths,
                                    confidence_factor=0.8, carried_from=len(statements) - 1)
        verdict, vconf = decide(sc.paths) if (atts or sc.carried) else ("reporter", 0.9)
        att_conf = min((a.confidence for a in atts), default=1.0)
        line, col = lines.line_col(sent.start)
        is_headline = title is not None and title.start <= sent.start < title.end
        is_lede = not is_headline and not lede_done
        lede_done = lede_done or is_lede
        statements.append(Statement(
            index=len(statements), start=sent.start, end=sent.end, line=line, column=col,
            text=text[sent.start : sent.end], attributions=atts, chain=sc.chain, verdict=verdict,
            state_media_only=verdict == "state_media_only", carried=sc.carried,
            confidence=round(vconf * att_conf * sc.confidence_factor, 3),
            is_headline=is_headline, is_lede=is_lede,
        ))
        prev = sc if (atts or sc.carried) else None

    return Report(
        tool=ToolInfo(version=__version__),
        model=ModelInfo(id=parsed.model_id, stanza_version=stanza_version()),
        document=DocumentInfo(
            path=article.path, format=article.format, title=title.text if title else None,
            date=article.date, publisher=article.publisher, place=article.place, byline=article.byline,
            sources_list=[TextSpan(text=s.text, start=s.start, end=s.end) for s in article.sources_list],
            characters=len(text), words=parsed.word_count, warnings=list(article.warnings),
        ),
        statements=statements,
        summary=summarise(statements),
    )


def summarise(statements: list[Statement], findings_by_severity: dict[str, int] | None = None) -> Summary:
    verdicts = {v: 0 for v in VERDICTS}
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
