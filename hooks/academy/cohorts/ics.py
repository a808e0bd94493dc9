"""A cohort's sessions as an iCalendar file (RFC 5545), built with the ``icalendar`` library.

Events in Europe/Paris with a VTIMEZONE; UIDs derived from the cohort and the session
number, so importing the file again updates the events instead of duplicating them;
DTSTAMP taken from the data, so two builds of the same data give the same bytes. Every text
value is escaped as RFC 5545 says (backslash, comma, semicolon, newline) and long lines are
folded at 75 octets, never inside a character: ``icalendar`` does both.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from academy.cohorts.schema import Cohort
from academy.cohorts.timeline import Slot, slots
from academy.escaping import split_url

if TYPE_CHECKING:
    from icalendar import Event

PARIS = ZoneInfo("Europe/Paris")
# Fictional cohorts say so in every calendar entry: an example must not read as a real session.
FICTIONAL_PREFIX = "[Exemple fictif] "
FICTIONAL_NOTE = "Exemple fictif\u00a0: cette promotion est inventée, aucune session n'a lieu à cette date."



def uid_host(site_url: str) -> str:
    """The namespace of the calendar's UIDs: the site's host, so that two academies built from
    the same repository never share an event (``localhost`` for a site without an address)."""
    return (parts.hostname if (parts := split_url(site_url)) else None) or "localhost"


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
    from icalendar import Event

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
    from icalendar import Calendar, vText  # here: 0.8 s of imports, and a check reads the calendars from the cache

    titles = talk_titles or {}
    name = f"{academy} – {cohort.data.name}{' (fictive)' if cohort.data.fictional else ''}"
    calendar = Calendar.new(prodid=f"-//{organisation or academy}//{academy}//FR", name=name, uid=f"{cohort.id}@{uid_host(site_url)}")
    for key in ("NAME", "X-WR-CALNAME"):  # icalendar writes these two unescaped (a « , » or « ; » would cut them): TEXT
        calendar[key] = vText(name)
    for slot in slots(cohort):
        calendar.add_component(_event(slot, titles.get(slot.session.talk, slot.session.talk), site_url, academy))
    # A VTIMEZONE that covers the sessions, with one year of margin on each side.
    calendar.add_missing_timezones(date(cohort.first.year - 1, 1, 1), date(cohort.last.year + 1, 12, 31))
    return calendar.to_ical()
