"""E-mail about tips: to the editorial address and a confirmation to the sender
when a tip arrives, and to the sender when the story made from it goes live.

When a tip is stored, each message is written to the outbox in the same
transaction (stories.OutgoingEmail: one editors' notification, one confirmation
when the settings ask for it), and queued for delivery once the tip is
committed. When the story made from a tip is published, the tipster's "your
story is live" message is written in the publishing transaction, once per tip
(the outbox keeps one message of each kind per tip, so publishing again, a
translation or a republish sends nothing more), and only to a tipster who
consented to follow-up and whose details have not been purged. Delivery,
retries and the exactly-once rule live in `outbox.py`; a mail server or task
worker that is down never loses or blocks a tip.
"""

from email.utils import make_msgid
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale, Site

from home.models import SiteSettings
from stories.models import OutgoingEmail, Tip
from stories.sharing import embed

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


def _story_for(tip, story):
    """The story in the tip's language when that is live, else `story`."""
    if story.locale.language_code == tip.language:
        return story
    locale = Locale.objects.filter(language_code=tip.language).first()
    translation_ = story.get_translation_or_none(locale) if locale else None
    return translation_ if translation_ is not None and translation_.live else story


def journalist(tip, story, editorial):
    """Whom the tipster can ask about the story: the journalist who handled the
    tip, else the story's contact person, else the editorial office."""
    user = tip.assignee
    if user is not None and user.email:
        return SimpleNamespace(
            name=user.get_full_name() or user.get_username(),
            email=user.email,
            phone="",
        )
    contact = story.contact
    if contact is not None and contact.email:
        return SimpleNamespace(
            name=contact.name, email=contact.email, phone=contact.phone
        )
    return SimpleNamespace(
        name=editorial.contact_name or editorial.editorial_email,
        email=editorial.editorial_email,
        phone=editorial.contact_phone,
    )


def may_tell(tip):
    """Whether the tipster may be told the story is live: they consented to
    follow-up (the form's consent), and their details are still there."""
    return tip.consent and tip.anonymised_at is None and bool(tip.email)


def write_story_live_email(tip, story, editorial):
    """The tipster's "your story is live" message, once per tip."""
    story = _story_for(tip, story)
    url = story.get_full_url()
    card_url = f"{url}embed/"
    contact = journalist(tip, story, editorial)
    context = {
        "tip": tip,
        "story": story,
        "url": url,
        "embed_url": card_url,
        "embed_code": embed.iframe_html(card_url, story.title),
        "share_links": embed.share_links(url, story.title),
        "licence": story.licence_under(editorial.licence),
        "contact": contact,
    }
    return write_email(
        tip,
        Kind.PUBLISHED,
        recipient=tip.email,
        reply_to=contact.email,
        template="published",
        context=context,
        language=tip.language,
    )


def notify_tipsters_on_publish(sender, instance, revision=None, **kwargs):
    """When a story made from a tip goes live, its tipster hears of it, once
    (page_published of stories.StoryPage)."""
    tips = [
        tip
        for tip in Tip.objects.filter(story_id=instance.pk).select_related("assignee")
        if may_tell(tip) and not tip.emails.filter(kind=Kind.PUBLISHED).exists()
    ]
    if not tips or instance.get_view_restrictions().exists():
        return
    editorial = editorial_settings()
    outbox.queue_after_commit(
        [write_story_live_email(tip, instance, editorial) for tip in tips]
    )
