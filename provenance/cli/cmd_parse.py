"""Parse articles with the stanza model. Inputs ending in .conllu are read as already-parsed documents
(no model)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from provenance.cli.common import add_command, add_common_options


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(sub, "parse", "parse articles and write CoNLL-U or JSON", __doc__)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=["conllu", "json"], default="conllu")
    p.add_argument("--output", type=Path, help="write here instead of stdout")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the parse cache")
    p.add_argument("--encoding", help="text encoding of the inputs (default UTF-8)")
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from provenance.fileio import write_atomic
    from provenance.ingest import load_article
    from provenance.nlp.conllu import read_conllu_file, to_conllu
    from provenance.nlp.models import parse_model_option
    from provenance.nlp.parser import Parser

    parser: Parser | None = None
    out_conllu: list[str] = []
    out_json: list[dict[str, object]] = []
    for name in args.files:
        path = Path(name)
        if path.suffix == ".conllu":
            text, parsed = read_conllu_file(path)
        else:
            article = load_article(path, encoding=args.encoding)
            if parser is None:
                parser = Parser(parse_model_option(args.model), use_cache=not args.no_cache)
            text = article.text
            parsed = parser.parse(text)
        if args.format == "conllu":
            if len(args.files) > 1:
                out_conllu.append(f"# newdoc id = {path}\n")
            out_conllu.append(to_conllu(parsed, text))
        else:
            out_json.append({"path": str(path), **parsed.model_dump()})
    data = "".join(out_conllu) if args.format == "conllu" else json.dumps({"documents": out_json}, ensure_ascii=False, indent=1) + "\n"
    if args.output:
        write_atomic(args.output, data)
    else:
        sys.stdout.write(data)
    return 0
