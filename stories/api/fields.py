"""Serializer fields for the project's page types in the Wagtail API (v2)."""

from django.conf import settings
from rest_framework.fields import Field

from .images import image_representation


def absolute_url(url, request):
    if url is None or url.startswith(("http://", "https://")):
        return url
    if settings.WAGTAILAPI_BASE_URL:
        return settings.WAGTAILAPI_BASE_URL.rstrip("/") + url
    return request.build_absolute_uri(url) if request is not None else url


class WholeObjectField(Field):
    """A read-only field computed from the whole object."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class HtmlUrlField(WholeObjectField):
    """The page's address on the site, on the host the API was called on."""

    def to_representation(self, page):
        request = self.context.get("request")
        return absolute_url(page.get_url(request), request)


class ImageField(Field):
    """An image as rendition URLs in a few widths, WebP and JPEG."""

    def __init__(self, alt_source=None, **kwargs):
        self.alt_source = alt_source
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, image):
        return image_representation(image, self.context.get("request"))


class TagNamesField(WholeObjectField):
    """Tag names, alphabetical."""

    def to_representation(self, page):
        return [tag.name for tag in page.tag_list]


def programme_data(programme):
    if programme is None:
        return None
    return {
        "name": programme.name,
        "short_name": programme.short_name,
        "slug": programme.slug,
        "strand": programme.strand,
        "period": programme.period,
    }


def theme_data(theme):
    return {"code": theme.code, "name": theme.name}


class ProgrammeField(WholeObjectField):
    def to_representation(self, project):
        return programme_data(project.localized_programme)


class ThemesField(WholeObjectField):
    def to_representation(self, page):
        return [theme_data(theme) for theme in page.localized_themes]


class ContactField(WholeObjectField):
    def to_representation(self, story):
        contact = story.localized_contact
        if contact is None:
            return None
        return {
            "name": contact.name,
            "role": contact.role,
            "email": contact.email,
            "phone": contact.phone,
        }


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


class PartnersField(WholeObjectField):
    def to_representation(self, project):
        return [
            {
                "organisation": partner.organisation,
                "country": partner.country.code,
                "country_name": str(partner.country.name),
                "county": {"number": partner.county.number, "name": partner.county.name}
                if partner.county
                else None,
                "role": partner.role,
            }
            for partner in project.partner_list
        ]


class CountiesField(WholeObjectField):
    def to_representation(self, project):
        return [
            {"number": county.number, "name": county.name}
            for county in project.county_list
        ]


class TranslationsField(WholeObjectField):
    """The page's live translations: locale, id and address."""

    def to_representation(self, page):
        request = self.context.get("request")
        known = self.context.get("translations")
        if known is not None and page.translation_key in known:
            others = known[page.translation_key]
        else:
            others = page.get_translations().live().select_related("locale")
        return [
            {
                "locale": other.locale.language_code,
                "id": other.pk,
                "html_url": absolute_url(other.get_url(request), request),
            }
            for other in others
            if other.pk != page.pk
        ]


class BodyField(WholeObjectField):
    """A StreamField as typed JSON blocks: rich text as HTML, images as renditions."""

    def to_representation(self, page):
        value = getattr(page, self.field_name)
        return value.stream_block.get_api_representation(value, self.context)
