"""The built site in headless Chromium: pages render, search, calendar, tooltips, presenter mode,
privacy (no third-party request, no cookie) and accessibility (axe-core, WCAG 2.1 A and AA).

Debian's chromium is driven by Playwright (no browser download); axe-core comes bundled in the
axe-playwright-python package, so nothing is fetched while the tests run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from academy.localsite import PAGE_TYPES, serve

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright n'est pas installé : lancez « make test »")
axe_base = pytest.importorskip("axe_playwright_python.base", reason="axe-playwright-python n'est pas installé : lancez « make test »")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_SOURCE = ROOT / "exercises/02-segmentation-donateurs/segmentation-donateurs.ipynb"
PAGES = {
    **PAGE_TYPES,
    "exercice": "exercises/02-segmentation-donateurs/",
    "guide": "guides/mentorat/",
    "playbook-imprimable": "playbook/imprimer/",
}
PHONE = {"width": 390, "height": 844}
# The cohort page type: the first cohort the repository has (a copy replaces the original ones).
COHORTS = sorted((ROOT / "docs/promotions").glob("*.yml"))
if COHORTS:
    PAGES["promotion"] = f"promotions/{COHORTS[0].stem}/"
else:
    del PAGES["promotion"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = {"clair": ("light", "default"), "sombre": ("dark", "slate")}


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The session's built site, served on 127.0.0.1 on a free port."""
    with serve(site) as url:
        yield url


@pytest.fixture
def new_context(browser: playwright_api.Browser):
    """A fresh browser profile for each test (no cookie, no storage), closed at the end."""
    contexts = []

    def make(scheme: str = "light", **options) -> playwright_api.BrowserContext:
        options = {"viewport": {"width": 1280, "height": 800}, **options}
        context = browser.new_context(locale="fr-FR", color_scheme=scheme, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def page_path(name: str) -> str:
    if name == "notebook" and not NOTEBOOK_SOURCE.is_file():
        pytest.skip(f"{NOTEBOOK_SOURCE.relative_to(ROOT)} n'existe pas encore : pas de page de notebook à tester")
    return PAGES[name]


@dataclass
class Journal:
    """What happened while a page loaded: every request, the failures, the console errors."""

    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, page: playwright_api.Page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.failures.append(f"{request.url} ({request.failure})"))
        page.on("response", lambda response: response.status >= 400 and self.failures.append(f"{response.url} ({response.status})"))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))


def open_page(context: playwright_api.BrowserContext, url: str) -> tuple[playwright_api.Page, Journal]:
    page = context.new_page()
    journal = Journal()
    journal.watch(page)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} : statut {response.status if response else 'inconnu'}"
    page.wait_for_load_state("networkidle")
    return page, journal


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_privately(name: str, base_url: str, new_context) -> None:
    """Each page type shows its title, logs no error, and talks to nobody but the site."""
    context = new_context()
    page, journal = open_page(context, base_url + page_path(name))
    assert page.locator("article h1").first.is_visible(), "la page n'a pas de titre h1 visible"
    assert journal.errors == [], f"erreurs dans la console : {journal.errors}"
    assert journal.failures == [], f"requêtes en échec : {journal.failures}"
    third_party = [url for url in journal.requests if not url.startswith((base_url, "data:", "blob:"))]
    assert third_party == [], f"requêtes vers un autre site que {base_url} : {third_party}"
    assert context.cookies() == [], "la page dépose un cookie"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_accessibility(name: str, scheme: str, base_url: str, new_context) -> None:
    """axe-core finds no WCAG 2.1 A or AA violation, in the light and in the dark palette."""
    media, material_scheme = SCHEMES[scheme]
    page, _ = open_page(new_context(media), base_url + page_path(name))
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{material_scheme}'")
    assert_no_violations(page)


def assert_no_violations(page: playwright_api.Page, context: str = "document") -> None:
    page.evaluate(axe_base.AXE_SCRIPT)
    results = page.evaluate(
        f"axe.run({context}, {{runOnly: {{type: 'tag', values: {WCAG_TAGS}}}, resultTypes: ['violations']}})"
    )
    report = axe_base.AxeResults(results)
    assert report.violations_count == 0, report.generate_report()


