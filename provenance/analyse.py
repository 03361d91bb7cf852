"""Wires the analysis stages for one article: parsed text → statements with chains and verdicts.

ingest (Article) → parse (ParsedDocument) → extract → resolve → chain → verdict → Report.
Each stage lives in its own package; this module only hands one stage's output to the next.
Policy (findings) and rendering are applied by the caller on the returned Report.
"""

from __future__ import annotations

from provenance import __version__
from provenance.article import Article
from provenance.chain.build import ChainBuilder
from provenance.chain.carry import statement_chains
from provenance.extract.lexicon import CueLexicon
from provenance.extract.quoted import continue_quotations, drop_quoted_cues, widen_to_quotations
from provenance.extract.repair import repair_attachments
from provenance.extract.run import extract_sentence
from provenance.extract.segment import merge_cue_fragments
from provenance.nlp.doc import ParsedDocument
from provenance.nlp.parser import stanza_version
from provenance.quotes import quote_spans, text_blocks
from provenance.registry import Registry
from provenance.report import DocumentInfo, ModelInfo, Report, Statement, TextSpan, ToolInfo, summarise
from provenance.resolve.attribute import resolve_attributions
from provenance.resolve.countries import article_countries
from provenance.resolve.descriptions import settle_descriptions
from provenance.resolve.entities import Resolver
from provenance.resolve.publisher import publisher_node
from provenance.textpos import LineIndex
from provenance.verdict.decide import statement_verdict


def analyse(article: Article, parsed: ParsedDocument, registry: Registry, lexicon: CueLexicon) -> Report:
    text = article.source_text
    title_end = article.title.end if article.title is not None else None
    parsed = repair_attachments(merge_cue_fragments(text, parsed, lexicon, title_end), lexicon)
    resolver = Resolver(text, parsed, registry, article_countries(text, parsed, registry, article.place))
    quotations = quote_spans(text, text_blocks(article.text))

    # extract and resolve, sentence by sentence (the resolver remembers earlier sentences)
    title = article.title
    per_sentence = []
    for sent in parsed.sentences:
        headline = title is not None and title.start <= sent.start < title.end
        found = widen_to_quotations(drop_quoted_cues(extract_sentence(text, sent, lexicon, headline), quotations),
                                    quotations, text)
        per_sentence.append(resolve_attributions(found, resolver))
        resolver.observe_sentence(sent)

    headline = next((k for k, s in enumerate(parsed.sentences) if title and title.start <= s.start < title.end), None)
    per_sentence = continue_quotations(per_sentence, parsed.sentences, quotations, text)
    per_sentence = settle_descriptions(per_sentence, headline, lambda i: getattr(registry.get(i), "kind", None),
                                       resolver.outlets_named(), registry.country_of,
                                       resolver.countries[0] if resolver.countries else None)

    # chains (relays learnt from the whole article first), carried attribution, verdicts
    builder = ChainBuilder(publisher_node(article, registry))
    for k, atts in enumerate(per_sentence):
        builder.learn_relays(atts)
        builder.learn_state_channels(atts, k)
    blocks = text_blocks(article.text)
    paragraph = [next((i for i, b in enumerate(blocks) if b.start <= s.start < b.end), -1 - k)
                 for k, s in enumerate(parsed.sentences)]
    chains = statement_chains(text, parsed, per_sentence, builder, lexicon, paragraph, headline,
                              registry.countries.voiced_by_state_media)

    lines = LineIndex(text)
    statements: list[Statement] = []
    lede_done = False
    for sent, atts, sc in zip(parsed.sentences, per_sentence, chains):
        verdict, vconf = statement_verdict(sc, attributed=bool(atts))
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
