"""The academy engine: pure functions that read the source tree and report problems.

Nothing in this package imports MkDocs: the thin adapters in ``hooks/*.py`` call it from the
build, and ``academy.cli`` calls it from the command line, so both show the same messages.
"""
