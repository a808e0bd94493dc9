"""Dates and times written the French way, for pages and messages: « mardi 28 janvier 2020 », « 19 h 30 »."""

from __future__ import annotations

from datetime import date, time

NBSP = "\u00a0"
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
