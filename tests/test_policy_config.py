"""Configuration: discovery, keys, errors naming file and line, `provenance config show`."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.cli.main import main
from provenance.errors import ConfigError
from provenance.ingest import DEFAULT_MAX_BYTES
from provenance.policy import Config, config_show, find_config, load_config, load_config_file


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults():
    c = Config()
    assert (c.fail_on, c.min_severity, c.min_confidence, c.format, c.model) == ("error", "info", 0.0, "text",
                                                                                 "bundled")
    assert c.rules == [] and c.disable == [] and c.baseline is None and c.max_bytes == 2_000_000
    assert c.max_bytes == DEFAULT_MAX_BYTES  # the reader's own default: one limit, documented once


def test_discovery_walks_up_and_prefers_provenance_toml(tmp_path):
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    write(tmp_path / "pyproject.toml", '[tool.provenance]\nfail_on = "warning"\n')
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "x"\n')  # no table: skipped
    assert find_config(deep) == tmp_path / "pyproject.toml"
    assert load_config(start=deep / "article.md").fail_on == "warning"
    write(tmp_path / "a" / "b" / "provenance.toml", 'fail_on = "info"\n')
    write(tmp_path / "a" / "b" / "pyproject.toml", '[tool.provenance]\nfail_on = "never"\n')
    assert find_config(deep) == tmp_path / "a" / "b" / "provenance.toml"
    assert load_config(start=deep).fail_on == "info"


def test_no_file_gives_defaults(tmp_path):
    if find_config(tmp_path) is not None:
        pytest.skip("a configuration file lies above the temporary directory")
    c = load_config(start=tmp_path)
    assert c.sources == [] and c.model_dump() == Config().model_dump()
    assert "# read from: (defaults" in config_show(c)


def test_keys_kebab_or_snake_and_relative_paths(tmp_path):
    path = write(tmp_path / "cfg" / "provenance.toml",
                 'fail-on = "never"\nmin_severity = "warning"\nrules = ["house"]\nbaseline = "b.json"\n'
                 'disable = ["ATT101"]\nmin-confidence = 0.5\nmax_bytes = 10\n')
    c = load_config_file(path)
    assert (c.fail_on, c.min_severity, c.min_confidence, c.max_bytes) == ("never", "warning", 0.5, 10)
    assert c.rule_dirs() == [(tmp_path / "cfg" / "house").resolve()]
    assert c.baseline_path() == (tmp_path / "cfg" / "b.json").resolve()
    assert c.sources == [str(path.resolve())]
    assert c.where("disable") == f"{path.resolve()}:5"


def test_explicit_config_wins_over_discovery(tmp_path):
    write(tmp_path / "provenance.toml", 'fail_on = "info"\n')
    other = write(tmp_path / "elsewhere.toml", 'fail_on = "error"\n')
    assert load_config(other, start=tmp_path).fail_on == "error"
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "missing.toml")
    py = write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"no \[tool.provenance\] table"):
        load_config(py)


def test_extend(tmp_path):
    base = write(tmp_path / "base" / "provenance.toml", 'fail_on = "error"\nrules = ["r"]\nformat = "json"\n')
    child = write(tmp_path / "proj" / "provenance.toml", 'extend = "../base/provenance.toml"\nformat = "sarif"\n')
    c = load_config_file(child)
    assert (c.fail_on, c.format) == ("error", "sarif")
    assert c.rules == [str((tmp_path / "base" / "r").resolve())]
    assert c.sources == [str(base.resolve()), str(child.resolve())]
    write(base, 'extend = "../proj/provenance.toml"\n')
    with pytest.raises(ConfigError, match="circular"):
        load_config_file(child)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('fail_on = "error"\nfial_on = "info"\n', ":2: fial_on: unknown configuration key"),
        ('fail_on = "error"\n\nmin_confidence = 2\n', ":3: min_confidence: Input should be less than or equal to 1"),
        ('fail_on = "sometimes"\n', ":1: fail_on: Input should be 'error', 'warning', 'info' or 'never'"),
        ('fail_on = "error"\nrules = "dir"\n', ":2: rules: Input should be a valid list"),
        ('fail_on = "error"\nfail-on = "info"\n', ":2: fail-on: set twice"),
        ('fail_on = "error"\nmodel = \n', ":2: invalid TOML"),
    ],
)
def test_errors_name_file_and_line(tmp_path, text, expected):
    path = write(tmp_path / "provenance.toml", text)
    with pytest.raises(ConfigError) as exc:
        load_config(start=tmp_path)
    assert str(exc.value).startswith(str(path.resolve()))
    assert expected in str(exc.value)


def test_pyproject_errors_point_into_the_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\nformat = 1\n\n[tool.provenance]\nformat = "pdf"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml:6: format:"):
        load_config(start=tmp_path)


def test_merged_overrides_and_show_is_deterministic(tmp_path):
    write(tmp_path / "provenance.toml", 'fail_on = "error"\ndisable = ["ATT101"]\npublisher = "IANS"\n')
    c = load_config(start=tmp_path).merged(fail_on="never", min_severity=None)
    assert (c.fail_on, c.disable, c.publisher) == ("never", ["ATT101"], "IANS")
    with pytest.raises(ConfigError, match="fail_on"):
        c.merged(fail_on="bad")
    shown = config_show(c)
    assert shown == config_show(c)
    assert 'fail_on = "never"\n' in shown and 'disable = ["ATT101"]\n' in shown and "# baseline = (not set)" in shown
    assert shown.index("disable") < shown.index("fail_on") < shown.index("publisher")
    assert f"# read from: {(tmp_path / 'provenance.toml').resolve()}" in shown


def test_cli_config_show(tmp_path, capsys, monkeypatch):
    write(tmp_path / "provenance.toml", 'fail_on = "error"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["config", "show"]) == 0
    assert 'fail_on = "error"' in capsys.readouterr().out
    other = write(tmp_path / "x.toml", 'fail_on = "never"\n')
    assert main(["config", "show", "--config", str(other)]) == 0
    assert 'fail_on = "never"' in capsys.readouterr().out
    write(tmp_path / "bad.toml", "fail_on = [\n")
    assert main(["config", "show", "--config", str(tmp_path / "bad.toml")]) == 2
    assert "bad.toml:" in capsys.readouterr().err
    assert main(["config"]) == 2
