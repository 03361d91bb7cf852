"""Files that could not be checked, in each output format, and safe one-line text.

A batch lists the inputs it could not check beside the reports of the others
(docs/ci.md, "Batches"): text ``PATH: not checked: MESSAGE`` lines, GitHub ``::error``
annotations, SARIF tool execution notifications, a "Not checked" card on the HTML index.
Errors are ``(input name, message)`` pairs; the name ``-`` is standard input.

File names and quoted text come from outside: ``escape_controls`` writes control
characters (a newline that would start a second line, or a GitHub workflow command; ESC
that would drive the terminal) and undecodable bytes of a file name as visible escapes.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from provenance.errors import display_name, escape_controls
from provenance.render.github import escape_data, escape_property

if TYPE_CHECKING:
    from provenance.policy.rule_model import Rule
    from provenance.report import Report

__all__ = [
    "error_message",
    "error_path",
    "escape_controls",
    "github_errors",
    "index_html_with_errors",
    "sarif_with_errors",
    "short_message",
    "text_errors",
]

Errors = Sequence[tuple[str, str]]

def error_path(name: str) -> str:
    return "<stdin>" if name == "-" else display_name(name)


def error_message(name: str, message: str) -> str:
    """The message with the file named (ingest messages already name it)."""
    path = error_path(name)
    return message if path in message else f"{path}: {message}"


def short_message(name: str, message: str) -> str:
    """The message without a leading ``PATH:`` (for outputs that show the path beside it)."""
    prefix = f"{error_path(name)}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def text_errors(errors: Errors) -> str:
    """``PATH: not checked: MESSAGE`` lines (the text format, after the summary)."""
    return "".join(f"{escape_controls(error_path(n))}: not checked: {escape_controls(short_message(n, m))}\n"
                   for n, m in sorted(errors))


def github_errors(errors: Errors) -> str:
    """One ``::error file=PATH,title=not checked::MESSAGE`` annotation per file."""
    return "".join(
        f"::error file={escape_property(error_path(n))},"
        f"title=not checked::{escape_data(short_message(n, m))}\n"
        for n, m in sorted(errors))


def sarif_with_errors(reports: Sequence[Report], rules: Sequence[Rule], errors: Errors) -> str:
    """SARIF with the files that could not be checked as tool execution notifications."""
    from provenance.render.sarif import artifact_uri, sarif_log

    log = sarif_log(reports, rules)
    if errors:
        log["runs"][0]["invocations"] = [{
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": escape_controls(error_message(n, m), keep="\n\r\t")},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri("<stdin>" if n == "-" else n)}}}],
                }
                for n, m in sorted(errors)
            ],
        }]
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def index_html_with_errors(page: str, errors: Errors) -> str:
    """The index page with a list of the files that could not be checked."""
    if not errors:
        return page
    items = "".join(f'<li><code>{html.escape(escape_controls(error_path(n)))}</code>: '
                    f'{html.escape(escape_controls(short_message(n, m)))}</li>\n'
                    for n, m in sorted(errors))
    block = (f'<div class="card errors" id="not-checked">\n<h2>Not checked ({len(errors)})</h2>\n'
             f'<ul>\n{items}</ul>\n</div>\n')
    at = page.rfind("</main>")
    return page[:at] + block + page[at:] if at >= 0 else page + block
