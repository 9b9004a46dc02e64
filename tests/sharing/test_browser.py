"""In Chromium: another site on loopback frames a story's card (and cannot
frame the story itself), and a story prints to PDF as a clean article."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM_ARGS, PROJECT_DIR, browser  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PRINT_DIR = PROJECT_DIR / "test-artifacts" / "print"


class ProjectSite:
    """A project's own website on another origin (127.0.0.1, another port),
    whose page frames what it is given."""

    def __init__(self, body):
        page = (
            "<!DOCTYPE html><html lang='nb'><head><meta charset='utf-8'>"
            f"<title>Prosjektets nettside</title></head><body>{body}</body></html>"
        ).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server API
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def window(browser):  # noqa: F811 - the fixture imported above
    """A browser window that enforces every Content Security Policy."""
    context = browser.new_context(locale="nb-NO")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_another_site_frames_the_card_but_not_the_story(window, live_server, content):
    story = f"{live_server.url}/historier/elgen/"
    site = ProjectSite(
        f"<h1>Våre resultater</h1>"
        f"<iframe name='card' src='{story}embed/' width='600' height='520'></iframe>"
        f"<iframe name='story' src='{story}' width='600' height='520'></iframe>"
    )
    assert not site.url.startswith(live_server.url)
    try:
        window.goto(site.url)
        card = window.frame_locator("iframe[name=card]")
        expect(card.locator(".card__title")).to_have_text("Elgen kjenner ingen grenser")
        expect(card.locator(".card__more")).to_contain_text("Les hele historien på")
        expect(card.locator(".card__programme")).to_have_text("Interreg Sverige-Norge")
        window.wait_for_load_state("load")
        # Chromium refuses the story in a frame: its error page stands in.
        framed_story = window.frame(name="story")
        assert framed_story.url == "chrome-error://chromewebdata/"
        assert framed_story.locator("article.story").count() == 0
    finally:
        site.stop()


def test_a_story_prints_as_a_clean_article(window, live_server, content):
    story = f"{live_server.url}/historier/elgen/"
    window.goto(story)
    window.emulate_media(media="print")

    expect(window.locator(".site-header")).to_be_hidden()
    expect(window.locator(".site-footer")).to_be_hidden()
    expect(window.locator(".share")).to_be_hidden()
    expect(window.locator("details.republish")).to_be_hidden()
    expect(window.get_by_role("heading", level=1)).to_have_text(
        "Elgen kjenner ingen grenser"
    )
    licence = window.locator(".story__licence")
    expect(licence).to_be_visible()
    expect(licence).to_contain_text("Fritt til deling under lisensen CC BY 4.0.")
    expect(licence).to_contain_text(f"Historiens adresse: {story}")
    after = licence.locator("a[rel=license]").evaluate(
        "(a) => getComputedStyle(a, '::after').content"
    )
    assert after == '" (https://creativecommons.org/licenses/by/4.0/)"'
    widths = window.evaluate(
        "() => [...document.querySelectorAll('main img')].map("
        "(img) => img.getBoundingClientRect().width <= document.body.clientWidth)"
    )
    assert all(widths)

    PRINT_DIR.mkdir(parents=True, exist_ok=True)
    path = Path(PRINT_DIR / "story.pdf")
    pdf = window.pdf(path=str(path), format="A4")

    assert pdf.startswith(b"%PDF-")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 1
