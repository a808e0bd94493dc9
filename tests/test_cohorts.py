"""Cohort files (docs/promotions/*.yml): rules, pages, and a tiny site built with the real hook.

Each file of tests/cases/cohorts/fail/ starts with the exact messages it must produce, one
``# expect: <path:line:col: message (rule)>`` line each; tests/cases/cohorts/pass/ files
must produce none. Everything a test writes goes to ``tmp_path``.
"""

from __future__ import annotations

import html
import logging
import re
import textwrap
import typing
from datetime import date, time
from pathlib import Path

import markdown
import pytest
from academy import checks, french_dates, model
from academy.cohorts import ics as ics_export
from academy.cohorts import pages, publish, rules, schema, timeline
from academy.problems import Problem
from conftest import TALK_TITLES
from hypothesis import example, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "cases" / "cohorts"
HOOKS = [REPO / "hooks" / f"{name}.py" for name in ("project", "cohorts", "checks")]
TALKS = TALK_TITLES
RULES = {rule for rule in checks.RULES if rule.startswith("cohort-")}  # each needs a failing fixture
HOSTILE = "<script>alert(1)</script>"


def expected(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]


def load(path: Path) -> tuple[schema.Cohort | None, list[Problem]]:
    return rules.load_cohort(path, path.relative_to(REPO).as_posix(), set(TALKS))


def session_yaml(day: str, talk: str, where: str = "place: Salle des fêtes") -> str:
    return f'  - date: {day}\n    start: "19:00"\n    end: "21:00"\n    {where}\n    talk: {talk}\n'


DAYS = ["2020-01-28", "2020-02-25", "2020-03-24", "2020-04-21", "2020-05-19", "2020-06-16"]


def cohort_yaml(name: str = "Promotion d'essai", association: str = "Association fictive", place: str = "") -> str:
    """A valid cohort file; ``place`` replaces the place of session 3 (quoted as given)."""
    sessions = [session_yaml(day, talk) for day, talk in zip(DAYS, TALKS, strict=True)]
    sessions[2] = session_yaml(DAYS[2], list(TALKS)[2], f"place: {place}") if place else sessions[2]
    sessions[3] = session_yaml(DAYS[3], list(TALKS)[3], "video_url: https://visio.example.org/s4")
    return (
        f"name: {name}\nyear: 2020\nfictional: true\nsessions:\n{''.join(sessions)}"
        f"associations:\n  - name: {association}\n    description: Une association inventée.\n"
        "    website: https://asso.example.org/\n    use_case: Relancer les donateurs.\n"
        "    status: en-cours\n    mentors: ['<b>Alex</b>', Bea B.]\n"
        "volunteers:\n  - {name: '<b>Alex</b>', role: mentor}\n  - {name: Bea B., role: mentor}\n"
        "  - {name: Chris C., role: coordination}\n"
    )


def parse(text: str, rel: str = "docs/promotions/2020.yml") -> schema.Cohort:
    cohort, problems = rules.parse_cohort(text, rel, set(TALKS))
    assert problems == []
    assert cohort is not None
    return cohort


# --- Rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((CASES / "fail").glob("*.yml")), ids=lambda path: path.stem)
def test_failing_fixture_gives_exactly_its_expected_messages(path: Path) -> None:
    _, problems = load(path)
    assert expected(path), f"{path.name} has no « # expect: » line"
    assert [str(problem) for problem in problems] == expected(path)


@pytest.mark.parametrize("path", sorted((CASES / "pass").glob("*.yml")), ids=lambda path: path.stem)
def test_clean_fixture_has_no_problem(path: Path) -> None:
    cohort, problems = load(path)
    assert problems == []
    assert cohort is not None and len(cohort.data.sessions) == 6


def test_every_rule_has_a_failing_fixture() -> None:
    found = {line.rsplit("(", 1)[1].rstrip(")") for path in (CASES / "fail").glob("*.yml") for line in expected(path)}
    assert found == RULES


