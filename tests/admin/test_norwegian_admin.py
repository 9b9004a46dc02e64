"""The admin in Norwegian: every screen an editor, a moderator and a translator
use shows no English UI text when their admin language is Norsk bokmål.

Each role's screens are the menu they see (read from the admin's own sidebar)
and the screens their work leads to: the page explorer, the editor of every
page type with its action menu, choosers, history and workflow screens, every
wagtail-localize screen, tips for those who see them, and their account. What
counts as English UI text is decided by the catalogues (see tests/admin/ui_text).
The browser's language is English throughout: the user's setting decides.
"""

import json
import re

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from stories.models import Tip
from tests.admin.ui_text import (
    SAME_IN_NORWEGIAN,
    SITE_PACKAGES,
    english_ui_text,
    what_people_wrote,
)
from tests.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(content, english, tip_page, people):
    """A day's material: a tip, a story in review, one still to translate."""
    for user in people.values():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "nb"
        profile.save()
        user.last_name = "Nordmann"
        user.save()
    # As the tip form stores a tip (stories.tips.intake).
    tip = Tip.objects.create(
        page=tip_page,
        form_data={
            "name": "Kari Nordmann",
            "email": "kari@example.no",
            "organisation": "",
            "project": "GRENSEVILT",
            "programme": "",
            "story": "Vi har fulgt elgen over grensen.",
            "link": "",
            "consent": True,
        },
        name="Kari Nordmann",
        email="kari@example.no",
        project="GRENSEVILT",
        language="nb",
        consent_version=1,
        consent_text="Jeg samtykker.",
    )
    in_review = StoryPageFactory(
        parent=content["story_index"], title="Til godkjenning", live=False
    )
    in_review.save_revision(user=people["editor"])
    in_review.get_workflow().start(in_review, people["editor"])
    untranslated = StoryPageFactory(
        parent=content["story_index"], title="Bare på norsk"
    )
    untranslated.save_revision().publish()
    # Pages are published by people (the fixtures publish without one).
    PageLogEntry.objects.filter(user=None).update(user=people["editor"])
    return {
        **content,
        "english": english,
        "tip": tip,
        "in_review": in_review,
        "untranslated": untranslated,
        "people": people,
    }


