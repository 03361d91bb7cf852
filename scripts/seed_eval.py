"""Scoring of the seeds corpus (``scripts/eval_attribution.py seeds``).

Each article's report is scored with the logic of ``../shared/eval/score.py`` (its functions
are imported; the file is shared and read-only): attributions matched by cue within the same
gold sentence, the source checked with its ``same_source``, the state-media-only flag per gold
sentence. ``score.py`` prints rounded ratios only; :func:`count` repeats its matching and
keeps the counts, so that the corpus totals are micro-averages (sums of counts over
articles, then the ratios), and :func:`metrics` turns counts into the figures ``score.py``
prints (``tests/test_seed_gold.py`` checks that both agree on the founding seed).

``score.py``'s ``ALIASES`` know only the founding seed's names; :func:`build_aliases` adds,
for every gold source name, the forms the registry knows for it ("KCNA" ->
"Korean Central News Agency"; "Government of Russia" -> "Russia", "Moscow", "Kremlin";
"Lithuanian defence ministry" -> "Lithuania's defence ministry"; "World Health
Organization" -> "WHO").
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from types import ModuleType
from typing import Any

# findings that must never fire on a control article (state media and relay rules, quotations
# without a speaker)
FALSE_FINDING = re.compile(r"^(SRC2\d\d|CHN301|QUO402)$")
GOVERNMENT_OF = re.compile(r"^(?:the\s+)?government\s+of\s+(?:the\s+)?(.+)$", re.IGNORECASE)


def load_score_module(path: Path) -> ModuleType:
    """``../shared/eval/score.py`` as a module (run nothing, change nothing on disk)."""
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def group_of(stem: str) -> str:
    """``seed`` (000), ``relay`` (001-017), ``control`` (018-032), else ``other``."""
    m = re.match(r"^(\d{3})_", stem)
    if not m:
        return "other"
    n = int(m.group(1))
    if n == 0:
        return "seed"
    if 1 <= n <= 17:
        return "relay"
    if 18 <= n <= 32:
        return "control"
    return "other"


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ---------------------------------------------------------------------------- aliases
_SMALL_WORDS = {"of", "the", "and", "for", "de", "del", "la", "on"}


def _country_forms(code: str, registry: Any, kinds: tuple[str, ...]) -> list[str]:
    """The country's forms of these kinds ("name", "demonym", "metonym"), singular demonyms only."""
    forms = getattr(registry.countries, "_forms", {})  # form -> (code, kind); no public accessor
    out = [f for f, (c, k) in forms.items() if c == code and k in kinds]
    return [f for f in out if not (f.endswith("s") and f[:-1] in out)]


def _leading_country(name: str, registry: Any) -> tuple[str, str] | None:
    """(country code, the rest of the name) when ``name`` starts with a country's name or demonym."""
    words = name.split()
    for n in range(min(3, len(words) - 1), 0, -1):
        head = re.sub(r"['’]s$", "", " ".join(words[:n]))
        code = registry.countries.by_form.get(head.casefold())
        if code and head.casefold() in {f.casefold() for f in _country_forms(code, registry, ("name", "demonym"))}:
            return code, " ".join(words[n:])
    return None


def _acronym(name: str) -> str | None:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL_WORDS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def _name_forms(name: str, registry: Any) -> list[str]:
    """Other names for the gold source ``name``.

    A registry entry that ``name`` names exactly: all its forms. ``Government of X``: the
    country's forms (``Russia``, ``Moscow``, ``Kremlin``, ``Russian government``). A name
    that starts with a country form (``Lithuanian defence ministry``): the same name with
    the country's other forms (``Lithuania's defence ministry``). A name of capitalised
    words: its initials (``World Health Organization`` -> ``WHO``).
    """
    forms: list[str] = []
    m = GOVERNMENT_OF.match(name)
    if m:
        code = registry.countries.by_form.get(m.group(1).casefold())
        if code:
            forms += _country_forms(code, registry, ("name", "metonym"))
            forms += [f"{f} government" for f in _country_forms(code, registry, ("name", "demonym"))]
        return forms
    match = registry.lookup(name)
    if match is not None and match.entry is not None and match.match in ("exact", "normalised"):
        e = match.entry
        forms += [e.name, *e.forms(), *e.ambiguous_aliases]
    lead = _leading_country(name, registry)
    if lead is not None:
        code, rest = lead
        for c in _country_forms(code, registry, ("name", "demonym")):
            forms += [f"{c} {rest}", f"{c}'s {rest}"]
    acronym = _acronym(name)
    if acronym is not None and len(acronym) >= 3:
        forms.append(acronym)
    return forms


