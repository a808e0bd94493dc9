"""What the build publishes raw: data files are read by the hooks, never copied by accident.

MkDocs copies every file of ``docs/`` (and of the mounted folders) that is not a page into
the site. A YAML, JSON or TOML file there is data for a hook: the glossary
(``docs/glossaire.yml``) and the cohorts (``docs/promotions/AAAA.yml``) are read and replaced
by pages. Any other one (``promotions/2027.yaml``, ``equipe.json``, a cohort in a sub-folder)
would be published as is, with whatever contact data it holds, and read by nobody: it is
left out of the site (``hooks/intake.py``) and reported (rule ``stray-data``). Tables meant
for download (``.csv``, spreadsheets) are content and stay published.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import TYPE_CHECKING

from academy.problems import Problem
from academy.registry import rule

if TYPE_CHECKING:
    from academy.model import Project

DATA_SUFFIXES = (".yml", ".yaml", ".json", ".toml")
GLOSSARY = "glossaire.yml"
PROMOTIONS = "promotions"


def is_read_by_a_hook(uri: str) -> bool:
    """``uri`` (site path) is a data file that a hook reads and replaces by pages."""
    folder, name = posixpath.split(uri)
    return uri == GLOSSARY or (folder == PROMOTIONS and name.endswith(".yml"))


def is_stray_data(uri: str) -> bool:
    return uri.lower().endswith(DATA_SUFFIXES) and not is_read_by_a_hook(uri)


def check(files: Iterable[tuple[str, str]]) -> list[Problem]:
    """(site path, repository path) of the files to publish -> a problem per stray data file."""
    problems = []
    for uri, rel in files:
        if rel and is_stray_data(uri):
            message = (f"fichier de données « {posixpath.basename(uri)} » ni lu ni publié — une promotion s'écrit "
                       "docs/promotions/AAAA.yml et le glossaire docs/glossaire.yml ; sinon retirez ce fichier du dépôt")
            problems.append(Problem(rel, 1, 1, message, "stray-data"))
    return problems


@rule("stray-data", "aucun fichier de données (YAML, JSON, TOML) publié tel quel sans être lu par le site")
def check_stray_data(project: Project) -> list[Problem]:
    return check(project.site.files.items())
