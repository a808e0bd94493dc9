"""What the valid cohorts add to the site: their pages, their calendars, dates on talk pages.

``render`` takes what ``academy.model`` loaded (the published cohorts, the talks' titles and
exercises, the build date and the site URL) and returns a ``Build``; ``decorate`` adds the
dates to a talk page and the next session to the home page. This is the last step of
« cohort YAML → schema → rules → timeline → pages and .ics ».
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from academy import cache
from academy.cohorts import ics, pages, timeline
from academy.cohorts.schema import Cohort

PROMOTIONS_DIR = "promotions"
MARKER = "<!-- academy:current-cohort -->"


@dataclass
class Build:
    """Everything the cohorts add to one build of the site."""

    sources: list[str] = field(default_factory=list)  # docs-relative YAML files, kept out of site/
    files: dict[str, str | bytes] = field(default_factory=dict)  # docs-relative path -> content
    talk_dates: dict[str, str] = field(default_factory=dict)  # talk slug -> section to append
    current: str = ""  # replaces MARKER on the home page
    edit_uris: dict[str, str] = field(default_factory=dict)  # generated page -> its YAML source


def render(published: Sequence[Cohort], sources: Sequence[str], titles: Mapping[str, str],
           exercises: Mapping[str, Sequence[tuple[str, str]]], today: date, site_url: str,
           academy: str = "Académie", organisation: str = "") -> Build:
    """The pages and calendars of the ``published`` cohorts (``sources``: every cohort file).

    ``academy``, ``organisation``: the identity block's, for the calendars' names."""
    out = Build(sources=list(sources))
    if not sources:
        return out  # a site without cohort files gets no cohort pages
    for cohort in published:
        base = f"{PROMOTIONS_DIR}/{cohort.id}"
        out.files[f"{base}/index.md"] = pages.render_cohort_page(cohort, titles, exercises, today)
        out.edit_uris[f"{base}/index.md"] = cohort.path
        # Kept under what it is made of: icalendar took a tenth of each `make serve` rebuild.
        key = cache.key(cache.code_digest(), repr(cohort), site_url, repr(sorted(titles.items())), academy, organisation)
        out.files[f"{base}/{cohort.id}.ics"] = cache.value(
            "calendars", key, lambda cohort=cohort: ics.cohort_to_ics(cohort, site_url, titles, academy, organisation))
    out.files[f"{PROMOTIONS_DIR}/index.md"] = pages.render_index(published, today)
    by_talk = timeline.sessions_by_talk(published)
    out.talk_dates = {slug: pages.render_talk_dates(items, today) for slug, items in by_talk.items()}
    out.current = pages.render_current(published, titles, today)
    return out


def decorate(src_uri: str, markdown: str, result: Build) -> str | None:
    """A talk page gets its dates; the home page gets the current cohort; else None."""
    parts = src_uri.split("/")
    if len(parts) == 3 and parts[0] == "talks" and parts[2] == "index.md" and parts[1] in result.talk_dates:
        return markdown.rstrip("\n") + "\n\n" + result.talk_dates[parts[1]]
    if src_uri == "index.md" and MARKER in markdown:
        return "\n".join(
            result.current.rstrip("\n") if line.strip() == MARKER else line for line in markdown.split("\n")
        )
    return None
