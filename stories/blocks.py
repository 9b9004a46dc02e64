"""StreamField blocks for story and project bodies."""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.rich_text import expand_db_html

from stories.api.images import IMAGE, image_representation
from stories.api.schema import (
    HTML,
    INTEGER,
    STRING,
    URI,
    enum,
    named,
    nullable,
    obj,
    stream_schema,
    struct_schema,
)
from stories.images import PrefetchedImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def _request(context):
    return (context or {}).get("request")


class DescribedStructBlock(blocks.StructBlock):
    """A StructBlock whose API representation is its children's, described as a
    schema of its own name (see `stories.api.schema.block_schema`)."""

    def api_schema(self):
        return named(type(self).__name__, struct_schema(self))


class HTMLRichTextBlock(blocks.RichTextBlock):
    """Rich text that the API gives as HTML with internal links resolved."""

    def get_api_representation(self, value, context=None):
        return expand_db_html(value.source)

    def api_schema(self):
        return HTML


class HeadingBlock(DescribedStructBlock):
    """Rendered in Python, as the paragraph is (ParagraphBlock says why)."""

    text = blocks.CharBlock(label=_("heading"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")

    def render_basic(self, value, context=None):
        level = "h3" if value["level"] == "h3" else "h2"
        return format_html("<{0}>{1}</{0}>", level, value["text"])


class ParagraphBlock(HTMLRichTextBlock):
    """Rendered in Python like Wagtail's own rich text, in a `rich-text` div:
    most of a story is paragraphs, and a template for each (with Wagtail's
    rich text template inside it, and the page's whole context copied for it)
    cost a paragraph 60 to 85 µs, this 8 to 12."""

    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")

    def render_basic(self, value, context=None):
        html = mark_safe(expand_db_html(value.source))  # noqa: S308 - editors' rich text, as Wagtail renders it
        return format_html('<div class="rich-text">{}</div>', html)


class SameInEveryLanguageMixin:
    """A value written the same in every language (a number, a person's name), so
    wagtail-localize never offers it to translators; translations keep the
    source's value."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class CreditBlock(SameInEveryLanguageMixin, blocks.CharBlock):
    """Who took the photo: a name, the same in every language."""

    def api_schema(self):
        return STRING


class CaptionedImageBlock(DescribedStructBlock):
    image = PrefetchedImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alt text"),
        max_length=250,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    credit = CreditBlock(label=_("photo credit"), required=False, max_length=120)

    def get_api_representation(self, value, context=None):
        return {
            "image": image_representation(
                value["image"], _request(context), alt=value["alt_text"]
            ),
            "alt_text": value["alt_text"],
            "caption": value["caption"],
            "credit": value["credit"],
        }

    def api_schema(self):
        return named(
            "CaptionedImageBlock",
            obj(
                {
                    "image": nullable(IMAGE),
                    "alt_text": STRING,
                    "caption": STRING,
                    "credit": STRING,
                }
            ),
        )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")


class QuoteBlock(DescribedStructBlock):
    quote = blocks.TextBlock(label=_("quote"), max_length=600)
    attribution = blocks.CharBlock(
        label=_("attribution"), required=False, max_length=160
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")


def video_id(address):
    """("YouTube" or "Vimeo", the video's id) for a video address, or None."""
    url = urlparse(address)
    host = (url.hostname or "").removeprefix("www.").removeprefix("m.")
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if url.path.startswith(("/embed/", "/shorts/")):
            found = url.path.split("/")[2]
        else:
            found = parse_qs(url.query).get("v", [""])[0]
        if YOUTUBE_ID.match(found):
            return "YouTube", found
    elif host == "youtu.be":
        found = url.path.strip("/")
        if YOUTUBE_ID.match(found):
            return "YouTube", found
    elif host in {"vimeo.com", "player.vimeo.com"}:
        found = url.path.rstrip("/").rsplit("/", 1)[-1]
        if found.isdigit():
            return "Vimeo", found
    return None


class VideoValue(blocks.StructValue):
    """A YouTube or Vimeo video, embedded without cookies after the reader consents."""

    @cached_property
    def embed_url(self):
        match video_id(self.get("url", "")):
            case ("YouTube", found):
                return f"https://www.youtube-nocookie.com/embed/{found}?autoplay=1"
            case ("Vimeo", found):
                return f"https://player.vimeo.com/video/{found}?dnt=1&autoplay=1"
        return None

    @property
    def provider(self):
        return "Vimeo" if "vimeo" in (self.embed_url or "") else "YouTube"


class VideoBlock(DescribedStructBlock):
    """A video that loads nothing from the video service until the reader clicks."""

    url = blocks.URLBlock(
        label=_("video address"),
        help_text=_("A YouTube or Vimeo address."),
    )
    title = blocks.CharBlock(
        label=_("title"),
        max_length=200,
        help_text=_("Tells readers what the video is before they choose to play it."),
    )
    poster = PrefetchedImageChooserBlock(
        label=_("poster image"),
        required=False,
        help_text=_("Shown before the video is played. Uploaded here, not fetched."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    def get_api_representation(self, value, context=None):
        return {
            "url": value["url"],
            "embed_url": value.embed_url,
            "provider": value.provider,
            "title": value["title"],
            "poster": image_representation(value["poster"], _request(context)),
            "caption": value["caption"],
        }

    def api_schema(self):
        return named(
            "VideoBlock",
            obj(
                {
                    "url": URI,
                    "embed_url": nullable(URI),
                    "provider": enum(["YouTube", "Vimeo"]),
                    "title": STRING,
                    "poster": nullable(IMAGE),
                    "caption": STRING,
                }
            ),
        )

    def clean(self, value):
        value = super().clean(value)
        if value.embed_url is None:
            raise blocks.StructBlockValidationError(
                {"url": ValidationError(_("Use a YouTube or Vimeo video address."))}
            )
        return value

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        value_class = VideoValue


class FactBoxBlock(DescribedStructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    body = HTMLRichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ul"
        template = "blocks/fact_box_block.html"
        label = _("Fact box")


class FigureBlock(SameInEveryLanguageMixin, blocks.CharBlock):
    """A number or amount: the same in every language."""

    def api_schema(self):
        return STRING


class KeyFigureBlock(DescribedStructBlock):
    value = FigureBlock(label=_("figure"), max_length=20)
    label = blocks.CharBlock(label=_("what it counts"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(DescribedStructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    figures = blocks.ListBlock(
        KeyFigureBlock(), label=_("figures"), min_num=1, max_num=6
    )

    class Meta:
        icon = "table"
        template = "blocks/key_figures_block.html"
        label = _("Key figures")


class GalleryBlock(DescribedStructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    images = blocks.ListBlock(
        CaptionedImageBlock(), label=_("images"), min_num=2, max_num=12
    )

    class Meta:
        icon = "image"
        template = "blocks/gallery_block.html"
        label = _("Image gallery")


class OptionalPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser that builds no query when no page was chosen (Wagtail's
    does, for every call to action of every story in an API list)."""

    def bulk_to_python(self, values):
        values = list(values)
        if all(value is None for value in values):
            return values
        return super().bulk_to_python(values)


class CallToActionBlock(DescribedStructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=160)
    description = blocks.TextBlock(
        label=_("description"), required=False, max_length=400
    )
    page = OptionalPageChooserBlock(label=_("page on this site"), required=False)
    url = blocks.URLBlock(label=_("or an address elsewhere"), required=False)

    def get_api_representation(self, value, context=None):
        page = value["page"]
        if page is not None:
            page = page.localized
        return {
            "text": value["text"],
            "description": value["description"],
            "url": page.url if page is not None else value["url"],
            "page": {"id": page.pk, "title": page.title} if page is not None else None,
        }

    def api_schema(self):
        return named(
            "CallToActionBlock",
            obj(
                {
                    "text": STRING,
                    "description": STRING,
                    "url": STRING,
                    "page": nullable(obj({"id": INTEGER, "title": STRING})),
                }
            ),
        )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or give an address, not both.")
            raise blocks.StructBlockValidationError(
                {"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")


class DocumentLinkBlock(DescribedStructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=160,
        help_text=_("Defaults to the document's title."),
    )

    def get_api_representation(self, value, context=None):
        document = value["document"]
        return {
            "title": value["title"] or document.title,
            "document": {
                "id": document.pk,
                "title": document.title,
                "url": document.url,
                "file_extension": document.file_extension,
            },
        }

    def api_schema(self):
        return named(
            "DocumentLinkBlock",
            obj(
                {
                    "title": STRING,
                    "document": obj(
                        {
                            "id": INTEGER,
                            "title": STRING,
                            "url": STRING,
                            "file_extension": STRING,
                        }
                    ),
                }
            ),
        )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = _("Document")


class StoryBodyBlock(blocks.StreamBlock):
    """The body of a story or a project page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    fact_box = FactBoxBlock()
    key_figures = KeyFiguresBlock()
    gallery = GalleryBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()

    def api_schema(self):
        return named("StoryBody", stream_schema(self))
