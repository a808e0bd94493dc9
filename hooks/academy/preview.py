"""The preview (``make serve``): which problems belong to a page, and the banner that shows them.

Under ``make serve`` the build is never strict: a problem must not freeze the preview. Each
problem is printed in the terminal and, on the page it concerns, in a banner at the top, so
the author sees it where they are looking. ``make build``, ``make check`` and CI stay strict.
"""

from __future__ import annotations

import html

BANNER_ID = "academy-preview-problems"
_STYLE = (
    "position:sticky;top:0;z-index:10;margin:0;padding:.6rem 1rem;border-bottom:3px solid #8a1c1c;"
    "background:#fff3f3;color:#3b0a0a;font:0.8rem/1.45 system-ui,sans-serif"
)


def page_problems(messages: list[str], paths: set[str]) -> list[str]:
    """The messages about one page: they start with one of its paths, or quote it (« 'x.md' »)."""
    keys = {p for p in paths if p}
    return [m for m in messages if any(m.startswith(f"{p}:") or f"'{p}'" in m for p in keys)]


def banner(problems: list[str]) -> str:
    """An HTML banner listing ``problems`` (escaped), or an empty string when there are none."""
    if not problems:
        return ""
    count = len(problems)
    title = "1 problème sur cette page" if count == 1 else f"{count} problèmes sur cette page"
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return (
        f'<div id="{BANNER_ID}" role="alert" style="{_STYLE}">'
        f"<strong>Aperçu — {title}</strong> (corrigez-les : <code>make build</code> refusera de construire le site)"
        f'<ul style="margin:.3rem 0 0 1.2rem;padding:0">{items}</ul></div>'
    )


def with_banner(page_html: str, problems: list[str]) -> str:
    """``page_html`` with the banner right after the opening ``<body>`` tag."""
    block = banner(problems)
    if not block:
        return page_html
    start = page_html.find("<body")
    end = page_html.find(">", start) + 1 if start >= 0 else 0
    return page_html[:end] + block + page_html[end:]
