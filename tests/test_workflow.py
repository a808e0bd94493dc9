"""The deploy workflow publishes a site that stays true: PDFs, daily rebuild, a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from academy import handouts, identity, pdf
from conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/site.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict, job: str = "test") -> list[dict]:
    return workflow["jobs"][job]["steps"]


def test_a_daily_schedule_rebuilds_and_publishes(workflow: dict) -> None:
    crons = [entry["cron"] for entry in workflow[True]["schedule"]]  # YAML reads « on » as True
    daily = [c for c in crons if re.fullmatch(r"\d+ \d+ \* \* \*", c)]
    assert daily, f"aucune construction quotidienne parmi {crons}"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.ref_name == needs.test.outputs.branch && github.event_name != 'pull_request'"
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["if"] == "github.ref_name == steps.branch.outputs.name && github.event_name != 'pull_request'"
    assert upload["with"]["path"] == "site"


def test_the_published_branch_is_the_one_of_mkdocs_yml(workflow: dict) -> None:
    """A copy whose branch is trunk (extra.academy.branch) publishes from trunk: nothing names main."""
    assert workflow[True]["push"]["branches"] == ["**"]
    step = next(s for s in steps(workflow) if s.get("id") == "branch")
    assert "identity.read(Path.cwd()).branch" in step["run"] and '>> "$GITHUB_OUTPUT"' in step["run"]
    assert workflow["jobs"]["test"]["outputs"]["branch"] == "${{ steps.branch.outputs.name }}"
    assert "main" not in WORKFLOW.read_text(encoding="utf-8").split("jobs:", 1)[1]


def test_the_published_artefact_is_built_with_its_pdfs(workflow: dict) -> None:
    runs = [s.get("run", "") for s in steps(workflow)]
    upload = next(i for i, s in enumerate(steps(workflow)) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    pdf_step = next(i for i, run in enumerate(runs) if run.strip() == "make pdf")
    assert pdf_step < upload
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^pdf:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert f"{handouts.ENV}=1 $(BIN)/$(ENGINE) build --strict -f mkdocs.yml --site-dir $(SITE_DIR)" in recipe
    assert "$(BIN)/python -m academy.pdf $(SITE_DIR)" in recipe
    assert pdf.PLAYBOOK_PAGE == "playbook/imprimer/" and handouts.PDF_DIR == "pdf"


def test_the_browser_tests_have_a_browser_on_the_runner(workflow: dict) -> None:
    job = workflow["jobs"]["test"]
    assert job["container"].startswith("python:3.12-bookworm"), "Debian, whose chromium is a real package (not a snap)"
    runs = " ".join(s.get("run", "") for s in job["steps"])
    assert "apt-get install" in runs and "chromium" in runs
    assert "make test" in runs


def test_talks_and_playbook_link_their_pdf() -> None:
    link = handouts.with_link("Texte.", "talks/02-donateurs-benevoles/index.md")
    assert link.startswith('<p class="academy-pdf"><a class="md-button" href="../../pdf/02-donateurs-benevoles.pdf" download>')
    assert 'href="../pdf/playbook.pdf"' in handouts.with_link("x", "playbook/index.md")
    assert handouts.with_link("x", "guides/mentorat.md") == "x"


def test_every_pdf_page_carries_the_licence_and_the_attribution(tmp_path: Path) -> None:
    notice = identity.read(ROOT).licence_notice()
    assert "CC BY-SA 4.0" in notice and identity.read(ROOT).name in notice
    assert pdf.header("A <b> & B") == '<div style="width:100%;margin:0 12mm;font:7px sans-serif;color:#444">A &lt;b&gt; &amp; B</div>'
    fork = identity.Identity(name="Solidata Academy", site_url="https://s.example.org/", origin=identity.Origin(name="Ruche Academy", organisation="Essaim Conseil", site_url="https://o.example.org/"))
    assert "Adapté de « Ruche Academy » (https://o.example.org/), programme créé par Essaim Conseil, sous licence" in fork.licence_notice()
