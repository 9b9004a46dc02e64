"""Real-browser tests: Playwright drives Debian's Chromium against the live server.

- Chromium is /usr/bin/chromium (`apt-get install chromium`); Playwright's own
  browser download is never used. axe-core comes from npm (`npm ci` at the
  project root puts it in node_modules/).
- The tests use pytest-django's `live_server` on a transactional database, with
  `serialized_rollback=True` (see the modules' markers): each test starts from
  the database as migrations left it (Wagtail's root collection, the
  wagtail-localize permission, locales, home pages, counties), whatever the
  test before it did, and builds everything else itself.
- The live server does not serve uploaded media (in production the web server
  or object storage does); the browser windows here answer /media/ from
  MEDIA_ROOT themselves, and refuse, while recording, every request that would
  leave the machine.
- Screenshots of the public pages go to test-artifacts/screenshots/; when a
  test fails, what each of its windows showed goes to test-artifacts/failures/.
"""

import contextlib
import mimetypes
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from home.translations import string_pairs, translate
from stories.demo.tip_form import build_tip_form_page, tip_form_pairs
from tests.factories import home_page

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = PROJECT_DIR / "test-artifacts" / "screenshots"
FAILURE_DIR = PROJECT_DIR / "test-artifacts" / "failures"
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}
BLOCKING_IMPACTS = {"serious", "critical"}
PASSWORD = "et-langt-passord-for-nettleseren"  # noqa: S105
TIMEOUT_MS = 15_000


@pytest.fixture
def browser(transactional_db):
    """Chromium, started for one test and closed before its database is flushed.

    Playwright's synchronous API keeps an asyncio loop running in this thread
    while it is started. Django then (a) refuses ORM calls as "async unsafe" and
    (b) keeps database connections per context instead of per thread, so the
    test's ORM calls get a connection of their own. Hence, per test:
    Playwright starts after the test database is ready (`transactional_db`,
    which also restores the data migrations made, see the modules' markers),
    the async-safety check is off only while it runs (the tests call the ORM
    only between browser steps), and the extra connections are closed before
    it stops, so the flush afterwards, and every other test in the session,
    run exactly as without a browser. Starting Chromium takes about a second.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            try:
                yield chromium
            finally:
                chromium.close()
                connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class Visitor:
    """One person's browser window: a context, its page, and what it tried."""

    context: BrowserContext
    page: Page
    viewport: str
    outside_requests: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)


def _serve_media(route):
    """Answer /media/… from MEDIA_ROOT, as the web server does in production."""
    relative = urlsplit(route.request.url).path.removeprefix(settings.MEDIA_URL)
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / relative).resolve()
    if path.is_file() and path.is_relative_to(root):
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(path=str(path), content_type=content_type)
    else:
        route.fulfill(status=404, body="")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, for the failure screenshots below."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def open_browser(request, browser: Browser, live_server, settings):
    """Open a new browser window at "phone" (390×844) or "desktop" (1280×900)
    size, or at a given width.

    Every window has its own cookies (a separate person), bypasses any Content
    Security Policy so axe can be injected, serves media, and refuses, while
    recording, every request that would leave the machine.
    """
    visitors = []
    local = live_server.url

    def open_window(viewport="desktop"):
        """`viewport`: "phone", "desktop", or a width in CSS pixels."""
        size = (
            VIEWPORTS[viewport]
            if isinstance(viewport, str)
            else {"width": viewport, "height": 800}
        )
        context = browser.new_context(
            base_url=local,
            viewport=size,
            bypass_csp=True,
            locale="nb-NO",
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        visitor = Visitor(context=context, page=page, viewport=viewport)

        def route(route):
            url = route.request.url
            if not url.startswith(local):
                visitor.outside_requests.append(url)
                route.abort()
            elif urlsplit(url).path.startswith(settings.MEDIA_URL):
                _serve_media(route)
            else:
                route.continue_()

        context.route("**/*", route)
        page.on("pageerror", lambda error: visitor.page_errors.append(str(error)))
        visitors.append(visitor)
        return visitor

    yield open_window
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        # What each window showed when the test failed, to look at afterwards.
        FAILURE_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", request.node.name)
        for number, visitor in enumerate(visitors, start=1):
            with contextlib.suppress(Exception):
                visitor.page.screenshot(
                    path=str(FAILURE_DIR / f"{name}-window{number}.png"), full_page=True
                )
    for visitor in visitors:
        visitor.context.close()


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request, open_browser):
    """A page at phone size, then at desktop size (the test runs once for each)."""
    return open_browser(request.param).page


