"""Both doors report the same problems at the same places: the build's log and ``academy check``.

Every failing fixture (``tests/cases/*/fail/``) is put into the checks' tiny repository, then
the repository is built with the site's hooks (all but the notebook runner) and checked by
the command line. The two lists must be equal, advice included (the build logs it as INFO), and
the build logs no other warning: each problem once, in French, with its place.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from pathlib import Path

import pytest
from academy import checks, cli
from academy.problems import Severity
from conftest import HOOKS, build_site
from mkdocs.exceptions import Abort
from test_checks import CASES as CHECK_CASES
from test_checks import prepare

COHORT_CASES = Path(__file__).parent / "cases" / "cohorts" / "fail"
BUILD_HOOKS = ("project", "intake", "brand", "glossary", "pages", "cohorts", "checks", "printable")
CONFIG = """\
site_name: Cas de test
site_url: https://example.org/cas/
docs_dir: docs
theme:
  name: material
  language: fr
extra:
  academy:
    colors:
      primary: "#1f5f5b"
      accent: "{accent}"
hooks:
{hooks}
validation:
  absolute_links: ignore
  anchors: ignore
  not_found: ignore
"""
CASES = sorted((CHECK_CASES / "fail").iterdir()) + sorted(COHORT_CASES.iterdir())


def place(case: Path, root: Path) -> str:
    """Put ``case`` into a fresh tiny repository at ``root``; its repository path."""
    if case.parent == COHORT_CASES:
        shutil.copytree(CHECK_CASES / "repo", root)
        rel = f"docs/promotions/{case.name}"
        (root / rel).parent.mkdir(parents=True)
        shutil.copyfile(case, root / rel)
        return rel
    return prepare(case, root)[0]


def write_config(root: Path, accent: str = "#8a4b00") -> None:
    hooks = "\n".join(f"  - {HOOKS / name}.py" for name in BUILD_HOOKS)
    (root / "mkdocs.yml").write_text(CONFIG.format(hooks=hooks, accent=accent), encoding="utf-8")


def through_the_build(root: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    caplog.clear()
    # A non-UTF-8 page: hooks/intake.py keeps the build going (the encoding rule reports it), as on the site.
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.checks"), contextlib.suppress(Abort):
        build_site(root / "mkdocs.yml", tmp_path / "site", strict=True)
    level = {logging.WARNING: Severity.ERROR, logging.INFO: Severity.ADVICE}
    # Once, in French: no other warning (MkDocs' English duplicate of a broken link, say) beside the rules'.
    others = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.name != "mkdocs.hooks.checks"]
    assert others == []
    return sorted(f"{level[r.levelno]} {r.getMessage()}" for r in caplog.records if r.name == "mkdocs.hooks.checks")


def through_the_command_line(root: Path) -> list[str]:
    return sorted(f"{p.severity} {p}" for p in checks.check_repository(root))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_both_doors_agree_on_every_failing_fixture(case: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "repo"
    rel = place(case, root)
    write_config(root)
    by_command = through_the_command_line(root)
    assert any(f" {rel}:" in line for line in by_command), "the fixture fails nowhere"
    assert through_the_build(root, tmp_path, caplog) == by_command


@pytest.mark.slow
def test_a_colour_problem_is_located_at_its_line_by_both_doors(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    shutil.copytree(CHECK_CASES / "repo", root)
    write_config(root, accent="#ffff00")
    expected = ("mkdocs.yml:11:7: extra.academy.colors.accent: « #ffff00 » donne un contraste de 1.07:1 pour les liens"
                " survolés (couleur d'accent) en thème clair, il faut au moins 4.5:1 (WCAG AA) — essayez « #7a7a00 »,"
                " la couleur la plus proche qui passe partout (brand)")
    assert [line for line in through_the_build(root, tmp_path, caplog) if line.startswith("error")] == [f"error {expected}"]
    assert cli.main(["--root", str(root), "check"]) == cli.PROBLEMS
    assert capsys.readouterr().out.splitlines() == [expected]


def test_today_and_site_url_are_the_same_through_both_doors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ACADEMY_TODAY and site_url (``!ENV`` included) reach the command line's model too."""
    from academy import model

    monkeypatch.setenv("ACADEMY_TODAY", "2031-02-03")
    monkeypatch.setenv("ACADEMY_TEST_URL", "https://env.example.org/")
    (tmp_path / "mkdocs.yml").write_text("site_url: !ENV [ACADEMY_TEST_URL, https://default.example.org/]\n",
                                         encoding="utf-8")
    settings = model.load(tmp_path).settings
    assert (settings.today.isoformat(), settings.site_url) == ("2031-02-03", "https://env.example.org/")
    monkeypatch.delenv("ACADEMY_TEST_URL")
    assert model.load(tmp_path).settings.site_url == "https://default.example.org/"


@pytest.mark.slow
def test_a_broken_link_is_reported_once_in_french(tiny_site, tmp_path: Path, mkdocs_warnings) -> None:
    root = tiny_site({"docs/guide.md": "---\ntitle: Guide\n---\n\nVoir [la page absente](absente.md#ici).\n"})
    with pytest.raises(Abort):
        build_site(root / "mkdocs.yml", tmp_path / "out")
    assert mkdocs_warnings() == [
        "docs/guide.md:5:24: lien vers « absente.md » introuvable — vérifiez le nom du fichier et le chemin"
        " relatif depuis ce fichier (broken-link)"
    ]
