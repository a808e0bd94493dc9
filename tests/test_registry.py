"""The rule registry: one list of rules, one severity each, printed by --list-rules, written in CONTRIBUTING.md."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from academy import checks, cli, model, registry
from academy.problems import Problem, Severity
from conftest import ROOT
from test_checks import CASES, kernel_slow, prepare

ADVICE = {"plain-language", "talk-sections"}  # CONTRIBUTING.md: « ces conseils ne bloquent jamais »


def contributing_table() -> dict[str, str]:
    """Rule id -> gravité, from the table of CONTRIBUTING.md (« Les règles vérifiées »)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("### Les règles vérifiées", 1)[1].split("\n### ", 1)[0]
    out = {}
    for row in re.findall(r"^\| (`[^|]+) \| (erreur|conseil) \|", table, re.MULTILINE):
        for rule_id in re.findall(r"`([a-z-]+)`", row[0]):
            out[rule_id] = row[1]
    return out


def test_contributing_md_lists_every_rule_with_its_severity() -> None:
    label = {Severity.ERROR: "erreur", Severity.ADVICE: "conseil"}
    assert contributing_table() == {r.id: label[r.severity] for r in registry.RULES.values()}


def test_advice_never_blocks() -> None:
    assert {r.id for r in registry.RULES.values() if r.severity is Severity.ADVICE} == ADVICE


def test_list_rules_prints_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(CASES / "repo"), "check", "--list-rules"]) == cli.OK
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == sorted(registry.RULES)
    severities = {line.split()[0]: line.split()[1] for line in lines}
    assert {rule for rule, severity in severities.items() if severity == "conseil"} == ADVICE


@pytest.mark.parametrize("case", kernel_slow(sorted((CASES / "fail").iterdir())), ids=lambda p: p.name)
def test_every_problem_of_the_fixtures_belongs_to_a_registered_rule(case: Path, tmp_path: Path) -> None:
    rel, _ = prepare(case, tmp_path / "repo")
    seen = {p.rule for p in checks.check_repository(tmp_path / "repo", [tmp_path / "repo" / rel])}
    assert seen - set(registry.RULES) == set()


def test_the_registry_sets_the_severity(tmp_path: Path) -> None:
    """A rule's function cannot make its advice an error, nor its errors advice."""
    shutil.copytree(CASES / "repo", tmp_path / "repo")
    project = model.load(tmp_path / "repo")
    saved = dict(registry.RULES)
    try:
        @registry.rule("test-advice", "une règle de test", severity=Severity.ADVICE)
        def loud(project: model.Project) -> list[Problem]:
            return [Problem("x.md", 1, 1, "conseil écrit comme une erreur", "test-advice", Severity.ERROR)]

        found = [p for p in registry.run(project) if p.rule == "test-advice"]
        assert [p.severity for p in found] == [Severity.ADVICE]
        with pytest.raises(ValueError, match="registered twice"):
            registry.rule("test-advice", "une autre")(lambda project: [])
        with pytest.raises(ValueError, match="topic"):
            registry.rule("test-topic", "x", topic="nulle-part")
    finally:
        registry.RULES.clear()
        registry.RULES.update(saved)
