"""``provenance serve``: the editor's page and JSON API (FastAPI + uvicorn); docs/serve.md.

``create_app`` (``provenance.serve.app``) builds the app around an ``Engine``
(``provenance.serve.engine``: the CLI's Checker, loaded once, behind a bounded queue);
``provenance.serve.paragraphs`` is the paragraph-level parse cache that makes a re-check
after an edit parse only the paragraphs that changed; ``provenance.serve.actions`` writes
suppression comments and baseline entries in the formats the CLI reads.
"""
