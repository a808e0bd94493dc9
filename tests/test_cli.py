"""The authors' command line: exit codes, sorted output, annotations, and skeletons that pass the checks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from academy import cli, scaffold
from academy.cohorts import rules

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(__file__).parent / "cases" / "checks" / "repo"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the cases' tiny repository, clean of errors."""
    shutil.copytree(SITE, tmp_path / "repo")
    return tmp_path / "repo"


def run(repo: Path, *args: str) -> int:
    return cli.main(["--root", str(repo), *args])


def test_clean_repository_exits_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, "check") == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Aucun problème")


def test_problems_exit_1_sorted_by_file_then_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "docs/b.md").write_text("---\ntitle: B\n---\n\n[Absent](absent.md)\n\n[Ici](index.md)\n", encoding="utf-8")
    (repo / "docs/a.md").write_text("---\ntitle: A\n---\n\n#### Trop bas\n", encoding="utf-8")
    assert run(repo, "check") == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert [line.split(":")[0:2] for line in lines] == [["docs/a.md", "5"], ["docs/b.md", "5"], ["docs/b.md", "7"]]
    assert all(re.fullmatch(r"[\w/.-]+:\d+:\d+: .+ — .+ \([a-z-]+\)", line) for line in lines)
    assert "3 problème(s) dans 2 fichier(s)" in err


def test_paths_limit_the_report(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "docs/a.md").write_text("---\ntitle: A\n---\n\n[Absent](absent.md)\n", encoding="utf-8")
    assert run(repo, "check", str(repo / "docs/guides")) == 0
    assert run(repo, "check", str(repo / "docs/a.md")) == 1
    assert capsys.readouterr().out.startswith("docs/a.md:5:")


def test_github_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "docs/a.md").write_text("---\ntitle: A\n---\n\n[Absent](absent.md)\n", encoding="utf-8")
    assert run(repo, "check", "--format", "github") == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=docs/a.md,line=5,col=10,title=broken-link::lien vers « absent.md » introuvable"
        " — vérifiez le nom du fichier et le chemin relatif depuis ce fichier"
    ]


def test_advice_is_shown_on_request_and_never_fails(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, "check", "--advice") == 0
    out, _ = capsys.readouterr()
    assert "(plain-language)" in out


@pytest.mark.parametrize("args", [["check", "absent.md"], ["check", "--format", "xml"], ["frobnicate"], ["new", "talk"],
                                  ["new", "talk", "Abc"], ["new", "exercise", "99-absent", "Un exercice"],
                                  ["new", "cohort", "deux-mille"]])
def test_usage_errors_exit_2(repo: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert run(repo, *args) == 2


def test_path_outside_the_repository_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    assert run(repo, "check", str(tmp_path)) == 2


def test_no_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check"]) == 2


def test_root_is_found_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "docs" / "guides")
    assert cli.main(["check"]) == 0


def test_python_dash_m_academy(repo: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "academy", "--root", str(repo), "check"],
                          capture_output=True, text=True, cwd=repo, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")}, check=False)
    assert done.returncode == 0, done.stderr


def test_new_talk_and_its_exercise_pass_the_checks(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, "new", "talk", "Mesurer l'impact de ses actions !") == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == ["talks/02-mesurer-limpact-de-ses-actions/index.md",
                                "exercises/02-mesurer-limpact-de-ses-actions/index.md"]
    text = (repo / "talks/02-mesurer-limpact-de-ses-actions/index.md").read_text(encoding="utf-8")
    assert 'title: "Mesurer l\'impact de ses actions !"' in text
    assert run(repo, "check") == 0
    assert run(repo, "check", "--advice") == 0
    advice = capsys.readouterr().out
    assert "talks/02-mesurer-limpact-de-ses-actions/index.md" in advice  # too short: advice only
    assert "(talk-sections)" not in advice  # every section is there, in order


