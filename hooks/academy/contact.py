"""The « Contact » page: how readers reach the team, from ``extra.academy`` in mkdocs.yml.

Many readers (association staff, volunteers) will never open a GitHub account. The block
that replaces ``MARKER`` on ``contact.md`` offers what the academy configured:
``contact_email`` (a plain e-mail address, no account needed) and ``contact_url`` (a contact
page or form; when it is a GitHub page, the block says that it needs an account).
Values are checked before they land in the page: an address that is not one, or a URL that
is not https, is left out (the brand rule, ``academy.extra_academy``, reports it with its line).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from academy.templating import environment

MARKER = "<!-- academy:contact -->"
PAGE = "contact.md"
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_NO_CONTACT = ("Cette académie n'a pas encore publié de moyen de contact. "
               "Ses responsables peuvent l'ajouter dans le fichier `mkdocs.yml`.")


def _https(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and bool(parts.netloc) and not any(c in url for c in " <>\"'()[]")


def email_address(value: str) -> str:
    """Pydantic validator: ``value`` if it is an e-mail address, else ValueError with the French message."""
    if not _EMAIL.match(value.strip()):
        raise ValueError(f"« {value} » n'est pas une adresse e-mail — écrivez une adresse comme contact@exemple.org")
    return value.strip()


def render(academy: Mapping[str, Any]) -> str:
    """The Markdown list of the ways to reach the team."""
    email, url = academy.get("contact_email"), academy.get("contact_url")
    lines = []
    if email is not None and _EMAIL.match(str(email)):
        lines.append(f"- **Par courriel**, sans compte à créer : écrivez à [{email}](mailto:{email}).")
    if url is not None and _https(str(url)):
        if urlsplit(str(url)).netloc.endswith("github.com"):
            lines.append(f"- **Sur GitHub**, si vous avez un compte : [ouvrez une demande sur la page du projet]({url}). "
                         + ("Le compte est gratuit, mais il n'est pas nécessaire pour nous écrire par courriel."
                            if lines else "Le compte est gratuit : il suffit d'une adresse de courriel pour le créer."))
            if len(lines) == 1:  # GitHub is the only way: say so, and show the way to readers who never use it
                lines.append("\n" + environment().get_template("contact-github-only.md.j2").render(url=url).strip("\n"))
        else:
            lines.append(f"- **Par le formulaire de contact** : [écrivez-nous depuis notre page de contact]({url}).")
    return "\n".join(lines) if lines else _NO_CONTACT


def decorate(markdown: str, academy: Mapping[str, Any]) -> str | None:
    """``markdown`` with the marker replaced, or None when there is no marker."""
    if MARKER not in markdown:
        return None
    return "\n".join(render(academy) if line.strip() == MARKER else line for line in markdown.split("\n"))


def footer_link(academy: Mapping[str, Any], site_url: str, has_page: bool) -> str | None:
    """Where the contact button of every page leads: the Contact page when the site has one (it offers
    every configured way in plain words, GitHub last), else the e-mail address, else ``contact_url``."""
    email, url = academy.get("contact_email"), academy.get("contact_url")
    reachable = (email is not None and _EMAIL.match(str(email))) or (url is not None and _https(str(url)))
    if has_page and site_url and reachable:
        return f"{site_url.rstrip('/')}/{PAGE.removesuffix('.md')}/"
    if email is not None and _EMAIL.match(str(email)):
        return f"mailto:{email}"
    return str(url) if url is not None and _https(str(url)) else None
