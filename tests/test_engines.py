"""Both engines build the site: ProperDocs (the default, maintained) and MkDocs 1.6.1."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.parametrize("engine", ["properdocs", "mkdocs"])
def test_each_engine_builds_the_tiny_site_strictly(engine, tiny_site, tmp_path) -> None:
    root = tiny_site(hooks=("preview", "mount", "brand", "glossary", "nav"))
    site = tmp_path / "site"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1", "ACADEMY_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", engine, "build", "--strict", "--site-dir", str(site)],
                            cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    talk = (site / "talks/01-test/index.html").read_text(encoding="utf-8")
    assert "Lire une page montée depuis le dossier talks" in talk
    assert "RGPD" in (site / "glossaire/index.html").read_text(encoding="utf-8")


def test_mkdocs_stays_below_2() -> None:
    from importlib.metadata import version

    assert version("mkdocs").startswith("1.6.")
    assert version("properdocs").startswith("1.6.")
