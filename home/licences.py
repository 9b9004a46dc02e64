"""The licences under which the site's articles may be reused.

The call for stories promises the projects that the articles "can be shared
freely by the projects on social media or in other channels". Editors choose the
licence for the whole site (Site settings); a story may narrow it, never widen
it. Creative Commons licences are ordered by their conditions: a licence is at
least as narrow as another when it keeps every condition of the other (BY-NC
is narrower than BY; BY-SA and BY-ND do not narrow each other).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DEFAULT = "cc-by-4.0"


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    url: str
    # What a reuser must do or may not do, besides naming the source.
    conditions: frozenset

    def __str__(self):
        return self.name

    def narrows(self, other):
        """Whether this licence allows no more than `other` does."""
        return self.conditions >= other.conditions


def _cc(code, name, path, *conditions):
    return Licence(
        code=code,
        name=name,
        url=f"https://creativecommons.org/licenses/{path}/4.0/",
        conditions=frozenset(conditions),
    )


LICENCES = {
    licence.code: licence
    for licence in (
        _cc("cc-by-4.0", "CC BY 4.0", "by", "BY"),
        _cc("cc-by-sa-4.0", "CC BY-SA 4.0", "by-sa", "BY", "SA"),
        _cc("cc-by-nd-4.0", "CC BY-ND 4.0", "by-nd", "BY", "ND"),
        _cc("cc-by-nc-4.0", "CC BY-NC 4.0", "by-nc", "BY", "NC"),
        _cc("cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0", "by-nc-sa", "BY", "NC", "SA"),
        _cc("cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0", "by-nc-nd", "BY", "NC", "ND"),
    )
}

CHOICES = [
    ("cc-by-4.0", _("CC BY 4.0 (credit the source)")),
    ("cc-by-sa-4.0", _("CC BY-SA 4.0 (credit, share alike)")),
    ("cc-by-nd-4.0", _("CC BY-ND 4.0 (credit, no changes)")),
    ("cc-by-nc-4.0", _("CC BY-NC 4.0 (credit, not commercially)")),
    ("cc-by-nc-sa-4.0", _("CC BY-NC-SA 4.0 (credit, not commercially, share alike)")),
    ("cc-by-nc-nd-4.0", _("CC BY-NC-ND 4.0 (credit, not commercially, no changes)")),
]


def get(code):
    """The licence with `code`, or the default for an unknown or empty code."""
    return LICENCES.get(code) or LICENCES[DEFAULT]


def narrowed(site_code, page_code):
    """The licence a page is reused under: its own when it narrows the site's,
    otherwise the site's (a page never allows more than the site does, also
    after editors narrow the site's licence)."""
    site = get(site_code)
    own = LICENCES.get(page_code)
    return own if own is not None and own.narrows(site) else site
