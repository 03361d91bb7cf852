"""Print the documentation of an extraction construction (the `pattern` of an attribution in the JSON
report), or list them all."""

from __future__ import annotations

import argparse
import json
import sys

from provenance.cli.common import add_command, add_common_options


def register(subparsers: argparse._SubParsersAction) -> None:
    p = add_command(subparsers, "construction", "show what an extraction construction reads, or list them", __doc__)
    p.add_argument("name", nargs="?", metavar="NAME", help="construction name (nsubj-ccomp, according-to, ...)")
    p.add_argument("--list", action="store_true", help="list every construction: name, family, confidence, summary")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    add_common_options(p, model=False)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from provenance.errors import UserError
    from provenance.extract.declare import constructions
    from provenance.extract.docs import construction_json, construction_text

    table = constructions()
    if args.list or not args.name:
        if args.name:
            raise UserError("give a construction NAME or --list, not both")
        if args.format == "json":
            sys.stdout.write(json.dumps([construction_json(c) for c in table.values()], indent=2) + "\n")
        else:
            width = max(len(n) for n in table)
            for c in table.values():
                first = c.doc.reads.split(". ")[0].rstrip(".") + "."
                sys.stdout.write(f"{c.name:<{width}}  {c.family:<14} {c.confidence:<4g}  {first}\n")
        return 0
    c = table.get(args.name)
    if c is None:
        from difflib import get_close_matches

        near = get_close_matches(args.name, table, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise UserError(f"unknown construction {args.name!r}{hint} (see `provenance construction --list`)")
    if args.format == "json":
        sys.stdout.write(json.dumps(construction_json(c), indent=2) + "\n")
    else:
        sys.stdout.write(construction_text(c))
    return 0
