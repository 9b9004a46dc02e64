"""Lists of operations as programmes publish them: .xlsx workbooks and CSV files."""

import csv
import io

from openpyxl import Workbook

OPERATION_HEADERS = [
    "Project ID",
    "Acronym",
    "Project name",
    "Programme",
    "Specific objective",
    "Start date",
    "End date",
    "Total budget (EUR)",
    "EU funding (EUR)",
    "Co-financing rate (%)",
    "Norwegian funding (NOK)",
    "Summary",
    "Website",
]
PARTNER_HEADERS = [
    "Project ID",
    "Partner name",
    "Role",
    "Country",
    "County",
    "NUTS3",
    "Partner budget (EUR)",
]
NORWEGIAN_OPERATION_HEADERS = [
    "Prosjekt-ID",
    "Akronym",
    "Prosjektnavn",
    "Program",
    "Særskilt mål",
    "Startdato",
    "Sluttdato",
    "Totalbudsjett (EUR)",
    "EU-midler (EUR)",
    "Medfinansieringsgrad (%)",
    "Norske IR-midler (NOK)",
    "Sammendrag",
    "Nettside",
]
NORWEGIAN_PARTNER_HEADERS = [
    "Prosjekt-ID",
    "Partnernavn",
    "Rolle",
    "Land",
    "Fylke",
    "NUTS3",
    "Partnerbudsjett (EUR)",
]


def workbook(
    operations,
    partners=None,
    *,
    headers=OPERATION_HEADERS,
    partner_headers=PARTNER_HEADERS,
    sheet_names=("Operations", "Partners"),
):
    """An .xlsx file (bytes) with an operations sheet and, if given, a partners
    sheet. Rows are lists in the order of the headers; Python dates and numbers
    become Excel dates and numbers."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_names[0]
    sheet.append(headers)
    for row in operations:
        sheet.append(row)
    if partners is not None:
        other = book.create_sheet(sheet_names[1])
        other.append(partner_headers)
        for row in partners:
            other.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_file(headers, rows, *, delimiter=",", bom=False):
    """A CSV file as bytes, UTF-8, with or without a byte order mark."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode()