def menu_screens(client, user):
    """Every screen the user's admin menu and account menu lead to."""
    page = client.get("/admin/").content.decode()
    start = page.index('id="wagtail-sidebar-props"')
    props = page[page.index(">", start) + 1 : page.index("</script>", start)]
    urls = []

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("url"), str):
                urls.append(value["url"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(props))
    # The account menu: settings and two-factor devices.
    urls += ["/admin/account/", reverse("wagtail_2fa_device_list", args=[user.pk])]
    urls.append(reverse("wagtail_2fa_device_new"))
    return [url for url in dict.fromkeys(urls) if url.startswith("/admin/")]


def page_screens(n):
    """The pages' explorer, editors, choosers and history."""
    english = n["english"]
    nb_home = n["story_index"].get_parent()
    screens = ["/admin/pages/search/?q=elg", "/admin/choose-page/"]
    for page in (nb_home, n["story_index"], n["project_index"]):
        screens += [
            reverse("wagtailadmin_explore", args=[page.pk]),
            reverse("wagtailadmin_explore", args=[page.get_translation(english).pk]),
        ]
    screens.append(
        reverse("wagtailadmin_explore", args=[n["story_index"].pk]) + "?ordering=ord"
    )
    for page in (
        nb_home,
        n["story_index"],
        n["story"],
        n["project_index"],
        n["project"],
        n["tip"].page,
        n["in_review"],
    ):
        screens.append(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    screens += [
        reverse(
            "wagtailadmin_pages:add",
            args=["stories", "storypage", n["story_index"].pk],
        ),
        reverse("wagtailadmin_pages:history", args=[n["story"].pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[n["in_review"].pk]),
        reverse("wagtailadmin_pages:usage", args=[n["story"].pk]),
        "/admin/images/chooser/",
        "/admin/documents/chooser/",
        "/admin/snippets/choose/stories/contact/",
        "/admin/snippets/choose/stories/theme/",
    ]
    return screens


def translation_screens(n):
    """Every wagtail-localize screen: translate, the editor, sync, the reports."""
    english = n["english"]
    story_source = TranslationSource.objects.get(
        object_id=n["story"].translation_key, locale=n["story"].locale
    )
    english_theme = n["theme"].get_translation(english)
    return [
        reverse(
            "wagtailadmin_pages:edit", args=[n["story"].get_translation(english).pk]
        ),
        reverse(
            "wagtailadmin_pages:edit", args=[n["project"].get_translation(english).pk]
        ),
        f"/admin/snippets/stories/theme/edit/{english_theme.pk}/",
        reverse(
            "wagtail_localize:submit_page_translation", args=[n["untranslated"].pk]
        ),
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["stories", "contact", n["contact"].pk],
        ),
        reverse("wagtail_localize:update_translations", args=[story_source.pk]),
        reverse("wagtail_localize:translations_report"),
        reverse("stories_translation_status"),
        reverse(
            "stories_submit_translation", args=[n["story"].get_translation(english).pk]
        ),
    ]


def tip_screens(n):
    tip = n["tip"].pk
    return [
        f"/admin/snippets/stories/tip/edit/{tip}/",
        f"/admin/snippets/stories/tip/inspect/{tip}/",
        f"/admin/snippets/stories/tip/history/{tip}/",
        reverse("stories_tip_create_draft", args=[tip]),
        reverse("wagtailforms:list_submissions", args=[n["tip"].page_id]),
    ]


def editing_screens(n):
    """Where publishing, moving and deleting a page lead an editor."""
    story = n["story"].pk
    return [
        reverse("wagtailadmin_pages:unpublish", args=[story]),
        reverse("wagtailadmin_pages:delete", args=[story]),
        reverse("wagtailadmin_pages:move", args=[story]),
        reverse("wagtailadmin_pages:copy", args=[story]),
    ]


def review_screens(n):
    """The moderator's approve and reject dialogs."""
    page = n["in_review"].pk
    state = TaskState.objects.get(workflow_state__object_id=str(page))
    return [
        reverse("wagtailadmin_pages:workflow_action", args=[page, action, state.pk])
        for action in ("approve", "reject")
    ] + [
        reverse(
            "wagtailadmin_pages:workflow_history_detail",
            args=[page, state.workflow_state_id],
        )
    ]


SCREENS = {
    "editor": lambda n: (
        page_screens(n)
        + translation_screens(n)
        + tip_screens(n)
        + editing_screens(n)
        + ["/admin/images/multiple/add/", "/admin/documents/multiple/add/"]
    ),
    "moderator": lambda n: (
        page_screens(n)
        + translation_screens(n)
        + tip_screens(n)
        + editing_screens(n)
        + review_screens(n)
    ),
    "translator": lambda n: page_screens(n) + translation_screens(n),
}


def shown(response):
    """The HTML a screen shows (modal screens answer JSON with their HTML)."""
    if response["Content-Type"].startswith("application/json"):
        return response.json().get("html", "")
    return response.content.decode()


@pytest.mark.parametrize("role", list(SCREENS))
def test_every_screen_a_role_uses_is_in_norwegian(client, newsroom, role):
    user = newsroom["people"][role]
    client.force_login(user)
    screens = list(dict.fromkeys(menu_screens(client, user) + SCREENS[role](newsroom)))
    content = what_people_wrote()
    problems = []

    for url in screens:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en", follow=True)
        if response.status_code != 200:
            problems.append(f"{url}: answered {response.status_code}")
            continue
        problems += [
            f"{url}: {text!r}" for text in english_ui_text(shown(response), content)
        ]

    assert len(screens) > 40
    assert not problems, f"{len(problems)} English strings:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "url", ["/admin/login/", "/admin/password_reset/", "/admin/password_reset/done/"]
)
def test_the_login_screens_are_in_norwegian(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")

    assert response.status_code == 200
    assert english_ui_text(response.content.decode()) == []


def test_the_po_file_round_trip_speaks_norwegian(client, newsroom, tmp_path):
    """Download and upload of a PO file in the translation editor."""
    client.force_login(newsroom["people"]["translator"])
    translation = Translation.objects.get(
        source__object_id=newsroom["story"].translation_key,
        target_locale=newsroom["english"],
    )
    download = client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert download.status_code == 200

    editor = reverse(
        "wagtailadmin_pages:edit",
        args=[newsroom["story"].get_translation(newsroom["english"]).pk],
    )
    uploaded = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("story.po", download.content), "next": editor},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )

    messages = [str(message).strip() for message in uploaded.context["messages"]]
    assert "Oversettelsene i PO-filen er importert." in messages
    assert english_ui_text(uploaded.content.decode(), what_people_wrote()) == []


@pytest.mark.parametrize(
    ("catalogue", "package"),
    [
        ("/admin/jsi18n/", "wagtail/admin"),
        ("/admin/localize/jsi18n/", "wagtail_localize"),
    ],
)
def test_the_admin_scripts_have_every_string_in_norwegian(
    client, people, catalogue, package
):
    """The page editor's and wagtail-localize's scripts (the React translation
    editor among them) take their texts from these catalogues."""
    translator = people["translator"]
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "nb"
    profile.save()
    client.force_login(translator)

    script = client.get(catalogue, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    served = json.loads(
        re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL).group(1)
    )
    source = SITE_PACKAGES / package / "locale/en/LC_MESSAGES/djangojs.po"
    used = {
        f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        for entry in polib.pofile(str(source))
    }
    assert sorted(used - set(served) - SAME_IN_NORWEGIAN) == []


def test_languages_are_named_in_norwegian_in_the_admin(client, newsroom, html):
    client.force_login(newsroom["people"]["translator"])

    page = html(
        client.get(
            reverse(
                "wagtail_localize:submit_page_translation",
                args=[newsroom["untranslated"].pk],
            ),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    )

    labels = [label.get_text(strip=True) for label in page.select("form label")]
    assert labels == ["Språk*", "engelsk"]
