"""Rule documentation generated from the rule files: ``provenance rule CODE``, the rules
table of ``docs/rules.md`` (``rules_markdown``), SARIF help and HTML tooltips.

Regenerate the committed document with ``python -m provenance.policy > docs/rules.md``
(a test fails when it drifts from the rule files).
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from typing import Any

from provenance.policy.detectors import DETECTORS
from provenance.policy.loader import RulePack, load_rules
from provenance.policy.rule_schema import Rule


def rule_options(rule: Rule) -> dict[str, Any]:
    """The options in force for ``rule``: its detector's defaults, overridden by the rule file."""
    spec = DETECTORS.get(rule.detector)
    return {**(spec.options if spec else {}), **rule.options}


def summary(rule: Rule) -> str:
    """The first sentence of the rule's ``what``."""
    text = " ".join(rule.doc.what.split())
    m = re.match(r"(.+?\.)(\s|$)", text)
    return m.group(1) if m else text


def _fill(text: str, indent: str = "  ", width: int = 88) -> str:
    return textwrap.fill(" ".join(text.split()), width=width, initial_indent=indent, subsequent_indent=indent)


def _block(text: str, indent: str = "    ") -> str:
    lines = text.strip("\n").splitlines()
    if len(lines) == 1:
        return textwrap.fill(lines[0], width=88, initial_indent=indent, subsequent_indent=indent)
    return "\n".join(indent + line for line in lines)


