"""Which configuration, rule pack and baseline apply to each checked article.

Each input has its own configuration (``ConfigResolver``: the closest file above it, or
``--config``); articles under the same configuration share one ``Scope``: the rule pack it
names (the default pack plus its ``rules`` and the command line's ``--rules``) and its
baseline, whose entry paths are relative to the configuration's folder.  Every selector
(``select``, ``ignore``...) is checked when the scope is made, so a mistyped rule code
stops the run before any article is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from provenance.policy.baseline import Baseline, load_baseline
from provenance.policy.config import Config, ConfigResolver
from provenance.policy.engine import active_rules
from provenance.policy.loader import RulePack, load_rules


@dataclass
class Scope:
    config: Config
    rules: RulePack
    baseline: Baseline | None
    checked: set[str] = field(default_factory=set)  # document paths checked under it (for the baseline warning)


class Scopes:
    def __init__(self, resolver: ConfigResolver, extra_rule_dirs: list[Path] | None = None) -> None:
        self.resolver = resolver
        self.extra_rule_dirs = list(extra_rule_dirs or [])
        self._scopes: dict[int, Scope] = {}
        self._packs: dict[tuple[str, ...], RulePack] = {}
        self._baselines: dict[tuple[str, str], Baseline] = {}

    def for_path(self, path: str | Path) -> Scope:
        config = self.resolver.for_path(path)
        scope = self._scopes.get(id(config))
        if scope is None:
            dirs = config.rule_dirs() + self.extra_rule_dirs
            key = tuple(str(d) for d in dirs)
            if key not in self._packs:
                self._packs[key] = load_rules(dirs or None)
            pack = self._packs[key]
            active_rules(pack, config)  # every selector known (a ConfigError now, not mid-batch)
            for pattern, codes in config.per_file_ignores.items():
                from provenance.policy.engine import resolve_selectors

                resolve_selectors(pack, codes, config.where("per_file_ignores"), f"per-file-ignores {pattern!r}")
            scope = Scope(config=config, rules=pack, baseline=self._baseline(config))
            self._scopes[id(config)] = scope
        return scope

    def _baseline(self, config: Config) -> Baseline | None:
        path = config.baseline_path()
        if path is None:
            return None
        root = config.root or Path.cwd()
        key = (str(path), str(root))
        if key not in self._baselines:
            self._baselines[key] = load_baseline(path).with_root(root)
        return self._baselines[key]

    def policy(self, path: str) -> tuple[RulePack, Config]:
        """For ``CheckOptions.policy``: the rule pack and configuration of an article."""
        scope = self.for_path(path)
        return scope.rules, scope.config

    def all(self) -> list[Scope]:
        return list(self._scopes.values())
