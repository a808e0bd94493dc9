"""The checking engine on bad and good inputs: each case says where it sits and what it expects.

A case is a file of ``tests/cases/checks/fail/`` or ``pass/``. It is copied into a tiny
repository (``tests/cases/checks/repo/``) in ``tmp_path``, at the path of its optional
``<!-- at: PATH -->`` line, else ``docs/cas/<name>`` (notebooks: ``exercises/01-exemple/``).
Each ``<!-- expect: MESSAGE -->`` line gives one problem, exactly as ``academy check`` prints
it. These comments are blanked before the check, so line numbers stay those of the case.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from academy import checks, links, model, prose, source, structure
from academy.problems import Severity

CASES = Path(__file__).parent / "cases" / "checks"
DIRECTIVE = re.compile(r"<!-- (?P<kind>expect|at): (?P<text>.*?) -->")
RULES = {
    "broken-link", "broken-anchor", "broken-image", "absolute-link", "html-link", "image-alt", "link-text",
    "heading-level", "placeholder", "plain-language", "talk-sections", "front-matter", "notebook", "notebook-outputs",
    "encoding", "date-format", "real-name",
}


def prepare(case: Path, root: Path) -> tuple[str, list[str]]:
    """Copy the tiny repository and the case into ``root``; return the case's path and expectations."""
    shutil.copytree(CASES / "repo", root)
    text = case.read_bytes().decode("utf-8", "surrogateescape")  # encoding.md is not UTF-8 on purpose
    found = {"expect": [], "at": []}
    for match in DIRECTIVE.finditer(text):
        value = match["text"]
        found[match["kind"]].append(json.loads(f'"{value}"') if case.suffix == ".ipynb" else value)
    default = f"exercises/01-exemple/{case.name}" if case.suffix == ".ipynb" else f"docs/cas/{case.name}"
    rel = found["at"][0] if found["at"] else default
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(DIRECTIVE.sub("", text).encode("utf-8", "surrogateescape"))
    return rel, found["expect"]


def run(root: Path, rel: str) -> list[str]:
    return [str(p) for p in checks.check_repository(root, [root / rel])]


def kernel_slow(cases: list[Path]) -> list:
    """A published notebook case is executed by its check (a kernel starts): slow, not in ``make test-fast``."""
    return [pytest.param(case, marks=pytest.mark.slow) if case.suffix == ".ipynb" else case for case in cases]


@pytest.mark.parametrize("case", kernel_slow(sorted((CASES / "fail").iterdir())), ids=lambda p: p.name)
def test_failing_case(case: Path, tmp_path: Path) -> None:
    rel, expected = prepare(case, tmp_path / "repo")
    assert expected, f"{case.name} has no expect: line"
    assert run(tmp_path / "repo", rel) == expected


@pytest.mark.parametrize("case", kernel_slow(sorted((CASES / "pass").iterdir())), ids=lambda p: p.name)
def test_clean_case_is_silent(case: Path, tmp_path: Path) -> None:
    rel, expected = prepare(case, tmp_path / "repo")
    assert expected == []
    assert run(tmp_path / "repo", rel) == []


def test_every_rule_has_a_failing_case() -> None:
    texts = "".join(p.read_bytes().decode("utf-8", "replace") for p in (CASES / "fail").iterdir())
    assert {rule for rule in RULES if f"({rule}) -->" not in texts and f'({rule}) -->\\n"' not in texts} == set()


def test_tiny_repository_has_no_error(tmp_path: Path) -> None:
    shutil.copytree(CASES / "repo", tmp_path / "repo")
    problems = checks.check_repository(tmp_path / "repo")
    assert [str(p) for p in problems if p.severity is Severity.ERROR] == []


def test_cohort_problems_are_reported(tmp_path: Path) -> None:
    shutil.copytree(CASES / "repo", tmp_path / "repo")
    folder = tmp_path / "repo/docs/promotions"
    folder.mkdir()
    (folder / "2030.yml").write_text("name: Promotion 2030\nyear: [\n", encoding="utf-8")
    problems = checks.check_repository(tmp_path / "repo", [folder / "2030.yml"])
    assert [p.rule for p in problems] == ["cohort-yaml"]
    assert problems[0].path == "docs/promotions/2030.yml"


def test_generated_cohort_pages_are_checked_on_the_real_repository() -> None:
    project = model.load(Path(__file__).resolve().parent.parent)
    made = {uri: g for uri, g in project.generated.items() if uri.startswith("promotions/") and uri.endswith(".md")}
    assert "promotions/index.md" in made
    for uri, generated in made.items():
        page = source.read_markdown(generated.content, "généré", uri)
        assert [str(p) for p in links.check_links(page, project.site, project.anchors)] == [], uri
    assert [str(p) for p in checks.check_cohorts(project)] == []


# --- Units ---------------------------------------------------------------------------------


def test_anchors_follow_python_markdown_toc() -> None:
    text = "## Titre avec « guillemets » et l’apostrophe : oui !\n\n## Titre {#mon-id}\n\n## Données\n\n## Données\n"
    page = source.read_markdown(text, "x.md", "x.md")
    anchors = ["titre-avec-guillemets-et-lapostrophe-oui", "mon-id", "donnees", "donnees_1"]
    assert [h.anchor for h in page.headings] == anchors


def test_presenter_notes_are_not_prose() -> None:
    text = "Texte lu.\n\n??? intervenant \"Notes\"\n    Texte de l'intervenant.\n\n!!! note\n    Encadré lu.\n"
    page = source.read_markdown(text, "x.md", "x.md")
    assert [p.text for p in page.prose] == ["Texte lu.", "Encadré lu."]


def test_sentences_in_french() -> None:
    assert prose.sentences("M. Dupont arrive. Camille R. rejoint le groupe ! Et après ? 3 dons.") == [
        "M. Dupont arrive.", "Camille R. rejoint le groupe !", "Et après ?", "3 dons."]
    assert len(prose.words("L'association a reçu 1\u00a0800 dons, c'est-à-dire beaucoup.")) == 7


def test_prose_summary_table() -> None:
    page = source.read_markdown("Une phrase courte. Une autre.\n", "docs/x.md", "x.md")
    table = prose.summary([prose.measure(page)])
    assert table.splitlines()[2] == "| docs/x.md | 5 | 2 | 2.5 | 2.5 | 0 (0\u00a0%) |"


def test_placeholders_only_as_words() -> None:
    page = source.read_markdown("Un todo en minuscules, une todolist, un placeholder=\"x\" : rien.\n", "x.md", "x.md")
    assert structure.check_placeholders(page) == []
