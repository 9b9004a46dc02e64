"""Importing interreg.no's WordPress export: stories, bodies, images, addresses."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Revision

from stories.importers.media import DirectorySource, ZipSource
from stories.importers.wordpress import import_wordpress
from stories.models import StoryPage
from tests.importers.wxr_files import (
    attachment,
    item_line,
    jpeg,
    page_item,
    post,
    uploads_folder,
    wxr,
)

pytestmark = pytest.mark.django_db

ELK = "Elgen kjenner ingen grenser"
BLUE = "Blå vekst i Nordsjøen"
CLASSIC_BODY = """Forskere på begge sider av grensen følger elgen. Vi <strong>fulgte \
<em>elgen</em> i fire år</strong> – se også <a href="https://interreg.no/2019/06/\
bla-vekst/">blå vekst</a>.
Ny linje i samme avsnitt.

[caption id="attachment_101" align="aligncenter" width="640"]<img \
class="size-large wp-image-101" src="https://interreg.no/wp-content/uploads/2019/05/\
elg-640x360.jpg" alt="En elg i granskogen ved Trysil" width="640" height="360" /> \
Elgen krysser riksgrensen ved Trysil.[/caption]

<h2>Hva fant forskerne?</h2>
<ul>
<li>Elgen vandrer <em>over</em> grensen hver vinter</li>
<li>Trekkrutene er de samme år etter år</li>
</ul>
<blockquote>Elgen bryr seg ikke om riksgrensen.<cite>Ingrid Haug, Høgskolen i \
Innlandet</cite></blockquote>

https://www.youtube.com/watch?v=dQw4w9WgXcQ

<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e" width="640" \
height="360" title="Elg i vinterskogen" allowfullscreen></iframe>

<table><tr><th>År</th><th>Elger merket</th></tr><tr><td>2019</td><td>40</td></tr>\
</table>
<script>alert("hei")</script>
"""
GUTENBERG_BODY = """<!-- wp:paragraph -->
<p>Havet binder regionene sammen. Les om <a href="/2019/05/elgen/">elgen</a> også.</p>
<!-- /wp:paragraph -->

