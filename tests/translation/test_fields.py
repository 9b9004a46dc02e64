"""What translators translate and what stays in sync with the source."""

import pytest
from wagtail_localize.fields import get_translatable_fields

from stories.models import Contact, Programme, ProjectPage, StoryPage, Theme


def kinds(model):
    return {
        field.field_name: "translated" if field.is_translated(None) else "synced"
        for field in get_translatable_fields(model)
    }


@pytest.mark.parametrize(
    ("model", "translated", "synced"),
    [
        (
            StoryPage,
            {"title", "slug", "intro", "hero_caption", "hero_alt", "body", "tags"},
            {
                "date",
                "byline",
                "hero_image",
                "hero_credit",
                "contact",
                "themes",
                "programmes",
                "project_links",
            },
        ),
        (
            ProjectPage,
            {"title", "slug", "summary", "body", "tags"},
            {
                "acronym",
                "project_code",
                "programme",
                "programme_period",
                "start_date",
                "end_date",
                "total_budget_eur",
                "eu_funding_eur",
                "cofinancing_rate",
                "norwegian_funding_nok",
                "lead_partner",
                "partners",
                "counties",
                "themes",
                "hero_image",
                "website",
                "keep_eu_url",
            },
        ),
        (Programme, {"name", "short_name"}, {"slug", "strand", "period", "website"}),
        (Theme, {"name", "description"}, {"code"}),
        (Contact, {"role"}, {"name", "email", "phone", "photo"}),
    ],
)
def test_fields_are_translated_or_kept_in_sync(model, translated, synced):
    fields = kinds(model)

    assert {name for name in translated if fields[name] == "translated"} == translated
    assert {name for name in synced if fields[name] == "synced"} == synced
