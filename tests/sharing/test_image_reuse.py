"""An image's "may be shared" choice on its edit screen in the admin, and that a
change shows at once on the card, also when the page cache is on."""

import pytest
from wagtail.models import Collection

from stories.models import ImageReuse

pytestmark = pytest.mark.django_db


def edit(client, image, **changes):
    data = {
        "title": image.title,
        "description": "",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        **changes,
    }
    return client.post(f"/admin/images/{image.pk}/", data)


def test_the_image_screen_asks_whether_it_may_be_shared(admin_client, html, content):
    image = content["story"].hero_image

    page = html(admin_client.get(f"/admin/images/{image.pk}/"))

    choices = page.select("input[name=may_be_shared]")
    assert [(c["value"], c.has_attr("checked")) for c in choices] == [
        ("yes", True),
        ("no", False),
    ]
    assert "Kan deles" in page.text


def test_editors_withhold_an_image_and_the_card_drops_it_at_once(
    admin_client, client, html, content, page_cache
):
    image = content["story"].hero_image
    card = "/historier/elgen/embed/"
    assert html(client.get(card)).select("img.card__image")
    assert client.get(card)["X-Page-Cache"] == "hit"

    response = edit(admin_client, image, may_be_shared="no")

    assert response.status_code == 302
    assert ImageReuse.objects.get(image=image).may_be_shared is False
    assert html(client.get(card)).select("img") == []


def test_an_edit_that_leaves_the_choice_out_changes_nothing(admin_client, content):
    image = content["story"].hero_image
    ImageReuse.objects.create(image=image, may_be_shared=False)

    response = edit(admin_client, image, title="Nytt navn")

    assert response.status_code == 302
    assert ImageReuse.objects.get(image=image).may_be_shared is False
