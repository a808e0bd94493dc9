"""Links to the PDF handouts (``academy.pdf``) on the pages they print: each talk, the playbook.

The PDFs are printed from the built site (``make pdf``), so only a build that will have them
links to them: ``make pdf`` and the deploy workflow set ``ACADEMY_PDF=1``. The links are raw
HTML, which MkDocs does not resolve: the file appears after the build.
"""

from __future__ import annotations

import posixpath

ENV = "ACADEMY_PDF"
PDF_DIR = "pdf"
PLAYBOOK = "playbook/index.md"


def pdf_of(src_uri: str) -> str | None:
    """The site path of the PDF that prints this page, or None."""
    parts = src_uri.split("/")
    if len(parts) == 3 and parts[0] == "talks" and parts[2] == "index.md":
        return f"{PDF_DIR}/{parts[1]}.pdf"
    if src_uri == PLAYBOOK:
        return f"{PDF_DIR}/playbook.pdf"
    return None


def with_link(markdown: str, src_uri: str) -> str:
    """The page with a download button for its PDF at the top (unchanged when it has none)."""
    target = pdf_of(src_uri)
    if target is None:
        return markdown
    page_url = posixpath.dirname(src_uri)  # index.md pages: served at their folder's URL
    href = posixpath.relpath(target, page_url or ".")
    what = "le playbook entier" if src_uri == PLAYBOOK else "ce talk"
    button = f'<p class="academy-pdf"><a class="md-button" href="{href}" download>Télécharger {what} en PDF</a></p>'
    return f"{button}\n\n{markdown}"
