"""`{% fragment "name" vary… %}…{% endfragment %}`: template fragments kept in the
shared cache until published content changes.

Like Django's `{% cache %}`, with two differences: the key includes the page
cache's generation, which every publish, unpublish, move and settings change
bumps (so nothing stale is ever shown), and today's date (so nothing that depends
on it freezes); previews always render afresh. Off unless there is a shared cache
(Redis): see interreg/page_cache.py.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from interreg.page_cache import generation, lifetime

register = template.Library()

FRAGMENT_SECONDS = 60 * 60 * 24


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if not settings.FRAGMENT_CACHE or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [str(part.resolve(context)) for part in self.vary_on]
        host = request.get_host() if request is not None else ""
        digest = hashlib.md5(  # noqa: S324 - a cache key, not security
            "\x1f".join([host, get_language() or "", *parts]).encode()
        ).hexdigest()
        today = timezone.localdate()
        key = f"fragment:{generation()}:{today:%Y%m%d}:{self.name}:{digest}"
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, str(html), lifetime(FRAGMENT_SECONDS))
        return mark_safe(html)  # noqa: S308 - rendered by the template engine


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(
        nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]]
    )
