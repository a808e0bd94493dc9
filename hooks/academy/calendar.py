"""The programme's calendar, as published: the pages that show the sessions, and the ``.ics`` file.

``academy.cohorts`` reads and checks the cohort files; this module turns valid cohorts
into text. Pages are Markdown (with some HTML) rendered by the shared Jinja2 environment:
every text from a data file goes through ``inline``, so a ``<script>`` or a ``*`` in a name
comes out as typed, never as HTML or Markdown. Dates are written in full, in French.

The iCalendar file (RFC 5545) is built with the ``icalendar`` library: events in
Europe/Paris with a VTIMEZONE; UIDs derived from the cohort and the session number, so
importing the file again updates the events instead of duplicating them; DTSTAMP taken
from the data, so two builds of the same data give the same bytes.
"""

from __future__ import annotations

import html
import json
import string
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from jinja2 import Environment, TemplateError
from markupsafe import Markup

from academy import templating

if TYPE_CHECKING:
    from academy.cohorts import Cohort, Session

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\u00a0"
# Fictional cohorts say so in every calendar entry: an example must not read as a real session.
FICTIONAL_PREFIX = "[Exemple fictif] "
FICTIONAL_NOTE = "Exemple fictif\u00a0: cette promotion est inventée, aucune session n'a lieu à cette date."
STATUS_LABELS = {  # status key of the cohort file -> (label, plural label)
    "a-cadrer": ("à cadrer", "à cadrer"),
    "en-cours": ("en cours", "en cours"),
    "deploye": ("déployé", "déployés"),
    "en-pause": ("en pause", "en pause"),
}
ROLE_HEADINGS = {"mentor": "Mentors", "intervenant": "Animation des talks", "coordination": "Coordination du programme"}
_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
# Every ASCII character but letters and spaces: HTML, Markdown and its extensions (« 1/2 », « 1st »)
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in string.punctuation + string.digits})


# --- Dates in French ----------------------------------------------------------------------


def month_name(month: int) -> str:
    return _MONTHS[month - 1]


def short_date(day: date) -> str:
    """``28 janvier 2020``; ``1er février 2020`` for the first day of a month."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {month_name(day.month)} {day.year}"


def long_date(day: date) -> str:
    """``mardi 28 janvier 2020``."""
    return f"{_DAYS[day.weekday()]} {short_date(day)}"


def clock(moment: time) -> str:
    """``19 h`` or ``19 h 30``, with non-breaking spaces (French typography)."""
    text = f"{moment.hour}{NBSP}h"
    return f"{text}{NBSP}{moment.minute:02d}" if moment.minute else text


def build_date(value: str | None) -> date:
    """The build date: ``value`` (AAAA-MM-JJ, from ``ACADEMY_TODAY``) when given, else today."""
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"« {value} » n'est pas une date AAAA-MM-JJ — corrigez-la, par exemple 2020-03-01") from None


# --- Sessions in time ---------------------------------------------------------------------


class Slot(NamedTuple):
    cohort: Cohort
    number: int  # 1-based position of the session in its cohort
    session: Session


def state(day: date, today: date) -> str:
    return "passée" if day < today else "aujourd'hui" if day == today else "à venir"


def slots(cohort: Cohort) -> list[Slot]:
    return [Slot(cohort, number, session) for number, session in enumerate(cohort.data.sessions, start=1)]


def next_slot(cohorts: Sequence[Cohort], today: date) -> Slot | None:
    """The first session on or after ``today`` across ``cohorts``."""
    upcoming = [slot for cohort in cohorts for slot in slots(cohort) if slot.session.date >= today]
    return min(upcoming, key=lambda slot: (slot.session.date, slot.session.start), default=None)


def sessions_by_talk(cohorts: Sequence[Cohort]) -> dict[str, list[Slot]]:
    """Talk slug -> its sessions in every cohort, latest first."""
    found: dict[str, list[Slot]] = defaultdict(list)
    for cohort in cohorts:
        for slot in slots(cohort):
            found[slot.session.talk].append(slot)
    return {slug: sorted(items, key=lambda slot: slot.session.date, reverse=True) for slug, items in found.items()}


# --- Pages --------------------------------------------------------------------------------


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


# --- iCalendar ----------------------------------------------------------------------------


def uid_host(site_url: str) -> str:
    """The namespace of the calendar's UIDs: the site's host, so that two academies built from
    the same repository never share an event (``localhost`` for a site without an address)."""
    return urlsplit(site_url).hostname or "localhost"


def session_uid(cohort_id: str, number: int, host: str) -> str:
    """Stable identifier of one session, e.g. ``2020-session-1@academy.example.org``."""
    return f"{cohort_id}-session-{number}@{host}"


def stamp(cohort: Cohort) -> datetime:
    """DTSTAMP taken from the data (1 January of the cohort's year, UTC): reproducible builds."""
    return datetime(cohort.data.year, 1, 1, tzinfo=UTC)


def talk_url(site_url: str, slug: str) -> str | None:
    return f"{site_url.rstrip('/')}/talks/{slug}/" if site_url else None


def _event(slot: Slot, title: str, site_url: str, academy: str) -> Event:
    cohort, number, session = slot
    url = talk_url(site_url, session.talk)
    where = session.place or f"visioconférence, {session.video_url}"
    lines = [FICTIONAL_NOTE] if cohort.data.fictional else []
    lines += [f"{cohort.data.name}, session {number} sur {len(cohort.data.sessions)}."]
    lines += [f"Talk « {title} », puis mentorat des associations.", f"Lieu : {where}."]
    lines += [f"Support du talk : {url}"] if url else []
    return Event.new(
        uid=session_uid(cohort.id, number, uid_host(site_url)),
        stamp=stamp(cohort),
        start=datetime.combine(session.date, session.start, tzinfo=PARIS),
        end=datetime.combine(session.date, session.end, tzinfo=PARIS),
        summary=f"{FICTIONAL_PREFIX if cohort.data.fictional else ''}{academy} – Session {number} : {title}",
        location=session.place or session.video_url,
        description="\n".join(lines),
        url=url,
    )


def cohort_to_ics(cohort: Cohort, site_url: str, talk_titles: Mapping[str, str] | None = None,
                  academy: str = "Académie", organisation: str = "") -> bytes:
    """The sessions of ``cohort`` as an iCalendar file (bytes, CRLF line endings).

    ``academy`` and ``organisation`` come from the identity block of mkdocs.yml (academy.identity).
    """
    titles = talk_titles or {}
    calendar = Calendar.new(
        prodid=f"-//{organisation or academy}//{academy}//FR",
        name=f"{academy} – {cohort.data.name}",
        uid=f"{cohort.id}@{uid_host(site_url)}",
    )
    for slot in slots(cohort):
        calendar.add_component(_event(slot, titles.get(slot.session.talk, slot.session.talk), site_url, academy))
    # A VTIMEZONE that covers the sessions, with one year of margin on each side.
    calendar.add_missing_timezones(date(cohort.first.year - 1, 1, 1), date(cohort.last.year + 1, 12, 31))
    return calendar.to_ical()
