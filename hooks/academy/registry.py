"""The one list of rules: every check is a function registered here with its id.

The build (``hooks/checks.py``), ``academy check`` and the tests all run the rules from
this registry, so an author sees the same message, at the same place, in both doors.
``academy check --list-rules`` prints them. To add a rule (see CONTRIBUTING.md):

    from academy.registry import Severity, rule

    @rule("svg-title", "chaque figure SVG a un titre", topic="talks")
    def check_svg_titles(project: Project) -> Iterable[Problem]:
        ...

A project rule takes the loaded ``Project`` (``academy.model``); a page rule
(``page=True``) takes one parsed ``Page`` and the ``Project``, and runs on every source
page (Markdown, notebook, HTML). One function may report several rule ids: stack one
``@rule`` per id. The severity is the registry's: ``run`` sets it on every problem, so an
advice rule never fails a build, whatever the function wrote.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from academy.problems import Problem, Severity

if TYPE_CHECKING:
    from academy.model import Project
    from academy.parsed import Page

__all__ = ["RULES", "Rule", "Severity", "rule", "run", "run_page"]

TOPICS = ("pages", "talks", "exercises", "glossary", "cohorts", "identity")


@dataclass(frozen=True)
class Rule:
    id: str  # short, in kebab-case: what ends every message, « (broken-link) »
    description: str  # one line, in French, for --list-rules and CONTRIBUTING.md
    severity: Severity
    topic: str  # what it reads: one of TOPICS
    page: bool  # True: check(page, project) on every source page; False: check(project)
    check: Callable[..., Iterable[Problem]]


RULES: dict[str, Rule] = {}


def rule(id: str, description: str, *, severity: Severity = Severity.ERROR, topic: str = "pages",
         page: bool = False) -> Callable[[Callable[..., Iterable[Problem]]], Callable[..., Iterable[Problem]]]:
    """Register the decorated function as the check of rule ``id``."""
    if topic not in TOPICS:
        raise ValueError(f"rule {id}: topic {topic!r} is not one of {TOPICS}")

    def register(check: Callable[..., Iterable[Problem]]) -> Callable[..., Iterable[Problem]]:
        if id in RULES and RULES[id].check is not check:
            raise ValueError(f"rule {id} is registered twice ({RULES[id].check.__qualname__}, {check.__qualname__})")
        RULES[id] = Rule(id, description, severity, topic, page, check)
        return check

    return register


def _checks(page: bool) -> list[Callable[..., Iterable[Problem]]]:
    """Each registered function once, in registration order."""
    return list(dict.fromkeys(r.check for r in RULES.values() if r.page is page))


def _settled(problems: Iterable[Problem]) -> list[Problem]:
    """The problems with their rule's severity; a problem of an unregistered rule stays an error."""
    out = []
    for problem in problems:
        known = RULES.get(problem.rule)
        severity = known.severity if known else Severity.ERROR
        out.append(problem if problem.severity is severity else dataclasses.replace(problem, severity=severity))
    return out


def run(project: Project) -> list[Problem]:
    """Every project rule over ``project``."""
    return _settled(p for check in _checks(page=False) for p in check(project))


def run_page(page: Page, project: Project) -> list[Problem]:
    """Every page rule over one page."""
    return _settled(p for check in _checks(page=True) for p in check(page, project))


def listing() -> str:
    """The rules as ``id  severity  description`` lines, sorted by id (``--list-rules``)."""
    width = max((len(r) for r in RULES), default=0)
    label = {Severity.ERROR: "erreur ", Severity.ADVICE: "conseil"}
    return "".join(f"{r.id:<{width}}  {label[r.severity]}  {r.description}\n" for r in sorted(RULES.values(), key=_id))


def _id(rule: Rule) -> Any:
    return rule.id
