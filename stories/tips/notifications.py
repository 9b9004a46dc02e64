"""E-mail about new tips: to the editorial address, and a confirmation to the sender.

When a tip is stored, each message is written to the outbox in the same
transaction (stories.OutgoingEmail: one editors' notification, one confirmation
when the settings ask for it), and queued for delivery once the tip is
committed. Delivery, retries and the exactly-once rule live in `outbox.py`; a
mail server or task worker that is down never loses or blocks a tip.
"""

from email.utils import make_msgid

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from home.models import SiteSettings
from stories.models import OutgoingEmail

from . import outbox

Kind = OutgoingEmail.Kind


def editorial_settings():
    """The default site's settings: the editorial office's address and choices."""
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def _tip_url(tip):
    return f"{settings.WAGTAILADMIN_BASE_URL}/admin/snippets/stories/tip/edit/{tip.pk}/"


def _render(name, context, language):
    with translation.override(language):
        subject = render_to_string(f"stories/tips/email/{name}_subject.txt", context)
        body = render_to_string(f"stories/tips/email/{name}.txt", context)
    return " ".join(subject.split()), body


def write_email(tip, kind, *, recipient, reply_to, template, context, language):
    """Put one message in the outbox, once: a second call for the same tip and
    kind finds the first and changes nothing."""
    subject, body = _render(template, context, language)
    email, _created = OutgoingEmail.objects.get_or_create(
        tip=tip,
        kind=kind,
        defaults={
            "recipient": recipient,
            "reply_to": reply_to or "",
            "subject": subject[:255],
            "body": body,
            "message_id": make_msgid(domain="interreg.no"),
        },
    )
    return email


def write_tip_emails(tip, editorial):
    """The editors' notification and, if asked for, the sender's confirmation."""
    context = {"tip": tip, "fields": tip.labelled_data(), "admin_url": _tip_url(tip)}
    emails = [
        write_email(
            tip,
            Kind.EDITORS,
            recipient=editorial.editorial_email,
            reply_to=tip.email,
            template="notification",
            context=context,
            language=settings.LANGUAGE_CODE,
        )
    ]
    if editorial.send_confirmation and tip.email:
        emails.append(
            write_email(
                tip,
                Kind.CONFIRMATION,
                recipient=tip.email,
                reply_to=editorial.editorial_email,
                template="confirmation",
                context=context,
                language=tip.language,
            )
        )
    return emails


def notify_on_new_tip(sender, instance, created, raw=False, **kwargs):
    """A new tip's e-mail goes into the outbox with the tip, and is queued for
    delivery once the tip is committed (post_save of stories.Tip)."""
    if created and not raw:
        outbox.queue_after_commit(write_tip_emails(instance, editorial_settings()))
