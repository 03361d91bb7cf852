"""A YAML loader that remembers where every mapping and every key starts (1-based lines)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:  # the C parser when available; construction stays in Python so we can hook it
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Base = yaml.SafeLoader

LINE = "__line__"
KEY_LINES = "__key_lines__"


class LineLoader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader whose mappings carry ``__line__`` and ``__key_lines__`` {key: line}."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    key_lines: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        key_lines[key] = key_node.start_mark.line + 1
    mapping[LINE] = node.start_mark.line + 1
    mapping[KEY_LINES] = key_lines
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; raises ``yaml.YAMLError`` (with a mark) on syntax errors."""
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader


def strip_lines(data: Any) -> Any:
    """A copy of ``data`` without the line bookkeeping keys."""
    if isinstance(data, dict):
        return {k: strip_lines(v) for k, v in data.items() if k not in (LINE, KEY_LINES)}
    if isinstance(data, list):
        return [strip_lines(v) for v in data]
    return data


def line_of(data: Any, loc: tuple[Any, ...] = ()) -> int | None:
    """The line of the deepest mapping/key reachable along ``loc`` (a pydantic error location)."""
    best: int | None = data.get(LINE) if isinstance(data, dict) else None
    node = data
    for part in loc:
        if isinstance(node, dict):
            key_lines = node.get(KEY_LINES, {})
            if part in key_lines:
                best = key_lines[part]
            node = node.get(part)
            if isinstance(node, dict) and LINE in node:
                best = node[LINE]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            if isinstance(node, dict) and LINE in node:
                best = node[LINE]
        else:
            break
    return best
