"""``academy check --fork``: every leftover of the origin in a copy, and nothing elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from academy import cli, fork, identity, notebook_data, pages
from conftest import ROOT, build_site
from mkdocs.exceptions import Abort

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


DATA_MESSAGE = ("données en ligne lues à « https://raw.githubusercontent.com/ruche-academy/academy/main/exercises/data/ »,"
                " hors du dépôt et du site de mkdocs.yml — lancez « academy check --fix », qui écrit"
                " « https://raw.githubusercontent.com/solidata/academy/main/exercises/data/ »")


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
        f"exercises/01-x/x.ipynb:1:45: {DATA_MESSAGE} (notebook-data-url)",
        f"hooks/academy/calendar.py:1:17: {name}remplacez-le par le nom de votre académie (extra.academy.name) (fork-leftover)",
    ]


def test_an_origin_address_left_in_the_identity_block_asks_for_the_forks_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In mkdocs.yml itself, « lisez l'adresse dans mkdocs.yml » would send the reader to the line at fault."""
    kept = "    contact_url: https://github.com/ruche-academy/academy/issues\n    site_url: https://ruche.example.org/academy/"
    root = write(tmp_path, {"mkdocs.yml": FORK_CONFIG.replace("    site_url: https://solidata.example.org/", kept)})
    assert cli.main(["--root", str(root), "check", "--fork"]) == cli.PROBLEMS
    todo = "remplacez cette adresse par la vôtre (docs/playbook/copier.md, étape 2) (fork-leftover)"
    assert capsys.readouterr().out.splitlines() == [
        f"mkdocs.yml:6:37: dépôt d'origine « ruche-academy/academy » — {todo}",
        f"mkdocs.yml:7:23: adresse du site d'origine « ruche.example.org » — {todo}",
    ]


def test_a_clean_fork_reports_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = {
        **INCOMPLETE,
        "docs/index.md": "# Accueil\n\nBienvenue à {{ academy.name }}.\n\nCitation : selon l'article de Essaim Conseil, 10 associations.\n",
        "docs/guides/mentorat.md": "# Mentorat\n\nLes {{ academy.volunteers }}.\n",
        "hooks/academy/calendar.py": "PRODID = f\"-//{organisation}//{name}//FR\"\n",
        "README.md": "Voir mkdocs.yml.\n",
        "exercises/01-x/x.ipynb": INCOMPLETE["exercises/01-x/x.ipynb"].replace("ruche-academy", "solidata"),
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


def test_fix_writes_the_repository_data_address_into_the_notebooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site_copy = '{"cells": [{"source": ["URL = \\"https://solidata.example.org/exercises/data/\\"\\r\\n"]}]}\r\n'
    root = write(tmp_path, {**INCOMPLETE, "exercises/02-y/y.ipynb": site_copy})
    before = (root / "exercises/01-x/x.ipynb").read_bytes()
    assert cli.main(["--root", str(root), "check", "--fork", "--fix"]) == cli.PROBLEMS  # the other leftovers stay
    out, err = capsys.readouterr()
    assert "(notebook-data-url)" not in out
    assert err.splitlines()[0] == "exercises/01-x/x.ipynb : adresse des données en ligne corrigée"
    assert (root / "exercises/01-x/x.ipynb").read_bytes() == before.replace(b"ruche-academy/academy", b"solidata/academy")
    assert (root / "exercises/02-y/y.ipynb").read_bytes() == site_copy.encode()  # the site's data: already right, untouched


FOREIGN_NOTEBOOK = """\
{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "c1",
   "metadata": {},
   "outputs": [],
   "source": [
    "SOURCE_EN_LIGNE = \\"https://raw.githubusercontent.com/autre/depot/main/exercises/data/\\"\\n"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
"""
FOREIGN = ("exercises/01-test/test.ipynb:10:26: données en ligne lues à « https://raw.githubusercontent.com/autre/depot/main/exercises/data/ »,"
           " hors du dépôt et du site de mkdocs.yml — lancez « academy check --fix », qui écrit"
           " « https://raw.githubusercontent.com/solidata/academy/main/exercises/data/ » (notebook-data-url)")


@pytest.fixture
def foreign(tiny_site) -> Path:
    root = tiny_site({"exercises/01-test/test.ipynb": FOREIGN_NOTEBOOK})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("site_name: Tiny academy", "site_name: Tiny academy\nrepo_url: https://github.com/solidata/academy")
                                     .replace("  academy:\n", "  academy:\n    repo_url: https://github.com/solidata/academy\n"), encoding="utf-8")
    return root


@pytest.mark.slow  # the notebook runs
def test_a_notebook_reading_another_repository_fails_academy_check(foreign: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(foreign), "check"]) == cli.PROBLEMS
    assert [line for line in capsys.readouterr().out.splitlines() if line.endswith("(notebook-data-url)")] == [FOREIGN]
    assert cli.main(["--root", str(foreign), "check", "--fix", str(foreign / "exercises")]) == cli.OK
    assert "solidata/academy/main/exercises/data/" in (foreign / "exercises/01-test/test.ipynb").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_notebook_reading_another_repository_fails_the_build(foreign: Path, tmp_path: Path, mkdocs_warnings) -> None:
    with pytest.raises(Abort):
        build_site(foreign / "mkdocs.yml", tmp_path / "out")
    assert [m for m in mkdocs_warnings() if m.endswith("(notebook-data-url)")] == [FOREIGN]


def test_a_notebook_may_read_the_repository_on_any_branch_or_the_site(tmp_path: Path) -> None:
    who = identity.read(write(tmp_path, {"mkdocs.yml": FORK_CONFIG}))
    assert notebook_data.accepted("https://raw.githubusercontent.com/Solidata/academy/dev/exercises/data/", who)
    assert notebook_data.accepted("https://solidata.example.org/exercises/data/", who)
    assert not notebook_data.accepted("https://raw.githubusercontent.com/solidata/autre/main/exercises/data/", who)


