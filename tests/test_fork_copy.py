"""A company copies the academy by following docs/playbook/copier.md, and nothing else.

In tmp_path: the repository's files are copied; mkdocs.yml gets the identity block that
copier.md shows (« Solidata Academy », its colours); every cohort is replaced by one made with
``academy new cohort`` and filled in. Then the copy passes ``academy check --fork``, ``academy
check``, a strict build, and the content-dependent tests of its own suite.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from academy import cli, fork, identity, notebook_data
from conftest import ROOT, build_site

pytestmark = pytest.mark.slow

COPIER = ROOT / "docs/playbook/copier.md"
FIX = "academy check --fork --fix"
FORK_DATA = "https://raw.githubusercontent.com/solidata/academy/main/exercises/data/"
# The tests whose subject is the content (talks, cohorts, glossary, kit): they must pass on a copy.
CONTENT_TESTS = ["tests/test_content.py", "tests/test_cohorts.py", "tests/test_calendar.py", "tests/test_talks.py",
                 "tests/test_checks.py", "tests/test_cli.py", "tests/test_fork.py", "tests/test_identity.py"]


def identity_block() -> str:
    """The identity block of copier.md's step 2, as a company pastes it."""
    step = COPIER.read_text(encoding="utf-8").split("## Étape 2", 1)[1].split("## Étape 3", 1)[0]
    return re.search(r"```yaml\n(.*?)```", step, re.S).group(1)


def fill(cohort: str) -> str:
    """Every empty value of the skeleton, as a company fills it (a real cohort: fictional: false)."""
    associations, mentors, volunteers = iter(range(1, 100)), iter(range(1, 1000)), iter(range(1, 1000))
    values = {
        "place": lambda: "Siège de Solidata, Lyon",
        "- name": lambda: f"Les Jardins partagés n°{next(associations)}",
        "description": lambda: "Une association de quartier qui cultive des potagers avec ses habitants.",
        "use_case": lambda: "Mieux connaître ses adhérents",
    }
    lines = []
    for line in cohort.splitlines():
        key = line.strip().split(":", 1)[0]
        if line.lstrip().startswith("#"):
            pass
        elif line.rstrip().endswith('""') and key in values:
            line = line.replace('""', values[key]())
        elif key == "website":
            line = line.replace('""', f"https://jardins-{len(lines)}.example.org/")
        elif key == "mentors":
            line = re.sub(r'""', lambda m: f'"Bénévole {next(mentors)}"', line)
        elif key == "- {name":
            line = line.replace('""', f'"Bénévole {next(volunteers)}"')
        lines.append(line)
    return "\n".join(lines) + "\n"


def copy_repository(target: Path) -> Path:
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"], capture_output=True, text=True, check=False).stdout
    paths = [p for p in tracked.split("\0") if p] or [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file()
                                                    and not {".git", ".venv", "site"} & set(p.relative_to(ROOT).parts)]
    for rel in paths:
        if (ROOT / rel).is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target / rel)
    return target


@pytest.fixture(scope="module")
def solidata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("copie") / "solidata")
    # Step 2: the identity block, and nothing else of mkdocs.yml.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = config.index("  academy:\n"), config.index("    # ---- Where this academy comes from")
    (root / "mkdocs.yml").write_text(config[:start] + identity_block() + config[end:], encoding="utf-8")
    # Step 3: every original cohort replaced by one made with `academy new cohort`.
    for path in (root / "docs/promotions").glob("*.yml"):
        path.unlink()
    assert cli.main(["--root", str(root), "new", "cohort", "2027"]) == cli.OK
    cohort = root / "docs/promotions/2027.yml"
    cohort.write_text(fill(cohort.read_text(encoding="utf-8")), encoding="utf-8")
    # Step 4, first command: the notebooks get the copy's data address (the command's only change).
    assert FIX in COPIER.read_text(encoding="utf-8").split("## Étape 4", 1)[1]
    cli.main(["--root", str(root), *FIX.split()[1:]])
    return root


def test_the_copy_has_the_new_identity(solidata: Path) -> None:
    who = identity.read(solidata)
    assert (who.name, who.repo_name, who.colors["primary"]) == ("Solidata Academy", "solidata/academy", "#1b4f72")
    assert not who.is_origin and who.origin == identity.read(ROOT).origin  # the origin block is kept as it is


def test_the_copy_names_its_origin_nowhere_but_in_its_story(solidata: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(solidata), "check", "--fork"]) == cli.OK, capsys.readouterr().out
    assert fork.leftovers(solidata, identity.read(solidata)) == []


def test_the_copy_passes_the_authors_checks(solidata: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(solidata), "check"]) == cli.OK, capsys.readouterr().out


def test_the_copy_builds_strictly_under_its_own_name(solidata: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(solidata / "mkdocs.yml", out)
    home = (out / "index.html").read_text(encoding="utf-8")
    origin = identity.read(ROOT).origin  # the academy copied (this repository's origin block)
    assert "Solidata Academy</title>" in home
    assert f"Adapté de « {origin.name} »" in home and origin.site_url in home
    assert "--md-primary-fg-color: #1b4f72;" in (out / "assets/colors.css").read_text(encoding="utf-8")
    ics = (out / "promotions/2027/2027.ics").read_text(encoding="utf-8")
    assert "2027-session-1@solidata.github.io" in ics and "Solidata Academy" in ics and origin.name not in ics
    # The notebooks: the page's Colab button opens the copy's repository, whose notebooks read the copy's data;
    # the published copies (the page, the download) read the copy's site.
    origin_data = notebook_data.repository_data_url(identity.Identity(repo_url=origin.repo_url))
    sources = notebook_data.notebooks(solidata)
    assert sources and all(FORK_DATA in (solidata / rel).read_text(encoding="utf-8") for rel in sources)
    for rel in sources:
        folder, name = rel.rsplit("/", 1)
        page = (out / folder / "index.html").read_text(encoding="utf-8")
        assert f"https://colab.research.google.com/github/solidata/academy/blob/main/{rel}" in page
        for published in (out / folder / name.removesuffix(".ipynb") / name, out / folder / name.removesuffix(".ipynb") / "index.html"):
            text = published.read_text(encoding="utf-8")
            assert "https://solidata.github.io/academy/exercises/data/" in text and origin_data not in text, published
    story = [pattern.removeprefix("docs/").removesuffix(".md") for pattern in origin.story]
    leftovers = []
    for page in out.rglob("*.html"):
        rel = page.relative_to(out).as_posix()
        if any(Path(rel).match(f"{p}/index.html") or Path(rel).match(f"{p}.html") for p in story) or rel.startswith("playbook/"):
            continue  # the story pages (and the printable playbook, made of them) keep the origin's name
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        text = re.sub(rf"Adapté de « {re.escape(origin.name)} ».*?sous licence CC BY-SA 4\.0\.", "", text)  # the attribution in the footer
        if origin.name in text:
            leftovers.append(rel)
    assert leftovers == []


def test_the_copy_passes_its_own_content_tests(solidata: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-m", "not slow and not browser", "-p", "no:randomly", *CONTENT_TESTS],
                         cwd=solidata, capture_output=True, text=True, check=False, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
