import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation

from tests.services.libretranslate import LibreTranslateServer

pytestmark = pytest.mark.django_db


def test_machine_translation_is_off_by_default(settings):
    assert not hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")


def test_libretranslate_fills_the_untranslated_strings(
    client, settings, content, english, html
):
    translation = Translation.objects.get(
        source__object_id=content["story"].translation_key, target_locale=english
    )
    StringTranslation.objects.filter(locale=english).delete()
    client.force_login(User.objects.create_superuser("admin", "a@example.no", "pw"))

    glossary = {"Elgen kjenner ingen grenser": "Moose cross borders"}
    with LibreTranslateServer(glossary) as service:
        settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {"LIBRETRANSLATE_URL": service.url, "API_KEY": "test-key"},
        }
        response = client.post(
            reverse("wagtail_localize:machine_translate", args=[translation.pk]),
            {"next": "/admin/"},
        )

    assert response.status_code == 302
    assert service.requests[0]["source"] == "nb"
    assert service.requests[0]["target"] == "en"
    machine = StringTranslation.objects.filter(
        locale=english, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert "Moose cross borders" in set(machine.values_list("data", flat=True))
    preview = html(
        client.get(
            reverse("wagtail_localize:preview_translation", args=[translation.pk])
        )
    )
    assert preview.select_one("h1").text.strip() == "Moose cross borders"
    assert (
        "[en] Forskere på begge sider av grensen følger elgen."
        in preview.select_one(".lead").text
    )
