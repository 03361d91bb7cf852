#!/usr/bin/env python3
"""Regenerate rules/registry/generated_smm.yaml from the State Media Monitor matrix CSV.

    .venv/bin/python scripts/build_registry.py                 # write the file
    .venv/bin/python scripts/build_registry.py --check         # exit 1 if it would change
    .venv/bin/python scripts/build_registry.py --csv PATH --registry DIR

Input: State_Media_Matrix.csv (ASD-at-GMF/state-media-profiles, MIT licence), which carries the
Media and Journalism Research Center's State Media Monitor (SMM) typology. Every outlet row
becomes (part of) one entry; rows for the same outlet of the same country (several URLs,
language editions) are merged. Mapping of the typology to the registry class:

    SC -> state_controlled;  CaPu, CaPr -> state_affiliated;  ISFM, ISF, ISM, IP -> public_service

Hand-curated entries (curated*.yaml, with `supersedes:` naming generated ids they replace) and
overrides.yaml are never written here; they are read so that a generated name or alias that
would collide with another entry, or that is a generic phrase ("Radio Nacional", "The Herald")
or a country name ("Iran"), is written as an ambiguous alias (resolved only with country
context). Output is sorted and byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from provenance.registry.loader import (  # noqa: E402
    COUNTRIES,
    MATCHING,
    OVERRIDES,
    SPECIAL_FILES,
    case_sensitive_words,
    is_case_sensitive,
)
from provenance.registry.normalise import norm_key, slug, surface_key  # noqa: E402
from provenance.registry.schema import CountriesFile, EntriesFile, MatchingFile  # noqa: E402
from provenance.yamlfile import load_yaml, strip_lines  # noqa: E402

OUTPUT = "generated_smm.yaml"
DEFAULT_CSV = ROOT.parent / "shared" / "registry" / "State_Media_Matrix.csv"
SOURCE = (
    "MJRC State Media Monitor typology (2023 snapshot) as published in ASD-at-GMF/state-media-profiles "
    "State_Media_Matrix.csv, MIT licence (Copyright (c) 2023 ASD-at-GMF)"
)

CLASS_OF = {
    "SC": "state_controlled",
    "CaPu": "state_affiliated",
    "CaPr": "state_affiliated",
    "ISFM": "public_service",
    "ISF": "public_service",
    "ISM": "public_service",
    "IP": "public_service",
}
LABEL = {
    "SC": "State-Controlled Media",
    "CaPu": "Captured Public/State-Managed Media",
    "CaPr": "Captured Private Media",
    "ISFM": "Independent State-Funded and State-Managed Media",
    "ISF": "Independent State-Funded Media",
    "ISM": "Independent State-Managed Media",
    "IP": "Independent Public Media",
}

_PREFIX = re.compile(
    r"^\s*(television|tv|print media|print|radio|news agency|online|news portals?|magazine)\s*:\s*", re.IGNORECASE
)
PREFIX_KIND = {
    "television": "broadcaster",
    "tv": "broadcaster",
    "radio": "broadcaster",
    "print": "newspaper",
    "print media": "newspaper",
    "news agency": "news_agency",
    "online": "online",
    "news portal": "online",
    "news portals": "online",
    "magazine": "magazine",
}
_LANGUAGE = re.compile(
    r"^(english|chinese|french|spanish|japanese|russian|arabic|korean|german|portuguese|italian|turkish|"
    r"persian|farsi|hindi|urdu|greek|polish|serbian|georgian|ukrainian)$",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(r"edition|control|recogni[sz]ed|\bin [A-Z][a-z]+\b|events|channel \d|canal \d", re.IGNORECASE)
_KIND_WORDS = [
    ("news_agency", re.compile(r"\b(news agency|press agency|agency|agence|agencia|agência|telegraph agency|news service|information service|presse)\b|\w(press|pres)$", re.IGNORECASE)),
    ("broadcaster", re.compile(r"\b(tv|television|télévision|televisión|televisão|televizija|radio|radiodiffusion|broadcasting|broadcast|broadcaster|channel|canal|kanal|fm|rtv|radiotelevis\w*|radiotelevizija|rundfunk|fernsehen|omroep|televideniye|radiovision|teilifís|ringhääling|yleisradio|rupavahini|télévisions?|ràdio|rádio)\b|tv\d|\btv", re.IGNORECASE)),
    ("newspaper", re.compile(r"\b(daily|times|gazette|gazeta|herald|post|tribune|journal|newspaper|sinmun|shimbun|pravda|izvestia|diario|diário|jornal|zeitung|courier|kuryer|observer|chronicle|nation|mail|express|standard|ilbo|ribao|bao|shimbun|sinbo|press|publishing|newspapers?|dailies)\b", re.IGNORECASE)),
]
_SOCIAL = re.compile(r"(facebook|twitter|youtube|instagram|t\.me|telegram|vk\.com|ok\.ru|tiktok|linkedin|rutube\.ru/channel|kcnawatch)", re.IGNORECASE)
_GENERIC_TOKEN_DIGITS = re.compile(r"\d+")


def clean_asset(asset: str) -> tuple[str, list[str], str | None, str]:
    """'Print: Izvestia' -> ('Izvestia', [], 'newspaper', qualifiers)."""
    kind = None
    m = _PREFIX.match(asset)
    if m:
        kind = PREFIX_KIND.get(m.group(1).lower())
        asset = asset[m.end():]
    if asset.count("(") > asset.count(")"):
        asset += ")"
    aliases: list[str] = []
    qualifiers: list[str] = []

    def paren(mt: re.Match[str]) -> str:
        inner = mt.group(1).strip()
        pm = _PREFIX.match(inner)
        if pm:
            inner = inner[pm.end():].strip()
        if _LANGUAGE.match(inner):
            return ""  # language editions are merged into one entry
        if _QUALIFIER.search(inner):
            qualifiers.append(inner)
            return mt.group(0)
        if inner:
            aliases.append(inner)
        return ""

    name = re.sub(r"\s*\(([^()]*)\)", paren, asset).strip(" -–,*")
    name = re.sub(r"\s+", " ", name)
    if qualifiers:  # "Yemen TV (Control of ...)": the bare "Yemen TV" is an alias (ambiguous if shared)
        base = re.sub(r"\s*\([^()]*\)", "", name).strip(" -–,*")
        if base and base != name:
            aliases.append(base)
    if not name and aliases:
        name = aliases.pop(0)
    return name, aliases, kind, "; ".join(qualifiers)


def guess_kind(name: str, company: str, hint: str | None) -> str:
    if hint:
        return hint
    for text in (name, company):
        for kind, rx in _KIND_WORDS:
            if rx.search(text):
                return kind
    if re.search(r"\.[a-z]{2,}$", name, re.IGNORECASE):
        return "online"
    return "other"


def domain_of(url: str) -> str | None:
    url = url.strip()
    if not url:
        return None
    host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    host = host.lower().removeprefix("www.")
    if not host or _SOCIAL.search(host):
        return None
    return host


def is_acronym_of(short: str, long: str) -> bool:
    letters = "".join(w[0] for w in re.findall(r"[A-Za-zÀ-ÿ]+", long) if w[0].isupper())
    return short.replace(".", "").replace("-", "").upper() in (letters.upper(), letters.upper()[: len(short)]) and len(short) >= 2


class Builder:
    def __init__(self, csv_path: Path, registry: Path) -> None:
        self.csv_path = csv_path
        self.registry = registry
        countries = CountriesFile.model_validate(strip_lines(load_yaml(registry / COUNTRIES)))
        self.matching = MatchingFile.model_validate(strip_lines(load_yaml(registry / MATCHING)))
        self.cs_words = case_sensitive_words(self.matching)
        self.code_of: dict[str, str] = {}
        self.country_words: set[str] = set()
        self.country_forms: set[str] = set()
        for c in countries.countries:
            for n in [c.name, *c.names]:
                self.code_of[n.casefold()] = c.code
            for f in [c.name, *c.names, *c.demonyms, *c.metonyms]:
                self.country_forms.add(norm_key(f))
                self.country_words.update(norm_key(f).split())
        self.generic_words = {norm_key(w) for w in self.matching.generic_name_words}
        self.skipped_blank = 0

    # -- curated side: what the generated file must not collide with
    def curated(self) -> tuple[list[dict], set[str]]:
        entries: list[dict] = []
        superseded: set[str] = set()
        for path in sorted(self.registry.glob("*.yaml")):
            if path.name in SPECIAL_FILES or path.name == OUTPUT:
                continue
            raw = strip_lines(load_yaml(path))
            doc = EntriesFile.model_validate(raw)
            if doc.generated:
                continue
            for e in doc.entries:
                entries.append({"id": e.id, "forms": e.forms(), "ambiguous": e.ambiguous_aliases, "domains": e.domains})
                superseded.update(e.supersedes)
        overrides = self.registry / OVERRIDES
        if overrides.is_file():
            for ov in strip_lines(load_yaml(overrides)).get("overrides") or []:
                if ov.get("drop"):
                    superseded.add(ov["id"])
        return entries, superseded

    def is_generic(self, alias: str) -> bool:
        n = norm_key(alias)
        if n in self.country_forms:
            return True
        toks = [_GENERIC_TOKEN_DIGITS.sub("", t) for t in n.split()]
        toks = [t for t in toks if t]
        if not toks:
            return True
        return all(t in self.generic_words for t in toks)

    def rows(self) -> list[dict[str, str]]:
        with open(self.csv_path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        out = []
        for r in rows:
            if not any((v or "").strip() for v in r.values()):
                self.skipped_blank += 1
                continue
            out.append({k: (v or "").strip() for k, v in r.items()})
        return out

    def build(self) -> tuple[str, dict[str, int]]:
        curated, superseded = self.curated()
        groups: dict[tuple[str, str], list[tuple[dict[str, str], str, list[str], str | None, str]]] = defaultdict(list)
        for r in self.rows():
            cc = self.code_of.get(r["Country"].casefold())
            if cc is None:
                raise SystemExit(f"build_registry: unknown country {r['Country']!r} in the CSV; add it to countries.yaml names")
            if r["Typology"].rstrip("?") not in CLASS_OF:
                raise SystemExit(f"build_registry: unknown typology {r['Typology']!r} for {r['Main assets']!r}")
            name, aliases, hint, qual = clean_asset(r["Main assets"] or r["Media company"])
            company = r["Media company"].rstrip("*").strip()
            # an acronym asset takes its long name from the company: "KCNA" in "Korean Central News Agency (KCNA)"
            cm = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", company)
            if cm and name == cm.group(2).strip() and is_acronym_of(name, cm.group(1)):
                aliases.insert(0, name)
                name = cm.group(1).strip()
            elif cm and name == cm.group(2).strip() and cm.group(1).strip():
                # "Cuban News Agency (ACN)": the company's long name, not spelled by the acronym,
                # still names the asset (wire copy writes "the official Cuban News Agency")
                aliases.append(cm.group(1).strip())
            if qual and qual not in name:
                pass
            groups[(cc, norm_key(name))].append((r, name, aliases, hint, company))

        entries: list[dict] = []
        used_ids: set[str] = set()
        for (cc, _key), members in sorted(groups.items()):
            names = Counter(m[1] for m in members)
            name = sorted(names, key=lambda n: (-names[n], n))[0]
            aliases: list[str] = []
            for _r, n, al, _h, _c in members:
                for a in [n, *al]:
                    if a != name and a not in aliases and norm_key(a):
                        aliases.append(a)
            typologies = Counter(m[0]["Typology"] for m in members)
            typology = sorted(typologies, key=lambda t: (-typologies[t], t))[0]
            companies = sorted({m[4] for m in members if m[4]})
            hint = next((m[3] for m in members if m[3]), None)
            kind = guess_kind(name, companies[0] if companies else "", hint)
            domains = sorted({d for m in members if (d := domain_of(m[0]["URL"]))})
            basis: list[str] = []
            asd_added = False
            statuses = sorted({m[0]["Status"] for m in members if m[0]["Status"] and "merged" not in m[0]["Status"].lower()})
            for r, _n, _a, _h, comp in sorted(members, key=lambda m: (m[0]["Media company"], m[0]["Main assets"], m[0]["Typology"], m[0]["URL"])):
                note = " ".join(x for x in (r["Notes"], r["Status"]) if "merged" in x.lower())
                code = r["Typology"]
                if note:
                    asd_added = True
                    line = (
                        f"ASD-at-GMF addition to State_Media_Matrix.csv ({note.strip()}), coded with the MJRC State Media "
                        f"Monitor typology: {comp} | {r['Main assets']} | {code}"
                    )
                else:
                    line = f"MJRC State Media Monitor typology 2023 ({LABEL[code.rstrip('?')]}), via ASD-at-GMF State_Media_Matrix.csv: {comp} | {r['Main assets']} | {code}"
                if line not in basis:
                    basis.append(line)
            if typology.endswith("?"):
                confidence = "low"
            elif asd_added and all(("merged" in (m[0]["Notes"] + m[0]["Status"]).lower()) for m in members):
                confidence = "medium"
            else:
                confidence = "high"
            notes = []
            if len(typologies) > 1:
                notes.append(f"CSV rows disagree on the typology ({', '.join(sorted(typologies))}); the most frequent is used.")
            if typology.endswith("?"):
                notes.append(f"Typology recorded as {typology!r} (uncertain) in the CSV.")
            for s in statuses:
                notes.append(f"CSV status: {s}.")
            if norm_key(name) in self.country_forms:
                # an outlet named like a country ("Iran", IRNA's daily) must never resolve from the bare name
                aliases = [a for a in aliases if norm_key(a) not in self.country_forms]
                label = {"newspaper": "newspaper", "broadcaster": "broadcaster", "news_agency": "news agency"}.get(kind, "outlet")
                aliases.insert(0, f"{name} {label}")
                notes.append(f"Named like a country; the bare name {name!r} is not matched.")
                base = f"{cc.lower()}_{slug(name)}_{slug(label)}"
                name = f"{name} ({label})"
            else:
                base = f"{cc.lower()}_{slug(name)[:56].rstrip('_')}" or f"{cc.lower()}_outlet"
            ident = base
            k = 2
            while ident in used_ids:
                ident = f"{base}_{k}"
                k += 1
            used_ids.add(ident)
            entry = {
                "id": ident,
                "name": name,
                "aliases": aliases,
                "ambiguous_aliases": [],
                "country": cc,
                "kind": kind,
                "class": CLASS_OF[typology.rstrip("?")],
                "smm_typology": typology,
                "owner": "; ".join(companies) or None,
                "domains": domains,
                "basis": basis,
                "confidence": confidence,
                "reviewed": False,
            }
            if notes:
                entry["notes"] = " ".join(notes)
            entries.append(entry)

        entries += self.companies(entries, curated, used_ids)

        # domains listed by several entries identify none of them; curated entries' domains win
        dom_count = Counter(d for e in entries if e["id"] not in superseded for d in e["domains"])
        curated_domains = {d.lower() for c in curated for d in c["domains"]}
        for e in entries:
            if e["id"] not in superseded:
                e["domains"] = [d for d in e["domains"] if dom_count[d] == 1 and d not in curated_domains]

        self.mark_ambiguous(entries, curated, superseded)
        entries.sort(key=lambda e: e["id"])
        stats = {
            "rows": sum(len(m) for m in groups.values()),
            "blank_rows_skipped": self.skipped_blank,
            "entries": len(entries),
            "superseded_by_curated": sum(1 for e in entries if e["id"] in superseded),
        }
        return self.dump(entries, stats), stats

    def companies(self, entries: list[dict], curated: list[dict], used_ids: set[str]) -> list[dict]:
        """The media companies that own the outlets ("Ethiopian Broadcasting Corporation (EBC)",
        owner of ETV and Ethiopian National Radio): wire copy names the company ("state
        broadcaster EBC"). One entry per company of one country whose outlets share one typology,
        unless its name already names an outlet; its acronym (three letters or more) is an alias."""
        known = {norm_key(a) for e in entries for a in [e["name"], *e["aliases"]]} \
            | {norm_key(a) for c in curated for a in c["forms"]}
        overrides = self.registry / OVERRIDES
        if overrides.is_file():  # names an override already gave an outlet ("Voice of Vietnam" for VOV)
            known |= {norm_key(a) for ov in strip_lines(load_yaml(overrides)).get("overrides") or []
                      for a in [*(ov.get("add_aliases") or []), *(ov.get("add_ambiguous_aliases") or [])]}
        owned: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
        for r in self.rows():
            company = r["Media company"].rstrip("*").strip()
            if company:
                owned[(self.code_of[r["Country"].casefold()], company)].append(r)
        out: list[dict] = []
        for (cc, company), rows in sorted(owned.items()):
            cm = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", company)
            name = cm.group(1).strip() if cm else company
            acronym = cm.group(2).strip() if cm else None
            typologies = {r["Typology"] for r in rows}
            if not name or not name[:1].isupper() or " or " in name or norm_key(name) in known \
                    or self.is_generic(name) or len(typologies) != 1:
                continue
            typology = typologies.pop()
            if typology.endswith("?"):
                continue
            aliases = [acronym] if acronym and len(acronym) >= 3 and is_acronym_of(acronym, name) \
                and norm_key(acronym) not in known else []
            base = f"{cc.lower()}_{slug(name)[:48].rstrip('_')}_company"
            ident, k = base, 2
            while ident in used_ids:
                ident, k = f"{base}_{k}", k + 1
            used_ids.add(ident)
            assets = sorted({r["Main assets"] for r in rows if r["Main assets"]})
            out.append({
                "id": ident, "name": name, "aliases": aliases, "ambiguous_aliases": [], "country": cc,
                "kind": guess_kind(name, "", None), "class": CLASS_OF[typology], "smm_typology": typology,
                "owner": None, "domains": [],  # (the outlets' sites identify the outlets)
                "basis": [(f"MJRC State Media Monitor typology 2023 ({LABEL[typology]}), via ASD-at-GMF "
                           f"State_Media_Matrix.csv: the media company of {'; '.join(assets)}")],
                "confidence": "high", "reviewed": False,
                "notes": "The media company, named in copy as the outlets' owner; entry built from its outlets' rows.",
            })
            known.add(norm_key(name))
        return out

    def mark_ambiguous(self, entries: list[dict], curated: list[dict], superseded: set[str]) -> None:
        holders_s: dict[str, set[str]] = defaultdict(set)
        holders_n: dict[str, set[str]] = defaultdict(set)

        def hold(ident: str, alias: str) -> None:
            holders_s[surface_key(alias)].add(ident)
            if not is_case_sensitive(alias, self.cs_words):
                holders_n[norm_key(alias)].add(ident)

        for c in curated:
            for a in c["forms"] + c["ambiguous"]:
                hold(c["id"], a)
        live = [e for e in entries if e["id"] not in superseded]
        for e in live:
            for a in [e["name"], *e["aliases"]]:
                hold(e["id"], a)
        for e in live:
            ambiguous: list[str] = []
            for a in [e["name"], *e["aliases"]]:
                others = holders_s[surface_key(a)] - {e["id"]}
                if not is_case_sensitive(a, self.cs_words):
                    others |= holders_n[norm_key(a)] - {e["id"]}
                if others or self.is_generic(a):
                    if a not in ambiguous:
                        ambiguous.append(a)
            e["aliases"] = [a for a in e["aliases"] if a not in ambiguous]
            e["ambiguous_aliases"] = ambiguous

    def dump(self, entries: list[dict], stats: dict[str, int]) -> str:
        digest = hashlib.sha256(self.csv_path.read_bytes()).hexdigest()
        header = (
            "# GENERATED by scripts/build_registry.py from State_Media_Matrix.csv - do not edit by hand.\n"
            "# Regenerate: .venv/bin/python scripts/build_registry.py   (check: --check)\n"
            "# Fix or extend entries in curated.yaml (supersedes: [id]) or overrides.yaml instead.\n"
            f"# CSV sha256 {digest}; {stats['rows']} outlet rows ({stats['blank_rows_skipped']} blank rows skipped) -> "
            f"{stats['entries']} entries, {stats['superseded_by_curated']} of them superseded by curated entries.\n"
            "# Licence of the source data: MIT (see LICENSE-State_Media_Matrix.txt beside the CSV).\n"
        )
        doc = {"schema_version": 1, "generated": True, "source": SOURCE, "entries": [_ordered(e) for e in entries]}
        return header + yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100000, default_flow_style=None)


FIELD_ORDER = ["id", "name", "aliases", "ambiguous_aliases", "country", "kind", "class", "smm_typology", "owner", "domains", "basis", "confidence", "reviewed", "notes"]


def _ordered(e: dict) -> dict:
    out = {}
    for k in FIELD_ORDER:
        if k not in e:
            continue
        v = e[k]
        if v in (None, []) and k not in ("basis",):
            continue
        out[k] = _Flow(v) if isinstance(v, list) and k != "basis" else v
    return out


class _Flow(list):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", list(v), flow_style=True))
_Dumper.add_representer(list, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=False))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV, help=f"State_Media_Matrix.csv (default: {DEFAULT_CSV})")
    ap.add_argument("--registry", type=Path, default=ROOT / "rules" / "registry", help="registry folder (default: rules/registry)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the file would change")
    args = ap.parse_args(argv)
    if not args.csv.is_file():
        print(f"build_registry: CSV not found: {args.csv}", file=sys.stderr)
        return 2
    text, stats = Builder(args.csv, args.registry).build()
    out = args.registry / OUTPUT
    current = out.read_text(encoding="utf-8") if out.is_file() else None
    if args.check:
        if current != text:
            print(f"build_registry: {out} is out of date; run scripts/build_registry.py", file=sys.stderr)
            return 1
        print(f"build_registry: {out} is up to date ({stats['entries']} entries)")
        return 0
    if current != text:
        out.write_text(text, encoding="utf-8")
    print(
        f"build_registry: {stats['rows']} rows -> {stats['entries']} entries "
        f"({stats['superseded_by_curated']} superseded by curated) -> {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
