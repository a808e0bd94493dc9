"""The pages that show the cohorts: the cohort's page, the index, a talk's dates, the home block.

Pages are Markdown (with some HTML) rendered by the shared Jinja2 environment: every text
from a data file goes through ``inline``, so a ``<script>`` or a ``*`` in a name comes out
as typed, never as HTML or Markdown. Dates are written in full, in French.
"""

from __future__ import annotations

import html
import json
import string
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from academy import templating
from academy.cohorts.schema import Cohort
from academy.cohorts.timeline import Slot, next_slot, slots, state
from academy.french_dates import clock, long_date, short_date

if TYPE_CHECKING:
    from jinja2 import Environment

STATUS_LABELS = {  # status key of the cohort file -> (label, plural label)
    "a-cadrer": ("à cadrer", "à cadrer"),
    "en-cours": ("en cours", "en cours"),
    "deploye": ("déployé", "déployés"),
    "en-pause": ("en pause", "en pause"),
}
ROLE_HEADINGS = {"mentor": "Mentors", "intervenant": "Animation des talks", "coordination": "Coordination du programme"}
# Every ASCII character but letters and spaces: HTML, Markdown and its extensions (« 1/2 », « 1st »)
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in string.punctuation + string.digits})


class RenderError(Exception):
    """A template failed; the message names the template and the data file."""


def inline(text: object) -> Markup:
    """Text from data made inert: HTML and Markdown characters become character references."""
    return Markup(str(text).translate(_INERT))


def _yaml_text(text: str) -> Markup:
    """A YAML string for front matter, HTML-escaped: themes print the page title as is."""
    return Markup(json.dumps(html.escape(text, quote=False), ensure_ascii=False))


def _join(items: Sequence[str]) -> Markup:
    """``A, B et C``, each item made inert."""
    parts = [inline(item) for item in items]
    return Markup(", ").join(parts[:-1]) + Markup(" et ") + parts[-1] if len(parts) > 1 else Markup("").join(parts)


@cache
def _environment() -> Environment:
    """The shared environment, with this module's filters (an overlay: the original is unchanged)."""
    env = templating.environment().overlay()
    filters = {"md": inline, "yaml_text": _yaml_text, "join_fr": _join, "clock": clock}
    env.filters = {**env.filters, **filters, "long_date": long_date, "short_date": short_date}
    return env


def _render(template: str, source: str, **context: Any) -> str:
    from jinja2 import TemplateError  # here, like the environment (academy.templating): a check renders nothing

    try:
        return _environment().get_template(template).render(**context)
    except TemplateError as error:
        raise RenderError(f"{template}: {error} (données : {source})") from error


def _status_counts(cohort: Cohort) -> list[str]:
    """``4 déployés``, in the order of STATUS_LABELS."""
    found = [association.status for association in cohort.data.associations]
    counts = [(found.count(key), label, plural) for key, (label, plural) in STATUS_LABELS.items()]
    return [f"{n} {plural if n > 1 else label}" for n, label, plural in counts if n]


def render_cohort_page(
    cohort: Cohort,
    talk_titles: Mapping[str, str],
    exercises_by_talk: Mapping[str, Sequence[tuple[str, str]]],
    today: date,
) -> str:
    """Markdown of ``promotions/<id>/index.md``; ``exercises_by_talk``: slug -> [(slug, title)]."""
    context = {"cohort": cohort, "data": cohort.data, "slots": slots(cohort), "today": today, "state": state}
    context |= {"next": next_slot([cohort], today), "titles": talk_titles, "exercises": exercises_by_talk}
    context |= {"status_counts": _status_counts(cohort), "statuses": STATUS_LABELS, "roles": ROLE_HEADINGS}
    return _render("cohort.md.j2", cohort.path, **context)


def render_index(cohorts: Sequence[Cohort], today: date) -> str:
    """Markdown of ``promotions/index.md``: newest cohort first."""
    newest = sorted(cohorts, key=lambda cohort: cohort.first, reverse=True)
    return _render("cohorts-index.md.j2", "docs/promotions/", cohorts=newest, today=today)


def render_talk_dates(talk_slots: Sequence[Slot], today: date) -> str:
    """Section appended to a talk page: its dates in each cohort."""
    return _render("talk-dates.md.j2", "docs/promotions/", slots=talk_slots, today=today, state=state)


def render_current(cohorts: Sequence[Cohort], talk_titles: Mapping[str, str], today: date) -> str:
    """Block of the home page: the next session, or the latest cohort when all are past."""
    latest = max(cohorts, key=lambda cohort: cohort.last, default=None)
    upcoming = next_slot(cohorts, today)
    return _render("current-cohort.md.j2", "docs/promotions/", next=upcoming, latest=latest, titles=talk_titles)