<!-- wp:image {"id":102,"sizeSlug":"large"} -->
<figure class="wp-block-image size-large"><img src="https://interreg.no/wp-content/\
uploads/2019/06/havn-1024x576.jpg" alt="" class="wp-image-102"/><figcaption>Havna i \
Kristiansand.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:heading {"level":3} -->
<h3>Grønn skipsfart</h3>
<!-- /wp:heading -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Vi lærer av hverandre.</p><cite>Kari \
Nordmann</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:embed {"url":"https://youtu.be/aqz-KE-bpKQ","type":"video","providerNameSlug":\
"youtube"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube">\
<div class="wp-block-embed__wrapper">
https://youtu.be/aqz-KE-bpKQ
</div><figcaption>Filmen om prosjektet.</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:image {"id":103} -->
<figure class="wp-block-image"><img src="https://interreg.no/wp-content/uploads/2019/\
06/borte.jpg" alt="Et bilde som mangler" class="wp-image-103"/></figure>
<!-- /wp:image -->

<!-- wp:paragraph -->
<p>Samme elg igjen:</p>
<!-- /wp:paragraph -->

<!-- wp:image {"id":101} -->
<figure class="wp-block-image"><img src="https://interreg.no/wp-content/uploads/2019/\
05/elg.jpg" alt="Elgen igjen" class="wp-image-101"/></figure>
<!-- /wp:image -->
"""


def export(**changes):
    """interreg.no in miniature: two public posts, a draft, a private post, a page."""
    elk = {
        "slug": "elgen",
        "date": "2019-05-02 00:30:00",
        "date_gmt": "2019-05-01 22:30:00",
        "thumbnail": 101,
        "tags": [("elg", "Elg"), ("klima", "Klima")],
        "categories": [("nyheter", "Nyheter"), ("uncategorized", "Uncategorized")],
        **changes.get("elk", {}),
    }
    return wxr(
        attachment(
            101,
            "2019/05/elg.jpg",
            title="Elg ved riksgrensen",
            alt="En elg i granskogen",
            caption="Elgen krysser grensen.",
        ),
        attachment(102, "2019/06/havn.jpg", title="Havna"),
        attachment(103, "2019/06/borte.jpg", title="Borte"),
        post(
            11,
            changes.get("elk_title", ELK),
            changes.get("elk_body", CLASSIC_BODY),
            **elk,
        ),
        post(
            12,
            BLUE,
            GUTENBERG_BODY,
            slug="bla-vekst",
            date="2019-06-10 10:00:00",
            date_gmt="2019-06-10 08:00:00",
            excerpt="<p>Nordsjøprogrammet gir <b>blå vekst</b> langs kysten.</p>",
        ),
        post(13, "Utkast om laks", "<p>Ikke ferdig.</p>", status="draft"),
        post(14, "Intern sak", "<p>Bare for ansatte.</p>", status="private"),
        page_item(20, "Om Interreg"),
        post(21, "Meny", "", post_type="nav_menu_item"),
    )


@pytest.fixture
def media(tmp_path):
    return uploads_folder(
        tmp_path / "uploads",
        {
            "2019/05/elg.jpg": jpeg("#335533"),
            "2019/05/elg-640x360.jpg": jpeg("#335534"),
            "2019/06/havn.jpg": jpeg("#223366"),
        },
    )


def run(data, media=None, **options):
    return import_wordpress(
        io.BytesIO(data), media=DirectorySource(media) if media else None, **options
    )


def story(post_id):
    return StoryPage.objects.get(wordpress_id=post_id, locale__language_code="nb")


def test_posts_become_stories_with_their_facts(story_section, media):
    report = run(export(), media)

    assert report.counts["created"] == 4
    elk = story(11)
    assert elk.get_parent().specific == story_section
    assert elk.title == ELK
    assert elk.slug == "elgen"
    assert elk.byline == "Kari Nordmann"
    assert elk.date == datetime.date(2019, 5, 2)
    assert elk.first_published_at == datetime.datetime(
        2019, 5, 1, 22, 30, tzinfo=datetime.UTC
    )
    assert elk.live
    assert sorted(tag.name for tag in elk.tags.all()) == ["Elg", "Klima", "Nyheter"]
    assert elk.hero_image.title == "Elg ved riksgrensen"
    assert elk.hero_alt == "En elg i granskogen"
    assert elk.hero_caption == "Elgen krysser grensen."


def test_the_intro_is_the_excerpt_or_the_first_paragraph_cut_at_a_word(
    story_section, media
):
    long_paragraph = "Samarbeid over grensen gir resultater for folk i regionen. " * 8
    run(export(elk_body=f"<p>{long_paragraph}</p>"), media)

    assert story(12).intro == "Nordsjøprogrammet gir blå vekst langs kysten."
    intro = story(11).intro
    assert len(intro) <= 300
    assert intro.endswith("…")
    assert long_paragraph.startswith(intro.removesuffix("…"))
    assert long_paragraph[len(intro) - 1] in " ."


def test_drafts_and_private_posts_are_never_live(story_section, media, client):
    run(export(), media)

    draft, private = story(13), story(14)
    assert not draft.live
    assert not private.live
    assert draft.first_published_at is None
    assert client.get(private.url).status_code == 404
    api = client.get("/api/v2/pages/?type=stories.StoryPage&fields=title").json()
    assert {item["title"] for item in api["items"]} == {ELK, BLUE}


def test_pages_attachments_and_menus_are_skipped_and_counted(story_section, media):
    report = run(export(), media)

    assert report.counts["skipped"] == 5
    assert report.skipped_kinds == {"attachment": 3, "page": 1, "nav_menu_item": 1}
    assert StoryPage.objects.count() == 4


def test_a_classic_body_becomes_blocks(story_section, media):
    run(export(), media)

    blocks = [(block.block_type, block.value) for block in story(11).body]
    types = [block_type for block_type, _value in blocks]
    assert types == [
        "paragraph",
        "image",
        "heading",
        "paragraph",
        "quote",
        "video",
        "video",
        "paragraph",
    ]
    first = blocks[0][1].source
    assert "<b>fulgte <i>elgen</i> i fire år</b>" in first
    assert "Ny linje i samme avsnitt." in first
    assert "<br/>" in first
    image = blocks[1][1]
    assert image["caption"] == "Elgen krysser riksgrensen ved Trysil."
    assert image["alt_text"] == "En elg i granskogen ved Trysil"
    assert blocks[2][1]["text"] == "Hva fant forskerne?"
    assert "<ul><li>Elgen vandrer <i>over</i> grensen" in blocks[3][1].source
    assert blocks[4][1]["quote"] == "Elgen bryr seg ikke om riksgrensen."
    assert blocks[4][1]["attribution"] == "Ingrid Haug, Høgskolen i Innlandet"
    assert blocks[5][1]["url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert blocks[6][1]["url"] == "https://vimeo.com/76979871"
    assert blocks[6][1]["title"] == "Elg i vinterskogen"
    assert "2019 – 40" in blocks[7][1].source


def test_unknown_markup_is_kept_as_text_and_reported_never_as_html(
    story_section, media
):
    report = run(export(), media)

    stored = str(story(11).body.raw_data)
    assert "<table" not in stored
    assert "<script" not in stored
    assert "alert" not in stored
    assert "År – Elger merket" in stored
    notes = [
        note["text"] for note in report.notes if note["where"].startswith("post 11")
    ]
    assert "A table was kept as text, one paragraph per row" in notes
    assert "Removed <script>" in notes


def test_a_block_editor_body_becomes_blocks(story_section, media):
    run(export(), media)

    blocks = [(block.block_type, block.value) for block in story(12).body]
    assert [block_type for block_type, _value in blocks] == [
        "paragraph",
        "image",
        "heading",
        "quote",
        "video",
        "paragraph",
        "image",
    ]
    assert blocks[1][1]["caption"] == "Havna i Kristiansand."
    assert blocks[2][1] == {"text": "Grønn skipsfart", "level": "h3"}
    assert blocks[3][1]["quote"] == "Vi lærer av hverandre."
    assert blocks[4][1]["url"] == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    assert blocks[4][1]["caption"] == "Filmen om prosjektet."


def test_links_between_posts_become_page_links(story_section, media, client):
    run(export(), media)

    elk, blue = story(11), story(12)
    assert (
        f'<a id="{blue.pk}" linktype="page">blå vekst</a>'
        in elk.body.raw_data[0]["value"]
    )
    assert (
        f'<a id="{elk.pk}" linktype="page">elgen</a>' in blue.body.raw_data[0]["value"]
    )
    page = client.get(elk.url)
    assert f'href="{blue.url}"' in page.content.decode()


def test_each_image_is_made_once_and_reused(story_section, media):
    run(export(), media)
    images = get_image_model().objects.all()

    # elg.jpg (the featured image and in both bodies), its resized copy's
    # original, and havn.jpg: two files, two images.
    assert images.count() == 2
    elk_image = images.get(title="Elg ved riksgrensen")
    assert elk_image.description == "En elg i granskogen"
    assert story(11).hero_image == elk_image
    assert story(12).body[6].value["image"] == elk_image
    run(export(), media)
    assert get_image_model().objects.count() == 2


def test_a_missing_image_is_reported_and_the_story_imported_without_it(
    story_section, media
):
    data = export()
    report = run(data, media)

    assert {
        "where": f"post 12 “Blå vekst i Nordsjøen” (line {item_line(data, 12)})",
        "path": "2019/06/borte.jpg (file not found)",
    } in report.missing_images
    assert story(12).live
    assert "Et bilde som mangler" not in str(story(12).body.raw_data)


def test_without_a_media_folder_every_image_is_reported(story_section):
    report = run(export())

    assert report.ok
    assert story(11).hero_image is None
    assert any("elg.jpg" in entry["path"] for entry in report.missing_images)


def test_old_addresses_redirect_permanently_to_the_story(story_section, media, client):
    run(export(), media)

    elk = story(11)
    response = client.get("/2019/05/elgen/")
    assert response.status_code == 301
    assert response["Location"].endswith(elk.url)
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/2019/06/bla-vekst/")["Location"].endswith(story(12).url)
    # A post that was never public gets no redirect (its address stays unknown).
    assert not Redirect.objects.filter(redirect_page=story(14)).exists()


def test_norwegian_characters_survive_in_titles_slugs_and_bodies(story_section, media):
    run(export(elk={"slug": "bl%c3%a5b%c3%a6r-og-%c3%b8l"}, elk_title="Blåbær og øl"))

    elk = story(11)
    assert elk.title == "Blåbær og øl"
    assert elk.slug == "blåbær-og-øl"
    assert "Forskere på begge sider av grensen følger elgen." in str(elk.body.raw_data)


def test_a_second_run_creates_and_changes_nothing(story_section, media):
    run(export(), media)
    revisions = Revision.objects.count()
    redirects = Redirect.objects.count()

    report = run(export(), media)

    assert report.counts["created"] == 0
    assert report.counts["updated"] == 0
    assert report.counts["unchanged"] == 4
    assert StoryPage.objects.count() == 4
    assert Revision.objects.count() == revisions
    assert Redirect.objects.count() == redirects


def test_a_changed_post_updates_a_story_nobody_has_edited(story_section, media):
    run(export(), media)

    report = run(export(elk_title="Elgen krysser grensen igjen"), media)

    assert report.counts["updated"] == 1
    elk = story(11)
    assert elk.title == "Elgen krysser grensen igjen"
    assert elk.live_revision == elk.latest_revision
    assert elk.wordpress_revision == elk.latest_revision


def test_a_story_an_editor_has_edited_is_left_alone(story_section, media, admin_user):
    run(export(), media)
    edited = story(11).get_latest_revision_as_object()
    edited.intro = "Redaksjonens egen ingress."
    edited.save_revision(user=admin_user).publish()

    report = run(export(elk_title="Ny tittel fra WordPress"), media)

    assert report.counts["kept"] == 1
    elk = story(11)
    assert elk.title == ELK
    assert elk.intro == "Redaksjonens egen ingress."


def test_a_dry_run_reports_the_same_and_writes_nothing(story_section, media, settings):
    before = {
        "pages": StoryPage.objects.count(),
        "images": get_image_model().objects.count(),
        "redirects": Redirect.objects.count(),
        "revisions": Revision.objects.count(),
    }
    media_root = Path(settings.MEDIA_ROOT)
    files_before = set(media_root.rglob("*")) if media_root.exists() else set()

    dry = run(export(), media, dry_run=True)

    assert dry.dry_run
    assert dry.counts["created"] == 4
    assert {
        "pages": StoryPage.objects.count(),
        "images": get_image_model().objects.count(),
        "redirects": Redirect.objects.count(),
        "revisions": Revision.objects.count(),
    } == before
    assert (
        set(media_root.rglob("*")) if media_root.exists() else set()
    ) == files_before
    real = run(export(), media)
    assert real.counts == dry.counts
    assert real.missing_images == dry.missing_images


def test_duplicate_post_ids_are_reported_and_the_first_imported(story_section, media):
    data = wxr(
        post(11, "Først", "<p>Den første.</p>"),
        post(11, "Så", "<p>Den andre.</p>"),
    )

    report = run(data, media)

    assert report.counts["created"] == 1
    assert story(11).title == "Først"
    assert report.failures == [
        {
            "where": f"post 11 “Så” (line {item_line(data, 11, 1)})",
            "reason": (
                f"post id 11 appears twice; the first, on line {item_line(data, 11)}, "
                "was used"
            ),
        }
    ]


def test_a_broken_post_fails_alone_and_the_rest_are_imported(story_section, media):
    data = wxr(
        post(31, "Uten innhold", ""),
        post(32, "Uten dato", "<p>Tekst.</p>", date="i fjor"),
        post(33, "Helt fin", "<p>Tekst.</p>"),
    )

    report = run(data, media)

    assert report.counts == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "kept": 0,
        "skipped": 0,
        "failed": 2,
    }
    assert [failure["reason"] for failure in report.failures] == [
        "the post has no content to import",
        "wp:post_date is missing or not a date",
    ]
    assert story(33).live


def test_categories_map_to_programmes_and_themes(
    story_section, media, taxonomy, client
):
    mapping = io.BytesIO(
        b"wordpress_category,programme_or_theme\nNyheter,north-sea\nklima,PO2\n"
    )
    data = export(elk={"categories": [("nyheter", "Nyheter"), ("klima", "Klima")]})

    run(data, media, category_map=mapping)

    elk = story(11)
    assert list(elk.programmes.all()) == [taxonomy["north-sea"]]
    assert list(elk.themes.all()) == [taxonomy["PO2"]]
    assert sorted(tag.name for tag in elk.tags.all()) == ["Elg", "Klima"]
    # Readers find it under its programme, on the site and in the API.
    listing = client.get("/historier/?programme=north-sea").content.decode()
    assert ELK in listing
    assert BLUE not in listing
    api = client.get("/api/v2/pages/?type=stories.StoryPage&programme=north-sea")
    assert [item["title"] for item in api.json()["items"]] == [ELK]


def test_a_map_naming_an_unknown_programme_stops_before_anything_is_written(
    story_section, media, taxonomy
):
    mapping = io.BytesIO(b"Nyheter,ostersjoen\n")

    with pytest.raises(Exception, match="line 1: there is no programme or theme"):
        run(export(), media, category_map=mapping)

    assert not StoryPage.objects.exists()


def test_stories_can_be_imported_into_the_english_section(story_section, media):
    report = run(export(), media, locale="en")

    assert report.counts["created"] == 4
    elk = StoryPage.objects.get(wordpress_id=11)
    assert elk.locale.language_code == "en"
    assert elk.url.startswith("/en/stories/")


def test_the_command_prints_the_report_and_fails_when_a_post_fails(
    story_section, media, tmp_path
):
    path = tmp_path / "export.xml"
    data = wxr(post(31, "Uten innhold", ""), post(33, "Fin", "<p>Ja.</p>"))
    path.write_bytes(data)
    out = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_wordpress", str(path), "--media", str(media), stdout=out)

    assert error.value.returncode == 1
    assert (
        f"post 31 “Uten innhold” (line {item_line(data, 31)}): the post has no content"
        in out.getvalue()
    )
    assert StoryPage.objects.filter(wordpress_id=33).exists()


def test_the_command_imports_with_media_and_exits_cleanly(
    story_section, media, tmp_path
):
    path = tmp_path / "export.xml"
    path.write_bytes(export())
    out = io.StringIO()

    call_command(
        "import_wordpress",
        str(path),
        "--media",
        str(media),
        "--locale",
        "nb",
        stdout=out,
    )

    assert StoryPage.objects.count() == 4
    assert "2019/06/borte.jpg (file not found)" in out.getvalue()


def test_a_resized_copy_is_used_when_the_original_is_missing(story_section, tmp_path):
    media = uploads_folder(tmp_path / "uploads", {"2019/05/elg-640x360.jpg": jpeg()})

    run(export(), media)

    image = story(11).body[1].value["image"]
    assert image.title == "Elg ved riksgrensen"


def test_images_in_a_zip_are_read_without_trusting_its_sizes(story_section, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("wp-content/uploads/2019/06/havn.jpg", jpeg())
        archive.writestr(
            "wp-content/uploads/2019/05/elg.jpg", b"\0" * (2 * 1024 * 1024)
        )
    buffer.seek(0)

    report = import_wordpress(io.BytesIO(export()), media=ZipSource(buffer))

    assert story(12).body[1].value["image"].title == "Havna"
    assert "2019/05/elg.jpg (larger than 1 MB)" in [
        entry["path"] for entry in report.missing_images
    ]
