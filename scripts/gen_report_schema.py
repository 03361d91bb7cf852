#!/usr/bin/env python3
"""Write the report JSON Schema generated from provenance/report.py.

python scripts/gen_report_schema.py           # (re)write provenance/schemas/report-v1.json
python scripts/gen_report_schema.py --check   # exit 1 if the committed file is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from provenance.render.json_ import REPORT_SCHEMA_PATH, report_json_schema


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when the file is stale")
    parser.add_argument("-o", "--output", type=Path, default=REPORT_SCHEMA_PATH, help="where to write")
    args = parser.parse_args(argv)
    want = report_json_schema()
    have = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if have != want:
            sys.stderr.write(f"{args.output} is stale: run python scripts/gen_report_schema.py\n")
            return 1
        return 0
    if have != want:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(want, encoding="utf-8", newline="\n")
        sys.stderr.write(f"wrote {args.output}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