@pytest.mark.parametrize("path", sorted((REPO / "docs" / "promotions").glob("*.yml")), ids=lambda path: path.stem)
def test_shipped_cohorts_are_valid(path: Path) -> None:
    cohort, problems = load(path)
    assert [str(problem) for problem in problems] == []
    assert cohort is not None  # real or fictional: a fictional one says so on its page (cohort.md.j2)


# The original's 2020 cohort, while a repository still has it (a copy replaces it with its own).
@pytest.mark.parametrize("path", sorted((REPO / "docs" / "promotions").glob("2020.yml")), ids=lambda path: path.stem)
def test_cohort_2020_matches_the_article(path: Path) -> None:
    cohort, _ = load(path)
    assert cohort is not None
    assert (cohort.first.year, cohort.first.month) == (2020, 1)
    assert len(cohort.data.associations) == 10 and len(cohort.data.volunteers) == 30
    websites = [association.website for association in cohort.data.associations]
    assert all(".example.org/" in url for url in websites)


def test_impossible_date_is_a_located_message_not_a_traceback() -> None:
    text = cohort_yaml().replace("2020-03-24", "2020-13-05")
    cohort, problems = rules.parse_cohort(text, "docs/promotions/2020.yml", set(TALKS))
    assert cohort is None
    assert [(p.line, p.rule) for p in problems] == [(15, "cohort-schema")]
    assert "le mois 13 n'existe pas" in problems[0].message


def test_invalid_yaml_still_reports_contact_data() -> None:
    text = "name: [Promotion\nyear: 2020\n# Alex : 06 12 34 56 78\n"
    _, problems = rules.parse_cohort(text, "x.yml", set(TALKS))
    assert [problem.rule for problem in problems] == ["cohort-yaml", "cohort-contact"]


def test_undecodable_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "2020.yml"
    path.write_bytes("name: Promotion é\n".encode("latin-1"))
    cohort, problems = rules.load_cohort(path, "docs/promotions/2020.yml", set(TALKS))
    assert cohort is None
    assert [str(p) for p in problems] == [
        "docs/promotions/2020.yml:1:1: (fichier): texte illisible — enregistrez le fichier en UTF-8 (cohort-yaml)"
    ]


@pytest.mark.parametrize(
    "text",
    ["06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78", "+33612345678", "0033 1 23 45 67 89"],
)
def test_french_phone_formats_are_found(text: str) -> None:
    _, problems = rules.parse_cohort(cohort_yaml(place=f'"Accueil {text}"'), "2020.yml", set(TALKS))
    assert [(p.line, p.rule) for p in problems] == [(18, "cohort-contact")]
    assert problems[0].message.startswith("sessions[2].place: numéro de téléphone")


@pytest.mark.parametrize("text", ["2020-01-28", "19:00", "https://visio.example.org/2020-06-16-123456", "75011 Paris"])
def test_dates_times_and_urls_are_not_phone_numbers(text: str) -> None:
    _, problems = rules.parse_cohort(cohort_yaml(place=f'"{text}"'), "2020.yml", set(TALKS))
    assert problems == []


def test_schema_keys_match_the_labels_shown() -> None:
    statuses = typing.get_args(schema.Association.model_fields["status"].annotation)
    roles = typing.get_args(schema.Volunteer.model_fields["role"].annotation)
    assert set(statuses) == set(pages.STATUS_LABELS)
    assert set(roles) == set(pages.ROLE_HEADINGS)


# --- Pages ---------------------------------------------------------------------------------


def test_dates_are_written_in_full_in_french() -> None:
    assert french_dates.long_date(date(2020, 1, 28)) == "mardi 28 janvier 2020"
    assert french_dates.long_date(date(2020, 2, 1)) == "samedi 1er février 2020"
    assert french_dates.clock(time(19, 0)) == "19\u00a0h"
    assert french_dates.clock(time(18, 30)) == "18\u00a0h\u00a030"


