"""Serializer fields for the project's page types in the Wagtail API (v2).

Each field says what its representation looks like in `schema()` (JSON Schema,
see `stories.api.schema`), next to the code that makes it; the OpenAPI document
is built from these. A field finds the models it describes through the model of
the serializer it is bound to (`self.parent.Meta.model`), since the models
import this module.
"""

import functools

from django.conf import settings
from rest_framework.fields import ChoiceField, Field, IntegerField

from home.compiled import compiled
from home.licences import LICENCES
from home.models import SiteSettings

from .images import IMAGE, absolute_url, image_representation
from .schema import (
    INTEGER,
    STRING,
    URI,
    array,
    block_schema,
    enum,
    model_field_schema,
    model_schema,
    named,
    nullable,
    obj,
)

PROGRAMME_FIELDS = ("name", "short_name", "slug", "strand", "period")
THEME_FIELDS = ("code", "name")
CONTACT_FIELDS = ("name", "role", "email", "phone")
COUNTY_FIELDS = ("number", "name")


def locale_schema():
    """A content language's code, as pages and translations give it."""
    return enum(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)


def related_model(model, *path):
    """The model at the end of a path of relations, e.g. ("partners",)."""
    for name in path:
        model = model._meta.get_field(name).related_model
    return model


def values(instance, names):
    return {name: getattr(instance, name) for name in names}


def programme_data(programme):
    if programme is None:
        return None
    return values(programme, PROGRAMME_FIELDS)


def programme_schema(programme_model):
    return named("Programme", model_schema(programme_model, PROGRAMME_FIELDS))


def county_data(county):
    return values(county, COUNTY_FIELDS)


def county_schema(county_model):
    return named("County", model_schema(county_model, COUNTY_FIELDS))


class WholeObjectField(Field):
    """A read-only field computed from the whole object."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    @property
    def model(self):
        """The model of the serializer this field is bound to."""
        return self.parent.Meta.model


class HtmlUrlField(WholeObjectField):
    """The page's address on the site, on the host the API was called on."""

    def to_representation(self, page):
        request = self.context.get("request")
        return absolute_url(page.get_url(request), request)

    def schema(self):
        return nullable(URI)


class ImageField(Field):
    """An image as rendition URLs in a few widths, WebP and JPEG."""

    def __init__(self, alt_source=None, **kwargs):
        self.alt_source = alt_source
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, image):
        return image_representation(image, self.context.get("request"))

    def schema(self):
        return nullable(IMAGE)


class TagNamesField(WholeObjectField):
    """Tag names, alphabetical."""

    def to_representation(self, page):
        return [tag.name for tag in page.tag_list]

    def schema(self):
        return array(STRING)


class ChoiceValueField(ChoiceField):
    """A value computed by the model (a property) from a fixed set of choices."""

    def __init__(self, choices, **kwargs):
        kwargs["read_only"] = True
        super().__init__(choices, **kwargs)

    def schema(self):
        return enum(str(value) for value in self.choices)


