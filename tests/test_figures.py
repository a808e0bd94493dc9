"""The SVG figure rules (academy.figures): bad figures give the exact message, the real ones none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from academy import figures

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests/cases/figures"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("*.svg")))
def test_bad_figure_gives_exact_messages(case: str) -> None:
    """Each case's problems, one per line, are written next to it in ``<case>.expect``."""
    path = CASES / case
    rel = f"talks/01-test/{case}"
    expected = (CASES / f"{case}.expect").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in figures.check_figure(path.read_text(encoding="utf-8"), rel)] == expected


def test_repository_figures_are_clean() -> None:
    found = figures.figure_paths(ROOT)
    assert any(p.name == "segments-rfm.svg" for p in found), [p.name for p in found]
    assert figures.check_figures(ROOT) == []


def test_talk_two_figure_draws_its_arrowheads_and_rotated_label() -> None:
    """The arrowheads' points and the vertical label's rotation hold plain ASCII numbers."""
    text = (ROOT / "talks/02-donateurs-benevoles/segments-rfm.svg").read_text(encoding="utf-8")
    assert 'transform="rotate(-90 50 270)"' in text
    assert 'points="142,74 150,60 158,74"' in text


def test_text_width_grows_with_size_and_weight() -> None:
    regular = figures.text_width("Fréquence", 18)
    assert 70 < regular < 110
    assert figures.text_width("Fréquence", 18, bold=True) > regular
    assert figures.text_width("Fréquence", 36) == pytest.approx(2 * regular)


def test_rotated_text_is_measured_in_its_rotated_box() -> None:
    """A long vertical label fits when rotated, and is reported when the rotation pushes it out."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 300"><text x="50" y="{y}" font-size="18" text-anchor="middle" transform="rotate(-90 50 {y})">Fréquence (nombre de dons)</text></svg>'
    assert figures.check_figure(svg.format(y=150), "f.svg") == []
    (problem,) = figures.check_figure(svg.format(y=60), "f.svg")
    assert problem.rule == "svg-text-overflow" and "en haut" in problem.message


SAMPLE = ROOT / "tests/cases/checks/repo"
EXPECTED = "talks/01-test/nbsp-transform.svg:2:44: caractère non ASCII (U+00A0 no-break space) dans l'attribut numérique « transform » : le navigateur ignore tout l'attribut — remplacez-le par une espace ordinaire ou supprimez-le (svg-number)"


def test_academy_check_reports_a_broken_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from academy import cli

    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo)
    (repo / "talks/01-test").mkdir(parents=True, exist_ok=True)
    shutil.copy(CASES / "nbsp-transform.svg", repo / "talks/01-test/nbsp-transform.svg")
    assert cli.main(["--root", str(repo), "check"]) == 1
    assert EXPECTED in capsys.readouterr().out.splitlines()


@pytest.mark.slow
def test_the_strict_build_fails_on_a_broken_figure(tiny_site, tmp_path: Path, mkdocs_warnings) -> None:
    from conftest import build_site
    from mkdocs.exceptions import Abort

    root = tiny_site({"talks/01-test/nbsp-transform.svg": (CASES / "nbsp-transform.svg").read_text(encoding="utf-8")})
    with pytest.raises(Abort):
        build_site(root / "mkdocs.yml", tmp_path / "site")
    assert EXPECTED in mkdocs_warnings()