def test_french_search_finds_plural(base_url: str, new_context) -> None:
    """Typing « donateur » finds the pages that speak of « donateurs » (French stemming)."""
    page, journal = open_page(new_context(), base_url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("donateur", delay=30)  # Material searches on key presses
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    texts = results.all_inner_texts()
    assert any("donateurs" in text.casefold() for text in texts), f"aucun résultat ne contient « donateurs » : {texts[:5]}"
    assert journal.errors == []


# Every element of the article that shows less than its content sideways, without the cue
# that docs/assets/overflow.js adds (a visible line just before it, and data-academy-overflow).
HIDDEN_SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "")
    + " « " + (el.textContent || "").trim().slice(0, 50) + " »";
  if (document.documentElement.scrollWidth > width + 1) problems.push(`la page défile de côté : ${document.documentElement.scrollWidth} px pour ${width} px`);
  const scrolled = new Set();
  for (const el of document.querySelectorAll("article *")) {
    const style = getComputedStyle(el);
    if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1) continue;
    if (!["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) continue;
    scrolled.add(el);
    if (el.clientWidth <= 1 && el.clientHeight <= 1) continue;  // visually hidden on purpose, read by screen readers
    const block = el.closest("div.highlight, .highlight-ipynb, .md-typeset__scrollwrap, .jp-OutputArea-child") || el.closest("pre") || el;
    const cue = block.previousElementSibling;
    const cued = ["auto", "scroll"].includes(style.overflowX) && el.hasAttribute("data-academy-overflow")
      && cue && cue.classList.contains("academy-scroll-cue") && cue.getBoundingClientRect().height > 0;
    if (!cued) problems.push(`${name(el)} : ${el.scrollWidth} px de contenu dans ${el.clientWidth} px, sans indication`);
  }
  for (const el of document.querySelectorAll("article *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || (box.right <= width + 1 && box.left >= -1)) continue;
    let parent = el.parentElement, inside = false;
    while (parent && !inside) { inside = scrolled.has(parent); parent = parent.parentElement; }
    if (!inside) problems.push(`${name(el)} dépasse de l'écran (${Math.round(box.left)} à ${Math.round(box.right)} px)`);
  }
  return problems;
}"""


@pytest.mark.parametrize("name", PAGES)
def test_phone_shows_everything_or_says_it_scrolls(name: str, base_url: str, new_context) -> None:
    """At 390 px, no page cuts content sideways: it fits, stacks, or says that it scrolls."""
    page, journal = open_page(new_context(viewport=PHONE, is_mobile=True, has_touch=True), base_url + page_path(name))
    assert page.evaluate(HIDDEN_SIDEWAYS)[:10] == []
    assert journal.errors == []


def test_phone_table_rows_become_cards(base_url: str, new_context) -> None:
    """Talk 2's worked example keeps its result columns on a phone, each cell after its column name."""
    page, _ = open_page(new_context(viewport=PHONE, is_mobile=True), base_url + PAGES["talk"])
    cell = page.locator("article table[data-cards] td[data-label='Groupe']").first
    assert cell.is_visible()
    label = page.evaluate("el => getComputedStyle(el, '::before').content", cell.element_handle())
    assert label == '"Groupe\u00a0: "'
    assert cell.bounding_box()["x"] + cell.bounding_box()["width"] <= PHONE["width"]


def test_phone_cohort_calendar_button_comes_first(base_url: str, new_context) -> None:
    """On a phone the calendar button comes before the sessions, which stay compact (the table was 1,527 px tall)."""
    page, _ = open_page(new_context(viewport=PHONE, is_mobile=True), base_url + PAGES["promotion"])
    button = page.locator('article a[href$=".ics"]').first
    sessions = page.locator(".academy-sessions table")
    assert button.bounding_box()["y"] < 2 * PHONE["height"], button.bounding_box()
    assert button.bounding_box()["y"] < sessions.bounding_box()["y"]
    assert sessions.bounding_box()["height"] < 1100, f"le calendrier fait {sessions.bounding_box()['height']:.0f} px de haut"


def test_phone_notebook_has_no_prompt_column(base_url: str, new_context) -> None:
    page, _ = open_page(new_context(viewport=PHONE, is_mobile=True), base_url + page_path("notebook"))
    assert page.locator(".jp-InputPrompt").first.is_hidden(), "la colonne In [1]: reste affichée"
    code = page.locator(".jp-CodeCell .highlight-ipynb").first.bounding_box()
    assert code["width"] > 300, f"le code n'a que {code['width']:.0f} px de large"
    chart = page.locator(".jp-RenderedSVG img").first.bounding_box()
    assert chart["width"] > 320, f"le graphique n'a que {chart['width']:.0f} px de large"


def search(page: playwright_api.Page, query: str) -> list[str]:
    """Type ``query`` in the search box; the result links' paths, best first."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.wait_for_function("q => document.querySelector('.md-search-result__list').dataset.query === q", arg=query)
    origin = page.evaluate("location.origin")
    return [link.get_attribute("href").removeprefix(origin).split("#")[0] for link in page.locator(".md-search-result__link").all()]


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        ("fideliser", {"/talks/02-donateurs-benevoles/"}, 3),  # no accent: finds « fidèles », « fidélité »
        ("taux de clic", {"/talks/04-campagnes-de-dons/"}, 1),
        ("benevoles", {"/talks/02-donateurs-benevoles/", "/guides/mentorat/"}, 3),
        ("BÉNÉVOLE", {"/talks/02-donateurs-benevoles/", "/guides/mentorat/"}, 3),  # case, accents, singular
    ],
)
def test_search_ranks_for_french_readers(query: str, expected: set[str], within: int, base_url: str, new_context) -> None:
    page, journal = open_page(new_context(), base_url)
    found = search(page, query)
    assert expected & set(found[:within]), f"« {query} » : {expected} absent des {within} premiers résultats {found[:5]}"
    assert journal.errors == []


@pytest.mark.parametrize("query", ["donateur", "benevoles", "taux de clic"])
def test_search_ranks_talks_and_guides_above_notebooks_and_data(query: str, base_url: str, new_context) -> None:
    page, _ = open_page(new_context(), base_url)
    found = search(page, query)
    first_prose = min(i for i, path in enumerate(found) if path.startswith(("/talks/", "/guides/")))
    machine = [i for i, path in enumerate(found) if path.startswith("/exercises/data/") or path.count("/") > 3 and path.startswith("/exercises/")]
    assert first_prose == 0 or not machine or first_prose < min(machine), found
    assert all(i >= 3 for i in machine), f"« {query} » : un notebook ou une page de données dans les trois premiers résultats : {found[:3]}"


def test_search_index_waits_for_the_reader(base_url: str, new_context) -> None:
    """No index is fetched on page load; searching fetches Pagefind's chunks from the site itself."""
    page, journal = open_page(new_context(), base_url + PAGES["talk"])
    assert not [url for url in journal.requests if "/pagefind/" in url or "search_index" in url], journal.requests
    found = search(page, "donateur")
    assert found, "aucun résultat pour « donateur »"
    fetched = [url for url in journal.requests if "/pagefind/" in url]
    assert any(url.endswith(".pf_index") for url in fetched), fetched
    assert all(url.startswith(base_url) for url in journal.requests if not url.startswith(("data:", "blob:")))
    teasers = page.locator(".md-search-result__teaser").all_inner_texts()
    assert teasers and not [t for t in teasers if re.search(r"read_csv|pd\.|Copied|\bdef\b", t)], teasers


def test_cohort_calendar_downloads(base_url: str, new_context) -> None:
    page, _ = open_page(new_context(accept_downloads=True), base_url + PAGES["promotion"])
    link = page.locator('a[href$=".ics"]').first
    with page.expect_download() as download_info:
        link.click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert content.startswith("BEGIN:VCALENDAR"), content[:80]


def test_glossary_tooltips(base_url: str, new_context) -> None:
    page, _ = open_page(new_context(), base_url + PAGES["talk"])
    terms = page.locator("article abbr[title]")
    assert terms.count() > 0, "aucun terme du glossaire n'a d'infobulle sur la page du talk"
    definition = terms.first.get_attribute("title")
    terms.first.hover()
    tooltip = page.locator(".md-tooltip2--active, [role='tooltip']:visible").first
    tooltip.wait_for(state="visible")
    assert definition[:30] in tooltip.inner_text()


def test_print_layout(base_url: str, new_context) -> None:
    """In print, the navigation and the presenter notes are hidden and links show their address."""
    page, _ = open_page(new_context(), base_url + PAGES["talk"])
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".academy-actions", "details.intervenant"):
        assert page.locator(selector).first.is_hidden(), f"{selector} est imprimé"
    addresses = page.locator("article a[data-print-href]")
    assert addresses.count() > 0
    assert addresses.first.get_attribute("data-print-href").startswith("https://")


