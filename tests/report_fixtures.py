"""Report builders for the tests (no model, no parse).

``make_report(path, statements, findings)`` is the one place a test Report is put together
(tool and model stand-ins, document size, summary counted).  ``art(path, S(...), ...)``
builds a whole article from statement specs (chain names, content, kind), for the
cross-article tests.

``gold_report()`` turns ``shared/gold/000_6a10e030e5c8f4fd.gold.jsonl`` plus the seed text
into a ``Report`` (offsets, chains with roles and classes, verdicts) with a few synthetic
findings, one of them suppressed; ``sample_rules()`` is a small rule pack declaring their
codes. ``hostile_report()`` is the same shape with attacker-controlled text everywhere.

    python tests/report_fixtures.py OUT.html   # preview the HTML report of the seed
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from provenance.policy.rule_schema import Rule
from provenance.report import (
    Attribution,
    ChainLink,
    DocumentInfo,
    Finding,
    ModelInfo,
    Report,
    SourceSpan,
    Statement,
    Summary,
    Suppression,
    TextSpan,
    ToolInfo,
)
from provenance.textpos import LineIndex

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_NAME = "000_6a10e030e5c8f4fd"
SEED_PATH = REPO / "seeds" / f"{SEED_NAME}.txt"
GOLD_PATH = SHARED / "gold" / f"{SEED_NAME}.gold.jsonl"
SEED_REL = f"seeds/{SEED_NAME}.txt"

# gold source_type -> report source class
GOLD_CLASS = {
    "state_media": "state_controlled",
    "media": "independent",
    "person": "person",
    "government": "official_body",
}
# names that appear in gold chains but never as an attribution source
EXTRA_CLASS = {"IANS": "independent"}
ORIGIN_VERDICT = {"state_media": "state_media_only", "reporter": "reporter"}


def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


def _locate(sentence: str, needle: str, base: int, near: int | None = None) -> TextSpan:
    """The occurrence of needle in the sentence (the one closest to `near`, if several)."""
    hits = []
    i = sentence.find(needle)
    while i != -1:
        hits.append(i)
        i = sentence.find(needle, i + 1)
    if not hits:
        raise ValueError(f"{needle!r} not in {sentence!r}")
    pos = min(hits, key=lambda h: abs(base + h - near)) if near is not None else hits[0]
    return TextSpan(text=needle, start=base + pos, end=base + pos + len(needle))


def _chain(names: list[str], classes: dict[str, str], people: set[str]) -> list[ChainLink]:
    links = []
    has_speaker = len(names) > 2 and names[-1] in people
    for i, name in enumerate(names):
        cls = classes.get(name, "unknown")
        if i == 0:
            role = "publisher"
        elif i == len(names) - 1:
            role = "speaker" if has_speaker else "origin"
        elif i == len(names) - 2 and has_speaker:
            role = "origin"
        else:
            role = "relay"
        country = {"KCNA": "KP", "Yonhap": "KR", "IANS": "IN", "Kim Jong-un": "KP", "Olga Lyubimova": "RU"}.get(name)
        links.append(ChainLink(name=name, source_class=cls, role=role, country=country))
    return links


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def summarise(statements: list[Statement], findings: list[Finding]) -> Summary:
    verdicts = Counter(s.verdict for s in statements)
    by_class: dict[str, set[str]] = {}
    for s in statements:
        for a in s.attributions:
            if a.source is not None:
                by_class.setdefault(a.source.source_class, set()).add(a.source.name)
    sev = Counter(f.severity for f in findings if f.suppression is None)
    return Summary(
        statements=len(statements),
        attributions=sum(len(s.attributions) for s in statements),
        verdicts={
            v: verdicts.get(v, 0) for v in sorted(["state_media_only", "official", "independent", "mixed", "reporter"])
        },
        sources_by_class={k: sorted(v) for k, v in sorted(by_class.items())},
        findings_by_severity={k: sev.get(k, 0) for k in ("error", "info", "warning")},
    )


def make_report(
    path: str,
    statements: list[Statement],
    findings: Iterable[Finding] = (),
    *,
    format: str = "text",
    characters: int | None = None,
    words: int | None = None,
    tool_version: str = "0.1.0",
    model_id: str = "test",
    stanza_version: str = "1.15.0",
    **document,
) -> Report:
    """A Report around hand-built statements: the document's size from the statements
    unless given, the summary counted from statements and findings; ``document`` holds
    the other DocumentInfo fields (title, publisher, warnings, ...)."""
    findings = list(findings)
    return Report(
        tool=ToolInfo(version=tool_version),
        model=ModelInfo(id=model_id, stanza_version=stanza_version),
        document=DocumentInfo(
            path=path,
            format=format,
            characters=max((s.end for s in statements), default=0) if characters is None else characters,
            words=sum(len(s.text.split()) for s in statements) if words is None else words,
            **document,
        ),
        statements=statements,
        findings=findings,
        summary=summarise(statements, findings),
    )


# --- articles from statement specs (cross-article tests) -------------------------------

# name -> (class, country, registry id)
SOURCES: dict[str, tuple[str, str | None, str | None]] = {
    "IANS": ("independent", "IN", "in-ians"),
    "Reuters": ("independent", None, "gb-reuters"),
    "AP": ("independent", "US", "us-ap"),
    "Yonhap": ("independent", "KR", "kr-yonhap"),
    "BBC": ("public_service", "GB", "gb-bbc"),
    "KCNA": ("state_controlled", "KP", "kp-kcna"),
    "Rodong Sinmun": ("state_controlled", "KP", "kp-rodong-sinmun"),
    "TASS": ("state_controlled", "RU", "ru-tass"),
    "Xinhua": ("state_controlled", "CN", "cn-xinhua"),
    "South Korea's Joint Chiefs of Staff": ("official_body", "KR", None),
    "North Korea's Foreign Ministry": ("official_body", "KP", None),
    "Russian Defence Ministry": ("official_body", "RU", None),
    "Kim Jong-un": ("person", "KP", "kp-kim-jong-un"),
    "analysts": ("unknown", None, None),
}
STATE = ("state_controlled", "state_affiliated")


def link(name: str, role: str) -> ChainLink:
    cls, country, eid = SOURCES.get(name, ("unknown", None, None))
    return ChainLink(name=name, source_class=cls, role=role, entity_id=eid, country=country)


def chain(names: tuple[str, ...]) -> list[ChainLink]:
    """Roles: publisher first; the last is the speaker when a person follows an origin, else
    the origin; the rest relays."""
    n = len(names)
    speaker = n > 2 and SOURCES.get(names[-1], ("unknown",))[0] == "person"
    out = []
    for i, name in enumerate(names):
        if i == 0:
            role = "publisher"
        elif i == n - 1:
            role = "speaker" if speaker else "origin"
        elif i == n - 2 and speaker:
            role = "origin"
        else:
            role = "relay"
        out.append(link(name, role))
    return out


@dataclass
class S:
    text: str
    chain: tuple[str, ...] = ("IANS", "KCNA")
    content: str | None = None  # a substring of text; None: no attribution (unless the chain has sources)
    kind: str = "indirect"
    verdict: str | None = None


def _verdict(links: list[ChainLink]) -> str:
    if len(links) == 1:
        return "reporter"
    if any(ln.source_class in STATE for ln in links[1:]):
        return "state_media_only"
    origin = next(ln for ln in links if ln.role == "origin")
    return "official" if origin.source_class == "official_body" else "independent"


def _span(text: str, needle: str, base: int) -> TextSpan:
    i = text.index(needle)
    return TextSpan(text=needle, start=base + i, end=base + i + len(needle))


def art(path: str, *specs: S, publisher: str | None = None) -> Report:
    """A report of statements separated by blank lines (one per paragraph)."""
    statements: list[Statement] = []
    offset, line = 0, 1
    for i, spec in enumerate(specs):
        links = chain(spec.chain)
        attributions: list[Attribution] = []
        if len(links) > 1:
            cue_word = next((w for w in ("quoted", "said", "reported", "told", "according") if w in spec.text), spec.text.split()[-1])
            cue = _span(spec.text, cue_word, offset)
            content = _span(spec.text, spec.content, offset) if spec.content else None
            for ln in links[1:]:
                if ln.role not in ("origin", "speaker"):
                    continue
                src = SourceSpan(text=ln.name, start=cue.start, end=cue.end, name=ln.name, source_class=ln.source_class,
                                 entity_id=ln.entity_id, country=ln.country)
                attributions.append(Attribution(cue=cue, source=src, content=content, kind=spec.kind,
                                                 pattern="nsubj-ccomp", confidence=0.9))
        verdict = spec.verdict or _verdict(links)
        statements.append(Statement(index=i, start=offset, end=offset + len(spec.text), line=line, column=1, text=spec.text,
                                    attributions=attributions, chain=links, verdict=verdict,
                                    state_media_only=verdict == "state_media_only", confidence=0.9))
        offset += len(spec.text) + 2
        line += spec.text.count("\n") + 2
    return make_report(path, statements, publisher=publisher or (specs[0].chain[0] if specs else None),
                       characters=max(0, offset - 2))


def make_finding(
    rule: Rule, stmt: Statement, text: str, lines: LineIndex, message: str, suppression: Suppression | None = None
) -> Finding:
    line, col = lines.line_col(stmt.start)
    end_line, end_col = lines.line_col(stmt.end)
    return Finding(
        code=rule.code,
        rule=rule.name,
        severity=rule.severity,
        message=message,
        statement=stmt.index,
        start=stmt.start,
        end=stmt.end,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        fingerprint=fingerprint(rule.code, " ".join(stmt.text.split())),
        confidence=stmt.confidence,
        suppression=suppression,
    )


def sample_rules() -> list[Rule]:
    def rule(
        code: str, name: str, severity: str, message: str, what: str, why: str, example: str, instead: str
    ) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            message=message,
            detector=name.replace("-", "_"),
            doc={"what": what, "why": why, "example": example, "instead": instead},
            examples={"flagged": [example], "ok": [instead]},
        )

    return [
        rule(
            "SRC201",
            "state-media-only-claim",
            "warning",
            "Claim rests only on state media ({source}).",
            "Flags a statement whose only source is state-controlled media.",
            "State media speak for a government; readers should know the claim is not independently confirmed.",
            '"The visit was a great success," KCNA said.',
            'KCNA, North Korea\'s state news agency, said the visit was "a great success"; the claim could not be independently verified.',
        ),
        rule(
            "SRC202",
            "state-media-in-lede",
            "error",
            "The lede rests only on state media ({source}) without saying so.",
            'Flags a lede whose claim comes only from state media, with no label such as "state media".',
            "Readers of the first paragraph alone should learn who the claim comes from.",
            "Kim met the minister, KCNA said.",
            "Kim met the minister, North Korea's state media reported.",
        ),
        rule(
            "CHN301",
            "unlabelled-relay",
            "info",
            "{source} is relayed without saying how it was obtained.",
            "Notes a relayed source whose link in the chain is implicit.",
            "Readers cannot tell whether the outlet saw the original report.",
            "The meeting took place on Sunday, reports Yonhap.",
            "The meeting took place on Sunday, reports Yonhap, quoting KCNA.",
        ),
        rule(
            "ATT101",
            "unattributed-claim",
            "info",
            "Claim with no attribution.",
            "Notes a factual statement with no source.",
            "An unattributed claim is the reporter's own; make sure that is intended.",
            "Lyubimova arrived on Saturday.",
            "Lyubimova arrived on Saturday, the ministry said.",
        ),
        rule(
            "QUO401",
            "unbalanced-quotes",
            "error",
            "Unbalanced quotation marks.",
            "Flags a paragraph where quotation marks do not pair up.",
            "The extent of the quotation, and so who said what, is ambiguous.",
            '"It is important, he said.',
            '"It is important," he said.',
        ),
    ]


def gold_report(text: str | None = None, path: str = SEED_REL) -> Report:
    text = seed_text() if text is None else text
    gold = [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    classes = dict(EXTRA_CLASS)
    people: set[str] = set()
    for g in gold:
        for a in g["attributions"]:
            classes[a["source"]] = GOLD_CLASS[a["source_type"]]
            if a["source_type"] in ("person", "government"):
                people.add(a["source"])
    lines = LineIndex(text)
    statements: list[Statement] = []
    for g in gold:
        base = g["start"]
        assert text[g["start"] : g["end"]] == g["text"], g["i"]
        atts = []
        for a in g["attributions"]:
            src = _locate(g["text"], a["source_text"], base)
            cue = _locate(g["text"], a["cue"], base, near=src.start)
            content = _locate(g["text"], a["content"], base) if a["content"] else None
            atts.append(
                Attribution(
                    cue=cue,
                    source=SourceSpan(
                        text=src.text,
                        start=src.start,
                        end=src.end,
                        name=a["source"],
                        source_class=classes[a["source"]],
                        entity_type="person" if a["source_type"] in ("person", "government") else "organisation",
                        match="exact" if a["source_text"] == a["source"] else "antecedent",
                    ),
                    content=content,
                    kind=a["kind"],
                    embedded_in=a["embedded_in"],
                    stance="neutral",
                    pattern="according-to" if a["kind"] == "according_to" else "nsubj-ccomp",
                    carried=g["carried"],
                    confidence=0.62 if g["carried"] else 0.93,
                )
            )
        line, col = lines.line_col(g["start"])
        statements.append(
            Statement(
                index=g["i"],
                start=g["start"],
                end=g["end"],
                line=line,
                column=col,
                text=g["text"],
                attributions=atts,
                chain=_chain(g["chain"], classes, people),
                verdict=ORIGIN_VERDICT[g["origin_class"]],
                state_media_only=g["state_media_only"],
                carried=g["carried"],
                confidence=0.62 if g["carried"] else 0.91,
                is_lede=g["i"] == 0,
            )
        )
    rules = {r.code: r for r in sample_rules()}
    findings = [
        make_finding(
            rules["SRC202"], statements[0], text, lines, "The lede rests only on state media (KCNA) without saying so."
        ),
        make_finding(
            rules["CHN301"], statements[1], text, lines, "Yonhap is relayed without saying how it was obtained."
        ),
        make_finding(rules["ATT101"], statements[2], text, lines, "Claim with no attribution."),
    ]
    for i in (3, 5, 8, 13):
        findings.append(
            make_finding(rules["SRC201"], statements[i], text, lines, "Claim rests only on state media (KCNA).")
        )
    findings.append(
        make_finding(
            rules["SRC201"],
            statements[9],
            text,
            lines,
            "Claim rests only on state media (KCNA).",
            suppression=Suppression(kind="inSource", justification="KCNA is named as the source in the lede"),
        )
    )
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return make_report(
        path,
        statements,
        findings,
        model_id="bundled:en_bundled-2026.11",
        title="Kim Jong-un meets Russian culture minister in Pyongyang",
        date="2025-06-30",
        publisher="IANS",
        place="Seoul",
        characters=len(text),
        words=len(text.split()),
    )


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)",
    "</script><script>alert(2)</script>",
    "<!-- x --><svg onload=alert(3)>",
    "&lt;b&gt; & \u2028 ]]> {{ 7*7 }}",
]


def hostile_report() -> tuple[Report, str, list[Rule]]:
    """A report whose every free-text field carries markup an attacker could plant."""
    bad = " ".join(HOSTILE)
    sent1 = f'"{HOSTILE[0]} quoted {HOSTILE[1]}," said {HOSTILE[2]}.'
    sent2 = f"Reporter text {HOSTILE[3]} {HOSTILE[4]} {HOSTILE[5]} {HOSTILE[6]}."
    text = sent1 + "\n\n" + sent2 + "\n"
    lines = LineIndex(text)
    s2 = len(sent1) + 2
    src_text = HOSTILE[2]
    src_start = sent1.index(src_text)
    cue_start = sent1.index("said")
    att = Attribution.model_construct(  # unvalidated: a hostile construction name cannot be loaded, but the renderers must still escape it
        cue=TextSpan(text="said", start=cue_start, end=cue_start + 4),
        source=SourceSpan(
            text=src_text,
            start=src_start,
            end=src_start + len(src_text),
            name=f"{HOSTILE[1]}</script>",
            source_class="state_controlled",
            entity_id=HOSTILE[0],
            country="KP",
            match="exact",
        ),
        content=TextSpan(text=sent1[1 : sent1.index(",")], start=1, end=sent1.index(",")),
        kind="direct",
        stance="distancing",
        pattern=HOSTILE[4],
        confidence=0.5,
    )
    statements = [
        Statement(
            index=0,
            start=0,
            end=len(sent1),
            line=1,
            column=1,
            text=sent1,
            attributions=[att],
            chain=[
                ChainLink(name=HOSTILE[6], source_class="independent", role="publisher"),
                ChainLink(name=f"{HOSTILE[1]}</script>", source_class="state_controlled", role="origin"),
                ChainLink(name=HOSTILE[4], source_class="person", role="speaker"),
            ],
            verdict="state_media_only",
            state_media_only=True,
            confidence=0.5,
        ),
        Statement(
            index=1,
            start=s2,
            end=s2 + len(sent2),
            line=3,
            column=1,
            text=sent2,
            attributions=[],
            chain=[ChainLink(name=HOSTILE[6], source_class="independent", role="publisher")],
            verdict="reporter",
            state_media_only=False,
            confidence=0.9,
        ),
    ]
    rule = Rule(
        code="SRC201",
        name="state-media-only-claim",
        severity="warning",
        message=bad,
        detector="x",
        doc={"what": bad, "why": bad, "example": bad, "instead": bad},
        examples={"flagged": [bad], "ok": [bad]},
    )
    findings = [
        make_finding(rule, statements[0], text, lines, f"{bad}\nsecond line, with: colon%"),
        make_finding(
            rule, statements[1], text, lines, bad, suppression=Suppression(kind="external", justification=bad)
        ),
    ]
    report = make_report(
        f"x/{HOSTILE[2]}, a:b%.txt",
        statements,
        findings,
        model_id=HOSTILE[0],
        title=bad,
        date=HOSTILE[3],
        publisher=HOSTILE[1],
        place=HOSTILE[4],
        byline=HOSTILE[5],
        characters=len(text),
        words=len(text.split()),
        warnings=[bad],
    )
    return report, text, [rule]


# --- a tiny DOM for asserting on rendered HTML (stdlib only) ---------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and all(n.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, **attrs: str) -> Node | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def by_id(self, id_: str) -> Node | None:
        return next((n for n in self.iter() if n.attrs.get("id") == id_), None)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self, skip_class: str | None = None) -> str:
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif not (skip_class and skip_class in c.classes()):
                out.append(c.text(skip_class))
        return "".join(out)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.cur = self.root
        self.raw_script: list[tuple[dict[str, str | None], str]] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), parent=self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_html(text: str) -> Node:
    b = _Builder()
    b.feed(text)
    b.close()
    return b.root


if __name__ == "__main__":  # preview: python tests/report_fixtures.py OUT.html
    from provenance.render import render_html

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "reports/preview.html")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(gold_report(), sample_rules(), seed_text()), encoding="utf-8")
    print(out)
