"""Show the configuration in force: the closest provenance.toml or [tool.provenance] in pyproject.toml
(or --config FILE), over the defaults."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from provenance.cli.common import add_command, add_common_options, usage_handler


def register(subparsers: argparse._SubParsersAction) -> None:
    p = add_command(subparsers, "config", "show the configuration in force", __doc__)
    sub = p.add_subparsers(dest="config_command", metavar="ACTION")
    show = sub.add_parser("show", help="print the configuration in force as TOML")
    show.add_argument("--config", type=Path, metavar="FILE", help="read this file instead of searching for one")
    show.add_argument("path", nargs="?", type=Path, metavar="PATH",
                      help="the article or folder whose configuration to show: the closest configuration "
                           "file in its folder or a parent (default: the current directory)")
    add_common_options(show, model=False)
    show.set_defaults(func=run_show)
    p.set_defaults(func=usage_handler(p))



def run_show(args: argparse.Namespace) -> int:
    from provenance.policy.config import config_show, load_config

    config = load_config(args.config, args.path)
    sys.stdout.write(config_show(config, str(args.path) if args.path is not None else None))
    return 0
