import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from stories.models import Tip

pytestmark = pytest.mark.django_db


def make_tip(page, status, days_ago):
    tip = Tip.objects.create(
        page=page,
        form_data={
            "name": "Kari",
            "email": "kari@example.no",
            "organisation": "Org",
            "story": "Elg",
        },
        name="Kari",
        email="kari@example.no",
        organisation="Org",
        language="nb",
        status=status,
        consent_version=1,
        consent_text="x",
    )
    Tip.objects.filter(pk=tip.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return tip


def test_purge_anonymises_old_closed_tips_only(tip_page, settings):
    settings.TIP_RETENTION_DAYS = 180
    old_closed = make_tip(tip_page, Tip.Status.PUBLISHED, days_ago=200)
    old_open = make_tip(tip_page, Tip.Status.IN_REVIEW, days_ago=200)
    recent_closed = make_tip(tip_page, Tip.Status.REJECTED, days_ago=10)

    call_command("purge_tips", verbosity=0)

    old_closed.refresh_from_db()
    assert (old_closed.name, old_closed.email, old_closed.organisation) == ("", "", "")
    assert old_closed.form_data == {
        "name": "",
        "email": "",
        "organisation": "",
        "story": "Elg",
    }
    assert old_closed.anonymised_at is not None
    for kept in (old_open, recent_closed):
        kept.refresh_from_db()
        assert kept.email == "kari@example.no"


def test_purge_takes_the_number_of_days(tip_page):
    tip = make_tip(tip_page, Tip.Status.ACCEPTED, days_ago=40)

    call_command("purge_tips", "--days", "30", verbosity=0)

    tip.refresh_from_db()
    assert tip.email == ""
