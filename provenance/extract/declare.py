"""How a construction is declared, and the registry that finds constructions by name.

Extraction reads a parsed sentence with *constructions*: grammatical shapes in which news
copy attributes a claim ("X said Y", "according to X", "…, quoting X").  Each one is
declared once, beside the code that reads it, in a module of
``provenance/extract/constructions/``:

* a :class:`Construction` is what a reader of the report sees: its ``name`` (the
  attribution's ``pattern`` field), its base confidence, three fixed documentation sections
  and the CoNLL-U fixture whose ``# expect`` lines show it at work;
* a :class:`Family` is how constructions are found: a :class:`Trigger` (which words of the
  sentence start it), the families it must run after, the constructions it may emit, and
  the function that reads the sentence.

``provenance.extract.run`` loops over the families in their declared order; it knows no
construction by name.  ``docs/constructions.md`` and ``provenance construction NAME`` are
generated from these declarations.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from provenance.extract.grammar import Grammar
    from provenance.extract.lexicon import CueLexicon
    from provenance.nlp.doc import Word

CONSTRUCTIONS_PACKAGE = "provenance.extract.constructions"


@dataclass(frozen=True)
class Doc:
    """The fixed documentation sections of a construction."""

    reads: str  # what the construction reads, in an editor's words
    example: str  # one invented sentence it reads
    not_read: str  # what it deliberately does not read


@dataclass(frozen=True)
class Construction:
    name: str  # the attribution's ``pattern`` in reports; rule options name it (CHN301 relay_patterns)
    family: str  # the family whose pass emits it
    confidence: float  # base confidence before source resolution
    doc: Doc
    fixture: str  # tests/fixtures/conllu/<fixture>.conllu, with ``# expect`` lines naming this construction
    module: str = ""


@dataclass(frozen=True)
class Trigger:
    """Which words of a sentence start a family's pass (all given conditions must hold)."""

    lemmas: str | None = None  # a CueLexicon word list (attribute name) the lower-case lemma is in
    forms: str | None = None  # a CueLexicon word list the lower-case form is in
    words: frozenset[str] = frozenset()  # literal lower-case forms
    upos: tuple[str, ...] = ()  # allowed universal POS tags (empty: any)
    unconsumed: bool = False  # skip a word an earlier construction already read as a cue
    sentence: bool = False  # the pass runs once per sentence instead of once per word
    headline: bool = False  # only in the article's headline

    def describe(self) -> str:
        if self.sentence:
            return "once per headline" if self.headline else "once per sentence"
        parts = []
        if self.lemmas:
            parts.append(f"lemma in `{self.lemmas}`")
        if self.forms:
            parts.append(f"form in `{self.forms}`")
        if self.words:
            parts.append("form " + " / ".join(f"`{w}`" for w in sorted(self.words)))
        if self.upos:
            parts.append("tagged " + "/".join(self.upos))
        if self.unconsumed:
            parts.append("not already a cue")
        return ", ".join(parts)


WordPass = Callable[["Grammar", "Word"], None]
SentencePass = Callable[["Grammar"], None]


@dataclass(frozen=True)
class Family:
    name: str
    summary: str
    trigger: Trigger
    emits: tuple[str, ...]  # construction names this pass may add
    run: Callable[..., None]  # (grammar, word) per trigger word, or (grammar) per sentence
    after: tuple[str, ...] = ()  # families whose findings this pass reads or must not pre-empt
    when: Callable[[Grammar, Word], bool] | None = None  # a further condition on the trigger word
    module: str = field(default="", compare=False)

    def starts_at(self, g: Grammar, v: Word, lemma: str, form: str) -> bool:
        t = self.trigger
        lex = g.lex
        if t.upos and v.upos not in t.upos:
            return False
        if t.lemmas is not None and lemma not in getattr(lex, t.lemmas):
            return False
        if t.forms is not None and form not in getattr(lex, t.forms):
            return False
        if t.words and form not in t.words:
            return False
        if t.unconsumed and v.id in g.consumed:
            return False
        if g.name_part(v):
            return False  # "the city of Port Said": a name, not a cue
        return self.when is None or self.when(g, v)


_CONSTRUCTIONS: dict[str, Construction] = {}
_FAMILIES: dict[str, Family] = {}


DOC_SECTIONS = (("reads", "Reads:"), ("example", "Example:"), ("not_read", "Not read:"))


def construction(name: str, *, family: str, confidence: float, fixture: str, doc: str) -> Construction:
    """Declare a construction (once, in the module whose code emits it).  ``doc`` holds the three
    fixed sections, each starting a line with its heading, in this order::

        Reads: what the construction reads, in an editor's words
        Example: one invented sentence it reads
        Not read: what it deliberately does not read
    """
    if name in _CONSTRUCTIONS:
        raise ValueError(f"construction {name!r} declared twice")
    if not 0.0 <= confidence <= 1.0:
        raise ValueError(f"construction {name!r}: confidence must lie in [0, 1]")
    c = Construction(name=name, family=family, confidence=confidence, doc=Doc(**_doc_sections(name, doc)),
                     fixture=fixture, module=_caller_module())
    _CONSTRUCTIONS[name] = c
    return c


