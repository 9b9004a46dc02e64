from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from . import licences
from .compiled import compiled
from .page_urls import PageUrlMixin


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


class HomePage(PageUrlMixin, Page):
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

    @classmethod
    def serving_queryset(cls):
        """The queryset the home page is served from (home/views.py): with its
        picture, which the top of the page and its share image show."""
        return cls.objects.select_related("locale", "hero_image")

    # The stories it lists come from `{% home_sections %}` (stories/listing.py).


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What editors can change about the site as a whole: its name in each
    language, the image used when a page without its own is shared, the social
    media accounts, and the editorial office that tips go to and readers contact.

    One settings model for the whole site, so a page needs one query for them."""

    name = models.CharField(
        _("site name (Norwegian)"), max_length=80, default="Interreg-historier"
    )
    name_en = models.CharField(
        _("site name (English)"), max_length=80, default="Interreg Stories"
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a page without its own image is shared."),
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn page"), blank=True)
    x_handle = models.CharField(
        _("X (Twitter) account"),
        max_length=40,
        blank=True,
        help_text=_("Without the @."),
    )
    instagram_url = models.URLField(_("Instagram account"), blank=True)
    editorial_email = models.EmailField(
        _("editorial e-mail address"),
        default="interreg@pkom.no",
        help_text=_("Gets an e-mail for every new tip, and is shown to readers."),
    )
    contact_name = models.CharField(
        _("editorial contact"),
        max_length=120,
        blank=True,
        default="Eystein Fiskum Hansvik",
        help_text=_("The person readers can contact about stories."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    licence = models.CharField(
        _("licence for reuse"),
        max_length=20,
        choices=licences.CHOICES,
        default=licences.DEFAULT,
        help_text=_(
            "Under which licence projects and others may republish the articles. "
            "A story can narrow it."
        ),
    )
    send_confirmation = models.BooleanField(
        _("confirm to the sender"),
        default=True,
        help_text=_("Send the tipster a short confirmation in their language."),
    )

    site_panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("share_image"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("x_handle"),
                FieldPanel("instagram_url"),
            ],
            heading=_("Social media"),
        ),
        FieldPanel("licence"),
    ]
    editorial_panels = [
        FieldPanel("editorial_email"),
        FieldPanel("contact_name"),
        FieldPanel("contact_phone"),
        FieldPanel("send_confirmation"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(site_panels, heading=_("Site")),
            ObjectList(editorial_panels, heading=_("Editorial office")),
        ]
    )

    select_related = ["share_image"]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_site(cls, site):
        """Wagtail's `for_site` (every page asks it): the row read with the
        site when it was found for the request, else with a query compiled
        once; the first time, Wagtail creates it."""
        if site is None:
            return super().for_site(site)
        # Read with the site itself (home/frame.py's `find_site`).
        read = type(site).sitesettings.related.get_cached_value(site, default=None)
        if read is not None:
            return read
        found = _site_settings(site.pk)
        if found:
            return found[0]
        return super().for_site(site)

    @property
    def site_licence(self):
        return licences.get(self.licence)

    def name_for(self, language_code):
        return self.name_en if language_code == "en" else self.name

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("LinkedIn", self.linkedin_url),
            ("X", f"https://x.com/{self.x_handle}" if self.x_handle else ""),
            ("Instagram", self.instagram_url),
        ]
        return [(label, url) for label, url in links if url]


@compiled
def _site_settings(site_id):
    return SiteSettings.base_queryset().filter(site_id=site_id)
