"""A file that is not a WordPress export stops the import before anything is written."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stories.importers.report import ImportAborted
from stories.importers.wordpress import import_wordpress
from stories.models import StoryPage
from tests.importers.wxr_files import post, wxr

pytestmark = pytest.mark.django_db


def refused(data):
    with pytest.raises(ImportAborted) as error:
        import_wordpress(io.BytesIO(data))
    assert not StoryPage.objects.exists()
    return str(error.value)


def test_xml_that_is_not_well_formed_stops_with_the_line(story_section):
    good = wxr(post(11, "Elgen", "<p>Elgen.</p>"), post(12, "Laksen", "<p>Laks.</p>"))
    lines = good.decode().splitlines()
    broken_at = next(
        n for n, line in enumerate(lines, 1) if line.startswith("<title>Laksen")
    )
    lines[broken_at - 1] = "<title>Laksen</tittel>"

    message = refused("\n".join(lines).encode())

    assert message == (
        f"The file is not well-formed XML: mismatched tag (line {broken_at}, column 16). "
        "Nothing was imported."
    )


def test_a_truncated_file_stops_before_the_first_post_is_written(story_section):
    good = wxr(post(11, "Elgen", "<p>Elgen.</p>"), post(12, "Laksen", "<p>Laks.</p>"))

    message = refused(good[: len(good) // 2 + 40])

    assert message.startswith("The file is not well-formed XML")


def test_xml_that_is_not_a_wordpress_export_is_refused(story_section):
    atom = (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Historier</title></feed>'
    )
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><item/></channel></rss>'

    assert refused(atom).startswith("This is XML, but not a WordPress export")
    assert refused(rss).startswith("This is XML, but not a WordPress export")


def test_an_external_entity_cannot_read_files_from_the_server(story_section):
    xxe = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        b"<rss><channel><title>&secret;</title></channel></rss>"
    )

    message = refused(xxe)

    assert "refused for safety" in message
    assert "(line 2)" in message
    assert "root:" not in message


def test_a_billion_laughs_file_is_refused_without_expanding(story_section):
    laughs = '<!ENTITY lol0 "lol">\n' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10)
    )
    bomb = f'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n{laughs}]>\n<lolz>&lol9;</lolz>'

    assert "refused for safety" in refused(bomb.encode())


def test_the_command_says_why_and_writes_nothing(story_section, tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(b"<rss><channel>")

    with pytest.raises(CommandError, match="not well-formed XML: no element found"):
        call_command("import_wordpress", str(path))

    assert not StoryPage.objects.exists()


def test_an_unknown_language_stops_the_import(story_section):
    with pytest.raises(ImportAborted, match="no story section in the language “de”"):
        import_wordpress(io.BytesIO(wxr(post(11, "Elg", "<p>Elg</p>"))), locale="de")
