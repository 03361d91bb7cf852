"""`provenance model info`: which model is in use, its files and its scores."""

from __future__ import annotations

import argparse
import json
import sys

from provenance.cli.common import add_command, add_common_options


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "model", "show the parsing model in use")
    msub = p.add_subparsers(dest="model_command", metavar="ACTION", required=True)
    info = msub.add_parser("info", help="print the model's id, files and scores")
    info.add_argument("--format", choices=["text", "json"], default="text")
    add_common_options(info)
    info.set_defaults(func=run_info)


def run_info(args: argparse.Namespace) -> int:
    from provenance.nlp.models import check_available, model_files, parse_model_option

    spec = parse_model_option(args.model)
    check_available(spec)
    files: dict[str, int] = {}
    if spec.kind == "stanza":
        root = spec.directory / spec.lang
        for f in sorted(root.rglob("*.pt")):
            files[str(f)] = f.stat().st_size
    else:
        for f in model_files(spec.directory):
            files[str(f)] = f.stat().st_size
    card_path = spec.directory / "model.json"
    card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.exists() else {}
    info = {"model_id": spec.model_id, "kind": spec.kind, "directory": str(spec.directory),
            "files": files, "scores": card.get("scores", {}), "trained": card.get("trained"),
            "data": card.get("data")}
    if args.format == "json":
        sys.stdout.write(json.dumps(info, indent=2) + "\n")
        return 0
    lines = [f"model: {info['model_id']}", f"directory: {info['directory']}"]
    if info["trained"]:
        lines.append(f"trained: {info['trained']}")
    if info["data"]:
        lines.append(f"data: {info['data']}")
    lines.append("files:")
    lines += [f"  {name}  {size / 1e6:.1f} MB" for name, size in files.items()]
    if info["scores"]:
        lines.append("scores:")
        lines += [f"  {k}: {v}" for k, v in info["scores"].items()]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