def test_cohort_page_tells_past_next_and_upcoming_sessions() -> None:
    cohort = parse(cohort_yaml())
    exercises = {"02-donateurs-benevoles": [("02-segmentation-donateurs", "Segmenter ses donateurs")]}
    page = pages.render_cohort_page(cohort, TALKS, exercises, date(2020, 3, 1))
    rows = [line for line in page.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert [row.rsplit("|", 2)[1].strip() for row in rows] == ["passée"] * 2 + ["**prochaine session**"] + [
        "à venir"
    ] * 3
    assert "| mardi 28 janvier 2020 | de 19\u00a0h à 21\u00a0h |" in rows[0]
    assert "[Connaître ses donateurs et ses bénévoles](../../talks/02-donateurs-benevoles/index.md)" in rows[1]
    assert "Exercice\u00a0: [Segmenter ses donateurs](../../exercises/02-segmentation-donateurs/index.md)" in rows[1]
    assert "Visioconférence (exemple fictif, pas de lien)" in rows[3] and "Rejoindre" not in rows[3]  # a fictional cohort
    assert "[Ajouter les six sessions à votre agenda (fichier .ics)](2020.ics)" in page
    assert '!!! warning "Promotion fictive\u00a0: un exemple, pas un calendrier réel"' in page
    assert "Aucune session n'a lieu à ces dates." in page and "ne désignent aucune personne réelle" in page
    assert "accepté de montrer" not in page  # no wording implies that real people consented
    assert '<div class="grid cards" markdown>' in page


def test_names_ending_with_an_initial_get_no_second_full_stop() -> None:
    page = pages.render_cohort_page(parse(cohort_yaml()), TALKS, {}, date(2020, 3, 1))
    assert "Bea B&#46;\n" in page and "B&#46;." not in page


def test_home_block_and_calendar_say_a_fictional_cohort_is_an_example() -> None:
    fictional = parse(cohort_yaml(name="Promotion 2020"))
    home = pages.render_current([fictional], TALKS, date(2020, 3, 1))
    assert "Exemple fictif" in home and "aucune session n'a lieu à cette date" in home
    ics = ics_export.cohort_to_ics(fictional, "https://academy.example.org/", TALKS, "Académie test").decode()
    assert "SUMMARY:[Exemple fictif] Académie test" in ics
    assert "(fictive)" in ics.split("BEGIN:VEVENT")[0]  # the calendar's own name
    assert "Exemple fictif\u00a0: cette promotion est inventée" in ics.replace("\r\n ", "")
    real = parse(cohort_yaml().replace("fictional: true", "fictional: false"))
    assert "fictif" not in pages.render_current([real], TALKS, date(2020, 3, 1))
    assert "fictiv" not in ics_export.cohort_to_ics(real, "https://academy.example.org/", TALKS).decode()


def test_real_cohort_links_the_association_website() -> None:
    real = parse(cohort_yaml().replace("fictional: true", "fictional: false"))
    page = pages.render_cohort_page(real, TALKS, {}, date(2020, 3, 1))
    assert '<a href="https://asso.example.org/">Site web de Association fictive</a>' in page
    assert "Promotion fictive" not in page and "fictif" not in page
    assert "Rejoindre la visioconférence de la session 4" in page  # a real cohort links its video sessions


def test_past_video_session_has_no_link() -> None:
    page = pages.render_cohort_page(parse(cohort_yaml()), TALKS, {}, date(2021, 1, 1))
    assert "Rejoindre la visioconférence" not in page
    assert "Toutes les sessions de cette promotion sont passées." in page


def test_text_from_data_is_escaped_and_inert() -> None:
    hostile = parse(cohort_yaml(name=f'"{HOSTILE}"', association='"**gras** [lien](https://evil.example.org/) | x"'))
    page = pages.render_cohort_page(hostile, TALKS, {}, date(2020, 3, 1))
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page  # the front matter title, shown as text by the theme
    assert "**gras**" not in page and "[lien]" not in page and "| x" not in page
    assert "&#60;script&#62;" in pages.render_index([hostile], date(2020, 3, 1))


SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
SITE_EXTENSIONS += ["pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist"]
SITE_EXTENSIONS += ["pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.smartsymbols"]


@given(st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))).map(str.strip).filter(bool))
@example("**gras** [lien](https://x.example.org/) `code` <b>1/2</b> 1st (c) --> | #titre")
@settings(deadline=None)  # Markdown rendering on a loaded machine: no time limit, the result is what counts
def test_inline_text_renders_exactly_as_typed(text: str) -> None:
    """Through the site's Markdown extensions, data text comes out as one paragraph of itself."""
    out = markdown.markdown(str(pages.inline(text)), extensions=SITE_EXTENSIONS)
    paragraph = re.fullmatch(r"<p>(.*)</p>", out, re.DOTALL)
    assert paragraph is not None, out
    assert html.unescape(paragraph[1]) == text


