"""An editor moves interreg.no's articles in: uploads the WordPress export and the
uploads folder in the admin, reads the report, and the old address of an
article takes a reader to its story."""

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from stories.models import ProjectPage, StoryPage
from tests.browser.conftest import log_in
from tests.factories import (
    ProgrammeFactory,
    ProjectIndexPageFactory,
    StoryIndexPageFactory,
    ThemeFactory,
    published,
)
from tests.importers.sheets import BLUE, PARTNERS, workbook
from tests.importers.wxr_files import attachment, jpeg, post, wxr

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Elgen kjenner ingen grenser"
BODY = (
    "<p>Forskere på begge sider av grensen følger elgen.</p>\n"
    '[caption id="attachment_101" width="640"]<img class="wp-image-101" '
    'src="https://interreg.no/wp-content/uploads/2019/05/elg-640x360.jpg" '
    'alt="En elg i granskogen" /> Elgen ved riksgrensen.[/caption]\n'
    "<h2>Hva fant de?</h2>\n<p>Elgen bryr seg ikke om grensen.</p>"
)


@pytest.fixture
def files(tmp_path):
    export = tmp_path / "interreg.WordPress.2026-11-29.xml"
    export.write_bytes(
        wxr(
            attachment(101, "2019/05/elg.jpg", title="Elg", alt="En elg"),
            post(11, TITLE, BODY, slug="elgen", thumbnail=101),
            post(12, "Laksen", "<p>Laks.</p>", slug="laksen", status="draft"),
        )
    )
    uploads = tmp_path / "uploads.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("uploads/2019/05/elg.jpg", jpeg())
    uploads.write_bytes(buffer.getvalue())
    return export, uploads


@pytest.fixture
def story_section(db):
    return published(StoryIndexPageFactory())


def test_an_editor_imports_wordpress_articles_and_old_addresses_lead_to_them(
    open_browser, story_section, people, files
):
    export, uploads = files
    editor = open_browser("desktop").page
    log_in(editor, "redaktor")

    editor.get_by_role("link", name="Importer", exact=True).click()
    editor.get_by_role("link", name="Importer WordPress-artikler").click()
    editor.get_by_label("WordPress-eksport (.xml)").set_input_files(str(export))
    editor.get_by_label("Bilder (.zip, valgfritt)").set_input_files(str(uploads))
    editor.get_by_role("button", name="Importer").click()

    expect(editor).to_have_url(re.compile(r"/admin/import/runs/\d+/$"))
    expect(editor.locator("[data-status]")).to_have_text("Ferdig")
    counts = editor.locator("[data-counts]")
    expect(counts.get_by_role("row", name=re.compile("Importert"))).to_contain_text("2")
    expect(counts.get_by_role("row", name=re.compile("Feilet"))).to_contain_text("0")

    story = StoryPage.objects.get(wordpress_id=11)
    assert story.live
    assert not StoryPage.objects.get(wordpress_id=12).live

    reader = open_browser("phone").page
    response = reader.goto("/2019/05/elgen/")
    assert response.status == 200
    expect(reader).to_have_url(re.compile(re.escape(story.url) + "$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_role("img", name="En elg i granskogen")).to_be_visible()
    # exact: the "Republish this story" HTML holds the caption too
    expect(reader.get_by_text("Elgen ved riksgrensen.", exact=True)).to_be_visible()


def test_an_editor_imports_a_project_list_and_readers_see_the_projects(
    open_browser, people, tmp_path
):
    published(ProjectIndexPageFactory())
    ProgrammeFactory(name="Interreg Nordsjøprogrammet", slug="north-sea")
    ThemeFactory(code="PO2", name="Et grønnere Europa")
    operations = tmp_path / "nordsjoen.xlsx"
    operations.write_bytes(workbook([BLUE], PARTNERS[:3]))
    editor = open_browser("desktop").page
    log_in(editor, "redaktor")

    editor.goto("/admin/import/")
    editor.get_by_role("link", name="Importer en prosjektliste").click()
    editor.get_by_label("Prosjektliste (.xlsx eller .csv)").set_input_files(
        str(operations)
    )
    editor.get_by_label("Publiser nye og endrede prosjekter").check()
    editor.get_by_role("button", name="Importer").click()

    expect(editor.locator("[data-status]")).to_have_text("Ferdig")
    expect(
        editor.locator("[data-counts]").get_by_role("row", name=re.compile("Importert"))
    ).to_contain_text("1")
    project = ProjectPage.objects.get(project_code="NSR0100123")
    reader = open_browser("phone").page
    reader.goto(project.url)
    expect(reader.get_by_role("heading", level=1)).to_have_text("Blå vekst i Nordsjøen")
    expect(reader.locator("main")).to_contain_text("Agder fylkeskommune")
