"""The lists pages show, asked for by their templates (stories/listing.py)."""

from django import template

from stories import listing

register = template.Library()


@register.simple_tag(takes_context=True)
def story_listing(context, index):
    """`{% story_listing page as listing %}`: filter form, stories, popular tags."""
    return listing.story_listing(index, context["request"])


@register.simple_tag(takes_context=True)
def project_listing(context, index):
    """`{% project_listing page as listing %}`: filter form and projects."""
    return listing.project_listing(index, context["request"])


@register.simple_tag
def project_stories(project):
    """`{% project_stories page as stories %}`: live stories about the project."""
    return listing.project_stories(project)


@register.simple_tag(takes_context=True)
def home_sections(context, home):
    """`{% home_sections page as sections %}`: featured and latest stories, and
    the story index and tip form to link to."""
    return listing.home_sections(home, context["request"])
