"""`provenance serve`'s JSON API through FastAPI's TestClient: every endpoint, the error
paths (413, 415, 422, 503) and the report byte for byte as `provenance check --format json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient
from serve_support import ROOT, SEED, SEED_PATH, ready_engine

from provenance.serve.app import create_app
from provenance.serve.engine import Engine, ServeOptions

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    return ready_engine()


@pytest.fixture(scope="module")
def client(engine):  # type: ignore[no-untyped-def]
    with TestClient(create_app(engine)) as c:
        yield c


@pytest.fixture(scope="module")
def cli_json(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """What `provenance check SEED --format json --no-cache` writes (run from the repository root)."""
    import os

    from provenance.cli.main import main

    out = tmp_path_factory.mktemp("cli") / "seed.json"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = main(["check", SEED_PATH, "--format", "json", "--no-cache", "--fail-on", "never", "-q", "-o", str(out)])
    finally:
        os.chdir(cwd)
    assert code == 0
    return out.read_bytes()


def test_check_is_byte_identical_to_the_cli(client: TestClient, cli_json: bytes) -> None:
    r = client.post("/api/check", json={"text": SEED, "name": SEED_PATH})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.content == cli_json


def test_multipart_upload_gives_the_same_report(client: TestClient, cli_json: bytes) -> None:
    files = {"file": ("000_6a10e030e5c8f4fd.txt", (ROOT / SEED_PATH).read_bytes(), "text/plain")}
    r = client.post("/api/check", files=files, data={"name": SEED_PATH})
    assert r.status_code == 200
    assert r.content == cli_json
    # without a name, the upload's file name (never a path on this machine) is the document path
    r = client.post("/api/check", files=files)
    assert r.status_code == 200 and r.json()["document"]["path"] == "000_6a10e030e5c8f4fd.txt"


def test_report_follows_the_seed(client: TestClient) -> None:
    report = client.post("/api/check", json={"text": SEED}).json()
    assert report["document"]["path"] == "article.txt"
    chains = {s["index"]: [c["name"] for c in s["chain"]] for s in report["statements"]}
    assert chains[3] == ["IANS", "Yonhap", "KCNA", "Kim Jong-un"]


def test_format_is_honoured(client: TestClient) -> None:
    html = "<html><head><title>T</title></head><body><p>Kim said the talks went well, the KCNA reported.</p></body></html>"
    r = client.post("/api/check", json={"text": html, "name": "x.txt", "format": "html"})
    assert r.status_code == 200
    assert r.json()["document"]["format"] == "html"
    r = client.post("/api/check", json={"text": html, "name": "x.txt", "format": "text"})
    assert r.json()["document"]["format"] == "text"


def test_edit_reuses_unchanged_paragraphs_and_matches_a_whole_parse(client: TestClient, engine) -> None:  # type: ignore[no-untyped-def]
    from provenance.ingest import article_from_text
    from provenance.render import render_json

    client.post("/api/view", json={"text": SEED, "name": "edit.txt"})
    edited = SEED.replace("took place on Sunday", "took place on Sunday evening")
    assert edited != SEED
    r = client.post("/api/view", json={"text": edited, "name": "edit.txt"})
    assert r.status_code == 200
    view = r.json()
    assert view["paragraphs"] == 15
    assert view["reused"] == view["paragraphs"] - 1  # only the edited paragraph was parsed
    # the same report as parsing the whole edited text at once (the CLI's way)
    whole = engine.checker.check_article(article_from_text(edited, path="edit.txt"))
    assert json.loads(render_json(whole.report)) == view["report"]


def test_view_gives_the_report_page(client: TestClient) -> None:
    view = client.post("/api/view", json={"text": SEED, "name": SEED_PATH}).json()
    assert 'id="s-3"' in view["html"] and 'id="tpl-3"' in view["html"]
    assert sorted(view["findings_order"]) == list(range(len(view["report"]["findings"])))
    hostile = "<script>alert(1)</script> said the KCNA.\n"
    view = client.post("/api/view", json={"text": hostile, "name": "h.txt"}).json()
    assert "<script>alert(1)" not in view["html"]
    assert "&lt;script&gt;alert(1)" in view["html"]


@pytest.mark.parametrize("kind", ["json", "html", "sarif"])
def test_export(client: TestClient, kind: str, cli_json: bytes) -> None:
    r = client.post(f"/api/export/{kind}", json={"text": SEED, "name": SEED_PATH})
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment; filename=\"000_6a10e030e5c8f4fd.txt")
    if kind == "json":
        assert r.content == cli_json
    elif kind == "html":
        assert r.text.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in r.text
    else:
        log = r.json()
        assert log["version"] == "2.1.0"
        assert {res["ruleId"] for res in log["runs"][0]["results"]} == {"SRC201", "SRC202"}


def test_unknown_export_kind_is_422(client: TestClient) -> None:
    assert client.post("/api/export/pdf", json={"text": SEED}).status_code == 422


def test_suppress_inserts_the_cli_comment_and_the_finding_moves(client: TestClient) -> None:
    report = client.post("/api/check", json={"text": SEED}).json()
    finding = next(f for f in report["findings"] if f["code"] == "SRC201")
    start = report["statements"][finding["statement"]]["start"]
    r = client.post("/api/suppress", json={"text": SEED, "at": start, "codes": ["SRC201"], "reason": "seen by the desk"})
    assert r.status_code == 200
    text = r.json()["text"]
    assert '<!-- provenance: ignore[SRC201] reason="seen by the desk" -->\n' in text
    after = client.post("/api/check", json={"text": text}).json()
    suppressed = [f for f in after["findings"] if f["suppression"]]
    assert [(f["code"], f["suppression"]) for f in suppressed] == [
        ("SRC201", {"kind": "inSource", "justification": "seen by the desk"})]
    assert after["summary"]["findings_by_severity"]["warning"] == report["summary"]["findings_by_severity"]["warning"] - 1


@pytest.mark.parametrize("body", [
    {"text": SEED, "at": 0, "codes": ["SRC201"], "reason": 'a "quoted" reason'},
    {"text": SEED, "at": 0, "codes": ["not-a-code"], "reason": "x"},
    {"text": SEED, "at": 10**7, "codes": ["SRC201"], "reason": "x"},
    {"text": SEED, "at": 0, "codes": [], "reason": "x"},
])
def test_suppress_refuses_what_the_cli_would_not_read(client: TestClient, body: dict) -> None:
    r = client.post("/api/suppress", json=body)
    assert r.status_code == 422
    assert r.json()["error"]


def test_baseline_is_the_file_the_cli_reads(client: TestClient, tmp_path: Path) -> None:
    from provenance.policy.baseline import apply_baseline, load_baseline
    from provenance.report import Finding

    report = client.post("/api/check", json={"text": SEED, "name": SEED_PATH}).json()
    headline = next(f for f in report["findings"] if f["code"] == "SRC202")
    r = client.post("/api/baseline", json={"path": SEED_PATH, "findings": [headline]})
    assert r.status_code == 200
    path = tmp_path / "baseline.json"
    path.write_bytes(r.content)
    baseline = load_baseline(path)  # the CLI's reader accepts it
    assert [(e.path, e.code, e.count) for e in baseline.entries] == [(SEED_PATH, "SRC202", 1)]
    applied = apply_baseline([Finding.model_validate(headline)], baseline, SEED_PATH)
    assert applied[0].suppression is not None and applied[0].suppression.kind == "external"
    # adding again counts up; the page's check applies it
    again = client.post("/api/baseline", json={"baseline": r.json(), "path": SEED_PATH, "findings": [headline]}).json()
    assert again["entries"][0]["count"] == 2
    checked = client.post("/api/check", json={"text": SEED, "name": SEED_PATH, "baseline": r.json()}).json()
    assert [f["suppression"]["kind"] for f in checked["findings"] if f["suppression"]] == ["external"]


def test_invalid_baseline_is_422(client: TestClient) -> None:
    r = client.post("/api/check", json={"text": SEED, "baseline": {"baseline_version": 1, "entries": [{"path": 1}]}})
    assert r.status_code == 422


def test_sources(client: TestClient) -> None:
    r = client.get("/api/sources", params={"q": "the Korean Central News Agency"})
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "kcna" and body["class"] == "state_controlled" and body["country"] == "KP"
    miss = client.get("/api/sources", params={"q": "Zqxv Weekly Bulletin"}).json()
    assert miss["id"] is None and miss["match"] is None
    assert client.get("/api/sources", params={"q": "KCNA", "country": "ZZ"}).status_code == 422
    assert client.get("/api/sources").status_code == 422


def test_healthz_ready(client: TestClient, engine) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["model"] == engine.checker.parser.model_id


@pytest.mark.parametrize("body", [
    {},
    {"text": 5},
    {"text": SEED, "format": "pdf"},
    {"text": SEED, "name": ""},
    {"text": SEED, "unknown": 1},
])
def test_invalid_body_is_422(client: TestClient, body: dict) -> None:
    r = client.post("/api/check", json=body)
    assert r.status_code == 422
    assert r.json()["error"]


def test_broken_json_and_binary_upload_are_422(client: TestClient) -> None:
    r = client.post("/api/check", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422
    r = client.post("/api/check", files={"file": ("a.txt", b"abc\x00def", "text/plain")})
    assert r.status_code == 422 and "binary" in r.json()["error"]
    r = client.post("/api/check", content=b"text", headers={"content-type": "text/plain"})
    assert r.status_code == 415


def test_page_and_assets_allow_no_outside_or_inline_script(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in r.text and "http://" not in r.text and "https://" not in r.text
    for name in ("serve.js", "serve.css", "report.css"):
        asset = client.get(f"/static/{name}")
        assert asset.status_code == 200 and "https://" not in asset.text
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/nothing.js").status_code == 404


def test_openapi_and_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/check", "/api/sources", "/healthz", "/api/view", "/api/suppress", "/api/baseline"} <= set(schema["paths"])
    assert "multipart/form-data" in schema["paths"]["/api/check"]["post"]["requestBody"]["content"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "POST /api/check" in docs.text and "https://" not in docs.text


# --- without the model: limits and readiness ------------------------------------------------


@pytest.fixture
def cold() -> Engine:
    """An engine whose configuration is read but whose model is not loaded."""
    engine = Engine(ServeOptions())
    engine.load_config()
    assert engine.config is not None
    engine.config = engine.config.merged(max_bytes=1000)
    return engine


def test_too_large_is_413(cold: Engine) -> None:
    with TestClient(create_app(cold, load=False)) as c:
        r = c.post("/api/check", json={"text": "x" * 1001, "name": "big.txt"})
        assert r.status_code == 413
        assert "1000-byte limit" in r.json()["error"]
        r = c.post("/api/check", files={"file": ("big.txt", b"x" * 1001, "text/plain")})
        assert r.status_code == 413
        r = c.post("/api/check", content=b"{" + b" " * 100_000 + b"}", headers={"content-type": "application/json"})
        assert r.status_code == 413  # the body itself, before it is read


def test_not_ready_is_503(cold: Engine) -> None:
    with TestClient(create_app(cold, load=False)) as c:
        r = c.get("/healthz")
        assert r.status_code == 503 and r.json()["status"] == "loading"
        assert r.headers["retry-after"]
        r = c.post("/api/check", json={"text": "Hello, the agency said."})
        assert r.status_code == 503 and r.headers["retry-after"]
        assert c.get("/api/sources", params={"q": "KCNA"}).status_code == 503


def test_full_queue_is_503_with_retry_after(engine) -> None:  # type: ignore[no-untyped-def]
    from provenance.serve.engine import Slots

    saved = engine.slots
    engine.slots = Slots(queue=1)
    try:
        with TestClient(create_app(engine)) as c:
            engine.slots.admit()
            engine.slots.admit()  # one running, one waiting: full
            r = c.post("/api/check", json={"text": "The queue is full, the agency said.", "name": "q.txt"})
            assert r.status_code == 503
            assert int(r.headers["retry-after"]) >= 1
            engine.slots.release()
            engine.slots.release()
            r = c.post("/api/check", json={"text": "The queue is full, the agency said.", "name": "q.txt"})
            assert r.status_code == 200
    finally:
        engine.slots = saved


# --- the command ---------------------------------------------------------------------------------


def test_serve_command_errors_are_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    from provenance.cli.main import main

    assert main(["serve", "--config", str(tmp_path / "missing.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "configuration file not found" in err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "Traceback" not in err


def test_serve_is_a_command() -> None:
    from provenance.cli.main import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.queue) == ("127.0.0.1", 8000, 8)


# --- the pieces, without the model --------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "One.", "A.\n\nB.\n", "  A.\n \n\n B.\nC.\n\n\n", SEED])
def test_paragraph_spans_cover_the_text(text: str) -> None:
    from provenance.serve.paragraphs import paragraph_spans

    spans = paragraph_spans(text)
    assert all(a < b for a, b in spans) and all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    covered = set().union(*(range(a, b) for a, b in spans)) if spans else set()
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())  # no text left out
    assert all("\n\n" not in text[a:b].replace(" ", "") for a, b in spans)  # no blank line inside


def test_insert_suppression_places_the_comment_before_the_statement() -> None:
    from provenance.serve.actions import insert_suppression

    text, end = insert_suppression("First.\n\nSecond one. Third.\r\n", 8, ["SRC201"], "  desk  checked ")
    assert text == 'First.\n\n<!-- provenance: ignore[SRC201] reason="desk checked" -->\nSecond one. Third.\n'
    assert text[end:].startswith("Second")
    text, _ = insert_suppression("First. Second.", 7, ["SRC202", "SRC201"], "why")
    assert text == 'First. <!-- provenance: ignore[SRC201,SRC202] reason="why" --> Second.'


@pytest.mark.parametrize("text", [
    "\u201cWe are lost,\u201d\n\nTrump said on Monday.\n\nThe talks went on.",
    "The delegation was led by Rep.\n\nGwen Moore, the agency said.\n\n\u201cWhy?\u201d\n\nhe asked.",
])
def test_paragraph_parse_equals_a_whole_parse_across_repaired_breaks(engine, text: str) -> None:  # type: ignore[no-untyped-def]
    from provenance.serve.paragraphs import ParagraphParser

    whole = engine.checker.parser.parse(text)
    para, _ = ParagraphParser(engine.checker.parser).parse(text)
    assert para == whole


def test_loopback_server_refuses_other_host_names(cold: Engine) -> None:
    from provenance.cli.cmd_serve import LOOPBACK_NAMES

    with TestClient(create_app(cold, load=False, allowed_hosts=LOOPBACK_NAMES)) as c:
        assert c.get("/healthz", headers={"host": "127.0.0.1:8000"}).status_code == 503  # answered (loading)
        assert c.get("/healthz", headers={"host": "[::1]:8000"}).status_code == 503
        assert c.get("/healthz", headers={"host": "localhost"}).status_code == 503
        r = c.get("/healthz", headers={"host": "attacker.example:8000"})
        assert r.status_code == 400 and "Host" in r.json()["error"]
