"""One escaping policy: a value from a data file or mkdocs.yml is text until it lands.

- in Markdown that MkDocs renders: ``markdown_text`` (HTML characters become entities and
  Markdown marks are backslash-escaped, so ``<b>`` and ``*x*`` show as typed);
- in a Jinja template of the theme, which prints some values raw and escapes others:
  ``html_text`` gives a ``Markup`` string, escaped once, that Jinja's ``| e`` leaves alone;
- in a setting of ``mkdocs.yml`` that Material prints as it is (``site_name`` in ``<title>``
  and the header, ``site_author`` and ``site_description`` in ``<meta>``, ``copyright`` in the
  footer, ``repo_name`` in the header): ``theme_settings`` gives each as ``html_text``;
- a URL field: ``web_url`` accepts ``https://`` addresses (``http://`` only for this machine),
  never ``javascript:``, ``data:`` or a relative path.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from urllib.parse import SplitResult, urlsplit

from markupsafe import Markup

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file"}
# Python-Markdown's escapable characters (``Markdown.ESCAPED_CHARS``), and « | » that the tables extension adds;
# but a hyphen inside a word (« mot-clé », « UTF-8 »), which is no markup and must stay a plain character
# for the glossary's tooltips (the abbr extension matches terms before escapes are undone).
_MARKDOWN_MARKS = re.compile(r"(?!(?<=\w)-(?=\w))([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(value: str) -> str:
    """``value`` as literal text inside Markdown (inline): no HTML, no emphasis, no link."""
    return _MARKDOWN_MARKS.sub(r"\\\1", html.escape(value, quote=False))


def html_text(value: str) -> Markup:
    """``value`` escaped for HTML text or a double-quoted attribute (the theme's only kind), marked safe so
    that it is escaped only once; an apostrophe stays as typed."""
    return value if isinstance(value, Markup) else Markup(html.escape(value, quote=False).replace('"', "&quot;"))


# Settings that Material's templates print without ``| e`` (base.html, partials/header.html, nav.html, copyright.html).
THEME_TEXT = ("site_name", "site_author", "site_description", "copyright", "repo_name")


def theme_settings(settings: Mapping[str, object]) -> dict[str, Markup]:
    """The text settings among ``settings`` that the theme prints raw, each escaped once (``html_text``)."""
    return {key: html_text(value) for key in THEME_TEXT if isinstance(value := settings.get(key), str) and value}


def split_url(value: str) -> SplitResult | None:
    """``urlsplit(value)``, or None for an address it cannot read (« https://[contact]/ »: brackets hold an IP only)."""
    try:
        return urlsplit(value)
    except ValueError:
        return None


def url_problem(value: object) -> str | None:
    """What is wrong with a URL field, or None when it is an https:// (or local http://) address."""
    if not isinstance(value, str) or not value.strip():
        return "adresse web attendue — écrivez une adresse complète, par exemple https://example.org/contact"
    if (parts := split_url(value.strip())) is None:
        return "adresse web illisible — écrivez une adresse complète, sans crochets [ ], par exemple https://example.org/contact"
    scheme, host = parts.scheme.lower(), parts.hostname
    if scheme == "https" and host:
        return None
    if scheme == "http" and host in LOCAL_HOSTS:
        return None
    if scheme in UNSAFE_SCHEMES:
        return f"adresse « {scheme}: » refusée — écrivez une adresse web qui commence par https://"
    if scheme == "http":
        return "adresse en http:// refusée (non chiffrée) — écrivez la même adresse en https://"
    return "adresse web invalide — écrivez une adresse complète qui commence par https://"


def web_url(value: str) -> str:
    """Pydantic validator: ``value`` if it is an allowed URL, else ValueError with the French message."""
    if problem := url_problem(value):
        raise ValueError(problem)
    return value.strip()
