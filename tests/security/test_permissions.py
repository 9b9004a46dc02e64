"""Who may do what: every role against every sensitive action."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site, TaskState

from stories.models import StoryPage, Tip
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "translator", "editor", "moderator", "administrator"]

# action: the roles that may do it
MATRIX = {
    "see tips": {"editor", "moderator", "administrator"},
    "export tips": {"editor", "moderator", "administrator"},
    "create draft from tip": {"editor", "moderator", "administrator"},
    "edit stories": {"translator", "editor", "moderator", "administrator"},
    "publish stories": {"editor", "moderator", "administrator"},
    "edit projects": {"translator", "editor", "moderator", "administrator"},
    "publish projects": {"editor", "moderator", "administrator"},
    "translate": {"translator", "editor", "moderator", "administrator"},
    "approve in the workflow": {"moderator", "administrator"},
    "change site settings": {"editor", "administrator"},
    "import content": {"editor", "administrator"},
    "reach the Django admin": {"administrator"},
}


@pytest.fixture
def world(db, content, tip_page):
    call_command("setup_editorial", verbosity=0)
    tip = Tip.objects.create(
        page=tip_page,
        form_data={"story": "Et tips", "project": "GRENSEVILT"},
        project="GRENSEVILT",
        language="nb",
        consent_version=1,
        consent_text="x",
    )
    draft = StoryPageFactory(
        parent=content["story_index"], title="Til godkjenning", live=False
    )
    draft.save_revision()
    draft.get_workflow().start(
        draft, User.objects.create_superuser("starter", "s@x.no", "pw")
    )
    return {"content": content, "tip": tip, "draft": draft}


def user_for(role):
    if role == "anonymous":
        return None
    if role == "administrator":
        return User.objects.create_superuser("admin-user", "admin@x.no", "pw")
    group = {
        "translator": "Translators",
        "editor": "Editors",
        "moderator": "Moderators",
    }[role]
    user = User.objects.create_user(role, f"{role}@x.no", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def allowed(response):
    """Wagtail refuses with a redirect (to login or the dashboard) or a 403."""
    return response.status_code == 200


def attempt(action, client, user, world):
    story = StoryPage.objects.get(pk=world["content"]["story"].pk)
    project = world["content"]["project"]
    tip = world["tip"]
    if action == "see tips":
        return allowed(client.get("/admin/snippets/stories/tip/"))
    if action == "export tips":
        return allowed(client.get("/admin/snippets/stories/tip/?export=csv"))
    if action == "create draft from tip":
        client.post(reverse("stories_tip_create_draft", args=[tip.pk]))
        return Tip.objects.get(pk=tip.pk).story_id is not None
    if action == "edit stories":
        return allowed(client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])))
    if action == "publish stories":
        return user is not None and story.permissions_for_user(user).can_publish()
    if action == "edit projects":
        return allowed(
            client.get(reverse("wagtailadmin_pages:edit", args=[project.pk]))
        )
    if action == "publish projects":
        return user is not None and project.permissions_for_user(user).can_publish()
    if action == "translate":
        other = StoryPageFactory(
            parent=world["content"]["story_index"], slug="ny-oversettelse"
        )
        return allowed(
            client.get(
                reverse("wagtail_localize:submit_page_translation", args=[other.pk])
            )
        )
    if action == "approve in the workflow":
        draft = world["draft"]
        task_state = TaskState.objects.get(workflow_state__object_id=str(draft.pk))
        client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[draft.pk, "approve", task_state.pk],
            ),
            {"comment": ""},
        )
        return StoryPage.objects.get(pk=draft.pk).live
    if action == "change site settings":
        site = Site.objects.get(is_default_site=True)
        return allowed(client.get(f"/admin/settings/home/sitesettings/{site.pk}/"))
    if action == "import content":
        return allowed(client.get(reverse("stories_import_start", args=["projects"])))
    if action == "reach the Django admin":
        return allowed(client.get("/django-admin/"))
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(client, world, role, action):
    user = user_for(role)
    if user is not None:
        client.force_login(user)

    assert attempt(action, client, user, world) == (role in MATRIX[action])