def test_index_lists_newest_cohort_first() -> None:
    old = parse(cohort_yaml(name="Promotion 2020"))
    new = parse(cohort_yaml(name="Promotion 2021").replace("2020", "2021"), "docs/promotions/2021.yml")
    index = html.unescape(pages.render_index([old, new], date(2021, 3, 1)))
    assert index.index("[Promotion 2021](2021/index.md)") < index.index("[Promotion 2020](2020/index.md)")
    assert "| en cours |" in index and "| terminée |" in index


def test_talk_pages_and_home_page_are_decorated() -> None:
    cohort = parse(cohort_yaml(name="Promotion 2020"))
    result = publish.Build(talk_dates={"01-strategie-digitale": "## Dates de cette session\n"}, current="BLOCK\n")
    talk = publish.decorate("talks/01-strategie-digitale/index.md", "# T\n", result)
    assert talk == "# T\n\n## Dates de cette session\n"
    assert publish.decorate("index.md", f"A\n{publish.MARKER}\nB", result) == "A\nBLOCK\nB"
    assert publish.decorate("guides/x.md", "text", result) is None
    slots = timeline.sessions_by_talk([cohort])["02-donateurs-benevoles"]
    section = html.unescape(pages.render_talk_dates(slots, date(2020, 3, 1)))
    assert ("[Promotion 2020](../../promotions/2020/index.md) (promotion fictive\u00a0: ces dates sont un exemple)"
            "\u00a0: session 2, le mardi 25 février 2020") in section
    home = pages.render_current([cohort], TALKS, date(2020, 3, 1))
    assert "(talks/03-parcours-site-web/index.md)" in home and "(promotions/2020/index.md)" in home


def test_build_publishes_only_clean_cohorts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACADEMY_TODAY", "2020-03-01")
    write_talks(tmp_path)
    docs = tmp_path / "docs" / "promotions"
    docs.mkdir(parents=True)
    (docs / "2020.yml").write_text(cohort_yaml(), encoding="utf-8")
    (docs / "2021.yml").write_text(cohort_yaml(place='"06 12 34 56 78"'), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Essai\nsite_url: https://academy.example.org/\n", encoding="utf-8")
    project = model.load(tmp_path)
    result = project.calendar
    assert result.sources == ["promotions/2020.yml", "promotions/2021.yml"]
    assert sorted(result.files) == ["promotions/2020/2020.ics", "promotions/2020/index.md", "promotions/index.md"]
    assert [(p.path, p.rule) for p in project.problems["cohorts"]] == [("docs/promotions/2021.yml", "cohort-contact")]
    assert result.edit_uris == {"promotions/2020/index.md": "docs/promotions/2020.yml"}
    assert "Exercice 2" in html.unescape(result.files["promotions/2020/index.md"])  # the exercise's title
    assert set(result.talk_dates) == set(TALKS)
    assert "mardi 24 mars 2020" in result.current
    assert b"https://academy.example.org/talks/" in result.files["promotions/2020/2020.ics"]  # mkdocs.yml's site_url
    (docs / "2020.yml").unlink()
    (docs / "2021.yml").unlink()
    assert model.load(tmp_path).calendar == publish.Build()


# --- A tiny site built with the real hook --------------------------------------------------

TALK_PAGE = """\
---
number: {number}
title: "{title}"
summary: "Une phrase qui dit ce que la personne qui lit va apprendre."
duration: 120
level: débutant
objectives:
  - Vous saurez faire une première chose
  - Vous saurez faire une deuxième chose
  - Vous saurez faire une troisième chose
exercises:
  - {exercise}
---

## Ce que vous saurez faire

Un paragraphe.
"""


def write_talks(root: Path) -> None:
    """The six talks under root/talks/, each with one exercise under root/exercises/."""
    for number, (slug, title) in enumerate(TALKS.items(), start=1):
        exercise = f"0{number}-exercice"
        (root / "talks" / slug).mkdir(parents=True)
        page = TALK_PAGE.format(number=number, title=title, exercise=exercise)
        (root / "talks" / slug / "index.md").write_text(page, encoding="utf-8")
        (root / "exercises" / exercise).mkdir(parents=True)
        text = f"---\ntitle: Exercice {number}\ntalk: {slug}\nduration: 45\nkind: worksheet\n---\n\n## Consigne\n"
        (root / "exercises" / exercise / "index.md").write_text(text, encoding="utf-8")


@pytest.fixture
def tiny_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """mkdocs.yml + docs/ + talks/ + exercises/ in tmp_path; talks/ and exercises/ linked into docs/."""
    monkeypatch.setenv("ACADEMY_TODAY", "2020-03-01")
    (tmp_path / "docs" / "promotions").mkdir(parents=True)
    write_talks(tmp_path)
    (tmp_path / "docs" / "talks").symlink_to(tmp_path / "talks", target_is_directory=True)
    (tmp_path / "docs" / "exercises").symlink_to(tmp_path / "exercises", target_is_directory=True)
    home = f"---\ntitle: Accueil\n---\n\n## Prochaine soirée\n\n{publish.MARKER}\n"
    (tmp_path / "docs" / "index.md").write_text(home, encoding="utf-8")
    config = f"""\
        site_name: Essai
        site_url: https://academy.example.org/
        strict: true
        theme:
          name: material
          language: fr
        markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]
        hooks: [{", ".join(map(str, HOOKS))}]
        """
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(config), encoding="utf-8")
    return tmp_path


