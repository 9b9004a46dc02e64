"""A front end routes by the reader's path: `find/?html_path=` finds every live,
public page in both languages, and answers redirects as the site does."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

from stories.models import StoryPage
from tests.factories import StoryPageFactory, home_page

pytestmark = pytest.mark.django_db


def in_both_languages(pages, english):
    for name, page in list(pages.items()):
        translation = page.get_translation(english)
        assert translation.live, name
        pages[f"{name}_en"] = translation
    return pages


@pytest.fixture
def site(content, english):
    """Pages in both languages (translated slugs where they differ)."""
    pages = {
        "home": home_page(),
        "story_index": content["story_index"],
        "story": content["story"],
        "project_index": content["project_index"],
        "project": content["project"],
    }
    return in_both_languages(pages, english)


@pytest.fixture
def every_page_type(site, tip_page, english):
    """The site, with the tip form too: every page type."""
    return {**site, **in_both_languages({"tip_form": tip_page}, english)}


def find(client, path, **params):
    return client.get("/api/v2/pages/find/", {"html_path": path, **params})


def found_page(client, path):
    """The page `find` redirects to, followed as fetch() would."""
    response = find(client, path)
    assert response.status_code == 302, (path, response.content)
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.json()


PAGES = [
    ("/", "home"),
    ("/historier/", "story_index"),
    ("/historier/elgen/", "story"),
    ("/prosjekter/", "project_index"),
    ("/prosjekter/grensevilt/", "project"),
    ("/tips-oss/", "tip_form"),
    ("/en/", "home_en"),
    ("/en/stories/", "story_index_en"),
    ("/en/stories/the-moose/", "story_en"),
    ("/en/projects/", "project_index_en"),
    ("/en/projects/wildlife-management-without-borders/", "project_en"),
    ("/en/send-a-tip/", "tip_form_en"),
]


def test_every_page_type_is_found_by_its_path_in_both_languages(
    client, every_page_type
):
    for path, name in PAGES:
        page = every_page_type[name]

        data = found_page(client, path)

        assert data["id"] == page.pk, path
        assert data["meta"]["type"] == f"{page._meta.app_label}.{type(page).__name__}"
        assert data["meta"]["html_url"] == f"http://testserver{path}"


def test_paths_are_found_with_or_without_slashes(client, every_page_type):
    for path, name in [
        ("", "home"),
        ("/en", "home_en"),
        ("/historier", "story_index"),
        ("/en/stories/the-moose", "story_en"),
        ("en/stories/the-moose/", "story_en"),
        ("/en/send-a-tip", "tip_form_en"),
    ]:
        assert found_page(client, path)["id"] == every_page_type[name].pk, path


def test_found_redirects_to_the_detail_url_keeping_other_parameters(client, site):
    response = find(client, "/en/stories/the-moose/", fields="title")

    assert response["Location"] == (
        f"/api/v2/pages/{site['story_en'].pk}/?fields=title"
    )


def test_the_other_languages_slug_is_not_a_page(client, site):
    assert find(client, "/en/prosjekter/grensevilt/").status_code == 404
    assert find(client, "/projects/grensevilt/").status_code == 404


def test_unknown_paths_get_a_json_404(client, site):
    for path in ("/finnes-ikke/", "/en/finnes-ikke/", "/historier/elgen/mer/", "/de/"):
        response = find(client, path)

        assert response.status_code == 404, path
        assert response.json() == {"message": "not found"}


def test_drafts_and_private_pages_are_not_found(client, site):
    draft = StoryPageFactory(parent=site["story_index"], slug="utkast")
    draft.unpublish()
    private = StoryPageFactory(parent=site["story_index"], slug="privat")
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    unpublished_translation = StoryPage.objects.get(pk=site["story_en"].pk)
    unpublished_translation.unpublish()

    assert client.get("/historier/privat/").status_code == 302  # to the login
    for path in ("/historier/utkast/", "/historier/privat/", "/en/stories/the-moose/"):
        assert find(client, path).status_code == 404, path


def redirect_answer(client, path):
    response = find(client, path)
    assert response.status_code == 200, (path, response.content)
    return response.json()["redirect"]


def assert_site_answers_the_same(client, path, answer):
    """The site itself redirects there too, permanently or not."""
    response = client.get(path)
    assert response.status_code == (301 if answer["is_permanent"] else 302)
    assert response["Location"] == answer["location"]


def page_reference(page):
    return {"id": page.pk, "detail_url": f"/api/v2/pages/{page.pk}/"}


def change_slug(page, slug, on_commit):
    """Publish a new slug; Wagtail leaves a redirect from the old one on commit."""
    page = StoryPage.objects.get(pk=page.pk)
    page.slug = slug
    with on_commit(execute=True):
        page.save_revision().publish()
    return page


def test_a_changed_slug_answers_a_permanent_redirect_to_the_page(
    client, site, django_capture_on_commit_callbacks
):
    story = change_slug(
        site["story"], "elgen-vandrer", django_capture_on_commit_callbacks
    )

    answer = redirect_answer(client, "/historier/elgen/")

    assert answer == {
        "location": "/historier/elgen-vandrer/",
        "is_permanent": True,
        "page": page_reference(story),
    }
    assert_site_answers_the_same(client, "/historier/elgen/", answer)
    assert redirect_answer(client, "/historier/elgen") == answer


def test_a_changed_english_slug_answers_a_redirect_to_the_english_page(
    client, site, django_capture_on_commit_callbacks
):
    story = change_slug(
        site["story_en"], "the-moose-roams", django_capture_on_commit_callbacks
    )

    answer = redirect_answer(client, "/en/stories/the-moose/")

    assert answer == {
        "location": "/en/stories/the-moose-roams/",
        "is_permanent": True,
        "page": page_reference(story),
    }
    assert_site_answers_the_same(client, "/en/stories/the-moose/", answer)


def test_a_temporary_redirect_to_a_page(client, site):
    Redirect.add_redirect(
        "/kampanje/", redirect_to=site["project_en"], is_permanent=False
    )

    answer = redirect_answer(client, "/kampanje/")

    assert answer == {
        "location": "/en/projects/wildlife-management-without-borders/",
        "is_permanent": False,
        "page": page_reference(site["project_en"]),
    }
    assert_site_answers_the_same(client, "/kampanje/", answer)


def test_a_redirect_to_an_address_elsewhere(client, site):
    Redirect.add_redirect(
        "/en/programmes/", redirect_to="https://interreg.eu/", is_permanent=True
    )

    answer = redirect_answer(client, "/en/programmes/")

    assert answer == {
        "location": "https://interreg.eu/",
        "is_permanent": True,
        "page": None,
    }
    assert_site_answers_the_same(client, "/en/programmes/", answer)


def test_an_old_address_with_a_query_string_redirects(client, site):
    """As an imported site leaves them: `/index.php?p=123` for an old post."""
    Redirect.add_redirect("/index.php?p=123", redirect_to=site["story"])

    answer = redirect_answer(client, "/index.php?p=123")

    assert answer["location"] == "/historier/elgen/"
    assert answer["page"] == page_reference(site["story"])
    assert_site_answers_the_same(client, "/index.php?p=123", answer)


def test_a_redirect_for_this_site_wins_over_one_for_all_sites(client, site):
    Redirect.add_redirect("/gammel/", redirect_to=site["story_index"])
    Redirect.add_redirect(
        "/gammel/",
        redirect_to=site["project_index"],
        site=Site.objects.get(is_default_site=True),
    )

    answer = redirect_answer(client, "/gammel/")

    assert answer["page"] == page_reference(site["project_index"])
    assert_site_answers_the_same(client, "/gammel/", answer)


def test_a_live_page_wins_over_a_redirect_at_its_address(client, site):
    Redirect.add_redirect("/historier/elgen/", redirect_to=site["project"])

    assert found_page(client, "/historier/elgen/")["id"] == site["story"].pk


def test_a_redirect_to_a_draft_or_private_page_is_not_found(client, site):
    draft = StoryPageFactory(parent=site["story_index"], slug="utkast")
    draft.unpublish()
    private = Page.objects.get(pk=site["story"].pk)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    Redirect.add_redirect("/til-utkast/", redirect_to=draft)
    Redirect.add_redirect("/til-privat/", redirect_to=private)

    assert find(client, "/til-utkast/").status_code == 404
    assert find(client, "/til-privat/").status_code == 404


def test_the_default_language_prefix_redirects_as_on_the_site(client, site):
    answer = redirect_answer(client, "/nb/historier/elgen/")

    assert answer == {
        "location": "/historier/elgen/",
        "is_permanent": True,
        "page": page_reference(site["story"]),
    }
    assert_site_answers_the_same(client, "/nb/historier/elgen/", answer)


def test_redirect_answers_keep_to_the_openapi_document(client, site, validate):
    Redirect.add_redirect("/kampanje/", redirect_to=site["project"])

    validate(find(client, "/kampanje/").json(), "Redirect")
