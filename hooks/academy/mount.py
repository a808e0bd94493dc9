"""Which files of ``talks/`` and ``exercises/`` enter the site, and under which path.

They stay where authors write them: the build reads them in place and writes only to
``site/``. A talk ``talks/<slug>/index.md`` is served at ``/talks/<slug>/``.
"""

from __future__ import annotations

from pathlib import Path

MOUNTED = ("talks", "exercises")
# Authors' tooling, not site content.
SKIPPED_SUFFIXES = {".py", ".pyc"}
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints"}


def mounted_files(root: Path) -> list[str]:
    """Paths (relative to ``root``, POSIX) of every file to publish from the mounted folders."""
    found = []
    for folder in MOUNTED:
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root)
            if not path.is_file() or path.suffix in SKIPPED_SUFFIXES:
                continue
            if any(part.startswith(".") or part in SKIPPED_PARTS for part in rel.parts):
                continue
            found.append(rel.as_posix())
    return found


def expand_nav(nav: list, available: list[str]) -> list:
    """Replace glob entries such as ``talks/*/index.md`` by the matching pages, sorted.

    A page listed explicitly anywhere in the nav is not repeated by a glob, so
    ``exercises/index.md`` can head its section while ``exercises/*/index.md`` lists the rest.
    """
    explicit = set(_explicit(nav))

    def expand(items: list) -> list:
        out: list = []
        for item in items:
            if isinstance(item, str) and "*" in item:
                out.extend(p for p in sorted(available) if Path(p).match(item) and p.count("/") == item.count("/") and p not in explicit)
            elif isinstance(item, dict):
                out.append({key: expand(value) if isinstance(value, list) else value for key, value in item.items()})
            else:
                out.append(item)
        return out

    return expand(nav)


def nav_pages(items: list):
    """Every page path of a nav, in menu order (globs included as written)."""
    for item in items:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from nav_pages(value if isinstance(value, list) else [value])
        elif isinstance(item, list):
            yield from nav_pages(item)


def _explicit(items: list):
    return (page for page in nav_pages(items) if "*" not in page)
