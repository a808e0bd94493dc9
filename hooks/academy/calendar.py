"""When sessions happen: dates in full French, past and upcoming sessions, the iCalendar file.

The ``.ics`` file is built with the ``icalendar`` library. Events are in Europe/Paris with
a VTIMEZONE; each UID is derived from the cohort and the session number, so importing the
file again updates the events instead of duplicating them; DTSTAMP comes from the data, so
two builds of the same data give the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

if TYPE_CHECKING:
    from academy.cohorts import Cohort, Session

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\u00a0"
UID_DOMAIN = "data-hive-academy"
_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


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


def hours(start: time, end: time) -> str:
    """``de 19 h à 21 h 30``."""
    return f"de {clock(start)} à {clock(end)}"


# --- Sessions in time ----------------------------------------------------------------------


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


def build_date(value: str | None) -> date:
    """The build date: ``value`` (AAAA-MM-JJ, from ``ACADEMY_TODAY``) when given, else today."""
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"« {value} » n'est pas une date AAAA-MM-JJ — corrigez-la, par exemple 2020-03-01") from None



# --- iCalendar ---------------------------------------------------------------------------


def session_uid(cohort_id: str, number: int) -> str:
    """Stable identifier of one session, e.g. ``2020-session-1@data-hive-academy``."""
    return f"{cohort_id}-session-{number}@{UID_DOMAIN}"


def stamp(cohort: Cohort) -> datetime:
    """DTSTAMP taken from the data (1 January of the cohort's year, UTC): reproducible builds."""
    return datetime(cohort.data.year, 1, 1, tzinfo=UTC)


def talk_url(site_url: str, slug: str) -> str | None:
    return f"{site_url.rstrip('/')}/talks/{slug}/" if site_url else None


def _event(cohort: Cohort, number: int, session: Session, title: str, site_url: str) -> Event:
    url = talk_url(site_url, session.talk)
    where = session.place or f"Visioconférence : {session.video_url}"
    lines = [
        f"{cohort.data.name}, session {number} sur {len(cohort.data.sessions)}.",
        f"Talk « {title} », puis mentorat des associations.",
        f"Lieu : {where}",
    ]
    if url:
        lines.append(f"Support du talk : {url}")
    return Event.new(
        uid=session_uid(cohort.id, number),
        stamp=stamp(cohort),
        start=datetime.combine(session.date, session.start, tzinfo=PARIS),
        end=datetime.combine(session.date, session.end, tzinfo=PARIS),
        summary=f"Data Hive Academy – Session {number} : {title}",
        location=session.place or str(session.video_url),
        description="\n".join(lines),
        url=url,
    )


def cohort_to_ics(cohort: Cohort, site_url: str, talk_titles: Mapping[str, str] | None = None) -> bytes:
    """The six sessions of ``cohort`` as an iCalendar file (bytes, CRLF line endings)."""
    titles = talk_titles or {}
    calendar = Calendar.new(
        prodid="-//fifty-five//Data Hive Academy//FR",
        name=f"Data Hive Academy – {cohort.data.name}",
        uid=f"{cohort.id}@{UID_DOMAIN}",
    )
    for number, session in enumerate(cohort.data.sessions, start=1):
        title = titles.get(session.talk, session.talk)
        calendar.add_component(_event(cohort, number, session, title, site_url))
    days = [session.date for session in cohort.data.sessions]
    if days:
        # A VTIMEZONE that covers the sessions, with one year of margin on each side.
        calendar.add_missing_timezones(date(min(days).year - 1, 1, 1), date(max(days).year + 1, 12, 31))
    return calendar.to_ical()
