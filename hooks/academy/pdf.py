"""PDF handouts from the built site, without any online service: ``python -m academy.pdf site``.

The site is served on 127.0.0.1 (``academy.localsite``) and printed by the system Chromium
through Playwright, with the site's own print stylesheet: one PDF per talk
(``site/pdf/<talk-slug>.pdf``) and the whole playbook (``site/pdf/playbook.pdf``, from the
printable page ``playbook/imprimer/``). Presenter notes are not printed: handouts are for
the associations. Any request that would leave 127.0.0.1 is blocked.

Every page of every PDF carries, in its header, the licence and the attribution of the
academy named in ``mkdocs.yml`` (``academy.identity``): a handout travels without the site.
"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from academy import identity
from academy.localsite import CHROMIUM_ARGS, BrowserMissing, chromium_path, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PLAYBOOK_PAGE = "playbook/imprimer/"
FOOTER = (
    '<div style="width:100%;margin:0 12mm;font:8px sans-serif;color:#444;display:flex;justify-content:space-between">'
    '<span class="title"></span><span>page <span class="pageNumber"></span> sur <span class="totalPages"></span></span></div>'
)




def header(notice: str) -> str:
    """The header of every printed page: the licence and attribution line, escaped."""
    return f'<div style="width:100%;margin:0 12mm;font:7px sans-serif;color:#444">{html.escape(notice)}</div>'


@dataclass(frozen=True)
class Job:
    path: str  # page path in the site, e.g. "talks/02-donateurs-benevoles/"
    output: Path


def jobs(site_dir: Path, out_dir: Path) -> list[Job]:
    """What to print: every talk page of the built site, then the printable playbook."""
    found = [Job(f"talks/{page.parent.name}/", out_dir / f"{page.parent.name}.pdf") for page in sorted((site_dir / "talks").glob("*/index.html"))]
    if (site_dir / PLAYBOOK_PAGE / "index.html").is_file():
        found.append(Job(PLAYBOOK_PAGE, out_dir / "playbook.pdf"))
    return found


def print_pages(site_dir: Path, selected: list[Job], browser: Browser | None = None, notice: str = "") -> list[str]:
    """Print each job to its PDF; returns the problems (an empty list when every PDF was written).

    ``browser`` is an already started Playwright Chromium (the tests have one); by default the
    system Chromium is started for the job.
    """
    if browser is not None:
        return _print_with(browser, site_dir, selected, notice)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            return _print_with(browser, site_dir, selected, notice)
        finally:
            browser.close()


def _print_with(browser: Browser, site_dir: Path, selected: list[Job], notice: str) -> list[str]:
    from playwright.sync_api import Error as PlaywrightError

    problems: list[str] = []
    with serve(site_dir) as base:
        context = browser.new_context(locale="fr-FR", color_scheme="light", service_workers="block")
        try:
            # Nothing leaves this machine: any request to another host is refused.
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith((base, "data:", "blob:")) else route.abort())
            page = context.new_page()
            for job in selected:
                try:
                    response = page.goto(base + job.path, wait_until="networkidle")
                    if response is None or not response.ok:
                        problems.append(f"{job.path} : la page ne s'ouvre pas (statut {response.status if response else 'inconnu'})")
                        continue
                    page.emulate_media(media="print")
                    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
                    job.output.parent.mkdir(parents=True, exist_ok=True)
                    page.pdf(
                        path=str(job.output),
                        format="A4",
                        margin={"top": "18mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
                        print_background=True,
                        display_header_footer=True,
                        header_template=header(notice) if notice else "<span></span>",
                        footer_template=FOOTER,
                        outline=True,
                        tagged=True,
                    )
                    page.emulate_media(media="screen")
                except PlaywrightError as error:
                    problems.append(f"{job.path} : impression impossible ({error.message.splitlines()[0]})")
        finally:
            context.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m academy.pdf", description="Les PDF à distribuer : un par talk, et le playbook entier.")
    parser.add_argument("site", type=Path, help="le dossier du site construit (make build), par exemple site")
    parser.add_argument("--out", type=Path, help="dossier des PDF (par défaut : <site>/pdf)")
    parser.add_argument("--root", type=Path, default=Path(), help="le dépôt, dont mkdocs.yml donne la licence et l'attribution (par défaut : .)")
    parser.add_argument("--only", action="append", default=[], metavar="CHEMIN", help="n'imprimer que cette page, par exemple talks/02-donateurs-benevoles/ (répétable)")
    args = parser.parse_args(argv)
    site_dir: Path = args.site
    if not (site_dir / "index.html").is_file():
        print(f"Erreur : {site_dir}/index.html introuvable — construisez d'abord le site avec « make build ».", file=sys.stderr)
        return 2
    selected = jobs(site_dir, args.out or site_dir / "pdf")
    if args.only:
        selected = [job for job in selected if job.path in {p.strip("/") + "/" for p in args.only}]
    if not selected:
        print("Erreur : aucune page à imprimer.", file=sys.stderr)
        return 2
    try:
        problems = print_pages(site_dir, selected, notice=identity.read(args.root).licence_notice())
    except BrowserMissing as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"Erreur : {problem}", file=sys.stderr)
    for job in selected:
        if job.output.is_file():
            print(f"{job.output} ({job.output.stat().st_size // 1024} Ko)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
