"""The workbook itself: its formats, its data sheets with named ranges, cells written by type.

``academy.workbooks.formulas`` holds the formulas; ``academy.workbooks.steps`` the sheets
that the reader works in.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xlsxwriter

from academy.workbooks.formulas import Formula, column

FIXED_DATE = dt.datetime(2024, 12, 31)  # document properties: same bytes at every build
REFERENCE_DATE = dt.date(2024, 12, 31)  # the last day of the data


@dataclass
class Figure:
    """A result that the exercise page quotes and the notebook computes too."""

    key: str
    sheet: str
    cell: str
    value: float | int | str | bool


@dataclass
class Book:
    """An open workbook with the academy's formats."""

    workbook: xlsxwriter.Workbook
    figures: list[Figure] = field(default_factory=list)

    def __post_init__(self) -> None:
        add = self.workbook.add_format
        base = {"font_name": "Liberation Sans", "font_size": 11, "valign": "top"}
        self.formats = {
            "text": add(base),
            "wrap": add({**base, "text_wrap": True}),
            "title": add({**base, "bold": True, "font_size": 15, "font_color": "#1f5f5b"}),
            "heading": add({**base, "bold": True, "font_size": 12, "font_color": "#1f5f5b"}),
            "header": add({**base, "bold": True, "bg_color": "#d9ead3", "bottom": 1, "text_wrap": True}),
            "label": add({**base, "bold": True}),
            "year_header": add({**base, "bold": True, "bg_color": "#d9ead3", "bottom": 1, "text_wrap": True, "num_format": '"Dons en "0'}),
            "month": add({**base, "num_format": "mm/yyyy", "align": "left"}),
            "formula": add({**base, "font_name": "Liberation Mono", "font_size": 10, "text_wrap": True}),
            "check": add({**base, "italic": True, "font_color": "#6b4e00"}),
            **{name: add({**base, **number}) for name, number in _NUMBER.items()},
        }
        # Cells for the reader to fill: pale yellow, same number formats.
        self.todo = {name: add({**base, **_NUMBER.get(name, {}), "bg_color": "#fff2cc", "border": 1, "border_color": "#bf9000"})
                     for name in ("text", *_NUMBER)}

    def sheet(self, name: str, widths: Sequence[float], *, freeze: tuple[int, int] | None = (1, 0)):
        sheet = self.workbook.add_worksheet(name)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        if freeze:
            sheet.freeze_panes(*freeze)
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.set_landscape()
        sheet.set_header("&LLes Berges de Valmaronne, association fictive : données synthétiques&R&A")
        sheet.set_footer("&CPage &P / &N")
        return sheet


_NUMBER = {
    "int": {"num_format": "#,##0"},
    "euro": {"num_format": '#,##0.00" €"'},
    "percent": {"num_format": "0.0 %"},  # French style: a space before the sign
    "year": {"num_format": "0", "align": "center"},
    "center": {"align": "center"},
    "date": {"num_format": "dd/mm/yyyy;;"},
    "ratio": {"num_format": "0.00"},
    "bool": {"align": "center", "num_format": '"VRAI";"VRAI";"FAUX"'},  # a looked-up TRUE reads VRAI in Calc too
}


def new_book(path: Path, title: str) -> Book:
    # MAXIFS, newer than the file format, is written "_xlfn.MAXIFS" by hand: XlsxWriter's automatic
    # prefixing runs some hundred regular expressions on each of the 21 000 formulas of exercise 2.
    import xlsxwriter  # here: 0.6 s of imports that a check never needs

    workbook = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
    workbook.set_properties({
        "title": title,
        # No author: the site that publishes the workbook names itself (a copy keeps this file as it is).
        "comments": "Données synthétiques : l'association et les personnes sont fictives.",
        "created": FIXED_DATE,
    })
    workbook.set_calc_mode("auto")
    return Book(workbook)


# Data -----------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def boolean(text: str) -> bool:
    return text == "True"


@dataclass(frozen=True)
class Column:
    title: str  # header in the sheet: the CSV column name, so the data dictionary applies
    name: str | None  # defined name of the column's cells (None: no name)
    kind: str  # a format of Book.formats
    width: float


def data_sheet(book: Book, name: str, columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> int:
    """A sheet of values with a frozen, filterable header and one defined name per column; its last row."""
    sheet = book.sheet(name, [max(c.width, len(c.title) + 3) for c in columns])  # the header fits on one line
    header = book.formats["header"]
    for col, spec in enumerate(columns):
        sheet.write_string(0, col, spec.title, header)
    for row, values in enumerate(rows, 1):
        for col, (spec, value) in enumerate(zip(columns, values, strict=True)):
            write_value(sheet, row, col, value, book.formats[spec.kind])
    last = len(rows)
    sheet.autofilter(0, 0, last, len(columns) - 1)
    for col, spec in enumerate(columns):
        if spec.name:
            book.workbook.define_name(spec.name, f"='{name}'!${column(col)}$2:${column(col)}${last + 1}")
    return last + 1


def write_value(sheet, row: int, col: int, value: object, fmt) -> None:
    if isinstance(value, Formula):
        write_formula(sheet, row, col, value, fmt)
    elif value is None or value == "":
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), fmt)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def write_formula(sheet, row: int, col: int, formula: Formula, fmt) -> None:
    value = formula.value
    if isinstance(value, dt.date):
        value = (value - dt.date(1899, 12, 30)).days
    sheet.write_formula(row, col, formula.text, fmt, "" if value is None else value)
