"""Reading a WordPress export (WXR, "WordPress eXtended RSS", Tools → Export).

The file is parsed with defusedxml and refuses DTDs and entity declarations, so
an uploaded file cannot read files from the server (XXE) or expand into
gigabytes ("billion laughs"). Anything that is not well-formed XML, or not a
WXR export, raises `ImportAborted` with the line, before anything is written.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.utils.translation import gettext as _

from .report import ImportAborted

WP_NAMESPACE = re.compile(r"^\{(http://wordpress\.org/export/1\.[0-9]+/)\}")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
READ_SIZE = 1 << 16


@dataclass
class Term:
    """A category or tag on a post: its taxonomy (`category`, `post_tag`)."""

    domain: str
    slug: str
    name: str


@dataclass
class Item:
    """One `<item>`: a post, page, attachment, menu item…"""

    line: int
    post_id: int | None
    post_type: str
    status: str
    title: str
    slug: str
    link: str
    post_date: str
    post_date_gmt: str
    creator: str
    content: str
    excerpt: str
    password: str
    attachment_url: str
    terms: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def __str__(self):
        title = self.title or _("(no title)")
        return _("post %(id)s “%(title)s” (line %(line)s)") % {
            "id": self.post_id if self.post_id is not None else "?",
            "title": title,
            "line": self.line,
        }


@dataclass
class Export:
    site_url: str
    authors: dict
    items: list


class _ItemLines:
    """A tree builder that notes the line each `<item>` starts on."""

    def __init__(self):
        self.builder = TreeBuilder()
        self.parser = None
        self.lines = []

    def start(self, tag, attrs):
        if tag == "item":
            self.lines.append(self.parser.parser.CurrentLineNumber)
        return self.builder.start(tag, attrs)

    def end(self, tag):
        return self.builder.end(tag)

    def data(self, data):
        return self.builder.data(data)

    def close(self):
        return self.builder.close()


def _parse_tree(source):
    target = _ItemLines()
    parser = DefusedXMLParser(target=target, forbid_dtd=True)
    target.parser = parser
    try:
        while chunk := source.read(READ_SIZE):
            parser.feed(chunk)
        root = parser.close()
    except ParseError as error:
        line, column = error.position
        raise ImportAborted(
            _(
                "The file is not well-formed XML: %(problem)s (line %(line)s, "
                "column %(column)s). Nothing was imported."
            )
            % {
                "problem": str(error).split(":")[0],
                "line": line,
                "column": column + 1,
            }
        ) from error
    except DefusedXmlException as error:
        raise ImportAborted(
            _(
                "The file declares a DTD or XML entities (line %(line)s), which a "
                "WordPress export never does; it was refused for safety. Nothing "
                "was imported."
            )
            % {"line": parser.parser.CurrentLineNumber}
        ) from error
    return root, target.lines


def _text(element, tag, default=""):
    found = element.find(tag)
    if found is None or found.text is None:
        return default
    return found.text


def parse(source):
    """The export in `source` (a binary file object) as an `Export`."""
    root, item_lines = _parse_tree(source)
    channel = root.find("channel") if root.tag == "rss" else None
    namespace = None
    if channel is not None:
        for child in channel:
            match = WP_NAMESPACE.match(child.tag)
            if match and child.tag.endswith("}wxr_version"):
                namespace = match.group(1)
                break
    if namespace is None:
        raise ImportAborted(
            _(
                "This is XML, but not a WordPress export: a WXR file has an <rss> "
                "element with a <channel> that gives <wp:wxr_version>. Export it "
                "again with Tools → Export in WordPress. Nothing was imported."
            )
        )
    wp = f"{{{namespace}}}"
    excerpt = f"{{{namespace}excerpt/}}encoded"
    authors = {}
    for author in channel.findall(f"{wp}author"):
        login = _text(author, f"{wp}author_login").strip()
        name = _text(author, f"{wp}author_display_name").strip()
        if login:
            authors[login] = name or login
    items = [
        _item(element, line, wp, excerpt)
        for element, line in zip(channel.findall("item"), item_lines, strict=False)
    ]
    site_url = (_text(channel, f"{wp}base_site_url") or _text(channel, "link")).strip()
    return Export(site_url=site_url, authors=authors, items=items)


def _item(element, line, wp, excerpt):
    post_id = _text(element, f"{wp}post_id").strip()
    meta = {}
    for entry in element.findall(f"{wp}postmeta"):
        key = _text(entry, f"{wp}meta_key").strip()
        if key:
            meta[key] = _text(entry, f"{wp}meta_value")
    return Item(
        line=line,
        post_id=int(post_id) if post_id.isdigit() else None,
        post_type=_text(element, f"{wp}post_type").strip(),
        status=_text(element, f"{wp}status").strip(),
        title=" ".join(_text(element, "title").split()),
        slug=unquote(_text(element, f"{wp}post_name").strip()),
        link=_text(element, "link").strip(),
        post_date=_text(element, f"{wp}post_date").strip(),
        post_date_gmt=_text(element, f"{wp}post_date_gmt").strip(),
        creator=_text(element, CREATOR).strip(),
        content=_text(element, CONTENT),
        excerpt=_text(element, excerpt),
        password=_text(element, f"{wp}post_password"),
        attachment_url=_text(element, f"{wp}attachment_url").strip(),
        terms=[
            Term(
                domain=term.get("domain", ""),
                slug=unquote(term.get("nicename", "")),
                name=" ".join((term.text or "").split()),
            )
            for term in element.findall("category")
        ],
        meta=meta,
    )
