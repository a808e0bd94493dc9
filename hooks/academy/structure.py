"""Structure rules: heading levels, leftover placeholders, alternative texts, link texts, talk sections.

Each rule reads a ``Page`` (see ``academy.source``) and returns located problems. The
accessibility rules follow the RGAA: every image has an alternative text that says what it
teaches (criterion 1.1), and every link's text makes sense on its own (criterion 6.1).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from academy.parsed import Page
from academy.problems import Problem, Severity

# Words that mark unfinished text. Inline code and code blocks are not searched, so a guide
# can name them between backquotes.
PLACEHOLDERS = re.compile(
    r"\b(?:TODO|FIXME|TBD)\b|(?<!\w)[àa] compl[ée]ter\b|\blorem ipsum\b|\bplaceholder\b(?!\s*=)",
    re.IGNORECASE,
)
_CASED = {"todo", "fixme", "tbd"}  # only as capitals: « todo » is not a marker in French text

VAGUE_LINKS = {
    "ici", "cliquez ici", "cliquer ici", "clic", "cliquez", "lien", "ce lien", "le lien", "en savoir plus",
    "savoir plus", "plus", "lire la suite", "la suite", "suite", "voir", "voir ici", "page", "cette page",
    "here", "click here", "link", "more", "read more",
}
VAGUE_ALTS = {
    "image", "figure", "illustration", "photo", "graphique", "schéma", "schema",
    "capture", "logo", "icône", "dessin", "img",
}

TALK_SECTIONS = (
    "Ce que vous saurez faire",
    "Pourquoi c'est important pour votre association",
    "Les notions clés",
    "Exemple suivi : ",  # followed by the name of the fictional association
    "Les erreurs fréquentes",
    "À retenir",
    "Pour aller plus loin",
    "Exercice à faire ensuite",
)


def _plain(text: str) -> str:
    """Lower case, typographic spaces and apostrophes made plain, punctuation around removed."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    return " ".join(text.split()).strip(" .,;:!?«»\"'()[]…-→").casefold()


def _problem(page: Page, line: int, col: int, message: str, rule: str, where: str = "") -> Problem:
    return Problem(page.path, line, col, f"{where}{message}", rule)


def check_headings(page: Page) -> list[Problem]:
    """A page's sections start at ## under its title, and never skip a level."""
    problems = []
    previous = 1 if page.title or not page.headings or page.headings[0].level > 1 else 0
    for index, heading in enumerate(page.headings):
        level, here = heading.level, (page, heading.line, heading.col)
        if level == 1 and (page.title or index > 0):
            why = ("le titre de la page vient déjà de « title » dans l'en-tête" if page.title
                   else "une page n'a qu'un titre de niveau 1")
            message = f"titre de niveau 1 « {heading.text} » : {why} — écrivez ce titre avec ##"
            problems.append(_problem(*here, message, "heading-level", heading.where))
        elif level > previous + 1:
            message = (f"titre « {heading.text} » de niveau {level} après un niveau {previous} — "
                       f"écrivez-le avec {'#' * (previous + 1)} ou ajoutez le niveau qui manque")
            problems.append(_problem(*here, message, "heading-level", heading.where))
        previous = max(level, 1)
    return problems


def check_placeholders(page: Page) -> list[Problem]:
    problems = []
    for text in page.texts:
        for match in PLACEHOLDERS.finditer(text.text):
            word = match.group(0)
            if word.casefold() in _CASED and not word.isupper():
                continue
            message = f"texte provisoire « {word} » oublié — écrivez le texte définitif ou retirez la marque"
            problems.append(_problem(page, text.line, text.column(match.start()), message, "placeholder", text.where))
    return problems


def check_images(page: Page) -> list[Problem]:
    """Every image has an alternative text that says what it shows."""
    problems = []
    for link in page.links:
        if not link.image:
            continue
        alt = _plain(link.alt or "")
        name = posixpath.basename(link.target)
        names = {_plain(name), _plain(posixpath.splitext(name)[0])}
        if not alt:
            message = ("image sans texte alternatif — décrivez ce que l'image apprend au lecteur : "
                       "![Ce que montre la figure](fichier.svg)")
        elif alt in VAGUE_ALTS or alt in names:
            message = (f"texte alternatif « {link.alt} » trop vague — "
                       "décrivez ce que l'image apprend au lecteur, en une phrase")
        else:
            continue
        problems.append(_problem(page, link.line, link.col, message, "image-alt", link.where))
    return problems


def check_link_texts(page: Page) -> list[Problem]:
    """Link texts that say where they lead, even read alone (a screen reader lists them)."""
    problems = []
    for link in page.links:
        if link.image:
            continue
        text = _plain(link.text)
        if not text:
            message = "lien sans texte — écrivez entre crochets ce que le lecteur trouvera en suivant le lien"
        elif text in VAGUE_LINKS:
            message = (f"texte de lien « {link.text} » vide de sens hors contexte — "
                       "nommez la destination, par exemple « le guide RGPD essentiel »")
        else:
            continue
        problems.append(_problem(page, link.line, link.col, message, "link-text", link.where))
    return problems


def is_talk(uri: str) -> bool:
    parts = uri.split("/")
    return len(parts) == 3 and parts[0] == "talks" and parts[2] == "index.md"


