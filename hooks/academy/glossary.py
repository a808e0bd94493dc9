"""The glossary (``docs/glossaire.yml``): validated, rendered as a page, and as tooltips.

Each term becomes a Python-Markdown abbreviation (``*[term]: definition``) appended to every
page, so Material shows its definition wherever it appears.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from academy import escaping, yamlpos
from academy.problems import Problem

GLOSSARY_FILE = "glossaire.yml"  # in docs/: data, not published
PAGE_URI = "glossaire.md"  # the page made from it
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _no_brackets(form: str) -> str:
    """A tooltip is ``*[term]: definition``: a bracket in the term would end it early."""
    if "[" in form or "]" in form:
        raise ValueError("crochets « [ ] » interdits dans un terme (ils cassent les infobulles) — "
                         "retirez-les ou mettez des parenthèses")
    return form


Form = Annotated[Text, AfterValidator(_no_brackets)]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    term: Form = Field(max_length=60)
    definition: Text = Field(min_length=20, max_length=400)
    variants: list[Form] = Field(default_factory=list)  # other written forms, e.g. plurals


def load(text: str, path: str) -> tuple[list[Entry] | None, list[Problem]]:
    """The entries and the problems; None (no entry is known) when the file cannot be read or validated."""
    try:
        raw = yamlpos.load(text)
    except yamlpos.YamlSyntaxError as error:
        todo = error.todo or "vérifiez l'indentation"
        message = f"glossaire illisible ({error.message}) — {todo}"
        return None, [Problem(path, error.line, error.col, message, "glossary")]
    entries, problems = yamlpos.validate(list[Entry], raw, path, rule="glossary")
    if entries is None:
        return None, problems
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        key = sort_key(entry.term)
        if key in seen:
            line, col = yamlpos.position(raw, [index, "term"])
            problems.append(Problem(path, line, col, f"[{index}].term: « {entry.term} » est déjà défini à l'entrée {seen[key]} — fusionnez les deux définitions", "glossary"))
        else:
            seen[key] = index
    return entries, problems


def sort_key(term: str) -> str:
    """Alphabetical order that ignores case and accents (« écran » sorts with « e »)."""
    text = unicodedata.normalize("NFKD", term.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def forms(entry: Entry) -> list[str]:
    """Every written form that gets the tooltip: straight and curly apostrophes, capitalised.

    In the same order in every process (a set's order is not): the tooltips are part of the
    key of every rendered page (academy.rendered)."""
    out: list[str] = []
    for form in [entry.term, *entry.variants]:
        for variant in (form, form.replace("'", "’"), form.replace("’", "'")):
            for cased in (variant, variant[:1].upper() + variant[1:]):
                if cased not in out:
                    out.append(cased)
    return out


def abbreviations(entries: list[Entry]) -> str:
    """Markdown abbreviation definitions for every form of every term."""
    lines = []
    for entry in entries:
        definition = " ".join(entry.definition.split()).replace("]", ")")
        lines.extend(f"*[{form}]: {definition}" for form in forms(entry))
    # One blank line between definitions: each is a small block, so parsing stays linear.
    return "\n\n".join(lines)


def tooltips(entries: list[Entry]) -> dict[str, str]:
    """Every form of every term -> its definition: the ``abbr`` extension's ``glossary`` option."""
    return {form: " ".join(entry.definition.split()) for entry in entries for form in forms(entry)}


def render_page(entries: list[Entry]) -> str:
    """The glossary page: terms in alphabetical order, grouped by first letter."""
    out = [
        "---",
        "title: Glossaire",
        "description: Les mots techniques des talks, guides et exercices, expliqués simplement.",
        "---",
        "",
        "Voici les mots techniques utilisés sur ce site, expliqués en une ou deux phrases. "
        "Sur chaque page, passez la souris ou appuyez sur un de ces mots pour voir sa définition.",
        "",
    ]
    letter = ""
    for entry in sorted(entries, key=lambda e: sort_key(e.term)):
        first = sort_key(entry.term)[:1].upper()
        if first != letter:
            letter = first
            out += [f"## {letter}", ""]
        out += [escaping.markdown_text(entry.term), f":   {escaping.markdown_text(entry.definition)}", ""]
    return "\n".join(out)


# A tooltip inside a proper noun misleads: « Canal » in « Les Paniers du Canal » is a name,
# not the marketing word « canal ». A lowercase term written with a capital right after a
# word (not at the start of a sentence, a cell or a title) is taken as part of a name.
_TIP_AFTER_WORD = re.compile(
    r"(?P<before>[^\W\d_][’',]?(?:[ \u00a0]|&nbsp;)+)<abbr title=\"[^\"]*\">(?P<text>[^<]+)</abbr>")


def capitalised_forms(entries: list[Entry]) -> frozenset[str]:
    """The forms of lowercase terms written with a capital: « Canal » for « canal »."""
    return frozenset(form for entry in entries for form in forms(entry)
                     if form[:1].isupper() and entry.term[:1].islower())


# A term inside a file name (« segmentation-donateurs.xlsx ») or a hyphenated compound is no
# use of the word: the abbr extension matches it because « - » and « . » end a word.
_TIP_IN_NAME = re.compile(
    r"<abbr title=\"[^\"]*\">(?P<text>[^<]+)</abbr>(?=[-_.]\w)"
    r"|(?<=\w[-_/])<abbr title=\"[^\"]*\">(?P<after>[^<]+)</abbr>")


def untip_names(html: str) -> str:
    """Remove the tooltip of a term written inside a file name or a hyphenated compound."""
    return _TIP_IN_NAME.sub(lambda match: match["text"] or match["after"], html)


def untip_proper_nouns(html: str, capitalised: frozenset[str]) -> str:
    """Remove the tooltip of a capitalised lowercase term that follows a word (a proper noun)."""
    def keep_text(match: re.Match[str]) -> str:
        return match["before"] + match["text"] if match["text"] in capitalised else match[0]

    return _TIP_AFTER_WORD.sub(keep_text, html)
