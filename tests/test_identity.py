"""The identity block of mkdocs.yml: read once, markers replaced, derived settings, its checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from academy import checks, identity
from conftest import ROOT, build_site

BLOCK = """\
site_name: Exemple
extra:
  academy:
    name: &name Solidata Academy
    organisation: Solidata
    volunteers: bénévoles de Solidata
    contact_url: https://solidata.example.org/contact
    site_url: !ENV [ACADEMY_TEST_SITE_URL, https://solidata.example.org/academy/]
    repo_url: https://github.com/solidata/academy
    colors: {primary: "#1f5f5b", accent: "#8a4b00"}
    origin:
      name: Ruche Academy
      organisation: Essaim (Essaim Conseil)
      site_url: https://ruche.example.org/academy/
      repo_url: https://github.com/ruche-academy/academy
      story: [docs/playbook/histoire.md]
"""


def write(tmp_path: Path, text: str = BLOCK) -> Path:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_identity_is_read_from_the_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACADEMY_TEST_SITE_URL", raising=False)
    who = identity.read(write(tmp_path))
    assert (who.name, who.host, who.repo_name) == ("Solidata Academy", "solidata.example.org", "solidata/academy")
    assert not who.is_origin
    assert who.origin.story == ("docs/playbook/histoire.md",)
    assert identity.data_url(who) == "https://solidata.example.org/academy/exercises/data/"
    monkeypatch.setenv("ACADEMY_TEST_SITE_URL", "http://127.0.0.1:8106/")
    assert identity.read(tmp_path).site_url == "http://127.0.0.1:8106/"


def test_this_site_credits_its_origin_only_if_it_is_a_copy() -> None:
    who = identity.read(ROOT)
    assert who.name and who.origin.name and who.origin.site_url
    assert (who.attribution() == "") == who.is_origin


def test_copyright_credits_the_origin_in_a_copy(tmp_path: Path) -> None:
    settings = identity.settings(identity.read(write(tmp_path)))
    assert settings["repo_name"] == "solidata/academy"
    assert settings["copyright"] == (
        "Contenus sous licence CC BY-SA 4.0, code sous licence MIT. Adapté de « Ruche Academy »"
        " (https://ruche.example.org/academy/), programme créé par Essaim (Essaim Conseil), sous licence CC BY-SA 4.0."
        " Personnes et associations des exemples : fictives."
    )


def test_the_settings_material_prints_raw_are_escaped_once(tmp_path: Path) -> None:
    """site_name, site_author, site_description, copyright, repo_name: Material prints them without ``| e``."""
    from academy import escaping

    who = identity.read(write(tmp_path, BLOCK.replace("Essaim (Essaim Conseil)", '<b>Essaim</b> & "Conseil"')))
    settings = {"site_name": "<i>Solidata</i> Academy", "site_author": 'Solidata "&" co', "site_description": "L'été <script>",
                "site_url": "https://solidata.example.org/", **identity.settings(who)}
    escaped = escaping.theme_settings(settings)
    assert set(escaped) == {"site_name", "site_author", "site_description", "copyright", "repo_name"}  # not the URL
    assert escaped["site_name"] == "&lt;i&gt;Solidata&lt;/i&gt; Academy"
    assert escaped["site_author"] == "Solidata &quot;&amp;&quot; co" and escaped["site_description"] == "L'été &lt;script&gt;"
    assert "programme créé par &lt;b&gt;Essaim&lt;/b&gt; &amp; &quot;Conseil&quot;, sous licence" in escaped["copyright"]
    assert escaping.theme_settings(escaped) == escaped  # escaped once: a second pass changes nothing


def test_markers_are_replaced_as_inert_text_and_urls() -> None:
    who = identity.Identity(name="L'Académie <b>*1*</b>", repo_url="https://github.com/a/b c")
    text = "Bienvenue à {{ academy.name }}. Voir [le dépôt]({{academy.repo_url}}). Écrivez `{{ academy.name }}`."
    out = identity.expand(text, who)
    assert "<b>" not in out and "*1*" not in out and "&#60;b&#62;" in out
    assert "[le dépôt](https://github.com/a/b%20c)" in out
    assert "`{{ academy.name }}`" in out  # a guide can show the marker itself
    assert identity.expand("{{ academy.name }}", who, raw=True) == who.name


def test_unknown_or_empty_markers_are_located(tmp_path: Path) -> None:
    text = "# Titre\n\nLe programme {{ academy.nom }} de {{ academy.volunteers }}.\n"
    problems = identity.check_markers(text, "docs/x.md", identity.Identity(name="A"))
    assert [str(p) for p in problems] == [
        "docs/x.md:3:14: marqueur « {{ academy.nom }} » inconnu — écrivez l'un de : {{ academy.name }},"
        " {{ academy.organisation }}, {{ academy.volunteers }}, {{ academy.site_url }}, {{ academy.repo_url }},"
        " {{ academy.contact_url }} (identity-marker)",
        "docs/x.md:3:35: marqueur « {{ academy.volunteers }} » sans valeur — renseignez extra.academy.volunteers"
        " dans mkdocs.yml (identity-marker)",
    ]


def test_missing_identity_values_point_at_the_block(tmp_path: Path) -> None:
    text = BLOCK.replace("    volunteers: bénévoles de Solidata\n", "").replace(
        "https://github.com/solidata/academy", "github.com/solidata/academy"
    )
    assert [str(p) for p in identity.check(write(tmp_path, text))] == [
        "mkdocs.yml:3:1: extra.academy.volunteers manquant — ajoutez-le au bloc d'identité (voir docs/playbook/copier.md) (identity)",
        "mkdocs.yml:8:5: extra.academy.repo_url : « github.com/solidata/academy » n'est pas une adresse web"
        " — écrivez-la avec https:// (identity)",
    ]


def test_the_build_replaces_markers_and_follows_the_block(tiny_site, tmp_path: Path) -> None:
    page = '---\ntitle: Accueil\ndescription: "Le site de {{ academy.name }}"\n---\n\nBienvenue à {{ academy.name }}, avec les {{ academy.volunteers }}.\n'
    root = tiny_site({"docs/index.md": page})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        '    colors: {primary: "#1f5f5b", accent: "#8a4b00"}',
        BLOCK.split("  academy:\n", 1)[1].rstrip().replace("!ENV [ACADEMY_TEST_SITE_URL, https://solidata.example.org/academy/]", "https://solidata.example.org/academy/"),
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_site(root / "mkdocs.yml", tmp_path / "out")
    home = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert "Bienvenue à Solidata Academy, avec les bénévoles de Solidata." in home.replace("&#39;", "'")
    assert '<meta name="description" content="Le site de Solidata Academy">' in home
    assert "Adapté de « Ruche Academy »" in home
    assert "{{ academy" not in home


def test_academy_check_reports_markers_with_their_line(tmp_path: Path) -> None:
    repo = Path(__file__).parent / "cases/checks/repo"
    import shutil

    shutil.copytree(repo, tmp_path / "repo")
    page = tmp_path / "repo/docs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nLe nom : {{ academy.nam }}.\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").count("\n")
    found = [str(p) for p in checks.check_repository(tmp_path / "repo") if p.rule == "identity-marker"]
    assert len(found) == 1 and found[0].startswith(f"docs/index.md:{lines}:10: marqueur « {{{{ academy.nam }}}} » inconnu")


def test_markers_in_titles_and_the_nav_are_replaced(tiny_site, tmp_path: Path) -> None:
    """A title written with {{ academy.name }} (front matter, H1, nav of mkdocs.yml) shows the configured name."""
    root = tiny_site({
        "docs/a-propos.md": '---\ntitle: "À propos de {{ academy.name }}"\n---\n\nLe programme.\n',
        "docs/equipe.md": "# L'équipe de {{ academy.name }}\n\nLes {{ academy.volunteers }}.\n",
    })
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        '    colors: {primary: "#1f5f5b", accent: "#8a4b00"}',
        BLOCK.split("  academy:\n", 1)[1].rstrip().replace("!ENV [ACADEMY_TEST_SITE_URL, https://solidata.example.org/academy/]", "https://solidata.example.org/academy/"),
    )
    nav = ('nav:\n  - "Bienvenue à {{ academy.name }}": index.md\n  - a-propos.md\n  - equipe.md\n'
           '  - "Les talks de {{ academy.organisation }}":\n      - talks/01-test/index.md\n'
           '  - "Écrire à {{ academy.organisation }}": "{{ academy.contact_url }}"\n'
           'not_in_nav: |\n  glossaire.md\n  exercises/01-test/index.md\n  playbook/imprimer.md\n')  # out of this menu on purpose
    (root / "mkdocs.yml").write_text(config + nav, encoding="utf-8")
    build_site(root / "mkdocs.yml", tmp_path / "out")
    about = (tmp_path / "out/a-propos/index.html").read_text(encoding="utf-8")
    team = (tmp_path / "out/equipe/index.html").read_text(encoding="utf-8")
    assert "<title>À propos de Solidata Academy - Solidata Academy</title>" in about
    assert "<h1>À propos de Solidata Academy</h1>" in about  # Material's heading from the front matter title
    assert "<title>L'équipe de Solidata Academy - Solidata Academy</title>" in team.replace("&#39;", "'")
    assert 'href="https://solidata.example.org/contact" class="md-nav__link"' in team
    for label in ("Bienvenue à Solidata Academy", "À propos de Solidata Academy", "L'équipe de Solidata Academy",
                  "Les talks de Solidata", "Écrire à Solidata"):
        assert label in about.replace("&#39;", "'"), label  # each one in the navigation menu
    for page in (tmp_path / "out").rglob("*.html"):
        assert "academy." not in re.sub(r"https?://\S+|academy\.css", "", page.read_text(encoding="utf-8")), page


@pytest.mark.parametrize("source", ["talks/01-strategie-digitale/index.md", "exercises/01-canevas-cas-usage/index.md"])
def test_a_title_with_a_marker_shows_the_name_in_cohort_pages_and_calendars(source: str, tmp_path: Path) -> None:
    """Cohort pages, the home page's block and the .ics take talk and exercise titles from the front matter: markers replaced."""
    from academy import model
    from test_fork_copy import copy_repository

    root = copy_repository(tmp_path / "copie")
    page = root / source
    text = page.read_text(encoding="utf-8")
    old = re.search(r'^title: "(.*)"$', text, re.M)[1]
    page.write_text(text.replace(f'title: "{old}"', 'title: "Bienvenue à {{ academy.name }}"', 1), encoding="utf-8")
    project = model.load(root)
    name = identity.read(root).name
    pages = {uri: g.content for uri, g in project.generated.items() if uri.startswith("promotions/") and isinstance(g.content, str)}
    assert pages and all("academy.name" not in page for page in pages.values())
    link = f"[Bienvenue à {identity.inert(name)}](../../{source})"  # the session's row links the talk or the exercise
    assert any(link in page for page in pages.values()), link
    calendars = {uri: g.content for uri, g in project.generated.items() if uri.endswith(".ics")}
    assert calendars and all(b"academy.name" not in ics for ics in calendars.values())


@pytest.mark.parametrize(("config", "shape", "brand"), [
    ("site_name: x\n", "absent", []),
    ("site_name: x\nextra:\n  generator: false\n", "absent", []),
    # An « academy: » key elsewhere is not extra.academy (the rule used to look for the word on any line).
    ("site_name: x\nplugins:\n  - search:\n      academy: oui\n", "absent", []),
    ('site_name: x\nextra:\n  academy:\n    colors: {primary: "#1f5f5b", accent: "#8a4b00"}\n', "block", []),
    ("site_name: x\nextra:\n  academy: Mon académie\n", "malformed",
     ["mkdocs.yml:3:3: extra.academy: bloc de champs attendu — écrivez des lignes « champ: valeur » en retrait (brand)"]),
    ("site_name: x\nextra:\n  academy: [a, b]\n", "malformed",
     ["mkdocs.yml:3:3: extra.academy: bloc de champs attendu — écrivez des lignes « champ: valeur » en retrait (brand)"]),
])
def test_the_model_knows_the_shape_of_extra_academy(config: str, shape: str, brand: list[str], tmp_path: Path) -> None:
    from academy import model

    project = model.load(write(tmp_path, config))
    assert project.settings.academy_shape == shape
    assert [str(p) for p in checks.check_project(project) if p.rule == "brand"] == brand


def test_an_unreadable_address_in_the_block_is_a_located_problem(tmp_path: Path) -> None:
    """« https://[site]/ » makes urlsplit raise: a message, never a traceback, and no host made of it."""
    from academy.cohorts import ics

    root = write(tmp_path, BLOCK.replace("https://github.com/solidata/academy", "https://[depot]/solidata"))
    assert [str(p) for p in identity.check(root)] == [
        "mkdocs.yml:9:5: extra.academy.repo_url : « https://[depot]/solidata » n'est pas une adresse web"
        " — écrivez-la avec https:// (identity)"
    ]
    who = identity.read(root)
    assert (who.repo_name, identity.Identity(site_url="https://[site]/").host, ics.uid_host("https://[site]/")) == ("", "localhost", "localhost")
