"""`provenance sources lookup|list|validate` through the CLI entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from provenance.cli.main import main
from provenance.registry import default_registry_dir


def test_lookup_hit_json(capsys):
    assert main(["sources", "lookup", "KCNA's", "--country", "KP", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["id"] == "kcna"
    assert out["class"] == "state_controlled" and out["country"] == "KP" and out["kind"] == "news_agency"
    assert "KCNA" in out["aliases"] and out["score"] == 100.0 and out["match"] == "normalised"


def test_lookup_hit_text(capsys):
    assert main(["sources", "lookup", "Yonhap"]) == 0
    out = capsys.readouterr().out
    assert "yonhap" in out and "public_service" in out and "basis:" in out


def test_lookup_miss_exits_1(capsys):
    assert main(["sources", "lookup", "ap", "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["id"] is None and out["match"] is None


def test_lookup_ambiguous_lists_candidates(capsys):
    assert main(["sources", "lookup", "CNA", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["match"] == "ambiguous" and out["id"] is None
    assert {"cna_taiwan", "channel_newsasia"} <= {c["id"] for c in out["candidates"]}


def test_lookup_falls_back_to_officials(capsys):
    argv = ["sources", "lookup", "Russian Ambassador to North Korea Alexandr Matsegora", "--country", "KP", "--format", "json"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["class"] == "official_body" and out["country"] == "RU" and out["match"] == "title"


def test_lookup_unknown_country_is_exit_2(capsys):
    assert main(["sources", "lookup", "KCNA", "--country", "XX"]) == 2
    assert "unknown country code" in capsys.readouterr().err


def test_list_filters(capsys):
    assert main(["sources", "list", "--class", "state_controlled", "--country", "KP", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    ids = {r["id"] for r in rows}
    assert {"kcna", "rodong_sinmun"} <= ids
    assert all(r["class"] == "state_controlled" for r in rows)
    assert main(["sources", "list", "--country", "KR"]) == 0
    assert "yonhap\tpublic_service\tKR" in capsys.readouterr().out


def test_validate_ok(capsys):
    assert main(["sources", "validate"]) == 0
    assert "registry OK" in capsys.readouterr().out


def test_validate_broken_copy_exits_2_with_file_and_line(tmp_path, capsys):
    broken = tmp_path / "registry"
    shutil.copytree(default_registry_dir(), broken)
    curated = broken / "curated.yaml"
    lines = curated.read_text(encoding="utf-8").splitlines(keepends=True)
    idx = next(i for i, line in enumerate(lines) if line.startswith("  confidence: high"))
    lines[idx] = lines[idx].replace("confidence", "confidense")
    curated.write_text("".join(lines), encoding="utf-8")

    assert main(["sources", "validate", "--registry", str(broken)]) == 2
    err = capsys.readouterr().err
    last = err.strip().splitlines()[-1]
    assert last.startswith("provenance: error: ")
    assert f"curated.yaml:{idx + 1}:" in last and "unknown field" in last
    assert "Traceback" not in err

    # the other commands refuse a broken registry the same way
    assert main(["sources", "lookup", "KCNA", "--registry", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "curated.yaml:" in err and "Traceback" not in err


def test_registry_folder_missing_is_exit_2(tmp_path, capsys):
    assert main(["sources", "validate", "--registry", str(tmp_path / "nope")]) == 2
    assert "registry folder not found" in capsys.readouterr().err


def test_one_source_class_vocabulary():
    """The registry's classes, the report's and ``sources --class`` all come from one Literal."""
    from typing import get_args

    from provenance.cli.cmd_sources import CLASSES
    from provenance.registry import SOURCE_CLASSES
    from provenance.report import RegistryClass, SourceClass

    assert SOURCE_CLASSES == get_args(RegistryClass) == CLASSES
    assert get_args(SourceClass) == (*SOURCE_CLASSES, "person", "unknown")
