"""Internal links, anchors, images and downloads, checked on the merged site tree.

A Markdown link is relative to the page's source file, as MkDocs resolves it; a raw HTML
link (``<a href>``, ``<img src>``) is left as is by MkDocs, so it is relative to the page's
URL (``/guides/x/``). Anchors are the heading ids Python-Markdown's ``toc`` computes, the
explicit ``{#id}`` of attr_list and the ``id`` attributes of raw HTML. External links are
only collected here; ``academy.external`` checks them on request.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from academy.escaping import UNSAFE_SCHEMES
from academy.escaping import split_url as split
from academy.pages import NOTEBOOK as NOTEBOOK_MARKER
from academy.parsed import Link, Page
from academy.problems import Problem
from academy.sitetree import Site, url_of

ANCHOR_TODO = "reprenez l'ancre d'un titre de la page (le lien « ¶ » à côté du titre la donne)"
LINK_TODO = "vérifiez le nom du fichier et le chemin relatif depuis ce fichier"
# Anchors that themes and extensions add to every page, or that are not headings.
_SKIPPED_ANCHORS = ("__", "fn:", "fnref:")

Anchors = Callable[[str], "set[str] | None"]  # site path -> its anchors, None when unknown


# An address with a host (« //host »), where Markdown writes one: [text](…), ![alt](…), [id]: …, <…>
_ADDRESS = re.compile(r"(?P<before>\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?|<)(?P<address>[^\s()<>]*//[^\s()<>]*)", re.M)


def readable_addresses(markdown: str) -> str | None:
    """``markdown`` with the brackets of every address ``urlsplit`` cannot read percent-encoded, or None
    when all read: MkDocs 1.6 stops the build on such an address; the broken-link rule reports it."""

    def encode(match: re.Match[str]) -> str:
        address = match["address"]
        return match[0] if split(address) is not None else match["before"] + address.replace("[", "%5B").replace("]", "%5D")

    out = _ADDRESS.sub(encode, markdown)
    return None if out == markdown else out


def is_external(target: str) -> bool:
    parts = split(target)
    return bool(parts and (parts.scheme or parts.netloc))


def external_targets(pages: Iterable[Page]) -> dict[str, list[tuple[Page, Link]]]:
    """Every http(s) URL, with the pages and links that use it."""
    found: dict[str, list[tuple[Page, Link]]] = {}
    for page in pages:
        for link in page.links:
            if (parts := split(link.target)) is not None and parts.scheme in ("http", "https"):
                found.setdefault(link.target.split("#", 1)[0], []).append((page, link))
    return found


def _problem(page: Page, link: Link, message: str, rule: str) -> Problem:
    return Problem(page.path, link.line, link.col, f"{link.where}{message}", rule)


def _anchor(page: Page, link: Link, target: str, fragment: str, anchors: Anchors) -> Problem | None:
    if not fragment or fragment.startswith(_SKIPPED_ANCHORS):
        return None
    known = page.ids if target == page.uri else anchors(target)
    if known is None or fragment in known:
        return None
    close = difflib.get_close_matches(fragment, sorted(known), n=1, cutoff=0.6)
    hint = f" (vouliez-vous dire « #{close[0]} » ?)" if close else ""
    where = "cette page" if target == page.uri else f"« {target} »"
    return _problem(page, link, f"ancre « #{fragment} » absente de {where}{hint} — {ANCHOR_TODO}", "broken-anchor")


def check_link(page: Page, link: Link, site: Site, anchors: Anchors) -> Problem | None:
    """The problem with one link or image, if any."""
    if not link.target.strip():
        what = "image sans fichier" if link.image else "lien sans adresse"
        rule = "broken-image" if link.image else "broken-link"
        return _problem(page, link, f"{what} — écrivez le chemin du fichier entre les parenthèses", rule)
    if (parts := split(link.target.strip())) is None:
        rule = "broken-image" if link.image else "broken-link"
        message = (f"adresse « {link.target} » illisible — écrivez le chemin d'un fichier du site ou une adresse "
                   "complète, sans crochets [ ], par exemple https://example.org/page")
        return _problem(page, link, message, rule)
    if (scheme := parts.scheme.lower()) in UNSAFE_SCHEMES:
        what = "image « {}: » refusée" if link.image else "lien « {}: » refusé"
        message = (f"{what.format(scheme)} — un lien mène à une page du site ou à une adresse https://, "
                   "jamais à du code ou à des données intégrées")
        return _problem(page, link, message, "unsafe-link")
    if is_external(link.target):
        return None
    parts = urlsplit(link.target)  # readable: its stripped form was
    if link.target.startswith(("/", "\\")):
        stripped = parts.path.lstrip("/\\")
        if not link.html and (stripped in site.files or f"{stripped}/index.md" in site.files):
            hint = f" « {site.relative(stripped if stripped in site.files else f'{stripped}/index.md', page.uri)} »"
        else:
            hint = ""
        message = (f"lien absolu « {link.target} » — écrivez un chemin relatif depuis ce fichier{hint}, "
                   "par exemple « ../guides/rgpd-essentiel.md »")
        return _problem(page, link, message, "absolute-link")
    if not parts.path:
        return _anchor(page, link, page.uri, parts.fragment, anchors)
    if link.html:
        return _check_html(page, link, site, anchors)
    target = site.from_source(page.uri, parts.path)
    if target in site.files:
        return _anchor(page, link, target, parts.fragment, anchors) if target in site.pages else None
    if link.image:
        hint = site.suggest(target, page.uri)
        message = f"image « {parts.path} » introuvable{hint} — vérifiez le nom du fichier et son dossier"
        return _problem(page, link, message, "broken-image")
    if not posixpath.splitext(parts.path)[1]:
        index = posixpath.join(target, "index.md")
        if index in site.files:
            relative = site.relative(index, page.uri)
            message = f"lien vers le dossier « {parts.path} » — pointez vers le fichier de la page : « {relative} »"
            return _problem(page, link, message, "broken-link")
    hint = site.suggest(target, page.uri)
    return _problem(page, link, f"lien vers « {parts.path} » introuvable{hint} — {LINK_TODO}", "broken-link")


def _check_html(page: Page, link: Link, site: Site, anchors: Anchors) -> Problem | None:
    parts = urlsplit(link.target)
    target = site.from_url(page.uri, parts.path)
    if target is not None:
        return _anchor(page, link, target, parts.fragment, anchors) if target in site.pages else None
    source = site.from_source(page.uri, parts.path)
    tag = "<img src>" if link.image else "<a href>"
    if source in site.pages:
        base = url_of(page.uri)
        rel = posixpath.relpath(url_of(source) or ".", (base if base.endswith("/") else posixpath.dirname(base)) or ".")
        url = "./" if rel == "." else f"{rel}/"
        message = (f"lien HTML {tag} vers le fichier source « {parts.path} » : MkDocs ne convertit pas les liens "
                   f"écrits en HTML — écrivez-le en Markdown, [texte]({parts.path}), "
                   f"ou donnez l'adresse de la page, « {url} »")
        return _problem(page, link, message, "html-link")
    rule = "broken-image" if link.image else "broken-link"
    message = (f"{tag} « {parts.path} » introuvable — en HTML, le chemin part de l'adresse de la page "
               f"(« {url_of(page.uri) or '/'} »), pas du fichier source : vérifiez-le")
    return _problem(page, link, message, rule)


def check_links(page: Page, site: Site, anchors: Anchors) -> list[Problem]:
    """Every broken internal link, anchor, image or download of one page."""
    return [problem for link in page.links if (problem := check_link(page, link, site, anchors))]


def check_markers(page: Page, site: Site) -> list[Problem]:
    """``<!-- academy:notebook NAME.ipynb -->`` names a notebook next to the page."""
    problems = []
    for text in page.texts:
        for match in NOTEBOOK_MARKER.finditer(text.text):
            target = site.from_source(page.uri, match["name"])
            if target not in site.files:
                message = (f"{text.where}marqueur academy:notebook : notebook « {match['name']} » introuvable dans le "
                           f"dossier de la page{site.suggest(target, page.uri)} — corrigez le nom du fichier .ipynb")
                problems.append(Problem(page.path, text.line, text.column(match.start()), message, "broken-link"))
    return problems
