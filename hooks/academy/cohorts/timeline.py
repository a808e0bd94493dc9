"""A cohort's sessions in time: numbered slots, past or upcoming, the next one, by talk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from academy.cohorts.schema import Cohort, Session


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

