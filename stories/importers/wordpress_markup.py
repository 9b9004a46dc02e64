"""WordPress's own markup, made plain HTML: shortcodes (`[caption]`, `[embed]`,
`[gallery]`, `[video]`…) become the elements the block builder knows, and the
classic editor's blank lines become paragraphs (what WordPress's `wpautop` does,
on the parsed document). Unknown shortcodes are removed, their text kept, and
noted."""

import re
from html import escape

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.translation import gettext as _

from stories.blocks import video_id

HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "center",
    "nav",
    "details",
    "body",
    "html",
}
RICH = {"p", "ul", "ol"}
# Elements that hold no readable text of the story: removed, and noted.
REMOVED = {
    "script",
    "style",
    "noscript",
    "template",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "canvas",
    "svg",
    "link",
    "meta",
    "head",
    "title",
}
BLOCK_LEVEL = (
    CONTAINERS
    | RICH
    | REMOVED
    | set(HEADINGS)
    | {"blockquote", "figure", "figcaption", "table", "hr", "pre", "dl", "li"}
    | {"iframe", "video", "audio", "img"}
)
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
SHORTCODE_ENCLOSING = re.compile(
    r"\[(?P<name>[a-zA-Z_][\w-]*)(?P<attrs>\s[^\]]*)?\](?P<content>.*?)\[/(?P=name)\]",
    re.S,
)
SHORTCODE_SINGLE = re.compile(r"\[(?P<name>[a-zA-Z_][\w-]*)(?P<attrs>\s[^\]]*?)?/?\]")
SHORTCODE_ATTR = re.compile(
    r"""(?P<key>[\w-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']+))"""
)
KNOWN_SINGLE = {"embed", "video", "audio", "gallery", "caption", "wp_caption"}


# Shortcodes


def _attrs(text):
    return {
        match["key"].lower(): match["dq"] or match["sq"] or match["bare"] or ""
        for match in SHORTCODE_ATTR.finditer(text or "")
    }


def _video_or_link(url, notes, name):
    if video_id(url):
        return f'<figure class="wp-block-embed"><div>{escape(url)}</div></figure>'
    if url:
        notes.append(
            _("[%(name)s] %(url)s kept as a link") % {"name": name, "url": url}
        )
        return link_paragraph(url)
    return ""


def _enclosing(match, notes):
    name = match["name"].lower()
    attrs = _attrs(match["attrs"])
    content = match["content"]
    if name in {"caption", "wp_caption"}:
        soup = BeautifulSoup(content, "html.parser")
        image = soup.find("img")
        if image is None:
            return content
        holder = image.parent if image.parent.name == "a" else image
        holder.extract()
        caption = attrs.get("caption") or soup.decode()
        return f"<figure>{holder}<figcaption>{caption}</figcaption></figure>"
    if name == "embed":
        return _video_or_link(content.strip(), notes, name)
    if name in {"video", "audio"}:
        url = content.strip() or _media_src(attrs)
        return _video_or_link(url, notes, name)
    notes.append(
        _("Shortcode [%(name)s] removed; its text is kept") % {"name": match["name"]}
    )
    return content


def _media_src(attrs):
    for key in ("src", "mp4", "m4v", "webm", "ogv", "mp3", "ogg", "wav", "url"):
        if attrs.get(key):
            return attrs[key]
    return ""


def _single(match, notes):
    name = match["name"].lower()
    attrs = _attrs(match["attrs"])
    if name == "gallery":
        ids = ",".join(part.strip() for part in attrs.get("ids", "").split(","))
        return f'<figure class="wp-block-gallery" data-ids="{escape(ids)}"></figure>'
    if name in {"video", "audio", "embed"}:
        return _video_or_link(_media_src(attrs), notes, name)
    if name in KNOWN_SINGLE or "=" in (match["attrs"] or ""):
        notes.append(_("Shortcode %(code)s removed") % {"code": match.group(0)[:80]})
        return ""
    return match.group(0)  # "[sic]", "[1]": ordinary text in brackets


def expand_shortcodes(html, notes):
    """Shortcodes as HTML the block builder knows; unknown ones removed, noted."""
    previous = None
    while previous != html:
        previous = html
        html = SHORTCODE_ENCLOSING.sub(lambda match: _enclosing(match, notes), html)
    return SHORTCODE_SINGLE.sub(lambda match: _single(match, notes), html)


# Paragraphs from blank lines (WordPress's wpautop), on the parsed document


def is_block(node):
    return isinstance(node, Tag) and node.name in BLOCK_LEVEL


def autop(container):
    """Wrap runs of text and inline markup in <p>, as the classic editor's
    blank lines mean; single line breaks become <br>."""
    for child in list(container.contents):
        if isinstance(child, Tag) and child.name in CONTAINERS | {"blockquote"}:
            autop(child)
    run = []
    for child in list(container.contents):
        if is_block(child) or isinstance(child, Comment):
            _wrap_run(container, run, before=child)
            run = []
        else:
            run.append(child)
    _wrap_run(container, run, before=None)


def _wrap_run(container, run, before):
    if all(isinstance(node, NavigableString) and not node.strip() for node in run):
        return
    soup = BeautifulSoup("", "html.parser")
    paragraphs = [soup.new_tag("p")]
    for node in run:
        node = node.extract()
        if isinstance(node, NavigableString):
            parts = BLANK_LINE.split(str(node))
            for number, part in enumerate(parts):
                if number:
                    paragraphs.append(soup.new_tag("p"))
                _append_lines(soup, paragraphs[-1], part)
        else:
            paragraphs[-1].append(node)
    for paragraph in paragraphs:
        if paragraph.get_text().strip() or paragraph.find(["img", "iframe"]):
            if before is not None:
                before.insert_before(paragraph)
            else:
                container.append(paragraph)


def _append_lines(soup, paragraph, text):
    for number, line in enumerate(text.split("\n")):
        if number:
            line = line.lstrip()
            if line.strip() and paragraph.get_text().strip():
                paragraph.append(soup.new_tag("br"))
        if line:
            paragraph.append(line)


def link_paragraph(url, text=""):
    return f'<p><a href="{escape(url)}">{escape(text or url)}</a></p>'
