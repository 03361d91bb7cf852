"""Page furniture and wire housekeeping ("Go to Contents", "Advertisement", "(Reporting by ...;
Editing by ...)", "--IANS"): whole lines that are never claims, listed in rules/boilerplate.yaml."""

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

    def matches(self, line: str) -> bool:
        s = " ".join(line.split())
        if not s or len(s) > MAX_LINE:
            return False
        return s.lower() in self.lines or any(p.match(s) for p in self.patterns)


@functools.cache
def load_boilerplate(path: str | None = None) -> Boilerplate:
    where = Path(path) if path else rules_dir() / "boilerplate.yaml"
    data = read_yaml(where, "boilerplate list")
    if not isinstance(data, dict) or not isinstance(data.get("lines", []), list) \
            or not isinstance(data.get("patterns", []), list):
        raise ConfigError(f"{where}: expected 'lines' and 'patterns' lists")
    try:
        patterns = tuple(re.compile(str(p)) for p in data.get("patterns", []))
    except re.error as exc:
        raise ConfigError(f"{where}: invalid pattern: {exc}") from None
    return Boilerplate(frozenset(" ".join(str(x).split()).lower() for x in data.get("lines", [])), patterns)


def blank_boilerplate(buf: TextBuffer, start: int) -> None:
    """Blank every boilerplate line of the buffer's text from ``start`` on."""
    bp = load_boilerplate()
    text = buf.text
    for ls, le in list(iter_lines(text, start)):
        if bp.matches(text[ls:le]):
            buf.blank(ls, le)
