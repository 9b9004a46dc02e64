import pytest
from wagtail.models import Locale, Site

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_both_locales_exist_after_migrate():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"nb", "en"}


def test_english_home_is_a_localize_translation_of_the_norwegian_one():
    from wagtail_localize.models import Translation

    home = Site.objects.get(is_default_site=True).root_page.specific
    english = home.get_translation(Locale.objects.get(language_code="en"))
    assert isinstance(home, HomePage)
    assert english.specific_class is HomePage
    assert english.live
    assert Translation.objects.filter(
        source__object_id=home.translation_key, target_locale__language_code="en"
    ).exists()


def test_norwegian_home_renders_in_norwegian_with_a_link_to_english(client, html):
    response = client.get("/")

    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == "nb"
    switcher = page.select_one("nav.language-switcher")
    assert switcher.select_one("a[hreflang=en]")["href"] == "/en/"
    assert page.select_one("a.skip-link")["href"] == "#main"
    assert page.select_one("main#main") is not None
    assert page.select_one("header") is not None
    assert page.select_one("footer") is not None
    assert "Hopp til innholdet" in page.select_one("a.skip-link").text


def test_english_home_renders_in_english_with_a_link_to_norwegian(client, html):
    response = client.get("/en/")

    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == "en"
    assert page.select_one("nav.language-switcher a[hreflang=nb]")["href"] == "/"
    assert page.select_one("h1").text.strip() == "Interreg Stories"
    assert "Skip to content" in page.select_one("a.skip-link").text


def test_switcher_falls_back_to_the_other_home_when_a_page_has_no_translation(
    client, html
):
    home = HomePage.objects.get(locale__language_code="nb", depth=2)
    child = home.add_child(instance=HomePage(title="Bare på norsk", slug="bare-norsk"))
    child.save_revision().publish()

    page = html(client.get("/bare-norsk/"))

    assert page.select_one("nav.language-switcher a[hreflang=en]")["href"] == "/en/"


def test_default_language_prefix_redirects_to_the_unprefixed_url(client):
    response = client.get("/nb/search/?query=samarbeid")

    assert response.status_code == 301
    assert response["Location"] == "/search/?query=samarbeid"


def test_unknown_page_is_a_404_in_the_readers_language(client, html):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert html(response).html["lang"] == "en"
