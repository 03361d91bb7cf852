"""Policy: editorial rules (data, ``rules/editorial/*.yaml``) → findings, with suppression
comments, a baseline and configuration.

    config = load_config(args.config, start=input_path)      # --config FILE, or discovered
    pack = load_rules(config.rule_dirs())
    baseline = load_baseline(config.baseline_path()) if config.baseline else None
    report = apply_policy(report, article, pack, config=config, baseline=baseline)
    exit_code = 1 if failing(report.findings, config.fail_on) else 0
"""

from __future__ import annotations

from provenance.policy.baseline import (
    Baseline,
    BaselineEntry,
    apply_baseline,
    build_baseline,
    load_baseline,
    prune_baseline,
    save_baseline,
    write_baseline,
)
from provenance.policy.config import Config, config_show, find_config, load_config, load_config_file
from provenance.policy.docs import rule_text, rules_markdown
from provenance.policy.engine import apply_policy, evaluate, failing, filter_findings, findings_by_severity
from provenance.policy.loader import RulePack, default_rules_dir, load_rule_file, load_rules
from provenance.policy.rule_schema import Rule
from provenance.policy.suppress import Directive, parse_directives

prune = prune_baseline

__all__ = [
    "Baseline",
    "BaselineEntry",
    "Config",
    "Directive",
    "Rule",
    "RulePack",
    "apply_baseline",
    "apply_policy",
    "build_baseline",
    "config_show",
    "default_rules_dir",
    "evaluate",
    "failing",
    "filter_findings",
    "find_config",
    "findings_by_severity",
    "load_baseline",
    "load_config",
    "load_config_file",
    "load_rule_file",
    "load_rules",
    "parse_directives",
    "prune",
    "prune_baseline",
    "rule_text",
    "rules_markdown",
    "save_baseline",
    "write_baseline",
]
