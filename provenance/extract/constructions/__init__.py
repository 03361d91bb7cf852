"""The constructions extraction reads, one family per module.

Every module here is imported by ``provenance.extract.declare.load_all`` and declares its
constructions (``construction(...)``) and its pass (``@family(...)``); nothing else in the
code base lists them.  See docs/constructions.md for each one and for how to add one.
"""
