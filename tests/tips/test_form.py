import pytest

from stories.models import Tip

pytestmark = pytest.mark.django_db


def test_a_norwegian_tip_is_stored_and_thanked_in_norwegian(submit, html, tip_page):
    response = submit("/tips-oss/")

    assert response.status_code == 200
    assert html(response).select_one("h1").text == "Takk for tipset"
    tip = Tip.objects.get()
    assert tip.language == "nb"
    assert tip.status == Tip.Status.NEW
    assert (tip.name, tip.email, tip.project) == (
        "Kari Nordmann",
        "kari@example.no",
        "GRENSEVILT",
    )
    assert tip.form_data["story"].startswith("Vi har fulgt elgen")
    assert "website" not in tip.form_data and "started" not in tip.form_data
    assert tip.consent_version == tip_page.consent_version
    assert tip.consent_text == tip_page.consent_text


def test_an_english_tip_is_thanked_in_english(submit, html, tip_page):
    response = submit("/en/send-a-tip/")

    page = html(response)
    assert page.select_one("h1").text == "Thank you for your tip"
    assert "Your tip has reached the editors." in page.select_one(".lead").text
    assert Tip.objects.get().language == "en"


def test_a_tip_without_consent_is_refused_with_a_clear_error(submit, html, tip_page):
    response = submit("/tips-oss/", consent=None)

    assert response.status_code == 200
    errors = html(response).select_one(".form-errors").text
    assert "Dette feltet er påkrev" in errors  # Django and DRF word it differently
    assert not Tip.objects.exists()


def test_errors_come_in_the_readers_language(submit, html, tip_page):
    response = submit("/en/send-a-tip/", email="not an address")

    assert (
        "Enter a valid email address." in html(response).select_one(".form-errors").text
    )
    assert not Tip.objects.exists()


def test_the_form_keeps_what_the_reader_wrote_after_an_error(submit, html, tip_page):
    page = html(submit("/tips-oss/", consent=None))

    assert (
        page.select_one("textarea[name=story]").text.strip().startswith("Vi har fulgt")
    )
    assert page.select_one("input[name=name]")["value"] == "Kari Nordmann"


def test_a_tip_is_filed_under_the_programme_named(submit, tip_page):
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory(name="Interreg Sverige-Norge")

    submit("/tips-oss/")

    assert Tip.objects.get().programme == programme


def test_a_changed_consent_text_starts_a_new_version(submit, tip_page):
    page = type(tip_page).objects.get(pk=tip_page.pk)
    page.consent_text = "Ny tekst om samtykke."
    page.save_revision().publish()

    submit("/tips-oss/")

    tip = Tip.objects.get()
    assert tip.consent_version == 2
    assert tip.consent_text == "Ny tekst om samtykke."


def test_the_same_form_sent_twice_stores_one_tip(client, html, tip_page, tip_settings):
    from tests.tips.conftest import VALID

    form = html(client.get("/tips-oss/"))
    data = {
        "started": form.select_one("input[name=started]")["value"],
        "submission": form.select_one("input[name=submission]")["value"],
        **VALID,
    }

    first = client.post("/tips-oss/", data)
    second = client.post("/tips-oss/", data)

    assert html(first).select_one("h1").text == "Takk for tipset"
    assert html(second).select_one("h1").text == "Takk for tipset"
    assert Tip.objects.count() == 1


def test_two_forms_shown_get_two_keys(client, html, tip_page):
    keys = {
        html(client.get("/tips-oss/")).select_one("input[name=submission]")["value"]
        for _ in range(2)
    }

    assert len(keys) == 2
