"""A WordPress post's HTML as the blocks of a story body.

Handles classic-editor HTML (paragraphs as blank lines, `[caption]` and other
shortcodes) and block-editor HTML (`<!-- wp:… -->` comments around ordinary
markup). Headings, paragraphs and lists, images with captions, quotes, and
YouTube/Vimeo videos become the blocks of `stories.blocks.StoryBodyBlock`.
Rich text goes through Wagtail's own whitelister for the paragraph block's
features, so only what the editor itself can produce is stored; markup the
story body has no block for is kept as that rich text, and every such change is
noted in the import report. Nothing is stored as raw HTML.
"""

import re
from dataclasses import dataclass, field
from html import escape
from typing import Protocol

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from stories.blocks import RICH_TEXT_FEATURES, video_id

from .wordpress_markup import (
    BLOCK_LEVEL,
    CONTAINERS,
    HEADINGS,
    REMOVED,
    autop,
    expand_shortcodes,
    is_block,
    link_paragraph,
)

HEADING_LENGTH = 160
QUOTE_LENGTH = 600
ATTRIBUTION_LENGTH = 160
CAPTION_LENGTH = 300
ALT_LENGTH = 250
VIDEO_TITLE_LENGTH = 200
GALLERY_MAX = 12

INLINE_RENAMES = {"strong": "b", "em": "i"}
WP_IMAGE_CLASS = re.compile(r"^wp-image-(\d+)$")
URL_ONLY = re.compile(r"^https?://\S+$")


@dataclass
class Body:
    """The blocks made from a post, and what the report should say about them."""

    blocks: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    linked_posts: set = field(default_factory=set)


class BodyContext(Protocol):
    """What converting a body needs from the import: images and links.

    `image(attachment_id, src)` returns (Wagtail image, alt text, title) or None
    when the file is missing (the import reports it); `post_for_link(href)`
    returns the WordPress id of an imported post the address points to, and
    `page_for_post(post_id)` the id of its story, once it exists.
    """

    def image(self, attachment_id, src): ...

    def post_for_link(self, href): ...

    def page_for_post(self, post_id): ...


def text_of(element):
    """The text of a parsed element as a reader sees it: whitespace collapsed,
    blocks and line breaks apart, inline markup not."""
    for inner in element.find_all([*BLOCK_LEVEL, "br", "td", "th", "dt", "dd"]):
        inner.insert_before(" ")
        inner.insert_after(" ")
    return " ".join(element.get_text().split())


def plain_text(html):
    """The text of an HTML fragment."""
    if not html:
        return ""
    return text_of(BeautifulSoup(html, "html.parser"))


def first_paragraph(blocks):
    """The text of the body's first paragraph, if it has one."""
    for block in blocks:
        if block["type"] == "paragraph":
            soup = BeautifulSoup(block["value"], "html.parser")
            text = text_of(soup.find("p") or soup)
            if text:
                return text
    return ""


def convert(html, context, *, title=""):
    """The `Body` for a post's content."""
    notes = []
    html = expand_shortcodes(html or "", notes)
    soup = BeautifulSoup(html, "html.parser")
    if "<!-- wp:" not in html:
        autop(soup)
    builder = _Builder(context, title, notes)
    builder.walk(soup.contents)
    builder.flush()
    return Body(blocks=builder.blocks, notes=notes, linked_posts=builder.linked_posts)


# Blocks