def _doc_sections(name: str, doc: str) -> dict[str, str]:
    """The sections of a construction's ``doc``, keyed as :class:`Doc`'s fields, white space folded."""
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.strip().splitlines():
        text = line.strip()
        heading = next(((field_, h) for field_, h in DOC_SECTIONS if text.startswith(h)), None)
        if heading is not None:
            if heading[0] in parts:
                raise ValueError(f"construction {name!r}: doc has {heading[1]!r} twice")
            current = parts[heading[0]] = []
            text = text[len(heading[1]):]
        elif current is None:
            raise ValueError(f"construction {name!r}: doc must start with {DOC_SECTIONS[0][1]!r}")
        current.append(text)
    order = [field_ for field_, _ in DOC_SECTIONS]
    if list(parts) != order:
        raise ValueError(f"construction {name!r}: doc needs the sections "
                         + ", ".join(h for _, h in DOC_SECTIONS) + " in that order, each once")
    return {field_: " ".join(" ".join(parts[field_]).split()) for field_ in order}


def family(name: str, *, summary: str, trigger: Trigger, emits: tuple[str, ...], after: tuple[str, ...] = (),
           when: Callable[[Grammar, Word], bool] | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Declare the decorated function as a family's pass."""
    def register(fn: Callable[..., None]) -> Callable[..., None]:
        if name in _FAMILIES:
            raise ValueError(f"family {name!r} declared twice")
        _FAMILIES[name] = Family(name=name, summary=" ".join(summary.split()), trigger=trigger, emits=emits,
                                 run=fn, after=after, when=when, module=fn.__module__)
        return fn
    return register


def _caller_module() -> str:
    import inspect

    frame = inspect.currentframe()
    caller = frame.f_back.f_back if frame and frame.f_back else None
    return str(caller.f_globals.get("__name__", "")) if caller else ""


@functools.cache
def load_all() -> None:
    """Import every module of the constructions package (each registers itself)."""
    package = importlib.import_module(CONSTRUCTIONS_PACKAGE)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"{CONSTRUCTIONS_PACKAGE}.{info.name}")
    _validate()


def _validate() -> None:
    for fam in _FAMILIES.values():
        for n in fam.emits:
            if n not in _CONSTRUCTIONS:
                raise ValueError(f"family {fam.name!r} emits undeclared construction {n!r}")
        for a in fam.after:
            if a not in _FAMILIES:
                raise ValueError(f"family {fam.name!r} runs after unknown family {a!r}")
    for c in _CONSTRUCTIONS.values():
        if c.family not in _FAMILIES:
            raise ValueError(f"construction {c.name!r} belongs to unknown family {c.family!r}")
        if c.name not in _FAMILIES[c.family].emits:
            raise ValueError(f"construction {c.name!r}: family {c.family!r} does not list it in emits")


def constructions() -> dict[str, Construction]:
    """Every declared construction by name, in name order."""
    load_all()
    return dict(sorted(_CONSTRUCTIONS.items()))


def construction_names() -> frozenset[str]:
    return frozenset(constructions())


@functools.cache
def ordered_families() -> tuple[Family, ...]:
    """The families in run order: each after the ones it names (ties by name)."""
    load_all()
    done: list[Family] = []
    placed: set[str] = set()
    pending = dict(sorted(_FAMILIES.items()))
    while pending:
        ready = [f for f in pending.values() if set(f.after) <= placed]
        if not ready:
            raise ValueError("construction families form a cycle: " + ", ".join(sorted(pending)))
        nxt = ready[0]
        done.append(nxt)
        placed.add(nxt.name)
        del pending[nxt.name]
    return tuple(done)


def trigger_words(lex: CueLexicon) -> tuple[frozenset[str], frozenset[str]]:
    """(lemmas, lower-case forms) that any family's trigger can start from: other words are
    never looked at."""
    lemmas: set[str] = set()
    forms: set[str] = set()
    for fam in ordered_families():
        t = fam.trigger
        if t.lemmas:
            lemmas |= set(getattr(lex, t.lemmas))
        if t.forms:
            forms |= set(getattr(lex, t.forms))
        forms |= t.words
    return frozenset(lemmas), frozenset(forms)


def known_construction(name: Any) -> str:
    """Validator for a report's ``pattern``: a declared construction name."""
    if name not in construction_names():
        raise ValueError(f"unknown construction {name!r} (see `provenance construction --list`)")
    return str(name)
