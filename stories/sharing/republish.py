"""A story as clean HTML that others may paste into their own site.

The call for stories promises that the articles "can be shared freely by the
projects … in other channels". What is given to copy is the article without
the site around it: title, lead, byline, the body as plain HTML elements with
every address made absolute, the credits of the pictures, the licence and a
link back to the story. Pictures whose reuse is not allowed
(`stories.ImageReuse`) are left out, with their captions and credits.
"""

import re

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.rich_text import expand_db_html

from home.renditions import rendition
from stories.images import REPUBLISH, may_be_shared

from .embed import site_host

RELATIVE_ADDRESS = re.compile(r'(\s(?:href|src)=")(/(?!/))')


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def absolute_html(request, html):
    """`html` with every root-relative href and src made absolute."""
    origin = request.build_absolute_uri("/").rstrip("/")
    return RELATIVE_ADDRESS.sub(lambda match: match[1] + origin + match[2], html)


class Republication:
    """The parts of one story as others may republish it."""

    def __init__(self, story, request, licence):
        self.story = story
        self.request = request
        self.licence = licence
        self.url = absolute(request, story.get_url(request))
        self.credits = []

    def image(self, image, alt, caption, credit):
        if image is None or not may_be_shared(image):
            return ""
        shown = rendition(image, REPUBLISH)
        if credit and credit not in self.credits:
            self.credits.append(credit)
        text = " ".join(
            part
            for part in (
                caption,
                _("Photo: %(credit)s") % {"credit": credit} if credit else "",
            )
            if part
        )
        caption_html = format_html("<figcaption>{}</figcaption>", text) if text else ""
        return format_html(
            '<figure><img src="{}" width="{}" height="{}" alt="{}">{}</figure>',
            absolute(self.request, shown.url),
            shown.width,
            shown.height,
            alt or image.title,
            caption_html,
        )

    def rich_text(self, value):
        source = getattr(value, "source", value)
        return mark_safe(absolute_html(self.request, expand_db_html(source)))  # noqa: S308 - editors' rich text, as the site shows it

    def block(self, block):
        value = block.value
        match block.block_type:
            case "heading":
                return block.block.render_basic(value)
            case "paragraph":
                return self.rich_text(value)
            case "image":
                return self.image(
                    value["image"], value["alt_text"], value["caption"], value["credit"]
                )
            case "quote":
                attribution = (
                    format_html("<p>– {}</p>", value["attribution"])
                    if value["attribution"]
                    else ""
                )
                return format_html(
                    "<blockquote><p>{}</p>{}</blockquote>", value["quote"], attribution
                )
            case "video":
                return format_html(
                    '<p><a href="{}">{}</a></p>', value["url"], value["title"]
                )
            case "fact_box":
                return format_html(
                    "<aside><h3>{}</h3>{}</aside>",
                    value["title"],
                    self.rich_text(value["body"]),
                )
            case "key_figures":
                title = (
                    format_html("<h3>{}</h3>", value["title"]) if value["title"] else ""
                )
                return format_html(
                    "{}<ul>{}</ul>",
                    title,
                    format_html_join(
                        "",
                        "<li><strong>{}</strong> {}</li>",
                        ((f["value"], f["label"]) for f in value["figures"]),
                    ),
                )
            case "gallery":
                figures = mark_safe(  # noqa: S308 - each made with format_html
                    "".join(
                        self.image(
                            item["image"],
                            item["alt_text"],
                            item["caption"],
                            item["credit"],
                        )
                        for item in value["images"]
                    )
                )
                if not figures:
                    return ""
                title = (
                    format_html("<h3>{}</h3>", value["title"]) if value["title"] else ""
                )
                return format_html("{}{}", title, figures)
            case "call_to_action":
                page = value["page"]
                url = page.localized.get_url(self.request) if page else value["url"]
                description = (
                    format_html("{} ", value["description"])
                    if value["description"]
                    else ""
                )
                return format_html(
                    '<p>{}<a href="{}">{}</a></p>',
                    description,
                    absolute(self.request, url),
                    value["text"],
                )
            case "document":
                document = value["document"]
                return format_html(
                    '<p><a href="{}">{}</a></p>',
                    absolute(self.request, document.url),
                    value["title"] or document.title,
                )
        return ""

    def html(self):
        story = self.story
        with override(story.locale.language_code):
            hero = self.image(
                story.hero_image, story.hero_alt, story.hero_caption, story.hero_credit
            )
            body = mark_safe("\n".join(str(self.block(block)) for block in story.body))  # noqa: S308 - each block made with format_html
            byline = (
                _("By %(byline)s") % {"byline": story.byline} + ", "
                if story.byline
                else ""
            )
            meta = format_html(
                "<p>{}{}</p>", byline, date_format(story.date, "DATE_FORMAT")
            )
            source = format_html(
                '<p>{} <a href="{}">{}</a></p>',
                _("This article was first published on %(site)s:")
                % {"site": site_host(self.request)},
                self.url,
                story.title,
            )
            licence = format_html(
                '<p>{} <a rel="license" href="{}">{}</a>.</p>',
                _("Republished under the licence"),
                self.licence.url,
                self.licence.name,
            )
            credits = (
                format_html("<p>{} {}</p>", _("Photos:"), "; ".join(self.credits))
                if self.credits
                else ""
            )
            return format_html(
                "<article>\n<h1>{}</h1>\n<p><strong>{}</strong></p>\n{}\n{}\n{}\n"
                "<footer>\n{}\n{}\n{}\n</footer>\n</article>",
                story.title,
                story.intro,
                meta,
                hero,
                body,
                source,
                licence,
                credits,
            )


def republish_html(story, request, licence):
    """The story as clean HTML to copy, under `licence` (home.licences)."""
    return Republication(story, request, licence).html()
