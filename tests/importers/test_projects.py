"""Importing a programme's list of operations as project pages."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from wagtail.models import PageLogEntry, ReferenceIndex, Revision

from stories.importers.projects import import_projects
from stories.importers.report import ImportAborted
from stories.models import ProjectPage
from tests.factories import ImageFactory
from tests.importers.sheets import (
    BLUE,
    NORWEGIAN_OPERATION_HEADERS,
    NORWEGIAN_PARTNER_HEADERS,
    OPERATION_HEADERS,
    PARTNER_HEADERS,
    PARTNERS,
    WILDLIFE,
    csv_file,
    workbook,
)

pytestmark = pytest.mark.django_db


def percent_cells(data, column="J"):
    """The same workbook with the co-financing column formatted as percent, as
    Excel shows 60 % for 0.6."""
    book = load_workbook(io.BytesIO(data))
    for cell in book["Operations"][column][1:]:
        cell.number_format = "0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(data, filename="operations.xlsx", **options):
    return import_projects(io.BytesIO(data), filename=filename, **options)


def project(code):
    return ProjectPage.objects.get(project_code=code, locale__language_code="nb")


@pytest.fixture
def operations():
    return percent_cells(workbook([BLUE, WILDLIFE], PARTNERS))


def test_each_row_becomes_a_draft_project_with_its_facts(
    project_section, taxonomy, operations
):
    report = run(operations)

    assert report.ok
    assert report.counts["created"] == 2
    blue = project("NSR0100123")
    assert blue.get_parent().specific == project_section
    assert not blue.live
    assert blue.title == "Blå vekst i Nordsjøen"
    assert blue.acronym == "BLUE-GROWTH"
    assert blue.programme == taxonomy["north-sea"]
    assert blue.programme_period == "2021-2027"
    assert blue.start_date == datetime.date(2023, 9, 1)
    assert blue.end_date == datetime.date(2026, 8, 31)
    assert blue.total_budget_eur == Decimal("2500000")
    assert blue.eu_funding_eur == Decimal("1500000")
    assert blue.cofinancing_rate == Decimal("60")
    assert blue.norwegian_funding_nok == Decimal("3500000")
    assert blue.summary == "Havner på begge sider av Nordsjøen kutter utslipp sammen."
    assert blue.website == "https://www.blue-growth.eu"
    assert list(blue.themes.all()) == [taxonomy["PO2"]]
    assert blue.lead_partner == "Agder fylkeskommune"
    assert [
        (
            p.organisation,
            p.role,
            p.country.code,
            p.county and p.county.name,
            p.budget_eur,
        )
        for p in blue.partners.all()
    ] == [
        ("Agder fylkeskommune", "lead", "NO", "Agder", Decimal("500000")),
        ("Aarhus Kommune", "partner", "DK", None, Decimal("250000")),
        ("Bergen kommune", "partner", "NO", "Vestland", None),
    ]
    assert sorted(county.name for county in blue.counties.all()) == [
        "Agder",
        "Vestland",
    ]


def test_norwegian_dates_amounts_and_names_are_understood(
    project_section, taxonomy, operations
):
    run(operations)

    wildlife = project("20201234")
    assert wildlife.programme == taxonomy["sverige-norge"]
    assert wildlife.start_date == datetime.date(2022, 1, 1)
    assert wildlife.total_budget_eur == Decimal("1000000")
    assert wildlife.eu_funding_eur == Decimal("600000")
    assert wildlife.cofinancing_rate == Decimal("60")
    assert wildlife.norwegian_funding_nok == Decimal("2400000")
    assert list(wildlife.themes.all()) == [taxonomy["PO5"]]
    assert [
        (p.country.code, p.county and p.county.number) for p in wildlife.partners.all()
    ] == [
        ("NO", "34"),
        ("SE", None),
    ]
    # A row without a summary gets the name until an editor writes one.
    assert wildlife.summary == "Grenseløs viltforvaltning"


def test_norwegian_sheets_and_headers_in_any_case_with_units(project_section, taxonomy):
    headers = [header.upper() + "  " for header in NORWEGIAN_OPERATION_HEADERS]
    data = workbook(
        [WILDLIFE],
        [PARTNERS[3]],
        headers=headers,
        partner_headers=NORWEGIAN_PARTNER_HEADERS,
        sheet_names=("Prosjekter", "Partnere"),
    )

    report = run(data)

    assert report.ok
    assert project("20201234").lead_partner == "Høgskolen i Innlandet"


def test_csv_files_with_semicolons_bom_and_a_partner_file(
    project_section, taxonomy, tmp_path
):
    operations = tmp_path / "operasjoner.csv"
    operations.write_bytes(
        csv_file(
            OPERATION_HEADERS,
            [
                [str(value) for value in BLUE[:3]]
                + [
                    "",
                    "RSO2.4",
                    "2023-09-01",
                    "2026-08-31",
                    "2 500 000",
                    "1 500 000",
                    "60",
                    "",
                    "",
                    "",
                ]
            ],
            delimiter=";",
            bom=True,
        )
    )
    partners = tmp_path / "partnere.csv"
    partners.write_bytes(csv_file(PARTNER_HEADERS, [[str(v) for v in PARTNERS[0]]]))
    out = io.StringIO()

    call_command(
        "import_projects",
        str(operations),
        "--partners",
        str(partners),
        "--programme",
        "north-sea",
        "--publish",
        stdout=out,
    )

    blue = project("NSR0100123")
    assert blue.live
    assert blue.programme == taxonomy["north-sea"]
    assert blue.lead_partner == "Agder fylkeskommune"
    assert "imported: 1" in out.getvalue()


def test_bad_rows_are_reported_with_sheet_row_and_reason_and_the_rest_imported(
    project_section, taxonomy
):
    rows = [
        BLUE,
        ["BAD-1", "", "Uten dato", "north-sea", "", "snart", "2026-01-01", *[""] * 6],
        [
            "BAD-2",
            "",
            "Ukjent program",
            "ostersjoen",
            "",
            "2023-01-01",
            "2026-01-01",
            *[""] * 6,
        ],
        [
            "BAD-3",
            "",
            "Ukjent mål",
            "north-sea",
            "PO9",
            "2023-01-01",
            "2026-01-01",
            *[""] * 6,
        ],
        [
            "BAD-4",
            "",
            "Ugyldig beløp",
            "north-sea",
            "",
            "2023-01-01",
            "2026-01-01",
            "mye",
            *[""] * 5,
        ],
        [
            "BAD-5",
            "",
            "Baklengs",
            "north-sea",
            "",
            "2026-01-01",
            "2023-01-01",
            *[""] * 6,
        ],
        [
            "BAD-6",
            "",
            "For mye EU",
            "north-sea",
            "",
            "2023-01-01",
            "2026-01-01",
            100,
            200,
            *[""] * 4,
        ],
        [
            "NSR0100123",
            "",
            "Dobbel",
            "north-sea",
            "",
            "2023-01-01",
            "2026-01-01",
            *[""] * 6,
        ],
        ["", "", "Uten ID", "north-sea", "", "2023-01-01", "2026-01-01", *[""] * 6],
    ]
    partners = [
        PARTNERS[0],
        ["NSR0100123", "Atlantis AS", "Partner", "Atlantis", "", "", ""],
        ["NSR0100123", "Sjøfart AS", "Partner", "NO", "Sjøland", "", ""],
        ["NSR0100123", "Svensk AB", "Partner", "SE", "Agder", "", ""],
        ["NSR0100123", "Sjef AS", "Sjef", "NO", "", "", ""],
        ["UKJENT", "Ingen AS", "Partner", "NO", "", "", ""],
    ]

    report = run(workbook(rows, partners))

    assert report.counts["created"] == 1
    assert report.failures == [
        {
            "where": "Operations, row 3",
            "reason": "Start date “snart” is not a date (use 2023-09-01 or 01.09.2023)",
        },
        {"where": "Operations, row 4", "reason": "there is no programme “ostersjoen”"},
        {
            "where": "Operations, row 5",
            "reason": "specific objective “PO9” is not a known objective",
        },
        {"where": "Operations, row 6", "reason": "Total budget “mye” is not an amount"},
        {"where": "Operations, row 7", "reason": "the project ends before it starts"},
        {
            "where": "Operations, row 8",
            "reason": "EU funding is more than the total budget",
        },
        {
            "where": "Operations, row 9",
            "reason": "project ID NSR0100123 is already on Operations, row 2",
        },
        {"where": "Operations, row 10", "reason": "Project ID is empty"},
        {
            "where": "Partners, row 3",
            "reason": "country “Atlantis” is not a country code or name",
        },
        {
            "where": "Partners, row 4",
            "reason": "county “Sjøland” is not a Norwegian county",
        },
        {"where": "Partners, row 5", "reason": "only Norwegian partners have a county"},
        {
            "where": "Partners, row 6",
            "reason": "role “Sjef” is not Lead partner or Partner",
        },
        {
            "where": "Partners, row 7",
            "reason": "project ID “UKJENT” is not in the list of projects",
        },
    ]
    assert [p.organisation for p in project("NSR0100123").partners.all()] == [
        "Agder fylkeskommune"
    ]


def test_a_missing_required_column_stops_before_anything_is_written(
    project_section, taxonomy
):
    headers = [h for h in OPERATION_HEADERS if h != "Start date"]
    data = workbook([BLUE[:5] + BLUE[6:]], headers=headers)

    with pytest.raises(
        ImportAborted, match="the column “Start date” \\(or “Startdato”\\) is missing"
    ):
        run(data)

    assert not ProjectPage.objects.exists()


def test_a_file_that_is_not_a_list_of_operations_is_refused(project_section, taxonomy):
    with pytest.raises(ImportAborted, match="not an Excel workbook"):
        run(b"PK\x03\x04 not really a zip", filename="list.xlsx")
    with pytest.raises(ImportAborted, match="not UTF-8"):
        run(
            "Prosjekt-ID;Prosjektnavn\n1;Blåbær\n".encode("latin-1"),
            filename="list.csv",
        )
    with pytest.raises(ImportAborted, match="no sheet called “Operations”"):
        run(workbook([BLUE], sheet_names=("Ark1", "Ark2")))
    assert not ProjectPage.objects.exists()


def test_the_same_project_id_in_two_programmes_is_two_projects(
    project_section, taxonomy
):
    other = [*BLUE]
    other[3] = "sverige-norge"
    other[1] = "BLUE-SN"

    report = run(workbook([BLUE, other]))

    assert report.counts["created"] == 2
    assert ProjectPage.objects.filter(project_code="NSR0100123").count() == 2


@pytest.mark.parametrize("publish", [False, True], ids=["drafts", "live"])
def test_running_the_same_file_again_changes_nothing(
    project_section, taxonomy, operations, publish
):
    run(operations, publish=publish)
    revisions = Revision.objects.count()

    report = run(operations, publish=publish)

    assert report.counts["unchanged"] == 2
    assert report.counts["created"] == report.counts["updated"] == 0
    assert Revision.objects.count() == revisions


def test_publish_makes_new_and_changed_projects_live(
    project_section, taxonomy, operations, client
):
    run(operations, publish=True)
    blue = project("NSR0100123")
    assert blue.live
    assert client.get(blue.url).status_code == 200

    changed = [*BLUE]
    changed[2] = "Blå vekst i hele Nordsjøen"
    report = run(workbook([changed], PARTNERS[:3]), publish=True)

    assert report.counts["updated"] == 1
    blue.refresh_from_db()
    assert blue.title == "Blå vekst i hele Nordsjøen"
    assert not blue.has_unpublished_changes


def test_without_publish_a_live_project_gets_a_draft_change(
    project_section, taxonomy, operations
):
    run(operations, publish=True)
    changed = [*BLUE]
    changed[7] = 3_000_000

    report = run(workbook([changed], PARTNERS[:3]))

    assert report.counts["updated"] == 1
    blue = project("NSR0100123")
    assert blue.live
    assert blue.total_budget_eur == Decimal("2500000")
    assert blue.has_unpublished_changes
    assert blue.get_latest_revision_as_object().total_budget_eur == Decimal("3000000")


def test_what_editors_wrote_is_never_touched(
    project_section, taxonomy, operations, admin_user
):
    run(operations, publish=True)
    page = project("NSR0100123").get_latest_revision_as_object()
    page.body = [{"type": "paragraph", "value": "<p>Redaksjonens tekst.</p>"}]
    page.hero_image = ImageFactory()
    page.tags.add("havn")
    page.keep_eu_url = "https://keep.eu/projects/123/"
    page.save_revision(user=admin_user).publish()
    changed = [*BLUE]
    changed[12] = ""  # an empty cell says nothing
    changed[8] = 1_400_000

    report = run(workbook([changed], PARTNERS[:3]), publish=True)

    assert report.counts["updated"] == 1
    blue = project("NSR0100123")
    assert blue.eu_funding_eur == Decimal("1400000")
    assert blue.body.raw_data[0]["value"] == "<p>Redaksjonens tekst.</p>"
    assert blue.hero_image is not None
    assert [tag.name for tag in blue.tags.all()] == ["havn"]
    assert blue.keep_eu_url == "https://keep.eu/projects/123/"
    assert blue.website == "https://www.blue-growth.eu"


def test_an_editors_draft_change_is_built_on_not_lost(
    project_section, taxonomy, operations, admin_user
):
    run(operations, publish=True)
    draft = project("NSR0100123").get_latest_revision_as_object()
    draft.body = [{"type": "paragraph", "value": "<p>Utkast fra redaksjonen.</p>"}]
    draft.save_revision(user=admin_user)
    changed = [*BLUE]
    changed[6] = datetime.date(2027, 6, 30)

    run(workbook([changed], PARTNERS[:3]))

    latest = project("NSR0100123").get_latest_revision_as_object()
    assert latest.end_date == datetime.date(2027, 6, 30)
    assert latest.body.raw_data[0]["value"] == "<p>Utkast fra redaksjonen.</p>"


def test_a_dry_run_writes_nothing(project_section, taxonomy, operations):
    report = run(operations, dry_run=True)

    assert report.dry_run
    assert report.counts["created"] == 2
    assert not ProjectPage.objects.exists()
    assert not Revision.objects.filter(base_content_type__model="projectpage").exists()


def test_the_command_fails_when_a_row_fails_and_names_it(
    project_section, taxonomy, tmp_path
):
    path = tmp_path / "list.xlsx"
    path.write_bytes(
        workbook([BLUE, ["BAD-1", "", "Uten dato", "north-sea", "", "", "2026-01-01"]])
    )
    out = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_projects", str(path), stdout=out)

    assert error.value.returncode == 1
    assert "Operations, row 3" in out.getvalue()
    assert project("NSR0100123")


def test_the_api_gives_the_project_id_and_co_financing_rate(
    project_section, taxonomy, operations, client
):
    run(operations, publish=True)

    data = client.get(f"/api/v2/pages/{project('NSR0100123').pk}/").json()

    assert data["project_code"] == "NSR0100123"
    assert data["cofinancing_rate"] == 60.0


def test_a_published_project_is_published_as_wagtail_publishes_pages(
    project_section, taxonomy, operations, client
):
    run(operations, publish=True)

    blue = project("NSR0100123")
    assert blue.live_revision == blue.latest_revision
    assert not blue.has_unpublished_changes
    assert blue.first_published_at is not None
    assert blue.last_published_at is not None
    assert list(
        PageLogEntry.objects.filter(page=blue)
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["wagtail.create", "wagtail.publish"]
    # Indexed for search and in the reference index (the programme's usage).
    assert ProjectPage.objects.live().search("Nordsjøen").count() == 1
    assert (
        ReferenceIndex.get_references_to(taxonomy["north-sea"])
        .filter(object_id=str(blue.pk))
        .exists()
    )
    assert client.get("/search/?query=Nordsjøen").status_code == 200
    assert (
        "Blå vekst i Nordsjøen"
        in client.get("/search/?query=Nordsjøen").content.decode()
    )


def test_an_amount_too_large_to_store_is_a_bad_row(project_section, taxonomy):
    huge = [*BLUE]
    huge[7] = "1 000 000 000 000"

    report = run(workbook([huge]))

    assert report.failures == [
        {"where": "Operations, row 2", "reason": "Total budget is too large"}
    ]
    assert not ProjectPage.objects.exists()


def test_columns_the_format_does_not_have_are_named_in_the_report(
    project_section, taxonomy
):
    data = workbook(
        [[*BLUE, "intern merknad"]],
        [[*PARTNERS[0], "ja"]],
        headers=[*OPERATION_HEADERS, "Kommentar"],
        partner_headers=[*PARTNER_HEADERS, "Signert"],
    )

    report = run(data)

    assert report.ok
    assert report.notes == [
        {"where": "Operations", "text": "column “Kommentar” ignored"},
        {"where": "Partners", "text": "column “Signert” ignored"},
    ]
