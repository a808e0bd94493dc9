"""Bad input through both doors: every case fails the strict build and ``academy check`` alike.

A case is a folder of ``tests/cases/bad-input/``: its files are laid over the sample repository
(``tests/cases/checks/repo/``) in ``tmp_path``, and its ``expect`` file lists, one per line, every
problem both doors must report, exactly as ``academy check`` prints it (sphinx-lint style). The
build uses the real hooks, in the order of the real ``mkdocs.yml``; a case that brings its own
``mkdocs.yml`` gets the build settings appended at its end, so its line numbers stay.
Neither door may crash: no traceback, no exception but the strict build's ``Abort``.
"""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
from pathlib import Path

import pytest
import yaml
from academy import cli
from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from mkdocs.exceptions import Abort

CASES = Path(__file__).parent / "cases" / "bad-input"
SAMPLE = Path(__file__).parent / "cases" / "checks" / "repo"
MESSAGE = re.compile(r"^\S+:\d+:\d+: .+ \([a-z0-9-]+\)$")
BUILD = """
docs_dir: docs
strict: true
theme:
  name: material
  language: fr
  font: false
  custom_dir: {root}/hooks/theme
hooks:
{hooks}
plugins:
  - search
  - mkdocs-jupyter:
      execute: false
      cache: false
      include_source: false
      markdown_cell_processor: mkdocs
      custom_template: {root}/hooks/notebook/notebook.html.j2
      include: ["*.ipynb"]
      ignore: ["exercises/*/*.ipynb"]
{validation}"""


def real_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def real_hooks() -> list[str]:
    return [str(ROOT / hook) for hook in real_config()["hooks"]]


def prepare(case: Path, root: Path) -> list[str]:
    """The sample repository with the case laid over it; returns the expected problems."""
    shutil.copytree(SAMPLE, root)
    for path in sorted(case.rglob("*")):
        if path.is_file() and path.name not in ("expect", "env"):
            target = root / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    hooks = "\n".join(f"  - {hook}" for hook in real_hooks())
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        # MkDocs' own checks as on the real site: off where the rules report the problem, in French.
        validation = yaml.safe_dump({"validation": real_config()["validation"]})
        config.write(BUILD.format(root=ROOT, hooks=hooks, validation=validation))
    expect = case / "expect"
    return [line for line in expect.read_text(encoding="utf-8").splitlines() if line.strip()] if expect.is_file() else []


def cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir())


def runs_a_kernel(case: Path) -> bool:
    """The case's problem comes from running its notebook (a kernel starts): slow, not in ``make test-fast``."""
    expect = case / "expect"
    return expect.is_file() and bool(re.search(r"\((notebook-run|notebook-timeout)\)$", expect.read_text(encoding="utf-8"), re.M))


