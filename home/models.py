from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

LATEST_STORIES = 6


class HomeFeaturedStory(Orderable):
    """A story editors put on the front page, in their order."""

    page = ParentalKey(
        "home.HomePage", related_name="featured_stories", on_delete=models.CASCADE
    )
    story = models.ForeignKey(
        "stories.StoryPage",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("story")]


class HomePage(Page):
    """The root of the site in each language: `/` in Norwegian, `/en/` in English."""

    intro = models.TextField(
        _("intro"),
        blank=True,
        max_length=500,
        help_text=_("A sentence or two under the site's name on the front page."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tip_heading = models.CharField(
        _("tip heading"), max_length=120, blank=True, default=""
    )
    tip_text = models.TextField(_("tip text"), blank=True, max_length=500)
    about_heading = models.CharField(
        _("“What is Interreg” heading"), max_length=120, blank=True
    )
    about_text = RichTextField(
        _("“What is Interreg” text"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("intro"), FieldPanel("hero_image")], heading=_("Hero")
        ),
        InlinePanel("featured_stories", label=_("Featured stories"), max_num=4),
        MultiFieldPanel(
            [FieldPanel("tip_heading"), FieldPanel("tip_text")],
            heading=_("Call for story tips"),
        ),
        MultiFieldPanel(
            [FieldPanel("about_heading"), FieldPanel("about_text")],
            heading=_("What is Interreg"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "stories.StoryIndexPage",
        "stories.ProjectIndexPage",
        "stories.TipFormPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @cached_property
    def featured(self):
        """The featured stories that are live, in this page's language."""
        from stories.listing import with_images
        from stories.models import StoryPage

        links = self.featured_stories.select_related("story")
        keys = [link.story.translation_key for link in links]
        stories = with_images(
            StoryPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, translation_key__in=keys)
        )
        order = {key: position for position, key in enumerate(keys)}
        return sorted(stories, key=lambda story: order[story.translation_key])

    def latest_stories(self):
        from stories.listing import with_images
        from stories.models import StoryPage

        featured = [story.pk for story in self.featured]
        return with_images(
            StoryPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .exclude(pk__in=featured)
            .order_by("-date", "-pk")
        )[:LATEST_STORIES]

    @cached_property
    def tip_page(self):
        from stories.models import TipFormPage

        return TipFormPage.objects.child_of(self).live().first()

    @cached_property
    def story_index(self):
        from stories.models import StoryIndexPage

        return StoryIndexPage.objects.child_of(self).live().first()
