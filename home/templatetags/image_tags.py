"""Wagtail's `{% image %}`, `{% srcset_image %}` and `{% picture %}`, with their
filters parsed when the template is compiled instead of on every rendering
(home/renditions.py says why). Parsing, attributes and output are Wagtail's own.
"""

from django import template
from django.utils.functional import cached_property
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags as wagtail

from home.renditions import image_filter

register = template.Library()


class ImageNode(wagtail.ImageNode):
    @cached_property
    def filter(self):
        return image_filter("|".join(self.filter_specs))

    def get_filter(self):
        return self.filter

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        # get_renditions: Wagtail's get_rendition would write the rendition
        # back to the cache on every rendering.
        rendition = get_renditions_or_not_found(image, [self.filter])[self.filter.spec]
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return rendition.img_tag(attrs)


class _FiltersOnce:
    @cached_property
    def filters(self):
        return [
            image_filter(spec) for spec in wagtail.Filter.expand_spec(self.filter_specs)
        ]

    def get_filters(self):
        return self.filters


class SrcsetImageNode(_FiltersOnce, wagtail.SrcsetImageNode):
    pass


class PictureNode(_FiltersOnce, wagtail.PictureNode):
    pass


NODES = {
    wagtail.ImageNode: ImageNode,
    wagtail.SrcsetImageNode: SrcsetImageNode,
    wagtail.PictureNode: PictureNode,
}


def image(parser, token):
    node = wagtail.image(parser, token)
    return NODES[type(node)](
        node.image_expr,
        node.filter_specs,
        attrs=node.attrs,
        output_var_name=node.output_var_name,
    )


register.tag("image", image)
register.tag("srcset_image", image)
register.tag("picture", image)
