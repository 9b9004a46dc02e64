"""The demo site: home page texts, section pages, projects and stories in nb and en.

Idempotent: a page that exists (by slug under its parent) is left as editors left
it; only missing pages and missing English translations are created.
"""

import datetime
import json
from decimal import Decimal

from anyascii import anyascii
from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Locale, Site

from home.models import HomeFeaturedStory
from home.translations import string_pairs, translate
from stories.models import (
    County,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    StoryIndexPage,
    StoryPage,
    StoryProject,
    TipFormPage,
)

from .bodies import IMAGE_ALT, stream_data
from .images import image_pool
from .taxonomy import DATA_DIR, seed_contact, seed_programmes, seed_themes
from .tip_form import build_tip_form_page, tip_form_pairs

HOME_TEXTS = {
    "intro": (
        "Historier om hva norske partnere har fått til gjennom samarbeid over "
        "landegrensene i EUs Interreg-program.",
        "Stories of what Norwegian partners have achieved through cooperation "
        "across borders in the EU's Interreg programmes.",
    ),
    "tip_heading": (
        "Har du en god Interreg-historie å fortelle?",
        "Do you have a good Interreg story to tell?",
    ),
    "tip_text": (
        "Vi er på jakt etter aktiviteter og resultater fra aktive og avsluttede "
        "Interreg-prosjekter. Sammen med deg formidler vi hvordan samarbeidet har "
        "vært nyttig for din region.",
        "We are looking for activities and results from active and completed "
        "Interreg projects. Together with you, we will tell how the cooperation "
        "has helped your region.",
    ),
    "about_heading": ("Hva er Interreg?", "What is Interreg?"),
    "about_text": (
        "<p>Interreg handler om hvordan samarbeid over landegrensene gjør oss "
        "sterkere. Siden 1996 har norske forsknings- og utdanningsinstitusjoner, "
        "offentlige myndigheter, organisasjoner og bedrifter deltatt i mer enn "
        "1200 prosjekter sammen med partnere fra hele Europa.</p>",
        "<p>Interreg is about how cooperation across borders makes us stronger. "
        "Since 1996 Norwegian research and education institutions, public bodies, "
        "organisations and companies have taken part in more than 1,200 projects "
        "with partners from all over Europe.</p>",
    ),
}

SECTIONS = {
    StoryIndexPage: {
        "slug": ("historier", "stories"),
        "title": ("Historier", "Stories"),
        "intro": (
            "Inspirerende fortellinger om aktiviteter og resultater fra Interreg-"
            "prosjekter med norske partnere.",
            "Inspiring accounts of activities and results from Interreg projects "
            "with Norwegian partners.",
        ),
    },
    ProjectIndexPage: {
        "slug": ("prosjekter", "projects"),
        "title": ("Prosjekter", "Projects"),
        "intro": (
            "Interreg-prosjekter med norsk deltakelse, fra nordområdene til Nordsjøen.",
            "Interreg projects with Norwegian participation, from the High North "
            "to the North Sea.",
        ),
    },
}


