"""The checks inside the build, and lychee as a second net over the built site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import HOOKS, ROOT, TINY_CONFIG, build_site
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

LYCHEE = Path(sys.executable).parent / "lychee"

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "id": "c1", "metadata": {},
         "source": ["# Un notebook de test\n", "\n", "Voir le [talk absent](../../talks/absent/index.md)."]},
        {"cell_type": "code", "execution_count": None, "id": "c2", "metadata": {}, "outputs": [], "source": ["1 + 1"]},
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}

JUPYTER = """
plugins:
  - mkdocs-jupyter:
      execute: false
      markdown_cell_processor: mkdocs
      include: ["*.ipynb"]
nav:
  - Accueil: index.md
"""


@pytest.mark.slow
def test_broken_link_in_a_notebook_cell_fails_the_strict_build(tiny_site, tmp_path: Path, mkdocs_warnings) -> None:
    hooks = "\n".join(f"  - {HOOKS / name}.py" for name in ("mount", "glossary", "checks", "nav"))
    root = tiny_site({
        "mkdocs.yml": TINY_CONFIG.format(hooks=hooks) + JUPYTER,
        "exercises/01-test/exemple.ipynb": json.dumps(NOTEBOOK, indent=1, ensure_ascii=False) + "\n",
    })
    with pytest.raises(Abort):
        build_site(root / "mkdocs.yml", tmp_path / "out")
    assert (
        "exercises/01-test/exemple.ipynb:10:28: cellule 1 : lien vers « ../../talks/absent/index.md » introuvable"
        " (vouliez-vous dire « ../../talks/01-test/index.md » ?)"
        " — vérifiez le nom du fichier et le chemin relatif depuis ce fichier (broken-link)"
    ) in mkdocs_warnings()


def lychee(folder: Path, base_path: str = "/") -> subprocess.CompletedProcess[str]:
    """lychee offline over ``folder``, with fragments; absolute links under ``base_path`` land in it."""
    root = folder.resolve().as_uri()
    prefix = base_path.rstrip("/")
    remap = [f"^{root}{prefix}(/.*)?$ {root}$1"] if prefix else []
    command = [str(LYCHEE), "--offline", "--include-fragments", "--no-progress", "--index-files", "index.html",
               "--root-dir", str(folder.resolve()), *[a for r in remap for a in ("--remap", r)], str(folder)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.slow
def test_lychee_finds_no_broken_link_in_the_built_site(site: Path) -> None:
    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url
    # The 404 page links with absolute URLs under site_url's path (/academy/): map them onto site/.
    done = lychee(site, urlsplit(site_url).path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_lychee_catches_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h2 id="ici">A</h2><a href="../b/">B</a> <a href="../b/#la">B</a>', encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b/index.html").write_text('<h2 id="la">B</h2><a href="../a/#ici">A</a>', encoding="utf-8")
    assert lychee(tmp_path).returncode == 0
    (tmp_path / "b/index.html").write_text('<a href="../a/#absente">A</a> <a href="../c/">C</a>', encoding="utf-8")
    done = lychee(tmp_path)
    assert done.returncode != 0
    assert "absente" in done.stdout and "/c" in done.stdout
