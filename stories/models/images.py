"""What the site knows about an image beyond Wagtail's own image model."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImageReuse(models.Model):
    """Whether others may republish an image with the stories it is in.

    A row of its own beside Wagtail's image rather than a custom image model:
    swapping the image model of a site that has images, renditions, tags and
    translations means moving every one of them and every reference to them.
    An image without a row may be shared (the default); editors change it on
    the image's edit screen (stories/image_forms.py).
    """

    image = models.OneToOneField(
        "wagtailimages.Image",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="reuse",
    )
    may_be_shared = models.BooleanField(
        _("may be shared"),
        default=True,
        help_text=_(
            "Untick when the photographer or owner has not allowed others to "
            "republish the image. It is then left out of what others may "
            "republish and embed."
        ),
    )

    class Meta:
        verbose_name = _("image reuse")
        verbose_name_plural = _("image reuse")

    def __str__(self):
        return str(self.image_id)
