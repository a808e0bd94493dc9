"""The sheets the reader works in: « Consignes », then tables to complete, checked cell by cell.

In the solution, formulas are written with their results; in the working sheet each becomes a
yellow cell to fill, and a « Contrôle » column says « Juste » once the row's answers are right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from academy.workbooks.formulas import Formula, answer_test, cell, french
from academy.workbooks.sheets import Book, write_formula, write_value


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
                tests.append(answer_test(cell(row, left + col), value.value, tolerance))
        if tests and check_col and not solution:
            target = cell(row, left + len(table.kinds))
            answers = ",".join(t[0] for t in tests)
            formula = f'=IF(COUNTA({answers})=0,"",IF(AND({",".join(t[1] for t in tests)}),"Juste","À revoir"))'
            sheet.write_formula(target, formula, f["check"], "")
