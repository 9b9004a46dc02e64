"""When a story made from a tip goes live, the tipster gets one e-mail in the
tip's language (at a real SMTP listener), and none when they did not consent,
their details were purged, or they heard already."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from stories.models import OutgoingEmail, Tip, TipFormField
from stories.tips.drafts import create_draft_story
from stories.tips.purge import purge_tips
from tests.content import translated
from tests.factories import StoryIndexPageFactory
from tests.tips.conftest import VALID

pytestmark = pytest.mark.django_db

TIPSTER = VALID["email"]


@pytest.fixture(autouse=True)
def tip_settings(settings):
    settings.TIP_MIN_FILL_SECONDS = 0
    settings.TIP_RATE_LIMIT = 100
    return settings


@pytest.fixture
def sections(tip_page, english):
    index = StoryIndexPageFactory()
    translated(index, english, ("Historier", "Stories"), ("historier", "stories"))
    return index


@pytest.fixture
def journalist(db):
    """The journalist who handles the tip and publishes its story."""
    return User.objects.create_superuser(
        "journalist",
        "eystein@pkom.no",
        "pw",
        first_name="Eystein",
        last_name="Hansvik",
    )


@pytest.fixture
def submit(client, html, django_capture_on_commit_callbacks):
    """Send the tip form at `url` as a reader does; returns the stored tip."""

    def send(url="/tips-oss/", **overrides):
        page = html(client.get(url))
        data = {
            "csrfmiddlewaretoken": "",
            "started": page.select_one("input[name=started]")["value"],
            **VALID,
            **overrides,
        }
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {k: v for k, v in data.items() if v is not None})
        return Tip.objects.latest("submit_time")

    return send


@pytest.fixture
def publish(django_capture_on_commit_callbacks, journalist):
    def publish_page(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision(user=journalist).publish(user=journalist)

    return publish_page


def live_emails(smtp):
    return [m for m in smtp.to(TIPSTER) if "historie:" in m["Subject"].lower()]


def test_the_tipster_hears_when_the_story_is_live(
    sections, submit, publish, journalist, smtp
):
    tip = submit("/tips-oss/")
    story = create_draft_story(tip, journalist)

    publish(story)

    [message] = [m for m in smtp.to(TIPSTER) if m["Subject"].startswith("Tipset")]
    assert message["Subject"] == f"Tipset ditt er blitt en historie: {story.title}"
    assert message["Reply-To"] == "eystein@pkom.no"
    body = message.get_content().replace("\r\n", "\n")
    url = story.get_full_url()
    assert "Hei, Kari Nordmann!" in body
    assert f"Historien «{story.title}» er nå publisert:\n{url}" in body
    assert f"Selve kortet ligger på {url}embed/" in body
    assert f'<iframe src="{url}embed/"' in body
    assert "https://www.facebook.com/sharer/sharer.php?u=" in body
    assert "https://www.linkedin.com/sharing/share-offsite/?url=" in body
    assert "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)" in body
    assert "Kontakt journalisten:\nEystein Hansvik, eystein@pkom.no" in body
    email = tip.emails.get(kind=OutgoingEmail.Kind.PUBLISHED)
    assert email.status == OutgoingEmail.Status.SENT


def test_an_english_tip_gets_the_news_in_english(
    sections, submit, publish, journalist, smtp
):
    tip = submit("/en/send-a-tip/")
    story = create_draft_story(tip, journalist)

    publish(story)

    [message] = [m for m in smtp.to(TIPSTER) if "now a story" in m["Subject"]]
    assert message["Subject"] == f"Your tip is now a story: {story.title}"
    body = message.get_content()
    assert "/en/stories/" in story.get_full_url()
    assert story.get_full_url() in body
    assert "Questions about the story? Contact the journalist:" in body


def test_publishing_again_or_translating_never_sends_it_twice(
    sections, submit, publish, journalist, english, smtp
):
    tip = submit("/tips-oss/")
    story = create_draft_story(tip, journalist)
    publish(story)
    story.intro = "En ny ingress."
    publish(story)
    translation = translated(story, english, (story.title, "The story in English"))
    publish(translation)
    Tip.objects.filter(pk=tip.pk).update(status=Tip.Status.IN_REVIEW)
    publish(story)

    assert (
        len([m for m in smtp.to(TIPSTER) if "Tipset ditt er blitt" in m["Subject"]])
        == 1
    )
    assert tip.emails.filter(kind=OutgoingEmail.Kind.PUBLISHED).count() == 1


def test_no_email_without_consent_to_follow_up(
    sections, tip_page, submit, publish, journalist, smtp
):
    TipFormField.objects.filter(page=tip_page, clean_name="consent").update(
        required=False
    )
    tip = submit("/tips-oss/", consent=None)
    assert tip.consent is False
    story = create_draft_story(tip, journalist)

    publish(story)

    assert [m["Subject"] for m in smtp.to(TIPSTER)] == ["Takk for tipset ditt"]
    assert not tip.emails.filter(kind=OutgoingEmail.Kind.PUBLISHED).exists()


def test_no_email_once_the_tips_personal_data_is_purged(
    sections, submit, publish, journalist, smtp
):
    tip = submit("/tips-oss/")
    story = create_draft_story(tip, journalist)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Tip.objects.filter(pk=tip.pk).update(
        status=Tip.Status.ACCEPTED, updated_at=long_ago
    )
    assert purge_tips(days=180) == 1

    publish(story)

    assert [m["Subject"] for m in smtp.to(TIPSTER)] == ["Takk for tipset ditt"]
    assert not tip.emails.filter(kind=OutgoingEmail.Kind.PUBLISHED).exists()


def test_a_story_not_made_from_a_tip_emails_nobody(sections, publish, smtp):
    from tests.factories import StoryPageFactory

    publish(StoryPageFactory(parent=sections))

    assert smtp.messages == []
