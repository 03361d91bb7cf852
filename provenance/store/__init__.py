"""What provenance keeps on disk to go faster, and can always rebuild.

- ``dirs``      where each cache lives (``PROVENANCE_CACHE_DIR`` or the user cache dir)
- ``entries``   the one on-disk entry format: a header line with the key the entry was
                written for and the SHA-256 of its payload, then the payload (JSON).  An
                entry is used only when both match; anything else (missing, unreadable,
                truncated, edited, moved to another key, ``null``) is a miss, logged and
                rebuilt, never fatal
- ``parses``    stanza parses (``ParsedDocument``) by text, model and stanza version
- ``analyses``  the analyse stage's report by parse, article and code fingerprint
- ``yamldata``  data files read from YAML, kept as JSON (PyYAML builds objects in Python)

Submodules are imported where used, so ``import provenance.store`` costs nothing.
"""
