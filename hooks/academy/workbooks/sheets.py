"""The pieces every exercise workbook is made of: formats, named data ranges, formulas with their results.

A formula is written in the file's own language (English names, commas), the one that Excel,
LibreOffice Calc and Google Sheets all read; each application shows it in the reader's language.
``french`` gives the text that a French Calc or Excel shows, for the « Consignes » sheet.
Each formula carries the result that the generator computed in Python: Excel's protected view
and phone viewers show it before any recalculation, and the tests check that LibreOffice,
recalculating every formula, finds the same figures as the notebooks.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

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
FIXED_DATE = dt.datetime(2024, 12, 31)  # document properties: same bytes at every build
REFERENCE_DATE = dt.date(2024, 12, 31)  # the last day of the data


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
    workbook = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
    workbook.set_properties({
        "title": title,
        # No author: the site that publishes the workbook names itself (a copy keeps this file as it is).
        "comments": "Données synthétiques : l'association et les personnes sont fictives.",
        "created": FIXED_DATE,
    })
    workbook.set_calc_mode("auto")
    return Book(workbook)


def cell(row: int, col: int, *, absolute: bool = False) -> str:
    return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)


def column(col: int) -> str:
    return xl_col_to_name(col)


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


def ratio(numerator: float, denominator: float) -> float | str:
    return numerator / denominator if denominator else ""


# The « Consignes » sheet ----------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    text: str  # one or two short sentences
    formula: str = ""  # file-format formula to show in French, or ""


def instructions(book: Book, title: str, intro: Sequence[str], steps: Sequence[Step], outro: Sequence[str]) -> None:
    """The first sheet: what the workbook holds and what to do, in plain French."""
    sheet = book.sheet("Consignes", [5, 70, 52], freeze=None)
    sheet.set_portrait()
    f = book.formats
    sheet.write_string(0, 0, title, f["title"])
    row = 2
    for line in intro:
        sheet.merge_range(row, 0, row, 2, line, f["wrap"])
        sheet.set_row(row, 15 * (1 + len(line) // 110))
        row += 1
    row += 1
    sheet.write_string(row, 0, "Étapes", f["heading"])
    sheet.write_string(row, 2, "Formule à écrire (LibreOffice Calc et Excel en français)", f["label"])
    row += 1
    for number, step in enumerate(steps, 1):
        sheet.write_number(row, 0, number, f["label"])
        sheet.write_string(row, 1, step.text, f["wrap"])
        if step.formula:
            sheet.write_string(row, 2, french(step.formula), f["formula"])
        lines = max(1 + len(step.text) // 68, 1 + len(step.formula) // 48)
        sheet.set_row(row, 15 * lines)
        row += 1
    row += 1
    for line in outro:
        sheet.merge_range(row, 0, row, 2, line, f["wrap"])
        sheet.set_row(row, 15 * (1 + len(line) // 110))
        row += 1


@dataclass(frozen=True)
class Table:
    """A block of a working sheet: a title, a header row, rows of labels and formulas."""

    title: str
    headers: Sequence[str]
    kinds: Sequence[str]  # a format name per column; "row" takes the row's format from row_kinds
    rows: Sequence[Sequence[object]]  # labels, values and Formula objects
    tolerances: Sequence[float] = ()  # per column, for the « Contrôle » cells (default 0.0005)
    row_kinds: Sequence[str] = ()


def write_table(book: Book, sheet, top: int, left: int, table: Table, *, solution: bool, check_col: bool = True,
                header_height: float | None = 30) -> None:
    """Write ``table`` with its title at (top, left), its header below, its rows under the header.

    In the solution, formulas are written with their results. In the working sheet, each
    formula becomes an empty yellow cell for the reader, and a last column « Contrôle » says
    « Juste » once every answer of the row matches the solution.
    """
    f = book.formats
    sheet.write_string(top, left, table.title, f["heading"])
    has_formulas = any(isinstance(v, Formula) for row in table.rows for v in row)
    headers = list(table.headers) + (["Contrôle"] if has_formulas and check_col and not solution else [])
    for col, title in enumerate(headers):
        sheet.write_string(top + 1, left + col, title, f["header"])
    if header_height:
        sheet.set_row(top + 1, header_height)  # headers wrap on two lines
    for index, values in enumerate(table.rows):
        row = top + 2 + index
        tests = []
        for col, (value, kind) in enumerate(zip(values, table.kinds, strict=True)):
            kind = table.row_kinds[index] if kind == "row" else kind
            if not isinstance(value, Formula):
                write_value(sheet, row, left + col, value, f["label"] if col == 0 and isinstance(value, str) else f[kind])
            elif solution:
                write_formula(sheet, row, left + col, value, f[kind])
            else:
                sheet.write_blank(row, left + col, None, book.todo[kind])
                tolerance = table.tolerances[col] if col < len(table.tolerances) else 0.0005
                tests.append(_test(cell(row, left + col), value.value, tolerance))
        if tests and check_col and not solution:
            target = cell(row, left + len(table.kinds))
            answers = ",".join(t[0] for t in tests)
            formula = f'=IF(COUNTA({answers})=0,"",IF(AND({",".join(t[1] for t in tests)}),"Juste","À revoir"))'
            sheet.write_formula(target, formula, f["check"], "")


def _test(ref: str, expected: object, tolerance: float) -> tuple[str, str]:
    if isinstance(expected, bool):
        return ref, f"{ref}={str(expected).upper()}"
    if isinstance(expected, str):
        return ref, f'{ref}="{expected}"' if expected else f'{ref}=""'
    if isinstance(expected, dt.date):
        expected = (expected - dt.date(1899, 12, 30)).days
    return ref, f'IF(ISNUMBER({ref}),ABS({ref}-{float(expected)!r})<={tolerance!r},FALSE)'
