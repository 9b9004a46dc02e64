"""Turn a tip into a draft story, linked both ways and logged."""

from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.log_actions import log
from wagtail.models import Locale

from stories.models import ProjectPage, StoryIndexPage, StoryPage, StoryProject, Tip

DRAFT_CREATED = "stories.tip.draft_created"
INTRO_LENGTH = 300


class NoStoryIndex(Exception):
    """There is no story section in the tip's language to put the draft in."""


def matching_project(tip, locale):
    """The project whose acronym the tipster gave, preferably in the tip's language."""
    words = tip.project.strip()
    if not words:
        return None
    candidates = ProjectPage.objects.filter(acronym__iexact=words)
    return candidates.filter(locale=locale).first() or candidates.first()


@transaction.atomic
def create_draft_story(tip, user):
    """A draft StoryPage prefilled from `tip`; the tip moves to "in review"."""
    locale = Locale.objects.get(language_code=tip.language)
    index = StoryIndexPage.objects.filter(locale=locale).first()
    if index is None:
        raise NoStoryIndex
    project = matching_project(tip, locale)
    with override(tip.language):
        title = (
            tip.project
            or Truncator(tip.summary).words(8, truncate="…")
            or _("Story from a tip")
        )
    story = StoryPage(
        title=title,
        intro=Truncator(" ".join(tip.summary.split())).chars(INTRO_LENGTH),
        body=[{"type": "paragraph", "value": _paragraphs(tip.summary)}],
        live=False,
        owner=user,
    )
    if project is not None:
        story.project_links = [StoryProject(project=project)]
    index.add_child(instance=story)
    story.save_revision(user=user, log_action=True)
    tip.story = story
    tip.status = Tip.Status.IN_REVIEW
    if tip.assignee_id is None:
        tip.assignee = user
    tip.save(update_fields=["story", "status", "assignee", "updated_at"])
    log(
        instance=tip,
        action=DRAFT_CREATED,
        user=user,
        data={"story_id": story.pk, "title": story.title},
    )
    return story


def _paragraphs(text):
    from django.utils.html import escape

    parts = [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
    return "".join(f"<p>{escape(part)}</p>" for part in parts) or "<p></p>"
