"""The HTML report in a real browser: headless Chromium, no Node toolchain.

Each check is one ``chromium --headless`` call (60 s cap): ``--dump-dom`` after the page's
script ran (``#select=N`` clicks statement N at load; ``<html data-js-errors>`` counts
script errors, ``data-js-ready`` says the script finished) and ``--screenshot``. Keyboard
use is driven from a wrapper page that loads the report in an iframe (same origin under
``--allow-file-access-from-files``) and sends it key events.

Skipped when /usr/bin/chromium is absent (Debian: ``apt-get install chromium``). Set
``PROVENANCE_SCREENSHOTS=DIR`` to keep the screenshots (e.g. ``reports/screenshots``).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from report_fixtures import HOSTILE, Node, gold_report, hostile_report, parse_html, sample_rules, seed_text

from provenance.render import render_html, render_index_html

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="headless Chromium not installed (/usr/bin/chromium absent; apt-get install chromium)",
    ),
]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--virtual-time-budget=2000",
]


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    proc = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    shutil.rmtree(profile, ignore_errors=True)
    return proc


def dump_dom(tmp: Path, url: str, *extra: str) -> Node:
    proc = chromium(tmp, *extra, "--dump-dom", url)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "<html" in proc.stdout, proc.stderr[-2000:]
    return parse_html(proc.stdout)


def assert_script_ran_cleanly(doc: Node) -> None:
    html = doc.find("html")
    assert html.attrs.get("data-js-ready") == "1", "the page script did not finish"
    assert html.attrs.get("data-js-errors") == "0", f"{html.attrs.get('data-js-errors')} script error(s)"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("site")
    (d / "report.html").write_text(render_html(gold_report(), sample_rules(), seed_text()), encoding="utf-8")
    report, text, rules = hostile_report()
    (d / "hostile.html").write_text(render_html(report, rules, text), encoding="utf-8")
    (d / "index.html").write_text(
        render_index_html([(gold_report(), "report.html"), (report, "hostile.html")]), encoding="utf-8"
    )
    return d


def test_select_statement_shows_chain_panel(site: Path, tmp_path: Path) -> None:
    doc = dump_dom(tmp_path, (site / "report.html").as_uri() + "#select=3")
    assert_script_ran_cleanly(doc)
    panel = doc.by_id("panel")
    assert panel.attrs["data-selected"] == "3"
    body = doc.by_id("panel-body")
    assert "hidden" not in body.attrs and "hidden" in doc.by_id("panel-empty").attrs
    svg = body.find("svg", class_="chain")
    assert svg is not None, "no chain diagram in the panel"
    links = [g for g in svg.find_all("g") if "link" in g.classes()]
    assert [g.attrs["data-name"] for g in links] == ["IANS", "Yonhap", "KCNA", "Kim Jong-un"]
    assert [t.text() for g in links for t in g.find_all("text") if "name" in t.classes()] == [
        "IANS",
        "Yonhap",
        "KCNA",
        "Kim Jong-un",
    ]
    text = " ".join(body.text().split())
    assert "Statement 3" in text and "state media only" in text and "Findings (1)" in text
    assert doc.by_id("s-3").attrs["aria-expanded"] == "true"
    assert doc.by_id("s-2").attrs["aria-expanded"] == "false"


def test_no_selection_by_default(site: Path, tmp_path: Path) -> None:
    doc = dump_dom(tmp_path, (site / "report.html").as_uri())
    assert_script_ran_cleanly(doc)
    assert doc.by_id("panel").attrs["data-selected"] == ""
    assert "hidden" in doc.by_id("panel-body").attrs


def test_keyboard_enter_opens_and_escape_closes(site: Path, tmp_path: Path) -> None:
    wrapper = site / "keyboard.html"
    wrapper.write_text(
        """<!DOCTYPE html><html><body><iframe id="f" src="report.html" width="1200" height="800"></iframe>
<pre id="out">pending</pre>
<script>
document.getElementById("f").addEventListener("load", function () {
  var out = document.getElementById("out");
  try {
    var d = this.contentDocument, w = this.contentWindow;
    var el = d.getElementById("s-5");
    el.focus();
    el.dispatchEvent(new w.KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
    var r = {selected: d.getElementById("panel").getAttribute("data-selected"),
             expanded: el.getAttribute("aria-expanded"), active: d.activeElement.id,
             names: Array.prototype.map.call(d.querySelectorAll("#panel-body g.link"), function (g) { return g.getAttribute("data-name"); })};
    d.activeElement.dispatchEvent(new w.KeyboardEvent("keydown", {key: "Escape", bubbles: true}));
    r.afterEscape = d.getElementById("panel").getAttribute("data-selected");
    r.activeAfterEscape = d.activeElement.id;
    var b = d.querySelector('#findings button[data-select="8"]');
    b.click();
    r.afterTable = d.getElementById("panel").getAttribute("data-selected");
    r.errors = d.documentElement.getAttribute("data-js-errors");
    out.textContent = JSON.stringify(r);
  } catch (e) { out.textContent = "ERROR " + e; }
});
</script></body></html>""",
        encoding="utf-8",
    )
    doc = dump_dom(tmp_path, wrapper.as_uri(), "--allow-file-access-from-files")
    raw = doc.by_id("out").text()
    assert not raw.startswith(("ERROR", "pending")), raw
    r = json.loads(raw)
    assert r == {
        "selected": "5",
        "expanded": "true",
        "active": "panel-body",  # focus moves into the panel
        "names": ["IANS", "Yonhap", "KCNA", "Kim Jong-un"],
        "afterEscape": "",
        "activeAfterEscape": "s-5",  # and back to the statement on Escape
        "afterTable": "8",
        "errors": "0",
    }


def test_hostile_report_stays_inert(site: Path, tmp_path: Path) -> None:
    doc = dump_dom(tmp_path, (site / "hostile.html").as_uri() + "#select=0")
    assert_script_ran_cleanly(doc)
    assert not doc.find_all("img") and not doc.find_all("iframe")
    assert len(doc.find_all("script")) == 2
    assert doc.find("title").text().startswith(HOSTILE[0])  # shown as text, not run
    assert doc.by_id("panel").attrs["data-selected"] == "0"
    names = [g.attrs["data-name"] for g in doc.by_id("panel-body").find_all("g") if "link" in g.classes()]
    assert names == [HOSTILE[6], f"{HOSTILE[1]}</script>", HOSTILE[4]]
    for n in doc.iter():
        assert not any(a.startswith("on") for a in n.attrs), n.tag


def test_index_page_script(site: Path, tmp_path: Path) -> None:
    doc = dump_dom(tmp_path, (site / "index.html").as_uri())
    assert_script_ran_cleanly(doc)
    assert len(doc.find("tbody").find_all("tr")) == 2


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_screenshot(site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report-select-3.png"
    proc = chromium(
        tmp_path, "--window-size=1280,900", f"--screenshot={shot}", (site / "report.html").as_uri() + "#select=3"
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.exists()
    assert _png_size(shot) == (1280, 900)
    assert shot.stat().st_size > 30_000, "screenshot looks blank"
    keep = os.environ.get("PROVENANCE_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
