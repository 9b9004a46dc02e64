"""Reader polish on a phone (320 and 390 px) and a desktop (1280 px): on every
public page type in both languages nothing scrolls sideways, no word is broken
in the middle, featured stories fill whole rows, and every card shows a picture
or its designed stand-in, never a blank block."""

import datetime

import pytest

from home.models import HomePage
from home.translations import translate
from stories.models import (
    ProjectIndexPage,
    ProjectPage,
    StoryIndexPage,
    StoryPage,
    TipFormPage,
)
from tests.browser.conftest import horizontal_overflow

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = [320, 390, 1280]

# Words whose line box is split across lines (a word may still break after a
# hyphen, a slash or the @ of an address, where readers expect it).
BROKEN_WORDS = """
() => {
    const broken = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element || element.closest(
            "script, style, .visually-hidden, .honeypot, .skip-link, [hidden]"
        )) continue;
        for (const match of node.data.matchAll(/[^\\s\\-\\u2010-\\u2014\\/@]{2,}/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set(
                [...range.getClientRects()]
                    .filter((rect) => rect.width > 0)
                    .map((rect) => Math.round(rect.top))
            );
            if (tops.size > 1) broken.push(
                `${match[0]} (in ${element.tagName.toLowerCase()}.${element.className})`
            );
        }
    }
    return broken;
}
"""

# What reaches past the window's right edge.
TOO_WIDE = """
() => [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
    .slice(-3)
    .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
"""

# Cards without a picture or its stand-in, or whose picture never arrived.
EMPTY_CARDS = """
async () => {
    const images = [...document.querySelectorAll(".card img")];
    images.forEach((img) => { img.loading = "eager"; });
    await Promise.all(images.map((img) => img.decode().catch(() => null)));
    return [...document.querySelectorAll(".card")].flatMap((card) => {
        const title = card.querySelector(".card__title")?.textContent.trim();
        const picture = card.querySelector(".card__image");
        const box = picture?.getBoundingClientRect();
        const shown = picture && box.height > 40 && (
            picture.tagName !== "IMG" || picture.naturalWidth > 0
        );
        return shown && title ? [] : [title || card.outerHTML.slice(0, 80)];
    });
}
"""

# Rows of featured stories that leave a cell empty.
UNFILLED_ROWS = """
() => [...document.querySelectorAll(".card-grid--featured")].flatMap((grid) => {
    const width = grid.getBoundingClientRect().width;
    const rows = new Map();
    for (const item of grid.children) {
        const box = item.getBoundingClientRect();
        const row = rows.get(Math.round(box.top)) || {left: box.left, right: box.right};
        row.left = Math.min(row.left, box.left);
        row.right = Math.max(row.right, box.right);
        rows.set(Math.round(box.top), row);
    }
    return [...rows.values()]
        .filter((row) => row.right - row.left < width - 2)
        .map((row) => `a row ${Math.round(row.right - row.left)} of ${Math.round(width)} px`);
})
"""


@pytest.fixture
def site(demo_site, english):
    """The demo site and a new story without a picture, in both languages."""
    index = StoryIndexPage.objects.get(locale__language_code="nb")
    story = StoryPage(
        title="Grenseløst samarbeid uten bilde",
        slug="uten-bilde",
        intro="En historie som ennå ikke har fått et bilde.",
        date=datetime.date.today(),
        body=[{"type": "paragraph", "value": "<p>Teksten kommer.</p>"}],
    )
    index.add_child(instance=story)
    story.save_revision().publish()
    translate(
        story,
        english,
        {
            story.title: "Cooperation across borders, without a picture",
            story.intro: "A story that has no picture yet.",
            "Teksten kommer.": "The text is coming.",
        },
    )
    return demo_site


PAGE_TYPES = [
    HomePage,
    StoryIndexPage,
    StoryPage,
    ProjectIndexPage,
    ProjectPage,
    TipFormPage,
]
SEARCHES = ["/search/?query=samarbeid", "/en/search/?query=cooperation"]
SECOND_PAGES = ["/historier/?page=2", "/en/stories/?page=2"]


def every_public_address():
    """Every public page of the demo site, in both languages."""
    pages = [model.objects.live().order_by("pk") for model in PAGE_TYPES]
    return [page.url for kind in pages for page in kind] + SEARCHES + SECOND_PAGES


def one_of_each_type():
    """The first page of each type in each language."""
    addresses = []
    for model in PAGE_TYPES:
        for language in ("nb", "en"):
            page = model.objects.live().filter(locale__language_code=language).first()
            addresses.append(page.url)
    return addresses + SEARCHES + SECOND_PAGES


def test_pages_fit_phones_and_desktops_with_whole_words_and_no_empty_cards(
    open_browser, site
):
    """Every page at the narrowest width, where long words are hardest to fit;
    one page of each type at the others."""
    problems = []
    every, each_type = every_public_address(), one_of_each_type()
    for width in WIDTHS:
        page = open_browser(width).page
        for address in every if width == min(WIDTHS) else each_type:
            response = page.goto(address)
            label = f"{width} px {address}"
            if response.status != 200:
                problems.append(f"{label}: {response.status}")
                continue
            if overflow := horizontal_overflow(page):
                problems.append(
                    f"{label}: {overflow} px sideways scrolling "
                    f"({', '.join(page.evaluate(TOO_WIDE))})"
                )
            for word in page.evaluate(BROKEN_WORDS):
                problems.append(f"{label}: “{word}” broken across lines")
            for card in page.evaluate(EMPTY_CARDS):
                problems.append(f"{label}: card without a picture: {card}")
            for row in page.evaluate(UNFILLED_ROWS):
                problems.append(f"{label}: featured stories leave {row}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
