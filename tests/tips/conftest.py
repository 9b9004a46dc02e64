import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from home.translations import string_pairs, translate
from stories.demo.tip_form import build_tip_form_page, tip_form_pairs
from tests.factories import StoryIndexPageFactory, home_page
from tests.services.smtp import SMTPServer


@pytest.fixture(autouse=True)
def tip_settings(settings):
    settings.TIP_MIN_FILL_SECONDS = 0
    settings.TIP_RATE_LIMIT = 100
    return settings


def use_smtp(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp(tip_settings):
    server = SMTPServer().start()
    use_smtp(tip_settings, server.port)
    yield server
    server.stop()


@pytest.fixture
def tip_page(db, english):
    page = build_tip_form_page()
    home_page().add_child(instance=page)
    page.save_revision().publish()
    texts = {}
    for source, target in tip_form_pairs():
        texts.update(string_pairs(source, target))
    translate(page, english, texts)
    StoryIndexPageFactory()
    return page


@pytest.fixture
def people(db):
    call_command("setup_editorial", verbosity=0)

    def member(name, group):
        user = User.objects.create_user(name, f"{name}@example.no", "pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "editor": member("redaktor", "Editors"),
        "moderator": member("moderator", "Moderators"),
        "translator": member("oversetter", "Translators"),
    }


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
