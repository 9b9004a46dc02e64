import pytest
from django.core.management import call_command
from wagtail.models import Page

from stories.models import Programme, ProjectPage, StoryPage, Theme

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_a_bilingual_site_and_is_idempotent(client, html):
    """One test, because seeding takes a while: structure, idempotence, English."""
    call_command("seed_demo", verbosity=0)
    counts = {
        "pages": Page.objects.count(),
        "programmes": Programme.objects.count(),
        "themes": Theme.objects.count(),
    }

    call_command("seed_demo", verbosity=0)

    assert counts == {
        "pages": Page.objects.count(),
        "programmes": Programme.objects.count(),
        "themes": Theme.objects.count(),
    }
    nb_stories = StoryPage.objects.live().filter(locale__language_code="nb")
    en_stories = StoryPage.objects.live().filter(locale__language_code="en")
    assert nb_stories.count() >= 20
    assert en_stories.count() == nb_stories.count()
    assert ProjectPage.objects.filter(locale__language_code="en").count() == 11
    used = {block.block_type for story in nb_stories for block in story.body}
    assert used >= {
        "heading",
        "paragraph",
        "image",
        "quote",
        "video",
        "fact_box",
        "key_figures",
        "gallery",
        "call_to_action",
    }

    english = next(
        story
        for story in en_stories
        if any(block.block_type == "key_figures" for block in story.body)
    )
    page = html(client.get(english.url))
    assert page.html["lang"] == "en"
    figure_labels = " ".join(dt.text for dt in page.select(".key-figures dt"))
    assert figure_labels
    assert not set("æøåÆØÅ") & set(figure_labels)

    # Every seeded picture says what it shows, in each language.
    for story in nb_stories.specific():
        translation = story.get_translation(english.locale).specific
        for block in [*story.body, *translation.body]:
            if block.block_type == "image":
                assert "Demo" not in block.value["alt_text"]
        alt_texts = (story.hero_alt, translation.hero_alt)
        assert all(alt_texts), story
        assert alt_texts[0] != alt_texts[1]
        assert not any("Demo" in text for text in alt_texts)
        shown = html(client.get(translation.url)).select_one(".story__hero img")
        assert shown["alt"] == translation.hero_alt
