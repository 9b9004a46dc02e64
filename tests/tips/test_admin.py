import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page

from stories.models import StoryPage, Tip
from tests.factories import ProjectIndexPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

TIPS = "/admin/snippets/stories/tip/"


@pytest.fixture
def tip(submit, tip_page):
    submit("/tips-oss/")
    return Tip.objects.get()


def test_a_translator_cannot_see_tips(client, people, tip):
    client.force_login(people["translator"])

    assert client.get(TIPS).status_code == 302  # refused: back to the dashboard
    assert client.get(f"{TIPS}edit/{tip.pk}/").status_code == 302
    forms = client.get(reverse("wagtailforms:index"))
    assert "Tips oss" not in forms.content.decode()
    submissions = client.get(
        reverse("wagtailforms:list_submissions", args=[tip.page_id])
    )
    assert "Kari Nordmann" not in submissions.content.decode()


def test_editors_list_and_filter_tips(client, people, tip, html):
    Tip.objects.create(
        page=tip.page,
        form_data={"story": "Noe annet"},
        language="en",
        project="OTHER",
        status=Tip.Status.REJECTED,
        consent_version=1,
        consent_text="x",
    )
    client.force_login(people["editor"])

    def listed(query=""):
        page = html(client.get(f"{TIPS}{query}"))
        return [row.select_one("td a").text.strip() for row in page.select("tbody tr")]

    assert len(listed()) == 2
    assert [title.split(" ", 1)[1] for title in listed("?status=new")] == ["GRENSEVILT"]
    assert [title.split(" ", 1)[1] for title in listed("?language=en")] == ["OTHER"]
    assert [title.split(" ", 1)[1] for title in listed("?q=kari")] == ["GRENSEVILT"]


def test_editors_export_tips_as_csv(client, people, tip):
    client.force_login(people["editor"])

    response = client.get(f"{TIPS}?export=csv")

    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "kari@example.no" in body
    assert "GRENSEVILT" in body


def test_editors_change_the_status_of_many_tips_at_once(client, people, tip):
    other = Tip.objects.create(
        page=tip.page, form_data={}, language="nb", consent_version=1, consent_text="x"
    )
    client.force_login(people["editor"])
    url = (
        reverse("wagtail_bulk_action", args=("stories", "tip", "set_status"))
        + f"?id={tip.pk}&id={other.pk}&next={TIPS}"
    )

    response = client.post(url, {"status": "rejected"})

    assert response.status_code == 302
    assert set(Tip.objects.values_list("status", flat=True)) == {"rejected"}
    assert (
        ModelLogEntry.objects.filter(action="stories.tip.status_changed").count() == 2
    )


def test_an_editor_turns_a_tip_into_a_draft_story(client, people, tip):
    project = ProjectPageFactory(parent=ProjectIndexPageFactory(), acronym="GRENSEVILT")
    client.force_login(people["editor"])

    response = client.post(reverse("stories_tip_create_draft", args=[tip.pk]))

    tip.refresh_from_db()
    story = tip.story
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert not story.live
    assert story.get_parent().specific_class.__name__ == "StoryIndexPage"
    assert story.locale.language_code == "nb"
    assert story.title == "GRENSEVILT"
    assert story.intro.startswith("Vi har fulgt elgen over grensen")
    assert [link.project_id for link in story.project_links.all()] == [project.pk]
    assert list(StoryPage.objects.get(pk=story.pk).tips.all()) == [tip]
    assert tip.status == Tip.Status.IN_REVIEW
    entry = ModelLogEntry.objects.get(action="stories.tip.draft_created")
    assert entry.user == people["editor"]
    assert entry.data["story_id"] == story.pk


def test_the_tip_history_shows_what_happened(client, people, tip):
    client.force_login(people["editor"])
    client.post(reverse("stories_tip_create_draft", args=[tip.pk]))

    history = client.get(f"{TIPS}history/{tip.pk}/")

    assert history.status_code == 200
    assert "Utkast til historie laget" in history.content.decode()


def test_publishing_the_story_made_from_a_tip_marks_the_tip_published(
    client, people, tip
):
    client.force_login(people["editor"])
    client.post(reverse("stories_tip_create_draft", args=[tip.pk]))
    story = Page.objects.get(pk=Tip.objects.get().story_id).specific

    story.save_revision(user=people["moderator"]).publish(user=people["moderator"])

    assert Tip.objects.get().status == Tip.Status.PUBLISHED


def test_the_admin_shows_tip_text_escaped(client, people, tip_page):
    Tip.objects.create(
        page=tip_page,
        form_data={"story": "<script>alert('x')</script>", "name": "<b>Ola</b>"},
        name="<b>Ola</b>",
        language="nb",
        consent_version=1,
        consent_text="x",
    )
    tip = Tip.objects.get()
    client.force_login(people["editor"])

    body = client.get(f"{TIPS}edit/{tip.pk}/").content.decode()

    assert "<script>alert('x')</script>" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body


def test_a_tip_becomes_a_story_through_the_editorial_workflow(client, people, tip):
    from wagtail.models import TaskState

    client.force_login(people["editor"])
    client.post(reverse("stories_tip_create_draft", args=[tip.pk]))
    story = Page.objects.get(pk=Tip.objects.get().story_id).specific
    story.get_workflow().start(story, people["editor"])
    task_state = TaskState.objects.get(workflow_state__object_id=str(story.pk))

    client.force_login(people["moderator"])
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[story.pk, "approve", task_state.pk],
        ),
        {"comment": "Fin historie"},
    )

    assert Page.objects.get(pk=story.pk).live
    assert Tip.objects.get().status == Tip.Status.PUBLISHED
