"""Rendered pages kept between builds, by content: a warm build converts no Markdown again.

Converting a page's Markdown is the slowest step of a warm build (50 pages, about half of it).
What the conversion gives (the HTML, the table of contents, the title, the page's anchors, its
links to other pages' anchors) is a function of the page's final Markdown, its place (source
path, URL), the Markdown extensions and their options (the glossary's tooltips among them),
every file's address (links are rewritten to them and checked against them), the validation
levels and the code that converts (its versions). The key is the hash of all of these
(``page_key``). What the conversion logged (a link to a missing page) is kept with it and
logged again when the page is read back (``replay``): a strict build still fails, and the
preview still shows the problem on its page.

What the key cannot see, and would need adding if the site starts using it: an extension that
reads other files (``pymdownx.snippets``: their text), or one whose code lives in this
repository rather than in a versioned package (its source). A value with no stable text (an
object known only by its address) raises ``Unstable``, and that page is converted as usual.

No MkDocs import: the adapter (hooks/caches.py) hands in plain values, and objects read only
through their attributes (a table of contents is a tree of objects with ``children``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from academy import cache

NAMESPACE = "rendered-pages"
# The code that converts a page, and that the key must follow.
VERSIONS = ("markdown", "pymdown-extensions", "properdocs", "mkdocs", "mkdocs-material", "pygments", "mkdocs-jupyter")


class Unstable(TypeError):
    """A value whose text would differ from one process to the next (an object known only by its address)."""


def stable_repr(value: object) -> str:
    """A text of ``value`` that is the same in every process, for a key: mappings in their order,
    sets sorted, a function or a class by its module and name, another object by its class and
    attributes. Raises ``Unstable`` for what has no such text (no attributes, an address in its repr)."""
    return _stable(value, ())


def _stable(value: object, seen: tuple[int, ...]) -> str:
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return repr(value)
    if isinstance(value, enum.Enum):
        return f"{_name(type(value))}.{value.name}"
    if id(value) in seen:
        raise Unstable(f"{_name(type(value))} contains itself")
    inner = (*seen, id(value))
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_stable(k, inner)}: {_stable(v, inner)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}[" + ", ".join(_stable(v, inner) for v in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "set[" + ", ".join(sorted(_stable(v, inner) for v in value)) + "]"
    if isinstance(value, functools.partial):
        return f"partial({_stable(value.func, inner)}, {_stable(value.args, inner)}, {_stable(value.keywords, inner)})"
    if hasattr(value, "__self__") and hasattr(value, "__func__"):  # a bound method: its object counts
        return f"{_name(value.__func__)} of {_stable(value.__self__, inner)}"
    if isinstance(value, type) or callable(value) and hasattr(value, "__qualname__"):
        return _name(value)
    if hasattr(value, "__dict__"):
        return f"{_name(type(value))}({_stable(vars(value), inner)})"
    text = repr(value)
    if " at 0x" in text or " object at " in text:
        raise Unstable(f"no stable text for {_name(type(value))}")
    return text


def _name(thing: Any) -> str:
    return f"{getattr(thing, '__module__', '?')}.{getattr(thing, '__qualname__', type(thing).__qualname__)}"


@functools.cache
def versions() -> str:
    """The versions of the converting code (and of Python, whose HTML parser Markdown uses)."""
    found = []
    for name in VERSIONS:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=absent")
    return ";".join([*found, f"python={sys.version_info[:2]}"])


def build_key(settings: Mapping[str, object], files: Iterable[tuple[str, str, bool, bool]]) -> str:
    """What every page's conversion reads of the build: ``settings`` (extensions, their options,
    validation levels, logging levels...) and ``files``, every file as (source path, URL, is a
    documentation page, is excluded). Raises ``Unstable`` when a setting has no stable text."""
    listed = "\n".join("\t".join(map(str, entry)) for entry in sorted(files))
    return cache.key(NAMESPACE, cache.code_digest(), versions(), stable_repr(dict(settings)), listed)


def page_key(build: str, page: Mapping[str, object], markdown: str) -> str:
    """The key of one page's conversion: the ``build_key``, what it reads of the page (source
    path, URL, inclusion...) and its final Markdown. Raises ``Unstable`` like ``build_key``."""
    return cache.key(build, stable_repr(dict(page)), markdown)


Record = tuple[str, int, str]  # logger name, level, message


@dataclasses.dataclass(frozen=True)
class Rendered:
    """What a page's conversion set, as plain data; ``title`` only when the conversion set it."""

    content: str
    toc: list[dict[str, Any]]
    title_from_render: str | None
    present_anchor_ids: list[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # target's source path -> {anchor: link as written}
    records: list[Record]
    sets_title: bool = False
    title: str | None = None


def load(key: str) -> Rendered | None:
    """The conversion stored under ``key``, or None (never stored, or unreadable)."""
    path = cache.cache_dir(NAMESPACE, key[:2], key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Rendered(**{**data, "records": [tuple(r) for r in data["records"]]})
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
        return None


def save(key: str, rendered: Rendered) -> bool:
    """Store ``rendered`` under ``key``; False (nothing stored) when a part is not plain data."""
    try:
        data = json.dumps(dataclasses.asdict(rendered), ensure_ascii=False)
    except (TypeError, ValueError):
        return False
    cache.write_atomic(cache.cache_dir(NAMESPACE, key[:2], key), data.encode("utf-8"))
    return True


def toc_data(items: Iterable[object]) -> list[dict[str, Any]]:
    """A table of contents as data: each item's attributes (title, id, level...), its children nested."""
    return [{**{k: v for k, v in vars(item).items() if k != "children"}, "children": toc_data(item.children)} for item in items]


def toc_items(data: list[dict[str, Any]], make: Callable[[str, str, int], Any]) -> list[Any]:
    """The items of ``toc_data`` made again with ``make(title, id, level)``, every other attribute set back."""
    out = []
    for entry in data:
        item = make(entry["title"], entry["id"], entry["level"])
        for name, value in entry.items():
            if name not in ("title", "id", "level", "children"):
                setattr(item, name, value)
        item.children = toc_items(entry["children"], make)
        out.append(item)
    return out


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # One handler on two loggers of one chain (ProperDocs makes "properdocs" the parent of
        # "mkdocs") sees a record twice: it is kept once.
        if not any(kept is record for kept in self.records):
            self.records.append(record)


@contextlib.contextmanager
def capture(loggers: Iterable[str]) -> Iterator[list[Record]]:
    """The records logged under ``loggers`` (and their children) inside the block, as (name, level, message)."""
    handler = _Collect()
    targets = [logging.getLogger(name) for name in dict.fromkeys(loggers)]
    for logger in targets:
        logger.addHandler(handler)
    found: list[Record] = []
    try:
        yield found
    finally:
        for logger in targets:
            logger.removeHandler(handler)
        found.extend((r.name, r.levelno, r.getMessage()) for r in handler.records)


def replay(records: Iterable[Record]) -> None:
    """Log the ``records`` again, each under its logger and level (the message is already formatted: no arguments)."""
    for name, level, message in records:
        logging.getLogger(name).log(level, message)
