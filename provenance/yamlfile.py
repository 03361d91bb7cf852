"""The one YAML reader of every data file: rules, cue lexicon, registry, configurations.

``load_yaml(path, what)`` parses with PyYAML's safe loader (libyaml's C parser when
available; objects are built in Python so that each mapping can carry its lines) and
returns the data with line bookkeeping: every mapping holds ``__line__`` (where it starts)
and ``__key_lines__`` ({key: line}), so that ``line_of(data, loc)`` turns a pydantic error
location (``("doc", "why")``, ``("entries", 3, "aliases")``) into a 1-based line.
``strip_lines`` gives the plain data; ``validate`` validates it against a pydantic model.

Every problem is a :class:`YamlError` (a ``ConfigError``) whose message is one line,
``FILE:LINE: problem``: unreadable file, syntax error, duplicate key, and the limits that
keep a hostile file from stalling or exhausting the process:

- size: at most ``MAX_BYTES`` bytes;
- depth: at most ``MAX_DEPTH`` nested collections (never a RecursionError);
- aliases: the data with every alias expanded (what validation and the JSON cache walk)
  may weigh at most ``alias_budget(text)`` (nodes plus scalar characters), so nine anchors
  of nine aliases each ("billion laughs") are refused, not expanded;
- merge keys (``<<``) and tags outside the safe schema are refused.

``load_yaml(..., cached=True)`` goes through the YAML data cache
(``provenance.store.yamldata``): a registry folder is read from JSON on later runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from provenance.errors import ConfigError

try:  # the C parser when available; construction stays in Python so we can hook it
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Base = yaml.SafeLoader

LINE = "__line__"
KEY_LINES = "__key_lines__"
MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 100

M = TypeVar("M", bound=BaseModel)


class YamlError(ConfigError):
    """A data file that cannot be used: ``str()`` is ``FILE[:LINE]: problem``, one line."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = " ".join(problem.split())
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {self.problem}")


def alias_budget(text: str) -> int:
    """The most an expanded document may weigh: aliases may repeat data, not multiply it."""
    return 4 * len(text) + 10_000


class LineLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader whose mappings carry ``__line__`` and ``__key_lines__``, with limits."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.weights: dict[int, int] = {}  # id(node) -> weight of the node, aliases expanded
        self.budget = alias_budget(stream)

    def _weigh(self, node: yaml.Node, weight: int) -> None:
        self.weights[id(node)] = weight
        if weight > self.budget:
            raise yaml.constructor.ConstructorError(None, None, f"aliases expand the data past {self.budget} nodes and characters "
                           "(an alias bomb?)", node.start_mark)

    def _enter(self, node: yaml.Node) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise yaml.constructor.ConstructorError(None, None, f"nested more than {MAX_DEPTH} levels deep", node.start_mark)


def _weight_of(loader: LineLoader, node: yaml.Node) -> int:
    return loader.weights.get(id(node), 1)


def _construct_scalar(loader: LineLoader, node: yaml.ScalarNode) -> Any:
    value = loader.construct_scalar(node)
    loader.weights[id(node)] = 1 + len(value)
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return value
    return yaml.constructor.SafeConstructor.yaml_constructors[tag](loader, node)


def _construct_sequence(loader: LineLoader, node: yaml.SequenceNode) -> list[Any]:
    loader._enter(node)
    items = [loader.construct_object(child, deep=True) for child in node.value]
    loader.depth -= 1
    loader._weigh(node, 1 + sum(_weight_of(loader, child) for child in node.value))
    return items


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader._enter(node)
    mapping: dict[Any, Any] = {}
    key_lines: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            seen = key in mapping
        except TypeError:  # a list or mapping as a key
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value", key_node.start_mark) from None
        if seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {key_lines[key]})", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        key_lines[key] = line
    loader.depth -= 1
    loader._weigh(node, 1 + sum(_weight_of(loader, k) + _weight_of(loader, v) for k, v in node.value))
    mapping[LINE] = node.start_mark.line + 1
    mapping[KEY_LINES] = key_lines
    return mapping


def _unsupported(loader: LineLoader, node: yaml.Node) -> Any:
    raise yaml.constructor.ConstructorError(
        None, None, f"unsupported tag {node.tag!r} (merge keys, sets and custom tags are not read)", node.start_mark
    )