def load(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def texts_from(pairs):
    texts = {}
    for source, target in pairs:
        if source and target:
            texts.update(string_pairs(source, target))
    return texts


def ensure_translation(page, locale, pairs):
    if page.get_translation_or_none(locale) is None:
        translate(page, locale, texts_from(pairs))


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_home(home, en, images, stories):
    """Front page texts, image and the three newest stories as featured ones."""
    if home.intro:
        return
    for field, (nb_text, _en_text) in HOME_TEXTS.items():
        setattr(home, field, nb_text)
    home.hero_image = images["coast"]
    newest = sorted(stories, key=lambda story: story.date, reverse=True)[:3]
    home.featured_stories = [HomeFeaturedStory(story=story) for story in newest]
    home.save_revision().publish()
    pairs = [*HOME_TEXTS.values(), ("Interreg-historier", "Interreg Stories")]
    translate(home, en, texts_from(pairs))


def seed_section(home, model, en):
    texts = SECTIONS[model]
    page = model.objects.child_of(home).first()
    if page is None:
        page = publish(
            home,
            model(
                title=texts["title"][0],
                slug=texts["slug"][0],
                intro=texts["intro"][0],
                show_in_menus=True,
            ),
        )
    ensure_translation(page, en, texts.values())
    return page


def seed_tip_form(home, en):
    page = TipFormPage.objects.child_of(home).first()
    if page is None:
        page = publish(home, build_tip_form_page())
    ensure_translation(page, en, tip_form_pairs())
    return page


def seed_projects(index, en, programmes, themes, images):
    counties = {county.number: county for county in County.objects.all()}
    pool = list(images.values())
    projects = {}
    for position, item in enumerate(load("projects.json")):
        slug = slugify(anyascii(item["acronym"]))
        project = ProjectPage.objects.child_of(index).filter(slug=slug).first()
        if project is None:
            project = ProjectPage(
                title=item["name"]["nb"],
                slug=slug,
                acronym=item["acronym"],
                programme=programmes[item["programme"]],
                programme_period=item["period"],
                start_date=datetime.date.fromisoformat(item["start"]),
                end_date=item["end"] and datetime.date.fromisoformat(item["end"]),
                total_budget_eur=_amount(item.get("total_budget_eur")),
                eu_funding_eur=_amount(item.get("eu_funding_eur")),
                norwegian_funding_nok=_amount(item.get("norwegian_funding_nok")),
                lead_partner=item["lead_partner"],
                website=item.get("website") or "",
                keep_eu_url=item.get("keep_eu_url") or "",
                summary=item["summary"]["nb"],
                hero_image=pool[position % len(pool)],
            )
            project.partners = [
                ProjectPartner(
                    organisation=partner["organisation"],
                    country=partner["country"],
                    county=counties.get(partner.get("county") or ""),
                    role=partner.get("role") or ProjectPartner.Role.PARTNER,
                )
                for partner in item["partners"]
            ]
            project.themes = [themes[code] for code in item["themes"]]
            project.counties = [counties[number] for number in item["counties"]]
            project.tags.add(*item["tags"]["nb"])
            publish(index, project)
        ensure_translation(
            project,
            en,
            [
                _pair(item["name"]),
                # The acronym is the address in both languages.
                (project.slug, project.slug),
                _pair(item["summary"]),
                *_tag_pairs(item),
            ],
        )
        projects[item["acronym"]] = project
    return projects


def seed_stories(index, en, projects, themes, contact, images):
    stories = []
    for item in load("stories.json"):
        story = (
            StoryPage.objects.child_of(index).filter(slug=item["slug"]["nb"]).first()
        )
        body, pairs = stream_data(item["body"], images)
        hero = _first_image(item["body"]) or "meeting"
        if story is None:
            story = StoryPage(
                title=item["title"]["nb"],
                slug=item["slug"]["nb"],
                intro=item["intro"]["nb"],
                date=datetime.date.fromisoformat(item["date"]),
                byline=item["byline"],
                body=body,
                hero_image=images[hero],
                hero_alt=IMAGE_ALT[hero][0],
                contact=contact,
            )
            story.project_links = [
                StoryProject(project=projects[acronym]) for acronym in item["projects"]
            ]
            story.themes = [themes[code] for code in item["themes"]]
            story.tags.add(*item["tags"]["nb"])
            publish(index, story)
        ensure_translation(
            story,
            en,
            [
                _pair(item["title"]),
                _pair(item["slug"]),
                _pair(item["intro"]),
                IMAGE_ALT[hero],
                *_tag_pairs(item),
                *pairs,
            ],
        )
        stories.append(story)
    return stories


def seed_demo_site():
    """Build or complete the bilingual demo site; returns counts for the report."""
    nb = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    en = Locale.objects.get(language_code="en")
    home = Site.objects.get(is_default_site=True).root_page.specific
    images = image_pool()
    programmes = seed_programmes(nb, en)
    themes = seed_themes(nb, en)
    contact = seed_contact(nb, en)
    story_index = seed_section(home, StoryIndexPage, en)
    project_index = seed_section(home, ProjectIndexPage, en)
    seed_tip_form(home, en)
    projects = seed_projects(project_index, en, programmes, themes, images)
    stories = seed_stories(story_index, en, projects, themes, contact, images)
    seed_home(home, en, images, stories)
    return {
        "programmes": len(programmes),
        "projects": len(projects),
        "stories": len(stories),
    }


def _pair(value):
    return value["nb"], value["en"]


def _tag_pairs(item):
    return zip(item["tags"]["nb"], item["tags"]["en"], strict=True)


def _amount(value):
    return None if value is None else Decimal(str(value))


def _first_image(blocks):
    for block in blocks:
        if block["type"] == "image":
            return block["value"]["image"]
    return None
