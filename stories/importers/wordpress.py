"""Importing a WordPress export: each post becomes a StoryPage.

`import_wordpress()` is what `manage.py import_wordpress` and the admin's
import task both run. The file is read and checked whole before anything is
written; then each post is imported in its own transaction, so one broken post
never stops the rest, and the report says what happened to each.

A re-run is safe: the post id is kept on the story (`wordpress_id`) with the
revision the import wrote (`wordpress_revision`). A story whose latest revision
is still that one is brought up to date with the post (or left as it is when
nothing changed); a story an editor has saved since is left alone.
"""

import csv
import datetime
import io
import logging
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.db import transaction
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.blocks import StreamBlockValidationError
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page

from stories.models import StoryIndexPage, StoryPage

from . import wxr
from .bulk import bulk_indexing
from .lookups import Programmes, Themes, key
from .media import ImageStore, upload_path
from .report import ImportAborted, ImportReport
from .values import cut_at_word
from .wordpress_body import BodyContext, convert, first_paragraph, plain_text

logger = logging.getLogger(__name__)

LIVE_STATUSES = {"publish"}
DRAFT_STATUSES = {"draft", "pending", "private", "future"}
UNCATEGORISED = {"uncategorized", "ukategorisert", "uncategorised"}
INTRO_LENGTH = 300
TAG_LENGTH = 100
WP_DATE = "%Y-%m-%d %H:%M:%S"


class ItemProblem(ValueError):
    """Why one post cannot be imported; the others go on."""


@dataclass
class StoryData:
    """What a post says a story should be."""

    title: str
    intro: str
    date: datetime.date
    published_at: datetime.datetime | None
    byline: str
    hero: tuple
    body: list
    tags: list
    themes: list
    programmes: list
    live: bool
    unresolved_links: set = field(default_factory=set)


def import_wordpress(
    source,
    *,
    media=None,
    locale="nb",
    category_map=None,
    dry_run=False,
    user=None,
):
    """Import the WXR export in `source` (a binary file); the report.

    `media` is a `DirectorySource` or `ZipSource`, `category_map` a text file of
    `wordpress_category,programme_or_theme` lines. Raises `ImportAborted`, with
    nothing written, when the file or the options cannot be used at all.
    """
    export = wxr.parse(source)
    index = _story_index(locale)
    mapping = read_category_map(category_map) if category_map else {}
    report = ImportReport(
        title=_("WordPress import into “%(section)s” (%(locale)s)")
        % {"section": index.title, "locale": index.locale.language_code},
        dry_run=dry_run,
    )
    run = WordPressImport(export, index, media, mapping, user, report, dry_run)
    if dry_run:
        with transaction.atomic():
            run.run()
            # Everything above was done to report it; none of it is kept.
            transaction.set_rollback(True)
    else:
        run.run()
    return report


def _story_index(language_code):
    locale = Locale.objects.filter(language_code=language_code).first()
    index = StoryIndexPage.objects.filter(locale=locale).first() if locale else None
    if index is None:
        raise ImportAborted(
            _("There is no story section in the language “%(locale)s”.")
            % {"locale": language_code}
        )
    return index


def read_category_map(file):
    """{category name or slug: Programme or Theme} from a two-column CSV file."""
    text = file.read()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportAborted(_("The category map is not UTF-8 text.")) from error
    delimiter = (
        ";"
        if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",")
        else ","
    )
    programmes, themes = Programmes(), Themes()
    mapping = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if number == 1 and key(cells[0]) == "wordpress_category":
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise ImportAborted(
                _(
                    "Category map, line %(line)s: give a WordPress category and a "
                    "programme or theme, separated by a comma."
                )
                % {"line": number}
            )
        target = themes.find(cells[1]) or programmes.find(cells[1])
        if target is None:
            raise ImportAborted(
                _(
                    "Category map, line %(line)s: there is no programme or theme "
                    "“%(name)s”."
                )
                % {"line": number, "name": cells[1]}
            )
        mapping[key(cells[0])] = target
    return mapping


def _parse_date(text):
    try:
        return datetime.datetime.strptime(text, WP_DATE)
    except ValueError:
        return None


