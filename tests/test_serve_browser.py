"""The editor's page in a real browser: Playwright for Python driving Debian's chromium
(``executable_path``: Playwright's own browser download is never used) against a live
``provenance serve`` app on 127.0.0.1.

Every wait is for a page state (``<html data-state>`` and ``data-checks``: the number of
reports applied), never a sleep; waits are selectors or functions, never a string of
script for Playwright to ``eval`` (the page's Content-Security-Policy forbids eval).  Skipped only where chromium or Playwright is absent;
``scripts/setup.sh`` installs both.  ``PROVENANCE_SCREENSHOTS=DIR`` keeps the screenshot
(``reports/screenshots/serve-editor.png`` is made this way).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("fastapi")

from serve_support import SEED, live_server, ready_engine

CANDIDATES = [Path("/usr/lib/chromium/chromium"), Path("/usr/bin/chromium")]  # Debian's chromium package
CHROMIUM = next((p for p in CANDIDATES if p.exists()), None)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"),
]
TIMEOUT_MS = 60_000  # a cap for each wait (a slow CI machine), not a measured time
HEADLINE_CUE = ", the North's state media reported on Monday."


@pytest.fixture(scope="module")
def base_url():  # type: ignore[no-untyped-def]
    with live_server(ready_engine()) as url:
        yield url


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("request", lambda r: problems.append(f"outside request: {r.url}")
          if not r.url.startswith((base_url, "blob:", "data:")) else None)
    pg.problems = problems  # type: ignore[attr-defined]
    pg.goto(base_url + "/")
    pg.wait_for_selector("html[data-state='empty']", state="attached")  # the model is ready
    yield pg
    context.close()


def checks(pg) -> int:  # type: ignore[no-untyped-def]
    return int(pg.evaluate("() => document.documentElement.dataset.checks"))


def wait_for_report(pg, after: int) -> None:  # type: ignore[no-untyped-def]
    """Wait until a report newer than number ``after`` is on the page."""
    pg.wait_for_function(
        "n => Number(document.documentElement.dataset.checks) > n && document.documentElement.dataset.state === 'ready'",
        arg=after)


def paste_seed(pg) -> None:  # type: ignore[no-untyped-def]
    before = checks(pg)
    pg.locator("#source").fill(SEED)
    wait_for_report(pg, before)


def chain_names(pg) -> list[str]:  # type: ignore[no-untyped-def]
    return pg.eval_on_selector_all("#panel-body svg.chain g.link", "gs => gs.map(g => g.getAttribute('data-name'))")


def open_rows(pg, table: str) -> list[str]:  # type: ignore[no-untyped-def]
    return pg.eval_on_selector_all(f"#{table} tbody tr", "rs => rs.map(r => r.getAttribute('data-code'))")


def test_keyboard_to_the_chain_edit_and_suppress(page) -> None:  # type: ignore[no-untyped-def]
    pg = page
    paste_seed(pg)
    assert pg.locator("#text .st").count() == 16
    assert open_rows(pg, "findings-table") == ["SRC202", "SRC201", "SRC201"]

    # j to the third statement after the headline (Statement 3), Enter: its chain
    pg.locator("#article-h").click()
    for _ in range(4):
        pg.keyboard.press("j")
    assert pg.evaluate("() => document.activeElement.id") == "s-3"
    pg.keyboard.press("Enter")
    pg.wait_for_selector("#panel[data-selected='3'] svg.chain")
    assert chain_names(pg) == ["IANS", "Yonhap", "KCNA", "Kim Jong-un"]
    assert pg.locator("#panel-body h2").inner_text() == "Statement 3"
    shots = os.environ.get("PROVENANCE_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(Path(shots) / "serve-editor.png"), full_page=False)

    # ? shows the key list; Escape closes it
    pg.keyboard.press("?")
    assert pg.locator("#keys").is_visible()
    pg.keyboard.press("Escape")
    assert not pg.locator("#keys").is_visible()

    # f: the first open finding (the headline's SRC202) and its statement
    pg.keyboard.press("f")
    pg.wait_for_selector("#panel[data-selected='0']")
    assert pg.locator("#findings-table tr.current").get_attribute("data-code") == "SRC202"

    # edit the headline to credit Seoul's Unification Ministry instead: e puts the cursor in the source on it
    # (with no credit at all it would rest on the KCNA report the next sentence cites)
    assert "v-state_media_only" in pg.locator("#s-0").get_attribute("class")
    pg.keyboard.press("e")
    assert pg.evaluate("() => document.activeElement.id") == "source"
    start = SEED.index(HEADLINE_CUE)
    pg.evaluate("([a, b]) => document.getElementById('source').setSelectionRange(a, b)", [start, start + len(HEADLINE_CUE)])
    before = checks(pg)
    pg.keyboard.type(", South Korea's Unification Ministry said.")
    wait_for_report(pg, before)
    assert "v-official" in pg.locator("#s-0").get_attribute("class")
    assert open_rows(pg, "findings-table") == ["SRC201", "SRC201"]  # SRC202 is gone with the state-media credit
    assert pg.locator("#status").inner_text().find("reused") > 0

    # suppress the first SRC201 with a reason: it moves to the suppressed list
    pg.locator("#findings-table tbody tr").first.locator("[data-action='suppress']").click()
    pg.locator("#suppress-reason").fill("confirmed by our Seoul bureau")
    before = checks(pg)
    pg.locator("#suppress-ok").click()
    wait_for_report(pg, before)
    assert open_rows(pg, "findings-table") == ["SRC201"]
    assert open_rows(pg, "suppressed-table") == ["SRC201"]
    assert "confirmed by our Seoul bureau" in pg.locator("#suppressed-table").inner_text()
    assert '<!-- provenance: ignore[SRC201] reason="confirmed by our Seoul bureau" -->' in pg.locator("#source").input_value()

    assert pg.evaluate("() => document.documentElement.dataset.jsErrors") == "0"
    assert pg.problems == [], pg.problems  # type: ignore[attr-defined]


def test_baseline_and_downloads(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pg = page
    paste_seed(pg)
    before = checks(pg)
    pg.locator("#findings-table tbody tr[data-code='SRC202'] [data-action='baseline']").click()
    wait_for_report(pg, before)
    assert open_rows(pg, "findings-table") == ["SRC201", "SRC201"]
    assert open_rows(pg, "suppressed-table") == ["SRC202"]
    assert pg.locator("#baseline-count").inner_text() == "1 finding"
    with pg.expect_download() as dl:
        pg.locator("#download-baseline").click()
    path = tmp_path / "baseline.json"
    dl.value.save_as(path)
    from provenance.policy.baseline import load_baseline

    assert [e.code for e in load_baseline(path).entries] == ["SRC202"]
    for kind, suffix in (("json", ".provenance.json"), ("html", ".provenance.html"), ("sarif", ".sarif")):
        with pg.expect_download() as dl:
            pg.locator(f"[data-export='{kind}']").click()
        assert dl.value.suggested_filename == "article.txt" + suffix
    assert pg.evaluate("() => document.documentElement.dataset.jsErrors") == "0"
    assert pg.problems == [], pg.problems  # type: ignore[attr-defined]


def test_open_file_and_findings_jump(page) -> None:  # type: ignore[no-untyped-def]
    from serve_support import ROOT, SEED_PATH

    pg = page
    before = checks(pg)
    pg.locator("#open-file").set_input_files(str(ROOT / SEED_PATH))
    wait_for_report(pg, before)
    assert pg.locator("#doc-name").input_value() == "000_6a10e030e5c8f4fd.txt"
    assert pg.locator("#source").input_value() == SEED
    # a finding's statement link opens that statement
    row = pg.locator("#findings-table tbody tr[data-code='SRC201']").first
    target = row.locator("[data-select]").get_attribute("data-select")
    row.locator("[data-select]").click()
    pg.wait_for_selector(f"#panel[data-selected='{target}']")
    assert pg.evaluate("() => document.activeElement.id") == f"s-{target}"
    assert pg.problems == [], pg.problems  # type: ignore[attr-defined]


def test_hostile_text_is_shown_not_run(page) -> None:  # type: ignore[no-untyped-def]
    pg = page
    before = checks(pg)
    pg.locator("#source").fill('<img src=x onerror="document.title=1"> <script>document.title=2</script> '
                               "the KCNA said.\n")
    wait_for_report(pg, before)
    assert "<script>document.title=2</script>" in pg.locator("#text").inner_text()
    assert pg.locator("#text img, #text script").count() == 0
    assert pg.title() == "provenance · editor"
    assert pg.problems == [], pg.problems  # type: ignore[attr-defined]


def test_chromium_is_debians() -> None:
    assert CHROMIUM is not None and shutil.which(str(CHROMIUM))