def _opt(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


CROSS_ARTICLE_NOTE = (" Cross-article: reported by the cross-article stage, not from one article alone"
                      " (`provenance check --originals DIR`, `provenance corroborate --originals DIR`;"
                      " see docs/corroboration.md).")


def rule_text(rule: Rule) -> str:
    """Plain-text documentation of one rule (``provenance rule CODE``)."""
    state = "" if rule.enabled else ", disabled"
    out = [f"{rule.code} {rule.name} ({rule.severity}{state})", ""]
    if rule.stage == "cross_article":
        out += [_fill(CROSS_ARTICLE_NOTE.replace("`", "")), ""]
    out += ["What it does", _fill(rule.doc.what), "", "Why", _fill(rule.doc.why), ""]
    out += ["Example", _block(rule.doc.example), "", "Use instead", _block(rule.doc.instead), ""]
    options = rule_options(rule)
    if options:
        out.append("Options")
        out += [f"  {k} = {_opt(v)}" for k, v in sorted(options.items())]
        out.append("")
    out.append(f"Message: {rule.message}")
    return "\n".join(out) + "\n"


def rule_json(rule: Rule) -> dict[str, Any]:
    data = rule.model_dump()
    data["options"] = rule_options(rule)
    return data


def rules_table(pack: RulePack) -> str:
    rows = ["| Code | Name | Severity | Flags |", "|---|---|---|---|"]
    for rule in pack:
        rows.append(f"| [{rule.code}](#{rule.code.lower()}-{rule.name}) | `{rule.name}` | {rule.severity} | "
                    f"{_md_cell(summary(rule))} |")
    return "\n".join(rows)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _md_rule(rule: Rule) -> str:
    out = [f"### {rule.code} {rule.name}", "", f"Severity: **{rule.severity}**"
           + ("" if rule.enabled else " (disabled by default)") + f". Detector: `{rule.detector}`."
           + (CROSS_ARTICLE_NOTE if rule.stage == "cross_article" else ""), ""]
    out += ["**What it does.** " + " ".join(rule.doc.what.split()), ""]
    out += ["**Why.** " + " ".join(rule.doc.why.split()), ""]
    out += ["**Example** (flagged):", "", "```text", rule.doc.example.strip(), "```", ""]
    out += ["**Use instead:**", "", "```text", rule.doc.instead.strip(), "```", ""]
    out += ["Message: `" + rule.message + "`", ""]
    options = rule_options(rule)
    if options:
        out += ["| Option | Default |", "|---|---|"]
        out += [f"| `{k}` | `{_md_cell(_opt(v))}` |" for k, v in sorted(options.items())]
        out.append("")
    return "\n".join(out)


def _config_table() -> str:
    from provenance.policy.config import Config

    rows = ["| Key | Default | Meaning |", "|---|---|---|"]
    for name, field in Config.model_fields.items():
        default = field.get_default(call_default_factory=True)
        shown = "(not set)" if default is None else f"`{_opt(default)}`"
        rows.append(f"| `{name}` | {shown} | {_md_cell(field.description or '')} |")
    return "\n".join(rows)


_PROSE_CODES = """\
## Rule codes

A code is a family prefix and a number; a code is never renumbered or reused for another
rule (a retired rule's code stays retired).

| Family | Covers |
|---|---|
| `ATT1xx` | attribution detection: missing or vague sources |
| `SRC2xx` | source and registry outcomes: claims resting on state media |
| `CHN3xx` | chain shape: relays and their origins |
| `QUO4xx` | quotations: quote marks and speakers |
| `PRV9xx` | the tool itself: suppression comments |

Wherever a rule is selected (suppression comments, `select`, `ignore` and
`per_file_ignores` in the configuration, `--select` / `--ignore` / `--extend-select`,
`provenance rule`), a code (`SRC201`), a family prefix (`SRC` or `SRC2`: every rule whose
code starts with it; any case) or a name (`state-media-claim-unattributed`) may be given.
"""

_PROSE_SUPPRESS = """\
## Suppressing a finding in the article

Put an HTML comment in the article (Markdown and HTML hide it from readers; plain-text\narticles may carry it too):

```html
<!-- provenance: ignore[SRC201,SRC203] reason="confirmed by our Seoul bureau" -->
North Korea test-fired a new missile, the KCNA revealed on Monday.
```

- `ignore[CODES]` applies to the next paragraph: from the comment to the end of the
  paragraph that follows it (the headline counts as a paragraph).
- `disable[CODES] reason="..."` ... `enable[CODES]` applies to everything between the two
  comments (to the end of the article when no `enable` follows). `enable` needs no reason.
- Rules are named by code (`ATT101`), family prefix (`SRC` or `SRC2`: every rule whose code
  starts with it) or name (`vague-attribution`), separated by commas.
  There is no blanket form: every comment names its rules, and `ignore`/`disable` need a
  non-empty `reason="..."` (straight or curly quotes).
- Suppressed findings stay in the report (JSON, SARIF) with
  `"suppression": {"kind": "inSource", "justification": "<reason>"}` and do not fail the run.
- A comment that names a rule with nothing to suppress where it applies, and any invalid
  comment (unknown action or rule, no rule, no reason, `enable` without `disable`), is
  reported by PRV901. An invalid comment suppresses nothing.
"""

_PROSE_BASELINE = """\
## Baseline: adopting provenance on an existing archive

```sh
provenance check archive/*.md --format json -o reports/   # reports/NAME.json per article
provenance baseline write --baseline provenance-baseline.json reports/*.json
# then set baseline = "provenance-baseline.json" in provenance.toml: only new findings fail
# after fixing findings, drop the entries that no longer match:
provenance baseline prune --baseline provenance-baseline.json reports/*.json
```

- `baseline write` and `prune` read JSON reports: one report per file, an array of
  reports (`reports/index.json`), or a directory of them (`*.json`, recursively); a
  document found twice is read once.
- An entry is `{path, code, fingerprint, count, rule, message}`; the file is sorted JSON
  with `baseline_version`, so it diffs well and is byte-identical when rewritten.
- The fingerprint hashes the rule code with the normalised statement, cue and source text
  (case, width and spacing ignored): moving a paragraph or editing another one keeps the
  match; editing the flagged statement itself makes it a new finding.
- Matching findings are kept in the report with
  `"suppression": {"kind": "external", "justification": "baseline"}`.
- Entry paths are relative to the folder of the configuration that applies to the article
  (the project root; the working directory when there is none), so `cd articles &&
  provenance check .` matches a baseline written from the root. `baseline write` and
  `prune` read the reports' `document.path` from the working directory (run them where the
  check ran). A baseline none of whose entries is for a checked file gives a warning.
- `prune` cuts entries (and counts) that no current finding matches, for the documents in
  the given reports; entries of other documents are kept.
- A missing, unreadable or invalid baseline file is an error (exit 2), never a silent no-op.
"""

_PROSE_CONFIG = """\
## Configuration

For each article, provenance reads the closest `provenance.toml`, or the
`[tool.provenance]` table of the closest `pyproject.toml`, looking in the article's folder
and then each parent (in one directory `provenance.toml` wins), as ruff does: `cd .. &&
provenance check newsroom/articles/a.txt` uses `newsroom/provenance.toml`. A nested file
does not inherit from a parent's unless it says `extend = "../provenance.toml"`.
`--config FILE` names one file for every input. Command-line options override the file.
`provenance config show [PATH]` prints what is in force for PATH and the file it was read
from. Settings for the whole run (`format`, `model`, `max_bytes`, `publisher`) come from the
configuration of the inputs' common folder; the others apply per article.

```toml
# provenance.toml
fail_on = "warning"                # default "error"
min_severity = "warning"
ignore = ["ATT101", "QUO"]        # codes, family prefixes or names
exclude = ["drafts", "wire/*.txt"] # relative to this file; a name without / matches anywhere
rules = ["house-rules"]           # relative to this file
baseline = "provenance-baseline.json"

[per-file-ignores]
"opinion/**" = ["ATT101"]
```

Rules that run: `select` (default: every rule enabled by default; `ALL`, codes, family
prefixes or names), plus `extend_select`, less `ignore` (and its older name `disable`),
less the `per_file_ignores` entries whose pattern matches the article. `--select` replaces
the file's `select`; `--extend-select` and `--ignore` add to the file's lists. `exclude`
skips files when a folder is expanded; `provenance check --force-exclude` applies it to
files named on the command line too (the pre-commit hook does). Keys may be written
`snake_case` or `kebab-case` (`fail-on`). An unknown key or rule, a wrong type or a TOML
syntax error is an error naming the file and line (exit 2), with a "did you mean" when a
known key or rule code is close (`failon`: `fail_on`; `ATT10l`: `ATT101`).

"""

_PROSE_EXIT = """\
## Exit codes

| Code | Meaning |
|---|---|
| 0 | no unsuppressed finding at or above `fail_on` |
| 1 | at least one unsuppressed finding at or above `fail_on` |
| 2 | usage, configuration, rule-file, baseline or input error |

`fail_on` (what fails) and `min_severity` (what is shown) are separate knobs. The default
`fail_on = "error"` fails only on errors (warnings and info are shown but pass); use
`fail_on = "warning"` to fail on warnings too, and `fail_on = "never"` for report-only runs.
"""

_PROSE_RULES = """\
## Writing rules

Editorial rules are data: one YAML file per rule in `rules/editorial/` (shipped inside the
package), named `CODE-name.yaml`. `--rules DIR` (or `rules = [...]` in the configuration)
loads more directories after the default pack; a rule there replaces the rule with the same
code. A rule file has `code` (three capital letters and three digits, `^[A-Z]{3}\\d{3}$`:
see [Rule codes](#rule-codes)), `name` (kebab-case), `severity` (`error`, `warning`,
`info`), `message` (a template: `{text}`, `{verdict}`, `{chain}`, `{origin}` and the detector's
own fields), `detector` (the detection function in `provenance/policy/detectors.py`; `check` is
read as its older name), `doc`
(`what`, `why`, `example`, `instead`), `examples` (`flagged` and `ok` snippets, at least one
each; they are run as tests), `options` (the detector's tunables), `enabled` and `stage`
(`article`, the default; `cross_article` for rules whose findings come from the
cross-article stage, `provenance check --originals DIR` or `provenance corroborate`: their
detector is a placeholder and `examples.originals` maps source names to the original texts
their examples are compared with). An unknown key, a wrong type, an unknown detector, option or
message field, a format spec in the message (`{cue:>20}`), or a duplicate code is an error
naming the file and line (exit 2). Rule files are read like every data file (cue lexicon,
registry, configuration; `provenance/yamlfile.py`): a syntax error or duplicate key names its
line, and a file over 8 MiB, nested over 100 levels deep or whose aliases expand it past a
few times its own size (an alias bomb) is refused with a one-line error.
"""


def rules_markdown(pack: RulePack) -> str:
    """The whole of ``docs/rules.md``."""
    out = [
        "# Editorial rules",
        "",
        "<!-- Generated from rules/editorial/*.yaml by `python -m provenance.policy`;",
        "     do not edit by hand (a test fails when this file drifts from the rule files). -->",
        "",
        "provenance turns editorial rules into findings. Each finding has the rule's code,",
        "name and severity, a confidence from the extraction, a location and a content",
        "fingerprint. `provenance rule CODE` prints a rule's documentation; `provenance rule",
        "--list` lists them.",
        "",
        rules_table(pack),
        "",
        _PROSE_CODES,
        "## Rules",
        "",
    ]
    for rule in pack:
        out.append(_md_rule(rule))
    out += [_PROSE_RULES, _PROSE_SUPPRESS, _PROSE_BASELINE, _PROSE_CONFIG + _config_table() + "\n", _PROSE_EXIT]
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> int:
    sys.stdout.write(rules_markdown(load_rules()))
    return 0

