"""`provenance audit`: inputs and partitions, the summary's numbers, CSV and page (also in
headless Chromium), and the command's usage errors.  No Dask cluster here: the summary
reads tables written by the test."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from provenance.audit.inputs import (
    Meta,
    default_partition_size,
    load_manifest,
    month_of,
    normalise_date,
    plan,
    records,
)
from provenance.audit.store import MARKERS, read_table, write_parquet_atomic
from provenance.audit.summary import write_summary
from provenance.audit.tables import SCHEMAS, TABLES
from provenance.cli.main import main
from provenance.errors import InputError

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = "B <script>alert(1)</script> & Co"


# --- inputs and partitions ---------------------------------------------------------------------


def test_jsonl_partitions_keep_line_numbers(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"x{i}", "text": f"Text {i}."}) for i in range(1, 6)]
    lines[2] = "[1, 2]"  # line 3: not an object
    lines.insert(4, "")  # line 5: blank, skipped
    body = ("\n".join(lines) + "\n").encode("utf-8") + b'{"id": "bad", "text": "caf\xe9"}\n'  # line 7: Latin-1
    (tmp_path / "a.jsonl").write_bytes(body)
    with gzip.open(tmp_path / "b.jsonl.gz", "wb") as fh:
        fh.write(body)
    for name in ("a.jsonl", "b.jsonl.gz"):
        parts = plan([str(tmp_path / name)], partition_size=2)
        assert [(p.start, p.stop) for p in parts] == [(1, 3), (3, 5), (5, 7), (7, 8)]
        got = [(r.line, r.article_id, r.error is not None) for p in parts for r in records(p)]
        assert got == [(1, "x1", False), (2, "x2", False), (3, f"{tmp_path / name}:3", True),
                       (4, "x4", False), (6, "x5", False), (7, f"{tmp_path / name}:7", True)]
        assert "line 7: not valid UTF-8 (byte 0xe9" in [r.error for p in parts for r in records(p)][-1]  # type: ignore[operator]
        bad = next(r for p in parts for r in records(p) if r.error)
        assert "line 3" in bad.error and "expected a JSON object" in bad.error  # type: ignore[operator]


def test_parquet_partitions_read_only_their_rows(tmp_path: Path) -> None:
    rows = [{"id": f"p{i}", "text": f"Text {i}.", "publisher": "AFP" if i % 2 else None, "date": "2025-03-0%d" % i}
            for i in range(1, 6)]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "a.parquet", row_group_size=2)
    parts = plan([str(tmp_path / "a.parquet")], partition_size=3)
    assert [(p.start, p.stop) for p in parts] == [(0, 3), (3, 5)]
    got = [(r.line, r.article_id, r.meta.publisher, r.meta.date) for p in parts for r in records(p)]
    assert got == [(0, "p1", "AFP", "2025-03-01"), (1, "p2", None, "2025-03-02"), (2, "p3", "AFP", "2025-03-03"),
                   (3, "p4", None, "2025-03-04"), (4, "p5", "AFP", "2025-03-05")]


def test_parquet_without_text_column_is_refused(tmp_path: Path) -> None:
    pq.write_table(pa.Table.from_pylist([{"id": "a", "body": "x"}]), tmp_path / "a.parquet")
    with pytest.raises(InputError, match="needs the columns id and text"):
        plan([str(tmp_path / "a.parquet")])


def test_plan_is_stable_and_keys_follow_the_files(tmp_path: Path) -> None:
    d = tmp_path / "arch"
    (d / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.txt", "sub/c.md", ".hidden.txt", "notes.csv"):
        (d / name).write_text("Officials said it rained.\n", encoding="utf-8")
    out = d / "out"
    out.mkdir()
    (out / "summary.html").write_text("<html></html>", encoding="utf-8")  # the output is never an input
    first = plan([str(d)], partition_size=2, exclude=out)
    assert [[Path(f).name for f, _ in p.files] for p in first] == [["a.txt", "b.txt"], ["c.md"]]
    assert [p.key for p in plan([str(d)], partition_size=2, exclude=out)] == [p.key for p in first]
    (d / "sub" / "c.md").write_text("Officials said it snowed.\n", encoding="utf-8")
    again = plan([str(d)], partition_size=2, exclude=out)
    assert again[0].key == first[0].key and again[1].key != first[1].key
    assert plan([str(d)], partition_size=2, fingerprint="other", exclude=out)[0].key != first[0].key


def test_default_partition_size() -> None:
    assert [default_partition_size(n) for n in (0, 1, 40, 64, 65, 200, 6400, 10_000_000)] == [1, 1, 1, 1, 2, 4, 100, 100]


def test_manifest_paths_are_relative_to_the_csv(tmp_path: Path) -> None:
    (tmp_path / "arch").mkdir()
    (tmp_path / "arch" / "a.txt").write_text("Officials said it rained.\n", encoding="utf-8")
    manifest = tmp_path / "meta.csv"
    manifest.write_text("path,publisher,date,url\narch/a.txt,Daily A,\"June 3, 2025\",https://example.org/a\n",
                        encoding="utf-8")
    (part,) = plan([str(tmp_path / "arch")], manifest=load_manifest(manifest))
    assert part.files[0][1] == Meta(publisher="Daily A", date="2025-06-03", url="https://example.org/a")
    manifest.write_text("file,publisher\na.txt,X\n", encoding="utf-8")
    with pytest.raises(InputError, match="'path' column"):
        load_manifest(manifest)
    manifest.write_text("path,publisher\na.txt,X\na.txt,Y\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 3: a.txt is listed twice"):
        load_manifest(manifest)


def test_dates_and_months() -> None:
    assert normalise_date("2025-06-30T10:00:00Z") == "2025-06-30"
    assert normalise_date("30 June 2025") == "2025-06-30"
    assert normalise_date("  ") is None and normalise_date(None) is None
    assert normalise_date("spring") == "spring"
    assert [month_of(d) for d in ("2025-06-30", "2025-06", "2025-13-01", "spring", None)] == \
        ["2025-06", "2025-06", None, None, None]


# --- the summary ---------------------------------------------------------------------------------


def _write_tables(out: Path) -> None:
    """Four articles: publisher Daily A in two months, a hostile name, one without publisher."""
    def art(aid: str, pub: str | None, month: str | None) -> dict:
        return {"article_id": aid, "publisher": pub, "month": month, "date": f"{month}-01" if month else None}

    def st(aid: str, i: int, verdict: str, origin: tuple[str, str, str] | None, relays: list[tuple[str, str]],
           meta: dict) -> dict:
        return {"article_id": aid, "statement": i, "verdict": verdict, "state_media_only": verdict == "state_media_only",
                "origin": origin[0] if origin else None, "origin_class": origin[1] if origin else None,
                "origin_country": origin[2] if origin else None, "relays": [r for r, _ in relays],
                "relay_classes": [c for _, c in relays], "relay_path": " → ".join(r for r, _ in relays),
                "state_media": any(c.startswith("state_") for c in [*(origin[1:2] if origin else []), *(c for _, c in relays)]),
                "publisher": meta["publisher"], "month": meta["month"], "date": meta["date"]}

    kcna, xinhua, interfax = ("KCNA", "state_controlled", "KP"), ("Xinhua", "state_controlled", "CN"), ("Interfax", "independent", "RU")
    yonhap, tass = ("Yonhap", "public_service"), ("TASS", "state_controlled")
    a1, a2, a3, a4 = art("a1", "Daily A", "2025-01"), art("a2", "Daily A", "2025-02"), art("a3", HOSTILE, "2025-02"), art("a4", None, None)
    statements = [
        st("a1", 0, "state_media_only", kcna, [yonhap], a1), st("a1", 1, "official", None, [], a1),
        st("a1", 2, "reporter", None, [], a1),
        st("a2", 0, "state_media_only", xinhua, [], a2), st("a2", 1, "state_media_only", kcna, [yonhap], a2),
        st("a3", 0, "mixed", interfax, [tass], a3), st("a3", 1, "independent", interfax, [], a3),
        st("a4", 0, "state_media_only", kcna, [], a4),
    ]
    data = {"articles": [a1, a2, a3, a4], "statements": statements,
            "errors": [{"article_id": "x.jsonl:2", "source": "x.jsonl", "line": 2, "stage": "read", "message": "bad"}]}
    for t in TABLES:
        rows = [{c: r.get(c) for c in SCHEMAS[t].names} for r in data.get(t, [])]
        write_parquet_atomic(out / t / "part-00000.parquet", pa.Table.from_pylist(rows, schema=SCHEMAS[t]))
    (out / MARKERS).mkdir(parents=True, exist_ok=True)
    (out / MARKERS / "part-00000.json").write_text('{"key": "k"}\n', encoding="utf-8")


@pytest.fixture(scope="module")
def audit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit")
    _write_tables(out)
    assert main(["audit", "summary", str(out)]) == 0
    return out


def _csv(out: Path, name: str) -> list[list[str]]:
    return [line.split(",") for line in (out / name).read_text(encoding="utf-8").splitlines()]


def test_summary_csv_numbers(audit_dir: Path) -> None:
    rows = _csv(audit_dir, "summary.csv")
    assert rows[0] == ["publisher", "month", "articles", "statements", "state_media_only", "share_state_media_only",
                       "official", "independent", "mixed", "reporter"]
    by = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert by[("Daily A", "2025-01")] == ["1", "3", "1", "0.3333", "1", "0", "0", "1"]
    assert by[("Daily A", "(all)")] == ["2", "5", "3", "0.6000", "1", "0", "0", "1"]
    assert by[(HOSTILE, "2025-02")] == ["1", "2", "0", "0.0000", "0", "1", "1", "0"]
    assert by[("(unknown)", "(unknown)")] == ["1", "1", "1", "1.0000", "0", "0", "0", "0"]
    assert by[("(all)", "2025-02")] == ["2", "4", "2", "0.5000", "0", "1", "1", "0"]
    assert by[("(all)", "(all)")] == ["4", "8", "4", "0.5000", "1", "1", "1", "1"]


def test_top_state_media_and_relay_graph(audit_dir: Path) -> None:
    assert _csv(audit_dir, "top_state_origins.csv") == [
        ["origin", "class", "country", "statements", "articles"],
        ["KCNA", "state_controlled", "KP", "3", "3"], ["Xinhua", "state_controlled", "CN", "1", "1"]]
    assert _csv(audit_dir, "top_state_relays.csv") == [  # Yonhap (public service) is no state relay
        ["relay", "class", "statements", "articles"], ["TASS", "state_controlled", "1", "1"]]
    assert _csv(audit_dir, "relay_graph.csv") == [
        ["publisher", "relays", "origin", "statements"], ["Daily A", "Yonhap", "KCNA", "2"],
        ["(unknown)", "", "KCNA", "1"], ["Daily A", "", "Xinhua", "1"]]
    by_month = _csv(audit_dir, "state_media_by_month.csv")
    assert [r[0] for r in by_month[1:]] == ["(unknown)", "2025-01", "2025-02"]


def test_page_is_self_contained_escaped_and_reproducible(audit_dir: Path, tmp_path: Path) -> None:
    page = (audit_dir / "summary.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 5 and page.count('<figure class="chart"') == 5
    assert not re.search(r'(src|href)="(https?:)?//', page), "the page loads something from elsewhere"
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert len(re.findall(r"<script>", page)) == 2  # the page's own two scripts
    assert 'id="unknown-publishers"' in page  # the article without publisher is named, not hidden
    copy = tmp_path / "again"
    shutil.copytree(audit_dir, copy)
    write_summary(copy)
    assert (copy / "summary.html").read_bytes() == (audit_dir / "summary.html").read_bytes()


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium not installed (apt-get install chromium)")
def test_summary_page_in_headless_chromium(audit_dir: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=2000", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,900",
         "--dump-dom", (audit_dir / "summary.html").as_uri()],
        capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console  # no console message at all (errors, failed loads)
    html = re.search(r"<html[^>]*>", proc.stdout)
    assert html, proc.stdout[:500]
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', html.group(0)))
    assert attrs.get("data-js-ready") == "1" and attrs.get("data-js-errors") == "0"
    assert attrs.get("data-charts-drawn") == "5"  # every chart has a size on screen
    for chart in ("by-publisher", "by-month", "origins", "relays", "relay-graph"):
        block = proc.stdout.split(f'data-chart="{chart}"', 1)[1].split("</figure>", 1)[0]
        assert "<svg" in block and ("<path" in block or "<rect" in block), chart


# --- the command ---------------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["audit", *argv])
    return code, capsys.readouterr().err


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Officials said it rained.\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x\n", encoding="utf-8")
    cases = [
        ((str(tmp_path),), "--out DIR is required"),
        (("summary", str(tmp_path)), "is not the folder of an audit"),
        ((str(tmp_path / "notes.csv"), "--out", str(tmp_path / "o")), "not a directory, an article file"),
        ((str(tmp_path / "missing"), "--out", str(tmp_path / "o")), "no such file or directory"),
        ((str(tmp_path), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"),
         "with --scheduler the cluster's workers are used"),
        ((str(tmp_path), "--out", str(tmp_path / "a.txt")), "is a file, not a directory"),
    ]
    for argv, message in cases:
        code, err = _run(capsys, *argv)
        assert code == 2, argv
        assert message in err and err.count("\n") == 1 and "Traceback" not in err, err


def test_a_finished_audit_is_not_rerun(audit_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every partition's marker matches: no cluster is started, the tables stay as they are."""
    from provenance.audit import AuditOptions
    from provenance.audit.inputs import plan as plan_
    from provenance.audit.run import run_audit
    from provenance.audit.store import write_partition

    arch = tmp_path / "arch"
    arch.mkdir()
    (arch / "a.txt").write_text("Officials said it rained.\n", encoding="utf-8")
    out = tmp_path / "out"
    options = AuditOptions()
    (part,) = plan_([str(arch)], fingerprint=options.fingerprint(), exclude=out)
    tables = {t: read_table(audit_dir, t) for t in TABLES}
    write_partition(out, part.name, part.key, tables, {"articles": 4})
    stats = run_audit([str(arch)], out, options, scheduler="tcp://127.0.0.1:1")  # unreachable: never contacted
    assert (stats.partitions, stats.skipped, stats.articles) == (1, 1, 0)
    assert read_table(out, "statements").num_rows == 8
    assert (out / "summary.csv").read_text(encoding="utf-8") == (audit_dir / "summary.csv").read_text(encoding="utf-8")