def build_aliases(names: Iterable[str], registry: Any, base: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Gold source name -> other names that count as the same source (see :func:`_name_forms`).

    ``base`` (``score.py``'s ``ALIASES``) is kept: gold "KCNA" matches a report naming
    "Korean Central News Agency" through both.
    """
    out: dict[str, list[str]] = {k: list(v) for k, v in (base or {}).items()}
    for name in sorted(set(names)):
        forms = _name_forms(name, registry)
        if not forms:
            continue
        have = out.setdefault(name, [])
        for f in forms:
            if f not in have and f != name:
                have.append(f)
    return out


# ---------------------------------------------------------------------------- counting
@dataclass
class Counts:
    """What ``score.py`` counts for one article (add them for a corpus)."""

    gold_attributions: int = 0
    pred_attributions: int = 0
    matched: int = 0  # gold attributions whose cue a report attribution matched
    source_ok: int = 0  # of those, with the right source
    smo_tp: int = 0
    smo_fp: int = 0
    smo_fn: int = 0
    sentences: int = 0
    sentences_agree: int = 0  # sentences whose state-media-only flag agrees with the gold
    flagged: int = 0  # SRC2xx / CHN301 / QUO402 findings in the report (on a control: false findings)
    flagged_articles: int = 0  # articles with at least one of them

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(c: Counts) -> dict[str, float]:
    """The ratios of ``score.py`` (attr_p/r/f1, source_acc, smo_p/r/f1, sentence_smo_acc)."""
    p, r = _ratio(c.matched, c.pred_attributions), _ratio(c.matched, c.gold_attributions)
    sp, sr = _ratio(c.smo_tp, c.smo_tp + c.smo_fp), _ratio(c.smo_tp, c.smo_tp + c.smo_fn)
    return {
        "attr_p": p, "attr_r": r, "attr_f1": _f1(p, r),
        "source_acc": _ratio(c.source_ok, c.matched),
        "smo_p": sp, "smo_r": sr, "smo_f1": _f1(sp, sr),
        "sentence_smo_acc": _ratio(c.sentences_agree, c.sentences),
    }


def count(score: ModuleType, text: str, gold: list[dict[str, Any]], report: dict[str, Any],
          errors: list[str] | None = None) -> Counts:
    """``score.main`` for one article, returning its counts instead of printing ratios.

    The source check goes through ``score.same_source`` and so reads ``score.ALIASES``
    (set it with :func:`build_aliases` first). ``errors``, when given, receives one line per
    miss: gold attributions not found, report attributions matching none, wrong sources,
    state-media-only disagreements, SRC2xx/CHN301/QUO402 findings.
    """
    gold = [dict(g) for g in gold]
    score.locate(text, gold)
    preds: list[tuple[int, dict[str, Any]]] = []
    sent_pred: dict[int, list[dict[str, Any]]] = {}
    for s in report.get("statements", []):
        best, bo = None, 0
        for g in gold:
            o = score.overlap(s["start"], s["end"], g["start"], g["end"])
            if o > bo:
                best, bo = g["i"], o
        if best is None:
            continue
        sent_pred.setdefault(best, []).append(s)
        for a in s.get("attributions", []):
            preds.append((best, a))
    gold_atts = [(g["i"], a, g) for g in gold for a in g["attributions"]]
    used: set[int] = set()
    tp = src_ok = 0
    for gi, ga, g in gold_atts:
        gcue = ga["cue"].lower()
        c0 = text.lower().find(gcue, g["start"], g["end"] + 1)
        for k, (pi, pa) in enumerate(preds):
            if k in used or pi != gi:
                continue
            ps, pe, pt = score.span(pa.get("cue"))
            hit = False
            if ps is not None and c0 >= 0:
                hit = score.overlap(ps, pe, c0, c0 + len(gcue)) > 0
            if not hit:
                hit = bool(pt) and (pt.lower() in gcue or gcue in pt.lower())
            if hit:
                used.add(k)
                tp += 1
                src = pa.get("source") or {}
                name = src.get("name") if isinstance(src, dict) else src
                stext = src.get("text") if isinstance(src, dict) else src
                if score.same_source(ga["source"], name) or score.same_source(ga["source"], stext):
                    src_ok += 1
                elif errors is not None:
                    errors.append(f"  s{gi} source: {ga['cue']!r} gold {ga['source']!r}, report {name!r} ({stext!r})")
                break
        else:
            if errors is not None:
                errors.append(f"  s{gi} missed: {ga['cue']!r} {ga['source_text']!r} -> {ga['source']!r}")
    if errors is not None:
        for k, (pi, pa) in enumerate(preds):
            if k not in used:
                ps, pe, pt = score.span(pa.get("cue"))
                src = pa.get("source") or {}
                who = (src.get("name") or src.get("text")) if isinstance(src, dict) else src
                errors.append(f"  s{pi} spurious: {pt!r} {who!r}")
    c = Counts(gold_attributions=len(gold_atts), pred_attributions=len(preds), matched=tp, source_ok=src_ok,
               sentences=len(gold))
    for g in gold:
        pred_smo = any(bool(s.get("state_media_only")) for s in sent_pred.get(g["i"], []))
        if g["state_media_only"] and pred_smo:
            c.smo_tp += 1
        elif pred_smo and not g["state_media_only"]:
            c.smo_fp += 1
        elif g["state_media_only"] and not pred_smo:
            c.smo_fn += 1
        c.sentences_agree += pred_smo == g["state_media_only"]
        if errors is not None and pred_smo != g["state_media_only"]:
            errors.append(f"  s{g['i']} state_media_only: gold {g['state_media_only']}, report {pred_smo}")
    c.flagged = sum(1 for f in report.get("findings", []) if FALSE_FINDING.match(str(f.get("code", ""))))
    c.flagged_articles = int(c.flagged > 0)
    if errors is not None:
        for f in report.get("findings", []):
            if FALSE_FINDING.match(str(f.get("code", ""))):
                errors.append(f"  finding {f.get('code')} at {f.get('start')}: {f.get('message')}")
    return c


# ---------------------------------------------------------------------------- printing
def fmt_counts(label: str, c: Counts) -> str:
    m = metrics(c)
    return (f"{label:<40} sent {c.sentences:>3}  attr {c.matched:>3}/{c.gold_attributions:<3} pred {c.pred_attributions:>3}"
            f"  P {m['attr_p']:.3f} R {m['attr_r']:.3f} F1 {m['attr_f1']:.3f}"
            f"  src {m['source_acc']:.3f}"
            f"  smo tp/fp/fn {c.smo_tp}/{c.smo_fp}/{c.smo_fn} F1 {m['smo_f1']:.3f}"
            f"  SRC2xx/CHN301/QUO402 {c.flagged}")


def summary(per_article: dict[str, Counts]) -> dict[str, Any]:
    """Per-article and per-group counts and micro-averaged ratios, as JSON-ready data."""
    groups: dict[str, Counts] = {}
    for stem, c in per_article.items():
        groups["all"] = groups.get("all", Counts()) + c
        g = group_of(stem)
        groups[g] = groups.get(g, Counts()) + c
    order = [g for g in ("all", "seed", "relay", "control", "other") if g in groups]
    return {
        "articles": {stem: {"group": group_of(stem), **vars(c), **{k: round(v, 4) for k, v in metrics(c).items()}}
                     for stem, c in per_article.items()},
        "totals": {g: {"articles": sum(1 for s in per_article if g == "all" or group_of(s) == g), **vars(groups[g]),
                       **{k: round(v, 4) for k, v in metrics(groups[g]).items()}} for g in order},
    }
