"""Reading a programme's list of operations: an .xlsx workbook or CSV files.

The accepted format is fixed in the design notes (DESIGN.md, "Project list
import"): the sheets `Operations` and `Partners` (or `Prosjekter`, `Partnere`),
or CSV files in UTF-8 (with or without BOM) separated by `,` or `;`. Headers are
matched without regard to case, surrounding spaces or a trailing unit in
brackets, in English or Norwegian. A missing required column stops the import
before anything is written; the values themselves are checked row by row (see
`stories.importers.projects`).
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .report import ImportAborted

TRAILING_UNIT = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")


@dataclass(frozen=True)
class Column:
    key: str
    english: str
    norwegian: str
    required: bool = False


OPERATIONS = [
    Column("project_id", "Project ID", "Prosjekt-ID", required=True),
    Column("acronym", "Acronym", "Akronym"),
    Column("name", "Project name", "Prosjektnavn", required=True),
    Column("programme", "Programme", "Program", required=True),
    Column("objective", "Specific objective", "Særskilt mål"),
    Column("start", "Start date", "Startdato", required=True),
    Column("end", "End date", "Sluttdato", required=True),
    Column("total_budget", "Total budget", "Totalbudsjett"),
    Column("eu_funding", "EU funding", "EU-midler"),
    Column("cofinancing_rate", "Co-financing rate", "Medfinansieringsgrad"),
    Column("norwegian_funding", "Norwegian funding", "Norske IR-midler"),
    Column("summary", "Summary", "Sammendrag"),
    Column("website", "Website", "Nettside"),
]
PARTNERS = [
    Column("project_id", "Project ID", "Prosjekt-ID", required=True),
    Column("name", "Partner name", "Partnernavn", required=True),
    Column("role", "Role", "Rolle"),
    Column("country", "Country", "Land", required=True),
    Column("county", "County", "Fylke"),
    Column("nuts3", "NUTS3", "NUTS3"),
    Column("budget", "Partner budget", "Partnerbudsjett"),
]
SHEETS = {
    "operations": {"operations", "prosjekter"},
    "partners": {"partners", "partnere"},
}


def header_key(text):
    """`total budget` for ` Total budget (EUR) `."""
    text = " ".join(str(text or "").split())
    return TRAILING_UNIT.sub("", text).strip().casefold()


@dataclass
class Row:
    number: int
    values: dict


@dataclass
class Table:
    """The rows of one sheet or CSV file, by column key; `name` says where."""

    name: str
    rows: list = field(default_factory=list)
    ignored: list = field(default_factory=list)


def _columns_of(name, headers, columns, optional=()):
    by_header = {}
    for column in columns:
        by_header[header_key(column.english)] = column
        by_header[header_key(column.norwegian)] = column
    positions, ignored = {}, []
    for position, header in enumerate(headers):
        column = by_header.get(header_key(header))
        if column is None:
            if header_key(header):
                ignored.append(str(header).strip())
            continue
        if column.key in positions:
            raise ImportAborted(
                _("%(table)s: the column “%(column)s” appears twice.")
                % {"table": name, "column": column.english}
            )
        positions[column.key] = position
    for column in columns:
        if (
            column.required
            and column.key not in positions
            and column.key not in optional
        ):
            raise ImportAborted(
                _(
                    "%(table)s: the column “%(english)s” (or “%(norwegian)s”) is "
                    "missing. The columns are: %(found)s. Nothing was imported."
                )
                % {
                    "table": name,
                    "english": column.english,
                    "norwegian": column.norwegian,
                    "found": ", ".join(str(h) for h in headers if h) or "—",
                }
            )
    return positions, ignored


def _table(name, lines, columns, optional=()):
    """A Table from (row number, cells) pairs, the first non-empty being headers."""
    table = Table(name=name)
    positions = None
    for number, cells in lines:
        if not any(_filled(cell) for cell in cells):
            continue
        if positions is None:
            positions, table.ignored = _columns_of(name, cells, columns, optional)
            continue
        values = {
            key: cells[position] if position < len(cells) else None
            for key, position in positions.items()
        }
        table.rows.append(Row(number=number, values=values))
    if positions is None:
        raise ImportAborted(_("%(table)s is empty.") % {"table": name})
    return table


def _filled(cell):
    return cell is not None and str(cell).strip() != ""


def _cell_value(cell):
    """A cell's value: text, a date, or a Decimal (a percent cell as percent)."""
    value = cell.value
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        number = Decimal(str(value))
        if "%" in (cell.number_format or ""):
            number *= 100
        return number
    return value


def read_workbook(file, optional=()):
    """(operations, partners or None) from an .xlsx workbook."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise ImportAborted(
            _("The file is not an Excel workbook (.xlsx) that can be read.")
        ) from error
    sheets = {sheet.title.strip().casefold(): sheet for sheet in workbook.worksheets}
    found = {}
    for kind, names in SHEETS.items():
        found[kind] = next((sheets[n] for n in names if n in sheets), None)
    if found["operations"] is None:
        raise ImportAborted(
            _(
                "The workbook has no sheet called “Operations” (or “Prosjekter”); "
                "its sheets are: %(sheets)s."
            )
            % {"sheets": ", ".join(sheet.title for sheet in workbook.worksheets)}
        )
    tables = {}
    for kind, columns in (("operations", OPERATIONS), ("partners", PARTNERS)):
        sheet = found[kind]
        if sheet is None:
            tables[kind] = None
            continue
        lines = (
            (number, [_cell_value(cell) for cell in row])
            for number, row in enumerate(sheet.iter_rows(), 1)
        )
        tables[kind] = _table(sheet.title, lines, columns, optional)
    workbook.close()
    return tables["operations"], tables["partners"]


def read_csv(file, name, kind, optional=()):
    """A Table from a CSV file (UTF-8, `,` or `;`)."""
    data = file.read()
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise ImportAborted(
            _("%(file)s is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
            % {"file": name}
        ) from error
    text = text.removeprefix("\ufeff")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = ((reader.line_num, cells) for cells in reader)
    columns = OPERATIONS if kind == "operations" else PARTNERS
    try:
        return _table(name, lines, columns, optional)
    except csv.Error as error:
        raise ImportAborted(
            _("%(file)s, line %(line)s: %(problem)s")
            % {"file": name, "line": reader.line_num, "problem": error}
        ) from error


def is_workbook(file, filename):
    if filename.lower().endswith(".xlsx"):
        return True
    if filename.lower().endswith(".csv"):
        return False
    start = file.read(4)
    file.seek(0)
    return start == b"PK\x03\x04"
