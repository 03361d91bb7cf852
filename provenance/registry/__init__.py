"""Source registry: who is who (outlets and official bodies, each with a cited basis for its
class) and matching of mention strings to entries.

    from provenance.registry import Registry
    reg = Registry.load()                      # the default registry (cached)
    m = reg.lookup("KCNA's", country="KP")     # SourceMatch | None
    o = reg.official("Russian Ambassador to North Korea Alexandr Matsegora")
    reg.country_of("North Korean")             # "KP"

Data lives in rules/registry/ (docs/registry.md explains it).
"""

from provenance.registry.loader import Issue, read_registry
from provenance.registry.registry import Registry, default_registry_dir
from provenance.registry.schema import SOURCE_CLASSES, RegistryEntry, SourceMatch

__all__ = [
    "Issue",
    "Registry",
    "RegistryEntry",
    "SOURCE_CLASSES",
    "SourceMatch",
    "default_registry_dir",
    "read_registry",
]
