"""`{% load image_tags %}`: Wagtail's image tags, the same HTML."""

import pytest
from django.template import engines

from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

PICTURES = [
    # A card's picture: two formats, two widths, a bare and a quoted attribute.
    'format-{webp,jpeg} fill-{400x225,800x450} sizes="(min-width: 64rem) 24rem,'
    ' 100vw" alt=alt class="card__image" loading="lazy"',
    # The top of a story: three widths, an attribute from the page.
    'format-{webp,jpeg} fill-{640x360,1024x576,1600x900} sizes="100vw" alt=alt'
    ' fetchpriority="high"',
    # One format, one width: Wagtail writes a plain <img> in <picture>.
    "fill-200x100 alt=alt",
    # Two widths of one format: a srcset, no <source>.
    "width-{300,600} alt=alt",
]


def render(library, arguments, **context):
    template = engines["django"].from_string(
        f"{{% load {library} %}}{{% picture image {arguments} %}}"
    )
    return template.render(context)


@pytest.mark.parametrize("arguments", PICTURES)
@pytest.mark.parametrize(
    "alt", ['A "quoted" <caption> & more', "Fjord ved Ålesund", ""]
)
def test_picture_writes_what_wagtails_picture_writes(arguments, alt):
    image = ImageFactory()
    ours = render("image_tags", arguments, image=image, alt=alt)
    wagtails = render("wagtailimages_tags", arguments, image=image, alt=alt)
    assert ours == wagtails
    assert ours.startswith("<picture>")


def test_picture_without_an_image_writes_nothing():
    assert render("image_tags", PICTURES[0], image=None, alt="") == ""
