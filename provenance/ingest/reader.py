"""Reading an article file: size limit, binary check, decoding, newlines, format."""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from pathlib import Path

from provenance.article import Article, ArticleFormat
from provenance.errors import InputError, display_name
from provenance.ingest.build import build_article

DEFAULT_MAX_BYTES = 2_000_000
FORMAT_BY_EXTENSION: dict[str, ArticleFormat] = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}  # fmt: skip
FORMAT_NAMES: dict[str, ArticleFormat] = {
    "text": "text", "txt": "text", "plain": "text",
    "markdown": "markdown", "md": "markdown",
    "html": "html", "htm": "html",
}  # fmt: skip
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def normalise_newlines(text: str) -> str:
    """What ``open(path, encoding="utf-8-sig").read()`` gives: no BOM, universal newlines."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _check_text(text: str, name: str) -> None:
    if "\x00" in text:
        raise InputError(f"{name}: looks like binary data (NUL bytes)")
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise InputError(f"{name}: looks like binary data (control characters)")


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a file's bytes (UTF-8 unless ``encoding``), strip a BOM, normalise newlines."""
    if encoding is None:
        if b"\x00" in data:
            raise InputError(f"{name}: looks like binary data (NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "pass --encoding, e.g. --encoding latin-1"
            ) from None
    else:
        try:
            info = codecs.lookup(encoding)
        except (LookupError, TypeError, ValueError):
            info = None
        if info is None or not getattr(info, "_is_text_encoding", True):
            raise InputError(f"unknown encoding {encoding!r} (--encoding); use e.g. utf-8, latin-1 or cp1252")
        try:
            text = data.decode(info.name)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} is not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "check --encoding"
            ) from None
        except (LookupError, UnicodeError, ValueError, TypeError) as exc:
            raise InputError(f"cannot decode {name} as {encoding}: {exc}") from None
    text = normalise_newlines(text)
    _check_text(text, name)
    return text


def sniff_format(text: str) -> ArticleFormat:
    head = text[:4096].lstrip().lower()
    while head.startswith("<!--"):
        end = head.find("-->")
        if end < 0:
            break
        head = head[end + 3 :].lstrip()
    if head.startswith(("<!doctype html", "<html", "<head", "<body")):
        return "html"
    if head.startswith("<?xml") and "<html" in head:
        return "html"
    if re.match(r"---[ \t]*\n", text) or re.match(r"#{1,6}[ \t]+\S", head):
        return "markdown"
    return "text"


def resolve_format(fmt: str | None, name: str, text: str, warnings: list[str]) -> ArticleFormat:
    if fmt is not None and fmt.strip().lower() not in ("", "auto"):
        resolved = FORMAT_NAMES.get(fmt.strip().lower())
        if resolved is None:
            raise InputError(f"unknown format {fmt!r} (expected text, markdown or html)")
        return resolved
    ext = os.path.splitext(name)[1].lower()
    if ext in FORMAT_BY_EXTENSION:
        resolved = FORMAT_BY_EXTENSION[ext]
        if resolved != "html" and sniff_format(text) == "html":
            warnings.append(f"{name} looks like HTML but is read as {resolved} because of its extension")
        return resolved
    return sniff_format(text)


def _too_large(name: str, max_bytes: int, size: int | None) -> InputError:
    got = f"{size} bytes" if size is not None else f"more than {max_bytes} bytes"
    return InputError(f"{name} is larger than the {max_bytes}-byte limit ({got}); pass --max-bytes to raise it")


_CHUNK = 1 << 20


def _read_limited(stream, name: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` (InputError beyond), read in pieces: a huge limit
    (``--max-bytes 9223372036854775807``) allocates nothing in advance."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(name, max_bytes, None)
    return b"".join(chunks)


def load_article(
    path: str | Path,
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    publisher: str | None = None,
    fmt: str | None = None,
) -> Article:
    """Read an article file (``"-"``: standard input) into an :class:`Article`.

    Raises :class:`~provenance.errors.InputError` (one-line message) for a missing file, a
    directory, a file over ``max_bytes``, binary data, undecodable bytes or an unknown
    encoding or format."""
    name = display_name(str(path))  # the name in messages and the report; ``path`` is opened
    max_bytes = max(int(max_bytes), 0)
    if name == "-":
        data = _read_limited(sys.stdin.buffer, "<stdin>", max_bytes)
        name = "<stdin>"
    else:
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            raise InputError(f"no such file: {name}") from None
        except PermissionError:
            raise InputError(f"cannot read {name}: permission denied") from None
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read {name}: {getattr(exc, 'strerror', None) or exc}") from None
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{name} is a directory, not a file")
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise _too_large(name, max_bytes, st.st_size)
        try:
            with open(path, "rb") as fh:
                data = _read_limited(fh, name, max_bytes)
        except PermissionError:
            raise InputError(f"cannot read {name}: permission denied") from None
        except IsADirectoryError:
            raise InputError(f"{name} is a directory, not a file") from None
        except OSError as exc:
            raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    text = decode_bytes(data, name, encoding)
    warnings: list[str] = []
    resolved = resolve_format(fmt, name if name != "<stdin>" else "", text, warnings)
    return build_article(text, name, resolved, publisher, warnings)


def article_from_text(
    source_text: str,
    path: str = "<stdin>",
    fmt: str | None = None,
    publisher: str | None = None,
) -> Article:
    """An :class:`Article` from already-decoded text (standard input, tests, other tools).

    The text is normalised as a file would be (a leading BOM dropped, ``\\r\\n`` and ``\\r``
    turned into ``\\n``); offsets are into that normalised text, ``Article.source_text``."""
    text = normalise_newlines(source_text)
    _check_text(text, path)
    warnings: list[str] = []
    resolved = resolve_format(fmt, path if path != "<stdin>" else "", text, warnings)
    return build_article(text, path, resolved, publisher, warnings)