def describe(error):
    """An error as one line for the report."""
    if isinstance(error, StreamBlockValidationError):
        return _("body: %(errors)s") % {"errors": _flatten(error.as_json_data())}
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(
                f"{name}: {' '.join(messages)}"
                for name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    if isinstance(error, ItemProblem):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _flatten(data):
    if isinstance(data, dict):
        return " ".join(_flatten(value) for value in data.values())
    if isinstance(data, list):
        return " ".join(_flatten(value) for value in data if value)
    return str(data)


class _PostContext(BodyContext):
    """Images and links for the body of one post."""

    def __init__(self, run, item):
        self.run = run
        self.item = item
        self.unresolved = set()

    def image(self, attachment_id, src):
        return self.run.image(self.item, attachment_id, src)

    def post_for_link(self, href):
        return self.run.post_for_link(href)

    def page_for_post(self, post_id):
        page = self.run.pages.get(post_id)
        if page is None:
            self.unresolved.add(post_id)
            return None
        return page.pk


class WordPressImport:
    def __init__(self, export, index, media, mapping, user, report, dry_run):
        self.export = export
        self.index = index
        self.mapping = mapping
        self.user = user
        self.report = report
        self.images = ImageStore(media, user=user, dry_run=dry_run)
        self.programmes = Programmes()
        self.site_host = _host(export.site_url)
        self.attachments = {}
        self.posts = []
        self.links = {}
        self.pages = {}
        self.slugs = set()
        self.written = []

    # reading

    def run(self):
        self.sort_items()
        self.pages = {
            page.wordpress_id: page
            for page in StoryPage.objects.filter(
                locale=self.index.locale,
                wordpress_id__in=[item.post_id for item in self.posts],
            )
        }
        self.slugs = set(
            Page.objects.child_of(self.index).values_list("slug", flat=True)
        )
        relink = []
        with bulk_indexing() as self.written:
            for item in self.posts:
                unresolved = self.import_item(item)
                if unresolved:
                    relink.append((item, unresolved))
            # Links to posts that came later in the file: now their stories exist.
            for item, unresolved in relink:
                if any(post_id in self.pages for post_id in unresolved):
                    self.import_item(item, count=False)

    def sort_items(self):
        seen = {}
        for item in self.export.items:
            if item.post_type == "attachment" and item.post_id is not None:
                # Not a story, but its file may be one of the stories' images.
                self.attachments[item.post_id] = item
                self.report.skip(item.post_type)
            elif item.post_type != "post":
                self.report.skip(item.post_type or _("unknown"))
            elif item.post_id is None:
                self.report.fail(item, _("the post has no wp:post_id"))
            elif item.post_id in seen:
                self.report.fail(
                    item,
                    _(
                        "post id %(id)s appears twice; the first, on line "
                        "%(line)s, was used"
                    )
                    % {"id": item.post_id, "line": seen[item.post_id].line},
                )
            elif item.status not in LIVE_STATUSES | DRAFT_STATUSES:
                seen[item.post_id] = item
                self.report.skip(
                    _("post (%(status)s)") % {"status": item.status or "?"}
                )
            else:
                seen[item.post_id] = item
                self.posts.append(item)
        self.posts.sort(key=lambda item: (item.post_date, item.post_id))
        for item in self.posts:
            for address in (item.link, f"/?p={item.post_id}"):
                path = _link_key(address)
                if path:
                    self.links.setdefault(path, item.post_id)

    def post_for_link(self, href):
        host = _host(href)
        if host and host != self.site_host:
            return None
        parsed = urlparse(href)
        post_ids = parse_qs(parsed.query).get("p")
        if post_ids and post_ids[0].isdigit():
            return self.links.get(f"/?p={post_ids[0]}")
        return self.links.get(_link_key(href))

    def image(self, item, attachment_id, src):
        """(image, alt text, title) for an image in `item`, or None if missing."""
        attachment = self.attachments.get(attachment_id)
        paths = []
        if attachment is not None:
            paths.append(
                attachment.meta.get("_wp_attached_file")
                or upload_path(attachment.attachment_url)
            )
        paths = [path for path in (*paths, upload_path(src)) if path]
        if not paths:
            self.report.missing_image(
                item, src or _("attachment %(id)s") % {"id": attachment_id}
            )
            return None
        title, alt = "", ""
        if attachment is not None:
            title = attachment.title
            alt = " ".join(attachment.meta.get("_wp_attachment_image_alt", "").split())
        image, why = self.images.get(paths, title, alt)
        if image is None:
            self.report.missing_image(item, f"{paths[0]} ({why})")
            return None
        return image, alt, image.title

    # importing

    def import_item(self, item, count=True):
        """Import one post in its own transaction; the posts it links to that
        have no story yet."""
        context = _PostContext(self, item)
        try:
            with transaction.atomic():
                outcome, page = self.import_post(item, context)
        except Exception as error:  # noqa: BLE001
            # One broken post must never stop the rest (its transaction is
            # rolled back); it is reported, and logged in full for a bug.
            if not isinstance(error, ValidationError | ItemProblem):
                logger.exception("WordPress import of %s failed", item)
            self.report.fail(item, describe(error))
            return set()
        if count:
            self.report.count(outcome)
        if outcome in {"created", "updated"}:
            self.pages[item.post_id] = page
            self.written.append(page)
        return context.unresolved

    def import_post(self, item, context):
        existing = self.pages.get(item.post_id)
        if existing is not None and not _untouched(existing):
            self.keep_address(item, existing, existing.live)
            return "kept", existing
        data = self.story_data(item, context)
        if existing is None:
            page = self.create(item, data)
            outcome = "created"
        else:
            page = existing
            outcome = "updated" if self.update(existing, data) else "unchanged"
        self.keep_address(item, page, data.live)
        return outcome, page

    def story_data(self, item, context):
        posted = _parse_date(item.post_date)
        if posted is None:
            raise ItemProblem(_("wp:post_date is missing or not a date"))
        body = convert(item.content, context, title=item.title)
        for note in body.notes:
            self.report.note(item, note)
        intro = plain_text(item.excerpt) or first_paragraph(body.blocks)
        title = item.title or Truncator(intro).words(8, truncate="…")
        if not title:
            raise ItemProblem(_("the post has neither a title nor any text"))
        if not body.blocks:
            raise ItemProblem(_("the post has no content to import"))
        themes, programmes, tags = self.terms(item)
        live = item.status in LIVE_STATUSES and not item.password
        if item.password and item.status in LIVE_STATUSES:
            self.report.note(item, _("password-protected: imported as a draft"))
        return StoryData(
            title=Truncator(title).chars(255),
            intro=cut_at_word(intro or title, INTRO_LENGTH),
            date=posted.date(),
            published_at=_published_at(item, posted) if live else None,
            byline=Truncator(self.export.authors.get(item.creator, item.creator)).chars(
                160
            ),
            hero=self.hero(item),
            body=body.blocks,
            tags=tags,
            themes=themes,
            programmes=programmes,
            live=live,
        )

    def terms(self, item):
        themes, programmes, tags = [], [], {}
        for term in item.terms:
            if term.domain == "category":
                target = self.mapping.get(key(term.name)) or self.mapping.get(
                    key(term.slug)
                )
                if target is not None:
                    group = (
                        programmes if target._meta.model_name == "programme" else themes
                    )
                    if target not in group:
                        group.append(target)
                    continue
                if key(term.slug) in UNCATEGORISED:
                    continue
            elif term.domain != "post_tag":
                continue
            name = Truncator(term.name).chars(TAG_LENGTH)
            if name:
                tags.setdefault(key(name), name)
        return themes, programmes, sorted(tags.values(), key=key)

    def hero(self, item):
        attachment_id = item.meta.get("_thumbnail_id", "").strip()
        if not attachment_id.isdigit():
            return None, "", ""
        found = self.image(item, int(attachment_id), "")
        if found is None:
            return None, "", ""
        image, alt, _title = found
        attachment = self.attachments[int(attachment_id)]
        return (
            image,
            Truncator(alt).chars(250),
            Truncator(plain_text(attachment.excerpt)).chars(300),
        )

    def apply(self, page, data):
        page.title = data.title
        page.intro = data.intro
        page.date = data.date
        page.byline = data.byline
        page.hero_image, page.hero_alt, page.hero_caption = data.hero
        page.body = data.body
        page.themes = data.themes
        page.programmes = data.programmes
        page.tags.set(data.tags)
        # The blocks are checked as the editor would, before anything is saved.
        page.body.stream_block.clean(page.body)

    def create(self, item, data):
        page = StoryPage(
            slug=self.unique_slug(item),
            locale=self.index.locale,
            wordpress_id=item.post_id,
            owner=self.user,
            live=False,
            has_unpublished_changes=True,
            first_published_at=data.published_at,
        )
        self.apply(page, data)
        self.index.add_child(instance=page)
        self.slugs.add(page.slug)
        revision = page.save_revision(user=self.user, log_action=True)
        if data.live:
            revision.publish(user=self.user)
        self.imported(page, revision)
        return page

    def update(self, existing, data):
        """Bring an untouched story up to date; False when nothing changed."""
        page = existing.get_latest_revision_as_object()
        before = _snapshot(page)
        self.apply(page, data)
        if _snapshot(page) == before and data.live == existing.live:
            return False
        if data.live and existing.first_published_at is None:
            existing.first_published_at = page.first_published_at = data.published_at
            StoryPage.objects.filter(pk=existing.pk).update(
                first_published_at=data.published_at
            )
        revision = page.save_revision(user=self.user, log_action=True)
        if data.live:
            revision.publish(user=self.user)
        elif existing.live:
            # The post is no longer public in WordPress: nor is the story.
            existing.refresh_from_db()
            existing.unpublish(user=self.user)
        self.imported(existing, revision)
        return True

    def imported(self, page, revision):
        StoryPage.objects.filter(pk=page.pk).update(wordpress_revision=revision)
        page.wordpress_revision = revision
        page.latest_revision_id = revision.pk
        page.refresh_from_db(fields=["live", "url_path", "latest_revision"])

    def unique_slug(self, item):
        slug = item.slug
        try:
            validate_unicode_slug(slug)
        except ValidationError:
            slug = slugify(item.slug or item.title, allow_unicode=True)
        slug = slug[:240] or f"post-{item.post_id}"
        candidate, number = slug, 1
        while candidate in self.slugs:
            number += 1
            candidate = f"{slug}-{number}"
        return candidate

    def keep_address(self, item, page, live):
        """A permanent redirect from the post's old address to its story; none for
        a post that was never public, so a draft's address gives nothing away."""
        old_path = _link_key(item.link)
        if not old_path or old_path.startswith("/?"):
            return
        existing = Redirect.objects.filter(old_path=old_path, site=None).first()
        if not live:
            if existing is not None and existing.redirect_page_id == page.pk:
                existing.delete()
            return
        if existing is None:
            if len(old_path) > Redirect._meta.get_field("old_path").max_length:
                self.report.note(item, _("the old address is too long to redirect"))
                return
            Redirect.objects.create(
                old_path=old_path, site=None, redirect_page=page, is_permanent=True
            )
        elif existing.redirect_page_id != page.pk:
            self.report.note(
                item,
                _("%(path)s already redirects elsewhere; left as it is")
                % {"path": old_path},
            )


def _untouched(page):
    """Whether the story is still as the import left it."""
    return (
        page.wordpress_revision_id is not None
        and page.latest_revision_id == page.wordpress_revision_id
    )


def _snapshot(page):
    """What the import sets on a story, comparable between two versions."""
    body = page.body.stream_block.get_prep_value(page.body)
    return {
        "title": page.title,
        "intro": page.intro,
        "date": page.date,
        "byline": page.byline,
        "hero": (page.hero_image_id, page.hero_alt, page.hero_caption),
        "body": _without_ids(body),
        "tags": sorted(tag.name for tag in page.tags.all()),
        "themes": sorted(theme.pk for theme in page.themes.all()),
        "programmes": sorted(programme.pk for programme in page.programmes.all()),
    }


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _published_at(item, posted):
    in_utc = _parse_date(item.post_date_gmt)
    if in_utc is not None:
        return in_utc.replace(tzinfo=datetime.UTC)
    return posted.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def _host(address):
    host = (urlparse(address or "").hostname or "").lower()
    return host.removeprefix("www.")


def _link_key(address):
    """The normalised path (and `?p=` query) an address is known by."""
    parsed = urlparse(address or "")
    if not parsed.path and not parsed.query:
        return ""
    path = parsed.path or "/"
    query = f"?{parsed.query}" if parsed.query else ""
    return Redirect.normalise_path(f"{path}{query}")