for _tag in ("str", "int", "float", "bool", "null", "timestamp", "binary"):
    LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct_scalar)
for _tag in ("omap", "pairs", "set", "merge", "value"):  # their constructors would bypass the limits
    LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _unsupported)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor(None, _unsupported)


def parse_yaml(text: str, path: Path | str) -> Any:
    """``text`` (the contents of ``path``) as data with line bookkeeping; YamlError otherwise."""
    if len(text) > MAX_BYTES:
        raise YamlError(path, None, f"larger than the {MAX_BYTES}-byte limit for a data file")
    loader = LineLoader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        prefix = "" if isinstance(exc, yaml.constructor.ConstructorError) else "invalid YAML: "
        raise YamlError(path, mark.line + 1 if mark is not None else None, prefix + problem) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, None, f"invalid YAML: {exc}") from None
    except RecursionError:  # not reachable with MAX_DEPTH, kept as a last line of defence
        raise YamlError(path, None, "nested too deeply") from None
    finally:
        loader.dispose()


def load_yaml(path: Path | str, what: str = "file", *, cached: bool = False) -> Any:
    """The data of a YAML file, with line bookkeeping (None for an empty file).
    ``cached``: through the YAML data cache (for large files read on every run)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlError(path, None, f"larger than the {MAX_BYTES}-byte limit for a data file")
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(path, None, f"cannot read {what}: {exc.strerror or exc}") from None

    def parse() -> Any:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise YamlError(path, None, f"cannot read {what}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
        return parse_yaml(text.removeprefix("\ufeff"), path)

    if not cached:
        return parse()
    from provenance.store.yamldata import load_cached

    return load_cached(raw, parse)


def read_yaml(path: Path | str, what: str = "file") -> Any:
    """The plain data of a YAML file ({} for an empty file), without line bookkeeping."""
    data = load_yaml(path, what)
    return {} if data is None else strip_lines(data)


def strip_lines(data: Any) -> Any:
    """A copy of ``data`` without the line bookkeeping keys."""
    if isinstance(data, dict):
        return {k: strip_lines(v) for k, v in data.items() if k not in (LINE, KEY_LINES)}
    if isinstance(data, list):
        return [strip_lines(v) for v in data]
    return data


def line_of(data: Any, loc: Sequence[Any] = ()) -> int:
    """The line of the deepest key or list item reachable along ``loc`` (a pydantic error
    location): a key's own line, a mapping item's first line; 1 when nothing is known."""
    best: int = data.get(LINE, 1) if isinstance(data, dict) else 1
    node = data
    for part in loc:
        if isinstance(node, dict):
            key_lines = node.get(KEY_LINES, {})
            if part not in key_lines:
                break
            best = key_lines[part]
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            if isinstance(node, dict) and LINE in node:
                best = node[LINE]
        else:
            break
    return best


def error_lines(exc: ValidationError, data: Any) -> list[tuple[int, str, str]]:
    """Each validation error as (line, dotted field, message), unknown keys first (a typo
    explains a "field required" of the same mapping)."""
    out = []
    for err in sorted(exc.errors(include_url=False), key=lambda e: e.get("type") != "extra_forbidden"):
        loc = tuple(err.get("loc", ()))
        msg = "unknown field (typo?)" if err.get("type") == "extra_forbidden" else err.get("msg", "invalid")
        out.append((line_of(data, loc), ".".join(str(p) for p in loc) or "(top level)", msg))
    return out


def validation_message(path: Path | str, exc: ValidationError, data: Any) -> str:
    """The first validation error as ``FILE:LINE: field: message`` (+ count of others)."""
    errors = error_lines(exc, data)
    line, field, msg = errors[0]
    more = f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{path}:{line}: {field}: {msg}{more}"


def validate(model: type[M], data: Any, path: Path | str) -> M:
    """``data`` (with line bookkeeping) as ``model``; ConfigError ``FILE:LINE: field: message``."""
    try:
        return model.model_validate({} if data is None else strip_lines(data))
    except ValidationError as exc:
        raise ConfigError(validation_message(path, exc, data)) from None
