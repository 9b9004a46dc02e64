"""The admin's Import area: who may use it, the upload forms, the report."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from stories.importers.wordpress import import_wordpress
from stories.models import ImportRun, ProjectPage, StoryPage
from tests.importers.sheets import BLUE, PARTNERS, workbook
from tests.importers.wxr_files import attachment, jpeg, post, wxr

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def norwegian_admin(english_reports):
    """The admin speaks Norwegian, as editors see it."""
    with translation.override("nb"):
        yield


def stored_uploads():
    """The files the Import area has left in the media storage."""
    folders = ["imports"]
    files = []
    while folders:
        folder = folders.pop()
        if not default_storage.exists(folder):
            continue
        subfolders, names = default_storage.listdir(folder)
        folders += [f"{folder}/{name}" for name in subfolders]
        files += [f"{folder}/{name}" for name in names]
    return files


def upload(name, data):
    return SimpleUploadedFile(name, data)


def export():
    return wxr(
        attachment(101, "2019/05/elg.jpg", title="Elg", alt="En elg"),
        post(
            11,
            "Elgen kjenner ingen grenser",
            '<p>Elgen går over grensen.</p><img class="wp-image-101" '
            'src="https://interreg.no/wp-content/uploads/2019/05/elg.jpg">',
        ),
        post(
            12,
            "Laksen",
            '<p>Laks.</p><img src="https://interreg.no/wp-content/uploads/2019/05/laks.jpg">',
        ),
    )


def uploads_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("wp-content/uploads/2019/05/elg.jpg", jpeg())
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("editor", True), ("moderator", False), ("translator", False)],
)
def test_only_editors_and_administrators_can_import(client, people, role, allowed):
    client.force_login(people[role])

    index = client.get(reverse("stories_import"))
    form = client.get(reverse("stories_import_start", args=["wordpress"]))
    menu = client.get(reverse("wagtailadmin_home"))

    if allowed:
        assert index.status_code == form.status_code == 200
    else:
        # Wagtail answers a refused admin view by sending the user home.
        assert index.status_code == form.status_code == 302
        assert index["Location"] == form["Location"] == reverse("wagtailadmin_home")
    assert (reverse("stories_import") in menu.content.decode()) is allowed


def test_an_editor_imports_a_wordpress_export_and_sees_the_report(
    client, people, story_section, django_capture_on_commit_callbacks
):
    client.force_login(people["editor"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stories_import_start", args=["wordpress"]),
            {
                "export": upload("eksport.xml", export()),
                "media": upload("uploads.zip", uploads_zip()),
                "locale": "nb",
            },
        )

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("stories_import_run", args=[run.pk])
    assert run.status == ImportRun.Status.DONE
    assert run.user == people["editor"]
    assert StoryPage.objects.get(wordpress_id=11).live
    assert StoryPage.objects.get(wordpress_id=11).owner == people["editor"]
    page = client.get(response["Location"]).content.decode()
    assert "Ferdig" in page
    assert 'http-equiv="refresh"' not in page
    assert "importert" in page.lower()
    assert "2019/05/laks.jpg" in page
    # The export (drafts, e-mail addresses) does not stay in the media storage.
    assert not run.source_file
    assert not run.media_file
    assert stored_uploads() == []


def test_a_project_list_dry_run_from_the_admin_writes_nothing(
    client, people, project_section, taxonomy, django_capture_on_commit_callbacks
):
    client.force_login(people["editor"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stories_import_start", args=["projects"]),
            {
                "operations": upload("prosjekter.xlsx", workbook([BLUE], PARTNERS[:3])),
                "dry_run": "on",
            },
        )

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE
    assert run.report["counts"]["created"] == 1
    assert not ProjectPage.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Prøvekjøring: ingenting ble skrevet." in page


def test_a_file_that_cannot_be_imported_stops_the_run_with_the_reason(
    client, people, story_section, django_capture_on_commit_callbacks
):
    client.force_login(people["editor"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stories_import_start", args=["wordpress"]),
            {"export": upload("eksport.xml", b"<rss><channel>"), "locale": "nb"},
        )

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "Stoppet" in page
    assert "linje 1" in page
    assert not StoryPage.objects.exists()


def test_the_form_refuses_a_file_of_the_wrong_type(client, people, story_section):
    client.force_login(people["editor"])

    response = client.post(
        reverse("stories_import_start", args=["wordpress"]),
        {"export": upload("eksport.pdf", b"%PDF-1.4"), "locale": "nb"},
    )

    assert response.status_code == 200
    assert "Velg en .xml-fil." in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_report_page_refreshes_until_the_run_is_done(client, people):
    client.force_login(people["editor"])
    run = ImportRun.objects.create(
        kind=ImportRun.Kind.PROJECTS, file_name="liste.xlsx", user=people["editor"]
    )

    waiting = client.get(reverse("stories_import_run", args=[run.pk])).content.decode()
    run.status = ImportRun.Status.DONE
    run.save()
    done = client.get(reverse("stories_import_run", args=[run.pk])).content.decode()

    assert 'http-equiv="refresh"' in waiting
    assert 'http-equiv="refresh"' not in done


def test_an_imported_story_shows_its_wordpress_post_id_in_the_editor(
    client, people, story_section, django_capture_on_commit_callbacks
):
    import_wordpress(io.BytesIO(export()))
    story = StoryPage.objects.get(wordpress_id=11)
    client.force_login(people["editor"])

    page = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))

    assert page.status_code == 200
    assert "WordPress-innleggs-ID" in page.content.decode()