def test_presenter_mode(base_url: str, new_context) -> None:
    """The talk becomes slides: keys move, notes stay hidden from the room, Escape leaves."""
    context = new_context()
    page, journal = open_page(context, base_url + PAGES["talk"])
    url = page.url
    sections = page.locator("article h2").all_inner_texts()
    present = page.locator("[data-academy-present]")
    assert present.is_visible(), "le bouton « Présenter en diaporama » reste caché"
    present.click()

    deck = page.locator(".academy-deck")
    counter = page.locator(".academy-deck__counter")
    title = page.locator(".academy-deck__title")
    total = len(sections) + 1
    assert deck.is_visible()
    assert counter.inner_text() == f"Diapositive 1 sur {total}"
    assert counter.get_attribute("aria-live") == "polite"
    assert title.inner_text() == page.locator("article h1").first.inner_text()
    assert page.evaluate("document.activeElement.closest('.academy-deck') !== null"), "le focus n'est pas dans le diaporama"
    assert page.get_by_role("button", name="Quitter").is_visible()

    seen_notes = False
    for number in range(2, total + 1):
        page.keyboard.press("ArrowRight" if number % 2 else "PageDown")
        assert counter.inner_text() == f"Diapositive {number} sur {total}"
        assert deck.locator(".academy-deck__slide details.intervenant").count() == 0, "des notes sont projetées"
        assert page.locator(".academy-deck__notes").is_hidden()
        seen_notes = seen_notes or page.locator(".academy-deck__notes details, .academy-deck__notes p").count() > 1
    assert title.inner_text() == sections[-1].rstrip("¶").strip()
    page.keyboard.press("Home")
    assert counter.inner_text() == f"Diapositive 1 sur {total}"
    page.keyboard.press("End")
    assert counter.inner_text() == f"Diapositive {total} sur {total}"
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    assert counter.inner_text() == f"Diapositive {total - 2} sur {total}"

    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")  # « Ce que vous saurez faire » has the timing notes
    page.keyboard.press("n")
    notes = page.locator(".academy-deck__notes")
    assert notes.is_visible() and "minutes" in notes.inner_text(), "la touche N n'affiche pas les notes"
    assert page.url == url, "la touche N a changé de page (raccourci de Material)"
    assert_no_violations(page, "'.academy-deck'")
    page.keyboard.press("n")
    assert notes.is_hidden()

    page.keyboard.press("Escape")
    if deck.count():  # Escape may first leave the browser's full screen
        page.keyboard.press("Escape")
    assert deck.count() == 0
    assert page.evaluate("document.activeElement.hasAttribute('data-academy-present')"), "le focus ne revient pas sur le bouton"
    assert journal.errors == []