class _Builder:
    def __init__(self, context, title, notes):
        self.context = context
        self.title = title
        self.notes = notes
        self.blocks = []
        self.pending = []
        self.linked_posts = set()
        self.converter = EditorHTMLConverter(features=RICH_TEXT_FEATURES)

    def note(self, text):
        if text not in self.notes:
            self.notes.append(text)

    def add(self, block_type, value):
        self.flush()
        self.blocks.append({"type": block_type, "value": value})

    def walk(self, nodes):
        for node in list(nodes):
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                if node.strip():
                    self.rich(f"<p>{escape(str(node).strip())}</p>")
            elif isinstance(node, Tag):
                self.element(node)

    def element(self, tag):
        name = tag.name
        if name in HEADINGS:
            self.heading(tag)
        elif name == "p":
            self.paragraph(tag)
        elif name in {"ul", "ol"}:
            self.rich_with_media(tag)
        elif name == "blockquote":
            self.quote(tag)
        elif name == "figure":
            self.figure(tag)
        elif name == "img":
            self.image(tag)
        elif name == "iframe":
            self.iframe(tag, caption="")
        elif name == "table":
            self.table(tag)
        elif name == "hr":
            return
        elif name == "pre":
            lines = tag.get_text().strip("\n").split("\n")
            self.rich("<p>" + "<br/>".join(escape(line) for line in lines) + "</p>")
        elif name == "dl":
            self.definition_list(tag)
        elif name in {"video", "audio"}:
            self.media_element(tag)
        elif name in REMOVED:
            self.note(_("Removed <%(tag)s>") % {"tag": name})
        elif name in CONTAINERS:
            self.walk(tag.contents)
        elif is_block(tag):
            self.rich_with_media(tag, wrap="p")
        else:
            # Inline markup outside a paragraph (a block-editor page without <p>).
            self.paragraph(tag, wrap=True)

    # rich text

    def rich(self, html):
        self.pending.append(html)

    def flush(self):
        if not self.pending:
            return
        html = self.rich_text("".join(self.pending))
        self.pending = []
        if plain_text(html):
            self.blocks.append({"type": "paragraph", "value": html})

    def rich_text(self, html):
        """HTML in Wagtail's stored rich-text form, with the paragraph's features:
        links to imported posts become page links."""
        soup = BeautifulSoup(html, "html.parser")
        for string in soup.find_all(string=True):
            # Line breaks between list items and paragraphs are layout, not text.
            if not string.strip() and string.parent.name in {"[document]", "ul", "ol"}:
                string.extract()
        for element in soup.find_all(list(INLINE_RENAMES)):
            element.name = INLINE_RENAMES[element.name]
        for link in soup.find_all("a"):
            self.link(link)
        return self.converter.to_database_format(str(soup))

    def link(self, link):
        href = (link.get("href") or "").strip()
        post_id = self.context.post_for_link(href) if href else None
        if post_id is None:
            if "/wp-content/uploads/" in href:
                self.note(_("Link to an uploaded file kept as %(url)s") % {"url": href})
            return
        self.linked_posts.add(post_id)
        page_id = self.context.page_for_post(post_id)
        if page_id is not None:
            link.attrs = {"data-linktype": "page", "data-id": str(page_id)}

    def rich_with_media(self, tag, wrap=None):
        media = self.take_media(tag)
        if wrap:
            tag.name = wrap
        self.rich(str(tag))
        for element in media:
            self.media(element)

    def take_media(self, tag):
        """Images and frames inside `tag`, taken out of it, in order."""
        found = []
        for element in tag.find_all(["img", "iframe"]):
            holder = element
            if (
                element.parent is not None
                and element.parent.name == "a"
                and not element.parent.get_text().strip()
            ):
                holder = element.parent
            holder.extract()
            found.append(element)
        return found

    def media(self, element, caption=""):
        if element.name == "img":
            self.image(element, caption=caption)
        else:
            self.iframe(element, caption=caption)

    # blocks

    def heading(self, tag):
        media = self.take_media(tag)
        text = text_of(tag)
        if len(text) > HEADING_LENGTH:
            self.rich(f"<p><b>{escape(text)}</b></p>")
        elif text:
            self.add("heading", {"text": text, "level": HEADINGS[tag.name]})
        for element in media:
            self.media(element)

    def paragraph(self, tag, wrap=False):
        text = tag.get_text().strip()
        link = tag.find("a")
        if URL_ONLY.match(text) and (link is None or link.get_text().strip() == text):
            address = link.get("href", text) if link else text
            if self.video(address, caption=""):
                return
        has_media = tag.find(["img", "iframe"]) is not None or tag.name in {
            "img",
            "iframe",
        }
        if not has_media:
            self.rich(f"<p>{tag}</p>" if wrap else str(tag))
            return
        if tag.name in {"img", "iframe"}:
            self.media(tag)
            return
        media_first = not _text_before_media(tag)
        media = self.take_media(tag)
        if media_first:
            for element in media:
                self.media(element)
        if tag.get_text().strip():
            self.rich(f"<p>{tag}</p>" if wrap else str(tag))
        if not media_first:
            for element in media:
                self.media(element)

    def quote(self, tag, outer=None):
        cite = tag.find(["cite", "footer"])
        attribution = ""
        if cite is not None:
            attribution = text_of(cite.extract())
        if outer is not None and not attribution:
            caption = outer.find("figcaption")
            if caption is not None:
                attribution = text_of(caption)
        parts = [text_of(part) for part in tag.find_all("p")] or [text_of(tag)]
        text = "\n\n".join(part for part in parts if part)
        complex_markup = tag.find(["img", "iframe", "ul", "ol", *HEADINGS])
        if (
            complex_markup is not None
            or len(text) > QUOTE_LENGTH
            or len(attribution) > ATTRIBUTION_LENGTH
        ):
            if attribution:
                tag.append(
                    BeautifulSoup(f"<p>{escape(attribution)}</p>", "html.parser")
                )
            self.note(_("A long or formatted quote was kept as a paragraph"))
            tag.name = "div"
            self.walk([tag])
            return
        if text:
            self.add("quote", {"quote": text, "attribution": attribution})

    def figure(self, tag):
        classes = set(tag.get("class", []))
        caption_tag = tag.find("figcaption", recursive=False)
        caption = ""
        if caption_tag is not None:
            caption = text_of(caption_tag.extract())
        if "wp-block-embed" in classes or any(
            c.startswith("wp-block-embed") for c in classes
        ):
            frame = tag.find("iframe")
            address = frame.get("src", "") if frame else tag.get_text().strip()
            if self.video(
                address, caption=caption, title=frame.get("title") if frame else ""
            ):
                return
            if address:
                self.note(_("Embedded %(url)s kept as a link") % {"url": address})
                self.rich(link_paragraph(address, caption))
            return
        if tag.get("data-ids") is not None or "wp-block-gallery" in classes:
            self.gallery(tag, caption)
            return
        if tag.find("blockquote") is not None:
            self.quote(tag.find("blockquote"), outer=tag)
            return
        if tag.find("table") is not None:
            self.table(tag.find("table"))
            if caption:
                self.rich(f"<p>{escape(caption)}</p>")
            return
        images = tag.find_all("img")
        if len(images) > 1:
            self.gallery(tag, caption)
            return
        media = self.take_media(tag)
        if media:
            self.media(media[0], caption=caption)
            for element in media[1:]:
                self.media(element)
            if tag.get_text().strip():
                self.walk(tag.contents)
            return
        self.walk(tag.contents)
        if caption:
            self.rich(f"<p>{escape(caption)}</p>")

    def image_value(self, attachment_id, src, alt="", caption=""):
        found = self.context.image(attachment_id, src)
        if found is None:
            return None
        image, attachment_alt, image_title = found
        alt = " ".join((alt or attachment_alt or caption or image_title).split())
        if len(caption) > CAPTION_LENGTH:
            self.note(
                _("An image caption was shortened to %(n)s characters")
                % {"n": CAPTION_LENGTH}
            )
        return {
            "image": image.pk,
            "alt_text": Truncator(alt).chars(ALT_LENGTH),
            "caption": Truncator(caption).chars(CAPTION_LENGTH),
            "credit": "",
        }

    def image(self, tag, caption=""):
        value = self.image_value(
            _attachment_id(tag), tag.get("src", ""), tag.get("alt", ""), caption
        )
        if value is not None:
            self.add("image", value)

    def gallery(self, tag, caption):
        values = []
        if tag.get("data-ids"):
            for part in tag["data-ids"].split(","):
                if part.strip().isdigit():
                    values.append(self.image_value(int(part), ""))
        for image in tag.find_all("img"):
            figure_caption = ""
            holder = image.find_parent("figure")
            if holder is not None and holder is not tag:
                inner = holder.find("figcaption")
                figure_caption = text_of(inner) if inner else ""
            values.append(
                self.image_value(
                    _attachment_id(image),
                    image.get("src", ""),
                    image.get("alt", ""),
                    figure_caption,
                )
            )
        values = [value for value in values if value is not None]
        if len(values) == 1:
            values[0]["caption"] = values[0]["caption"] or Truncator(caption).chars(
                CAPTION_LENGTH
            )
            self.add("image", values[0])
        for start in range(0, len(values) if len(values) > 1 else 0, GALLERY_MAX):
            chunk = values[start : start + GALLERY_MAX]
            if len(chunk) == 1:
                self.add("image", chunk[0])
            else:
                self.add(
                    "gallery",
                    {"title": Truncator(caption).chars(120), "images": chunk},
                )

    def video(self, address, caption="", title=""):
        found = video_id(_absolute(address))
        if found is None:
            return False
        provider, identifier = found
        url = (
            f"https://www.youtube.com/watch?v={identifier}"
            if provider == "YouTube"
            else f"https://vimeo.com/{identifier}"
        )
        title = " ".join((title or caption or self.title or provider).split())
        self.add(
            "video",
            {
                "url": url,
                "title": Truncator(title).chars(VIDEO_TITLE_LENGTH),
                "poster": None,
                "caption": Truncator(caption).chars(CAPTION_LENGTH),
            },
        )
        return True

    def iframe(self, tag, caption=""):
        address = _absolute(tag.get("src", ""))
        if self.video(address, caption=caption, title=tag.get("title", "")):
            return
        if address:
            self.note(_("Embedded %(url)s kept as a link") % {"url": address})
            self.rich(link_paragraph(address, caption))

    def media_element(self, tag):
        source = tag.get("src") or (tag.find("source") or {}).get("src", "")
        address = _absolute(source or "")
        if self.video(address):
            return
        if address:
            self.note(
                _("A <%(tag)s> file kept as a link: %(url)s")
                % {"tag": tag.name, "url": address}
            )
            self.rich(link_paragraph(address))

    def table(self, tag):
        for row in tag.find_all("tr"):
            cells = [text_of(cell) for cell in row.find_all(["td", "th"])]
            cells = [cell for cell in cells if cell]
            if cells:
                self.rich(f"<p>{escape(' – '.join(cells))}</p>")
        self.note(_("A table was kept as text, one paragraph per row"))

    def definition_list(self, tag):
        for item in tag.find_all(["dt", "dd"]):
            text = escape(text_of(item))
            if text:
                self.rich(
                    f"<p><b>{text}</b></p>" if item.name == "dt" else f"<p>{text}</p>"
                )


def _text_before_media(tag):
    for node in tag.descendants:
        if isinstance(node, Tag) and node.name in {"img", "iframe"}:
            return False
        if isinstance(node, NavigableString) and node.strip():
            return True
    return False


def _attachment_id(tag):
    for name in tag.get("class", []):
        match = WP_IMAGE_CLASS.match(name)
        if match:
            return int(match.group(1))
    if str(tag.get("data-id", "")).isdigit():
        return int(tag["data-id"])
    return None


def _absolute(address):
    address = (address or "").strip()
    if address.startswith("//"):
        return "https:" + address
    return address
