"""The source registry: who is who (outlets, official bodies), with the public classification behind
each class."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from provenance.cli.common import add_command, add_common_options
from provenance.errors import ConfigError, UserError

if TYPE_CHECKING:
    from provenance.registry import Registry, RegistryEntry, SourceMatch

CLASSES = ("state_controlled", "state_affiliated", "public_service", "independent", "official_body")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "sources", "look up, list and validate the source registry", __doc__)
    sub = parser.add_subparsers(dest="sources_command", metavar="SUBCOMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--registry",
        type=Path,
        metavar="DIR",
        default=None,
        help="registry folder to use instead of the bundled one (rules/registry)",
    )
    add_common_options(common, model=False)

    p = sub.add_parser("lookup", parents=[common], help="resolve a source mention to a registry entry")
    p.add_argument("name", metavar="NAME", help="the mention as written, e.g. \"KCNA's\" or \"Russian Ambassador to North Korea\"")
    p.add_argument("--country", metavar="CC", help="the article's country context (ISO 3166-1 alpha-2), e.g. KP")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=_lookup)

    p = sub.add_parser("list", parents=[common], help="list registry entries")
    p.add_argument("--class", dest="source_class", choices=CLASSES, help="only entries of this class")
    p.add_argument("--country", metavar="CC", help="only entries of this controlling (or publishing) country")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=_list)

    p = sub.add_parser(
        "validate",
        parents=[common],
        help="check the registry files (schema, duplicate ids, alias collisions, country codes)",
    )
    p.set_defaults(func=_validate)

    parser.set_defaults(func=lambda args: _no_subcommand(parser))


def _no_subcommand(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _registry_dir(args: argparse.Namespace) -> Path:
    from provenance.registry import default_registry_dir

    directory = args.registry or default_registry_dir()
    if not Path(directory).is_dir():
        raise ConfigError(f"{directory}: registry folder not found")
    return Path(directory)


def _load(args: argparse.Namespace) -> "Registry":
    from provenance.registry import Registry

    return Registry.load(args.registry) if args.registry else Registry.load()


def _country(reg: "Registry", value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if reg.country_name(code) is None:
        raise UserError(f"unknown country code {value!r} (expected ISO 3166-1 alpha-2, e.g. KP)")
    return code


def _lookup(args: argparse.Namespace) -> int:
    reg = _load(args)
    country = _country(reg, args.country)
    match, note = reg.answer(args.name, country=country)
    if args.format == "json":
        if match is None:
            out: dict[str, object] = {"id": None, "name": None, "class": None, "country": None, "kind": None, "aliases": [], "score": 0.0, "match": None}
        else:
            out = match.to_dict()
        out = {"query": args.name, "country_context": country, **out}
        if note:
            out["note"] = note
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_text(args.name, match, reg) + (f"  note: {note}\n" if note else ""))
    return 0 if match is not None else 1


def _text(query: str, m: "SourceMatch | None", reg: "Registry") -> str:
    if m is None:
        return f"{query!r}: no match\n"
    lines = []
    if m.entry is None:
        lines.append(f"{query!r}: ambiguous ({m.matched!r}, score {m.score:.0f}); candidates:")
        for c in m.candidates:
            lines.append(f"  {c.id}: {c.name} [{c.source_class}, {c.country}, {c.kind}]")
        lines.append("  give --country to choose")
        return "\n".join(lines) + "\n"
    e = m.entry
    country = f"{e.country} ({reg.country_name(e.country)})" if e.country else "unknown"
    lines.append(f"{query!r} -> {e.id}: {e.name}")
    lines.append(f"  class: {e.source_class}   country: {country}   kind: {e.kind}")
    lines.append(f"  match: {m.match} (score {m.score:.0f}" + (f", on {m.matched!r})" if m.matched else ")"))
    if m.role:
        lines.append(f"  role: {m.role}" + (f"   person: {m.person}" if m.person else ""))
    if m.country_source and m.country_source != "entry":
        lines.append(f"  country from: {m.country_source}")
    if e.aliases:
        lines.append(f"  aliases: {', '.join(e.aliases)}")
    for b in e.basis:
        lines.append(f"  basis: {b}")
    lines.append(f"  confidence: {e.confidence}   reviewed: {'yes' if e.reviewed else 'no'}")
    return "\n".join(lines) + "\n"


def _list(args: argparse.Namespace) -> int:
    reg = _load(args)
    country = _country(reg, args.country)
    entries: list[RegistryEntry] = reg.find(source_class=args.source_class, country=country)
    if args.format == "json":
        sys.stdout.write(json.dumps([e.summary() for e in entries], ensure_ascii=False, indent=2) + "\n")
    else:
        for e in entries:
            sys.stdout.write(f"{e.id}\t{e.source_class}\t{e.country}\t{e.kind}\t{e.name}\n")
        sys.stderr.write(f"{len(entries)} entries\n")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from provenance.registry import read_registry

    directory = _registry_dir(args)
    data = read_registry(directory)
    if data.issues:
        for issue in data.issues[1:]:
            sys.stderr.write(f"{issue}\n")
        n = len(data.issues)
        raise ConfigError(f"{data.issues[0]}" + (f" ({n} problems in all, the others above)" if n > 1 else ""))
    generated = sum(1 for loc in data.entries if loc.generated)
    sys.stdout.write(
        f"registry OK: {len(data.entries)} entries ({generated} generated, {len(data.entries) - generated} curated; "
        f"{len(data.superseded)} generated entries superseded) in {directory}\n"
    )
    return 0
