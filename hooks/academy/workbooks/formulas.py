"""Formulas as the file holds them, with their results, and as a French reader types them.

A formula is written in the file's own language (English names, commas), the one that Excel,
LibreOffice Calc and Google Sheets all read; each application shows it in the reader's language.
``french`` gives the text that a French Calc or Excel shows, for the « Consignes » sheet.
Each formula carries the result that the generator computed in Python: Excel's protected view
and phone viewers show it before any recalculation, and the tests check that LibreOffice,
recalculating every formula, finds the same figures as the notebooks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# File-format names -> names shown by the French versions of LibreOffice Calc and Excel (the same
# in both for every function used here).
FRENCH_NAMES = {
    "AND": "ET",
    "AVERAGE": "MOYENNE",
    "COUNTA": "NBVAL",
    "COUNTIF": "NB.SI",
    "COUNTIFS": "NB.SI.ENS",
    "DATE": "DATE",
    "IF": "SI",
    "ISNUMBER": "ESTNUM",
    "MAXIFS": "MAX.SI.ENS",
    "SUM": "SOMME",
    "SUMIF": "SOMME.SI",
    "SUMIFS": "SOMME.SI.ENS",
    "VLOOKUP": "RECHERCHEV",
    "TRUE": "VRAI",
    "FALSE": "FAUX",
}
_STRING = re.compile(r'("[^"]*")')
_NAME = re.compile(r"\b([A-Z][A-Z.]*)\b")


def french(formula: str) -> str:
    """``=COUNTIFS(a,"x",b,0.5)`` -> ``=NB.SI.ENS(a;"x";b;0,5)``; text between quotes is kept."""
    parts = _STRING.split(formula.replace("_xlfn.", ""))
    for index in range(0, len(parts), 2):
        text = _NAME.sub(lambda m: FRENCH_NAMES.get(m[1], m[1]), parts[index])
        parts[index] = re.sub(r"(\d)\.(\d)", r"\1,\2", text.replace(",", ";"))
    return "".join(parts)


@dataclass(frozen=True)
class Formula:
    text: str  # file-format formula, starting with "="
    value: float | int | str | bool  # its result, computed by the generator


def cell(row: int, col: int, *, absolute: bool = False) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell  # here: loading xlsxwriter costs 0.6 s, which a check never needs

    return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)


def column(col: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    return xl_col_to_name(col)


def ratio(numerator: float, denominator: float) -> float | str:
    return numerator / denominator if denominator else ""


def answer_test(ref: str, expected: object, tolerance: float) -> tuple[str, str]:
    """(cell, condition) that is true when the reader's answer in ``ref`` is ``expected`` (numbers: within ``tolerance``)."""
    if isinstance(expected, bool):
        return ref, f"{ref}={str(expected).upper()}"
    if isinstance(expected, str):
        return ref, f'{ref}="{expected}"' if expected else f'{ref}=""'
    if isinstance(expected, dt.date):
        expected = (expected - dt.date(1899, 12, 30)).days
    return ref, f'IF(ISNUMBER({ref}),ABS({ref}-{float(expected)!r})<={tolerance!r},FALSE)'
