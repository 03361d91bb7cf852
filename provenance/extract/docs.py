"""Construction documentation generated from the declarations: ``provenance construction NAME``
and ``docs/constructions.md``.

Regenerate the committed page with ``python -m provenance.extract.docs > docs/constructions.md``
(a test fails when it drifts from the declarations).
"""

from __future__ import annotations

import sys
import textwrap

from provenance.extract.declare import Construction, Family, constructions, ordered_families

INTRO = """\
# Constructions

Extraction reads each parsed sentence with *constructions*: the grammatical shapes in which news
copy attributes a claim. Each construction is declared once, in a module of
`provenance/extract/constructions/`, with its name (the `pattern` of an attribution in the JSON
report, and what rule options such as CHN301's `relay_patterns` name), its family (the pass that
finds it: which words trigger it and which families it runs after), its base confidence, three
documentation sections and a CoNLL-U fixture whose `# expect` lines show it at work. This page is
generated from those declarations (`python -m provenance.extract.docs > docs/constructions.md`;
a test fails when it drifts); `provenance construction NAME` prints one entry.

The extract stage (`provenance/extract/run.py`) only loops over the families in their declared
order; every family reads the sentence through the shared grammar (`provenance/extract/grammar.py`:
subject, content, mention, surface noun phrase) and records attributions with `Grammar.add`.
Attributions whose cue lies inside another's content are then linked (`extract/nesting.py`).

## Adding a construction (worked example)

Say copy from one agency writes "X went on record: Y" and you want it read as an attribution.

1. Write the fixture `tests/fixtures/conllu/on_record.conllu`: a correct (or realistically wrong)
   parse of an invented sentence, with the attribution you expect under its `# text` line:

   ```
   # sent_id = 1
   # text = The minister went on record: the plant will close.
   # expect = went | The minister | the plant will close | on-record
   1	The	the	DET	DT	_	2	det	_	_
   ...
   ```

   (`# expect = none` says a sentence yields nothing; a sentence with no `expect` line is not checked.)
2. Write one module, `provenance/extract/constructions/on_record.py`:

   ```python
   from provenance.extract.declare import Trigger, construction, family
   from provenance.extract.grammar import Grammar
   from provenance.nlp.doc import Word

   ON_RECORD = construction("on-record", family="on-record", confidence=0.6, fixture="on_record", doc=\"\"\"
       Reads: A subject that 'went on record', a colon, and the clause after it.
       Example: The minister went on record: the plant will close.
       Not read: 'on record' without a colon.
   \"\"\")


   @family("on-record", summary="'went on record:'", trigger=Trigger(words=frozenset({"went"})),
           emits=("on-record",), after=("according-to",))
   def on_record(g: Grammar, v: Word) -> None:
       ...  # read the sentence with g.kid, g.subject, g.span ...; record with g.add(v, ..., "on-record", "speech")
   ```

Nothing else changes: the module is found by its package, the runner places its family after the
ones it names, the fixture test (`tests/test_constructions.py`) checks its expectations, the
report accepts `on-record` as a `pattern`, and the docs test asks you to regenerate this page.
"""


def _fill(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), width=92, initial_indent=indent, subsequent_indent=indent)


def family_of(c: Construction) -> Family:
    return next(f for f in ordered_families() if f.name == c.family)


def construction_text(c: Construction) -> str:
    """Plain-text documentation of one construction (``provenance construction NAME``)."""
    fam = family_of(c)
    out = [f"{c.name} (family {fam.name}, confidence {c.confidence:g})", "",
           "What it reads", _fill(c.doc.reads), "", "Example", "  " + c.doc.example, "",
           "What it does not read", _fill(c.doc.not_read), "",
           "Trigger", _fill(fam.trigger.describe() + (f"; runs after {', '.join(fam.after)}" if fam.after else "")), "",
           "Fixture", f"  tests/fixtures/conllu/{c.fixture}.conllu", ""]
    return "\n".join(out)


def construction_json(c: Construction) -> dict[str, object]:
    fam = family_of(c)
    return {"name": c.name, "family": fam.name, "confidence": c.confidence, "reads": c.doc.reads,
            "example": c.doc.example, "not_read": c.doc.not_read, "trigger": fam.trigger.describe(),
            "after": list(fam.after), "fixture": f"tests/fixtures/conllu/{c.fixture}.conllu",
            "module": c.module}


def constructions_markdown() -> str:
    out = [INTRO, "## Families, in run order", "",
           "| # | family | trigger | runs after | emits |", "|---|---|---|---|---|"]
    for i, fam in enumerate(ordered_families(), 1):
        out.append(f"| {i} | `{fam.name}` | {fam.trigger.describe()} | "
                   f"{', '.join(f'`{a}`' for a in fam.after) or '–'} | {', '.join(f'`{e}`' for e in fam.emits)} |")
    out += ["", "## Constructions", ""]
    for c in constructions().values():
        out += [f"### `{c.name}`", "",
                f"Family `{c.family}` (`{c.module}`), base confidence {c.confidence:g}, fixture "
                f"`tests/fixtures/conllu/{c.fixture}.conllu`.", "",
                f"**What it reads.** {' '.join(c.doc.reads.split())}", "",
                f"**Example.** {c.doc.example}", "",
                f"**What it does not read.** {' '.join(c.doc.not_read.split())}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(constructions_markdown())
