"""Identity markers (``{{ academy.name }}``…) in the nav: titles of sections, links and pages, links' addresses.

The page's own text and front matter go through ``academy.identity.expand`` in
``hooks/brand.py``; the titles that mkdocs.yml's ``nav`` gives (« - "{{ academy.name }}":
index.md ») are set on the nav's items before any page is read, so they are replaced here.
Values come out inert (HTML entities), as in the pages: the theme does not escape titles.

Rule ``nav-marker``: a marker of the nav that names no value of the identity block (a typo such
as ``{{ academy.nom }}``, or a key left empty) is reported at its line and column in
``mkdocs.yml``, by the build and by ``academy check`` alike; the reader would see it as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from academy.identity import CONFIG, MARKER, Identity, check_markers, expand
from academy.problems import Problem
from academy.registry import rule

if TYPE_CHECKING:
    from academy.model import Project

RULE = "nav-marker"


def expand_nav_titles(items: Iterable[Any], who: Identity) -> None:
    """Replace the markers in the title of each nav item given one (sections, links, pages), recursively."""
    for item in items:
        own = vars(item).get("title")  # a page's title property reads its front matter: only a set title here
        if isinstance(own, str) and "academy." in own:
            item.title = expand(own, who)
        if type(item).__name__ == "Link" and "academy." in item.url:  # « - Nous écrire: "{{ academy.contact_url }}" »
            item.url = expand(item.url, who)
        expand_nav_titles(getattr(item, "children", None) or (), who)


def _scalars(node: Any) -> Iterator[tuple[str, int]]:
    """(text, 0-based line) of every label and address of a nav as ruamel.yaml loads it (positions kept)."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, str) and hasattr(node, "lc"):
                yield item, node.lc.item(index)[0]
            else:
                yield from _scalars(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if hasattr(node, "lc"):
                yield str(key), node.lc.key(key)[0]
                if isinstance(value, str):
                    yield value, node.lc.value(key)[0]
            yield from _scalars(value) if isinstance(value, list | dict) else ()


def check_nav(config: Mapping[str, Any], config_text: str, who: Identity) -> list[Problem]:
    """Each marker of mkdocs.yml's nav that is unknown or has no value, at its line and column.

    ``config``: mkdocs.yml as the model parsed it, positions kept ({} when unreadable)."""
    nav = config.get("nav")
    lines = config_text.splitlines()
    problems = []
    for text, line in _scalars(nav):
        if "academy." not in text or line >= len(lines):
            continue
        for found in check_markers(lines[line], CONFIG, who):  # the line as written: its columns are mkdocs.yml's
            marker = MARKER.match(lines[line], found.col - 1)
            if marker and marker[0] in text:  # not a comment's marker on the same line
                problems.append(Problem(CONFIG, line + 1, found.col, found.message, RULE))
    return sorted(set(problems))


@rule(RULE, "les marqueurs {{ academy.… }} des titres du nav de mkdocs.yml nomment une valeur du bloc d'identité",
      topic="identity")
def check_nav_markers(project: Project) -> Iterable[Problem]:
    return check_nav(project.settings.config, project.settings.config_text, project.identity)
