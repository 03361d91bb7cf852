"""Print the documentation of an editorial rule (by code or name) or of a family of rules (by code
prefix), or list them all."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from provenance.cli.common import add_command, add_common_options


def register(subparsers: argparse._SubParsersAction) -> None:
    p = add_command(subparsers, "rule", "show a rule's documentation, or list the rules", __doc__)
    p.add_argument("selector", nargs="?", metavar="CODE",
                   help="rule code (SRC201), name (state-media-claim-unattributed), "
                        "or family prefix (SRC, SRC2: every rule whose code starts with it)")
    p.add_argument("--list", action="store_true", help="list every rule: code, severity, name, summary")
    p.add_argument("--rules", action="append", default=[], type=Path, metavar="DIR",
                   help="also load the rules in DIR (a rule replaces the default one of the same code); repeatable")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    add_common_options(p, model=False)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from provenance.errors import UserError
    from provenance.policy.docs import rule_json, rule_text, summary
    from provenance.policy.loader import load_rules

    pack = load_rules(args.rules)
    if args.list or not args.selector:
        if args.selector:
            raise UserError("give a rule CODE or --list, not both")
        rules = list(pack)
        if args.format == "json":
            sys.stdout.write(json.dumps([rule_json(r) for r in rules], indent=2, ensure_ascii=False) + "\n")
        else:
            width = max((len(r.name) for r in rules), default=0)
            for r in rules:
                state = "" if r.enabled else " (disabled)"
                sys.stdout.write(f"{r.code}  {r.severity:<7}  {r.name:<{width}}  {summary(r)}{state}\n")
        return 0
    rule = pack.get(args.selector)
    selected = [rule] if rule is not None else pack.select(args.selector)
    if not selected:
        from provenance.suggest import did_you_mean

        close = did_you_mean(args.selector, [r.code for r in pack] + [r.name for r in pack])
        if close is not None:
            raise UserError(f"unknown rule {args.selector!r} (did you mean {close}?)")
        known = ", ".join(r.code for r in pack)
        raise UserError(f"unknown rule {args.selector!r} (known: {known}; see `provenance rule --list`)")
    if args.format == "json":
        # a code or name gives one rule object; a prefix gives an array of them
        data = rule_json(rule) if rule is not None else [rule_json(r) for r in selected]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("\n".join(rule_text(r) for r in selected))
    return 0
