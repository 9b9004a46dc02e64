"""The image edit form of the admin, with the image's reuse choice.

Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) gets one more field,
"may be shared", kept in `stories.ImageReuse` beside Wagtail's image.
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

from stories.models import ImageReuse


class ImageForm(BaseImageForm):
    # Yes or no rather than a checkbox: a form that leaves the field out (an
    # uploader showing fewer fields) changes nothing, where an absent checkbox
    # would read as "no".
    may_be_shared = forms.TypedChoiceField(
        label=capfirst(ImageReuse._meta.get_field("may_be_shared").verbose_name),
        help_text=ImageReuse._meta.get_field("may_be_shared").help_text,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        initial="yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            reuse = ImageReuse.objects.filter(image_id=self.instance.pk).first()
            shared = reuse is None or reuse.may_be_shared
            self.initial["may_be_shared"] = "yes" if shared else "no"

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit:
            self.save_reuse()
        else:
            # Wagtail's uploader saves the image itself, then the many-to-many
            # fields through save_m2m: the reuse choice goes with those.
            save_m2m = self.save_m2m

            def save_m2m_and_reuse():
                save_m2m()
                self.save_reuse()

            self.save_m2m = save_m2m_and_reuse
        return image

    def save_reuse(self):
        shared = self.cleaned_data.get("may_be_shared")
        if shared is not None:
            ImageReuse.objects.update_or_create(
                image_id=self.instance.pk, defaults={"may_be_shared": shared}
            )
