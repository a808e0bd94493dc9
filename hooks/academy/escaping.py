"""One escaping policy: a value from a data file or mkdocs.yml is text until it lands.

- in Markdown that MkDocs renders: ``markdown_text`` (HTML characters become entities and
  Markdown marks are backslash-escaped, so ``<b>`` and ``*x*`` show as typed);
- in a Jinja template of the theme, which prints some values raw and escapes others:
  ``html_text`` gives a ``Markup`` string, escaped once, that Jinja's ``| e`` leaves alone;
- a URL field: ``web_url`` accepts ``https://`` addresses (``http://`` only for this machine),
  never ``javascript:``, ``data:`` or a relative path.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from markupsafe import Markup

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file"}
# Python-Markdown's escapable characters (``Markdown.ESCAPED_CHARS``), and « | » that the tables extension adds.
_MARKDOWN_MARKS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(value: str) -> str:
    """``value`` as literal text inside Markdown (inline): no HTML, no emphasis, no link."""
    return _MARKDOWN_MARKS.sub(r"\\\1", html.escape(value, quote=False))


def html_text(value: str) -> Markup:
    """``value`` escaped for HTML text or attributes, marked safe so that it is escaped only once."""
    return Markup(html.escape(value, quote=True))


def url_problem(value: object) -> str | None:
    """What is wrong with a URL field, or None when it is an https:// (or local http://) address."""
    if not isinstance(value, str) or not value.strip():
        return "adresse web attendue — écrivez une adresse complète, par exemple https://example.org/contact"
    parts = urlsplit(value.strip())
    scheme = parts.scheme.lower()
    if scheme == "https" and parts.hostname:
        return None
    if scheme == "http" and parts.hostname in LOCAL_HOSTS:
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
