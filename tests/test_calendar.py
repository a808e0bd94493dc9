"""The .ics file of a cohort, read back by icalendar and by vobject (an independent parser)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject
from academy.cohorts import ics as ics_export
from academy.cohorts import rules, schema
from conftest import TALK_TITLES

REPO = Path(__file__).resolve().parents[1]
TALKS = TALK_TITLES
SITE = "https://academy.example.org/"
ACADEMY, ORGANISATION = "Solidata Academy", "Solidata"  # what mkdocs.yml would give
# The 2020 cohort's sessions at 19:00 in Paris: UTC+1 in winter, UTC+2 from 29 March 2020.
UTC_STARTS = [
    datetime(2020, 1, 28, 18, tzinfo=UTC),
    datetime(2020, 2, 25, 18, tzinfo=UTC),
    datetime(2020, 3, 24, 18, tzinfo=UTC),
    datetime(2020, 4, 21, 17, tzinfo=UTC),
    datetime(2020, 5, 19, 17, tzinfo=UTC),
    datetime(2020, 6, 16, 17, tzinfo=UTC),
]


@pytest.fixture(scope="module")
def cohort() -> schema.Cohort:
    path = REPO / "tests" / "cases" / "calendar" / "2020.yml"  # a frozen copy: a fork replaces docs/promotions
    loaded, problems = rules.load_cohort(path, "docs/promotions/2020.yml", set(TALKS))
    assert problems == [] and loaded is not None
    return loaded


@pytest.fixture(scope="module")
def ics(cohort: schema.Cohort) -> bytes:
    return ics_export.cohort_to_ics(cohort, SITE, TALKS, ACADEMY, ORGANISATION)


def test_icalendar_reads_six_events_at_paris_local_times(ics: bytes) -> None:
    parsed = icalendar.Calendar.from_ical(ics)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == 6
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert parsed.get_missing_tzids() == set()
    # The closing evening lasts 2 h 30: talk 6 needs 150 minutes (session-duration rule).
    lengths = [timedelta(hours=2)] * 5 + [timedelta(hours=2, minutes=30)]
    for event, utc_start, length in zip(events, UTC_STARTS, lengths, strict=True):
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert (event.start.hour, event.start.minute) == (19, 0)
        assert event.start == utc_start
        assert event.end - event.start == length


def test_vobject_reads_the_same_events(ics: bytes) -> None:
    parsed = vobject.readOne(ics.decode("utf-8"))
    assert [tz.tzid.value for tz in parsed.vtimezone_list] == ["Europe/Paris"]
    starts = [event.dtstart.value for event in parsed.vevent_list]
    assert len(starts) == 6
    assert [start.astimezone(UTC) for start in starts] == UTC_STARTS
    assert [start.utcoffset() for start in starts] == [timedelta(hours=1)] * 3 + [timedelta(hours=2)] * 3
    first = parsed.vevent_list[0]
    assert first.uid.value == "2020-session-1@academy.example.org"
    assert first.summary.value == "[Exemple fictif] Solidata Academy – Session 1 : Définir sa stratégie digitale"
    assert first.location.value == "Lieu fictif, Paris"
    assert first.url.value == "https://academy.example.org/talks/01-strategie-digitale/"
    assert "Support du talk : https://academy.example.org/talks/01-strategie-digitale/" in first.description.value
    third = parsed.vevent_list[2]
    assert third.location.value == "https://visio.example.org/academie-2020-session-3"


def test_uids_are_stable_and_the_file_is_reproducible(cohort: schema.Cohort, ics: bytes) -> None:
    again = ics_export.cohort_to_ics(cohort, SITE, TALKS, ACADEMY, ORGANISATION)
    assert again == ics
    uids = [str(event["UID"]) for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")]
    assert uids == [f"2020-session-{number}@academy.example.org" for number in range(1, 7)]
    stamps = {event["DTSTAMP"].dt for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")}
    assert stamps == {datetime(2020, 1, 1, tzinfo=UTC)}


def test_a_moved_session_keeps_its_uid(cohort: schema.Cohort) -> None:
    sessions = list(cohort.data.sessions)
    sessions[1] = sessions[1].model_copy(update={"start": sessions[1].start.replace(hour=18)})
    moved = schema.Cohort(cohort.id, cohort.path, cohort.data.model_copy(update={"sessions": sessions}))
    event = list(icalendar.Calendar.from_ical(ics_export.cohort_to_ics(moved, SITE, TALKS)).walk("VEVENT"))[1]
    assert str(event["UID"]) == "2020-session-2@academy.example.org"
    assert (event.start.hour, event.start.minute) == (18, 0)


def test_lines_follow_rfc_5545(ics: bytes) -> None:
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")
    lines = ics.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # long lines are folded
    assert b"\n" not in ics.replace(b"\r\n", b"")
    assert b"VERSION:2.0" in lines and b"PRODID:-//Solidata//Solidata Academy//FR" in lines


def test_without_site_url_events_have_no_url(cohort: schema.Cohort) -> None:
    events = list(icalendar.Calendar.from_ical(ics_export.cohort_to_ics(cohort, "", TALKS)).walk("VEVENT"))
    assert all("URL" not in event for event in events)


def test_two_sites_built_from_one_repository_never_share_an_event(cohort: schema.Cohort) -> None:
    """A volunteer who imports both calendars keeps both sets of events (UIDs by site host)."""
    ours = {str(e["UID"]) for e in icalendar.Calendar.from_ical(ics_export.cohort_to_ics(cohort, SITE, TALKS)).walk("VEVENT")}
    other = ics_export.cohort_to_ics(cohort, "https://solidata.example.org/academy/", TALKS)
    theirs = {str(e["UID"]) for e in icalendar.Calendar.from_ical(other).walk("VEVENT")}
    assert ours.isdisjoint(theirs) and all(uid.endswith("@solidata.example.org") for uid in theirs)


def rfc_5545(text: str) -> str:
    """A TEXT value as RFC 5545 (3.3.11) writes it: backslash first, then « ; », « , » and newlines."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def test_every_text_from_the_data_is_escaped_and_folded(cohort: schema.Cohort) -> None:
    """Commas, semicolons, backslashes and newlines in a cohort file, a talk title or mkdocs.yml stay text."""
    name = "Promo 2020, printemps; « Lyon\\Villeurbanne » <b>" + " é" * 60  # long, with two-byte characters
    place = "Salle 3; bâtiment B, 2e étage\\sud"
    sessions = [s.model_copy(update={"place": place, "video_url": None}) if i == 0 else s for i, s in enumerate(cohort.data.sessions)]
    hostile = schema.Cohort(cohort.id, cohort.path, cohort.data.model_copy(update={"name": name, "sessions": sessions}))
    title = "Stratégie; digitale, première partie\\\nseconde ligne"  # a front-matter title may hold a newline
    titles = {**TALKS, "01-strategie-digitale": title}
    academy, organisation = "Académie, solidaire; ouverte\\", "Solidata; Conseil"
    ics = ics_export.cohort_to_ics(hostile, SITE, titles, academy, organisation)

    physical = ics.split(b"\r\n")
    assert all(len(line) <= 75 for line in physical)  # folded at 75 octets
    assert all(line.decode("utf-8") for line in physical if line)  # never inside a character
    lines = ics.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")  # unfolded
    calendar_name = f"{academy} – {name} (fictive)"
    assert f"NAME:{rfc_5545(calendar_name)}" in lines and f"X-WR-CALNAME:{rfc_5545(calendar_name)}" in lines
    assert f"PRODID:-//{rfc_5545(organisation)}//{rfc_5545(academy)}//FR" in lines
    summary = f"[Exemple fictif] {academy} – Session 1 : {title}"
    assert f"SUMMARY:{rfc_5545(summary)}" in lines and f"LOCATION:{rfc_5545(place)}" in lines
    first_description = next(line for line in lines if line.startswith("DESCRIPTION:"))  # the first session's
    assert rfc_5545(f"{name}, session 1 sur 6.\nTalk « {title} », puis mentorat") in first_description

    parsed = vobject.readOne(ics.decode("utf-8"))  # an independent reader gets every value back as written
    first = parsed.vevent_list[0]
    assert (first.summary.value, first.location.value) == (summary, place)
    assert f"{name}, session 1 sur 6.\nTalk « {title} », puis mentorat" in first.description.value
    assert parsed.contents["x-wr-calname"][0].value == calendar_name
