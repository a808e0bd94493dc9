"""Markers that authors put in pages, replaced by generated Markdown.

``<!-- academy:talk-list -->`` becomes the table of the six sessions;
``<!-- academy:notebook NAME.ipynb -->`` becomes the notebook's buttons (Colab, download).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from academy.talks import Talk
from academy.templating import environment

TALK_LIST = "<!-- academy:talk-list -->"
NOTEBOOK = re.compile(r"<!-- academy:notebook (?P<name>[\w.-]+\.ipynb) -->")
GUIDE = "guides/ouvrir-un-notebook.md"  # the steps to open a notebook online, linked beside the buttons


def talk_list(talks: list[Talk], page_uri: str) -> str:
    """A table of the sessions, linked relatively from ``page_uri``."""
    rows = sorted((t for t in talks if t.meta), key=lambda t: t.meta.number)
    base = PurePosixPath(page_uri).parent
    links = {t.slug: _relative(t.path, base) for t in rows}
    return environment().get_template("talk-list.md.j2").render(talks=rows, links=links)


def notebook_links(markdown: str, page_uri: str, repo_url: str, branch: str, *, has_guide: bool = True) -> str:
    """Replace each notebook marker of an exercise page with its Colab and download links.

    ``branch``: the repository's (``Identity.branch``), the one whose notebooks Colab opens.
    ``has_guide``: the site has the guide ``GUIDE`` (a small site or a copy may not: no link to it then).
    """
    folder = PurePosixPath(page_uri).parent
    guide = _relative(GUIDE, folder) if has_guide else ""

    def replace(match: re.Match) -> str:
        name = match["name"]
        colab = f"https://colab.research.google.com/github/{_github_path(repo_url)}/blob/{branch}/{folder / name}"
        return environment().get_template("notebook-links.md.j2").render(name=name, colab=colab, page=PurePosixPath(name).stem,
                                                                          guide=guide)

    return NOTEBOOK.sub(replace, markdown)


def _github_path(repo_url: str) -> str:
    return repo_url.rstrip("/").removeprefix("https://github.com/")


def _relative(target: str, base: PurePosixPath) -> str:
    target_parts, base_parts = PurePosixPath(target).parts, base.parts
    common = 0
    while common < min(len(target_parts), len(base_parts)) and target_parts[common] == base_parts[common]:
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + list(target_parts[common:]))