def test_presenter_window_follows_slides(base_url: str, new_context) -> None:
    """The presenter window shows the notes, the next slide and a timer, in sync both ways."""
    context = new_context()
    page, _ = open_page(context, base_url + PAGES["talk"])
    page.locator("[data-academy-present]").click()
    with context.expect_page() as popup_info:
        page.get_by_role("button", name="Fenêtre de l'intervenant", exact=True).click()
    console = popup_info.value
    console.wait_for_load_state("load")
    assert console.url.endswith("#presenter")
    current = console.locator(".academy-console__current")
    current.wait_for(state="visible")
    assert re.fullmatch(r"\d\d:\d\d", console.locator(".academy-console__timer").inner_text())

    page.locator(".academy-deck__slide").focus()
    page.keyboard.press("ArrowRight")
    console.wait_for_function("document.querySelector('.academy-console__current').textContent === 'Ce que vous saurez faire'")
    assert "minutes" in console.locator(".academy-console__notes").inner_text()
    assert console.locator(".academy-console__next").inner_text() == "Pourquoi c'est important pour votre association"

    console.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.academy-deck__counter').textContent.startsWith('Diapositive 3 ')")
    assert_no_violations(console, "'.academy-console'")


def test_pdf_handout(site: Path, tmp_path: Path, browser: playwright_api.Browser) -> None:
    """`make pdf` prints a talk with the system chromium, offline, into a real PDF."""
    from academy.identity import read
    from academy.pdf import Job, print_pages

    output = tmp_path / "talk.pdf"
    notice = read(ROOT).licence_notice()
    assert print_pages(site, [Job(PAGES["talk"], output)], browser, notice=notice) == []
    data = output.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages > 1
    # Every page carries the licence and the attribution (poppler's pdftotext reads the text back).
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext est introuvable : installez poppler-utils pour vérifier le texte des PDF")
    text = subprocess.run(["pdftotext", "-layout", str(output), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("Contenus sous licence CC BY-SA 4.0") == pages, "une page du PDF n'a pas la licence"
