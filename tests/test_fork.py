"""``academy check --fork``: every leftover of the origin in a copy, and nothing elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from academy import cli, fork, identity
from conftest import ROOT

ORIGIN = """\
    origin:
      name: Ruche Academy
      organisation: Essaim (Essaim Conseil)
      site_url: https://ruche.example.org/academy/
      repo_url: https://github.com/ruche-academy/academy
      story: [docs/playbook/histoire.md, LICENSE]
"""
FORK_CONFIG = """\
extra:
  academy:
    name: &name Solidata Academy
    organisation: Solidata
    volunteers: bénévoles de Solidata
    site_url: https://solidata.example.org/
    repo_url: https://github.com/solidata/academy
""" + ORIGIN + "site_name: *name\n"

INCOMPLETE = {
    "mkdocs.yml": FORK_CONFIG,
    "docs/index.md": "# Accueil\n\nBienvenue à la Ruche Academy.\n\nCitation : selon l'article de Essaim Conseil, 10 associations.\n",
    "docs/guides/mentorat.md": "# Mentorat\n\nLes bénévoles de Essaim Conseil et Essaim.\n",
    "docs/playbook/histoire.md": "# Histoire\n\nDes salariés de Essaim Conseil ont créé The Ruche Academy.\n",
    "docs/promotions/2020.yml": "name: Promotion 2020\nsessions:\n  - place: Locaux de Essaim Conseil, Paris\n",
    "hooks/academy/calendar.py": 'PRODID = "-//x//Ruche Academy//FR"\n',
    "README.md": "Voir https://ruche.example.org/academy/ et github.com/ruche-academy/academy.\n",
    "exercises/01-x/x.ipynb": '{"cells": [{"source": ["SOURCE_EN_LIGNE = \\"https://raw.githubusercontent.com/ruche-academy/academy/main/exercises/data/\\"\\n"]}]}\n',
    "LICENSE": "Copyright (c) The Ruche Academy contributors\n",
}


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_each_leftover_of_an_incomplete_fork_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write(tmp_path, INCOMPLETE)
    assert cli.main(["--root", str(root), "check", "--fork"]) == cli.PROBLEMS
    name = "nom de l'académie d'origine « Ruche Academy » — "
    org = "organisation d'origine « {} » — "
    in_page = "écrivez {{ academy.organisation }} ou {{ academy.volunteers }}, ou citez la source (« article de … »)"
    assert capsys.readouterr().out.splitlines() == [
        "README.md:1:14: adresse du site d'origine « ruche.example.org » — lisez l'adresse dans mkdocs.yml (extra.academy.site_url) (fork-leftover)",
        "README.md:1:55: dépôt d'origine « ruche-academy/academy » — lisez l'adresse dans mkdocs.yml (extra.academy.repo_url) (fork-leftover)",
        f"docs/guides/mentorat.md:3:18: {org.format('Essaim Conseil')}{in_page} (fork-leftover)",
        f"docs/guides/mentorat.md:3:36: {org.format('Essaim')}{in_page} (fork-leftover)",
        f"docs/index.md:3:16: {name}écrivez {{{{ academy.name }}}}, que le site remplace par votre nom (fork-leftover)",
        "docs/promotions/2020.yml:1:1: promotion d'exemple de l'académie d'origine (1 mention(s)) — supprimez ce fichier"
        " et créez votre promotion avec « academy new cohort ANNÉE » (fork-leftover)",
        f"hooks/academy/calendar.py:1:17: {name}remplacez-le par le nom de votre académie (extra.academy.name) (fork-leftover)",
    ]


def test_a_clean_fork_reports_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = {
        **INCOMPLETE,
        "docs/index.md": "# Accueil\n\nBienvenue à {{ academy.name }}.\n\nCitation : selon l'article de Essaim Conseil, 10 associations.\n",
        "docs/guides/mentorat.md": "# Mentorat\n\nLes {{ academy.volunteers }}.\n",
        "hooks/academy/calendar.py": "PRODID = f\"-//{organisation}//{name}//FR\"\n",
        "README.md": "Voir mkdocs.yml.\n",
    }
    del clean["docs/promotions/2020.yml"]
    root = write(tmp_path, clean)
    assert cli.main(["--root", str(root), "check", "--fork"]) == cli.OK
    assert capsys.readouterr().out == ""


def test_this_repository_reports_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """The original (identity = origin), or a copy made by following copier.md (test_fork_copy)."""
    assert cli.main(["--root", str(ROOT), "check", "--fork"]) == cli.OK
    assert capsys.readouterr().out == ""


def test_the_origin_block_is_not_a_leftover(tmp_path: Path) -> None:
    root = write(tmp_path, {"mkdocs.yml": FORK_CONFIG})
    assert fork.leftovers(root, identity.read(root)) == []
