"""Lists of operations as programmes publish them: .xlsx workbooks and CSV files."""

import csv
import datetime
import io

from openpyxl import Workbook

# Two projects and their partners, as a programme's list gives them.
BLUE = [
    "NSR0100123",
    "BLUE-GROWTH",
    "Blå vekst i Nordsjøen",
    "north-sea",
    "RSO2.4",
    datetime.date(2023, 9, 1),
    datetime.date(2026, 8, 31),
    2_500_000,
    1_500_000,
    0.6,  # 60 % once the column is formatted as percent (test_projects.percent_cells)
    3_500_000,
    "Havner på begge sider av Nordsjøen kutter utslipp sammen.",
    "www.blue-growth.eu",
]
WILDLIFE = [
    "20201234",
    "GRENSEVILT",
    "Grenseløs viltforvaltning",
    "Interreg Sverige-Norge",
    "PO5",
    "01.01.2022",
    "31.12.2024",
    "1 000 000,00 EUR",
    "600.000",
    "60 %",
    "NOK 2 400 000",
    "",
    "",
]
PARTNERS = [
    [
        "NSR0100123",
        "Agder fylkeskommune",
        "Lead partner",
        "Norway",
        "Agder",
        "",
        500_000,
    ],
    ["NSR0100123", "Aarhus Kommune", "Partner", "DK", "", "", "250 000"],
    ["NSR0100123", "Bergen kommune", "Partner", "Norge", "", "NO0A2", ""],
    ["20201234", "Høgskolen i Innlandet", "Lead partner", "NO", "34", "", ""],
    ["20201234", "Karlstads universitet", "Partner", "Sverige", "", "", ""],
]

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