def check_talk_sections(page: Page) -> list[Problem]:
    """A talk has the eight ## sections of CONTRIBUTING.md, in their order, each once.

    Advice for now, not an error: the tiny talks of the shared test fixtures have one section.
    """
    if not is_talk(page.uri):
        return []
    problems = []
    sections = [h for h in page.headings if h.level == 2]
    seen: dict[int, int] = {}  # section index -> line where it is
    last = -1
    for heading in sections:
        index = _section_index(heading.text)
        if index is None:
            message = (f"section « {heading.text} » inattendue dans un talk — passez-la en ### dans la section "
                       "qui convient, ou renommez-la comme dans CONTRIBUTING.md")
        elif index in seen:
            message = f"section « {heading.text} » en double (déjà ligne {seen[index]}) — gardez-en une seule"
        elif index < last:
            seen[index] = heading.line
            message = f"section « {heading.text} » hors de sa place : elle vient avant « {_name(last)} » — déplacez-la"
        else:
            seen[index] = heading.line
            last = index
            continue
        problems.append(Problem(page.path, heading.line, heading.col, message, "talk-sections", Severity.ADVICE))
    for index, title in enumerate(TALK_SECTIONS):
        if index not in seen:
            after = [h for h in sections if (i := _section_index(h.text)) is not None and i > index]
            line = after[0].line if after else (sections[-1].line if sections else 1)
            shown = f"{title}nom de l'association fictive" if title.endswith(": ") else title
            message = f"section « {_name(index)} » absente — ajoutez « ## {shown} » à sa place (voir CONTRIBUTING.md)"
            problems.append(Problem(page.path, line, 1, message, "talk-sections", Severity.ADVICE))
    return sorted(problems)


def _name(index: int) -> str:
    return TALK_SECTIONS[index].rstrip(": ")


def _section_index(text: str) -> int | None:
    """Which of TALK_SECTIONS a heading is; « Exemple suivi : X » matches with any name X."""
    plain = _plain(text)
    for index, title in enumerate(TALK_SECTIONS):
        wanted = _plain(title)
        if plain == wanted or (title.endswith(": ") and plain.startswith(f"{wanted} :")):
            return index
    return None


_NOTES = re.compile(r"^\?\?\?\+? intervenant\b", re.MULTILINE)
_ITEM = re.compile(r"^\s*[-*] ")
_FICTIONAL = re.compile(r"fictif|fictive|invent[ée]", re.IGNORECASE)
ALT_WORDS_MIN = 4  # a talk's figure: its alternative text says, in a sentence, what it teaches


def _sections(page: Page) -> dict[int, tuple[int, int]]:
    """TALK_SECTIONS index -> (first line, last line) of that ## section in the file."""
    h2 = [h for h in page.headings if h.level == 2]
    out = {}
    for position, heading in enumerate(h2):
        index = _section_index(heading.text)
        end = h2[position + 1].line - 1 if position + 1 < len(h2) else 10**9
        if index is not None:
            out.setdefault(index, (heading.line, end))
    return out


def check_talk_contents(page: Page, text: str) -> list[Problem]:
    """What the parts of a talk hold (CONTRIBUTING.md): advice, like the sections' order."""
    if not is_talk(page.uri):
        return []
    problems = []
    sections = _sections(page)

    def advise(line: int, message: str) -> None:
        problems.append(Problem(page.path, line, 1, message, "talk-sections", Severity.ADVICE))

    if not _NOTES.search(text):
        advise(1, "aucune note pour l'intervenant — ajoutez un encadré « ??? intervenant \"Notes pour l'intervenant\" »"
                  " là où il sert (voir CONTRIBUTING.md)")
    lines = {t.line: t.text for t in page.texts}
    if (span := sections.get(TALK_SECTIONS.index("À retenir"))) is not None:
        items = sum(1 for n, line in lines.items() if span[0] < n <= span[1] and _ITEM.match(line))
        if not 1 <= items <= 5:
            advise(span[0], f"section « À retenir » : {items} point(s) en liste — gardez de 1 à 5 points, chacun sur une ligne « - »")
    if (span := sections.get(TALK_SECTIONS.index("Exemple suivi : "))) is not None:
        said = " ".join(line for n, line in lines.items() if span[0] <= n <= span[1])
        if not _FICTIONAL.search(said):
            advise(span[0], "section « Exemple suivi » : dites que l'association est inventée (« une association fictive »)"
                            " — les exemples ne décrivent pas de vraies personnes")
    if (span := sections.get(TALK_SECTIONS.index("Pour aller plus loin"))) is not None:
        links = [link for link in page.links if span[0] < link.line <= span[1] and not link.image
                 and link.target.startswith(("https://", "http://", "../"))]
        if not links:
            advise(span[0], "section « Pour aller plus loin » sans ressource — ajoutez au moins un lien vers un guide,"
                            " une page du site ou une source externe")
    return problems


def check_figure_alts(page: Page) -> list[Problem]:
    """A talk's figures say what they teach: an alternative text of a sentence, not a label."""
    if not is_talk(page.uri):
        return []
    problems = []
    for link in page.links:
        words = len((link.alt or "").split())
        if link.image and not link.target.startswith(("http://", "https://")) and 0 < words < ALT_WORDS_MIN:
            message = (f"texte alternatif « {link.alt} » trop court pour une figure de talk ({words} mot(s)) — "
                       "décrivez en une phrase ce que la figure apprend au lecteur")
            problems.append(_problem(page, link.line, link.col, message, "image-alt", link.where))
    return problems
