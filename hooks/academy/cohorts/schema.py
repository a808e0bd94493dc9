"""The shape of a cohort file (``docs/promotions/<id>.yml``): typed, validated by pydantic.

Values stay as the author typed them until validated here, so ``2020-13-05`` becomes a
message with its line, never a traceback. Rules that span the file live in ``rules.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from academy.french_dates import month_name

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # the file name without .yml
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_URL = re.compile(r"^https://[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]+)?(/[\w.~%/?#&=+-]*)?$", re.IGNORECASE)

_WHAT_TO_DO = {  # what to write instead, by kind of value
    "date": "écrivez une vraie date au format AAAA-MM-JJ, par exemple 2020-01-28",
    "time": "écrivez une heure de 00:00 à 23:59 au format HH:MM, par exemple 18:30",
    "url": "écrivez une adresse complète qui commence par https://, par exemple https://asso.example.org/",
    "bool": "écrivez true si les données sont inventées, false sinon",
}



def _date(value: Any) -> date:
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"date « {value} » illisible — {_WHAT_TO_DO['date']}")
    year, month, day = map(int, match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"date « {value} » impossible : le mois {month} n'existe pas — {_WHAT_TO_DO['date']}")
    try:
        return date(year, month, day)
    except ValueError:
        impossible = f"le {day} {month_name(month)} {year} n'existe pas"
        raise ValueError(f"date « {value} » impossible : {impossible} — {_WHAT_TO_DO['date']}") from None



def _time(value: Any) -> time:
    match = _TIME.match(value) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"heure « {value} » illisible — {_WHAT_TO_DO['time']}")
    return time(int(match[1]), int(match[2]))


def _https(value: Any) -> str:
    if not isinstance(value, str) or not _URL.match(value.strip()):
        raise ValueError(f"adresse « {value} » invalide — {_WHAT_TO_DO['url']}")
    return value.strip()


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"« {value} » n'est ni true ni false — {_WHAT_TO_DO['bool']}")
    return value


def _one_line(text: str) -> str:
    if "\n" in text:
        raise ValueError("texte sur plusieurs lignes — écrivez-le sur une seule ligne")
    return text


Line = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_one_line)]
Day = Annotated[date, BeforeValidator(_date)]
Clock = Annotated[time, BeforeValidator(_time)]
Https = Annotated[str, BeforeValidator(_https)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Session(_Strict):
    date: Day
    start: Clock
    end: Clock
    place: Line | None = None
    video_url: Https | None = None
    talk: Line  # the talk's folder name under talks/, e.g. 01-strategie-digitale

    @model_validator(mode="after")
    def _place_or_video(self) -> Session:
        if (self.place is None) == (self.video_url is None):
            raise ValueError(
                "un lieu (place) ou un lien de visioconférence (video_url) — gardez l'un des deux, pas les deux"
            )
        return self


class Association(_Strict):
    name: Line
    description: Line
    website: Https
    use_case: Line
    status: Literal["a-cadrer", "en-cours", "deploye", "en-pause"]  # labels: pages.STATUS_LABELS
    mentors: list[Line]


class Volunteer(_Strict):
    name: Line  # the display name this person agreed to show
    role: Literal["mentor", "intervenant", "coordination"]  # headings: pages.ROLE_HEADINGS


class CohortData(_Strict):
    name: Line
    year: int = Field(ge=2018, le=2100)
    fictional: Annotated[bool, BeforeValidator(_boolean)]
    sessions: list[Session] = Field(min_length=1)
    associations: list[Association] = Field(min_length=1)
    volunteers: list[Volunteer] = Field(min_length=1)


@dataclass(frozen=True)
class Cohort:
    id: str  # the file name without ``.yml``: the page is promotions/<id>/
    path: str  # relative to the repository root, for messages
    data: CohortData

    @property
    def first(self) -> date:
        return self.data.sessions[0].date

    @property
    def last(self) -> date:
        return self.data.sessions[-1].date