def build_door(root: Path, out: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    caplog.clear()
    # The strict build stops with Abort after listing every problem.
    with caplog.at_level(logging.INFO, logger="mkdocs"), contextlib.suppress(Abort):
        build_site(root / "mkdocs.yml", out)
    records = [r for r in caplog.records if r.name.startswith("mkdocs")]
    assert not [r for r in records if r.exc_info or "Traceback" in r.getMessage()], "a traceback in the build log"
    # Every warning, whoever logs it: a problem reported twice, or in English without its place, shows here.
    return sorted(r.getMessage() for r in records if r.levelno >= logging.WARNING)


def check_door(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = cli.main(["--root", str(root), "check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, sorted(out.splitlines())


def environment(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A case's ``env`` file (``NAME=value`` lines), e.g. a short time limit for a cell that never ends."""
    if (case / "env").is_file():
        for line in (case / "env").read_text(encoding="utf-8").splitlines():
            name, _, value = line.partition("=")
            monkeypatch.setenv(name.strip(), value.strip())


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.slow) if runs_a_kernel(c) else c for c in cases()],
                         ids=lambda p: p.name)
def test_check_door(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    environment(case, monkeypatch)
    expected = prepare(case, tmp_path / "repo")
    code, found = check_door(tmp_path / "repo", capsys)
    assert found == sorted(expected)
    assert code == (1 if expected else 0)


@pytest.mark.slow
@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_build_door(case: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    environment(case, monkeypatch)
    expected = prepare(case, tmp_path / "repo")
    assert build_door(tmp_path / "repo", tmp_path / "out", caplog) == sorted(expected)


@pytest.mark.slow
def test_the_sample_repository_builds_clean(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    empty = tmp_path / "case"
    empty.mkdir()
    prepare(empty, tmp_path / "repo")
    assert build_door(tmp_path / "repo", tmp_path / "out", caplog) == []
    assert (tmp_path / "out/index.html").is_file()
    # The notebook buttons link to the guide « ouvrir un notebook » only on a site that has it (not this one).
    exercise = (tmp_path / "out/exercises/01-exemple/index.html").read_text(encoding="utf-8")
    assert "https://colab.research.google.com/" in exercise and "ouvrir-un-notebook" not in exercise


def test_every_case_expects_a_located_message() -> None:
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        lines = (case / "expect").read_text(encoding="utf-8").splitlines()
        assert lines and all(MESSAGE.match(line) for line in lines if line.strip()), case.name


@pytest.mark.slow
def test_a_stray_data_file_is_not_published_and_a_windows_page_is(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    prepare(CASES / "stray-data", tmp_path / "repo")
    for name in ("encoding-windows-1252",):
        for path in (CASES / name).rglob("*.md"):
            target = tmp_path / "repo" / path.relative_to(CASES / name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    build_door(tmp_path / "repo", tmp_path / "out", caplog)
    assert not (tmp_path / "out/promotions/2027.yaml").exists()
    assert "Les donn\ufffdes de l'\ufffdt\ufffd." in (tmp_path / "out/guides/accents/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_html_in_data_files_and_mkdocs_yml_shows_as_text(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "case").mkdir()
    root = tmp_path / "repo"
    prepare(tmp_path / "case", root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    identity = ('    name: "<i>Académie</i> & Co"\n    organisation: "<script>alert(1)</script>"\n'
                "    contact_url: https://example.org/contact\n")
    real = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    extensions = yaml.safe_dump({"markdown_extensions": real["markdown_extensions"]}, allow_unicode=True)  # as on the real site
    (root / "mkdocs.yml").write_text(config.replace("  academy:\n", "  academy:\n" + identity, 1) + extensions, encoding="utf-8")
    with (root / "docs/glossaire.yml").open("a", encoding="utf-8") as glossary:
        glossary.write('- term: "<b>Gras</b> & *co*"\n  definition: "<script>alert(2)</script> une définition qui reste du texte."\n')
    # The reading check (visible-markup) rightly says the glossary page now shows « <script> » as text.
    assert {line.rsplit("(", 1)[-1] for line in build_door(root, tmp_path / "out", caplog)} <= {"visible-markup)"}
    pages = {p.relative_to(tmp_path / "out").as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
             for p in (tmp_path / "out").rglob("*.html")}
    for name, page in pages.items():
        assert not [s for s in page.find_all("script") if "alert" in s.get_text()], name
        assert page.find("i", string="Académie") is None and page.find("b", string="Gras") is None, name
    home = pages["index.html"]
    assert home.title.get_text().endswith(" - <i>Académie</i> & Co")
    assert home.find("a", href="https://example.org/contact")["title"] == "Contacter <script>alert(1)</script>"
    terms = [dt.get_text() for dt in pages["glossaire/index.html"].find_all("dt")]
    assert "<b>Gras</b> & *co*" in terms
    definitions = [dd.get_text() for dd in pages["glossaire/index.html"].find_all("dd")]
    assert "<script>alert(2)</script> une définition qui reste du texte." in definitions
