"""Identity markers (``{{ academy.name }}``…) in the nav: titles of sections, links and pages, links' addresses.

The page's own text and front matter go through ``academy.identity.expand`` in
``hooks/brand.py``; the titles that mkdocs.yml's ``nav`` gives (« - "{{ academy.name }}":
index.md ») are set on the nav's items before any page is read, so they are replaced here.
Values come out inert (HTML entities), as in the pages: the theme does not escape titles.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from academy.identity import Identity, expand


def expand_nav_titles(items: Iterable[Any], who: Identity) -> None:
    """Replace the markers in the title of each nav item given one (sections, links, pages), recursively."""
    for item in items:
        own = vars(item).get("title")  # a page's title property reads its front matter: only a set title here
        if isinstance(own, str) and "academy." in own:
            item.title = expand(own, who)
        if type(item).__name__ == "Link" and "academy." in item.url:  # « - Nous écrire: "{{ academy.contact_url }}" »
            item.url = expand(item.url, who)
        expand_nav_titles(getattr(item, "children", None) or (), who)