TRUNK_CONFIG = FORK_CONFIG.replace("    repo_url: https://github.com/solidata/academy\n",
                                   "    repo_url: https://github.com/solidata/academy\n    branch: trunk\n")
TRUNK_DATA = "https://raw.githubusercontent.com/solidata/academy/trunk/exercises/data/"


def test_a_fork_whose_branch_is_trunk_reads_and_opens_trunk(tmp_path: Path) -> None:
    """extra.academy.branch: the notebooks' data, the Colab buttons and the edit links; ``main`` when absent."""
    who = identity.read(write(tmp_path / "trunk", {"mkdocs.yml": TRUNK_CONFIG}))
    assert (who.branch, notebook_data.expected(who), identity.settings(who)["edit_uri"]) == ("trunk", TRUNK_DATA, "https://github.com/solidata/academy/edit/trunk/")
    buttons = pages.notebook_links("<!-- academy:notebook x.ipynb -->", "exercises/01-x/index.md", who.repo_url, who.branch)
    assert "(https://colab.research.google.com/github/solidata/academy/blob/trunk/exercises/01-x/x.ipynb)" in buttons
    default = identity.read(write(tmp_path / "main", {"mkdocs.yml": FORK_CONFIG}))
    assert (default.branch, identity.settings(default)["edit_uri"]) == ("main", "https://github.com/solidata/academy/edit/main/")
    assert "edit_uri" not in identity.settings(identity.Identity(repo_url="https://gitlab.com/solidata/academy"))


def test_fix_writes_the_branch_of_a_trunk_fork(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write(tmp_path, {**INCOMPLETE, "mkdocs.yml": TRUNK_CONFIG})
    cli.main(["--root", str(root), "check", "--fork", "--fix"])
    assert TRUNK_DATA in (root / "exercises/01-x/x.ipynb").read_text(encoding="utf-8")
    capsys.readouterr()
    cli.main(["--root", str(root), "check", "--fork"])
    assert "(notebook-data-url)" not in capsys.readouterr().out


@pytest.mark.slow
def test_a_trunk_fork_builds_colab_buttons_for_trunk(tiny_site, tmp_path: Path, mkdocs_warnings) -> None:
    exercise = "---\ntitle: Exercice de test\ntalk: 01-test\nduration: 45\nkind: notebook\n---\n\n## Objectif\n\nTester.\n\n<!-- academy:notebook test.ipynb -->\n"
    root = tiny_site({"exercises/01-test/test.ipynb": FOREIGN_NOTEBOOK.replace("autre/depot/main", "solidata/academy/trunk"),
                      "exercises/01-test/index.md": exercise, "docs/guides/ouvrir-un-notebook.md": "# Ouvrir un notebook\n"},
                     hooks=("project", "mount", "brand", "glossary", "pages", "checks", "nav"))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("site_name: Tiny academy", "site_name: Tiny academy\nrepo_url: https://github.com/solidata/academy")
                                     .replace("  academy:\n", "  academy:\n    repo_url: https://github.com/solidata/academy\n    branch: trunk\n")
                                     + "markdown_extensions: [attr_list, md_in_html]\n", encoding="utf-8")
    build_site(root / "mkdocs.yml", tmp_path / "out")
    page = (tmp_path / "out/exercises/01-test/index.html").read_text(encoding="utf-8")
    assert 'href="https://colab.research.google.com/github/solidata/academy/blob/trunk/exercises/01-test/test.ipynb"' in page
    assert "/blob/main/" not in page and mkdocs_warnings() == []


@pytest.mark.slow
def test_a_fork_with_an_email_gets_a_contact_path_without_github(tiny_site, tmp_path: Path) -> None:
    """contact_email (and a contact form) in mkdocs.yml: the Contact page and every page's contact button, no GitHub."""
    root = tiny_site({"docs/contact.md": (ROOT / "docs/contact.md").read_text(encoding="utf-8"), "docs/guides/rgpd-essentiel.md": "# RGPD\n", "docs/guides/contribuer.md": "# Contribuer\n"},
                     hooks=("project", "mount", "brand", "glossary", "contact", "checks", "nav"))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("  academy:\n", (
        "  academy:\n    name: Solidata Academy\n    organisation: Solidata\n"
        "    contact_email: academie@solidata.example.org\n    contact_url: https://solidata.example.org/contact\n"
        "    site_url: https://example.org/tiny/\n"))
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_site(root / "mkdocs.yml", tmp_path / "out")
    page = (tmp_path / "out/contact/index.html").read_text(encoding="utf-8")
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert 'href="mailto:academie@solidata.example.org"' in article
    assert 'href="https://solidata.example.org/contact"' in article
    assert "github" not in article.lower()
    home = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/tiny/contact/" target="_blank" rel="noopener" title="Contacter Solidata"' in home


def test_the_upstream_contact_page_is_honest_without_an_email() -> None:
    """Only GitHub is configured: the page says so, and shows the way to someone who never used it."""
    from academy import contact

    issues = "https://github.com/ruche-academy/academy/issues"  # as upstream configures it: GitHub only
    block = contact.render({"contact_url": issues})
    assert "pas encore d'adresse de courriel publique" in block and "Créez un compte gratuit sur GitHub" in block
    assert "Sans compte à créer" not in (ROOT / "docs/contact.md").read_text(encoding="utf-8")
    both = contact.render({"contact_url": issues, "contact_email": "a@b.org"})
    assert "pas encore d'adresse" not in both
