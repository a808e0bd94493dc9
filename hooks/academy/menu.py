"""Pages left out of the menu: mkdocs.yml has a ``nav`` and a published page is in none of its entries.

MkDocs' own warning (``validation: omitted_files``) is in English, lists the pages in one
message and gives no place; it is off in mkdocs.yml. Rule ``page-not-in-nav`` reports each
such page at its file (line 1), by the build and by ``academy check`` alike. A page generated
from data is reported at that data (the glossary at ``docs/glossaire.yml``), one with no data
of its own at the ``nav:`` line of mkdocs.yml.

A page meant to stay out of the menu is listed in mkdocs.yml's ``not_in_nav`` (gitignore-style
patterns, relative to the site, as MkDocs reads them); ``exclude_docs`` and ``draft_docs``
pages are not published by the build: none of them is reported. Without ``nav`` MkDocs lists
every page itself: nothing to report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pathspec.gitignore import GitIgnoreSpec

from academy import mount
from academy.problems import Problem
from academy.registry import rule

if TYPE_CHECKING:
    from academy.model import Project

RULE = "page-not-in-nav"
CONFIG = "mkdocs.yml"
UNLISTED = ("exclude_docs", "draft_docs", "not_in_nav")  # mkdocs.yml's keys of pages no menu must list


def _spec(value: Any) -> GitIgnoreSpec | None:
    if not isinstance(value, str):
        return None  # MkDocs itself refuses anything else, in its own words
    try:
        return GitIgnoreSpec.from_lines(value.splitlines())
    except ValueError:
        return None


def omitted(config: Mapping[str, Any], pages: Iterable[str]) -> tuple[list[str], int]:
    """The ``pages`` (site paths) that mkdocs.yml's nav leaves out, sorted, and the 1-based line of ``nav:``.

    ``config``: mkdocs.yml as the model parsed it ({} when unreadable: the brand rule says why)."""
    if not isinstance(nav := config.get("nav"), list):
        return [], 1
    specs = [spec for key in UNLISTED if (spec := _spec(config.get(key))) is not None]
    pages = [uri for uri in pages if not any(spec.match_file(uri) for spec in specs)]
    listed = set(mount.nav_pages(mount.expand_nav(nav, pages)))
    line = config.lc.key("nav")[0] + 1 if hasattr(config, "lc") else 1
    return sorted(uri for uri in pages if uri not in listed), line


@rule(RULE, "quand mkdocs.yml a un menu (nav), chaque page publiée y figure, ou dans not_in_nav")
def check_menu(project: Project) -> Iterable[Problem]:
    missing, nav_line = omitted(project.settings.config, project.site.pages)
    for uri in missing:
        own = project.site.files.get(uri, "")  # its source file; "" for a generated page
        source = own or (g.source if (g := project.generated.get(uri)) else "")
        what = "page absente du menu" if own else f"page générée « {uri} » absente du menu"
        message = (f"{what} — ajoutez « {uri} » au nav de mkdocs.yml, ou à sa liste not_in_nav"
                   " si la page doit rester hors du menu")
        yield Problem(source, 1, 1, message, RULE) if source else Problem(CONFIG, nav_line, 1, message, RULE)