def build_site(root: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(root / "mkdocs.yml")))


def test_tiny_site_builds_the_cohort_pages_strictly(tiny_site: Path) -> None:
    text = cohort_yaml(name=f'"{HOSTILE}"', association=f'"{HOSTILE}"')
    (tiny_site / "docs" / "promotions" / "2020.yml").write_text(text, encoding="utf-8")
    build_site(tiny_site)
    site = tiny_site / "site"
    page = (site / "promotions" / "2020" / "index.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page  # the title, from front matter
    assert f"<strong>{pages.inline(HOSTILE)}</strong>" in page  # an association card
    for html_file in site.rglob("*.html"):  # titles also land in the navigation of every page
        assert "<script>alert" not in html_file.read_text(encoding="utf-8"), html_file
    assert 'href="../../talks/02-donateurs-benevoles/"' in page
    assert 'href="../../exercises/02-exercice/"' in page and "Exercice 2</a>" in html.unescape(page)
    assert 'href="2020.ics"' in page
    assert (site / "promotions" / "2020" / "2020.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert not (site / "promotions" / "2020.yml").exists()
    talk = (site / "talks" / "03-parcours-site-web" / "index.html").read_text(encoding="utf-8")
    assert "Dates de cette session" in talk and 'href="../../promotions/2020/"' in talk
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "mardi 24 mars 2020" in home and 'href="promotions/2020/"' in home


def test_tiny_site_strict_build_aborts_on_a_bad_cohort(tiny_site: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    text = cohort_yaml(place='"06 12 34 56 78"').replace("2020-01-28", "2020-13-05")
    (tiny_site / "docs" / "promotions" / "2020.yml").write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.checks"), pytest.raises(Abort):
        build_site(tiny_site)
    warnings = [r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.checks" and r.levelno >= logging.WARNING]
    assert warnings == [
        "docs/promotions/2020.yml:5:5: sessions[0].date: date « 2020-13-05 » impossible : le mois 13 n'existe pas"
        " — écrivez une vraie date au format AAAA-MM-JJ, par exemple 2020-01-28 (cohort-schema)",
        "docs/promotions/2020.yml:18:13: sessions[2].place: numéro de téléphone dans le fichier — retirez-le :"
        " les coordonnées personnelles restent hors d'un site public (cohort-contact)",
    ]
