"""Where the exercise notebooks read their data online: the configured repository or site.

Google Colab opens a notebook from the repository itself (the « Ouvrir dans Google Colab »
button points at ``repo_url``), so the address written in the source ``.ipynb`` is the one a
reader's Colab reads. The copies the site publishes (the executed page, the download) read the
configured site instead (``academy.identity.published_notebook``).

Rule ``notebook-data-url``: every data address of a notebook (``…/exercises/data/``) names the
repository or the site of ``mkdocs.yml``. A copy of the site made by following
docs/playbook/copier.md still has the original's address in its notebooks; ``academy check
--fix`` writes its own (``fix``), the only change the command makes to a file.

Which address is written: the repository's raw files on its branch (``extra.academy.branch``,
``main`` when absent: the branch the Colab buttons open) when the repository is on GitHub
(Colab opens the notebook from there, so notebook and data come from the same place, and it
works from the first push, before the site is published); otherwise the site's
``exercises/data/`` folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from academy.identity import DATA_FOLDER, Identity, data_url
from academy.problems import Problem
from academy.registry import rule

if TYPE_CHECKING:
    from academy.model import Project
    from academy.parsed import Page

RULE = "notebook-data-url"
# An address of the exercises' data in a notebook's JSON text: up to the closing (escaped) quote.
DATA_ADDRESS = re.compile(rf"https?://[^\s\"'\\]*?/{re.escape(DATA_FOLDER)}")
_RAW = re.compile(rf"^https://raw\.githubusercontent\.com/(?P<repo>[^/]+/[^/]+)/[^/]+/{re.escape(DATA_FOLDER)}$")


def repository_data_url(identity: Identity) -> str:
    """``https://raw.githubusercontent.com/<owner>/<name>/<branch>/exercises/data/``; empty off GitHub."""
    if urlsplit(identity.repo_url).hostname != "github.com" or identity.repo_name.count("/") != 1:
        return ""
    return f"https://raw.githubusercontent.com/{identity.repo_name}/{identity.branch}/{DATA_FOLDER}"


def expected(identity: Identity) -> str:
    """The address ``fix`` writes: the repository's data, else the site's."""
    return repository_data_url(identity) or data_url(identity)


def accepted(address: str, identity: Identity) -> bool:
    """The address reads the configured repository (any branch) or the configured site."""
    raw = _RAW.match(address)
    if raw and identity.repo_name and raw["repo"].lower() == identity.repo_name.lower():
        return True
    return bool(identity.site_url) and address == data_url(identity)


def addresses(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, address) of every data address of a notebook's text, columns from 1."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in DATA_ADDRESS.finditer(line):
            yield number, match.start() + 1, match[0]


def problems(path: str, text: str, identity: Identity) -> list[Problem]:
    """Each data address of the notebook ``path`` that names neither the repository nor the site."""
    if not path.endswith(".ipynb") or not expected(identity):
        return []  # a small site without repository or site address: nothing to compare with
    out = []
    for line, col, address in addresses(text):
        if not accepted(address, identity):
            message = (f"données en ligne lues à « {address} », hors du dépôt et du site de mkdocs.yml — "
                       f"lancez « academy check --fix », qui écrit « {expected(identity)} »")
            out.append(Problem(path, line, col, message, RULE))
    return out


def fixed(text: str, identity: Identity) -> str:
    """The notebook's text with every data address that ``problems`` reports replaced."""
    target = expected(identity)
    if not target:
        return text
    return DATA_ADDRESS.sub(lambda m: m[0] if accepted(m[0], identity) else target, text)


def notebooks(root: Path) -> list[str]:
    """The exercise notebooks of the repository (``exercises/**/*.ipynb``), as POSIX paths."""
    return sorted(p.relative_to(root).as_posix() for p in (root / "exercises").rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def fix(root: Path, identity: Identity) -> list[str]:
    """Write the configured data address into every exercise notebook that needs it; the paths changed."""
    changed = []
    for rel in notebooks(root):
        with (root / rel).open(encoding="utf-8", newline="") as source:  # line endings kept as they are
            text = source.read()
        if (new := fixed(text, identity)) != text:
            with (root / rel).open("w", encoding="utf-8", newline="") as out:
                out.write(new)
            changed.append(rel)
    return changed


@rule(RULE, "les notebooks lisent leurs données en ligne dans le dépôt ou sur le site de mkdocs.yml"
      " (academy check --fix les corrige)", topic="exercises", page=True)
def check_notebook_data(page: Page, project: Project) -> Iterable[Problem]:
    if not page.path.endswith(".ipynb"):
        return []
    return problems(page.path, project.text(page.path) or "", project.identity)
