import pytest

from tests.factories import StoryIndexPageFactory


@pytest.fixture(autouse=True)
def tip_settings(settings):
    settings.TIP_MIN_FILL_SECONDS = 0
    settings.TIP_RATE_LIMIT = 100
    return settings


@pytest.fixture
def tip_page(tip_page):
    """The tip form, and a story section for the drafts made from tips."""
    StoryIndexPageFactory()
    return tip_page


VALID = {
    "name": "Kari Nordmann",
    "email": "kari@example.no",
    "organisation": "Innlandet fylkeskommune",
    "project": "GRENSEVILT",
    "programme": "Interreg Sverige-Norge",
    "story": "Vi har fulgt elgen over grensen i fire år.\n\nResultatene er klare.",
    "link": "https://example.no/rapport",
    "consent": "on",
}


@pytest.fixture
def submit(client, html, django_capture_on_commit_callbacks):
    """Fill in the tip form at `url` as a reader would and send it."""

    def send(url="/tips-oss/", **overrides):
        page = html(client.get(url))
        data = {
            "csrfmiddlewaretoken": "",
            "started": page.select_one("input[name=started]")["value"],
            **VALID,
            **overrides,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {k: v for k, v in data.items() if v is not None})

    return send