def test_new_talk_refuses_a_seventh_session(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for number in range(2, 7):
        assert run(repo, "new", "talk", f"Le talk numéro {number}") == 0
    assert run(repo, "new", "talk", "Un talk de trop") == 1
    assert "les six sessions ont déjà un talk" in capsys.readouterr().err


def test_new_talk_with_an_existing_exercise(repo: Path) -> None:
    assert run(repo, "new", "talk", "Un talk qui réutilise un exercice", "--exercice", "01-exemple") == 0
    assert not (repo / "exercises/02-un-talk-qui-reutilise-un-exercice").exists()
    assert run(repo, "check") == 0


def test_new_exercise_passes_the_checks_and_never_overwrites(repo: Path) -> None:
    assert run(repo, "new", "exercise", "01-exemple", "Relire un cas de test") == 0
    assert (repo / "exercises/01-relire-un-cas-de-test/index.md").is_file()
    assert run(repo, "check") == 0
    assert run(repo, "new", "exercise", "01-exemple", "Relire un cas de test") == 1


def test_new_cohort_passes_validation_once_filled() -> None:
    files = scaffold.new_cohort(ROOT, "2031")
    assert [rel for rel, _ in files] == ["docs/promotions/2031.yml"]
    text = files[0][1]
    assert not re.search(r"TODO|FIXME|TBD|compléter", text, re.IGNORECASE)
    slugs = {p.parent.name for p in (ROOT / "talks").glob("*/index.md")}
    cohort, problems = rules.parse_cohort(text, "docs/promotions/2031.yml", slugs)
    assert cohort is None and problems  # empty values left to fill
    filled = fill(text)
    cohort, problems = rules.parse_cohort(filled, "docs/promotions/2031.yml", slugs)
    assert [str(p) for p in problems] == []
    assert len(cohort.data.sessions) == 6 and len(cohort.data.associations) == 10


def fill(text: str) -> str:
    """Fill every empty value of a cohort skeleton the way an organiser would."""
    counters = {"association": 0, "mentor": 0, "volunteer": 0}

    def value(key: str) -> str:
        if key == "place":
            return "Salle de réunion, Paris"
        if key == "name":
            counters["association"] += 1
            return f"Association {counters['association']}"
        if key == "website":
            return f"https://association-{counters['association']}.example.org/"
        return "Un texte d'une ligne."

    lines = []
    for line in text.splitlines():
        if match := re.match(r'^(\s+-? ?)(\w+): ""$', line):
            line = f"{match[1]}{match[2]}: {value(match[2])}"
        elif "mentors: [" in line:
            names = []
            for _ in range(line.count('""')):
                counters["mentor"] += 1
                names.append(f"Mentor {counters['mentor']}")
            line = line[: line.index("[")] + "[" + ", ".join(names) + "]"
        elif '{name: "", role: mentor}' in line:
            counters["volunteer"] += 1
            line = line.replace('name: ""', f"name: Mentor {counters['volunteer']}")
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_check_reports_the_brand_colours(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("#1f5f5b", "#8fd3cf"), encoding="utf-8")
    assert run(repo, "check") == 1
    assert "(brand)" in capsys.readouterr().out


def test_notebook_hygiene_for_pre_commit(capsys: pytest.CaptureFixture[str]) -> None:
    from academy import hygiene

    clean = sorted((ROOT / "exercises").glob("*/*.ipynb")) + [SITE / "exercises/01-exemple/exemple.ipynb"]
    assert hygiene.main([str(p) for p in clean]) == 0
    dirty = Path(__file__).parent / "cases/checks/fail/notebook-outputs.ipynb"
    assert hygiene.main([str(dirty)]) == 1
    assert "(notebook-outputs)" in capsys.readouterr().out
    assert hygiene.main(["absent.ipynb"]) == 2


def test_pre_commit_runs_the_checks_hygiene_and_ruff() -> None:
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["academy-check"]["entry"] == ".venv/bin/academy check"
    assert hooks["notebook-hygiene"]["entry"].endswith("-m academy.hygiene")
    assert hooks["ruff"]["entry"].startswith(".venv/bin/ruff")
