"""`provenance audit` on a LocalCluster of 2 worker processes over a small archive of all
three input kinds (a directory with a metadata manifest, JSONL and JSONL.gz, Parquet).

One cluster for the module.  Each run plans 6 partitions of at most 2 articles.  The
articles are written here (the project's own text).  The worker crash is deterministic:
``PROVENANCE_AUDIT_EXIT_AFTER`` makes the first worker process that finishes an article
exit at once (docs/audit.md), exactly once.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from provenance.audit import AuditOptions
from provenance.audit.run import run_audit
from provenance.audit.store import read_table
from provenance.audit.tables import TABLES
from provenance.audit.worker import EXIT_HOOK_ENV
from provenance.cli.main import main

pytestmark = pytest.mark.model

FILES = {
    "a1.txt": "Seoul, March 3 (IANS) North Korea fired two ballistic missiles into the sea on Sunday, reports "
              "Yonhap, quoting the Korean Central News Agency (KCNA).\n\nThe launch was supervised by leader "
              "Kim Jong-un, the KCNA said.\n\nSouth Korea's military said it was analysing the flight data.\n",
    "a2.txt": "Moscow, April 2 (Reuters) Russia will hold naval drills in the Baltic next week, the state news "
              "agency TASS reported on Tuesday.\n\n\"The exercises are routine,\" a defence ministry spokesman "
              "told TASS.\n",
    "sub/a3.md": "# Port reopens after storm\n\nThe harbour reopened on Friday after three days of closure, the "
                 "port authority said.\n\nFishermen said the damage was smaller than feared.\n",
}
MANIFEST = "path,publisher,date\nsub/a3.md,Coastal Courier,2025-04-11\na2.txt,Reuters,2025-04-02\n"
JSONL = [
    {"id": "j1", "text": "Beijing, May 5 (AFP) China's exports rose sharply in April, the official Xinhua news "
                         "agency reported.\n\nAnalysts said the figures were stronger than expected.\n",
     "publisher": "AFP", "date": "2025-05-05", "url": "https://example.org/j1"},
    {"id": "j2", "text": "Tehran, June 1 (AP) Iran has launched a new satellite, state television said on Sunday.\n",
     "publisher": "AP", "date": "2025-06-01"},
    "{not json",
    {"id": "j3", "text": "The city council approved the new budget on Monday, the mayor said.\n",
     "publisher": "City Herald", "date": "2025-06-03"},
]
JSONL_GZ = [{"id": "g1", "text": "Pyongyang's state media said on Friday that the country had tested a new "
                                 "engine, according to Yonhap.\n", "publisher": "IANS", "date": "2025-07-04"}]
PARQUET = [
    {"id": "p1", "text": "Minsk, July 9 (AFP) Belarus will release 20 prisoners, the state news agency BelTA "
                         "reported, citing the presidential press service.\n", "publisher": "AFP",
     "date": "2025-07-09", "url": None},
    {"id": "p2", "text": "Officials said the bridge would reopen in August.\n", "publisher": "City Herald",
     "date": "2025-07-10", "url": None},
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    for name, text in FILES.items():
        (root / "dir" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "dir" / name).write_text(text, encoding="utf-8")
    (root / "dir" / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    (root / "items.jsonl").write_text(
        "".join((json.dumps(r) if isinstance(r, dict) else r) + "\n" for r in JSONL), encoding="utf-8")
    with gzip.open(root / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in JSONL_GZ))
    pq.write_table(pa.Table.from_pylist(PARQUET), root / "items.parquet", row_group_size=1)
    return root


def inputs(archive: Path) -> list[str]:
    return [str(archive / "dir"), str(archive / "items.jsonl"), str(archive / "more.jsonl.gz"),
            str(archive / "items.parquet")]


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from distributed import LocalCluster

    cache = tmp_path_factory.getbasetemp() / "parse-cache"
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           env={"PROVENANCE_CACHE_DIR": str(cache)})
    yield cluster.scheduler_address
    cluster.close()


@pytest.fixture(scope="module")
def reference(archive: Path, scheduler: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reference") / "out"
    code = main(["audit", *inputs(archive), "--out", str(out), "--scheduler", scheduler, "--partition-size", "2",
                 "--metadata", str(archive / "dir" / "manifest.csv"), "-q"])
    assert code == 0
    return out


def tables(out: Path) -> dict[str, object]:
    return {t: read_table(out, t) for t in TABLES}


def assert_same_tables(a: Path, b: Path) -> None:
    for t in TABLES:
        ta, tb = read_table(a, t), read_table(b, t)
        assert ta.schema == tb.schema, t
        assert ta.to_pylist() == tb.to_pylist(), t


# --- the statements table is the CLI's JSON report ------------------------------------------------


def _statements_from_tables(out: Path, article_id: str) -> list[dict]:
    st = [r for r in read_table(out, "statements").to_pylist() if r["article_id"] == article_id]
    at = [r for r in read_table(out, "attributions").to_pylist() if r["article_id"] == article_id]
    ch = [r for r in read_table(out, "chains").to_pylist() if r["article_id"] == article_id]

    def span(r: dict, p: str) -> dict | None:
        return None if r[f"{p}_start"] is None else {"text": r[f"{p}_text"], "start": r[f"{p}_start"], "end": r[f"{p}_end"]}

    def source(r: dict, p: str, antecedent: str) -> dict | None:
        if r[f"{p}_start"] is None:
            return None
        return {**span(r, p), "name": r[f"{p}_name"], "class": r[f"{p}_class"],  # type: ignore[dict-item]
                "entity_id": r[f"{p}_entity_id"], "country": r[f"{p}_country"],
                "entity_type": r[f"{p}_entity_type"], "match": r[f"{p}_match"], "antecedent": span(r, antecedent)}

    def attribution(r: dict) -> dict:
        return {"cue": span(r, "cue"), "source": source(r, "source", "antecedent"), "content": span(r, "content"),
                "kind": r["kind"], "embedded_in": r["embedded_in"], "stance": r["stance"], "pattern": r["pattern"],
                "channel": source(r, "channel", "channel_antecedent"), "carried": r["carried"],
                "confidence": r["confidence"]}

    out_rows = []
    for s in sorted(st, key=lambda r: r["statement"]):
        attrs = sorted((r for r in at if r["statement"] == s["statement"]), key=lambda r: r["attribution"])
        links = sorted((r for r in ch if r["statement"] == s["statement"]), key=lambda r: r["position"])
        out_rows.append({
            "index": s["statement"], "start": s["start"], "end": s["end"], "line": s["line"], "column": s["column"],
            "text": s["text"], "attributions": [attribution(r) for r in attrs],
            "chain": [{"name": r["name"], "class": r["source_class"], "role": r["role"], "entity_id": r["entity_id"],
                       "country": r["country"]} for r in links],
            "verdict": s["verdict"], "state_media_only": s["state_media_only"], "carried": s["carried"],
            "confidence": s["confidence"], "is_headline": s["is_headline"], "is_lede": s["is_lede"],
        })
    return out_rows


def _findings_from_tables(out: Path, article_id: str) -> list[dict]:
    rows = [r for r in read_table(out, "findings").to_pylist() if r["article_id"] == article_id]
    keys = ("code", "rule", "severity", "message", "statement", "start", "end", "line", "column", "end_line",
            "end_column", "fingerprint", "confidence")
    return [{**{k: r[k] for k in keys},
             "suppression": None if r["suppression_kind"] is None
             else {"kind": r["suppression_kind"], "justification": r["suppression_justification"]}} for r in rows]


def _cli_report(tmp: Path, name: str, text: str, publisher: str | None, capsys: pytest.CaptureFixture[str]) -> dict:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out = tmp / f"{name}.json"
    argv = ["check", str(path), "--format", "json", "--output", str(out), "--no-cache", "--fail-on", "never"]
    if publisher:
        argv += ["--publisher", publisher]
    assert main(argv) == 0, capsys.readouterr().err
    return json.loads(out.read_text(encoding="utf-8"))


def test_statements_equal_the_check_json_report(reference: Path, archive: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    expected: dict[str, tuple[str, str | None]] = {}  # article_id -> (text, publisher given to check)
    manifest = {"sub/a3.md": "Coastal Courier", "a2.txt": "Reuters"}
    for name, text in FILES.items():
        expected[str(archive / "dir" / name)] = (text, manifest.get(name))
    for row in [r for r in JSONL if isinstance(r, dict)] + JSONL_GZ + PARQUET:
        expected[row["id"]] = (row["text"], row["publisher"])
    articles = read_table(reference, "articles").to_pylist()
    assert sorted(r["article_id"] for r in articles) == sorted(expected)
    checked_statements = 0
    for article_id, (text, publisher) in expected.items():
        name = Path(article_id).name if article_id.startswith(str(archive)) else f"{article_id}.txt"
        report = _cli_report(tmp_path, name, text, publisher, capsys)
        assert _statements_from_tables(reference, article_id) == report["statements"], article_id
        assert _findings_from_tables(reference, article_id) == report["findings"], article_id
        row = next(r for r in articles if r["article_id"] == article_id)
        assert row["words"] == report["document"]["words"]
        assert row["statements"] == len(report["statements"])
        checked_statements += len(report["statements"])
    assert checked_statements >= 12  # the comparison covered real statements
    assert any(r["state_media_only"] for r in read_table(reference, "statements").to_pylist())
    assert any(r["channel_name"] for r in read_table(reference, "attributions").to_pylist())  # "told TASS"


def test_publisher_and_date_from_fields_manifest_and_dateline(reference: Path, archive: Path) -> None:
    rows = {r["article_id"]: r for r in read_table(reference, "articles").to_pylist()}
    a1, a2, a3 = (rows[str(archive / "dir" / n)] for n in ("a1.txt", "a2.txt", "sub/a3.md"))
    assert (a1["publisher"], a1["date"]) == ("IANS", None)  # the dateline (no year: no date)
    assert (a2["publisher"], a2["date"], a2["month"]) == ("Reuters", "2025-04-02", "2025-04")  # the manifest
    assert (a3["publisher"], a3["month"]) == ("Coastal Courier", "2025-04")
    assert (rows["j1"]["publisher"], rows["j1"]["date"], rows["j1"]["url"]) == ("AFP", "2025-05-05", "https://example.org/j1")
    assert (rows["j1"]["source"], rows["j1"]["line"]) == (str(archive / "items.jsonl"), 1)
    assert (rows["g1"]["line"], rows["p2"]["line"]) == (1, 1)  # JSONL line (1-based), Parquet row (0-based)
    st = read_table(reference, "statements").to_pylist()
    assert {r["publisher"] for r in st if r["article_id"] == "p1"} == {"AFP"}


def test_malformed_jsonl_line_is_an_errors_row(reference: Path, archive: Path) -> None:
    errors = read_table(reference, "errors").to_pylist()
    assert len(errors) == 1
    (e,) = errors
    assert e["line"] == 3 and e["stage"] == "read" and e["source"] == str(archive / "items.jsonl")
    assert e["article_id"] == f"{archive / 'items.jsonl'}:3"
    assert "line 3" in e["message"] and "not valid JSON" in e["message"]
    summary = (reference / "summary.csv").read_text(encoding="utf-8").splitlines()
    assert summary[0].startswith("publisher,month,articles,statements,state_media_only,share_state_media_only")
    assert summary[-1].startswith("(all),(all),9,")  # 9 articles checked; the broken line is not one


def test_one_file_per_partition_and_table(reference: Path) -> None:
    info = json.loads((reference / "audit.json").read_text(encoding="utf-8"))
    assert info["partitions"] == 6  # of at most 2: dir 3 articles -> 2, items.jsonl 4 lines -> 2, gz 1, parquet 1
    for t in TABLES:
        assert sorted(p.name for p in (reference / t).iterdir()) == [f"part-{i:05d}.parquet" for i in range(6)]
    assert not [p for p in reference.rglob("*.tmp")]


def test_worker_killed_mid_run_gives_the_same_tables(reference: Path, archive: Path, scheduler: str,
                                                     tmp_path: Path) -> None:
    from distributed import Client

    marker = tmp_path / "exited"
    with Client(scheduler) as client:
        spec = f"1:{marker}"
        client.run(lambda: os.environ.__setitem__(EXIT_HOOK_ENV, spec))  # a lambda: sent by value
        try:
            out = tmp_path / "out"
            code = main(["audit", *inputs(archive), "--out", str(out), "--scheduler", scheduler,
                         "--partition-size", "2", "--metadata", str(archive / "dir" / "manifest.csv"), "-q"])
        finally:
            client.run(lambda: os.environ.pop(EXIT_HOOK_ENV, None))
        client.wait_for_workers(2, timeout=120)  # the nanny restarted the one that exited
    assert code == 0
    assert marker.exists(), "no worker exited: the hook did not run"
    assert_same_tables(reference, out)


def test_interrupted_run_resumes_to_the_same_tables(reference: Path, archive: Path, scheduler: str,
                                                    tmp_path: Path) -> None:
    out = tmp_path / "out"
    options = AuditOptions()
    seen: list[str] = []

    def interrupt_after_two(part) -> None:  # type: ignore[no-untyped-def]
        seen.append(part.name)
        if len(seen) == 2:
            raise KeyboardInterrupt

    kwargs = dict(scheduler=scheduler, partition_size=2, metadata=archive / "dir" / "manifest.csv", quiet=True)
    with pytest.raises(KeyboardInterrupt):
        run_audit(inputs(archive), out, options, on_partition=interrupt_after_two, **kwargs)  # type: ignore[arg-type]
    assert sorted(p.stem for p in (out / "_partitions").iterdir()) == sorted(seen)
    assert not [p for p in out.rglob("*.tmp")]
    stats = run_audit(inputs(archive), out, options, **kwargs)  # type: ignore[arg-type]
    assert (stats.partitions, stats.skipped) == (6, 2)
    assert stats.articles + stats.errors == 10 - sum(
        json.loads((out / "_partitions" / f"{n}.json").read_text())["articles"]
        + json.loads((out / "_partitions" / f"{n}.json").read_text())["errors"] for n in seen)
    assert_same_tables(reference, out)
    again = run_audit(inputs(archive), out, options, **kwargs)  # type: ignore[arg-type]
    assert (again.skipped, again.articles, again.workers) == (6, 0, 0)  # nothing to do: no cluster used
    assert_same_tables(reference, out)
