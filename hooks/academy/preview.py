"""The preview (``make serve``): which problems belong to a page, and the banner that shows them.

Under ``make serve`` the build is never strict: a problem must not freeze the preview. Each
problem is printed in the terminal and, on the page it concerns, in a banner at the top, so
the author sees it where they are looking. ``make build``, ``make check`` and CI stay strict.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Mapping
from pathlib import Path

BANNER_ID = "academy-preview-problems"
_STYLE = (
    "position:sticky;top:0;z-index:10;margin:0;padding:.6rem 1rem;border-bottom:3px solid #8a1c1c;"
    "background:#fff3f3;color:#3b0a0a;font:0.8rem/1.45 system-ui,sans-serif"
)


def shared_inputs(root: Path, page_sources: Iterable[Path], uris: Iterable[str]) -> str:
    """The hash of what many pages show, beyond their own text.

    ``make serve`` rebuilds only the pages whose source changed (MkDocs' ``--dirty``). That is
    right unless the save changed something other pages show too: mkdocs.yml, a data file
    (glossary, cohorts), the theme overrides, the list of pages (the menu), or a page's
    front matter (its title in the menu, the talk list, the dates). Then every page is rebuilt.
    """
    digest = hashlib.sha256()
    for uri in sorted(uris):
        digest.update(uri.encode() + b"\0")
    data = [p for p in (root / "docs").rglob("*.yml") if not _is_cohort(root, p)]  # cohorts: see dependents()
    shared = [root / "mkdocs.yml", *data, *(root / "hooks" / "theme").rglob("*")]
    for path in sorted(p for p in shared if p.is_file()):
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for path in sorted(page_sources):
        digest.update(path.as_posix().encode() + b"\0" + _front_matter(path) + b"\0")
    return digest.hexdigest()


def _is_cohort(root: Path, path: Path) -> bool:
    return path.parent == root / "docs" / "promotions"


def dependents(added: Mapping[str, str], state: dict) -> set[str]:
    """The pages to rebuild because the text the cohorts add to them changed since the previous build.

    ``added``: site path -> the text a build adds to that page from the cohort files (the dates
    on a talk page, the next session on the home page); ``state`` keeps it between builds. A
    cohort edit that changes no date (a room, a mentor) rebuilds the cohort's own pages only.
    """
    previous, state["added"] = state.get("added"), dict(added)
    if previous is None:
        return set()
    return {uri for uri in {*previous, *added} if previous.get(uri) != added.get(uri)}


def moved_sources(before: Mapping[str, str], now: Mapping[str, str]) -> list[str]:
    """The site paths whose source file is another file than at the previous build.

    MkDocs' ``--dirty`` rebuilds a file whose source is newer than its output. A file read from a
    content-keyed cache (an executed notebook, a published copy) gets a new path when its
    source changes; back to an earlier text, it is an earlier file, older than the output.
    """
    return sorted(uri for uri, path in now.items() if uri in before and before[uri] != path)


def _front_matter(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError:
        return b""
    if not data.startswith(b"---"):
        return b""
    end = data.find(b"\n---", 3)
    return data[: end if end >= 0 else len(data)]


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
