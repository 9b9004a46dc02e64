import pytest
from django.core.management import call_command

from stories.models import Tip
from tests.services.smtp import SMTPServer, free_port
from tests.tips.conftest import use_smtp

pytestmark = pytest.mark.django_db


def test_the_editorial_address_gets_the_tip(submit, tip_page, smtp):
    submit("/tips-oss/")

    notification = next(m for m in smtp.messages if m["To"] == "interreg@pkom.no")
    body = notification.get_content()
    assert "GRENSEVILT" in notification["Subject"]
    assert "Kari Nordmann" in body
    assert "Vi har fulgt elgen over grensen i fire år." in body
    assert notification["Reply-To"] == "kari@example.no"
    assert Tip.objects.get().notified_at is not None


def test_the_sender_gets_a_confirmation_in_their_language(submit, tip_page, smtp):
    submit("/en/send-a-tip/")

    confirmation = next(m for m in smtp.messages if m["To"] == "kari@example.no")
    assert confirmation["Subject"] == "Thank you for your story tip"


def test_no_confirmation_when_the_site_setting_says_so(submit, tip_page, smtp):
    from wagtail.models import Site

    from home.models import SiteSettings

    editorial = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    editorial.send_confirmation = False
    editorial.editorial_email = "desk@example.no"
    editorial.save()

    submit("/tips-oss/")

    assert [m["To"] for m in smtp.messages] == ["desk@example.no"]


def test_a_tip_is_kept_when_mail_is_down_and_sent_once_it_is_back(
    submit, html, tip_page, tip_settings
):
    port = free_port()
    use_smtp(tip_settings, port)

    response = submit("/tips-oss/")

    assert html(response).select_one("h1").text == "Takk for tipset"
    tip = Tip.objects.get()
    assert tip.notified_at is None
    assert tip.notification_attempts == 1
    assert "ConnectionRefusedError" in tip.notification_error

    server = SMTPServer(port=port).start()
    try:
        call_command("send_tip_notifications", verbosity=0)
        call_command("send_tip_notifications", verbosity=0)
    finally:
        server.stop()

    tip.refresh_from_db()
    assert tip.notified_at is not None
    assert tip.notification_error == ""
    to_editors = [m for m in server.messages if m["To"] == "interreg@pkom.no"]
    assert len(to_editors) == 1
