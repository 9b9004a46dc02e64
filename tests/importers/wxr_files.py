"""WordPress exports (WXR 1.2), written as WordPress writes them, for the tests."""

import io
from xml.sax.saxutils import escape, quoteattr

from PIL import Image as PILImage

SITE = "https://interreg.no"


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wxr(*items, site=SITE, authors=(("kari", "Kari Nordmann"),)):
    """A whole export file with `items`, as bytes."""
    author_xml = "".join(
        f"<wp:author><wp:author_id>{number}</wp:author_id>"
        f"<wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(login + '@example.no')}</wp:author_email>"
        f"<wp:author_display_name>{cdata(name)}</wp:author_display_name>"
        f"</wp:author>\n"
        for number, (login, name) in enumerate(authors, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<rss version="2.0"\n'
        '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:wp="http://wordpress.org/export/1.2/"\n'
        ">\n<channel>\n"
        "<title>Interreg</title>\n"
        f"<link>{site}</link>\n"
        "<language>nb-NO</language>\n"
        "<wp:wxr_version>1.2</wp:wxr_version>\n"
        f"<wp:base_site_url>{site}</wp:base_site_url>\n"
        f"<wp:base_blog_url>{site}</wp:base_blog_url>\n"
        f"{author_xml}"
        "<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>nyheter"
        "</wp:category_nicename><wp:category_parent></wp:category_parent>"
        "<wp:cat_name><![CDATA[Nyheter]]></wp:cat_name></wp:category>\n"
        + "".join(items)
        + "</channel>\n</rss>\n"
    ).encode()


def post(
    post_id,
    title,
    content,
    *,
    slug=None,
    status="publish",
    date="2019-05-01 12:00:00",
    date_gmt=None,
    link=None,
    excerpt="",
    tags=(),
    categories=(),
    thumbnail=None,
    creator="kari",
    password="",
    post_type="post",
    meta=(),
):
    """One <item>. Tags and categories are (slug, name) pairs."""
    slug = slug if slug is not None else f"post-{post_id}"
    link = link or f"{SITE}/{date[:4]}/{date[5:7]}/{slug}/"
    if date_gmt is None:
        date_gmt = date if status == "publish" else "0000-00-00 00:00:00"
    terms = "".join(
        f'<category domain="{domain}" nicename={quoteattr(term_slug)}>'
        f"{cdata(name)}</category>\n"
        for domain, pairs in (("post_tag", tags), ("category", categories))
        for term_slug, name in pairs
    )
    postmeta = list(meta)
    if thumbnail is not None:
        postmeta.append(("_thumbnail_id", str(thumbnail)))
    meta_xml = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(v)}</wp:meta_value></wp:postmeta>\n"
        for k, v in postmeta
    )
    return (
        "<item>\n"
        f"<title>{escape(title)}</title>\n"
        f"<link>{escape(link)}</link>\n"
        "<pubDate>Wed, 01 May 2019 10:00:00 +0000</pubDate>\n"
        f"<dc:creator>{cdata(creator)}</dc:creator>\n"
        f'<guid isPermaLink="false">{SITE}/?p={post_id}</guid>\n'
        "<description></description>\n"
        f"<content:encoded>{cdata(content)}</content:encoded>\n"
        f"<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n"
        f"<wp:post_id>{post_id}</wp:post_id>\n"
        f"<wp:post_date>{cdata(date)}</wp:post_date>\n"
        f"<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>\n"
        f"<wp:post_modified>{cdata(date)}</wp:post_modified>\n"
        "<wp:comment_status><![CDATA[open]]></wp:comment_status>\n"
        f"<wp:post_name>{cdata(slug)}</wp:post_name>\n"
        f"<wp:status>{cdata(status)}</wp:status>\n"
        "<wp:post_parent>0</wp:post_parent>\n"
        "<wp:menu_order>0</wp:menu_order>\n"
        f"<wp:post_type>{cdata(post_type)}</wp:post_type>\n"
        f"<wp:post_password>{cdata(password)}</wp:post_password>\n"
        "<wp:is_sticky>0</wp:is_sticky>\n"
        f"{terms}{meta_xml}"
        "</item>\n"
    )


def attachment(post_id, path, *, title="", alt="", caption=""):
    """An attachment item for a file at `path` under wp-content/uploads/."""
    url = f"{SITE}/wp-content/uploads/{path}"
    return (
        "<item>\n"
        f"<title>{escape(title)}</title>\n"
        f"<link>{SITE}/?attachment_id={post_id}</link>\n"
        f"<dc:creator>{cdata('kari')}</dc:creator>\n"
        "<content:encoded><![CDATA[]]></content:encoded>\n"
        f"<excerpt:encoded>{cdata(caption)}</excerpt:encoded>\n"
        f"<wp:post_id>{post_id}</wp:post_id>\n"
        "<wp:post_date><![CDATA[2019-04-30 09:00:00]]></wp:post_date>\n"
        "<wp:post_date_gmt><![CDATA[2019-04-30 07:00:00]]></wp:post_date_gmt>\n"
        f"<wp:post_name>{cdata(path.rsplit('/', 1)[-1].split('.')[0])}</wp:post_name>\n"
        "<wp:status><![CDATA[inherit]]></wp:status>\n"
        "<wp:post_parent>0</wp:post_parent>\n"
        "<wp:post_type><![CDATA[attachment]]></wp:post_type>\n"
        f"<wp:attachment_url>{cdata(url)}</wp:attachment_url>\n"
        "<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key>"
        f"<wp:meta_value>{cdata(path)}</wp:meta_value></wp:postmeta>\n"
        "<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]>"
        f"</wp:meta_key><wp:meta_value>{cdata(alt)}</wp:meta_value></wp:postmeta>\n"
        "</item>\n"
    )


def page_item(post_id, title):
    """A WordPress page (not a post): the import skips it."""
    return post(post_id, title, "<p>Om oss</p>", post_type="page", slug="om-oss")


def jpeg(colour="#336699", size=(640, 360)):
    """A small JPEG file, as bytes."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def uploads_folder(root, files):
    """Write {path under uploads: bytes} below `root`; the folder's path."""
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def item_line(data, post_id, occurrence=0):
    """The line the `occurrence`-th <item> with `post_id` starts on in `data`."""
    found, start = [], None
    for number, line in enumerate(data.decode().splitlines(), 1):
        if line == "<item>":
            start = number
        elif line == f"<wp:post_id>{post_id}</wp:post_id>":
            found.append(start)
    return found[occurrence]
