import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from stories.models import StoryIndexPage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        group.name: (
            sorted(group.permissions.values_list("codename", flat=True)),
            GroupPagePermission.objects.filter(group=group).count(),
        )
        for group in Group.objects.all()
    }


def test_setup_editorial_is_idempotent(tip_page):
    call_command("setup_editorial", verbosity=0)
    first = snapshot()

    call_command("setup_editorial", verbosity=0)

    assert snapshot() == first
    assert set(first) >= {"Editors", "Moderators", "Translators"}
    assert Workflow.objects.filter(name="Redaksjonell godkjenning").count() == 1


def test_the_workflow_covers_the_story_sections_of_both_languages(tip_page, english):
    call_command("setup_editorial", verbosity=0)
    index = StoryIndexPage.objects.get(locale__language_code="nb")

    workflow_pages = WorkflowPage.objects.filter(
        workflow__name="Redaksjonell godkjenning"
    )

    assert index.pk in set(workflow_pages.values_list("page_id", flat=True))


def test_translators_have_no_tip_permissions(people):
    translators = Group.objects.get(name="Translators")

    assert not translators.permissions.filter(codename__contains="tip").exists()
