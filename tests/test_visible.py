"""No page shows raw markup: HTML tags, CSS rules or template code printed as text (academy.visible)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from academy import visible

# What mkdocs-jupyter 0.27 appended to every notebook page, and what Markdown made of it.
APPENDED = "</div> <!-- jupyter-wrapper -->\n        <style>\n        ['pre { line-height: 125%; }\\ntd.linenos .normal { color: inherit; }']\n        </style>\n        "
RENDERED_BOX = (
    '<div class="highlight"><pre><span></span><code>    &lt;style&gt;\n'
    "    ['pre { line-height: 125%; }\\ntd.linenos .normal { color: inherit; }']\n"
    "    &lt;/style&gt;\n</code></pre></div>"
)


def page(body: str) -> str:
    return f"<html><head><style>pre {{ line-height: 125%; }}</style></head><body><article>{body}</article></body></html>"


def test_the_notebook_stylesheet_box_is_found() -> None:
    assert visible.raw_markup(page("<p>Texte.</p>" + RENDERED_BOX)) == ["<style>"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>Ouvrez &lt;div class=\"note\"&gt; puis fermez.</p>", ['<div class="note">']),
        ("<p>.md-typeset { color: red; } reste affiché</p>", [".md-typeset { color: red;"]),
        ("<p>Bonjour {{ cohort.name }} !</p>", ["{{ cohort.name }}"]),
        ("<pre><code>{% if talk %}</code></pre>", ["{% if talk %}"]),
    ],
)
def test_raw_markup_in_text_is_found(body: str, expected: list[str]) -> None:
    assert visible.raw_markup(page(body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        "<p>Le fichier commence par <code>&lt;svg&gt;</code> et la règle <code>a { color: red; }</code>.</p>",
        '<div class="language-html highlight"><pre><code>&lt;div class="note"&gt;&lt;/div&gt;</code></pre></div>',
        '<div class="highlight-ipynb hl-python"><pre>print("{{ x }}")</pre></div>',
        "<p>Une accolade { seule } et un prix : 30 € ; un rapport 3 &lt; 5 &gt; 2.</p>",
        "<script>document.body.style.color = 'red';</script><div hidden>&lt;style&gt;</div>",
        # The navigation's titles: reported at their source, mkdocs.yml's nav (rule nav-marker), not on every page.
        '<nav class="md-nav"><ul><li><a href="x/">Bienvenue à {{ academy.nom }}</a></li></ul></nav>',
    ],
)
def test_code_shown_on_purpose_and_prose_pass(body: str) -> None:
    assert visible.raw_markup(page(body)) == []


def test_the_nav_label_printed_as_the_heading_is_left_to_nav_marker_not_the_page_text() -> None:
    label = "{{ academy.nom }}"  # the page's label in mkdocs.yml's nav, which the theme prints as its <h1>
    heading = f"<h1>{label}</h1><p>Texte.</p>"
    assert visible.raw_markup(page(heading)) == [label]
    assert visible.raw_markup(page(heading), nav_title=label) == []
    # The page's own text keeps its check, even with the same marker, and another <h1> too.
    assert visible.raw_markup(page(f"<h1>{label}</h1><p>Bonjour {label} !</p>"), nav_title=label) == [label]
    assert visible.raw_markup(page("<h1>Titre {{ x }}</h1>"), nav_title=label) == ["{{ x }}"]


def test_strip_inlined_css_removes_only_the_appended_stylesheet() -> None:
    before = "## Ce qu'il faut retenir\n\n- un point\n"
    after = "\n*[RFM]: Récence, fréquence, montant.\n"  # the glossary hook appends its abbreviations
    assert visible.strip_inlined_css(before + APPENDED + after) == before + "</div> <!-- jupyter-wrapper -->\n" + "        " + after
    assert visible.strip_inlined_css(before) == before


@pytest.mark.slow
def test_no_built_page_shows_raw_markup(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    shown = {p.relative_to(site).as_posix(): found for p in pages if (found := visible.raw_markup(p.read_text(encoding="utf-8")))}
    assert shown == {}


@pytest.mark.slow
def test_notebook_outputs_speak_french(site: Path) -> None:
    """Numbers as « 109 170,00 € », no English pandas words (mean, std, dtype, NaN, True)."""
    from bs4 import BeautifulSoup

    pages = sorted(site.glob("exercises/*/*/index.html"))
    assert len(pages) >= 4
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        text = " ".join(output.get_text(" ") for output in soup.select(".jp-OutputArea-output"))
        english = re.findall(r"\b(?:NaN|dtype|mean|std|Name:|True|False)\b", text)
        dotted = re.findall(r"\b\d+\.\d+\b", text)
        assert (english, dotted[:5]) == ([], []), path.relative_to(site).as_posix()
    segmentation = (site / "exercises/02-segmentation-donateurs/segmentation-donateurs/index.html").read_text(encoding="utf-8")
    assert "109\u202f170,00\u00a0€" in segmentation