class CountField(IntegerField):
    """A whole number computed by the model (a property), at least `min_value`."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def schema(self):
        return {"type": "integer", "minimum": self.min_value or 0}


class ProgrammeField(WholeObjectField):
    """The project's programme, in the project's language."""

    def to_representation(self, project):
        return programme_data(project.localized_programme)

    def schema(self):
        return nullable(programme_schema(related_model(self.model, self.field_name)))


class ThemesField(WholeObjectField):
    """The page's themes, in the page's language."""

    def to_representation(self, page):
        return [values(theme, THEME_FIELDS) for theme in page.localized_themes]

    def schema(self):
        theme_model = related_model(self.model, self.field_name)
        return array(named("Theme", model_schema(theme_model, THEME_FIELDS)))


class ContactField(WholeObjectField):
    """The story's contact person, with the role in the story's language."""

    def to_representation(self, story):
        contact = story.localized_contact
        if contact is None:
            return None
        return values(contact, CONTACT_FIELDS)

    def schema(self):
        contact_model = related_model(self.model, self.field_name)
        return nullable(named("Contact", model_schema(contact_model, CONTACT_FIELDS)))


class LicenceField(WholeObjectField):
    """The licence the story may be republished under: the site's, or the
    story's own where it narrows the site's."""

    def to_representation(self, story):
        # Listings and details fetch the site's licence with the story's row.
        site_licence = getattr(story, "site_licence", None)
        request = self.context.get("request")
        if site_licence is None and request is not None:
            site_licence = SiteSettings.for_request(request).licence
        licence = story.licence_under(site_licence)
        return {"code": licence.code, "name": licence.name, "url": licence.url}

    def schema(self):
        return named(
            "Licence",
            obj({"code": enum(LICENCES), "name": STRING, "url": URI}),
        )


class StoryProjectsField(WholeObjectField):
    """The projects a story is about: id, title, acronym, URL and programme."""

    def to_representation(self, story):
        request = self.context.get("request")
        return [
            {
                "id": project.pk,
                "title": project.title,
                "acronym": project.acronym,
                "html_url": absolute_url(project.get_url(request), request),
                "programme": programme_data(project.localized_programme),
            }
            for project in story.projects
        ]

    def schema(self):
        project_model = related_model(self.model, "project_links", "project")
        fields = project_model._meta
        return array(
            named(
                "ProjectReference",
                obj(
                    {
                        "id": INTEGER,
                        "title": model_field_schema(fields.get_field("title")),
                        "acronym": model_field_schema(fields.get_field("acronym")),
                        "html_url": nullable(URI),
                        "programme": nullable(
                            programme_schema(related_model(project_model, "programme"))
                        ),
                    }
                ),
            )
        )


class PartnersField(WholeObjectField):
    """The project's partners in their order: organisation, country, county, role."""

    def to_representation(self, project):
        return [
            {
                "organisation": partner.organisation,
                "country": partner.country.code,
                "country_name": str(partner.country.name),
                "county": county_data(partner.county) if partner.county else None,
                "role": partner.role,
            }
            for partner in project.partner_list
        ]

    def schema(self):
        partner_model = related_model(self.model, self.field_name)
        fields = partner_model._meta
        return array(
            named(
                "Partner",
                obj(
                    {
                        "organisation": model_field_schema(
                            fields.get_field("organisation")
                        ),
                        # ISO 3166-1 alpha-2, and its name in the request's language
                        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
                        "country_name": STRING,
                        "county": nullable(
                            county_schema(related_model(partner_model, "county"))
                        ),
                        "role": model_field_schema(fields.get_field("role")),
                    }
                ),
            )
        )


class CountiesField(WholeObjectField):
    """The Norwegian counties the project works in."""

    def to_representation(self, project):
        return [county_data(county) for county in project.county_list]

    def schema(self):
        return array(county_schema(related_model(self.model, self.field_name)))


@functools.cache
def live_translations(model):
    """Live pages of type `model` with any of some translation keys (a page's
    translations, and the page itself), with their locales and without their
    bodies: the API shows only their locale, id and address."""
    return compiled(
        lambda keys: (
            model.objects.live()
            .filter(translation_key__any_of=keys)
            .defer_streamfields()
            .select_related("locale")
        )
    )


class TranslationsField(WholeObjectField):
    """The page's live translations: locale, id and address."""

    def to_representation(self, page):
        request = self.context.get("request")
        known = self.context.get("translations")
        if known is not None and page.translation_key in known:
            others = known[page.translation_key]
        else:
            others = live_translations(type(page))([page.translation_key])
        return [
            {
                "locale": other.locale.language_code,
                "id": other.pk,
                "html_url": absolute_url(other.get_url(request), request),
            }
            for other in others
            if other.pk != page.pk
        ]

    def schema(self):
        return array(
            named(
                "Translation",
                obj(
                    {
                        "locale": locale_schema(),
                        "id": INTEGER,
                        "html_url": nullable(URI),
                    }
                ),
            )
        )


class BodyField(WholeObjectField):
    """A StreamField as typed JSON blocks: rich text as HTML, images as renditions."""

    def to_representation(self, page):
        value = getattr(page, self.field_name)
        return value.stream_block.get_api_representation(value, self.context)

    def schema(self):
        return block_schema(self.model._meta.get_field(self.field_name).stream_block)
