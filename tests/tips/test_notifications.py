"""Every e-mail about a tip goes exactly once, whatever the mail server does.

Real SMTP servers on loopback (tests/services/smtp.py): one that works, one
that refuses a recipient, one that hangs in the middle, one that accepts
connections and never answers, and none at all (a refused connection)."""

import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from stories.models import OutgoingEmail, Tip
from stories.tips import outbox
from tests.services.smtp import SilentServer, SMTPServer, free_port, use_smtp

pytestmark = pytest.mark.django_db

EDITORS = "interreg@pkom.no"
TIPSTER = "kari@example.no"
Status = OutgoingEmail.Status


def later(minutes):
    """A moment `minutes` from now, when the next attempt is due."""
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes))


def test_the_editorial_address_gets_the_tip(submit, tip_page, smtp):
    submit("/tips-oss/")

    [notification] = smtp.to(EDITORS)
    body = notification.get_content()
    assert "GRENSEVILT" in notification["Subject"]
    assert "Kari Nordmann" in body
    assert "Vi har fulgt elgen over grensen i fire år." in body
    assert notification["Reply-To"] == TIPSTER


def test_each_message_is_its_own_outbox_entry_with_its_own_state(
    submit, tip_page, smtp
):
    submit("/tips-oss/")

    emails = {email.kind: email for email in Tip.objects.get().emails.all()}
    assert set(emails) == {"editors", "confirmation"}
    assert {email.status for email in emails.values()} == {Status.SENT}
    assert emails["editors"].message_id == smtp.to(EDITORS)[0]["Message-ID"]


def test_the_sender_gets_a_confirmation_in_their_language(submit, tip_page, smtp):
    submit("/en/send-a-tip/")

    [confirmation] = smtp.to(TIPSTER)
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


def test_a_refused_connection_keeps_the_tip_and_it_goes_once_the_server_is_back(
    submit, html, tip_page, tip_settings
):
    port = free_port()
    use_smtp(tip_settings, port)

    response = submit("/tips-oss/")

    assert html(response).select_one("h1").text == "Takk for tipset"
    emails = list(Tip.objects.get().emails.all())
    assert [email.status for email in emails] == [Status.PENDING, Status.PENDING]
    assert all("ConnectionRefusedError" in email.last_error for email in emails)
    assert all(email.next_attempt_at > timezone.now() for email in emails)

    server = SMTPServer(port=port).start()
    try:
        call_command("send_tip_notifications", verbosity=0)  # not due yet
        assert server.messages == []
        with later(minutes=2):
            call_command("send_tip_notifications", verbosity=0)
            call_command("send_tip_notifications", verbosity=0)
    finally:
        server.stop()

    assert len(server.to(EDITORS)) == 1
    assert len(server.to(TIPSTER)) == 1
    assert {e.status for e in OutgoingEmail.objects.all()} == {Status.SENT}


def test_a_server_that_never_answers_is_given_up_on_within_the_time_out(
    submit, tip_page, tip_settings
):
    silent = SilentServer().start()
    use_smtp(tip_settings, silent.port)
    tip_settings.EMAIL_TIMEOUT = 1
    try:
        started = timezone.now()
        submit("/tips-oss/")
        waited = timezone.now() - started
    finally:
        silent.stop()

    emails = list(OutgoingEmail.objects.all())
    assert [email.status for email in emails] == [Status.PENDING, Status.PENDING]
    assert all("timed out" in email.last_error for email in emails)
    assert waited < datetime.timedelta(seconds=10)
    assert Tip.objects.count() == 1


def test_a_failure_after_the_editors_email_never_emails_the_editors_again(
    submit, tip_page, smtp
):
    smtp.inbox.refused.add(TIPSTER)

    submit("/tips-oss/")

    assert len(smtp.to(EDITORS)) == 1
    assert OutgoingEmail.objects.get(kind="confirmation").status == Status.PENDING
    smtp.inbox.refused.clear()
    with later(minutes=2):
        call_command("send_tip_notifications", verbosity=0)

    assert len(smtp.to(EDITORS)) == 1
    assert len(smtp.to(TIPSTER)) == 1


def test_retries_back_off_then_stop_and_the_tip_shows_the_failure(
    submit, admin_client, html, tip_page, tip_settings
):
    use_smtp(tip_settings, free_port())
    submit("/tips-oss/")
    waits = []
    for _attempt in range(outbox.MAX_ATTEMPTS - 1):
        email = OutgoingEmail.objects.get(kind="editors")
        waits.append(email.next_attempt_at)
        with time_machine.travel(email.next_attempt_at + datetime.timedelta(seconds=1)):
            call_command("send_tip_notifications", verbosity=0)

    email = OutgoingEmail.objects.get(kind="editors")
    gaps = [later - earlier for earlier, later in zip(waits, waits[1:], strict=False)]
    assert email.status == Status.FAILED
    assert email.attempts == outbox.MAX_ATTEMPTS
    assert all(b > a for a, b in zip(gaps, gaps[1:], strict=False))
    page = html(admin_client.get(f"/admin/snippets/stories/tip/edit/{email.tip_id}/"))
    assert "ConnectionRefusedError" in page.text
    assert page.select_one(f"form#resend-{email.pk}") is not None


def test_an_editor_can_resend_an_email_the_outbox_gave_up_on(
    admin_client, tip_page, submit, smtp
):
    smtp.inbox.refused.add(EDITORS)
    submit("/tips-oss/")
    email = OutgoingEmail.objects.get(kind="editors")
    OutgoingEmail.objects.filter(pk=email.pk).update(status=Status.FAILED)
    smtp.inbox.refused.clear()

    admin_client.post(f"/admin/tips/{email.tip_id}/emails/{email.pk}/resend/")

    email.refresh_from_db()
    assert email.status == Status.SENT
    assert len(smtp.to(EDITORS)) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_racing_for_the_same_message_send_it_once(tip_page, submit, smtp):
    smtp.inbox.refused.update({EDITORS, TIPSTER})
    submit("/tips-oss/")
    smtp.inbox.refused.clear()
    smtp.inbox.delay = 0.5  # both workers are busy at the same time
    email = OutgoingEmail.objects.get(kind="editors")
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    results = []

    def worker():
        try:
            results.append(outbox.deliver(email.pk))
        finally:
            connections.close_all()

    racers = [threading.Thread(target=worker) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()

    assert sorted(results, key=str) == [None, True]
    assert len(smtp.to(EDITORS)) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_database_lock_is_held_while_the_mail_server_hangs(tip_page, submit, smtp):
    smtp.inbox.refused.update({EDITORS, TIPSTER})
    submit("/tips-oss/")
    smtp.inbox.refused.clear()
    email = OutgoingEmail.objects.get(kind="editors")
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    smtp.inbox.hanging.set()
    sender = threading.Thread(
        target=lambda: (outbox.deliver(email.pk), connections.close_all())
    )
    sender.start()
    try:
        assert smtp.inbox.waiting.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '1s'")
            # Editors can change the tip and the outbox while the worker waits.
            Tip.objects.filter(pk=email.tip_id).update(notes="Ringer tilbake")
            OutgoingEmail.objects.filter(pk=email.pk).update(last_error="")
    finally:
        smtp.inbox.hanging.clear()
        sender.join()
    assert Tip.objects.get().notes == "Ringer tilbake"
