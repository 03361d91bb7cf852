"""One article through every stage: ingest → parse → analyse → policy.

``Checker`` holds what a batch shares (one stanza pipeline, the registry, the cue lexicon,
the rule pack) so that a directory of articles loads each of them once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from loguru import logger

from provenance.article import Article
from provenance.nlp.doc import ParsedDocument


@dataclass
class CheckOptions:
    model: str = "bundled"
    use_cache: bool = True
    publisher: str | None = None
    encoding: str | None = None
    max_bytes: int = 2_000_000
    rule_dirs: list[Path] = field(default_factory=list)
    config: object | None = None  # provenance.policy.config.Config


@dataclass
class StageTimes:
    ingest: float = 0.0
    parse: float = 0.0
    analyse: float = 0.0
    policy: float = 0.0


@dataclass
class CheckResult:
    article: Article
    parsed: ParsedDocument
    report: "Report"  # noqa: F821  (provenance.report.Report)
    times: StageTimes
    cache_hit: bool = False


class Checker:
    def __init__(self, options: CheckOptions | None = None) -> None:
        from provenance.extract.lexicon import load_lexicon
        from provenance.nlp.models import parse_model_option
        from provenance.nlp.parser import Parser
        from provenance.policy.loader import load_rules
        from provenance.registry import Registry

        self.options = options or CheckOptions()
        self.parser = Parser(parse_model_option(self.options.model), use_cache=self.options.use_cache)
        self.registry = Registry.load()
        self.lexicon = load_lexicon()
        self.rules = load_rules(self.options.rule_dirs or None)

    def load(self, path: Path | str) -> Article:
        from provenance.ingest import load_article

        return load_article(path, encoding=self.options.encoding, max_bytes=self.options.max_bytes,
                            publisher=self.options.publisher)

    def check_path(self, path: Path | str) -> CheckResult:
        t0 = time.perf_counter()
        article = self.load(path)
        return self.check_article(article, ingest_s=time.perf_counter() - t0)

    def check_article(self, article: Article, ingest_s: float = 0.0) -> CheckResult:
        from provenance.pipeline import analyse, summarise
        from provenance.policy.engine import evaluate, findings_by_severity

        times = StageTimes(ingest=ingest_s)
        t0 = time.perf_counter()
        parsed = self.parser.parse(article.text)
        times.parse = time.perf_counter() - t0
        hit = self.parser.last_hit
        t0 = time.perf_counter()
        report = analyse(article, parsed, self.registry, self.lexicon)
        times.analyse = time.perf_counter() - t0
        t0 = time.perf_counter()
        findings = evaluate(report, article, self.rules, config=self.options.config)  # type: ignore[arg-type]
        report = report.model_copy(update={
            "findings": findings,
            "summary": summarise(report.statements, findings_by_severity(findings)),
        })
        times.policy = time.perf_counter() - t0
        logger.debug(f"{article.path}: ingest {times.ingest:.3f}s parse {times.parse:.3f}s "
                     f"(cache {'hit' if hit else 'miss'}) analyse {times.analyse:.3f}s policy {times.policy:.3f}s")
        return CheckResult(article=article, parsed=parsed, report=report, times=times, cache_hit=hit)