@pytest.fixture(autouse=True)
def tip_settings(settings):
    """A person needs a moment to fill in the form; tests need not wait three."""
    settings.TIP_MIN_FILL_SECONDS = 1
    settings.TIP_RATE_LIMIT = 100
    return settings


def wait_until_a_person_could_have_filled_it(shown_at):
    """Sleep until TIP_MIN_FILL_SECONDS have passed since the form was shown
    (`shown_at`: time.monotonic() then); sooner, the form refuses the tip."""
    time.sleep(
        max(0, shown_at + settings.TIP_MIN_FILL_SECONDS + 0.2 - time.monotonic())
    )


@pytest.fixture
def tip_form(db, english):
    """The tip form page at /tips-oss/ with its English translation /en/send-a-tip/."""
    page = build_tip_form_page()
    home_page().add_child(instance=page)
    page.save_revision().publish()
    texts = {}
    for source, target in tip_form_pairs():
        texts.update(string_pairs(source, target))
    translate(page, english, texts)
    return page


@pytest.fixture
def demo_site(db):
    """The full bilingual demo site (`manage.py seed_demo`)."""
    from stories.demo.pages import seed_demo_site

    return seed_demo_site()


@pytest.fixture
def people(db):
    """An editor, a moderator and a translator, in the groups setup_editorial makes.

    Request it after the fixtures that build the story sections: the workflow is
    attached to the sections that exist when setup_editorial runs.
    """
    call_command("setup_editorial", verbosity=0)

    def member(username, group, first_name):
        user = User.objects.create_user(
            username, f"{username}@example.no", PASSWORD, first_name=first_name
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "editor": member("redaktor", "Editors", "Rita"),
        "moderator": member("moderator", "Moderators", "Mona"),
        "translator": member("oversetter", "Translators", "Otto"),
    }


def log_in(page: Page, username):
    """Log in to the Wagtail admin the way a person does, on the login form."""
    page.goto("/admin/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


# axe-core


def axe_problems(page: Page, label):
    """Run axe-core on the page; describe every serious or critical violation."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` in {PROJECT_DIR}")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    problems = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        targets = "; ".join(
            " ".join(map(str, node["target"])) for node in violation["nodes"][:8]
        )
        more = len(violation["nodes"]) - 8
        problems.append(
            f"{label}: {violation['id']} ({violation['impact']}): "
            f"{violation['help']} [{targets}{f'; … {more} more' if more > 0 else ''}]"
        )
    return problems


# Screenshots


def screenshot(page: Page, name):
    """Write a full-page screenshot to test-artifacts/screenshots/<name>.png.

    Lazy images below the fold are loaded first, so the picture shows them.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.evaluate(
        "() => document.querySelectorAll('img[loading=lazy]')"
        ".forEach((img) => { img.loading = 'eager'; })"
    )
    page.wait_for_function(
        "() => [...document.images].every((img) => img.complete)", timeout=10_000
    )
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def horizontal_overflow(page: Page):
    """How many CSS pixels the page is wider than the window (0: no sideways scroll)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


_FORM_ERRORS_JS = """() =>
    [...document.querySelectorAll('.error-message, .help-critical, .w-field__errors')]
        .filter((element) => element.innerText.trim())
        .map((element) => {
            const path = [];
            for (let node = element; node; node = node.parentElement) {
                if (node.dataset && node.dataset.contentpath) {
                    path.unshift(node.dataset.contentpath);
                }
            }
            return `${path.join('.') || '(form)'}: ${element.innerText.trim()}`;
        })
"""


def expect_saved(page, message):
    """Wait for the admin's success `message`; if the form came back with errors
    instead, fail naming each field and its error (the message alone, "the page
    could not be saved", says nothing of why)."""
    try:
        expect(page.locator(".messages")).to_contain_text(message)
    except AssertionError as failure:
        errors = list(dict.fromkeys(page.evaluate(_FORM_ERRORS_JS)))
        raise AssertionError(
            f"{message!r} never appeared; the form's errors: {errors}"
        ) from failure


def wait_for_autosave(page):
    """Let Wagtail's autosave (every WAGTAIL_AUTOSAVE_INTERVAL ms while an editor
    types) answer before the next step, as its indicator shows an editor; a save
    still on its way when the form is sent races the form on a busy machine."""
    expect(page.locator("#w-autosave-indicator")).not_to_have_attribute(
        "data-w-autosave-state-value", "saving"
    )
