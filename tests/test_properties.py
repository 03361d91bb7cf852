"""Property tests: arbitrary input never crashes ingest, the attribution stages, the rules
or the renderers, and what they produce is well-formed.  No model: parses are random
valid CoNLL-U trees built from attribution-heavy words."""

from __future__ import annotations

import functools
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.errors import InputError
from provenance.ingest import article_from_text, load_article
from provenance.report import Report
from tests.conftest import analyse_conllu

# PROVENANCE_HYPOTHESIS_SCALE=20 runs twenty times the examples (a longer bug hunt).
SCALE = max(1, int(os.environ.get("PROVENANCE_HYPOTHESIS_SCALE", "1") or 1))
FAST = settings(max_examples=100 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TREES = settings(max_examples=200 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- ingest -------------------------------------------------------------------------------------


@FAST
@given(text=st.text(st.characters(codec="utf-8"), max_size=400),
       fmt=st.sampled_from([None, "text", "markdown", "html"]),
       path=st.sampled_from(["<stdin>", "a.txt", "a.md", "a.html", "noext"]))
def test_ingest_of_arbitrary_text_raises_nothing_but_input_error(text, fmt, path):
    try:
        article = article_from_text(text, path=path, fmt=fmt)
    except InputError:
        return
    assert len(article.text) == len(article.source_text)


@FAST
@given(data=st.binary(max_size=300), encoding=st.sampled_from([None, "latin-1", "utf-16", "cp1252", "bogus"]))
def test_ingest_of_arbitrary_bytes_raises_nothing_but_input_error(tmp_path_factory, data, encoding):
    path = tmp_path_factory.mktemp("bytes") / "in.txt"
    path.write_bytes(data)
    try:
        load_article(path, encoding=encoding, max_bytes=200)
    except InputError as exc:
        assert "\n" not in str(exc)


# --- random dependency trees through analyse, the rules and every renderer --------------------

WORDS = {
    "said": "VERB", "says": "VERB", "told": "VERB", "quoted": "VERB", "saying": "VERB", "reported": "VERB",
    "claimed": "VERB", "according": "VERB", "cited": "VERB", "was": "AUX", "is": "AUX", "as": "SCONJ",
    "to": "ADP", "by": "ADP", "that": "SCONJ", "the": "DET", "it": "PRON", "he": "PRON", "him": "PRON",
    "they": "PRON", "KCNA": "PROPN", "Yonhap": "PROPN", "Xinhua": "PROPN", "Reuters": "PROPN", "Kim": "PROPN",
    "Putin": "PROPN", "officials": "NOUN", "minister": "NOUN", "agency": "NOUN", "media": "NOUN",
    "state": "NOUN", "talks": "NOUN", "reportedly": "ADV", '"': "PUNCT", "\u201c": "PUNCT",
    "\u201d": "PUNCT", ",": "PUNCT", ".": "PUNCT", ":": "PUNCT",
}
LEMMA = {"said": "say", "says": "say", "told": "tell", "quoted": "quote", "saying": "say", "reported": "report",
         "claimed": "claim", "cited": "cite", "was": "be", "is": "be", "him": "he", "officials": "official"}
DEPRELS = ["nsubj", "ccomp", "parataxis", "obl", "case", "fixed", "advcl", "obj", "acl", "mark", "nsubj:pass",
           "aux:pass", "obl:agent", "punct", "det", "compound", "flat", "conj", "cc", "xcomp", "advmod", "nmod",
           "iobj", "dep", "acl:relcl", "aux", "cop", "amod", "appos", "csubj", "obl:tmod", "nmod:poss"]


@st.composite
def sentence(draw) -> list[tuple[str, int, str, bool]]:
    """(form, head, deprel, space_after) for each word of a random tree."""
    n = draw(st.integers(1, 14))
    forms = draw(st.lists(st.sampled_from(sorted(WORDS)), min_size=n, max_size=n))
    order = draw(st.permutations(range(n)))  # order[0] is the root; each later word hangs on an earlier one
    heads = [0] * n
    for k in range(1, n):
        heads[order[k]] = order[draw(st.integers(0, k - 1))] + 1
    deprels = [("root" if heads[i] == 0 else draw(st.sampled_from(DEPRELS))) for i in range(n)]
    spaces = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    return [(forms[i], heads[i], deprels[i], spaces[i] or i == n - 1) for i in range(n)]


def to_conllu(sentences: list[list[tuple[str, int, str, bool]]]) -> str:
    lines = []
    for i, words in enumerate(sentences, 1):
        text = "".join(f + (" " if sp and j < len(words) - 1 else "") for j, (f, _, _, sp) in enumerate(words))
        lines += [f"# sent_id = {i}", f"# text = {text}"]
        for j, (form, head, deprel, space) in enumerate(words, 1):
            misc = "_" if space else "SpaceAfter=No"
            lines.append(f"{j}\t{form}\t{LEMMA.get(form, form.lower())}\t{WORDS[form]}\t_\t_\t{head}\t{deprel}\t_\t{misc}")
        lines.append("")
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=1)
def rule_pack():
    from provenance.policy.loader import load_rules

    return load_rules(None)


def with_findings(report: Report, text: str) -> Report:
    from provenance.article import Article
    from provenance.report import summarise
    from provenance.policy.engine import evaluate, findings_by_severity

    article = Article(path="<fixture>", format="text", source_text=text, text=text, publisher="IANS")
    findings = evaluate(report, article, rule_pack())
    return report.model_copy(update={"findings": findings,
                                     "summary": summarise(report.statements, findings_by_severity(findings))})


def assert_well_formed(report: Report, text: str) -> None:
    prev_end = 0
    for k, s in enumerate(report.statements):
        assert s.index == k
        assert prev_end <= s.start < s.end <= len(text), (prev_end, s.start, s.end)
        assert text[s.start:s.end] == s.text
        prev_end = s.end
        for a in s.attributions:
            spans = [a.cue] + [x for x in (a.source, a.content) if x is not None]
            for span in spans:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start:span.end] == span.text
                if span is not a.content:  # a quotation the content reports may run past its statement
                    assert s.start <= span.start and span.end <= s.end, (span, s.start, s.end)
                else:
                    assert span.start < s.end and s.start < span.end or span.start == span.end, (span, s.start, s.end)
            if a.embedded_in is not None:
                assert 0 <= a.embedded_in < len(s.attributions)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.statement is None or 0 <= f.statement < len(report.statements)


@TREES
@given(sentences=st.lists(sentence(), min_size=1, max_size=4))
def test_random_trees_never_crash_and_give_well_formed_reports(sentences):
    from provenance.nlp.conllu import read_conllu
    from provenance.render import render

    conllu = to_conllu(sentences)
    text, _ = read_conllu(conllu)
    report = with_findings(analyse_conllu(conllu), text)
    assert_well_formed(report, text)
    Report.model_validate_json(report.to_json())
    rules = list(rule_pack())
    for fmt in ("json", "text", "html", "sarif", "github"):
        out = render(fmt, report, rules, source_texts={report.document.path: text})
        assert isinstance(out, str) and (out or fmt == "github")  # github: one line per finding
    json.loads(render("sarif", [report, report.model_copy(update={"document": report.document.model_copy(update={"path": "b.txt"})})], rules))
