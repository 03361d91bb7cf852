"""Strict YAML reading that remembers where every key and value sits in the file.

``load_yaml_with_lines(path)`` returns the parsed data and a function that maps a pydantic
error location (``("doc", "why")``, ``("examples", "flagged", 0)``) to a 1-based line, so a
bad rule file is reported as ``FILE:LINE: message``.  Duplicate keys, which PyYAML silently
collapses, are an error here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from provenance.errors import ConfigError

LineOf = Callable[[Sequence[int | str]], int]


def _index(node: yaml.Node, path: tuple, lines: dict[tuple, int], where: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise ConfigError(f"{where}:{line}: duplicate key {key!r} (first at line {seen[key]})")
            seen[key] = line
            lines[path + (key,)] = line
            _index(value_node, path + (key,), lines, where)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _index(item, path + (i,), lines, where)


def load_yaml_with_lines(path: Path) -> tuple[Any, LineOf]:
    """Parse ``path`` with the safe loader; raise ConfigError naming file and line."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{where}: cannot read rule file: {exc}") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise ConfigError(f"{where}{line}: invalid YAML: {problem}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: invalid YAML: {exc}") from exc
    lines: dict[tuple, int] = {}
    if node is not None:
        _index(node, (), lines, where)

    def line_of(loc: Sequence[int | str]) -> int:
        loc = tuple(loc)
        while loc:
            if loc in lines:
                return lines[loc]
            loc = loc[:-1]
        return lines.get((), 1)

    return data, line_of


def pydantic_error_message(where: str, exc: Any, line_of: LineOf) -> str:
    """The first (top) validation error as ``FILE:LINE: field: message`` (+ count of others)."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    if first["type"] == "missing" and loc:
        line = line_of(loc[:-1])
    else:
        line = line_of(loc)
    field = ".".join(str(p) for p in loc) or "(top level)"
    msg = first["msg"]
    if first["type"] == "extra_forbidden":
        msg = "unknown field"
    more = f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{where}:{line}: {field}: {msg}{more}"
