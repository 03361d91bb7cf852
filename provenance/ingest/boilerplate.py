"""Page furniture and wire housekeeping ("Go to Contents", "Advertisement", "(Reporting by ...;
Editing by ...)", "--IANS"): whole lines that are never claims, and wire credits set at the
end of a paragraph ("... as saying. (Reporting by ...)"), listed in rules/boilerplate.yaml."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from provenance.errors import ConfigError
from provenance.ingest.buffer import TextBuffer, iter_lines
from provenance.rules_location import rules_dir
from provenance.yamlfile import read_yaml

MAX_LINE = 400  # a longer line is prose, whatever it starts with


@dataclass(frozen=True)
class Boilerplate:
    lines: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    tails: tuple[re.Pattern[str], ...] = ()

    def matches(self, line: str) -> bool:
        s = " ".join(line.split())
        if not s or len(s) > MAX_LINE:
            return False
        return s.lower() in self.lines or any(p.match(s) for p in self.patterns)

    def tail(self, line: str) -> int | None:
        """Where a credit set at the end of a line of prose starts, if there is one."""
        if len(line) > 4 * MAX_LINE:
            return None
        found = [m.start() for p in self.tails for m in [p.search(line)] if m is not None]
        return min(found) if found else None


@functools.cache
def load_boilerplate(path: str | None = None) -> Boilerplate:
    where = Path(path) if path else rules_dir() / "boilerplate.yaml"
    data = read_yaml(where, "boilerplate list")
    if not isinstance(data, dict) or not all(isinstance(data.get(k, []), list) for k in ("lines", "patterns", "tails")):
        raise ConfigError(f"{where}: expected 'lines', 'patterns' and 'tails' lists")
    try:
        patterns = tuple(re.compile(str(p)) for p in data.get("patterns", []))
        tails = tuple(re.compile(str(p)) for p in data.get("tails", []))
    except re.error as exc:
        raise ConfigError(f"{where}: invalid pattern: {exc}") from None
    return Boilerplate(frozenset(" ".join(str(x).split()).lower() for x in data.get("lines", [])), patterns, tails)


def blank_boilerplate(buf: TextBuffer, start: int) -> None:
    """Blank every boilerplate line of the buffer's text from ``start`` on."""
    bp = load_boilerplate()
    text = buf.text
    for ls, le in list(iter_lines(text, start)):
        if bp.matches(text[ls:le]):
            buf.blank(ls, le)
            continue
        at = bp.tail(text[ls:le])
        if at is not None:
            buf.blank(ls + at, le)
